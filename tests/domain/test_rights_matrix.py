"""SPEC §3 as every domain operation enforces it: each operation taking an ``actor`` is called as
each actor of the matrix (principal, secondary manager with each setting, simple user, manager
of another structure, deactivated account, technical user) against the same cast, and gets
exactly the outcome its row of :mod:`tests.domain.rights_matrix_cases` gives. A refused call
changes nothing: every row of every table, and the files of the work folder, are the same
before and after it.

The operations are discovered from the domain package, so an operation added without a row
fails :func:`test_every_operation_taking_an_actor_has_a_row` with its name.

The matrix runs on SQLite (a copy of one template database per call: 600 calls in seconds); the
rows of :data:`ON_POSTGRESQL` run on PostgreSQL too (the cast built once there, each call in a
transaction rolled back after it: the operation's own transaction is then a savepoint, which a
refusal rolls back as it would the transaction).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
from pathlib import Path

import pytest

import chorus_tui.domain
from chorus_tui.clock import FixedClock
from chorus_tui.db import open_database, prepare_schema
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import DomainError, ValidationError
from chorus_tui.models import User, database
from tests.conftest import FIXED_NOW
from tests.domain.rights_matrix_cases import (
    ACTORS,
    HIDDEN,
    INTERNAL,
    OK,
    TABLE,
    Call,
    Cast,
    actor_id,
    build_cast,
    cases,
    expected,
    stage,
)

# The rows that also run on PostgreSQL: those whose rights the database decides (SQL conditions
# derived from the rights table, scoped lists), and writes that lock rows there (``FOR UPDATE``)
# before a refusal must leave everything as it was.
ON_POSTGRESQL = (
    "attach.attach_user",
    "deactivation.search_successors",
    "history.history",
    "membership_requests.decidable_structures",
    "membership_requests.pending_memberships",
    "membership_requests.refuse_membership",
    "membership_requests.validate_membership",
    "memberships.request_membership",
    "profile.save_profile",
    "structure_admin.deactivate_members",
    "structure_admin.my_structures",
    "structure_principal.change_identifier",
    "structure_spaces.add_structure_space",
    "subscription_requests.pending_subscription_requests",
    "subscription_requests.refuse_subscription_request",
    "subscription_requests.validate_subscription_request",
    "synthesis.synthesis",
    "user_search.resend_activation",
    "user_search.search_members",
)


def operation_function(operation: str):
    module, name = operation.rsplit(".", 1)
    return getattr(importlib.import_module(f"{chorus_tui.domain.__name__}.{module}"), name)


def writes(operation: str) -> bool:
    """The operations that take ``services`` (clock, hasher) are the ones that write."""
    return "services" in inspect.signature(operation_function(operation)).parameters


def discovered_operations() -> set[str]:
    """``module.function`` of every public function of the domain package taking ``actor``."""
    found = set()
    for info in pkgutil.iter_modules(chorus_tui.domain.__path__):
        module = importlib.import_module(f"{chorus_tui.domain.__name__}.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if "actor" in inspect.signature(function).parameters:
                found.add(f"{info.name}.{name}")
    return found


def test_every_operation_taking_an_actor_has_a_row():
    discovered = discovered_operations()
    listed = set(TABLE) | set(INTERNAL)
    assert sorted(discovered - listed) == [], "operations without a row in the rights matrix"
    assert sorted(listed - discovered) == [], "rows naming no operation of the domain"
    assert not set(TABLE) & set(INTERNAL)


@pytest.mark.parametrize("operation", sorted(TABLE))
def test_each_row_calls_the_operation_it_names(operation):
    row = TABLE[operation]
    assert operation.rsplit(".", 1)[1] in row.call.__code__.co_names
    assert set(row.outcomes) == set(ACTORS)
    if HIDDEN in row.outcomes.values():
        assert row.sees is not None, "a HIDDEN outcome needs the row's « sees » predicate"


# -- the cast -----------------------------------------------------------------------------------


def _services() -> Services:
    return Services(clock=FixedClock(FIXED_NOW), hasher=cheap_hasher())


@pytest.fixture(scope="session")
def cast_template(tmp_path_factory) -> tuple[Path, Cast]:
    """The cast, built once into a SQLite file that each call copies."""
    path = tmp_path_factory.mktemp("rights-matrix") / "cast.sqlite3"
    handle = open_database(str(path))
    try:
        prepare_schema(handle)
        with handle.atomic():
            cast = build_cast(_services())
    finally:
        handle.close()
        database.initialize(None)
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    return path, cast


@pytest.fixture
def sqlite_cast(cast_template, tmp_path):
    template, cast = cast_template
    path = tmp_path / "chorus.sqlite3"
    shutil.copyfile(template, path)
    handle = open_database(str(path))
    yield handle, cast
    handle.close()
    database.initialize(None)


@pytest.fixture(scope="module")
def postgresql_template(request):
    """The cast built once in the worker's PostgreSQL test database; each call runs in a
    transaction rolled back after it."""
    test_database = request.getfixturevalue("postgres_test_database")
    handle = open_database(test_database.url)
    try:
        with handle.atomic():
            cast = build_cast(_services())
        yield handle, cast
    finally:
        handle.close()
        database.initialize(None)
        test_database.reset()


@pytest.fixture
def postgresql_cast(postgresql_template):
    handle, cast = postgresql_template
    database.initialize(handle)  # the SQLite calls of this module bind the models elsewhere
    try:
        with handle.atomic() as transaction:
            yield handle, cast
            transaction.rollback()
    finally:
        database.initialize(None)


# -- the check ----------------------------------------------------------------------------------


def dump(handle) -> dict[str, list[tuple]]:
    """Every row of every table, all columns, sorted."""
    tables = {}
    for table in sorted(handle.get_tables()):
        rows = handle.execute_sql(f'SELECT * FROM "{table}"').fetchall()
        tables[table] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def check(handle, cast: Cast, operation: str, actor: str, work: Path) -> None:
    row = TABLE[operation]
    outcome = expected(operation, actor)
    stage(cast, actor)
    call = Call(_services(), cast, User.get_by_id(actor_id(cast, actor)), work)
    if row.prepare is not None:
        row.prepare(call)
    before, files_before = dump(handle), files(work)

    if outcome.error is not None:
        with pytest.raises(outcome.error) as refused:
            row.call(call)
        if outcome.error is ValidationError:
            assert outcome.code in refused.value.fields
        elif outcome.code is not None:
            assert refused.value.code == outcome.code
    else:
        try:
            result = row.call(call)
        except DomainError as error:
            pytest.fail(f"{operation} refused to {actor} ({error.code}, {error.params}): {error!r}")
        if row.sees is not None:
            assert row.sees(result, call) == (outcome is OK), (
                f"{operation} as {actor} should {'' if outcome is OK else 'not '}show the "
                "cast's data"
            )
        if outcome is OK:
            if writes(operation):
                assert dump(handle) != before, f"{operation} allowed to {actor} changed nothing"
            return
    assert dump(handle) == before, f"{operation} as {actor} changed the database"
    if outcome.error is not None:
        assert files(work) == files_before, f"a refused {operation} wrote files"


def _id(case: tuple[str, str]) -> str:
    return f"{case[0]}-{case[1]}"


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("operation", "actor"), cases(), ids=map(_id, cases()))
def test_rights_matrix(sqlite_cast, operation, actor, tmp_path):
    handle, cast = sqlite_cast
    work = tmp_path / "work"
    work.mkdir()
    check(handle, cast, operation, actor, work)


POSTGRESQL_CASES = [(operation, actor) for operation in ON_POSTGRESQL for actor in ACTORS]


@pytest.mark.parametrize(("operation", "actor"), POSTGRESQL_CASES, ids=map(_id, POSTGRESQL_CASES))
def test_rights_matrix_on_postgresql(postgresql_cast, operation, actor, tmp_path):
    handle, cast = postgresql_cast
    work = tmp_path / "work"
    work.mkdir()
    check(handle, cast, operation, actor, work)
