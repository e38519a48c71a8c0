"""What the program knows before the ORM is imported: what a database target is (a URL or a
file), whether an existing SQLite file is ready to use (at the latest schema version), and how
to import peewee without the PostgreSQL driver, and how the interface is started with the
garbage collector paused.

Nothing of chorus-tui is imported here, and nothing heavy: the interface's fast start
(:mod:`chorus_tui.launch`) uses this module before the login screen is painted, and
:mod:`chorus_tui.db` builds on it.
"""

from __future__ import annotations

import gc
import os
import pkgutil
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "db" / "migrations"

URL_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]+:")


def is_url(target: str) -> bool:
    """``scheme:…`` is a URL (even a malformed one), anything else a file path."""
    return bool(URL_SCHEME.match(target))


def latest_schema_version() -> int:
    """The version of the newest migration, told from the file names (``mNNNN_what.py``, as
    ``migrations.discover`` reads them) without importing the migrations: ``playhouse.migrate``
    brings the PostgreSQL driver (~0.2 s)."""
    names = (info.name for info in pkgutil.iter_modules([str(MIGRATIONS)]))
    return max((int(name[1:5]) for name in names if name[0] == "m"), default=1)


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot change ``path`` (nor create it), to look at a file first."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def ready_sqlite_file(target: str) -> Path | None:
    """The file ``target`` names when it is a SQLite database this program can use as it is:
    it exists, can be read and written, and is at the latest schema version. None for anything
    else (a URL, a missing file, an older schema, not a database…), which the full command
    line then handles (creating, migrating, or saying what is wrong)."""
    if is_url(target):
        return None
    path = Path(target).expanduser()
    if not path.is_file() or not os.access(path, os.R_OK | os.W_OK):
        return None
    try:
        probe = connect_read_only(path)
        try:
            row = probe.execute(
                "SELECT version FROM schema_version ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            probe.close()
    except sqlite3.Error:
        return None
    return path if row is not None and row[0] == latest_schema_version() else None


def import_peewee_without_psycopg() -> None:
    """Peewee imports the PostgreSQL driver when it is imported (psycopg: ~0.2 s, as much as
    Textual itself), which every start-up of the interface on a SQLite file would pay. Peewee
    is imported here without it; ``chorus_tui.db`` hands peewee the driver when a
    ``postgresql://`` URL is opened (``load_postgresql_driver``)."""
    if "peewee" in sys.modules or "psycopg" in sys.modules:
        return
    sys.modules["psycopg"] = None  # type: ignore[assignment]  # ``import psycopg`` fails
    try:
        import peewee  # noqa: F401
    finally:
        del sys.modules["psycopg"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Around the start of the interface: the cyclic garbage collector is paused until the
    login screen is painted (the app resumes it, see ``ChorusApp.resume_garbage_collector``).
    Importing Textual and building the first screen create objects that all live as long as
    the program, and collections that find nothing to free took ~20% of the start-up."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
