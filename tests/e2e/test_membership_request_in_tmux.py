"""The real program at 80×24 in tmux, keyboard only: Julie BON asks to join Menuiserie Dupont for
one of its services, from « Mes rattachements aux structures » of Mon Compte."""

from __future__ import annotations

import sqlite3
import time

import pytest

from tests.e2e.test_account_in_tmux import DEMO_PASSWORD, log_in, start

pytestmark = pytest.mark.e2e

ASK_KEY = " d Demander"
"""The footer's entry of « Demander un rattachement », shown when the memberships table has the
focus."""


@pytest.fixture
def program(tmp_path):
    session = start(tmp_path)
    yield session
    session.close()


def test_julie_requests_one_service_of_menuiserie_dupont_and_the_request_is_pending(
    tmp_path, program
):
    log_in(program, "jbon@ccasterneuil.fr", DEMO_PASSWORD)
    program.wait_for("Dernière connexion le")
    program.send("F4")
    program.wait_for("Mes informations personnelles")
    # Tab through Mon Compte's fields down to the memberships table.
    # One Tab at a time: the footer tells when the table has the focus.
    for _ in range(40):
        program.send("Tab")
        try:
            program.wait_for(ASK_KEY, timeout=0.6)
            break
        except AssertionError:
            continue
    program.wait_for(ASK_KEY, timeout=1)
    program.send("d")
    program.wait_for("Critères de recherche")
    program.type("*menuiserie*")
    program.send("Enter")
    screen = program.wait_for("Menuiserie Lebrun")
    assert "Menuiserie Dupont" in screen
    program.send("Enter")  # the first row, Menuiserie Dupont: « Sélectionner »
    program.wait_for("Rattachement d'un utilisateur")
    # From « Date de début de validité »: fin, commentaire, « Rattacher à la structure »,
    # then the first service (MENINT).
    time.sleep(0.5)  # the date field takes the focus once the screen is shown
    for _ in range(4):
        program.send("Tab")
        time.sleep(0.2)
    program.send("Space")
    time.sleep(0.2)
    program.send("C-s")
    program.wait_for("envoyée")
    # Back in Mon Compte, whose list shows the new request.
    program.wait_for("Mes rattachements aux structures")

    with sqlite3.connect(tmp_path / "fresh.sqlite3") as db:
        rows = db.execute(
            """
            SELECT m.status, m.whole_structure, s.code
            FROM membership m
            JOIN user u ON u.id = m.user_id
            JOIN structure st ON st.id = m.structure_id
            LEFT JOIN membership_service ms ON ms.membership_id = m.id
            LEFT JOIN service s ON s.id = ms.service_id
            WHERE u.login = 'jbon@ccasterneuil.fr' AND st.raison_sociale = 'Menuiserie Dupont'
            """
        ).fetchall()
    assert rows == [("EN_COURS_DE_VALIDATION", 0, "MENINT")]
