"""What every paged table does with the footer and the screen while its pages turn: « n p
Pages » under one label, the key that cannot be used dimmed rather than gone, and a last page
shorter than the others leaving the blocks around the table where they were."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import PAUL, make_app, shown
from tests.ui.test_history import open_history
from tests.ui.test_structure_search import open_search, search


def page_keys(pilot: Pilot) -> dict[str, FooterKey]:
    footer = pilot.app.screen.query_one(ChorusFooter)
    return {key.key: key for key in footer.query(FooterKey) if key.key in ("n", "p")}


async def test_page_keys_share_one_label_in_the_footer(services, demo_db):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_history(pilot, PAUL)
        footer = shown(pilot.app.screen.query_one(ChorusFooter))
    assert "n p Pages" in footer
    assert "Page suiv." not in footer


async def test_previous_page_key_is_dimmed_on_the_first_page_and_next_on_the_last(
    services, demo_db
):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, PAUL)
        table = screen.query_one(PagedTable)
        table.table.focus()
        await pilot.pause()
        first = page_keys(pilot)
        assert first["p"].has_class("-disabled") and not first["n"].has_class("-disabled")

        await pilot.press("n")
        await pilot.pause()
        last = page_keys(pilot)
        assert table.page is not None and table.page.number == table.page.pages == 2
        assert last["n"].has_class("-disabled") and not last["p"].has_class("-disabled")
        # The same keys, dimmed in place: the footer was not rebuilt.
        assert last["n"] is first["n"] and last["p"] is first["p"]

        await pilot.press("n")
        await pilot.pause()
        assert table.page.number == 2


async def test_one_page_list_shows_no_page_keys(services, demo_db):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot, PAUL)
        table = screen.query_one(PagedTable)
        table.table.focus()
        await pilot.press("l")
        await pilot.pause()
        assert table.page is not None and table.page.pages == 1
        assert page_keys(pilot) == {}


async def test_shorter_last_page_keeps_the_table_height(services, demo_db):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_search(pilot)
        await search(pilot, raison_sociale="*e*")
        table = screen.query_one(PagedTable)
        assert table.page is not None and table.page.total % table.page.size != 0
        table.table.focus()
        await pilot.pause()
        height = table.table.outer_size.height
        for _ in range(table.page.pages - 1):
            await pilot.press("n")
            await pilot.pause()
        assert len(table.rows) < table.page.size
        assert table.table.outer_size.height == height

        # A new search lets the table fit its rows again.
        await search(pilot, raison_sociale="Menuiserie Dupont")
        assert table.page.pages == 1
        assert table.table.outer_size.height < height
