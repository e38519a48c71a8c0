"""« Memory: max RSS of the app after opening every main screen on the 1M-user database » ≤ a bare
Textual app + 80 MiB (issue 9, line 10).

Each run is a fresh child process (``multiprocessing`` spawn, so nothing of this process is
inherited) that ends by reading its own peak RSS: ``VmHWM`` of ``/proc/self/status``, the same
high-water mark as ``ru_maxrss`` except that it starts again at ``exec`` — Linux carries
``ru_maxrss`` across ``exec``, so a child spawned by this (large) benchmark process would report at
least the parent's RSS at the fork:

- baseline: a bare Textual app showing one Label, run headless (``run_test``, 80×24) until idle;
- the app: chorus-tui on the fixture of :mod:`benchmarks.screens` (the scale database's copy),
  headless 80×24, logged in as the manager of the 10,000-member structure, then « Accueil
  connecté », « Mon Compte » (F4), « Activités du gestionnaire » (F3), « Historique » (h, its
  1,000,000 entries' first page), « Rechercher utilisateur » (u, searching « martin »), and the
  structure search (searching « mairie* »), each waited for until idle with its data shown.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import statistics
from pathlib import Path

from benchmarks.core import Context, Result
from benchmarks.screens import MANAGER, fixture, peak_mib

MARGIN_MIB = 80


def run(ctx: Context) -> list[Result]:
    fix = fixture(ctx)
    runs = 1 if ctx.quick else 3
    spawn = multiprocessing.get_context("spawn")
    bare = [_child(spawn, _bare_app, ()) for _ in range(runs)]
    apps = [_child(spawn, _chorus_app, (str(fix.path),)) for _ in range(runs)]
    baseline = [run["peak"] for run in bare]
    app = [run["peak"] for run in apps]
    base = statistics.median(baseline)
    median = statistics.median(app)
    before_login = statistics.median(run["before_login"] for run in apps)
    after_login = statistics.median(run["after_login"] for run in apps)
    resident = statistics.median(run["resident"] for run in apps)
    return [
        Result(
            name="memory: max RSS after every main screen",
            samples=app,
            target=f"≤ baseline + {MARGIN_MIB} MiB",
            passed=max(app) <= base + MARGIN_MIB,
            baseline=baseline,
            baseline_name="bare Textual app (one Label)",
            unit="MiB",
            note=f"peak RSS (VmHWM) of a spawned child, {runs} run(s) each; the app is "
            f"{median - base:+.1f} MiB over the baseline after home, Mon Compte, synthèse, "
            "history (1M entries), user search and structure search (headless, 80×24). "
            f"Its peak was {before_login:.1f} MiB on the login screen and {after_login:.1f} MiB "
            f"once logged in (an argon2 verify allocates its memory cost, {_argon2_mib()} MiB); "
            f"resident at the end {resident:.1f} MiB",
            extra={
                "over baseline": f"{median - base:+.1f} MiB",
                "peak on the login screen": f"{before_login:.1f} MiB",
                "peak once logged in": f"{after_login:.1f} MiB",
                "resident at the end": f"{resident:.1f} MiB",
            },
        )
    ]


def _argon2_mib() -> int:
    from chorus_tui.domain.context import default_hasher

    return default_hasher().memory_cost // 1024


def _child(spawn, target, args: tuple) -> dict[str, float]:
    """MiB of ``target``'s memory in a fresh spawned process: ``peak`` (max RSS at the end),
    ``resident`` (RSS at the end) and the peaks ``target`` noted on its way."""
    receiver, sender = spawn.Pipe(duplex=False)
    process = spawn.Process(target=_report, args=(sender, target, args))
    process.start()
    sender.close()
    try:
        value = receiver.recv()
    except EOFError:
        value = None
    process.join()
    if not isinstance(value, dict):
        raise RuntimeError(f"the measured child failed: {value!r}")
    return value


def _report(sender, target, args: tuple) -> None:
    import traceback

    try:
        marks: dict[str, float] = {}
        asyncio.run(target(marks, *args))
        marks["peak"] = peak_mib()
        marks["resident"] = resident()
        sender.send(marks)
    except BaseException:
        sender.send(traceback.format_exc())
    finally:
        sender.close()


def resident() -> float:
    """This process's RSS now, MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _bare_app(marks: dict[str, float]) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Label

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Label("chorus-tui")

    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()


async def _chorus_app(marks: dict[str, float], path: str) -> None:
    from textual.widgets import Input

    from benchmarks.screens import logged_in, rows_of, until
    from chorus_tui.ui.screens.structure_search import StructureSearchScreen

    async with logged_in(Path(path), MANAGER, marks=marks) as (app, pilot, _frames):
        marks["after_login"] = peak_mib()

        def space(name: str, *tables: str):
            return lambda: getattr(app.screen, "SPACE_ID", "") == name and rows_of(app, *tables)

        await until(pilot, space("home"))
        await pilot.press("f4")
        await until(pilot, space("account", "memberships-list-table"))
        await pilot.press("f3")
        await until(pilot, space("manager", "mrequests-list-table"))
        await pilot.press("h")
        await until(pilot, lambda: rows_of(app, "history-table"))
        await pilot.press("escape")
        await until(pilot, space("manager"))
        await pilot.press("u")
        await until(pilot, lambda: type(app.screen).__name__ == "UserSearchScreen")
        app.screen.query_one("#nom", Input).value = "martin"
        app.screen.submit()
        await until(pilot, lambda: rows_of(app, "members-table"))
        await pilot.press("escape")
        await until(pilot, space("manager"))
        app.push_screen(StructureSearchScreen(read_only=True, public_only=True))
        await until(pilot, lambda: isinstance(app.screen, StructureSearchScreen))
        app.screen.query_one("#raison_sociale", Input).value = "mairie*"
        app.screen.submit()
        await until(pilot, lambda: rows_of(app, "structures-table"))
