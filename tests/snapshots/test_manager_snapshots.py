"""« Activités du gestionnaire » (M0–M3) as pictures, at 80×24 on the demo database with the fixed
clock: the synthèse with requests and empty, the membership requests table with a ticked row, the
request screen (and its errors), the refusal window (and its error), the bulk window's summary,
and the permission message a simple user gets."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from chorus_tui.ui.screens.manager import SynthesisScreen
from tests.ui.helpers import JULIE, PAUL, log_in, make_app, settle
from tests.ui.test_membership_requests import (
    NADIA,
    more_requests,
    move_to,
    open_synthesis,
    pending_of,
)

pytestmark = pytest.mark.usefixtures("demo_db")

BRUNO = "bruno.lebrun@menuiserie-lebrun.fr"
"""Principal manager of Menuiserie Lebrun and Atelier Lebrun, with no request waiting."""


async def open_request(pilot: Pilot) -> None:
    block = await open_synthesis(pilot)
    await move_to(pilot, block, pending_of(NADIA, "Menuiserie Dupont"))
    await pilot.press("enter")
    await settle(pilot)


class TestManager:
    def test_manager_synthesis(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_synthesis_empty(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, BRUNO)
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_table_ticked(self, services, snap_compare):
        more_requests(services)

        async def run_before(pilot: Pilot) -> None:
            block = await open_synthesis(pilot)
            await move_to(pilot, block, pending_of(JULIE, "Menuiserie Dupont"))
            await pilot.press("space")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_review(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_review_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_request(pilot)
            for box in pilot.app.screen.query("Checkbox.service").results(Checkbox):
                box.value = False
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_refusal(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            block = await open_synthesis(pilot)
            await move_to(pilot, block, pending_of(NADIA, "Menuiserie Dupont"))
            await pilot.press("x")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_refusal_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            block = await open_synthesis(pilot)
            await move_to(pilot, block, pending_of(NADIA, "Menuiserie Dupont"))
            await pilot.press("x")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_membership_bulk_summary(self, services, snap_compare):
        more_requests(services)

        async def run_before(pilot: Pilot) -> None:
            block = await open_synthesis(pilot)
            for membership_id in list(block.table.rows):
                await move_to(pilot, block, block.table.rows[membership_id])
                await pilot.press("space")
            await pilot.press("v")
            await settle(pilot)
            await pilot.click("#ok")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_manager_permission_denied(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)
            pilot.app.push_screen(SynthesisScreen())
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
