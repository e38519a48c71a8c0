"""Every screen and window of the login flow and the home screen, as pictures (80×24 unless
said otherwise), on the demo database with the fixed clock. Regenerate with
``pytest tests/snapshots --snapshot-update``, look at the SVGs, then run scripts/screenshots.sh.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.models import User
from tests.ui.helpers import (
    JULES,
    JULIE,
    LUC,
    MARIE,
    PAUL,
    PAULINE,
    fill,
    log_in,
    make_app,
)

pytestmark = pytest.mark.usefixtures("demo_db")

WRONG = "Wrong.Password.2017"


class TestLogin:
    def test_login_empty(self, services, snap_compare):
        assert snap_compare(make_app(services))

    def test_login_fields_required(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("tab", "enter")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_login_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL, WRONG)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_login_locked(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            for _ in range(5):
                await log_in(pilot, PAUL, WRONG)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_login_deactivated_recently(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, LUC)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_login_deactivated_long_ago(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, MARIE)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_login_deactivated_long_ago_support_request(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, MARIE)
            await pilot.press("enter")

        assert snap_compare(make_app(services), run_before=run_before)


class TestForcedSteps:
    def test_expired_password(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULES)
            await fill(pilot, new_password="Menuiserie2026")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_referential_completion_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAULINE)
            await fill(pilot, email="pauline.dufour@", nom="DUFOUR", prenom="Pauline")
            await pilot.press("ctrl+s")

        assert snap_compare(make_app(services), run_before=run_before)


class TestHome:
    def test_home_manager(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_home_simple_user(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_home_wide(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)

        assert snap_compare(make_app(services), run_before=run_before, terminal_size=(120, 40))

    def test_home_english(self, services, snap_compare):
        User.update(language="EN").where(User.login == JULIE).execute()

        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_news_item(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, JULIE)
            await pilot.press("a", "enter")

        assert snap_compare(make_app(services), run_before=run_before)


class TestKeyboard:
    def test_help(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)
            await pilot.press("question_mark")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_command_palette(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, PAUL)
            await pilot.press("ctrl+p")
            await pilot.pause(0.5)

        assert snap_compare(make_app(services), run_before=run_before)
