"""SPEC §8: the schema has a version; an older database is migrated forward in one transaction."""

from __future__ import annotations

import peewee
import pytest

from chorus_tui.db import DatabaseOpenError, open_database, prepare_schema
from chorus_tui.db.migrations import (
    LATEST_VERSION,
    Migration,
    MigrationError,
    current_version,
    migrate,
)
from chorus_tui.models import SchemaVersion, database


@pytest.fixture
def fresh(tmp_path):
    handle = open_database(str(tmp_path / "m.sqlite3"))
    yield handle, tmp_path / "m.sqlite3"
    handle.close()
    database.initialize(None)


def add_column(name):
    def up(migrator, db):
        from playhouse.migrate import migrate as apply

        apply(migrator.add_column("news_item", name, peewee.IntegerField(default=0)))

    return up


def fail(migrator, db):
    raise RuntimeError("boom")


def columns(db):
    return {column.name for column in db.get_columns("news_item")}


def test_a_new_database_is_created_at_the_latest_version(fresh):
    db, _ = fresh
    assert prepare_schema(db) == "created"
    assert current_version(db) == LATEST_VERSION
    assert prepare_schema(db) == "current"


def test_an_older_database_runs_every_pending_migration(fresh):
    db, _ = fresh
    prepare_schema(db)
    SchemaVersion.update(version=1).execute()
    steps = [Migration(2, "m0002_a", add_column("a")), Migration(3, "m0003_b", add_column("b"))]
    assert migrate(db, steps) == ["m0002_a", "m0003_b"]
    assert {"a", "b"} <= columns(db)
    assert current_version(db) == 3
    assert migrate(db, steps) == []


def test_a_failing_migration_leaves_the_database_as_it_was(fresh):
    db, _ = fresh
    prepare_schema(db)
    SchemaVersion.update(version=1).execute()
    steps = [Migration(2, "m0002_a", add_column("a")), Migration(3, "m0003_fail", fail)]
    with pytest.raises(RuntimeError):
        migrate(db, steps)
    assert "a" not in columns(db)
    assert current_version(db) == 1


def test_a_database_newer_than_the_program_is_refused(fresh):
    db, _ = fresh
    prepare_schema(db)
    SchemaVersion.update(version=LATEST_VERSION + 1).execute()
    with pytest.raises(MigrationError):
        migrate(db, [])
    with pytest.raises(DatabaseOpenError, match="newer than this program"):
        prepare_schema(db)


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(fresh):
    db, _ = fresh
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "corrupt.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(DatabaseOpenError):
        open_database(str(path))
    assert path.read_bytes() == garbage
    assert not (tmp_path / "corrupt.sqlite3-wal").exists()


@pytest.mark.parametrize(
    "url", ["ftp://example/db", "sqlite:/nowhere", "postgresql://", "postgresql:://bad"]
)
def test_malformed_or_unsupported_urls_are_refused(url):
    with pytest.raises(DatabaseOpenError):
        open_database(url)


def schema_of(db, table: str) -> tuple[set[str], set[tuple[str, ...]]]:
    names = {column.name for column in db.get_columns(table)}
    indexes = {tuple(index.columns) for index in db.get_indexes(table)}
    return names, indexes


def test_a_version_1_structure_table_migrates_to_the_latest_schema(fresh, tmp_path):
    """m0002 adds libellé, nom and prénom (and their indexed search copies) to structures; the
    migrated table ends up as a new database's."""
    from chorus_tui.db.migrations import m0002_structure_person_and_libelle as m0002

    db, _ = fresh
    prepare_schema(db)
    expected = schema_of(db, "structure")
    for name in ("search_libelle", "search_nom", "search_prenom"):
        db.execute_sql(f'DROP INDEX "structure_{name}"')
    for name, _ in m0002.COLUMNS:
        db.execute_sql(f'ALTER TABLE "structure" DROP COLUMN "{name}"')
    SchemaVersion.update(version=1).execute()
    assert "libelle" not in schema_of(db, "structure")[0]
    assert "m0002_structure_person_and_libelle" in migrate(db)
    assert schema_of(db, "structure") == expected


def test_version_2_databases_get_a_trigram_index_of_their_structures(fresh, services):
    from chorus_tui.domain import structures
    from chorus_tui.models.trigrams import STRUCTURE_NAMES
    from tests.domain.factories import make_structure

    db, _ = fresh
    prepare_schema(db)
    make_structure(services, raison_sociale="Menuiserie Dupont")
    for suffix in ("_ai", "_ad", "_au", ""):
        kind = "TABLE" if not suffix else "TRIGGER"
        db.execute_sql(f'DROP {kind} "{STRUCTURE_NAMES.name}{suffix}"')
    SchemaVersion.update(version=2).execute()
    assert migrate(db)[0] == "m0003_structure_name_trigrams"
    page = structures.search_structures({"raison_sociale": "*uiserie*"})
    assert [s.raison_sociale for s in page.rows] == ["Menuiserie Dupont"]
