"""« Mes abonnements aux espaces » (F5) as pictures, at 80×24 on the demo database with the fixed
clock: the block (on a page laid out as Mon Compte's), the delete confirmation, and the form
« Ajouter un abonnement » empty, filled and with its errors."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import JULIE, PAUL, fill, make_app
from tests.ui.test_subscriptions import (
    choose,
    open_block,
    open_form,
    service_id,
    settle,
    structure_id,
    tick,
)

pytestmark = pytest.mark.usefixtures("demo_db")


class TestSubscriptions:
    def test_subscriptions_block(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_block(pilot, JULIE)
            await pilot.press("n", "down", "space")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_subscriptions_delete_confirmation(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_block(pilot, JULIE)
            await pilot.press("down", "space", "down", "space", "delete")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_subscriptions_add_form_empty(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_form(pilot, PAUL)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_subscriptions_add_form_filled(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_form(pilot, PAUL)
            await choose(pilot, "structure", structure_id("Menuiserie Dupont"))
            await choose(pilot, "space", "SOLLICITATIONS_EMISES")
            moburb = service_id("Menuiserie Dupont", "MOBURB")
            await tick(pilot, f"line-{moburb}-consultation", f"line-{moburb}-modification")
            await fill(pilot, comment="Suivi des sollicitations du mobilier urbain")
            pilot.app.screen.query_one(f"#line-{moburb}-modification").focus()
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_subscriptions_add_form_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_form(pilot, PAUL)
            await fill(pilot, effective_date="31/02/2026")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_subscriptions_add_form_date_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_form(pilot, JULIE)
            await choose(pilot, "space", "FACTURES_RECUES")
            await tick(pilot, "line-all-consultation")
            await fill(pilot, effective_date="31/02/2026", comment="[bold]" + "x" * 250)
            await pilot.press("ctrl+s")
            await settle(pilot)
            # The page's end: the date's and the comment's errors, the counter, the buttons.
            pilot.app.screen.query_one("#subscription-form").scroll_end(animate=False)
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
