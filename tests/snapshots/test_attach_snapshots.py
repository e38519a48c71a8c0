"""« Rattacher un utilisateur » (M7) and « Créer le compte utilisateur » (M8) as pictures, at 80×24
on the demo database with the fixed clock: the search form, its results (attached or not),
nothing found, the criteria error, the attach form and its errors, the account creation form and
its errors. Regenerate with ``pytest tests/snapshots --snapshot-update`` and look at the SVGs."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.models import Structure
from chorus_tui.ui.screens.account_create import CreateAccountScreen
from chorus_tui.ui.screens.user_attach import AttachUserScreen
from tests.ui.helpers import PAUL, fill, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")


def menuiserie_id() -> int:
    return Structure.get(Structure.raison_sociale == "Menuiserie Dupont").id


async def open_attach(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    await pilot.press("f3")
    await pilot.pause()
    pilot.app.push_screen(AttachUserScreen(menuiserie_id()))
    await settle(pilot)


async def search(pilot: Pilot, **criteria: str) -> None:
    await open_attach(pilot)
    await fill(pilot, **criteria)
    pilot.app.screen.query_one("#nom").focus()
    await pilot.press("enter")
    await settle(pilot)


async def open_attach_form(pilot: Pilot) -> None:
    await search(pilot, nom="*martin*")
    await pilot.press("enter")  # the first row: Jules MARTIN
    await settle(pilot)


async def open_create(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    await pilot.press("f3")
    await pilot.pause()
    pilot.app.push_screen(CreateAccountScreen(menuiserie_id()))
    await settle(pilot)


class TestAttach:
    def test_attach_search_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_attach)

    def test_attach_search_criteria_required(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attach_search_results(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot, code_postal="75011")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attach_search_nothing_found(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await search(pilot, nom="Personne")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attach_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_attach_form)

    def test_attach_form_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_attach_form(pilot)
            await fill(pilot, start_date="", end_date="31/02/2026", comment="x" * 260)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_attach_form_services(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_attach_form(pilot)
            page = pilot.app.screen.query_one("#attach-form-page")
            page.scroll_end(animate=False)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)


class TestCreateAccount:
    def test_create_account_form(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_create)

    def test_create_account_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_create(pilot)
            await fill(pilot, login=PAUL, email="pas-une-adresse", prenom="Zoé")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
