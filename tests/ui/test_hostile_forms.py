"""Hostile text typed into every form (issue 10, X3/X8): never a traceback, never markup read as
markup, the app still on the expected screen, the text shown as typed where it is echoed.

A handful of fixed hostile strings per form (:data:`tests.hostile.SAMPLES`), set through the
inputs' ``.value`` (control characters cannot be typed) and, for a short one, typed key by key."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select

from chorus_tui.domain.text import clean, has_control
from chorus_tui.models import Document, Membership, Service, Structure, User
from chorus_tui.models.codes import MembershipStatus
from chorus_tui.ui.dialogs.account_successors import SuccessorSearchDialog
from chorus_tui.ui.dialogs.attachments import AddDocumentDialog, EditDocumentDialog
from chorus_tui.ui.dialogs.membership_refusal import MembershipRefusalDialog
from chorus_tui.ui.dialogs.transfer import TransferDialog
from chorus_tui.ui.screens.account import AccountScreen
from chorus_tui.ui.screens.attachments import AttachmentsScreen
from chorus_tui.ui.screens.history import HistoryScreen
from chorus_tui.ui.screens.login import LoginScreen
from chorus_tui.ui.screens.membership_request import MembershipRequestScreen
from chorus_tui.ui.screens.structure_detail import ServiceDialog, StructureDetailScreen
from chorus_tui.ui.screens.structure_search import StructureSearchScreen
from chorus_tui.ui.screens.technical_users import CreateTechnicalUserDialog, TechnicalUsersScreen
from chorus_tui.ui.screens.user_attach import AttachFormScreen, AttachUserScreen
from chorus_tui.ui.screens.user_search import UserSearchScreen
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.hostile import MALLORY, SAMPLES
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, screen_text, settle

pytestmark = pytest.mark.usefixtures("demo_db")

# Four per form: markup with a clear-screen escape, a click action, controls and an OSC title,
# combining characters and emoji (the long one is in the login form and the designation).
FORM_SAMPLES = (SAMPLES[0], SAMPLES[1], SAMPLES[5], SAMPLES[4])
TYPED = "[b]x[/]"  # typed key by key: brackets and slash are printable keys
MENUISERIE = "12600591700516"


def menuiserie() -> Structure:
    return Structure.get(Structure.identifier == MENUISERIE)


def storable(sample: str, max_length: int = 100) -> bool:
    """Whether a single-line text field stores ``sample`` (no control character, short)."""
    text = clean(sample)
    return bool(text) and not has_control(text) and len(text) <= max_length


async def alive(pilot: Pilot, screen: type[Screen] | Screen) -> str:
    """The app survived: running, no exception, on ``screen``, nothing sent to the terminal
    but text. Returns what the screen shows."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    app = pilot.app
    assert app.is_running
    assert app._exception is None
    if isinstance(screen, type):
        assert isinstance(app.screen, screen), app.screen
    else:
        assert app.screen is screen
    text = screen_text(pilot)
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
    return text


def value_of(pilot: Pilot, name: str) -> str:
    return pilot.app.screen.query_one(f"#{name}", Input).value


# -- F0 login --------------------------------------------------------------------------------------


async def test_hostile_credentials_are_refused_and_shown_as_typed_on_the_login_form(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#login", Input).focus()
        await pilot.press(*TYPED)
        assert value_of(pilot, "login") == TYPED
        await fill(pilot, password=SAMPLES[0])
        app.screen.query_one("#password", Input).focus()
        await pilot.press("enter")
        text = await alive(pilot, LoginScreen)
        assert TYPED in text  # the login field shows the brackets, nothing bold
        assert "incorrect" in text
        for sample in SAMPLES:
            await fill(pilot, login=sample, password=sample)  # all of them
            app.screen.query_one("#password", Input).focus()
            await pilot.press("enter")
            await alive(pilot, LoginScreen)


# -- F2 Mon Compte -------------------------------------------------------------------------------


async def test_hostile_names_in_mon_compte_are_saved_as_typed_or_refused_next_to_the_field(
    services,
):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("f4")
        screen = await open_account(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, nom=sample, prenom=sample, adresse=sample, ville=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, screen)
            julie = User.get(User.login == JULIE)
            if storable(sample):
                assert (julie.nom, julie.prenom, julie.ville) == (clean(sample),) * 3
            else:
                assert julie.nom != clean(sample)
                assert screen.query_one("#field-nom").has_class("-invalid")
        printable = MALLORY.replace("\x1b", "")
        await fill(pilot, nom="BON", prenom=printable, adresse="1 rue", ville="Paris")
        await pilot.press("ctrl+s")
        await alive(pilot, screen)
        assert User.get(User.login == JULIE).prenom == printable
        await pilot.resize_terminal(120, 24)
        text = await alive(pilot, screen)
        assert f"{printable} BON" in text  # the banner: brackets shown, no markup


async def open_account(pilot: Pilot) -> AccountScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, AccountScreen)
    return screen


