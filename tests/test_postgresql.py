"""SPEC §8: the same program runs on PostgreSQL — a new database gets the schema and the demo
data, older ones are migrated, searches use pg_trgm indexes, and a server that cannot be reached
gives one clear line. (The whole domain suite runs on PostgreSQL too: tests/domain/conftest.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import peewee
import pytest
from click.testing import CliRunner

import chorus_tui.cli as cli
from chorus_tui.cli import main
from chorus_tui.db import DatabaseOpenError, open_database, prepare_schema, redact
from chorus_tui.db.migrations import LATEST_VERSION, MIGRATIONS, current_version, migrate
from chorus_tui.domain import structures
from chorus_tui.models import SchemaVersion, Structure, User, database
from chorus_tui.models.trigrams import PG_TRIGRAM_COLUMNS, pg_trigram_index_name
from tests.domain.factories import make_structure
from tests.postgres import postgres_cluster, postgres_url

__all__ = ["postgres_cluster", "postgres_url"]


@pytest.fixture
def pg(postgres_url):
    """An empty PostgreSQL database, bound to the models."""
    handle = open_database(postgres_url)
    yield handle
    handle.close()
    database.initialize(None)


def index_names(db: peewee.Database, table: str) -> set[str]:
    return {index.name for index in db.get_indexes(table)}


def schema_of(db: peewee.Database, table: str) -> tuple[set[str], set[str]]:
    return {column.name for column in db.get_columns(table)}, index_names(db, table)


def test_a_new_database_gets_the_schema_and_its_trigram_indexes(pg):
    assert isinstance(pg, peewee.PostgresqlDatabase)
    assert prepare_schema(pg) == "created"
    assert current_version(pg) == LATEST_VERSION
    for table, column in PG_TRIGRAM_COLUMNS:
        assert pg_trigram_index_name(table, column) in index_names(pg, table)
    assert prepare_schema(pg) == "current"


def plan(db: peewee.Database, query: peewee.Query) -> str:
    """The plan when a table scan is ruled out (the test tables are far too small for the
    planner to prefer an index on its own)."""
    sql, params = query.sql()
    with db.atomic():
        db.execute_sql("SET LOCAL enable_seqscan = off")
        db.execute_sql("SET LOCAL enable_indexscan = off")
        return " ".join(row[0] for row in db.execute_sql(f"EXPLAIN {sql}", params))


@pytest.mark.parametrize("criterion", ["*menuiserie*", "*serie dup*", "*iserie*dup*"])
def test_a_leading_wildcard_search_reads_the_trigram_index(pg, services, criterion):
    prepare_schema(pg)
    make_structure(services, raison_sociale="Menuiserie Dupont")
    make_structure(services, raison_sociale="Charpente Lebrun")
    query = structures.structure_query({"raison_sociale": criterion})
    where_only = Structure.select(Structure.id).where(query._where)
    index = pg_trigram_index_name("structure", "search_raison_sociale")
    assert f"Bitmap Index Scan on {index}" in plan(pg, where_only)
    assert [s.raison_sociale for s in query] == ["Menuiserie Dupont"]


def test_every_migration_runs_on_postgresql(pg):
    """A database at version 1 (before m0002's columns and the trigram indexes) is migrated to
    a schema equal to a new database's."""
    from chorus_tui.db.migrations import m0002_structure_person_and_libelle as m0002

    prepare_schema(pg)
    expected = schema_of(pg, "structure"), schema_of(pg, "user")
    for table, column in PG_TRIGRAM_COLUMNS:
        pg.execute_sql(f'DROP INDEX "{pg_trigram_index_name(table, column)}"')
    for name, _ in m0002.COLUMNS:
        pg.execute_sql(f'ALTER TABLE "structure" DROP COLUMN "{name}"')
    SchemaVersion.update(version=1).execute()
    assert migrate(pg) == [migration.name for migration in MIGRATIONS]
    assert (schema_of(pg, "structure"), schema_of(pg, "user")) == expected
    assert current_version(pg) == LATEST_VERSION


def test_the_program_opens_an_empty_postgresql_database_on_the_demo(postgres_url, monkeypatch):
    """``chorus-tui --database postgresql://…`` creates the schema and the demo data, then opens
    the interface (replaced here by a probe)."""
    seen = {}

    def probe(services, **options):
        seen["paul"] = User.get(User.login == "paul.dupont@menuiserie.fr").nom
        seen["structures"] = Structure.select().count()

    monkeypatch.setattr(cli, "_start_interface", probe)
    result = CliRunner().invoke(main, ["--database", postgres_url])
    assert result.exit_code == 0, result.output
    assert seen["paul"] == "DUPONT" and seen["structures"] > 5
    checked = CliRunner().invoke(main, ["--database", postgres_url, "check"])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://chorus@127.0.0.1:1/chorus",
        "postgresql://chorus:secret@127.0.0.1:1/chorus",
    ],
)
def test_an_unreachable_server_is_one_line_without_traceback(url):
    result = CliRunner().invoke(main, ["--database", url, "check"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: cannot connect to {redact(url)}: ")
    assert "refused" in lines[0]
    assert "secret" not in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_an_unknown_database_on_a_running_server_is_a_clear_error(postgres_cluster):
    with pytest.raises(DatabaseOpenError, match='database "nowhere" does not exist'):
        open_database(postgres_cluster.url("nowhere"))


def test_a_password_is_hidden_in_messages():
    assert redact("postgresql://u:p%40ss@h:5432/d?sslmode=require") == (
        "postgresql://u:***@h:5432/d?sslmode=require"
    )
    assert redact("postgresql://u@h/d") == "postgresql://u@h/d"
    assert redact("/srv/chorus.sqlite3") == "/srv/chorus.sqlite3"


def test_the_installed_command_reports_an_unreachable_server_in_one_line():
    """The real process: no warning from the driver, no traceback, one line."""
    executable = Path(sys.executable).with_name("chorus-tui")
    result = subprocess.run(
        [str(executable), "--database", "postgresql://chorus:pw@127.0.0.1:1/chorus", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: cannot connect to postgresql://chorus:***@127.0.0.1:1/")


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        ("*a\\b*", {"Dossier A\\B"}),
        ("dossier a\\*", {"Dossier A\\B"}),
        ("*\\*", {"Dossier A\\B"}),
        ("*\\%*", set()),
        ("*a\\_*", set()),
    ],
)
def test_a_backslash_is_a_plain_character_in_like_patterns(pg, services, criterion, expected):
    """PostgreSQL's LIKE escapes with ``\\``: a backslash typed by the user is escaped too."""
    prepare_schema(pg)
    make_structure(services, raison_sociale="Dossier A\\B")
    make_structure(services, raison_sociale="Dossier A%B_C")
    page = structures.search_structures({"raison_sociale": criterion})
    assert {s.raison_sociale for s in page.rows} == expected
