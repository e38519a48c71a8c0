"""Mon Compte (F2, F3, F7) through the interface: opening it, « Valider » and its errors,
« Annuler », unsaved changes, the language, a conflict, and the deactivation windows."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Input, Select

from chorus_tui.domain import auth
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorsDialog, SuccessorSearchDialog
from chorus_tui.ui.screens.account import AccountScreen
from chorus_tui.ui.screens.home import HomeScreen
from chorus_tui.ui.screens.login import LoginScreen
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, notice, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

NEW_PASSWORD = "Nouveau.Secret.2026"


async def open_account(pilot, login: str = PAUL) -> AccountScreen:
    await log_in(pilot, login)
    await pilot.press("f4")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, AccountScreen)
    return screen


def user(login: str = PAUL) -> User:
    return User.get(User.login == login)


async def test_f4_opens_mon_compte_with_the_stored_values(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        assert screen.query_one("#email", Input).value == "contact@menuiserie.fr"
        assert screen.query_one("#nom", Input).value == "DUPONT"
        assert screen.query_one("#pays", Select).value == "FR"
        assert screen.query_one("#language", Select).value == "FR"
        assert screen.query_one("#current_password", Input).value == ""
        assert screen.query_one("#secret_answer", Input).value == ""
        assert shown(screen.query_one("#row-login")).endswith("paul.dupont@menuiserie.fr")
        assert "Mon Compte" in shown(screen.query_one("#navigation"))
        assert not screen.is_dirty()


async def test_the_banner_name_opens_mon_compte(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await pilot.click("#user-name")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)


async def test_valider_saves_every_block_at_once(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(
            pilot,
            ville="Lyon",
            telephone="+33 4 00 00 00 00",
            secret_question="Nom de mon premier animal ?",
            secret_answer="Toto",
        )
        screen.query_one("#notifications", Checkbox).value = False
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = user()
        assert (saved.ville, saved.telephone, saved.notifications) == (
            "Lyon",
            "+33 4 00 00 00 00",
            False,
        )
        assert saved.secret_question == "Nom de mon premier animal ?"
        assert saved.secret_answer_hash
        assert not screen.is_dirty()
        assert screen.query_one("#secret_answer", Input).value == ""
        assert notice(pilot, "form-notice") == ""


async def test_errors_are_listed_next_to_each_field_and_nothing_is_saved(services):
    before = user().version
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, email="contact@", nom="", telephone="abc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        summary = notice(pilot, "form-notice")
        assert "Adresse électronique de contact" in summary
        assert "Nom" in summary and "Téléphone" in summary
        assert screen.query_one("#field-nom").has_class("-invalid")
        assert shown(screen.query_one("#field-email")).count("Adresse électronique invalide.") == 1
    assert user().version == before


async def test_a_wrong_current_password_changes_nothing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(
            pilot,
            current_password="Wrong.Password.2017",
            new_password=NEW_PASSWORD,
            confirmation=NEW_PASSWORD,
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.query_one("#field-current_password").has_class("-invalid")
    assert auth.login(services, PAUL, "Chorus.Pro.2017").status is auth.LoginStatus.OK


async def test_a_password_change_is_saved_with_the_rest(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(pilot)
        await fill(
            pilot,
            current_password="Chorus.Pro.2017",
            new_password=NEW_PASSWORD,
            confirmation=NEW_PASSWORD,
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert auth.login(services, PAUL, NEW_PASSWORD).status is auth.LoginStatus.OK


async def test_the_meter_follows_the_new_password(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        level = screen.query_one("#strength .meter-level")
        await fill(pilot, new_password="abc")
        assert str(level.content) == "Insuffisante"
        await fill(pilot, new_password="Azerty123456")
        assert str(level.content) == "Moyenne"
        await fill(pilot, new_password="Ménuiserie.Dupont.2026!")
        assert str(level.content) == "Forte"


async def test_annuler_restores_the_stored_values(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, nom="", ville="Ailleurs")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen.action_cancel()
        await pilot.pause()
        assert screen.query_one("#nom", Input).value == "DUPONT"
        assert screen.query_one("#ville", Input).value == user().ville
        assert not screen.query_one("#field-nom").has_class("-invalid")
        assert not screen.is_dirty()


async def test_leaving_with_unsaved_changes_asks_first(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, ville="Ailleurs")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Quitter sans enregistrer ?" in screen_text(pilot)
        await pilot.press("enter")  # the focus is on « Rester »
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#ville", Input).value == "Ailleurs"
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert user().ville != "Ailleurs"


async def test_logging_out_with_unsaved_changes_asks_first(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(pilot)
        await fill(pilot, nom="DURAND")
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.session is None


async def test_quitting_with_unsaved_changes_asks_first(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, nom="DURAND")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # « Rester »
        await pilot.pause()
        assert app.screen is screen and app.is_running
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.click("#ok")
        await pilot.pause()
        assert not app.is_running
    assert user().nom != "DURAND"


async def test_leaving_without_changes_does_not_ask(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_new_language_applies_to_the_whole_interface_after_saving(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        screen.query_one("#language", Select).value = "EN"
        await pilot.pause()
        assert app.t.language == "FR"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        assert app.t.language == "EN"
        assert "My account" in shown(app.screen.query_one("#navigation"))
        assert app.screen.query_one("#language", Select).value == "EN"
        assert not app.screen.is_dirty()
    assert user().language == "EN"


async def test_a_change_made_meanwhile_is_a_conflict_and_the_screen_reloads(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        User.update(ville="Rouen", version=User.version + 1).where(User.login == PAUL).execute()
        await fill(pilot, ville="Lyon")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Un autre utilisateur a modifié ces données" in notice(pilot, "form-notice")
        assert screen.query_one("#ville", Input).value == "Rouen"
        assert not screen.is_dirty()
    assert user().ville == "Rouen"


async def test_a_simple_user_deactivates_after_the_warnings(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot, JULIE)
        screen.action_deactivate()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        text = screen_text(pilot)
        assert "60 jours" in text and "sera perdue" in text
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
        assert app.session is None
        assert "Votre compte a été désactivé" in notice(pilot)
    assert user(JULIE).status == AccountStatus.DESACTIVE


async def test_cancelling_the_deactivation_keeps_the_account(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot, JULIE)
        screen.action_deactivate()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert user(JULIE).status == AccountStatus.ACTIF


async def test_a_principal_manager_names_one_successor_for_all_structures(services):
    julie = user(JULIE)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        screen.action_deactivate()
        await pilot.pause()
        assert "Menuiserie Dupont" in screen_text(pilot)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorsDialog)
        await pilot.click("#ok")  # nobody chosen yet: refused with a message
        await pilot.pause()
        assert "chacune de vos structures" in notice(pilot, "successors-notice")
        await pilot.click("#same")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorSearchDialog)
        await pilot.press("enter")  # no criterion
        await pilot.pause()
        assert "au moins un critère" in notice(pilot, "loupe-notice")
        await fill(pilot, nom="bon")
        await pilot.press("enter")
        await pilot.pause()
        assert "BON" in screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SuccessorsDialog)
        assert "Julie BON" in screen_text(pilot)
        await pilot.click("#ok")
        await pilot.pause()
        assert isinstance(app.screen, LoginScreen)
    assert user().status == AccountStatus.DESACTIVE
    for name in ("Menuiserie Dupont", "Rénovation Habitat"):
        structure = Structure.get(Structure.raison_sociale == name)
        principal = Membership.get(
            (Membership.structure == structure)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        assert principal.user_id == julie.id
    assert all_violations() == []


async def test_a_referential_account_is_sent_to_its_dgfip_referent(services):
    pauline = User.get(User.is_referential == True)  # noqa: E712
    User.update(info_completed=True).where(User.id == pauline.id).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot, pauline.login)
        screen.action_deactivate()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "référent DGFiP" in screen_text(pilot)
        await pilot.click("#ok")
        await pilot.pause()
        assert app.screen is screen
    assert user(pauline.login).status == AccountStatus.ACTIF


async def test_the_palette_offers_the_account_commands(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        titles = [command.title for command in screen.palette_commands()]
    assert titles[0] == "Mon Compte : valider les modifications"
    assert "Mon Compte : annuler les modifications" in titles
    assert "Mon Compte : désactiver mon compte" in titles
    assert "Pièces jointes : ajouter une pièce jointe" in titles
    assert "Pièces jointes : gérer pièces jointes" in titles


@pytest.mark.parametrize(
    ("key", "table", "title"),
    [
        ("f5", "memberships-list-table", "Mes rattachements aux structures"),
        ("f6", "subscriptions-table", "Mes abonnements aux espaces"),
        ("f7", "attachments-table", "Pièces jointes"),
    ],
)
async def test_f5_f6_f7_bring_the_blocks_below_the_form_into_view(services, key, table, title):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.focused is not None and app.focused.id == table
        assert f"{title}  {key.upper()}" in screen_text(pilot)


# -- the blocks below « Informations générales », mounted once the top is painted ------------


@pytest.fixture
def lower_blocks_held(monkeypatch):
    """Mon Compte opens with only its top mounted, as in the moment after its first frame."""
    monkeypatch.setattr(AccountScreen, "_mount_lower_blocks_later", lambda screen: None)


PAGE_ORDER = [
    "field-email",
    "field-adresse",
    "field-telephone",
    "row-created_at",
    "field-notifications",
    "expiry",
    "field-new_password",
    "field-secret_answer",
    "account-buttons",
    "memberships",
    "subscriptions-block",
    "attachments",
    "deactivate-buttons",
]


def page_ids(screen: AccountScreen) -> list[str]:
    children = screen.query_one("#account-form").children
    return [child.id for child in children if child.id in PAGE_ORDER]


async def test_mon_compte_shows_its_top_then_mounts_the_blocks_below_in_page_order(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        assert screen.lower_blocks_mounted
        assert page_ids(screen) == PAGE_ORDER


async def test_the_top_of_mon_compte_alone_is_mounted_with_the_screen(services, lower_blocks_held):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        assert not screen.lower_blocks_mounted
        assert page_ids(screen) == ["field-email"]
        assert "Adresse postale" in screen_text(pilot)
        assert not screen.is_dirty()


async def test_valider_before_the_blocks_below_are_mounted_keeps_their_saved_values(
    services, lower_blocks_held
):
    before = user()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, nom="DUPONT-MARTIN")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.lower_blocks_mounted
        assert not screen.is_dirty()
    saved = user()
    assert saved.nom == "DUPONT-MARTIN"
    assert (saved.ville, saved.pays, saved.secret_question, saved.language) == (
        before.ville,
        before.pays,
        before.secret_question,
        before.language,
    )
    assert saved.password_hash == before.password_hash


async def test_f6_before_the_blocks_below_are_mounted_shows_its_block_with_the_cursor_in_it(
    services, lower_blocks_held
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await pilot.press("f6", "down")
        assert screen.lower_blocks_mounted
        assert app.focused is not None and app.focused.id == "subscriptions-table"
        assert screen.query_one("#subscriptions-block").region.y < 24


async def test_a_language_switch_before_the_blocks_below_are_mounted_shows_them_all(
    services, lower_blocks_held
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await fill(pilot, nom="DURAND")
        await app.set_language("EN")
        await pilot.pause()
        assert screen.lower_blocks_mounted
        assert page_ids(screen) == PAGE_ORDER
        assert screen.query_one("#nom", Input).value == "DURAND"
        assert screen.query_one("#ville", Input).value == user().ville


@pytest.mark.parametrize("key", ["tab", "enter"])
async def test_moving_on_from_the_last_field_mounted_mounts_the_blocks_below_first(
    services, lower_blocks_held, key
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        screen.query_one("#prenom", Input).focus()
        await pilot.press(key, *"12")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "adresse"
        assert screen.query_one("#adresse", Input).value.endswith("12")
        assert screen.lower_blocks_mounted
        assert page_ids(screen) == PAGE_ORDER


async def test_shift_tab_round_to_the_bottom_of_the_page_mounts_every_block(
    services, lower_blocks_held
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        screen.set_focus(screen.focus_chain[0])
        await pilot.press("shift+tab", *"xy")
        await pilot.pause()
        assert screen.lower_blocks_mounted
        assert app.focused is not None and app.focused.id == "deactivate"
        assert screen.query_one("#deactivate").region.y < 24


async def test_the_palette_before_the_blocks_below_are_mounted_offers_the_screens_commands(
    services, lower_blocks_held
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        titles = [command.title for command in screen.palette_commands()]
    assert "Mon Compte : désactiver mon compte" in titles
    assert "Pièces jointes : ajouter une pièce jointe" not in titles


async def test_leaving_mon_compte_while_its_blocks_mount_is_no_error(services, lower_blocks_held):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await screen.mount_lower_blocks()  # what was scheduled before the screen was left
        assert not screen.lower_blocks_mounted