async def test_hostile_passwords_in_mon_compte_are_refused_next_to_the_fields(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("f4")
        screen = await open_account(pilot)
        before = User.get(User.login == JULIE).password_hash
        for sample in FORM_SAMPLES:
            await fill(
                pilot,
                current_password=sample,
                new_password=sample,
                confirmation=sample,
                secret_question=sample,
                secret_answer=sample,
            )
            await pilot.press("ctrl+s")
            await alive(pilot, screen)
            assert screen.query_one("#field-current_password").has_class("-invalid")
        assert User.get(User.login == JULIE).password_hash == before


# -- F4 structure search and membership request --------------------------------------------------


async def test_hostile_criteria_and_comment_of_a_membership_request(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        search = StructureSearchScreen()
        app.push_screen(search)
        await settle(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, raison_sociale=sample, ville=sample, nom=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, search)
        await fill(pilot, raison_sociale="*renovation*", ville="", nom="")
        await pilot.press("ctrl+s")
        await alive(pilot, search)
        table = search.query_one(PagedTable)
        dupont = Structure.get(Structure.raison_sociale == "Rénovation Habitat")
        table.table.move_cursor(row=list(table.rows).index(dupont.id))
        table.table.focus()
        await pilot.press("enter")
        request = app.screen
        await alive(pilot, MembershipRequestScreen)
        for sample in (SAMPLES[0], SAMPLES[5], SAMPLES[1]):
            await fill(pilot, comment=sample)
            await pilot.press("ctrl+s")
            await settle(pilot)
            if app.screen is not request:
                break  # sent: the one storable comment went through
            await alive(pilot, request)
        julie = User.get(User.login == JULIE)
        sent = Membership.get_or_none(
            (Membership.user == julie)
            & (Membership.structure == dupont)
            & (Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
        )
        assert sent is not None and sent.comment == clean(SAMPLES[1])


# -- M7b user search, M7 attach ------------------------------------------------------------------


async def test_hostile_criteria_of_the_user_search(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        screen = UserSearchScreen()
        app.push_screen(screen)
        await settle(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, nom=sample, login=sample, raison_sociale=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, screen)


async def test_hostile_criteria_and_comment_when_attaching_a_user(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        screen = AttachUserScreen(menuiserie().id)
        app.push_screen(screen)
        await settle(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, nom=sample, ville=sample, adresse=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, screen)
        await fill(pilot, nom="martin", ville="", adresse="")
        await pilot.press("ctrl+s")
        await alive(pilot, screen)
        table = screen.query_one(PagedTable)
        table.table.focus()
        await pilot.press("enter")
        form = app.screen
        await alive(pilot, AttachFormScreen)
        for sample in (SAMPLES[5], SAMPLES[0]):
            await fill(pilot, comment=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, form)  # neither is storable: control characters
            assert form.query_one("#field-comment").has_class("-invalid")


# -- M12 history filters -------------------------------------------------------------------------


async def test_hostile_dates_in_the_history_filters_are_refused_next_to_the_fields(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        screen = HistoryScreen()
        app.push_screen(screen)
        await settle(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, since=sample, until=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, screen)
            assert screen.query_one("#field-since").has_class("-invalid")


# -- M7 services, M9 technical users -------------------------------------------------------------


async def test_hostile_service_code_and_name(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        detail = StructureDetailScreen(menuiserie().id)
        app.push_screen(detail)
        await settle(pilot)
        await pilot.press("f6")
        await pilot.pause()
        for number, sample in enumerate(FORM_SAMPLES):
            await pilot.press("plus")
            dialog = app.screen
            await alive(pilot, ServiceDialog)
            await fill(pilot, code=f"H{number}", libelle=sample)
            await pilot.press("ctrl+s")
            await settle(pilot)
            created = Service.get_or_none(
                (Service.structure == menuiserie()) & (Service.code == f"H{number}")
            )
            if storable(sample, 255):
                await alive(pilot, detail)
                assert created is not None and created.libelle == clean(sample)
            else:
                await alive(pilot, dialog)
                assert created is None
                await pilot.press("escape")
                await alive(pilot, detail)
        text = await alive(pilot, detail)
        assert "[@click=app.quit]x" in text


async def test_hostile_technical_user_logins_are_refused_in_the_window(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        screen = TechnicalUsersScreen(menuiserie().id)
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("n")
        dialog = app.screen
        await alive(pilot, CreateTechnicalUserDialog)
        for sample in FORM_SAMPLES:
            await fill(pilot, login=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, dialog)
            assert dialog.query_one("#field-login").has_class("-invalid")


# -- F6 documents, M3 refusal --------------------------------------------------------------------


async def test_hostile_document_designations(services, tmp_path):
    upload = tmp_path / "devis.pdf"
    upload.write_bytes(b"%PDF-1.4 devis")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        screen = AttachmentsScreen()
        app.push_screen(screen)
        await settle(pilot)
        await pilot.press("a")
        dialog = app.screen
        await alive(pilot, AddDocumentDialog)
        dialog.query_one("#type", Select).value = "DIVERS"
        for sample in (SAMPLES[0], SAMPLES[5], SAMPLES[1]):
            await fill(pilot, file=str(upload), designation=sample)
            dialog.query_one("#designation", Input).focus()
            await pilot.press("ctrl+s")
            await settle(pilot)
            if app.screen is not dialog:
                break
            await alive(pilot, dialog)
        text = await alive(pilot, screen)
        stored = Document.select().order_by(Document.id.desc()).get()
        assert stored.designation == clean(SAMPLES[1])
        assert "[@click=app.quit]x" in text
        await pilot.press("e")
        await alive(pilot, EditDocumentDialog)
        await fill(pilot, designation=SAMPLES[0])
        await pilot.press("ctrl+s")
        await alive(pilot, EditDocumentDialog)


async def test_hostile_refusal_motifs(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("x")
        dialog = app.screen
        await alive(pilot, MembershipRefusalDialog)
        for sample in (SAMPLES[0], SAMPLES[5], SAMPLES[6]):
            await fill(pilot, motif=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, dialog)
        await fill(pilot, motif=SAMPLES[2])
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not dialog
        await alive(pilot, type(app.screen))
        refused = Membership.get(Membership.status == MembershipStatus.REFUSEE)
        assert refused.motif == clean(SAMPLES[2])


async def test_a_stored_hostile_name_prefills_mon_compte_without_reaching_the_terminal(services):
    """A name the domain would refuse, written by the model layer (old or imported data): the
    inputs hold it as stored, and show its ESC as a visible sign, never as an escape."""
    User.update(nom=MALLORY, prenom=MALLORY).where(User.login == JULIE).execute()
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        await pilot.press("f4")
        screen = await open_account(pilot)
        assert value_of(pilot, "nom") == MALLORY
        text = await alive(pilot, screen)
        assert "[bold red]Mallory[/]\u241b[2J" in text
        await pilot.press("ctrl+s")
        await alive(pilot, screen)
        assert screen.query_one("#field-nom").has_class("-invalid")


# -- M10 transfer and its « loupe » --------------------------------------------------------------


async def test_hostile_successor_logins_and_loupe_criteria(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        dialog = TransferDialog(menuiserie().id)
        app.push_screen(dialog)
        await settle(pilot)
        for sample in FORM_SAMPLES:
            await fill(pilot, successor=sample)
            await pilot.press("ctrl+s")
            await alive(pilot, dialog)
            assert dialog.query_one("#field-successor").has_class("-invalid")
        await pilot.press("f3")
        loupe = app.screen
        await alive(pilot, SuccessorSearchDialog)
        for sample in FORM_SAMPLES:
            await fill(pilot, nom=sample)
            loupe.query_one("#nom", Input).focus()
            await pilot.press("enter")
            text = await alive(pilot, loupe)
            if has_control(clean(sample)):
                assert "Les caractères de contrôle ne sont pas acceptés." in text
