"""The real program at 80×24 in tmux, keyboard only: Paul DUPONT validates Julie BON's pending
request to join Menuiserie Dupont, with the role changed to « Gestionnaire secondaire »; Julie
then sees « Activités du gestionnaire » in her navigation bar."""

from __future__ import annotations

import sqlite3
import time

import pytest

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.db.demo import seed_demo
from chorus_tui.domain import memberships
from chorus_tui.domain.context import Services
from chorus_tui.models import Structure, User, database
from tests.e2e.test_account_in_tmux import DEMO_PASSWORD, log_in
from tests.e2e.tmux import PROGRAM, TmuxSession

pytestmark = pytest.mark.e2e

JULIE = "jbon@ccasterneuil.fr"
PAUL = "paul.dupont@menuiserie.fr"


def demo_with_julies_request(path: str) -> None:
    """The demo database, plus Julie BON's pending request to Menuiserie Dupont."""
    handle = open_database(path)
    try:
        prepare_schema(handle)
        services = Services()
        seed_demo(services)
        julie = User.get(User.login == JULIE)
        menuiserie = Structure.get(Structure.raison_sociale == "Menuiserie Dupont")
        memberships.request_membership(
            services,
            julie,
            menuiserie.id,
            start_date=services.now().strftime("%d/%m/%Y"),
            comment="Comptabilité fournisseurs.",
        )
    finally:
        handle.close()
        database.initialize(None)


@pytest.fixture
def program(tmp_path):
    path = tmp_path / "manager.sqlite3"
    demo_with_julies_request(str(path))
    session = TmuxSession(
        [str(PROGRAM), "--database", str(path)],
        env={"TERM": "xterm-256color", "HOME": str(tmp_path)},
    )
    yield session
    session.close()


def test_paul_validates_julie_as_secondary_manager_and_julie_sees_the_manager_space(
    tmp_path, program
):
    log_in(program, PAUL, DEMO_PASSWORD)
    program.wait_for("Dernière connexion le")
    program.send("F3")
    program.wait_for("Les demandes de rattachement")
    program.wait_for("BON Julie")
    program.send("F5")  # the cursor in the table: Nadia's older request first, then Julie's
    program.wait_for("v Valider")  # the table's keys in the footer: it has the focus
    program.send("Down")
    program.send("Enter")
    program.wait_for("Rattachement d'un utilisateur")
    program.wait_for("Utilisateur simple")
    time.sleep(0.5)  # « Rôle * » takes the focus once the screen is shown
    program.send("Enter")  # opens the list of roles, on « Utilisateur simple »
    time.sleep(0.3)
    program.send("Up")
    time.sleep(0.2)
    program.send("Enter")
    program.wait_for("Gestionnaire secondaire")
    program.send("C-s")
    program.wait_for("validée")  # the notification (wrapped in its toast)
    screen = program.wait_for("Les demandes de rattachement")
    assert "BON Julie" not in screen
    program.send("C-o")

    log_in(program, JULIE, DEMO_PASSWORD)
    screen = program.wait_for("Dernière connexion le")
    assert "Julie BON" in screen
    assert "Activités du gestionnaire" in screen
    program.send("C-q")
    with sqlite3.connect(tmp_path / "manager.sqlite3") as db:
        (role,) = db.execute(
            "SELECT m.role FROM membership m JOIN user u ON u.id = m.user_id "
            "JOIN structure s ON s.id = m.structure_id "
            "WHERE u.login = ? AND s.raison_sociale = 'Menuiserie Dupont' AND m.status = 'VALIDEE'",
            (JULIE,),
        ).fetchone()
    assert role == "GESTIONNAIRE_SECONDAIRE"
