"""X7 and SPEC §3 under a real crash: a bulk validation and ``chorus-tui seed --scale`` run in a
child process that is killed with SIGKILL at random moments (20 kill points in all). After
each kill the database is reopened: ``PRAGMA integrity_check`` says ok, ``chorus-tui check`` is
clean, every request is either fully processed (status, mail, history, event, default
subscriptions) or untouched, and a seed leaves either the empty database or whole batches.

Each kill works on a copy of a template database made once. The moments are spread over the
run's duration, measured once on an uninterrupted run: one random moment in each of k equal
slices, so that every part of the run is hit. The random seed is in every failure message.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from peewee import fn

from chorus_tui.cli import main
from chorus_tui.clock import FixedClock
from chorus_tui.db import open_database, prepare_schema
from chorus_tui.db.scale import RANDOM_SEED, _batches, structure_sizes
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    OutboxMail,
    Structure,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import MembershipStatus, Role
from tests.conftest import FIXED_NOW
from tests.domain.factories import add_pending_requests, make_structure, make_user

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 300
BULK_KILLS = 12
SCALE_USERS = 6000  # three batches of the seed, about 1.5 s
SEED_KILLS = 8
SEED_COMMAND = ("seed", "--scale", str(SCALE_USERS))
MANAGER = "paul@example.fr"
DEFAULT_SUBSCRIPTIONS = 4  # a simple user of a private structure (see test_bulk)

SEED = int.from_bytes(os.urandom(4), "big")


@pytest.fixture(scope="module")
def rng() -> random.Random:
    return random.Random(SEED)


def kill_moments(rng: random.Random, duration: float, count: int) -> list[float]:
    """One random moment in each of ``count`` equal slices of ``duration``."""
    return [duration * (slot + rng.random()) / count for slot in range(count)]


def closed_copy(template: Path, folder: Path, name: str) -> Path:
    """A copy of the template (closed cleanly: no WAL beside it)."""
    target = folder / name
    shutil.copyfile(template, target)
    return target


def close_models() -> None:
    if database.obj is not None:
        database.obj.close()
    database.initialize(None)


# -- the databases ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bulk_template(tmp_path_factory) -> tuple[Path, list[int]]:
    """300 pending requests to one structure of the manager ``paul``."""
    path = tmp_path_factory.mktemp("bulk") / "template.sqlite3"
    prepare_schema(open_database(str(path)))
    services = Services(clock=FixedClock(FIXED_NOW), hasher=cheap_hasher())
    try:
        paul = make_user(services, login=MANAGER)
        structure = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
        with database.atomic():
            ids = add_pending_requests(services, structure, REQUESTS)
    finally:
        close_models()
    assert not Path(f"{path}-wal").exists()
    return path, ids


@pytest.fixture(scope="module")
def empty_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("seed") / "template.sqlite3"
    prepare_schema(open_database(str(path)))
    close_models()
    return path


# -- running and killing the child -------------------------------------------------------------


def start_bulk(path: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.crash_child", str(path), MANAGER],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    ready = process.stdout.readline()
    assert ready == "ready\n", process.stderr.read()
    return process


def start_seed(path: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "chorus_tui", "--database", str(path), *SEED_COMMAND],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen) -> str:
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out


def uninterrupted(start: Callable[[Path], subprocess.Popen], path: Path) -> tuple[float, str]:
    """Run the child to its end; the time from its start (``ready`` for the bulk) to its exit."""
    process = start(path)
    began = time.monotonic()
    out = finish(process)
    return time.monotonic() - began, out


def killed_after(start: Callable[[Path], subprocess.Popen], path: Path, delay: float) -> bool:
    """Start the child, SIGKILL it ``delay`` seconds later; whether it was still running."""
    process = start(path)
    time.sleep(delay)
    running = process.poll() is None
    if running:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=120)
    return running


# -- what a reopened database must satisfy -----------------------------------------------------


def assert_sound(path: Path, context: str) -> None:
    """``PRAGMA integrity_check`` is ok, no foreign key dangles, and ``chorus-tui check``
    exits 0 with its « OK » line."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], context
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], context
    finally:
        connection.close()
    result = CliRunner().invoke(main, ["--database", str(path), "check"])
    close_models()
    assert result.exit_code == 0, f"{context}: {result.output}"
    assert result.stdout.startswith("OK"), context


def per_user(model, column) -> dict[int, int]:
    return dict(model.select(column, fn.COUNT("*")).group_by(column).tuples())


