"""« Mes abonnements aux espaces » (F5) from the keyboard: the table, deleting lines, and
« Ajouter un abonnement ». The block is shown on a small screen laid out as Mon Compte's page
(Mon Compte mounts it among its blocks); the form is pushed from it with ``a`` or directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select

from chorus_tui.models import OutboxMail, Space, StructureSpace, Subscription, User
from chorus_tui.models.codes import Habilitation, SubscriptionStatus
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import SessionScreen
from chorus_tui.ui.screens.subscription_add import SubscriptionAddScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.paged_table import PagedTable
from chorus_tui.ui.widgets.subscriptions import DeleteSubscriptionsDialog, SubscriptionsBlock
from tests.ui.helpers import JULIE, PAUL, PAULINE, fill, log_in, make_app, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

FORM_SIZE = (80, 50)
"""Tall enough for the whole form: the checks read what it shows (80×24 is in the snapshots)."""
ERIC = "eric.legrand@mairieterneuil.fr"
STYLES = Path(__file__).parents[2] / "chorus_tui" / "ui" / "styles"


class BlockScreen(SessionScreen):
    """The block alone, on a page laid out as Mon Compte's (banner, scrolling page, footer)."""

    CSS_PATH = [STYLES / "account.tcss", STYLES / "subscriptions.tcss"]
    AUTO_FOCUS = "#subscriptions-table"

    def compose(self) -> ComposeResult:
        yield Banner(self.session, self.t, last_login=False)
        with VerticalScroll(id="account-form", classes="form-page"):
            yield SubscriptionsBlock()
        yield ChorusFooter()

    def palette_commands(self) -> list[Command]:
        return [*self.query_one(SubscriptionsBlock).palette_commands(), *super().palette_commands()]


async def open_block(pilot: Pilot, login: str = JULIE) -> SubscriptionsBlock:
    await log_in(pilot, login)
    await pilot.app.push_screen(BlockScreen())
    await settle(pilot)
    return pilot.app.screen.query_one(SubscriptionsBlock)


async def settle(pilot: Pilot) -> None:
    """Let the table lay out its first page."""
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def current_line(pilot: Pilot) -> str:
    """The line under the table (the current row in full), on one line."""
    return " ".join(shown(pilot.app.screen.query_one(".subscriptions-current")).split())


async def open_form(pilot: Pilot, login: str = JULIE) -> SubscriptionAddScreen:
    await open_block(pilot, login)
    await pilot.press("a")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SubscriptionAddScreen)
    return screen


def live_subscriptions(login: str) -> list[Subscription]:
    user = User.get(User.login == login)
    return list(
        Subscription.select()
        .where(
            (Subscription.user == user)
            & (Subscription.ended_at.is_null())
            & (Subscription.status != SubscriptionStatus.REFUSE)
        )
        .order_by(Subscription.id)
    )


def table_text(pilot: Pilot) -> str:
    return shown(pilot.app.screen.query_one("#subscriptions", PagedTable))


async def choose(pilot: Pilot, select_id: str, value: object) -> None:
    pilot.app.screen.query_one(f"#{select_id}", Select).value = value
    await pilot.pause()
    await pilot.pause()


async def tick(pilot: Pilot, *box_ids: str) -> None:
    for box_id in box_ids:
        pilot.app.screen.query_one(f"#{box_id}", Checkbox).value = True
    await pilot.pause()


def structure_id(name: str) -> int:
    from chorus_tui.models import Structure

    return int(Structure.get(Structure.raison_sociale == name).id)


def service_id(structure: str, code: str) -> int:
    from chorus_tui.models import Service

    return int(
        Service.get((Service.structure == structure_id(structure)) & (Service.code == code)).id
    )


# -- the table ----------------------------------------------------------------------------------


