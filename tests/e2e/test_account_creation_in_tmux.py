"""The real program at 80×24 in tmux, keyboard only (M8): Paul DUPONT opens Menuiserie Dupont
from « Mes structures » and creates the account of Zoé LEROY, who has none; Zoé activates it with
``chorus-tui activate CODE`` (the code read from the outbox, never shown on screen) and logs in.

The way in is F3 (« Activités du gestionnaire »), s « Mes structures », Enter on
Menuiserie Dupont, F5 (the block « Utilisateurs rattachés à la structure »), then ``c``
(« Créer le compte utilisateur »)."""

from __future__ import annotations

import re
import sqlite3
import time

import pytest

from tests.e2e.test_account_in_tmux import DEMO_PASSWORD, log_in, start

pytestmark = pytest.mark.e2e

PAUL = "paul.dupont@menuiserie.fr"
ZOE = "zoe.leroy@menuiserie.fr"
ZOE_CONTACT = "zoe.leroy@example.fr"
NEW_PASSWORD = "Nouveau.Secret.2026"
CODE = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4})+")


@pytest.fixture
def sessions():
    opened = []
    yield opened
    for session in opened:
        session.close()


def test_paul_creates_an_account_that_the_person_activates_and_uses(tmp_path, sessions):
    program = start(tmp_path)
    sessions.append(program)
    log_in(program, PAUL, DEMO_PASSWORD)
    program.wait_for("Dernière connexion le")
    program.send("F3")
    program.wait_for("Les demandes de rattachement")
    program.send("s")  # « Mes structures »
    program.wait_for("Menuiserie Dupont")
    program.send("Enter")  # Paul's structures by name: Menuiserie Dupont first
    program.wait_for("12600591700516")
    time.sleep(0.5)  # the address fields take the focus once the screen is shown
    program.send("F5")  # out of the address fields, on the users of the structure
    program.wait_for("d Désactiver")  # the users table's keys in the footer: it has the focus
    program.send("c")
    program.wait_for("Créer le compte utilisateur")
    program.wait_for("Adresse électronique de connexion")
    time.sleep(0.5)  # the login field takes the focus once the screen is shown
    for value in (ZOE, ZOE_CONTACT, "LEROY"):
        program.type(value)
        program.send("Enter")
    program.type("Zoé")
    program.send("C-s")  # simple user on the whole structure from today: the defaults
    screen = program.wait_for("Compte créé")
    program.send("C-q")

    with sqlite3.connect(tmp_path / "fresh.sqlite3") as db:
        status = db.execute("SELECT status FROM user WHERE login = ?", (ZOE,)).fetchone()
        (body,) = db.execute(
            "SELECT body FROM outbox_mail WHERE kind = 'account_creation_code' "
            "AND to_address = ? ORDER BY id DESC",
            (ZOE_CONTACT,),
        ).fetchone()
    assert status == ("EN_COURS_ACTIVATION",)
    code = CODE.search(body).group(0)
    assert code not in screen

    activation = start(tmp_path, "activate", code)
    sessions.append(activation)
    activation.wait_for("Activation du compte utilisateur")
    activation.wait_for("Zoé")
    for value in (NEW_PASSWORD, NEW_PASSWORD, "Ville de naissance ?", "Lyon"):
        activation.type(value)
        activation.send("Enter")
    activation.wait_for("Votre compte est activé")
    log_in(activation, ZOE, NEW_PASSWORD)
    screen = activation.wait_for("Zoé LEROY")
    assert "Mon Compte" in screen
