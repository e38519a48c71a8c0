"""The principal manager's windows as pictures, at 80×24 on the demo database with the fixed
clock, Paul DUPONT logged in, on Menuiserie Dupont: the transfer window (and its error), the
identifier change warning and form (and its error), the technical users (with one and none),
the password window and its export error. The generated password is fixed for the pictures."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.domain import technical_users
from chorus_tui.models import Structure, User
from chorus_tui.ui.dialogs.transfer import TransferDialog
from chorus_tui.ui.screens.identifier_change import IdentifierChangeScreen
from chorus_tui.ui.screens.technical_users import TechnicalUsersScreen
from tests.ui.helpers import PAUL, TECHNICAL, fill, log_in, make_app, settle

pytestmark = pytest.mark.usefixtures("demo_db")

MENUISERIE = "12600591700516"
FIXED_PASSWORD = "Xq7-Lm2!Rt9_Vb4@Kc8z"


def opening(make_screen):
    async def run_before(pilot: Pilot) -> None:
        await log_in(pilot, PAUL)
        structure = Structure.get(Structure.identifier == MENUISERIE)
        pilot.app.push_screen(make_screen(structure.id))
        await settle(pilot)

    return run_before


@pytest.fixture
def fixed_password(monkeypatch):
    monkeypatch.setattr(technical_users, "generate_password", lambda login="": FIXED_PASSWORD)


class TestStructurePrincipal:
    def test_sprincipal_transfer_dialog(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=opening(TransferDialog))

    def test_sprincipal_transfer_dialog_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await opening(TransferDialog)(pilot)
            await fill(pilot, successor="personne@nulle-part.fr")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_idchange_warning(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=opening(IdentifierChangeScreen))

    def test_idchange_form(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await opening(IdentifierChangeScreen)(pilot)
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_idchange_form_error(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await opening(IdentifierChangeScreen)(pilot)
            await pilot.press("enter")
            await fill(pilot, identifier="12345678901234")
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_techusers_list_with_one(self, services, snap_compare):
        assert snap_compare(make_app(services), run_before=opening(TechnicalUsersScreen))

    def test_techusers_list_empty(self, services, snap_compare):
        User.delete().where(User.login == TECHNICAL).execute()
        assert snap_compare(make_app(services), run_before=opening(TechnicalUsersScreen))

    def test_techusers_create_window(self, services, snap_compare):
        async def run_before(pilot: Pilot) -> None:
            await opening(TechnicalUsersScreen)(pilot)
            await pilot.press("n")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_techusers_password_window(self, services, snap_compare, fixed_password):
        async def run_before(pilot: Pilot) -> None:
            await opening(TechnicalUsersScreen)(pilot)
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("shift+tab", "enter")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)

    def test_techusers_export_error(
        self, services, snap_compare, fixed_password, tmp_path, monkeypatch
    ):
        monkeypatch.setenv("HOME", str(tmp_path))
        (tmp_path / f"{TECHNICAL}.txt").write_text("keep", encoding="utf-8")

        async def run_before(pilot: Pilot) -> None:
            await opening(TechnicalUsersScreen)(pilot)
            await pilot.press("r")
            await settle(pilot)
            await pilot.press("shift+tab", "enter")
            await settle(pilot)
            await pilot.press("ctrl+s")
            await settle(pilot)

        assert snap_compare(make_app(services), run_before=run_before)
