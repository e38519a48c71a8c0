"""Mon Compte, its windows and the activation screens as pictures (80×24), on the demo database
with the fixed clock. Regenerate with ``pytest tests/snapshots --snapshot-update``, look at the
SVGs, then run scripts/screenshots.sh."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.domain import activation
from chorus_tui.models import User
from tests.ui.helpers import JULIE, LUC, PAUL, fill, log_in, make_app

pytestmark = pytest.mark.usefixtures("demo_db")


async def open_account(pilot: Pilot, login: str = PAUL) -> None:
    await log_in(pilot, login)
    await pilot.press("f4")
    await settle(pilot)


async def settle(pilot: Pilot) -> None:
    """Let the pièces jointes block finish loading: the page's height (and the scroll bar)
    depends on it."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def show_password_block(pilot: Pilot, new_password: str = "") -> None:
    await open_account(pilot)
    if new_password:
        await fill(pilot, new_password=new_password)
    pilot.app.screen.query_one("#current_password").focus()
    await pilot.pause()
    pilot.app.screen.query_one("#strength").scroll_visible(animate=False, top=False)
    await settle(pilot)


class TestAccount:
    def test_account_top(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=open_account)

    def test_account_settings(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            pilot.app.screen.query_one("#language").focus()
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_password_block(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=show_password_block)

    def test_account_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            await fill(pilot, email="contact@", nom="", prenom="", telephone="abc")
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_password_errors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            await fill(pilot, new_password="court", confirmation="autre")
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_meter_insuffisante(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await show_password_block(pilot, "menuiserie")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_meter_moyenne(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await show_password_block(pilot, "Azerty123456")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_meter_forte(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await show_password_block(pilot, "Ménuiserie.Dupont.2026!")

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_unsaved_changes(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            await fill(pilot, ville="Lyon")
            await pilot.press("escape")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_english(self, services, snap_compare):
        User.update(language="EN").where(User.login == PAUL).execute()
        assert snap_compare(make_app(services), run_before=open_account)


class TestDeactivation:
    def test_account_deactivate_simple_user(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot, JULIE)
            pilot.app.screen.action_deactivate()
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_deactivate_principal(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            pilot.app.screen.action_deactivate()
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_successors(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            pilot.app.screen.action_deactivate()
            await pilot.pause()
            await pilot.click("#ok")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_successor_search(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot)
            pilot.app.screen.action_deactivate()
            await pilot.pause()
            await pilot.click("#ok")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            await fill(pilot, email="ccasterneuil")
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_deactivated_login(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await open_account(pilot, JULIE)
            pilot.app.screen.action_deactivate()
            await pilot.pause()
            await pilot.click("#ok")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)


class TestActivation:
    def test_account_reactivation_request(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, LUC)
            # What the focused button does, without its 0.2 s « pressed » highlight, which
            # would make the picture depend on timing.
            pilot.app.screen._reactivation_requested()
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_reactivation_sent(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await log_in(pilot, LUC)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.click("#ok")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_code_entry_invalid(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await pilot.press("f8")
            await pilot.pause()
            await fill(pilot, code="AAAA-BBBB-CCCC")
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(make_app(services), run_before=run_before)

    def test_account_activation_screen(self, services, snap_compare):
        luc = User.get(User.login == LUC)
        code = activation.request_reactivation(services, luc)
        app = make_app(services)
        app.activation_code = code

        async def run_before(pilot: Pilot) -> None:
            await pilot.pause()
            await fill(pilot, new_password="Azerty123456")
            pilot.app.screen.query_one("#activation-form").scroll_home(animate=False)
            await pilot.pause()

        assert snap_compare(app, run_before=run_before)

    def test_account_activation_errors(self, services, snap_compare):
        luc = User.get(User.login == LUC)
        code = activation.request_reactivation(services, luc)
        app = make_app(services)
        app.activation_code = code

        async def run_before(pilot: Pilot) -> None:
            await pilot.pause()
            await fill(pilot, new_password="Retour.Chorus.2026", confirmation="Autre")
            await pilot.press("ctrl+s")
            await pilot.pause()

        assert snap_compare(app, run_before=run_before)
