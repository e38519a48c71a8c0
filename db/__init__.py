"""Opening the database: SQLite file or URL, pragmas, schema creation and migrations.

Installed as ``chorus_tui.db`` (see pyproject), so an installed program reaches the migrations and
the demo data.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import peewee

from chorus_tui.boot import connect_read_only, is_url, latest_schema_version
from chorus_tui.models import ALL_MODELS, SchemaVersion, database
from chorus_tui.models.trigrams import create_trigram_indexes

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
}


class DatabaseOpenError(Exception):
    """The database cannot be opened; ``str()`` is a message fit for an operator."""


def sqlite_path(target: str) -> Path | None:
    """The file behind a SQLite target (a path or ``sqlite:///path``), None for another engine.

    As in peewee and SQLAlchemy, ``sqlite:///data.db`` is relative and ``sqlite:////srv/data.db``
    absolute.
    """
    if not is_url(target):
        return Path(target).expanduser()
    if target.startswith("sqlite:///") and len(target) > len("sqlite:///"):
        return Path(target[len("sqlite:///") :]).expanduser()
    if target.startswith("sqlite:"):
        raise DatabaseOpenError(f"malformed database URL: {target!r} (expected sqlite:///path)")
    return None


def open_database(target: str) -> peewee.Database:
    """Connect to ``target`` (a path or URL) and bind every model to it.

    The file is never modified when it is not a database: it is probed read-only first.
    """
    db = connect(target)
    database.initialize(db)
    return db


def connect(target: str) -> peewee.Database:
    """Connect to ``target`` without binding the models to it (``copy-database``'s target)."""
    path = sqlite_path(target)
    return _open_sqlite(path) if path is not None else _open_url(target)


def _open_sqlite(path: Path) -> peewee.SqliteDatabase:
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a directory, not a database file")
    if path.exists():
        _probe_sqlite_file(path)
    else:
        folder = path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseOpenError(
                f"cannot create the folder {folder}: {error.strerror}"
            ) from None
        if not os.access(folder, os.W_OK):
            raise DatabaseOpenError(f"cannot write in the folder {folder}")
    db = peewee.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS, check_same_thread=False)
    try:
        db.connect(reuse_if_open=True)
    except peewee.DatabaseError as error:
        raise DatabaseOpenError(f"cannot open {path}: {error}") from None
    return db


def _probe_sqlite_file(path: Path) -> None:
    if not os.access(path, os.R_OK):
        raise DatabaseOpenError(f"cannot read {path}")
    try:
        probe = connect_read_only(path)
        try:
            probe.execute("PRAGMA schema_version").fetchone()
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseOpenError(f"{path} is not a usable SQLite database: {error}") from None
    if not os.access(path, os.W_OK):
        raise DatabaseOpenError(f"cannot write to {path}")


# Seconds to wait for a PostgreSQL server that does not answer (``?connect_timeout=N`` in the URL
# overrides it), so that an unreachable host gives a message rather than a two-minute hang.
CONNECT_TIMEOUT = 10


def _open_url(url: str) -> peewee.Database:
    parsed = urlparse(url)
    shown = redact(url)
    if parsed.scheme not in ("postgresql", "postgres"):
        raise DatabaseOpenError(
            f"unsupported database URL: {shown!r} (use a path, sqlite:/// or postgresql://)"
        )
    if not url.startswith(f"{parsed.scheme}://") or not (parsed.hostname or parsed.path.strip("/")):
        raise DatabaseOpenError(f"malformed database URL: {shown!r}")
    load_postgresql_driver()
    from playhouse.db_url import connect as connect_url

    # psycopg logs a warning when it drops a failed pipeline; the error itself is reported.
    logging.getLogger("psycopg").addHandler(logging.NullHandler())
    try:
        options = (
            {}
            if "connect_timeout" in parse_qs(parsed.query)
            else {"connect_timeout": CONNECT_TIMEOUT}
        )
        db = connect_url(url, unquote_password=True, unquote_user=True, **options)
        db.connect(reuse_if_open=True)
    except (peewee.DatabaseError, peewee.ImproperlyConfigured, ValueError) as error:
        reason = " ".join(str(error).split())
        raise DatabaseOpenError(f"cannot connect to {shown}: {reason}") from None
    return db


def load_postgresql_driver() -> None:
    """Hand peewee the PostgreSQL driver (psycopg 3) if it was imported without it: the
    command line imports peewee without psycopg so that the interface starts ~0.2 s sooner on
    a SQLite file (see ``chorus_tui.cli``). These are the names peewee's import would have set."""
    if peewee.psycopg is not None or peewee.psycopg2 is not None:
        return
    try:
        import psycopg
        from psycopg.pq import TransactionStatus
        from psycopg.types.json import Json, Jsonb
    except ImportError:
        return  # peewee says « psycopg postgres driver not found »
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
    peewee.psycopg = psycopg


def redact(target: str) -> str:
    """``target`` fit for a message or a log: a URL's password replaced by ``***``."""
    if not is_url(target):
        return target
    parsed = urlparse(target)
    if parsed.password is None:
        return target
    user = f"{parsed.username}:***@" if parsed.username else ":***@"
    host = parsed.netloc.rsplit("@", 1)[-1]
    return parsed._replace(netloc=user + host).geturl()


def is_sqlite(db: peewee.Database | None = None) -> bool:
    target = db if db is not None else database.obj
    return isinstance(target, peewee.SqliteDatabase)


def has_schema(db: peewee.Database) -> bool:
    return db.table_exists(SchemaVersion._meta.table_name)


def create_schema(db: peewee.Database) -> None:
    """A brand-new database: every table at the latest version, with its reference data (the
    spaces and the document types), in one transaction."""
    from chorus_tui.db.demo import seed_reference_data
    from chorus_tui.db.migrations import LATEST_VERSION

    with db.atomic():
        create_tables(db)
        SchemaVersion.create(version=LATEST_VERSION)
        seed_reference_data()


def create_tables(db: peewee.Database) -> None:
    """Every table at the latest version, with its indexes, and no row."""
    db.create_tables(ALL_MODELS)
    create_trigram_indexes(db)


def prepare_schema(db: peewee.Database) -> str:
    """Create the schema of a new database or migrate an older one: ``created``, ``migrated``
    or ``current``."""
    if not has_schema(db):
        create_schema(db)
        return "created"
    if _is_at_latest_version():
        return "current"
    from chorus_tui.db.migrations import MigrationError, migrate

    try:
        applied = migrate(db)
    except MigrationError as error:
        raise DatabaseOpenError(str(error)) from None
    return "migrated" if applied else "current"


def _is_at_latest_version() -> bool:
    """The usual start-up: the database is at the version of the newest migration file (told
    without importing the migrations, see ``latest_schema_version``)."""
    row = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.id.desc()).first()
    return row is not None and row.version == latest_schema_version()
