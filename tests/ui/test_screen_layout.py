"""Layouts spared when a screen is shown (issue 9) must not cost a layout that is needed: a
terminal resized still lays out the screen shown and those below it."""

from __future__ import annotations

from chorus_tui.ui.widgets.banner import Banner
from tests.ui.helpers import PAUL, log_in, make_app


async def test_resized_terminal_lays_out_the_shown_screen_and_those_below(services, demo_db):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        home = pilot.app.screen
        await pilot.press("f3")
        await pilot.pause()
        space = pilot.app.screen
        assert space is not home
        width = space.query_one(Banner).size.width

        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert space.query_one(Banner).size.width == width + 20

        await pilot.press("f2")
        await pilot.pause()
        assert pilot.app.screen.query_one(Banner).size.width == width + 20
