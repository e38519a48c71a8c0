"""M7d « Espaces de la structure » in the interface: add a space (a request per user, after a
confirmation), remove it, and the permission message for a simple user."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from chorus_tui.models import Space, Structure, StructureSpace, Subscription
from chorus_tui.models.codes import SpaceCode, SubscriptionStatus
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.structure_spaces import StructureSpacesScreen
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import JULES, PAUL, log_in, make_app, shown

pytestmark = pytest.mark.usefixtures("demo_db")

RECUES = SpaceCode.SOLLICITATIONS_RECUES


def dupont() -> Structure:
    return Structure.get(Structure.raison_sociale == "Menuiserie Dupont")


async def open_spaces(pilot: Pilot, login: str = PAUL) -> StructureSpacesScreen:
    await log_in(pilot, login)
    results: list[object] = []
    screen = StructureSpacesScreen(dupont().id)
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    screen.results = results  # type: ignore[attr-defined]
    return screen


async def go_to(pilot: Pilot, screen: StructureSpacesScreen, code: str) -> None:
    table = screen.query_one(PagedTable)
    rows = [row.code for row in table.rows.values()]
    table.table.move_cursor(row=rows.index(code))
    await pilot.pause()


def recues_open() -> bool:
    space = Space.get(Space.code == RECUES)
    return bool(
        StructureSpace.get_or_none(
            (StructureSpace.structure == dupont()) & (StructureSpace.space == space)
        )
    )


def live_recues() -> list[Subscription]:
    return list(
        Subscription.select().where(
            (Subscription.structure == dupont())
            & (Subscription.space == Space.get(Space.code == RECUES))
            & (Subscription.ended_at.is_null())
        )
    )


async def test_add_then_remove_a_space(services):
    assert not recues_open()
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_spaces(pilot)
        await go_to(pilot, screen, RECUES)
        assert screen.check_action("add", ()) and not screen.check_action("remove", ())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        assert recues_open()
        requests = live_recues()
        assert requests and all(
            row.automatic and row.status == SubscriptionStatus.EN_COURS_DE_VALIDATION
            for row in requests
        )
        assert "Ouvert depuis le 24/11/2026" in shown(screen.query_one(PagedTable))
        await go_to(pilot, screen, RECUES)
        await pilot.press("s")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert pilot.app.focused.id == "cancel"
        dialog.query_one("#ok").press()
        await pilot.pause()
        assert not recues_open()
        assert live_recues() == []
        await pilot.press("escape")
        await pilot.pause()
        assert screen.results == [True]


async def test_a_required_space_cannot_be_removed(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_spaces(pilot)
        await go_to(pilot, screen, SpaceCode.MON_COMPTE)
        assert not screen.check_action("remove", ())
        assert not screen.check_action("add", ())


async def test_a_simple_user_sees_the_permission_message(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_spaces(pilot, JULES)
        assert "droits" in shown(screen.query_one("#sspaces-denied"))
        assert not screen.query(PagedTable)
