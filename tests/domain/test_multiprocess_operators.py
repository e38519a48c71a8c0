"""X8, SPEC §8: four operators in four OS processes write at once to one SQLite file — 200 random
operations each (membership requests, attachments, decisions, role changes, deactivation,
removal, versioned profile saves, subscriptions, logins; see tests/random_work.py, which the soak
command runs too). No « database is locked » (nor any other database error) reaches the caller,
no update is lost, and the invariant and the foreign keys hold afterwards. The same runs against
PostgreSQL, where concurrent transactions really overlap."""

from __future__ import annotations

import functools
import multiprocessing

import pytest

from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import database
from tests.random_work import (
    KINDS,
    Report,
    baseline,
    lost_updates,
    make_cast,
    operate,
    total_outcomes,
)

WRITERS = 4
OPERATIONS = 200


def database_target(request, backend: str, tmp_path) -> str:
    """What each process opens: the ``db`` fixture's SQLite file, or its PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "chorus.sqlite3")
    return request.getfixturevalue("postgres_test_database").url


@pytest.mark.usefixtures("db")
def test_four_operator_processes_lose_no_update_and_never_see_database_is_locked(
    request, backend, services, tmp_path
):
    """On one SQLite file (``BEGIN IMMEDIATE``) and on PostgreSQL (read committed, the rows
    read to decide locked ``FOR UPDATE``) alike."""
    cast = make_cast(services, WRITERS)
    before = baseline(cast)
    database.close()

    target = database_target(request, backend, tmp_path)
    work = functools.partial(operate, operations=OPERATIONS)
    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        reports: list[Report] = pool.starmap(
            work, [(target, cast, index) for index in range(WRITERS)]
        )
    database.connect(reuse_if_open=True)

    assert [report.unexpected for report in reports] == [[]] * WRITERS
    outcomes = total_outcomes(reports)
    assert sum(outcomes.values()) == WRITERS * OPERATIONS
    # Every kind of operation ran and succeeded at least once; some met a conflict.
    for kind in KINDS:
        assert outcomes[f"{kind}:ok"] > 0, (kind, outcomes)
    assert any(":Conflict:" in key for key in outcomes), outcomes

    # No lost update: versions moved once per save, one row per request or attach, one audit
    # entry per decision, one login attempt per login.
    assert lost_updates(cast, before, reports) == []
    assert all_violations() == []  # with SQLite's integrity and foreign key checks
