"""« Next page of any table (history of 1M entries included) », p95 ≤ 50 ms (issue 9, line 6).

On the fixture of :mod:`benchmarks.screens` (the scale database's copy with a structure of
10,000 members, 2,000 pending requests and 1,000,000 history entries), in-process with Pilot
(80×24, headless), four tables:

- « Historique » of the structure's manager (1,000,000 entries);
- « Utilisateurs rattachés à la structure » of that structure (10,000 members and 2,000 requests);
- « Les demandes de rattachement » of the synthèse (2,000 pending requests);
- the structure search's results (« mairie »: thousands of structures).

Each sample presses ``n`` with the table focused and ends at the last frame rendered before the
app is idle with the new page shown (frames timed as in :mod:`benchmarks.screens`). Pages are
sampled at three depths — from page 1, from page 100 and from the page before the last — the
table being put there (untimed) by setting its offset; after each sample ``p`` goes back
(untimed). One line per table, its samples over the three depths; the median of each depth is
in the note. Beside them, their floor (``screen_floor.measure_page_turn``): Textual alone
turning the page of a ``DataTable`` the same size, timed the same way.
"""

from __future__ import annotations

import asyncio
import statistics
from typing import Any

from benchmarks.core import Context, Result, percentile
from benchmarks.screens import MANAGER, Fixture, fixture, logged_in, to_painted, until

TARGET_MS = 50
SEARCH = "mairie*"


def run(ctx: Context) -> list[Result]:
    fix = fixture(ctx)
    return asyncio.run(_measure(ctx, fix))


async def _measure(ctx: Context, fix: Fixture) -> list[Result]:
    from textual.widgets import Input

    from benchmarks.screen_floor import PAGE_ROWS, TABLE_COLUMNS, measure_page_turn
    from chorus_tui.ui.screens.history import HistoryScreen
    from chorus_tui.ui.screens.structure_detail import StructureDetailScreen
    from chorus_tui.ui.screens.structure_search import StructureSearchScreen

    results = []
    async with logged_in(fix.path, MANAGER) as (app, pilot, frames):
        await pilot.press("f3")
        await until(pilot, lambda: _table(app, "mrequests-list") is not None)

        async def measure(name: str, block_id: str) -> None:
            table = _table(app, block_id)
            assert table is not None
            table.table.focus()
            await pilot.pause()
            results.append(await _pages(ctx, app, pilot, frames, table, name))

        await measure(f"synthèse requests ({_n(fix.pending)})", "mrequests-list")

        app.push_screen(HistoryScreen())
        await until(pilot, lambda: _loaded(app, "history"))
        await measure(f"history ({_n(fix.audit)} entries)", "history")
        app.pop_screen()
        await pilot.pause()

        app.push_screen(StructureDetailScreen(fix.structure_id))
        await until(pilot, lambda: _loaded(app, "users"))
        await measure(f"structure members ({_n(fix.members + fix.pending)})", "users")
        app.pop_screen()
        await pilot.pause()

        app.push_screen(StructureSearchScreen())
        await until(pilot, lambda: isinstance(app.screen, StructureSearchScreen))
        app.screen.query_one("#raison_sociale", Input).value = SEARCH
        app.screen.submit()
        await until(pilot, lambda: _loaded(app, "structures"))
        await measure(f"structure search « {SEARCH} »", "structures")
    floor = await measure_page_turn(ctx.repetitions * 2)
    summary = (
        f"{statistics.median(floor) * 1000:.1f} ms median, p95 {percentile(floor, 95) * 1000:.1f} "
        f"ms: a DataTable of {PAGE_ROWS} rows × {TABLE_COLUMNS} columns given its next page, "
        "a pager line, a footer"
    )
    for result in results:
        result.extra["floor, Textual alone, a page turned"] = summary
    return results


def _table(app: Any, block_id: str) -> Any:
    from chorus_tui.ui.widgets.paged_table import PagedTable

    found = app.screen.query(f"#{block_id}")
    widget = found.first() if found else None
    return widget if isinstance(widget, PagedTable) else None


def _loaded(app: Any, block_id: str) -> bool:
    table = _table(app, block_id)
    return table is not None and table.page is not None and table.table.row_count > 0


async def _pages(ctx: Context, app: Any, pilot: Any, frames: Any, table: Any, name: str) -> Result:
    page = table.page
    size = page.size
    last = page.pages
    depths = {"1": 1, "100": min(100, max(1, last - 1)), "last": max(1, last - 1)}
    by_depth: dict[str, list[float]] = {}
    rounds = max(1, ctx.repetitions // 2)
    warm = False
    for label, number in depths.items():
        if number >= last:
            continue
        samples = by_depth.setdefault(label, [])
        while len(samples) < rounds:
            table._offset = (number - 1) * size
            table.reload()
            table.table.focus()
            await pilot.pause()
            expected = number * size

            def turned(expected: int = expected) -> bool:
                return table.page is not None and table.page.offset == expected

            took = await to_painted(pilot, frames, lambda: pilot.press("n"), turned)
            if warm:  # the table's first turn is a warm-up
                samples.append(took)
            warm = True
    samples = [s for values in by_depth.values() for s in values]
    detail = ", ".join(
        f"from page {label} {statistics.median(values) * 1000:.1f} ms"
        for label, values in by_depth.items()
    )
    p95 = percentile(samples, 95)
    return Result(
        name=f"next page: {name}",
        samples=samples,
        target=f"p95 ≤ {TARGET_MS} ms",
        passed=p95 * 1000 <= TARGET_MS,
        note=f"{_n(last)} pages of {size}; medians {detail}; n pressed → last frame before idle "
        "(Pilot, 80×24)",
        extra={"pages": str(last)},
    )


def _n(number: int) -> str:
    return f"{number:,}".replace(",", " ")
