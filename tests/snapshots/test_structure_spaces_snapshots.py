"""M7d « Espaces de la structure » as pictures (80×24): the list of spaces and the confirmation
of an addition."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.models import Structure
from chorus_tui.models.codes import SpaceCode
from chorus_tui.ui.screens.structure_spaces import StructureSpacesScreen
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import PAUL, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_spaces(pilot: Pilot) -> None:
    await log_in(pilot, PAUL)
    dupont = Structure.get(Structure.raison_sociale == "Menuiserie Dupont")
    pilot.app.push_screen(StructureSpacesScreen(dupont.id))
    await settle(pilot)


class TestStructureSpaces:
    def test_structure_spaces_list(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_spaces)

    def test_structure_spaces_add_confirmation(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_spaces(pilot)
            table = pilot.app.screen.query_one(PagedTable)
            codes = [row.code for row in table.rows.values()]
            table.table.move_cursor(row=codes.index(SpaceCode.SOLLICITATIONS_RECUES))
            await settle(pilot)
            await pilot.press("a")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
