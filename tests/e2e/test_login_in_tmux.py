"""The real program, at 80×24 in tmux, on a fresh database: log in and find the banner."""

from __future__ import annotations

import subprocess

import pytest

from tests.e2e.tmux import PROGRAM, TmuxSession

pytestmark = pytest.mark.e2e


@pytest.fixture
def program(tmp_path):
    session = TmuxSession(
        [str(PROGRAM), "--database", str(tmp_path / "fresh.sqlite3")],
        env={"TERM": "xterm-256color", "HOME": str(tmp_path)},
    )
    yield session
    session.close()


def test_paul_logs_in_on_a_fresh_database_and_sees_his_banner(program):
    program.wait_for("Identifiant de connexion")
    program.type("paul.dupont@menuiserie.fr")
    program.send("Tab")
    program.type("Chorus.Pro.2017")
    program.send("Enter")
    screen = program.wait_for("Paul DUPONT")
    assert "Dernière connexion le" in screen
    assert "Déconnexion" in screen


def test_the_usual_start_on_an_existing_database_logs_in(tmp_path):
    """The second start, on a database at the latest schema version, takes the fast path
    (``chorus_tui.launch``): the database is opened while the operator types."""
    database = tmp_path / "demo.sqlite3"
    seeded = subprocess.run(
        [str(PROGRAM), "--database", str(database), "seed", "--demo"],
        capture_output=True,
        text=True,
    )
    assert seeded.returncode == 0, seeded.stderr
    session = TmuxSession(
        [str(PROGRAM), "--database", str(database)],
        env={"TERM": "xterm-256color", "HOME": str(tmp_path)},
    )
    try:
        session.wait_for("Identifiant de connexion")
        session.type("claire.dupont@menuiserie.fr")
        session.send("Tab")
        session.type("Chorus.Pro.2017")
        session.send("Enter")
        assert "Déconnexion" in session.wait_for("Claire DUPONT")
    finally:
        session.close()
