"""The real program, at 80×24 in tmux, on a fresh database: log in and find the banner."""

from __future__ import annotations

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
