"""Shared fixtures: a fixed clock, a cheap hasher, and a fresh database file per test."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.clock import FixedClock
from chorus_tui.db import open_database, prepare_schema
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.models import database

# The fixed « now » of every test and snapshot: Tuesday 24 November 2026, 10:30 in Paris.
FIXED_NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(FIXED_NOW)


@pytest.fixture
def services(clock: FixedClock) -> Services:
    return Services(clock=clock, hasher=cheap_hasher())


@pytest.fixture
def db(tmp_path):
    """A brand-new schema in a file (worker threads do not see an in-memory database)."""
    handle = open_database(str(tmp_path / "chorus.sqlite3"))
    prepare_schema(handle)
    yield handle
    handle.close()
    database.initialize(None)


@pytest.fixture
def demo_db(db, services):
    """The demo database of SPEC §7, built with the fixed clock."""
    from chorus_tui.db.demo import seed_demo

    seed_demo(services)
    return db
