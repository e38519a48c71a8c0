"""« Les demandes d'abonnement aux espaces » (M4–M6) as pictures, at 80×24 on the demo database
with the fixed clock, seen by Eric LEGRAND: the block with a ticked row, the screen « Abonnement
d'un utilisateur aux espaces » (top, then scrolled to the comment and the scope, then in error),
and the refusal window (empty, then in error)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from tests.ui.helpers import fill, settle
from tests.ui.helpers import make_app as build
from tests.ui.test_subscription_requests import open_block, open_review

pytestmark = pytest.mark.usefixtures("demo_db")


async def refusal(pilot: Pilot) -> None:
    await open_review(pilot)
    await pilot.press("ctrl+r")
    await settle(pilot)


class TestSubscriptionRequests:
    def test_srequests_block(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_block(pilot)
            await pilot.press("space")
            await settle(pilot)

        assert snap_compare(build(services), run_before=run_before)

    def test_srequests_review_top(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_review(pilot)
            await settle(pilot)

        assert snap_compare(build(services), run_before=run_before)

    def test_srequests_review_scope(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            screen = await open_review(pilot)
            screen.query_one("#comment").focus()
            await fill(pilot, comment="Accordé pour le service Urbanisme.")
            screen.query_one("#review-form").scroll_end(animate=False)
            await settle(pilot)

        assert snap_compare(build(services), run_before=run_before)

    def test_srequests_review_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            screen = await open_review(pilot)
            for box in screen.query("#lines Checkbox").results(Checkbox):
                box.value = False
            await fill(pilot, comment="x" * 260)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(build(services), run_before=run_before)

    def test_srequests_refusal_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await refusal(pilot)

        assert snap_compare(build(services), run_before=run_before)

    def test_srequests_refusal_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await refusal(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(build(services), run_before=run_before)
