"""« Demander un rattachement » as pictures (80×24): the search form, its results with the pager,
nothing found, a criteria error, the export window, the request form and the new-structure form
with and without errors. Regenerate with ``pytest tests/snapshots --snapshot-update``, look at the
SVGs, then run scripts/screenshots.sh."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.ui.screens.structure_search import StructureSearchScreen
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import JULIE, fill, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_search(pilot: Pilot) -> None:
    await log_in(pilot, JULIE)
    await pilot.press("f4")
    await pilot.pause()
    pilot.app.push_screen(StructureSearchScreen())
    await settle(pilot)


async def search(pilot: Pilot, **criteria: str) -> None:
    await open_search(pilot)
    await fill(pilot, **criteria)
    pilot.app.screen.query_one("#raison_sociale").focus()
    await pilot.press("enter")
    await settle(pilot)


async def open_request(pilot: Pilot) -> None:
    await search(pilot, raison_sociale="*menuiserie*")
    await pilot.press("enter")  # the first row: Menuiserie Dupont
    await settle(pilot)


async def open_new_structure(pilot: Pilot) -> None:
    await search(pilot, raison_sociale="Ébénisterie Nouvelle")
    await pilot.press("c")
    await settle(pilot)


class TestStructureSearch:
    def test_structure_search_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_search)

    def test_structure_search_results_paged(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot, code_postal="*")
            assert pilot.app.screen.query_one(PagedTable).page.pages > 1

        assert snap_compare(make_app(services), run_before=run_before)

    def test_structure_search_no_result_offers_a_new_structure(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot, raison_sociale="Boulangerie Introuvable")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_public_structure_search_from_home(self, services, snap_compare):
        """« Rechercher structure publique » (r on Accueil connecté): type preset, results only
        to consult."""

        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)
            await pilot.press("r")
            await settle(pilot)
            await fill(pilot, raison_sociale="*terneuil*")
            pilot.app.screen.query_one("#raison_sociale").focus()
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_public_structure_consulted(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)
            await pilot.press("r")
            await settle(pilot)
            await fill(pilot, raison_sociale="mairie*")
            pilot.app.screen.query_one("#raison_sociale").focus()
            await pilot.press("enter")
            await settle(pilot)
            pilot.app.screen.query_one("#structures-table").focus()
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_structure_search_criteria_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_search(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_structure_search_export_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot, raison_sociale="*menuiserie*")
            await pilot.press("e")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)


class TestMembershipRequest:
    def test_membership_request_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_request)

    def test_membership_request_services(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)
            pilot.app.screen.query_one("#whole").focus()
            await pilot.press("tab", "space")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_membership_request_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)
            await fill(pilot, start_date="31/02/2026", end_date="01/01/2020", comment="x" * 256)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_membership_request_end_before_start(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)
            await fill(pilot, end_date="01/01/2020")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_membership_request_comment_too_long(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)
            await fill(pilot, comment="Commentaire " * 22)
            await pilot.press("ctrl+s")
            await settle(pilot)
            pilot.app.screen.query_one("#comment-counter").scroll_visible(animate=False)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)


class TestNewStructure:
    def test_new_structure_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_new_structure)

    def test_new_structure_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_new_structure(pilot)
            await fill(pilot, identifier="12345678901234", raison_sociale="", ville="")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
