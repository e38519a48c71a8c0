"""m0004: a database from before the notification digests gets the ``digest_run`` table, as a
new database has it (columns and the unique (user, kind, period_start) index)."""

from __future__ import annotations

import datetime as dt

import peewee
import pytest

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.db.migrations import Migration, current_version, m0004_digest_runs, migrate
from chorus_tui.models import DigestRun, SchemaVersion, database
from tests.domain.factories import make_user

M0004 = [Migration(4, "m0004_digest_runs", m0004_digest_runs.up)]


@pytest.fixture
def version_3(tmp_path):
    """A database whose schema stops at version 3: no ``digest_run`` table."""
    handle = open_database(str(tmp_path / "v3.sqlite3"))
    prepare_schema(handle)
    expected = shape(handle)
    handle.execute_sql('DROP TABLE "digest_run"')
    SchemaVersion.update(version=3).execute()
    yield handle, expected
    handle.close()
    database.initialize(None)


def shape(db: peewee.Database):
    columns = {(c.name, c.data_type.upper(), c.null) for c in db.get_columns("digest_run")}
    indexes = {(tuple(i.columns), i.unique) for i in db.get_indexes("digest_run")}
    keys = {(k.column, k.dest_table, k.dest_column) for k in db.get_foreign_keys("digest_run")}
    return columns, indexes, keys


def test_a_version_3_database_gets_the_digest_table_of_a_new_database(version_3, services):
    db, expected = version_3
    assert not db.table_exists("digest_run")
    assert migrate(db, M0004) == ["m0004_digest_runs"]
    assert current_version(db) == 4
    assert shape(db) == expected
    assert (("user_id", "kind", "period_start"), True) in expected[1]
    user = make_user(services)
    row = dict(
        user=user, kind="daily", period_start=dt.date(2026, 11, 23), created_at=services.now()
    )
    DigestRun.create(**row)
    with pytest.raises(peewee.IntegrityError), db.atomic():
        DigestRun.create(**row)
    with pytest.raises(peewee.IntegrityError), db.atomic():
        DigestRun.create(**{**row, "kind": "monthly", "period_start": dt.date(2026, 11, 24)})


def test_the_digest_migration_is_listed_and_runs_once(version_3):
    from chorus_tui.db.migrations import MIGRATIONS

    db, _ = version_3
    assert [m.name for m in MIGRATIONS if m.version == 4] == ["m0004_digest_runs"]
    migrate(db, M0004)
    assert migrate(db, M0004) == []
