"""Issue 9, line 1: process start → login screen painted, under a pseudo-terminal.

Method: ``chorus-tui --database <copy of the scale database>`` is spawned under an 80×24
pseudo-terminal (:mod:`benchmarks.pty_driver`) and timed from just before the process is
created until « Identifiant de connexion » appears in its output stream, then killed. The
baseline is ``benchmarks/bare_label.py`` (a bare Textual app painting one Label), timed the same
way; the two alternate, run after run, so both see the same machine load. The database is the
run's scale database (1M users in the full run): start-up must not depend on its size.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from benchmarks.core import ROOT, Context, Result, copy_database
from benchmarks.pty_driver import PtyProcess

PROGRAM = Path(sys.executable).with_name("chorus-tui")
BARE_APP = ROOT / "benchmarks" / "bare_label.py"
BARE_TEXT = "Bare Textual label"
LOGIN_TEXT = "Identifiant de connexion"
TARGET_RATIO = 1.25


def working_copy(ctx: Context) -> Path:
    """A copy of the scale database in the scratch folder, made once per run (the cached one is
    shared by every measurement and never written to; logging in writes)."""
    copy = ctx.scratch / "login-copy.sqlite3"
    if not copy.exists():
        ctx.log(f"copying {ctx.database.name} for the start-up and login measurements")
        copy_database(ctx.database, copy)
    return copy


def painted(argv: list[str], text: str) -> tuple[float, float]:
    """(seconds from process start to ``text`` painted, CPU seconds the process had used then);
    the process is killed right after."""
    with PtyProcess(argv) as program:
        elapsed = program.wait_for(text) - program.started
        cpu = program.cpu_time()
    return elapsed, cpu if cpu is not None else float("nan")


def run(ctx: Context) -> list[Result]:
    database = working_copy(ctx)
    chorus = [str(PROGRAM), "--database", str(database)]
    bare = [sys.executable, str(BARE_APP)]
    for argv, text in ((bare, BARE_TEXT), (chorus, LOGIN_TEXT)):  # warm-up: caches, bytecode
        if not ctx.quick:
            painted(argv, text)
    samples: list[float] = []
    baseline: list[float] = []
    cpu: list[float] = []
    cpu_baseline: list[float] = []
    for _ in range(ctx.repetitions):
        seconds, used = painted(bare, BARE_TEXT)
        baseline.append(seconds)
        cpu_baseline.append(used)
        seconds, used = painted(chorus, LOGIN_TEXT)
        samples.append(seconds)
        cpu.append(used)
    median, base = statistics.median(samples), statistics.median(baseline)
    passed = median <= TARGET_RATIO * base
    cpu_median, cpu_base = statistics.median(cpu) * 1000, statistics.median(cpu_baseline) * 1000
    note = (
        "Before the login screen the program opens the SQLite file and reads one row (the "
        "schema version): no table scan, no demo-data check on an existing database. Done to "
        "meet the target: psycopg no longer imported with peewee (~0.2 s; loaded for a "
        "postgresql:// URL only), nor the migration machinery (only when the schema is "
        "behind), the subcommand modules, babel, platformdirs; the theme is set without "
        "Textual's full CSS re-parse (which also emptied its parse cache: ~0.1 s); the garbage "
        "collector is paused until the login screen is painted (~20% of the start-up)."
    )
    if not passed:
        note += (
            f" Missed: {median * 1000:.0f} ms against {TARGET_RATIO} × {base * 1000:.0f} ms "
            f"(CPU {cpu_median:.0f} ms against {cpu_base:.0f} ms). What remains: importing click, "
            "peewee and the models, and Textual's work for a real screen (two inputs, four "
            "buttons, the footer's keys: CSS parsed and applied, composed, rendered) against "
            "one Label."
        )
    return [
        Result(
            name="process start → login screen painted (pty 80×24)",
            samples=samples,
            target=f"≤ {TARGET_RATIO} × baseline",
            passed=passed,
            baseline=baseline,
            baseline_name="bare Textual app, one Label, same method",
            note=note,
            extra={
                "CPU time until painted (median, all threads)": f"{cpu_median:.0f} ms",
                "CPU time of the baseline": f"{cpu_base:.0f} ms",
                "database": f"{ctx.scale_label} (a copy)",
            },
        )
    ]
