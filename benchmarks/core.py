"""What every measurement shares: the run's context, timing, statistics and the result line.

A measurement module defines ``run(ctx: Context) -> list[Result]``. It times what the issue names
(from the operator's point of view: process start, key press, painted screen), and where the
table asks for one it times the baseline in the same run, on the same machine, just before or
after. Results never fail the run: a missed target is a line that says so, with the numbers.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "benchmarks" / ".cache"

FULL_USERS = 1_000_000
QUICK_USERS = 10_000


@dataclass
class Context:
    """One run: the scale database (built once and reused), how many repetitions, a scratch
    folder. Measurements that change data work on a copy or roll back: the scale database is
    the same for every measurement of a run."""

    users: int
    repetitions: int
    quick: bool
    database: Path
    scratch: Path
    log: Callable[[str], None] = print

    @property
    def scale_label(self) -> str:
        return f"{self.users:,} users".replace(",", " ")


@dataclass
class Result:
    """One line of RESULTS.md. Times are in seconds; ``unit`` says how to show them."""

    name: str
    samples: list[float]
    target: str
    passed: bool | None
    baseline: list[float] | None = None
    baseline_name: str = ""
    note: str = ""
    unit: str = "ms"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline) if self.baseline else None

    @property
    def ratio(self) -> float | None:
        base = self.baseline_median
        return self.median / base if base else None


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def repeat(action: Callable[[], object], times: int, *, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``action`` over ``times`` runs, after ``warmup`` untimed runs; the
    garbage collector runs between runs, not during them."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(times):
        gc.collect()
        with paused_gc():
            started = time.perf_counter()
            action()
            samples.append(time.perf_counter() - started)
    return samples


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fmt(seconds: float | None, unit: str) -> str:
    if seconds is None:
        return "—"
    if unit == "ms":
        return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds * 1000:.0f} ms"
    if unit == "s":
        return f"{seconds:.2f} s"
    if unit == "MiB":
        return f"{seconds:.1f} MiB"
    return f"{seconds:g} {unit}"


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a scale database (its WAL included) through SQLite's backup API, the
    source opened read-only (the cached databases are never written), flushed to the disk:
    otherwise the first checkpoint's fsync during a measurement would write the whole freshly
    copied file (2 GB at full scale)."""
    import sqlite3

    target.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=65536)
    finally:
        dst.close()
        src.close()
    with target.open("rb+") as copy:
        os.fsync(copy.fileno())
    return target
