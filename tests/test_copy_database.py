"""SPEC §8: ``chorus-tui copy-database --to postgresql://…`` moves a SQLite database's data into an
empty PostgreSQL database — every table, every row, the same values — and refuses a target that
already holds data."""

from __future__ import annotations

import peewee
import pytest
from click.testing import CliRunner

from chorus_tui.cli import main
from chorus_tui.db import connect, open_database, prepare_schema
from chorus_tui.db.copy import CopyError, copy_database, copy_order
from chorus_tui.models import ALL_MODELS, Structure, User, database
from tests.domain.factories import make_structure, make_user
from tests.postgres import postgres_cluster, postgres_url

__all__ = ["postgres_cluster", "postgres_url"]


def counts(db: peewee.Database) -> dict[str, int]:
    return {
        model._meta.table_name: db.execute_sql(
            f'SELECT COUNT(*) FROM "{model._meta.table_name}"'
        ).fetchone()[0]
        for model in ALL_MODELS
    }


def sample(db: peewee.Database, model, size: int = 5) -> list[dict]:
    """The first and last rows of ``model``'s table in ``db``, as the model reads them."""
    with db.bind_ctx([model], bind_refs=False, bind_backrefs=False):
        ordered = model.select().order_by(model._meta.primary_key)
        rows = list(ordered.limit(size).dicts())
        rows += list(ordered.order_by(model._meta.primary_key.desc()).limit(size).dicts())
    return rows


def test_the_demo_database_is_copied_row_for_row_into_an_empty_postgresql(demo_db, postgres_url):
    report = copy_database(demo_db, postgres_url)
    target = connect(postgres_url)
    try:
        assert counts(target) == counts(demo_db)
        assert report.rows == counts(demo_db)
        assert report.total > 300
        assert report.violations == []
        for model in ALL_MODELS:
            assert sample(target, model) == sample(demo_db, model), model.__name__
    finally:
        target.close()


def test_the_copy_goes_on_with_new_ids_after_the_copied_ones(demo_db, services, postgres_url):
    copy_database(demo_db, postgres_url)
    last_user = User.select(peewee.fn.MAX(User.id)).scalar()
    demo_db.close()
    open_database(postgres_url)
    try:
        assert make_user(services).id == last_user + 1
        assert make_structure(services).id > 1
    finally:
        database.obj.close()


def test_a_forward_reference_within_a_table_is_copied(db, services, postgres_url):
    """A structure whose successor was created after it (a higher id) is copied: the key is set
    once every structure is in."""
    old = make_structure(services, raison_sociale="Ancienne")
    new = make_structure(services, raison_sociale="Nouvelle")
    Structure.update(successor=new.id).where(Structure.id == old.id).execute()
    technical = make_user(services, is_technical=True, technical_structure=new.id)
    copy_database(db, postgres_url)
    target = connect(postgres_url)
    try:
        with target.bind_ctx(ALL_MODELS):
            assert Structure.get_by_id(old.id).successor_id == new.id
            assert User.get_by_id(technical.id).technical_structure_id == new.id
    finally:
        target.close()


def test_parents_are_copied_before_their_children():
    order = copy_order()
    for model in order:
        for key in model._meta.refs:
            if key.rel_model is not model and not key.null:
                assert order.index(key.rel_model) < order.index(model), key


def test_a_target_holding_data_is_refused_and_left_as_it_was(demo_db, postgres_url):
    copy_database(demo_db, postgres_url)
    target = connect(postgres_url)
    before = counts(target)
    target.close()
    with pytest.raises(CopyError, match="already holds data"):
        copy_database(demo_db, postgres_url)
    target = connect(postgres_url)
    try:
        assert counts(target) == before
    finally:
        target.close()


def test_a_target_with_the_schema_and_no_data_takes_the_copy(demo_db, postgres_url):
    """A database where chorus-tui only created its tables (reference data, no user) is empty."""
    target = connect(postgres_url)
    with target.bind_ctx(ALL_MODELS):
        assert prepare_schema(target) == "created"
    target.close()
    report = copy_database(demo_db, postgres_url)
    assert report.rows["user"] == User.select().count()


def test_copying_a_database_onto_itself_is_refused(demo_db, tmp_path):
    with pytest.raises(CopyError, match="being copied"):
        copy_database(demo_db, str(tmp_path / "chorus.sqlite3"))


# -- the command ----------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_the_command_copies_then_checks_and_refuses_a_second_copy(tmp_path, postgres_url):
    source = str(tmp_path / "demo.sqlite3")
    assert run("--database", source, "seed", "--demo").exit_code == 0
    copied = run("--database", source, "copy-database", "--to", postgres_url)
    assert copied.exit_code == 0, copied.output
    assert "Copied" in copied.stdout and "membership" in copied.stdout
    checked = run("--database", postgres_url, "check")
    assert checked.exit_code == 0, checked.output
    again = run("--database", source, "copy-database", "--to", postgres_url)
    assert again.exit_code == 1
    lines = again.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ") and "already holds data" in lines[-1]
    assert "Traceback" not in again.output + again.stderr


def test_the_command_never_shows_the_targets_password(tmp_path):
    source = str(tmp_path / "demo.sqlite3")
    assert run("--database", source, "seed", "--demo").exit_code == 0
    result = run(
        "--database", source, "copy-database", "--to", "postgresql://u:s3cret@127.0.0.1:1/x"
    )
    assert result.exit_code == 1
    assert "s3cret" not in result.output + result.stderr
    assert "cannot connect to postgresql://u:***@127.0.0.1:1/x" in result.stderr


def test_a_row_the_target_refuses_leaves_the_target_empty(db, services, postgres_url):
    """SQLite does not enforce a column's length, PostgreSQL does: the copy fails on that table
    with one line, and the target has not even the tables (one transaction)."""
    make_structure(services)
    make_user(services, ville="V" * 150)  # ville is 100 characters at most
    with pytest.raises(CopyError, match="the copy failed on user, nothing was written") as failed:
        copy_database(db, postgres_url)
    assert "\n" not in str(failed.value)
    target = connect(postgres_url)
    try:
        assert target.get_tables() == []
    finally:
        target.close()


def test_a_new_sqlite_file_takes_the_copy_with_its_trigram_index(demo_db, tmp_path):
    copy_database(demo_db, str(tmp_path / "copy.sqlite3"))
    target = connect(str(tmp_path / "copy.sqlite3"))
    try:
        assert counts(target) == counts(demo_db)
        name = target.execute_sql(
            "SELECT COUNT(*) FROM structure_search_raison_sociale_trigrams "
            "WHERE structure_search_raison_sociale_trigrams MATCH '\"menuiserie\"'"
        ).fetchone()[0]
        assert name >= 1
    finally:
        target.close()
