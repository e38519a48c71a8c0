"""M10 transfer window, M11 « Modifier l'identifiant » and M9 technical users, from the keyboard,
each pushed directly with Paul DUPONT logged in, on Menuiserie Dupont."""

from __future__ import annotations

import os

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

from chorus_tui.domain import passwords
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.rights import role_in
from chorus_tui.models import Structure, User
from chorus_tui.models.codes import Role, StructureStatus
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorSearchDialog
from chorus_tui.ui.dialogs.transfer import TransferDialog
from chorus_tui.ui.screens.identifier_change import IdentifierChangeScreen
from chorus_tui.ui.screens.technical_users import (
    CreateTechnicalUserDialog,
    CredentialsDialog,
    TechnicalUsersScreen,
    default_credentials_path,
)
from chorus_tui.ui.widgets.form import FormField
from tests.domain.factories import siret
from tests.ui.helpers import PAUL, TECHNICAL, fill, log_in, make_app, settle, shown

pytestmark = pytest.mark.usefixtures("demo_db")

CLAIRE = "claire.dupont@menuiserie.fr"
MENUISERIE = "12600591700516"
LEBRUN = "48312657900026"
NEW_SIRET = siret(7777)


def words(widget) -> str:
    return " ".join(shown(widget).replace("│", " ").split())


def menuiserie() -> Structure:
    return Structure.get(Structure.identifier == MENUISERIE)


async def open_screen(pilot: Pilot, screen, results: list | None = None) -> None:
    await log_in(pilot, PAUL)
    callback = results.append if results is not None else None
    pilot.app.push_screen(screen, callback)
    await settle(pilot)


# -- M10 -------------------------------------------------------------------------------------


async def test_the_transfer_asks_confirmation_then_makes_claire_principal(services):
    app = make_app(services)
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TransferDialog(menuiserie().id), results)
        assert "Menuiserie Dupont" in words(app.screen)
        await pilot.press(*CLAIRE)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Claire DUPONT" in words(app.screen)
        assert app.screen.focused.id == "cancel"
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert results == [True]
        paul, claire = User.get(User.login == PAUL), User.get(User.login == CLAIRE)
        assert role_in(claire, menuiserie()) == Role.GESTIONNAIRE_PRINCIPAL
        assert role_in(paul, menuiserie()) == Role.UTILISATEUR_SIMPLE
        assert all_violations() == []


async def test_a_wrong_successor_login_is_shown_under_the_field(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TransferDialog(menuiserie().id))
        await fill(pilot, successor="personne@nulle-part.fr")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TransferDialog)
        field = app.screen.query_one("#field-successor", FormField)
        assert "Aucun autre compte actif n'a cet identifiant de connexion." in words(field)
        await fill(pilot, successor="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Ce champ est obligatoire." in words(field)
        assert role_in(User.get(User.login == PAUL), menuiserie()) == Role.GESTIONNAIRE_PRINCIPAL


async def test_refusing_the_confirmation_transfers_nothing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TransferDialog(menuiserie().id))
        await fill(pilot, successor=CLAIRE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # « Annuler » has the focus
        await settle(pilot)
        assert isinstance(app.screen, TransferDialog)
        assert role_in(User.get(User.login == PAUL), menuiserie()) == Role.GESTIONNAIRE_PRINCIPAL


async def test_the_loupe_fills_the_login_id(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TransferDialog(menuiserie().id))
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, SuccessorSearchDialog)
        await fill(pilot, prenom="Claire")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TransferDialog)
        assert app.screen.query_one("#successor").value == CLAIRE


# -- M11 -------------------------------------------------------------------------------------


