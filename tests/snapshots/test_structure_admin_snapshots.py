"""M7 « Mes structures » and one structure as pictures, at 80×24 on the demo database with the
fixed clock: the list, the top of the structure, its services, the users block with a ticked
row, each confirmation window, the modify-member window, an error state and an INACTIF
structure."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from chorus_tui.models import Structure
from chorus_tui.models.codes import StructureStatus
from chorus_tui.ui.screens.structure_detail import StructureDetailScreen
from chorus_tui.ui.screens.structures import StructuresScreen
from tests.ui.helpers import LUC, PAUL, log_in, make_app, settle
from tests.ui.test_structure_admin import cursor_on, structure

pytestmark = pytest.mark.usefixtures("demo_db")


async def detail(pilot: Pilot, raison_sociale: str = "Menuiserie Dupont") -> None:
    await log_in(pilot, PAUL)
    pilot.app.push_screen(StructureDetailScreen(structure(raison_sociale).id))
    await settle(pilot)


async def users_ticked(pilot: Pilot) -> None:
    await detail(pilot)
    await cursor_on(pilot, LUC)
    await pilot.press("space")
    await settle(pilot)


class TestStructureAdmin:
    def test_sadmin_my_structures(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)
            pilot.app.push_screen(StructuresScreen())
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_detail_top(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_detail_services(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)
            await pilot.press("f6")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_users_block_ticked(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=users_ticked)

    @pytest.mark.parametrize("key", ["d", "r", "delete"])
    def test_sadmin_confirm_window(self, services, snap_compare, key):
        async def run_before(pilot: Pilot) -> None:
            await users_ticked(pilot)
            await pilot.press(key)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_modify_member_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)
            await cursor_on(pilot, LUC)
            await pilot.press("m")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_new_service_window_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)
            await pilot.press("f6")
            await pilot.press("plus")
            await settle(pilot)
            await pilot.press(*"MOBURB")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_address_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)
            screen = pilot.app.screen
            screen.query_one("#adresse", Input).value = ""
            screen.query_one("#ville", Input).value = ""
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_principal_refused(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await detail(pilot)
            await cursor_on(pilot, PAUL)
            await pilot.press("d")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_sadmin_inactive_structure(self, services, snap_compare):
        target = Structure.get(Structure.raison_sociale == "Rénovation Habitat")
        target.status = StructureStatus.INACTIF
        target.save()

        async def run_before(pilot: Pilot) -> None:
            await detail(pilot, "Rénovation Habitat")

        assert snap_compare(make_app(services), run_before=run_before)
