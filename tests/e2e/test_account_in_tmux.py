"""The real program at 80×24 in tmux, keyboard only: a password change from Mon Compte, and a
simple user's whole life cycle — deactivation, reactivation request, ``chorus-tui activate
CODE``, login with the new password."""

from __future__ import annotations

import re
import sqlite3

import pytest

from tests.e2e.tmux import PROGRAM, TmuxSession

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "Chorus.Pro.2017"
NEW_PASSWORD = "Nouveau.Secret.2026"
CODE = re.compile(r"[A-Z2-7]{4}(?:-[A-Z2-7]{4})+")
# From « Adresse électronique de contact » (focused on arrival) to « Mot de passe actuel »:
# nom, prénom, adresse, compléments 1 and 2, code postal, ville, pays, téléphone, fax, langue,
# notifications.
TABS_TO_CURRENT_PASSWORD = 13


def start(tmp_path, *args: str) -> TmuxSession:
    return TmuxSession(
        [str(PROGRAM), "--database", str(tmp_path / "fresh.sqlite3"), *args],
        env={"TERM": "xterm-256color", "HOME": str(tmp_path)},
    )


def log_in(program: TmuxSession, login: str, password: str) -> None:
    program.wait_for("Identifiant de connexion")
    program.type(login)
    program.wait_for(login)  # typed into the field that has the focus, not ahead of it
    program.send("Tab")
    program.type(password)
    program.send("Enter")


@pytest.fixture
def sessions():
    opened: list[TmuxSession] = []
    yield opened
    for session in opened:
        session.close()


def test_paul_changes_his_password_in_mon_compte_then_logs_in_with_it(tmp_path, sessions):
    program = start(tmp_path)
    sessions.append(program)
    log_in(program, "paul.dupont@menuiserie.fr", DEMO_PASSWORD)
    program.wait_for("Dernière connexion le")
    program.send("F4")
    program.wait_for("Mes informations personnelles")
    program.send(*["Tab"] * TABS_TO_CURRENT_PASSWORD)
    program.wait_for("Mot de passe actuel")
    program.type(DEMO_PASSWORD)
    program.send("Tab")
    program.type(NEW_PASSWORD)
    program.send("Tab")
    program.type(NEW_PASSWORD)
    program.send("C-s")
    program.wait_for("Vos modifications")
    program.send("C-o")
    log_in(program, "paul.dupont@menuiserie.fr", NEW_PASSWORD)
    screen = program.wait_for("Dernière connexion le")
    assert "Paul DUPONT" in screen


def test_julie_deactivates_reactivates_with_the_mailed_code_and_logs_in(tmp_path, sessions):
    program = start(tmp_path)
    sessions.append(program)
    log_in(program, "jbon@ccasterneuil.fr", DEMO_PASSWORD)
    program.wait_for("Dernière connexion le")
    program.send("F4")
    program.wait_for("Mes informations personnelles")
    program.send("C-p")
    program.wait_for("Rechercher une commande")
    program.type("sactiver mon")
    program.wait_for("Mon Compte : désactiver mon compte")
    program.send("Enter")
    program.wait_for("Toute modification en cours")
    program.send("Tab")  # from « Annuler », the safe default, to « OK »
    program.send("Enter")
    program.wait_for("Votre compte a été désactivé")

    log_in(program, "jbon@ccasterneuil.fr", DEMO_PASSWORD)
    program.wait_for("réactivé jusqu")
    program.send("Enter")
    program.wait_for("Un courriel contenant un code")
    program.send("Enter")
    screen = program.wait_for("Un courriel contenant votre")
    program.send("C-q")

    with sqlite3.connect(tmp_path / "fresh.sqlite3") as db:
        (body,) = db.execute(
            "SELECT body FROM outbox_mail WHERE kind = 'reactivation_code' ORDER BY id DESC"
        ).fetchone()
    code = CODE.search(body).group(0)
    assert code not in screen

    activation = start(tmp_path, "activate", code)
    sessions.append(activation)
    activation.wait_for("Activation du compte utilisateur")
    activation.wait_for("Julie")
    for value in (NEW_PASSWORD, NEW_PASSWORD, "Ville de naissance ?", "Terneuil"):
        activation.type(value)
        activation.send("Enter")
    activation.wait_for("Votre compte est activé")
    log_in(activation, "jbon@ccasterneuil.fr", NEW_PASSWORD)
    screen = activation.wait_for("Dernière connexion le")
    assert "Julie BON" in screen