async def test_the_block_lists_julies_subscriptions_with_translated_space_names(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        text = table_text(pilot)
        assert "Identifiant" in text
        assert "14700985600815" in text
        assert "Accueil connecté" in text
        assert "Factures émises" in text
        assert "ACCUEIL_CONNECTE" not in text
        assert "« 1/2 » 5 lignes par page (8 lignes)" in text
        # The current row in full, under the table: the columns that scroll are readable there.
        current = current_line(pilot)
        assert "Mairie de Terneuil sur Seine · Toute la structure · Accueil connecté" in current
        assert "Modification · Validé" in current


async def test_the_block_pages_and_shows_pending_lines(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        await pilot.press("n")
        text = table_text(pilot)
        assert "« 2/2 »" in text
        assert "Factures à valider" in text
        assert "URBA" in text
        await pilot.press("down")
        current = current_line(pilot)
        assert "URBA Urbanisme · Factures à valider · Modification" in current
        assert "En cours de validation" in current


async def test_english_names_the_spaces_in_english(services):
    User.update(language="EN").where(User.login == JULIE).execute()
    app = make_app(services, "EN")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        text = table_text(pilot)
        assert "Invoices issued" in text
        assert "Factures émises" not in text


async def test_deleting_the_ticked_lines_ends_them_after_confirmation(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        before = live_subscriptions(JULIE)
        await pilot.press("down", "space", "down", "space", "delete")
        dialog = app.screen
        assert isinstance(dialog, DeleteSubscriptionsDialog)
        listed = shown(dialog.query_one(".confirm-body"))
        assert "Factures émises" in listed and "Factures reçues" in listed
        assert "Accueil connecté" not in listed
        await pilot.press("shift+tab", "enter")  # « OK » (the focus starts on « Annuler »)
        await pilot.pause()
        assert isinstance(app.screen, BlockScreen)
        after = live_subscriptions(JULIE)
        assert len(after) == len(before) - 2
        ended = {row.id for row in before} - {row.id for row in after}
        for row in Subscription.select().where(Subscription.id.in_(list(ended))):
            assert row.ended_at is not None
            assert row.space.code in {"FACTURES_EMISES", "FACTURES_RECUES"}
        assert "(6 lignes)" in table_text(pilot)
        assert "cochée" not in table_text(pilot)


async def test_cancelling_the_deletion_changes_nothing(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        before = live_subscriptions(JULIE)
        await pilot.press("x")
        assert isinstance(app.screen, DeleteSubscriptionsDialog)
        await pilot.press("enter")  # « Annuler »
        await pilot.pause()
        assert isinstance(app.screen, BlockScreen)
        assert live_subscriptions(JULIE) == before
        await pilot.press("delete", "escape")
        await pilot.pause()
        assert live_subscriptions(JULIE) == before


async def test_a_line_ended_meanwhile_reloads_and_says_so(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        await pilot.press("delete")
        assert isinstance(app.screen, DeleteSubscriptionsDialog)
        first = live_subscriptions(JULIE)[0]
        Subscription.update(ended_at=services.now()).where(Subscription.id == first.id).execute()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert "(7 lignes)" in table_text(pilot)
        assert any("la liste a été rafraîchie" in str(n.message) for n in app._notifications)


async def test_the_palette_offers_adding_and_deleting(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        titles = [command.title for command in app.screen.palette_commands()]
        assert "Abonnements : ajouter un abonnement" in titles
        assert "Abonnements : supprimer les abonnements cochés" in titles


# -- « Ajouter un abonnement » ------------------------------------------------------------------


async def test_the_form_offers_only_the_spaces_opened_on_the_structure(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot)
        # Julie has one validated membership: the structure is chosen already.
        assert form.query_one("#structure", Select).value == structure_id(
            "Mairie de Terneuil sur Seine"
        )
        options = {value for _, value in form.query_one("#space", Select)._options}
        opened = {
            row.space.code
            for row in StructureSpace.select().where(
                StructureSpace.structure == structure_id("Mairie de Terneuil sur Seine")
            )
        }
        assert "FACTURES_TRAVAUX" in opened  # the demo opened it at structure level
        assert options - {Select.NULL} == opened - {"ACTIVITES_GESTIONNAIRE"}  # managers only
        assert form.query_one("#effective_date", Input).value == "24/11/2026"
        lines = shown(form.query_one("#lines"))
        assert "Toute la structure" in lines
        assert "URBA – Urbanisme" in lines
        assert "VOIRIE" not in lines  # Julie is habilitated to URBA only


async def test_julie_asks_a_space_and_the_lines_wait_for_validation(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        await open_form(pilot)
        await choose(pilot, "space", "FACTURES_RECUES")
        urba = service_id("Mairie de Terneuil sur Seine", "URBA")
        await tick(pilot, "line-all-consultation", f"line-{urba}-modification")
        await fill(pilot, comment="Suivi [bold]des factures")
        before = OutboxMail.select().count()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BlockScreen)
        space = Space.get(Space.code == "FACTURES_RECUES")
        created = list(
            Subscription.select()
            .where((Subscription.space == space) & (Subscription.status != "VALIDE"))
            .order_by(Subscription.id)
        )
        assert [(row.service_id, row.habilitation, row.status) for row in created] == [
            (None, Habilitation.CONSULTATION_UNIQUEMENT, SubscriptionStatus.EN_COURS_DE_VALIDATION),
            (urba, Habilitation.MODIFICATION, SubscriptionStatus.EN_COURS_DE_VALIDATION),
        ]
        assert created[0].comment == "Suivi [bold]des factures"
        mails = list(OutboxMail.select().order_by(OutboxMail.id))[before:]
        assert {mail.user.login for mail in mails} == {PAULINE, ERIC}
        assert {mail.kind for mail in mails} == {"subscription_request_received"}
        assert any("En cours de validation" in str(n.message) for n in app._notifications)
        assert "(10 lignes)" in table_text(pilot)


async def test_paul_on_his_structure_is_validated_at_once(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot, PAUL)
        assert form.query_one("#structure", Select).value is Select.NULL
        assert "Choisissez d'abord une structure." in shown(form.query_one("#lines"))
        await choose(pilot, "structure", structure_id("Menuiserie Dupont"))
        lines = shown(form.query_one("#lines"))
        assert "MENINT – Menuiseries Intérieures" in lines
        assert "MOBURB – Mobilier Urbain" in lines
        await choose(pilot, "space", "SOLLICITATIONS_EMISES")
        moburb = service_id("Menuiserie Dupont", "MOBURB")
        await tick(pilot, f"line-{moburb}-consultation")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, BlockScreen)
        row = (
            Subscription.select()
            .where(Subscription.service == moburb)
            .order_by(Subscription.id.desc())[0]
        )
        assert (row.space.code, row.habilitation, row.status) == (
            "SOLLICITATIONS_EMISES",
            Habilitation.CONSULTATION_UNIQUEMENT,
            SubscriptionStatus.VALIDE,
        )
        assert any("« Validé »" in str(n.message) for n in app._notifications)


async def test_changing_the_structure_refreshes_the_spaces_and_the_lines(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot, PAUL)
        await choose(pilot, "structure", structure_id("Menuiserie Dupont"))
        await tick(pilot, "line-all-modification")
        await choose(pilot, "structure", structure_id("Rénovation Habitat"))
        assert "MOBURB" not in shown(form.query_one("#lines"))
        assert form.query_one("#line-all-modification", Checkbox).value is False
        assert form.query_one("#space", Select).value is Select.NULL


async def test_no_line_ticked_is_an_error_next_to_the_lines(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot)
        await choose(pilot, "space", "FACTURES_RECUES")
        before = Subscription.select().count()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "Cochez" in shown(form.query_one("#field-lines"))
        assert "Services" in shown(form.query_one("#form-notice"))
        assert form.focused is form.query_one("#line-all-consultation")
        assert Subscription.select().count() == before
        await pilot.press("space")  # ticking clears the error
        assert "Cochez" not in shown(form.query_one("#field-lines"))


async def test_a_bad_date_and_missing_choices_are_errors_next_to_the_fields(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot, PAUL)
        await fill(pilot, effective_date="31/02/2026", comment="x" * 256)
        assert "256/255" in shown(form.query_one("#field-comment"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "obligatoire" in shown(form.query_one("#field-structure"))
        assert "obligatoire" in shown(form.query_one("#field-space"))
        assert "jj/mm/aaaa" in shown(form.query_one("#field-effective_date"))
        assert "255 caractères au maximum." in shown(form.query_one("#field-comment"))
        assert form.focused is form.query_one("#structure")


async def test_a_duplicate_request_is_refused_with_a_message(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot)
        await choose(pilot, "space", "FACTURES_EMISES")
        await tick(pilot, "line-all-modification")  # Julie holds it already
        before = Subscription.select().count()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert shown(form.query_one("#form-notice"))
        assert Subscription.select().count() == before


async def test_escape_goes_back_without_sending(services):
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        await open_form(pilot)
        await choose(pilot, "space", "FACTURES_RECUES")
        await tick(pilot, "line-all-consultation")
        before = Subscription.select().count()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BlockScreen)
        assert Subscription.select().count() == before
        assert "Ajouter un abonnement" not in screen_text(pilot).split("Mes abonnements")[0]


async def test_structure_names_are_shown_literally(services):
    from chorus_tui.models import Structure

    Structure.update(raison_sociale="[bold]Mairie").where(
        Structure.raison_sociale == "Mairie de Terneuil sur Seine"
    ).execute()
    app = make_app(services)
    async with app.run_test(size=FORM_SIZE) as pilot:
        form = await open_form(pilot)
        assert "[bold]Mairie" in shown(form.query_one("#field-structure"))
        await pilot.press("escape")
        await pilot.pause()
        await settle(pilot)
        assert "[bold]Mairie" in current_line(pilot)


async def test_right_arrow_scrolls_to_the_habilitation_and_the_status(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_block(pilot)
        assert "Statut" not in table_text(pilot)
        await pilot.press(*["right"] * 30)
        await settle(pilot)
        text = table_text(pilot)
        assert "Habilitation" in text and "Statut" in text
        assert "Modification" in text and "Validé" in text
