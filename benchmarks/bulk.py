"""Bulk validation of 1,000 membership requests (issue 9): the domain run, and the UI repaint
during it.

Both work on a copy of the scale database (in ``ctx.scratch``; the cached one is never written):
one active public structure of the copy gets ``REQUESTS`` new requesters, each with a pending
membership request (about a third of them on one or two services, the rest on the whole
structure, as the seed draws them), and its principal manager validates them all.

- « domain »: ``bulk.process_each`` over ``validate_membership``, exactly as the UI's bulk window
  calls it: one write transaction per request (status, service lines, mail, event, history and
  the default subscriptions). Each repetition (at most 5: a run takes seconds) gets a fresh
  batch of pending requests, made before the clock starts.
- « UI repaint »: the same validation run by the real :class:`BulkDialog` (its thread worker and
  progress bar) in the app under Pilot; a 10 ms ``set_interval`` callback on the event loop
  records when it runs, and the gaps between its runs are the longest the UI could not repaint
  (Textual repaints from the same loop). The target is no gap over 100 ms.

``--quick``: 100 requests, one run of each, compared with no target.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import sqlite3
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from benchmarks.core import Context, Result, copy_database, paused_gc, percentile

REQUESTS = 1000
QUICK_REQUESTS = 100
TARGET_SECONDS = 5.0
TARGET_GAP = 0.100
TICK = 0.010


def run(ctx: Context) -> list[Result]:
    requests = QUICK_REQUESTS if ctx.quick else REQUESTS
    started = time.perf_counter()
    copy = copy_database(ctx.database, ctx.scratch / "bulk.sqlite3")
    ctx.log(f"bulk: copied the scale database in {time.perf_counter() - started:.1f} s")
    return [_domain(ctx, copy, requests), _ui(ctx, copy, requests)]


# -- the data ---------------------------------------------------------------------------------


class Bench:
    """The copy opened for the models, its chosen structure and its principal manager."""

    def __init__(self, path: Path) -> None:
        from chorus_tui.clock import SystemClock
        from chorus_tui.db import open_database
        from chorus_tui.domain.context import Services, cheap_hasher
        from chorus_tui.models import Membership, Structure, User
        from chorus_tui.models.codes import (
            AccountStatus,
            MembershipStatus,
            Role,
            StructureKind,
            StructureStatus,
        )

        self.db = open_database(str(path))
        self.services = Services(clock=SystemClock(), hasher=cheap_hasher())
        row = (
            Membership.select(Membership.structure, Membership.user)
            .join(Structure)
            .switch(Membership)
            .join(User)
            .where(
                (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
                & (Membership.status == MembershipStatus.VALIDEE)
                & (Structure.status == StructureStatus.ACTIF)
                & (Structure.kind == StructureKind.PUBLIQUE)
                & (User.status == AccountStatus.ACTIF)
                & (User.is_technical == False)  # noqa: E712
            )
            .order_by(Membership.structure)
            .first()
        )
        self.structure = Structure.get_by_id(row.structure_id)
        self.manager = User.get_by_id(row.user_id)

    def pending(self, count: int) -> list[int]:
        """``count`` new requesters, each with a pending request to the structure; their ids."""
        from chorus_tui.domain.search import user_search_columns
        from chorus_tui.domain.transaction import run_write
        from chorus_tui.models import Membership, MembershipService, Service, User
        from chorus_tui.models.codes import MembershipStatus, Role, ServiceLineStatus

        batch = uuid.uuid4().hex[:12]  # logins unique over the batches (and runs) on the copy
        now = self.services.now()
        services = [
            s.id for s in Service.select(Service.id).where(Service.structure == self.structure)
        ]

        def write() -> list[int]:
            users = []
            for n in range(count):
                login = f"bulk-{batch}-{n:05d}@bench.example"
                values = {
                    "login": login,
                    "email": login,
                    "nom": "BULK",
                    "prenom": f"Demandeur {n}",
                    "adresse": "1 rue du Banc",
                    "ville": "Paris",
                }
                users.append(
                    {
                        **values,
                        **user_search_columns(values),
                        "created_at": now,
                        "activated_at": now,
                        "password_hash": "x",
                        "password_changed_at": now,
                    }
                )
            User.insert_many(users).execute()
            logins = [user["login"] for user in users]
            ids = [u.id for u in User.select(User.id).where(User.login.in_(logins))]
            Membership.insert_many(
                [
                    {
                        "user": uid,
                        "structure": self.structure.id,
                        "role": Role.UTILISATEUR_SIMPLE,
                        "status": MembershipStatus.EN_COURS_DE_VALIDATION,
                        "start_date": now.date(),
                        "requested_at": now,
                        "whole_structure": not services or n % 3 != 0,
                    }
                    for n, uid in enumerate(ids)
                ]
            ).execute()
            memberships = list(
                Membership.select(Membership.id, Membership.whole_structure)
                .where(
                    (Membership.user.in_(ids))
                    & (Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
                )
                .order_by(Membership.id)
            )
            lines = [
                {
                    "membership": m.id,
                    "service": sid,
                    "status": ServiceLineStatus.EN_COURS_DE_VALIDATION,
                }
                for n, m in enumerate(memberships)
                if not m.whole_structure
                for sid in services[: 1 + n % 2]
            ]
            if lines:
                MembershipService.insert_many(lines).execute()
            return [m.id for m in memberships]

        return run_write(write)

    def operation(self, membership_id: int) -> object:
        from chorus_tui.domain import membership_requests

        return membership_requests.validate_membership(self.services, self.manager, membership_id)

    def close(self) -> None:
        from chorus_tui.models import database

        self.db.close()
        database.initialize(None)


# -- the domain bulk ----------------------------------------------------------------------------


def _domain(ctx: Context, copy: Path, requests: int) -> Result:

    from chorus_tui.domain.bulk import process_each

    bench = Bench(copy)
    repetitions = 1 if ctx.quick else min(ctx.repetitions, 5)
    samples: list[float] = []
    cpu: list[float] = []
    queries: list[int] = []
    try:
        process_each(bench.pending(5), bench.operation)  # warm-up
        for _ in range(repetitions):
            ids = bench.pending(requests)
            counter = _QueryCounter(bench.db)
            gc.collect()
            with paused_gc(), counter:
                started, cpu_started = time.perf_counter(), time.process_time()
                outcome = process_each(ids, bench.operation)
                samples.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
            if len(outcome.done) != requests:
                raise RuntimeError(f"bulk: {len(outcome.skipped)} requests skipped")
            queries.append(counter.count)
    finally:
        bench.close()
    per_request = queries[-1] / requests
    passed = None if ctx.quick else max(samples) <= TARGET_SECONDS
    runs = f"{len(samples)} run" + ("s" if len(samples) > 1 else "")
    note = (
        f"{requests} requests of one structure ({bench.structure.kind.lower()}, "
        f"{len(_services_of(copy, bench.structure.id))} services), one transaction each, "
        f"on a copy of the scale database; {runs}, CPU {statistics.median(cpu):.2f} s in the "
        f"median run. {per_request:.1f} SQL statements per request, 17.5 before: the "
        "request, its requester, its structure and the manager's rights read in one statement "
        "(four before); service lines set in one statement per status; the default "
        "subscriptions in one multi-row insert (one per space before), the spaces held read by "
        "the (user, structure) index (SQLite picked (structure, status) and scanned every "
        "subscription of the structure: slower with each validation); the SQL of these "
        "per-request statements built once (peewee took ~1 ms to build the join SQLite runs "
        "in ~20 µs)"
    )
    return Result(
        name=f"bulk validation of {requests} membership requests (domain)",
        samples=samples,
        target=f"≤ {TARGET_SECONDS:g} s for {REQUESTS} requests",
        passed=passed,
        note=note,
        unit="s",
        extra={
            "statements per request": f"{per_request:.1f}",
            "CPU time (median)": f"{statistics.median(cpu):.2f} s",
        },
    )


def _services_of(path: Path, structure_id: int) -> list[int]:
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
        return [
            row[0]
            for row in db.execute("SELECT id FROM service WHERE structure_id = ?", (structure_id,))
        ]


class _QueryCounter:
    """Counts the statements peewee sends (``execute_sql``) while active."""

    def __init__(self, db) -> None:
        self.db = db
        self.count = 0

    def __enter__(self) -> _QueryCounter:
        original = type(self.db).execute_sql

        def counting(db, sql, params=None, *args, **kwargs):
            self.count += 1
            return original(db, sql, params, *args, **kwargs)

        self.db.execute_sql = counting.__get__(self.db)
        return self

    def __exit__(self, *exc: object) -> None:
        del self.db.execute_sql


# -- the UI repaint -----------------------------------------------------------------------------


def _ui(ctx: Context, copy: Path, requests: int) -> Result:
    bench = Bench(copy)
    try:
        ids = bench.pending(requests)
        drive = asyncio.run(_drive(bench, ids))
    finally:
        bench.close()
    gaps = drive.gaps
    worst, p95 = max(gaps), percentile(gaps, 95)
    updates = max(drive.progress_gaps)
    collections = drive.collections
    longest = max((seconds for _, seconds in collections), default=0.0)
    oldest = sum(1 for generation, _ in collections if generation == 2)
    passed = None if ctx.quick else worst <= TARGET_GAP
    return Result(
        name=f"UI during the bulk validation of {requests} requests: event-loop gaps",
        samples=gaps,
        target=f"no gap > {TARGET_GAP * 1000:.0f} ms",
        passed=passed,
        note=(
            f"the BulkDialog under Pilot (thread worker, progress bar); a {TICK * 1000:.0f} ms "
            f"interval timer on the event loop: {len(gaps)} gaps over the {drive.seconds:.2f} s "
            f"run, max {worst * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; the count and bar "
            f"updated {len(drive.progress_gaps)} times, at most {updates * 1000:.0f} ms apart; "
            f"opening the window {drive.opening * 1000:.0f} ms. The garbage collector runs "
            "(it is not paused: the heap is collected once before the run, so that the "
            f"benchmark's earlier garbage is not counted): {len(collections)} collections, "
            f"{oldest} of the oldest generation, the longest {longest * 1000:.0f} ms"
        ),
        unit="ms",
        extra={
            "max gap": f"{worst * 1000:.0f} ms",
            "p95 gap": f"{p95 * 1000:.0f} ms",
            "max between progress updates": f"{updates * 1000:.0f} ms",
            "run": f"{drive.seconds:.2f} s",
            "longest garbage collection": f"{longest * 1000:.0f} ms",
        },
    )


async def _drive(bench: Bench, ids: list[int]) -> Drive:
    from textual.app import App

    from chorus_tui.ui.app import build_app
    from chorus_tui.ui.dialogs.bulk import BulkDialog

    app: App = build_app(bench.services, "FR", cursor_blink=False)
    ticks: list[float] = []
    shown: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = BulkDialog("Validation", ids, bench.operation)
        progress = dialog._progress

        def timed_progress(done: int) -> None:
            progress(done)
            shown.append(time.perf_counter())

        dialog._progress = timed_progress  # type: ignore[method-assign]
        gc.collect()
        collections: list[tuple[int, float]] = []
        collecting: dict[str, float] = {}

        def timed_collection(phase: str, info: dict) -> None:
            if phase == "start":
                collecting["since"] = time.perf_counter()
            elif "since" in collecting:
                collections.append((info["generation"], time.perf_counter() - collecting["since"]))

        gc.callbacks.append(timed_collection)
        opened = time.perf_counter()
        await app.push_screen(dialog)  # mounted: the worker runs
        started = time.perf_counter()
        timer = app.set_interval(TICK, lambda: ticks.append(time.perf_counter()))
        while dialog.outcome is None:
            await asyncio.sleep(TICK)
        finished = time.perf_counter()
        gc.callbacks.remove(timed_collection)
        timer.stop()
        if len(dialog.outcome.done) != len(ids):
            raise RuntimeError(f"bulk UI: {len(dialog.outcome.skipped)} requests skipped")
    return Drive(
        opening=started - opened,
        seconds=finished - started,
        gaps=[b - a for a, b in itertools.pairwise([started, *ticks])],
        progress_gaps=[b - a for a, b in itertools.pairwise([started, *shown])],
        collections=collections,
    )


@dataclass
class Drive:
    opening: float  # push_screen until the dialog is mounted
    seconds: float  # the bulk run, mounted until finished
    gaps: list[float]  # between two runs of the event loop's 10 ms timer
    progress_gaps: list[float]  # between two updates of the count and bar
    collections: list[tuple[int, float]]  # the garbage collector's runs: generation, seconds
