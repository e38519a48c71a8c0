"""Forward migrations, applied in order and all in one transaction.

Each migration is a module ``mNNNN_what.py`` in this package defining ``up(migrator, db)``, where
``migrator`` is a ``playhouse.migrate.SchemaMigrator``. A brand-new database is created at
``LATEST_VERSION`` directly from the models; an older one runs every migration above its version.
Version 1 is the initial schema.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

import peewee
from playhouse.migrate import SchemaMigrator

from chorus_tui.models import SchemaVersion

INITIAL_VERSION = 1


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    up: Callable[[SchemaMigrator, peewee.Database], None]


class MigrationError(Exception):
    pass


def discover() -> list[Migration]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("m"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(info.name[1:5]), info.name, module.up))
    return sorted(found, key=lambda migration: migration.version)


MIGRATIONS: list[Migration] = discover()
LATEST_VERSION: int = max([INITIAL_VERSION, *(m.version for m in MIGRATIONS)])


def current_version(db: peewee.Database) -> int:
    row = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.id.desc()).first()
    return row.version if row else INITIAL_VERSION


def migrate(db: peewee.Database, migrations: list[Migration] | None = None) -> list[str]:
    """Bring ``db`` to the latest version; returns the names applied. All or nothing."""
    migrations = MIGRATIONS if migrations is None else migrations
    latest = max([INITIAL_VERSION, *(m.version for m in migrations)])
    with db.atomic():
        version = current_version(db)
        if version > latest:
            raise MigrationError(
                f"the database is at schema version {version}, newer than this program ({latest})"
            )
        pending = [m for m in migrations if m.version > version]
        migrator = SchemaMigrator.from_database(db)
        for migration in pending:
            migration.up(migrator, db)
        if pending:
            SchemaVersion.update(version=pending[-1].version).execute()
    return [m.name for m in pending]
