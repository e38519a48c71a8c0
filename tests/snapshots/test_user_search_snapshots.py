"""« Rechercher utilisateur » (M7) as pictures (80×24): the criteria form, the results, nothing
found, the « criterion required » error, the user's structures and the export window.
Regenerate with ``pytest tests/snapshots --snapshot-update``, look at the SVGs."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.ui.screens.user_search import UserSearchScreen
from tests.ui.helpers import PAUL, fill, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_search(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    pilot.app.push_screen(UserSearchScreen())
    await settle(pilot)


async def search(pilot: Pilot, **criteria: str) -> None:
    await fill(pilot, **criteria)
    await pilot.press("ctrl+s")
    await settle(pilot)


class TestUserSearch:
    def test_user_search_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_search)

    def test_user_search_results(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await search(pilot, nom="*")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_user_search_nothing_found(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await search(pilot, nom="personne")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_user_search_criterion_required(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_user_search_structures_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await search(pilot, login="paul.dupont@*")
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_user_search_export_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await search(pilot, nom="dupont")
            await pilot.press("e")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
