"""``seed --scale N`` against raw ``sqlite3.executemany`` of the same rows.

Measured: the whole ``seed_scale`` (what ``chorus-tui seed --scale N`` runs after creating the
schema): hashing the demo password once, generating every row in Python, writing them in
batched write transactions. Baseline: the same rows (the same seeded generator, batch by batch,
generated outside the clock) inserted with a plain ``sqlite3`` connection — ``executemany`` per
table, one ``BEGIN IMMEDIATE … COMMIT`` per batch, the same pragmas — into a fresh database of
the same schema. Both write new files in the scratch folder, never the cached scale database.

Full mode seeds 1,000,000 users (minutes): each side runs once. Quick mode seeds 10,000."""

from __future__ import annotations

import gc
import sqlite3
import time
from pathlib import Path

from benchmarks.core import FULL_USERS, QUICK_USERS, Context, Result

TARGET_RATIO = 2.0


def _fresh(ctx: Context, name: str) -> Path:
    path = ctx.scratch / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def _drop(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _measured(ctx: Context, users: int) -> tuple[float, int]:
    """Seconds of ``seed_scale`` on a new database, and the rows it wrote."""
    from chorus_tui.db import open_database, prepare_schema
    from chorus_tui.db.scale import seed_scale
    from chorus_tui.domain.context import Services
    from chorus_tui.models import database

    path = _fresh(ctx, "seed-measured.sqlite3")
    prepare_schema(open_database(str(path)))
    gc.collect()
    started = time.perf_counter()
    report = seed_scale(Services(), users)
    seconds = time.perf_counter() - started
    database.close()
    _drop(path)
    return seconds, report.rows


def _baseline(ctx: Context, users: int) -> tuple[float, float, int]:
    """Seconds of the raw inserts alone, seconds spent generating the rows, rows inserted."""
    from chorus_tui.db import SQLITE_PRAGMAS, open_database, prepare_schema
    from chorus_tui.db.scale import Generator, prepare
    from chorus_tui.domain.context import Services, cheap_hasher
    from chorus_tui.domain.passwords import hash_password
    from chorus_tui.domain.transaction import run_write
    from chorus_tui.models import database

    path = _fresh(ctx, "seed-baseline.sqlite3")
    prepare_schema(open_database(str(path)))
    services = Services(hasher=cheap_hasher())
    now = services.now()
    spaces = run_write(lambda: prepare(now))
    database.close()
    generator = Generator(now, hash_password(services.hasher, "x"), spaces, users)

    connection = sqlite3.connect(str(path), isolation_level=None)
    for name, value in SQLITE_PRAGMAS.items():
        connection.execute(f"PRAGMA {name} = {value}")
    inserting = generating = 0.0
    rows = 0
    gc.collect()
    batches = generator.batches()
    while True:
        started = time.perf_counter()
        batch = next(batches, None)
        generating += time.perf_counter() - started
        if batch is None:
            break
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        for sql, batch_rows in batch.inserts:
            if batch_rows:
                connection.executemany(sql, batch_rows)
        connection.execute("COMMIT")
        inserting += time.perf_counter() - started
        rows += batch.rows
    connection.close()
    _drop(path)
    return inserting, generating, rows


def run(ctx: Context) -> list[Result]:
    from chorus_tui.models import database

    users = QUICK_USERS if ctx.quick else FULL_USERS
    previous = database.obj
    try:
        inserting, generating, baseline_rows = _baseline(ctx, users)
        seconds, rows = _measured(ctx, users)
    finally:
        database.initialize(previous)
    ratio = seconds / inserting
    passed = ratio <= TARGET_RATIO
    note = (
        f"Each side runs once (seeding is seconds to minutes). seed_scale: {_n(rows)} rows in "
        f"{seconds:.1f} s ({_n(rows / seconds)} rows/s); raw executemany of the same rows: "
        f"{inserting:.1f} s ({_n(baseline_rows / inserting)} rows/s), their generation "
        f"({generating:.1f} s) outside the baseline's clock."
    )
    return [
        Result(
            name=f"`seed --scale {users}`",
            samples=[seconds],
            target=f"≤ {TARGET_RATIO:g} × baseline",
            passed=passed,
            baseline=[inserting],
            baseline_name="raw sqlite3.executemany, same rows",
            note=note,
            unit="s",
            extra={"ratio": f"{ratio:.2f}"},
        )
    ]


def _n(number: float) -> str:
    return f"{number:,.0f}".replace(",", " ")
