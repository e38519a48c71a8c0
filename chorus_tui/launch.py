"""The ``chorus-tui`` command's front door.

The usual start, ``chorus-tui`` or ``chorus-tui --database FILE`` on a SQLite file at the latest
schema version, opens the terminal interface at once: the command-line parser (click) and the
ORM (peewee and the models, ~0.1 s together) are not imported before the login screen is
painted; a thread imports them and opens the database while the operator types, and logging in
waits for it. Everything else (a subcommand, ``--help``, a new, older or PostgreSQL database, an
error to report) goes to the full command line, :mod:`chorus_tui.cli`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from chorus_tui.boot import collector_paused, import_peewee_without_psycopg, ready_sqlite_file
from chorus_tui.config import Settings

if TYPE_CHECKING:
    from peewee import Database

DATABASE_OPTION = "--database"


def main() -> None:
    target = interface_target(sys.argv[1:])
    path = ready_sqlite_file(target) if target is not None else None
    if path is None or not _start_interface(path):
        from chorus_tui.cli import main as full_command_line

        full_command_line()


def interface_target(arguments: list[str]) -> str | None:
    """The database the interface would open for these arguments, when they ask for nothing but
    the interface (no argument, or ``--database X``); None for anything else."""
    match arguments:
        case []:
            return Settings.resolve().database
        case [option, value] if option == DATABASE_OPTION and value and value[0] != "-":
            return value
        case [option] if option.startswith(f"{DATABASE_OPTION}="):
            return option.partition("=")[2] or None
    return None


def _start_interface(path: Path) -> bool:
    """Run the interface on the database file ``path``; False when Textual cannot be imported
    (the full command line then says so)."""
    with collector_paused():
        try:
            from chorus_tui.ui.app import run_app
        except ImportError:
            return False
        from chorus_tui.domain.context import Services

        opened = []
        run_app(Services(), language="FR", prepare=lambda: opened.append(open_database(path)))
        for database in opened:
            database.close()
        return True


def open_database(path: Path) -> Database:
    """Import the ORM and bind the models to ``path``, in the thread the app starts once the
    login screen is painted. The connection opened here is closed: peewee connects each thread
    on its first query, the interface's own on the first login."""
    import_peewee_without_psycopg()
    from chorus_tui.db import open_database as bind

    database = bind(str(path))
    database.close()
    return database
