"""The soak command (issue 10, not run in CI): several operator processes do random work on one
SQLite database for minutes, then the numbers that must stay at zero are printed.

    python -m tests.soak --processes 4 --minutes 10
    python -m tests.soak --processes 2 --seconds 3 --database /tmp/soak.sqlite3

Without ``--database`` the database is a fresh file in a temporary folder (removed at the end).
The operators work on a cast of their own (a structure with two services, candidates, profile
accounts: tests/random_work.py) seeded first. While they work, the principal-manager invariant is
checked every few seconds from this process; at the end come the full checks (SQLite's integrity
and foreign keys too) and the lost-update checks of the multi-process test. Exit status 1 when an
invariant violation, a lost update or an error nobody planned for (« database is locked »…) was
seen; domain refusals (conflicts, validation) are expected and only counted."""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.invariant import all_violations, principal_violations
from chorus_tui.models import database
from tests.random_work import Report, baseline, lost_updates, make_cast, operate, total_outcomes

WATCH_INTERVAL = 5.0  # seconds between two checks of the invariant while the operators work


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tests.soak",
        description="Random operators' work from several processes on one SQLite database.",
    )
    parser.add_argument("--processes", type=int, default=4, help="operator processes (4)")
    length = parser.add_mutually_exclusive_group()
    length.add_argument("--minutes", type=float, help="how long they work (default 10)")
    length.add_argument("--seconds", type=float, help="how long they work, for short runs")
    parser.add_argument("--database", help="a SQLite file (default: a fresh one in a temp dir)")
    parser.add_argument("--seed", type=int, default=None, help="first operator's random seed")
    arguments = parser.parse_args(argv)
    if arguments.processes < 1:
        parser.error("--processes must be at least 1")
    if arguments.seconds is None:
        arguments.seconds = 60 * (arguments.minutes if arguments.minutes is not None else 10)
    if arguments.seconds <= 0:
        parser.error("the duration must be positive")
    return arguments


def error_kind(outcome: str) -> str | None:
    """``kind:Conflict:request_processed`` → ``Conflict:request_processed``; None for a
    success (``kind:ok``) or nothing to act on (``kind:idle``)."""
    _, _, rest = outcome.partition(":")
    return None if rest in ("ok", "idle") else rest


def unexpected_kind(message: str) -> str:
    """The kind of an unplanned error: ``OperationalError: database is locked``, or the last
    line of a traceback."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    _, _, first = lines[0].partition(": ")
    return first if first.startswith("OperationalError") else lines[-1].strip()


def watch(pool_result, seconds: float) -> list[str]:
    """Check the principal invariant every few seconds until the operators are done; the
    distinct violations seen."""
    seen: list[str] = []
    end = time.monotonic() + seconds + 60
    while not pool_result.ready() and time.monotonic() < end:
        pool_result.wait(WATCH_INTERVAL)
        for violation in principal_violations():
            if str(violation) not in seen:
                seen.append(str(violation))
        database.close()
    return seen


def work(target: str, cast, index: int, seconds: float, seed: int | None) -> Report:
    """One operator process (a module-level function, so that spawned processes find it)."""
    return operate(target, cast, index, seconds=seconds, seed=seed)


def run(arguments: argparse.Namespace) -> int:
    folder = None
    if arguments.database:
        target = arguments.database
    else:
        folder = tempfile.mkdtemp(prefix="chorus-soak-")
        target = str(Path(folder) / "soak.sqlite3")
    try:
        return soak(target, arguments)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def soak(target: str, arguments: argparse.Namespace) -> int:
    processes, seconds = arguments.processes, arguments.seconds
    handle = open_database(target)
    prepare_schema(handle)
    cast = make_cast(Services(hasher=cheap_hasher()), processes)
    before = baseline(cast)
    database.close()
    print(f"soak: {processes} processes for {seconds:g} s on {target}", flush=True)

    jobs = [
        (target, cast, index, seconds, None if arguments.seed is None else arguments.seed + index)
        for index in range(processes)
    ]
    started = time.monotonic()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        pending = pool.starmap_async(work, jobs)
        watched = watch(pending, seconds)
        reports: list[Report] = pending.get()
    elapsed = time.monotonic() - started

    database.connect(reuse_if_open=True)
    violations = list(dict.fromkeys(watched + [str(v) for v in all_violations()]))
    lost = lost_updates(cast, before, reports)
    database.close()
    return print_summary(reports, elapsed, violations, lost)


def print_summary(
    reports: list[Report], elapsed: float, violations: list[str], lost: list[str]
) -> int:
    total = sum(report.operations for report in reports)
    print(f"elapsed: {elapsed:.1f} s")
    print("operations done:")
    for index, report in enumerate(reports):
        print(f"  process {index}: {report.operations}")
    print(f"  total: {total} ({total / elapsed:.0f}/s)")

    outcomes = total_outcomes(reports)
    successes: Counter = Counter()
    errors: Counter = Counter()
    operations_of: dict[str, Counter] = {}
    for outcome, count in outcomes.items():
        kind = error_kind(outcome)
        if kind is None:
            successes[outcome] += count
        else:
            errors[kind] += count
            operations_of.setdefault(kind, Counter())[outcome.partition(":")[0]] += count
    unexpected = Counter(unexpected_kind(m) for r in reports for m in r.unexpected)
    print("outcomes by operation:")
    for outcome, count in sorted(successes.items()):
        print(f"  {outcome}: {count}")
    print(f"errors by kind (domain refusals, expected): {sum(errors.values())}")
    for kind, count in sorted(errors.items()):
        where = ", ".join(f"{name} {n}" for name, n in sorted(operations_of[kind].items()))
        print(f"  {kind}: {count} ({where})")
    print(f"unexpected errors (must be 0): {sum(unexpected.values())}")
    for kind, count in sorted(unexpected.items()):
        print(f"  {kind}: {count}")
    print(f"invariant violations (must be 0): {len(violations)}")
    for violation in violations:
        print(f"  {violation}")
    print(f"lost updates (must be 0): {len(lost)}")
    for line in lost:
        print(f"  {line}")
    failed = bool(violations or lost or unexpected)
    print("soak: FAILED" if failed else "soak: OK")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    return run(parse_arguments(argv))


if __name__ == "__main__":
    sys.exit(main())
