"""Issue 9, line 1: process start → login screen painted, under a pseudo-terminal.

Method: ``chorus-tui --database <copy of the scale database>`` is spawned under an 80×24
pseudo-terminal (:mod:`benchmarks.pty_driver`) and timed from just before the process is
created until « Identifiant de connexion » appears in its output stream, then killed. The
baseline is ``benchmarks/bare_label.py`` (a bare Textual app painting one Label), timed the same
way; they alternate, run after run, so all see the same machine load. A third program, timed
the same way, is reported beside them: ``benchmarks/login_floor.py``, Textual alone painting
the login screen's widgets (no stylesheet, translation or database of ours), the floor any
Textual program with this screen starts from. The database is the run's scale database (1M
users in the full run): start-up must not depend on its size.
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
FLOOR_APP = ROOT / "benchmarks" / "login_floor.py"
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
    floor = [sys.executable, str(FLOOR_APP)]
    programs = ((bare, BARE_TEXT), (floor, LOGIN_TEXT), (chorus, LOGIN_TEXT))
    for argv, text in programs:  # warm-up: caches, bytecode
        if not ctx.quick:
            painted(argv, text)
    seconds: list[list[float]] = [[], [], []]
    cpu: list[list[float]] = [[], [], []]
    for _ in range(ctx.repetitions):
        for index, (argv, text) in enumerate(programs):
            elapsed, used = painted(argv, text)
            seconds[index].append(elapsed)
            cpu[index].append(used)
    baseline, floor_samples, samples = seconds
    median, base = statistics.median(samples), statistics.median(baseline)
    floor_median = statistics.median(floor_samples)
    passed = median <= TARGET_RATIO * base
    cpu_base, cpu_floor, cpu_median = (statistics.median(used) * 1000 for used in cpu)
    note = (
        "The usual start (chorus_tui.launch: no subcommand, a SQLite file at the latest schema "
        "version, checked with sqlite3 and one row) imports neither click nor the ORM (peewee, "
        "the models, the domain: ~0.1 s) before the login screen is painted: a thread imports "
        "them and opens the database while the operator types, and the first login waits for "
        "it. Done before: psycopg no longer imported with peewee (~0.2 s; loaded for a "
        "postgresql:// URL only), nor the migration machinery (only when the schema is "
        "behind), the subcommand modules, babel, platformdirs; the theme is set without "
        "Textual's full CSS re-parse (which also emptied its parse cache: ~0.1 s); the garbage "
        "collector is paused until the login screen is painted (~20% of the start-up)."
    )
    if not passed:
        note += (
            f" Missed: {median * 1000:.0f} ms against {TARGET_RATIO} × {base * 1000:.0f} ms "
            f"(CPU {cpu_median:.0f} ms against {cpu_base:.0f} ms). The floor, Textual alone "
            f"painting the same widgets, takes {floor_median * 1000:.0f} ms "
            f"(× {floor_median / base:.2f} the bare app): the login screen's own widgets (two "
            "inputs, buttons, the footer's keys: their CSS parsed and applied, composed, "
            "rendered) use that much of the budget before any code of ours runs. What chorus-tui "
            f"adds, {(median - floor_median) * 1000:.0f} ms, is its stylesheets (the app's, the "
            "forms', the dialogs'), the theme, the translation catalogues, its screen and footer "
            "classes."
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
                "floor: Textual alone, the login screen's widgets (median)": (
                    f"{floor_median * 1000:.1f} ms (× {floor_median / base:.2f} the baseline; "
                    f"CPU {cpu_floor:.0f} ms)"
                ),
                "database": f"{ctx.scale_label} (a copy)",
            },
        )
    ]