async def test_the_identifier_change_warns_then_creates_the_new_structure(services):
    app = make_app(services)
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        original = menuiserie()
        await open_screen(pilot, IdentifierChangeScreen(original.id), results)
        text = words(app.screen)
        assert "excepté le mandat de facturation" in text
        assert app.screen.focused.id == "continue"
        assert not app.screen.query_one("#idchange-form").display
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.focused.id == "identifier"
        await pilot.press(*NEW_SIRET, "enter")
        await settle(pilot)
        assert results == [True]
        new = Structure.get(Structure.identifier == NEW_SIRET)
        assert new.raison_sociale == "Menuiserie Dupont"
        assert new.status == StructureStatus.ACTIF
        stored = Structure.get_by_id(original.id)
        assert (stored.status, stored.successor_id) == (StructureStatus.INACTIF, new.id)
        assert any(NEW_SIRET in str(n.message) for n in app._notifications)
        assert all_violations() == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12345678901234", "SIRET invalide"),
        (LEBRUN, "Une structure existe déjà avec cet identifiant."),
        ("", "Ce champ est obligatoire."),
    ],
)
async def test_a_bad_identifier_is_shown_under_the_field(services, value, message):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, IdentifierChangeScreen(menuiserie().id))
        await pilot.press("enter")
        await fill(pilot, identifier=value)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, IdentifierChangeScreen)
        assert message in words(app.screen.query_one("#field-identifier", FormField))
        assert menuiserie().status == StructureStatus.ACTIF


async def test_cancel_on_the_warning_changes_nothing(services):
    app = make_app(services)
    results: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, IdentifierChangeScreen(menuiserie().id), results)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [None]
        assert menuiserie().status == StructureStatus.ACTIF


# -- M9 --------------------------------------------------------------------------------------


async def test_the_list_shows_the_technical_user_of_the_structure(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert TECHNICAL in words(table)


async def test_n_creates_a_technical_user_and_the_password_is_exported_once(
    services, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path))
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CreateTechnicalUserDialog)
        await pilot.press(*"api2@menuiserie.fr", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsDialog)
        password = app.screen._password
        assert password in words(app.screen)
        user = User.get(User.login == "api2@menuiserie.fr")
        assert user.is_technical and user.technical_structure_id == menuiserie().id
        assert passwords.verify_password(services.hasher, user.password_hash, password)
        path = app.screen.query_one("#path").value
        assert path == "~/api2@menuiserie.fr.txt"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TechnicalUsersScreen)
        target = tmp_path / "api2@menuiserie.fr.txt"
        assert target.read_text(encoding="utf-8") == (
            f"login: api2@menuiserie.fr\npassword: {password}\n"
        )
        assert os.stat(target).st_mode & 0o777 == 0o600
        assert app.screen.query_one(DataTable).row_count == 2
        assert password not in words(app.screen)


async def test_a_used_login_is_refused_in_the_creation_window(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, login=CLAIRE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CreateTechnicalUserDialog)
        field = app.screen.query_one("#field-login", FormField)
        assert "Un compte existe déjà avec cet identifiant de connexion." in words(field)


async def test_r_resets_after_confirmation_and_an_existing_file_is_not_overwritten(
    services, tmp_path
):
    app = make_app(services)
    existing = tmp_path / "api.txt"
    existing.write_text("keep", encoding="utf-8")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))
        before = User.get(User.login == TECHNICAL).password_hash
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert TECHNICAL in words(app.screen)
        await pilot.press("shift+tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsDialog)
        password = app.screen._password
        stored = User.get(User.login == TECHNICAL)
        assert stored.password_hash != before
        assert passwords.verify_password(services.hasher, stored.password_hash, password)
        await fill(pilot, path=str(existing))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CredentialsDialog)
        field = app.screen.query_one("#field-path", FormField)
        assert "Ce fichier existe déjà" in words(field)
        assert existing.read_text(encoding="utf-8") == "keep"


async def test_refusing_the_reset_changes_nothing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_screen(pilot, TechnicalUsersScreen(menuiserie().id))
        before = User.get(User.login == TECHNICAL).password_hash
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TechnicalUsersScreen)
        assert User.get(User.login == TECHNICAL).password_hash == before


def test_the_default_export_path_is_in_the_home_folder():
    assert default_credentials_path("api@x.fr") == "~/api@x.fr.txt"
    assert default_credentials_path("a/b") == "~/a_b.txt"
