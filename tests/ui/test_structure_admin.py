"""M7 « Mes structures » and one structure from the keyboard, on the demo data: Paul's structures,
modifying the address, adding a service, deactivating then reactivating Luc, removing Paul (the
principal) refused with the transfer named, and Luc made secondary manager."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select

from chorus_tui.models import Membership, Service, Space, Structure, Subscription, User
from chorus_tui.models.codes import MembershipStatus, Role, SpaceCode, StructureStatus
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.structure_detail import (
    MemberDialog,
    ServiceDialog,
    StructureDetailScreen,
    UsersTable,
)
from chorus_tui.ui.screens.structures import StructuresScreen
from tests.ui.helpers import LUC, PAUL, log_in, make_app, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

MENUISERIE = "Menuiserie Dupont"


def structure(raison_sociale: str = MENUISERIE) -> Structure:
    return Structure.get(Structure.raison_sociale == raison_sociale)


def membership_of(login: str, raison_sociale: str = MENUISERIE) -> Membership:
    return (
        Membership.select()
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure)
        .where(
            (User.login == login)
            & (Structure.raison_sociale == raison_sociale)
            & (Membership.status != MembershipStatus.SUPPRIMEE)
        )
        .get()
    )


def notifications(pilot: Pilot) -> list[str]:
    return [notification.message for notification in pilot.app._notifications]


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_list(pilot: Pilot, login: str = PAUL) -> StructuresScreen:
    await log_in(pilot, login)
    screen = StructuresScreen()
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def open_detail(pilot: Pilot, raison_sociale: str = MENUISERIE) -> StructureDetailScreen:
    await log_in(pilot, PAUL)
    screen = StructureDetailScreen(structure(raison_sociale).id)
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


async def cursor_on(pilot: Pilot, login: str) -> UsersTable:
    """F5: the cursor in the users table, on ``login``'s row."""
    await pilot.press("f5")
    await pilot.pause()
    users = pilot.app.screen.query_one("#users", UsersTable)
    users.table.move_cursor(row=list(users.rows).index(membership_of(login).id))
    await pilot.pause()
    return users


async def test_my_structures_lists_pauls_structures_and_enter_opens_one(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_list(pilot)
        text = shown(screen.query_one("#my-structures"))
        assert "Menuiserie Dupont" in text
        assert "Rénovation Habitat" in text
        assert "MENINT, MOBURB" in text
        assert "Mairie" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StructureDetailScreen)
        assert app.screen.structure_id == structure().id
        assert "12600591700516" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_modify_the_address_and_save_with_ctrl_s(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        assert screen.focused is not None and screen.focused.id == "adresse"
        screen.query_one("#adresse", Input).value = "14 rue des Artisans"
        screen.query_one("#ville", Input).value = "Montreuil"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = structure()
        assert (saved.adresse, saved.ville) == ("14 rue des Artisans", "Montreuil")
        assert "ont été enregistrées" in str(screen.query_one("#form-notice").content)
        # A bad phone number: the error under the field, nothing saved.
        screen.query_one("#telephone", Input).value = "abc"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Seuls les chiffres" in shown(screen.query_one("#field-telephone"))
        assert structure().telephone != "abc"
        await pilot.press("escape")
        await settle(pilot)


async def test_add_a_service_in_its_window(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        await pilot.press("f6")
        await pilot.pause()
        await pilot.press("plus")
        await settle(pilot)
        assert isinstance(app.screen, ServiceDialog)
        await pilot.press(*"compta")
        await pilot.press("enter")
        await pilot.press(*"Comptabilité")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        created = Service.get((Service.structure == structure()) & (Service.code == "COMPTA"))
        assert created.libelle == "Comptabilité"
        assert "COMPTA" in shown(screen.query_one("#services"))
        # The same code again: the window stays, with the error under the field.
        await pilot.press("plus")
        await settle(pilot)
        await pilot.press(*"COMPTA")
        await pilot.press("enter")
        await pilot.press(*"Autre")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ServiceDialog)
        assert "déjà un service avec ce code" in shown(app.screen.query_one("#field-code"))


async def test_deactivate_then_reactivate_luc(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        await cursor_on(pilot, LUC)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "GARNIER" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert membership_of(LUC).status == MembershipStatus.DESACTIVEE
        assert "1 utilisateur(s) désactivé(s)." in notifications(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert membership_of(LUC).status == MembershipStatus.VALIDEE
        assert "1 utilisateur(s) réactivé(s)." in notifications(pilot)


async def test_removing_paul_the_principal_is_refused_with_the_transfer_named(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        users = await cursor_on(pilot, LUC)
        await pilot.press("space")
        await cursor_on(pilot, PAUL)
        await pilot.press("space")
        assert len(users.selected) == 2
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        # What cannot be undone has the focus on « Annuler »; Tab back to « Supprimer ».
        assert app.screen.focused is not None and app.screen.focused.id == "cancel"
        await pilot.press("shift+tab")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert any(
            "Transférer le rôle de gestionnaire principal" in message
            for message in notifications(pilot)
        )
        # All or nothing: Luc is still attached.
        assert membership_of(LUC).status == MembershipStatus.VALIDEE
        assert membership_of(PAUL).role == Role.GESTIONNAIRE_PRINCIPAL


async def test_luc_made_secondary_gets_the_manager_space(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        await cursor_on(pilot, LUC)
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MemberDialog)
        dialog.query_one("#role", Select).value = Role.GESTIONNAIRE_SECONDAIRE.value
        boxes = list(dialog.query("Checkbox.service").results(Checkbox))
        assert [box.value for box in boxes] == [True, False]  # MENINT, MOBURB
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        luc = membership_of(LUC)
        assert luc.role == Role.GESTIONNAIRE_SECONDAIRE
        manager_space = Space.get(Space.code == SpaceCode.ACTIVITES_GESTIONNAIRE)
        assert (
            Subscription.select()
            .where(
                (Subscription.user == luc.user)
                & (Subscription.structure == luc.structure)
                & (Subscription.space == manager_space)
                & (Subscription.ended_at.is_null())
            )
            .exists()
        )
        assert "Second." in shown(screen.query_one("#users"))


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("a", "AttachUserScreen"),
        ("c", "CreateAccountScreen"),
        ("t", "TransferDialog"),
        ("i", "IdentifierChangeScreen"),
        ("u", "TechnicalUsersScreen"),
        ("s", "StructureSpacesScreen"),
        ("h", "HistoryScreen"),
    ],
)
async def test_each_key_of_the_structure_opens_its_screen_and_esc_comes_back(
    services, key, expected
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot)
        await pilot.press("f5")  # out of the address fields, into the users table
        await pilot.press(key)
        await settle(pilot)
        assert type(app.screen).__name__ == expected
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen


async def test_an_inactive_structure_is_read_only(services):
    target = structure("Rénovation Habitat")
    target.status = StructureStatus.INACTIF
    target.save()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_detail(pilot, "Rénovation Habitat")
        assert "consultable" in screen_text(pilot)
        assert not screen.query(Input)
        assert not screen.writable
        await pilot.press("f5")
        await pilot.press("d")
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is screen
        assert all(
            m.status == MembershipStatus.VALIDEE
            for m in Membership.select().where(Membership.structure == target)
        )
