"""The usual start (``chorus-tui [--database FILE]`` on a ready SQLite file) opens the interface
without the command-line parser and the ORM; everything else goes to the full command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading

import pytest

from chorus_tui.boot import latest_schema_version, ready_sqlite_file
from chorus_tui.config import DATABASE_ENV
from chorus_tui.launch import interface_target
from chorus_tui.models import database
from chorus_tui.ui.app import build_app
from tests.ui.helpers import log_in


@pytest.mark.parametrize(
    ("arguments", "target"),
    [
        (["--database", "/srv/chorus.sqlite3"], "/srv/chorus.sqlite3"),
        (["--database=/srv/chorus.sqlite3"], "/srv/chorus.sqlite3"),
        (["--database", "postgresql://host/db"], "postgresql://host/db"),
    ],
)
def test_the_interface_alone_names_its_database(arguments, target):
    assert interface_target(arguments) == target


@pytest.mark.parametrize(
    "arguments",
    [
        ["check"],
        ["--database", "x.sqlite3", "check"],
        ["--help"],
        ["--version"],
        ["--database"],
        ["--database="],
        ["--database", "--help"],
        ["activate", "CODE"],
    ],
)
def test_anything_but_the_interface_goes_to_the_full_command_line(arguments):
    assert interface_target(arguments) is None


def test_without_arguments_the_environment_names_the_database(monkeypatch):
    monkeypatch.setenv(DATABASE_ENV, "/srv/from-env.sqlite3")
    assert interface_target([]) == "/srv/from-env.sqlite3"


def test_a_database_at_the_latest_schema_version_is_ready(db, tmp_path):
    path = tmp_path / "chorus.sqlite3"
    assert ready_sqlite_file(str(path)) == path


def test_an_older_schema_is_left_to_the_full_command_line_which_migrates_it(db, tmp_path):
    path = tmp_path / "chorus.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE schema_version SET version = ?", (latest_schema_version() - 1,))
    assert ready_sqlite_file(str(path)) is None


@pytest.mark.parametrize("content", [None, b"", b"not a database" * 100])
def test_a_missing_empty_or_foreign_file_is_not_ready(tmp_path, content):
    path = tmp_path / "other.sqlite3"
    if content is not None:
        path.write_bytes(content)
    assert ready_sqlite_file(str(path)) is None


def test_a_url_is_left_to_the_full_command_line(db, tmp_path):
    assert ready_sqlite_file(f"sqlite:///{tmp_path / 'chorus.sqlite3'}") is None
    assert ready_sqlite_file("postgresql://localhost/chorus") is None


def test_the_login_screen_needs_neither_click_nor_the_orm():
    probe = (
        "import sys, chorus_tui.launch, chorus_tui.ui.app, chorus_tui.domain.context\n"
        "print(sorted(m for m in ('click', 'peewee', 'chorus_tui.models') if m in sys.modules))"
    )
    process = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert process.stdout.strip() == "[]", process.stderr


async def test_logging_in_waits_for_the_database_opened_while_the_operator_typed(demo_db, services):
    """The fast start binds the models in the app's preparation thread, once the login screen
    is painted; a login sent before it is over waits for it."""
    opened_in = []
    release = threading.Event()
    database.initialize(None)

    def prepare() -> None:
        opened_in.append(threading.current_thread().name)
        release.wait(5)
        database.initialize(demo_db)

    app = build_app(services, cursor_blink=False, prepare=prepare)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert opened_in == ["prepare"]
        threading.Timer(0.2, release.set).start()
        await log_in(pilot, "paul.dupont@menuiserie.fr")
        await pilot.pause()
        assert app.session is not None and app.session.user.prenom == "Paul"


async def test_a_database_that_fails_to_open_after_the_check_is_an_error_message(services):
    """Should the file change between the check and the opening, the login says an unexpected
    error happened; the program keeps running and nobody is logged in."""
    database.initialize(None)

    def prepare() -> None:
        raise OSError("the disk went away")

    app = build_app(services, cursor_blink=False, prepare=prepare)
    notified: list[str] = []
    app.notify = lambda message, **options: notified.append(message)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await log_in(pilot, "paul.dupont@menuiserie.fr")
        await pilot.pause()
        assert app.session is None
        assert app.is_running
    assert notified == [app.t("app.error.unexpected")]
