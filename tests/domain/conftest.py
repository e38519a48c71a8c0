"""The domain suite runs on every backend (SPEC §8): ``db`` is parametrised over SQLite and
PostgreSQL, so each domain test runs twice without being copied (ids ``[sqlite]`` and
``[postgresql]``).

A test that only makes sense on SQLite (several processes on one file, PRAGMA checks, SQLite query
plans) carries ``@pytest.mark.sqlite_only``: it is then not parametrised and runs once, on SQLite.
"""

from __future__ import annotations

import pytest

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.models import database
from tests.postgres import postgres_cluster, postgres_template, postgres_test_database

__all__ = ["postgres_cluster", "postgres_template", "postgres_test_database"]

BACKENDS = ("sqlite", "postgresql")


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: runs once, on SQLite, instead of on every backend"
    )


def pytest_generate_tests(metafunc) -> None:
    if "backend" in metafunc.fixturenames and not metafunc.definition.get_closest_marker(
        "sqlite_only"
    ):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


@pytest.fixture
def backend(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db(request, backend, tmp_path):
    """A brand-new database with the schema and the reference data, on ``backend``."""
    if backend == "sqlite":
        handle = open_database(str(tmp_path / "chorus.sqlite3"))
        prepare_schema(handle)
        yield handle
        handle.close()
        database.initialize(None)
        return
    test_database = request.getfixturevalue("postgres_test_database")
    handle = open_database(test_database.url)
    yield handle
    handle.close()
    database.initialize(None)
    test_database.reset()
