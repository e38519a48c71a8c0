"""« Mes rattachements aux structures » (F4) as pictures, at 80×24 on the demo database with the
fixed clock: the block in Mon Compte (with a second page), « consulter la structure »,
« accéder à la demande », the removal window, and the successor step (empty, then in error)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.models import Structure
from chorus_tui.ui.widgets.memberships import MembershipsBlock
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, settle
from tests.ui.test_memberships import membership_of, request_more

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_block(pilot: Pilot, login: str = PAUL) -> MembershipsBlock:
    """Mon Compte, scrolled to the block, the focus in its table."""
    await log_in(pilot, login)
    await pilot.press("f4")
    await settle(pilot)
    block = pilot.app.screen.query_one(MembershipsBlock)
    block.table.table.focus(scroll_visible=False)
    block.scroll_visible(animate=False, top=True)
    await settle(pilot)
    return block


async def select(pilot: Pilot, block: MembershipsBlock, login: str, raison_sociale: str) -> None:
    membership = membership_of(login, raison_sociale)
    block.table.table.move_cursor(row=list(block.table.rows).index(membership.id))
    await pilot.pause()


async def successor_step(pilot: Pilot) -> None:
    block = await open_block(pilot)
    await select(pilot, block, PAUL, "Menuiserie Dupont")
    await pilot.press("delete")
    await pilot.pause()
    await pilot.click("#ok")
    await settle(pilot)


class TestMemberships:
    def test_memberships_block(self, services, snap_compare):
        request_more(services, PAUL, 4)

        async def run_before(pilot: Pilot) -> None:
            await open_block(pilot)
            await pilot.press("space")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_memberships_consult_structure(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            block = await open_block(pilot)
            await select(pilot, block, PAUL, "Menuiserie Dupont")
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_memberships_request(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            block = await open_block(pilot, JULIE)
            await select(pilot, block, JULIE, "Mairie de Terneuil sur Seine")
            await pilot.press("r")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_memberships_removal_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            block = await open_block(pilot, JULIE)
            await select(pilot, block, JULIE, "Mairie de Terneuil sur Seine")
            await pilot.press("delete")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_memberships_successor_step(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=successor_step)

    def test_memberships_successor_error(self, services, snap_compare):
        structure = Structure.get(Structure.raison_sociale == "Menuiserie Dupont")

        async def run_before(pilot: Pilot) -> None:
            await successor_step(pilot)
            await fill(pilot, **{f"successor_{structure.id}": "personne@nulle-part.fr"})
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
