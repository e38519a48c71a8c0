"""« Rattacher un utilisateur » (M7) and « Créer le compte utilisateur » (M8) in the interface:
Paul DUPONT searches the accounts for Menuiserie Dupont, attaches Jules MARTIN, sees who is
attached already, and creates the account of a person who has none."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Select

from chorus_tui.models import ActivationCode, Membership, OutboxMail, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role
from chorus_tui.ui.screens.account_create import CreateAccountScreen
from chorus_tui.ui.screens.user_attach import AttachFormScreen, AttachUserScreen
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.paged_table import PagedTable
from tests.ui.helpers import JULES, PAUL, fill, log_in, make_app, notice, shown

pytestmark = pytest.mark.usefixtures("demo_db")

NADIA = "nadia.bensaid@laposte.net"


def menuiserie() -> Structure:
    return Structure.get(Structure.raison_sociale == "Menuiserie Dupont")


def field_error(screen, name: str) -> str:
    field = screen.query_one(f"#field-{name}", FormField)
    return field._error if field.has_class("-invalid") else ""


def notifications(pilot: Pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def open_attach(pilot: Pilot) -> AttachUserScreen:
    await log_in(pilot, PAUL)
    await pilot.press("f3")
    await pilot.pause()
    results: list[object] = []
    screen = AttachUserScreen(menuiserie().id)
    pilot.app.push_screen(screen, results.append)
    await pilot.pause()
    screen.results = results  # type: ignore[attr-defined]
    return screen


async def search(pilot: Pilot, **criteria: str) -> None:
    await fill(pilot, **criteria)
    pilot.app.screen.query_one("#nom").focus()
    await pilot.press("enter")
    await pilot.pause()


async def move_to(pilot: Pilot, screen: AttachUserScreen, login: str) -> None:
    table = screen.query_one(PagedTable)
    user = User.get(User.login == login)
    table.table.move_cursor(row=list(table.rows).index(user.id))
    table.table.focus()
    await pilot.pause()


class TestSearch:
    async def test_the_wildcard_finds_jules_martin_not_attached(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await search(pilot, nom="*martin*")
            rows = list(screen.query_one(PagedTable).rows.values())
            assert [(row.nom, row.prenom, row.attached) for row in rows] == [
                ("MARTIN", "Jules", False)
            ]
            assert screen.focused is screen.query_one("#accounts-table")
            results = shown(screen.query_one("#results"))
            assert "jmartin@ccasterneuil.fr" in results
            assert "Non" in results

    async def test_no_criterion_is_an_error_and_shows_no_result(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "au moins un critère" in notice(pilot, "form-notice")
            assert not screen.query_one("#results").display

    async def test_an_attached_user_shows_oui_and_cannot_be_attached_again(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await search(pilot, login="nadia*")  # her request is pending
            assert "Oui" in shown(screen.query_one("#results"))
            await move_to(pilot, screen, NADIA)
            await pilot.press("enter")
            await pilot.pause()
            assert pilot.app.screen is screen
            assert any("déjà rattaché" in message for message in notifications(pilot))

    async def test_nothing_found_offers_to_create_the_account(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await search(pilot, nom="Introuvable")
            assert screen.query_one("#no-result").display
            assert screen.focused is screen.query_one("#create")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(pilot.app.screen, CreateAccountScreen)

    async def test_escape_goes_back_saying_nothing_changed(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await pilot.press("escape")
            await pilot.pause()
            assert screen.results == [False]  # type: ignore[attr-defined]


class TestAttach:
    async def test_paul_attaches_jules_martin_as_simple_user(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_attach(pilot)
            await search(pilot, nom="*martin*")
            await pilot.press("enter")
            await pilot.pause()
            form = pilot.app.screen
            assert isinstance(form, AttachFormScreen)
            assert form.query_one("#role", Select).value == Role.UTILISATEUR_SIMPLE
            assert form.query_one("#start_date").value == "24/11/2026"
            await fill(pilot, comment="Comptable")
            assert "9/255" in str(form.query_one("#comment-counter").content)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is screen
            assert any("est rattaché" in message for message in notifications(pilot))
            assert "Oui" in shown(screen.query_one("#results"))
            await pilot.press("escape")
            await pilot.pause()
            assert screen.results == [True]  # type: ignore[attr-defined]
        jules = User.get(User.login == JULES)
        membership = Membership.get(
            (Membership.user == jules) & (Membership.structure == menuiserie())
        )
        assert membership.status == MembershipStatus.VALIDEE
        assert membership.role == Role.UTILISATEUR_SIMPLE
        assert membership.comment == "Comptable"
        assert OutboxMail.get(OutboxMail.user == jules).kind == "membership_attached"

    async def test_attaching_on_one_service_unticks_the_whole_structure(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_attach(pilot)
            await search(pilot, nom="*martin*")
            await pilot.press("enter")
            await pilot.pause()
            form = pilot.app.screen
            boxes = list(form.query("Checkbox.service").results(Checkbox))
            boxes[0].value = True
            await pilot.pause()
            assert not form.query_one("#whole", Checkbox).value
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert not isinstance(pilot.app.screen, AttachFormScreen)
        jules = User.get(User.login == JULES)
        membership = Membership.get(
            (Membership.user == jules) & (Membership.structure == menuiserie())
        )
        assert not membership.whole_structure

    async def test_wrong_dates_and_a_long_comment_are_shown_next_to_their_fields(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await open_attach(pilot)
            await search(pilot, nom="*martin*")
            await pilot.press("enter")
            await pilot.pause()
            form = pilot.app.screen
            await fill(pilot, start_date="", end_date="31/02/2026", comment="x" * 256)
            assert form.query_one("#comment-counter").has_class("-over")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert field_error(form, "start_date") == "Ce champ est obligatoire."
            assert field_error(form, "end_date")
            assert field_error(form, "comment")
            assert "Date de début" in notice(pilot, "form-notice")
            assert form.focused is form.query_one("#start_date")
        jules = User.get(User.login == JULES)
        assert (
            not Membership.select()
            .where((Membership.user == jules) & (Membership.structure == menuiserie()))
            .exists()
        )


class TestCreateAccount:
    async def open_create(self, pilot: Pilot) -> AttachUserScreen:
        screen = await open_attach(pilot)
        await pilot.press("c")  # the criteria have the focus: « c » is typed there
        await pilot.pause()
        assert pilot.app.screen is screen
        screen.query_one("#create").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, CreateAccountScreen)
        return screen

    async def test_a_login_in_use_is_refused_next_to_the_field(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            await self.open_create(pilot)
            form = pilot.app.screen
            await fill(
                pilot, login=JULES.upper(), email="zoe@example.fr", nom="LEROY", prenom="Zoé"
            )
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert pilot.app.screen is form
            assert "identifiant de connexion" in field_error(form, "login")
            assert form.focused is form.query_one("#login")
        assert not User.select().where(User.nom == "LEROY").exists()

    async def test_a_new_account_waits_for_activation_with_a_mailed_code(self, services):
        app = make_app(services)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await self.open_create(pilot)
            await fill(
                pilot,
                login="zoe.leroy@menuiserie.fr",
                email="zoe@example.fr",
                nom="LEROY",
                prenom="Zoé",
            )
            pilot.app.screen.query_one("#comment").focus()
            await pilot.press("enter")  # Enter on the last field validates
            await pilot.pause()
            assert pilot.app.screen is screen
            messages = notifications(pilot)
            assert any(
                "Compte créé : un code d'activation a été envoyé à zoe@example.fr" in message
                for message in messages
            )
            assert screen.changed
        zoe = User.get(User.login == "zoe.leroy@menuiserie.fr")
        assert zoe.status == AccountStatus.EN_COURS_ACTIVATION
        assert Membership.get(Membership.user == zoe).status == MembershipStatus.VALIDEE
        (sent,) = OutboxMail.select().where(OutboxMail.user == zoe)
        assert sent.kind == "account_creation_code"
        assert sent.to_address == "zoe@example.fr"
        assert ActivationCode.select().where(ActivationCode.user == zoe).count() == 1
        assert not any("Votre code" in message for message in messages)