def bulk_state(path: Path, ids: list[int]) -> int:
    """Checks that every request is fully processed or untouched and that the processed ones are
    the first ones, in order (the bulk goes through them in order); returns how many."""
    open_database(str(path))
    try:
        memberships = {
            m.id: (m.user_id, m.status, m.role)
            for m in Membership.select(
                Membership.id, Membership.user, Membership.status, Membership.role
            ).where(Membership.id.in_(ids))
        }
        mails = per_user(OutboxMail, OutboxMail.user)
        history = per_user(AuditEntry, AuditEntry.target_user)
        events = per_user(Event, Event.user)
        subscriptions = per_user(Subscription, Subscription.user)
        totals = (
            OutboxMail.select().count(),
            AuditEntry.select().count(),
            Event.select().count(),
        )
    finally:
        close_models()
    statuses = []
    for membership_id in ids:
        user_id, status, role = memberships[membership_id]
        found = (
            status,
            mails.get(user_id, 0),
            history.get(user_id, 0),
            events.get(user_id, 0),
            subscriptions.get(user_id, 0),
        )
        if status == MembershipStatus.VALIDEE:
            assert role == Role.UTILISATEUR_SIMPLE
            assert found[1:] == (1, 1, 1, DEFAULT_SUBSCRIPTIONS), (membership_id, found)
        else:
            assert found == (MembershipStatus.EN_COURS_DE_VALIDATION, 0, 0, 0, 0), (
                membership_id,
                found,
            )
        statuses.append(status == MembershipStatus.VALIDEE)
    processed = sum(statuses)
    assert statuses == [True] * processed + [False] * (len(ids) - processed)
    # Nothing else was written: no mail, history or event of a rolled-back request.
    assert totals == (processed, processed, processed)
    return processed


def seed_boundaries() -> set[tuple[int, int]]:
    """The (users, structures) after each committed batch of ``seed --scale``, and before any."""
    sizes = structure_sizes(SCALE_USERS, random.Random(RANDOM_SEED))
    states = {(0, 0)}
    users = structures = 0
    for batch in _batches(sizes):
        users += sum(batch)
        structures += len(batch)
        states.add((users, structures))
    return states


def seed_state(path: Path) -> tuple[int, int]:
    open_database(str(path))
    try:
        return User.select().count(), Structure.select().count()
    finally:
        close_models()


# -- the tests ---------------------------------------------------------------------------------


def test_a_killed_bulk_validation_leaves_each_request_processed_or_untouched(
    bulk_template, rng, tmp_path
):
    template, ids = bulk_template
    whole = closed_copy(template, tmp_path, "whole.sqlite3")
    duration, out = uninterrupted(start_bulk, whole)
    assert out.strip() == str(REQUESTS)
    assert_sound(whole, "uninterrupted bulk")
    assert bulk_state(whole, ids) == REQUESTS

    outcomes = []
    for number, delay in enumerate(kill_moments(rng, duration, BULK_KILLS)):
        path = closed_copy(template, tmp_path, f"killed{number}.sqlite3")
        running = killed_after(start_bulk, path, delay)
        context = f"bulk killed after {delay:.3f} s of {duration:.3f} s (seed {SEED})"
        assert_sound(path, context)
        processed = bulk_state(path, ids)
        outcomes.append((running, processed))
        path.unlink()
    interrupted = [p for running, p in outcomes if running and 0 < p < REQUESTS]
    assert interrupted, f"no kill landed inside the run: {outcomes} (seed {SEED})"


def test_a_killed_seed_leaves_the_empty_database_or_whole_batches(empty_template, rng, tmp_path):
    boundaries = seed_boundaries()
    assert len(boundaries) >= 3, "the seed must take several batches to be interrupted between"
    whole = closed_copy(empty_template, tmp_path, "whole.sqlite3")
    duration, out = uninterrupted(start_seed, whole)
    assert out.startswith(f"{SCALE_USERS} users")
    assert_sound(whole, "uninterrupted seed")
    assert seed_state(whole) == max(boundaries)

    def kill_at(number: int, delay: float) -> tuple[int, int]:
        path = closed_copy(empty_template, tmp_path, f"killed{number}.sqlite3")
        killed_after(start_seed, path, delay)
        context = f"seed killed after {delay:.3f} s of {duration:.3f} s (seed {SEED})"
        assert_sound(path, context)
        state = seed_state(path)
        assert state in boundaries, context
        path.unlink()
        return state

    states = [
        kill_at(number, delay)
        for number, delay in enumerate(kill_moments(rng, duration, SEED_KILLS))
    ]
    # The first batch commits about half-way through the run (start-up, hashing, generating):
    # a machine slower now than when the run was measured may see every planned kill before
    # it. Extra kills in the second half then make sure a run is cut between two batches.
    partial = [state for state in states if state not in {(0, 0), max(boundaries)}]
    extra = 0
    while not partial and extra < SEED_KILLS:
        extra += 1
        state = kill_at(SEED_KILLS + extra, duration * rng.uniform(0.5, 1.0))
        states.append(state)
        partial = [state] if state not in {(0, 0), max(boundaries)} else []
    assert partial, f"no kill landed between two batches: {states} (seed {SEED})"
