"""« Activités du gestionnaire » (M0–M3) from the keyboard: the synthèse, « Les demandes de
rattachement », the request screen (validate with a role and services), the refusal window, the
bulk decisions and a request processed meanwhile by another manager."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Input, Select, Static

from chorus_tui.domain import membership_requests, memberships
from chorus_tui.models import (
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Space,
    Structure,
    Subscription,
    User,
)
from chorus_tui.models.codes import MembershipStatus, Role, ServiceLineStatus, SpaceCode
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.bulk import BulkDialog
from chorus_tui.ui.dialogs.membership_refusal import MembershipRefusalDialog
from chorus_tui.ui.screens.manager import SynthesisScreen
from chorus_tui.ui.screens.membership_review import MembershipReviewScreen
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.membership_requests import MembershipRequestsBlock
from tests.ui.helpers import JULES, JULIE, PAUL, log_in, make_app, screen_text, shown

pytestmark = pytest.mark.usefixtures("demo_db")

NADIA = "nadia.bensaid@laposte.net"


def user(login: str) -> User:
    return User.get(User.login == login)


def structure(raison_sociale: str) -> Structure:
    return Structure.get(Structure.raison_sociale == raison_sociale)


def pending_of(login: str, raison_sociale: str) -> Membership:
    return (
        Membership.select()
        .join(Structure)
        .switch(Membership)
        .join(User)
        .where(
            (User.login == login)
            & (Structure.raison_sociale == raison_sociale)
            & (Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
        )
        .get()
    )


def ask(services, login: str, raison_sociale: str, codes: tuple[str, ...] = ()) -> Membership:
    """A pending request of ``login`` to the structure (on the services ``codes``)."""
    target = structure(raison_sociale)
    ids = [Service.get((Service.structure == target) & (Service.code == code)).id for code in codes]
    return memberships.request_membership(
        services,
        user(login),
        target.id,
        start_date="24/11/2026",
        comment="Comptabilité fournisseurs.",
        service_ids=ids,
    )


def more_requests(services) -> None:
    """Julie asks MOBURB of Menuiserie Dupont, Jules Rénovation Habitat: Paul has three."""
    ask(services, JULIE, "Menuiserie Dupont", ("MOBURB",))
    ask(services, JULES, "Rénovation Habitat")


def counts(pilot: Pilot) -> str:
    return str(pilot.app.screen.query_one("#manager-counts", Static).content)


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_synthesis(pilot: Pilot, login: str = PAUL) -> MembershipRequestsBlock:
    """F3, the cursor in the table of « Les demandes de rattachement »."""
    await log_in(pilot, login)
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("f5")
    await pilot.pause()
    return pilot.app.screen.query_one(MembershipRequestsBlock)


async def move_to(pilot: Pilot, block: MembershipRequestsBlock, membership: Membership) -> None:
    block.table.table.move_cursor(row=list(block.table.rows).index(membership.id))
    await pilot.pause()


async def test_paul_sees_f3_and_the_synthesis(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, PAUL)
        assert "Activités du gestionnaire" in screen_text(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
        text = screen_text(pilot)
        assert "Synthèse" in text
        assert "Demandes de rattachement en attente : 1" in text
        assert "Les demandes de rattachement" in text


async def test_julie_has_no_f3_and_reaching_the_screen_shows_the_permission_message(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await log_in(pilot, JULIE)
        assert "Activités du gestionnaire" not in screen_text(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert not isinstance(app.screen, SynthesisScreen)
        app.push_screen(SynthesisScreen())
        await settle(pilot)
        text = screen_text(pilot)
        assert "Vous n'avez pas les droits pour cette action." in text
        assert not app.screen.query(MembershipRequestsBlock)
        # The jump keys and the palette offer nothing of the space.
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SynthesisScreen)
        titles = [command.title for command in app.screen.palette_commands()]
        assert not any("Rattachements" in title for title in titles)


async def test_the_table_lists_the_pending_requests_of_pauls_structures_only(services):
    more_requests(services)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        text = " ".join(shown(block).replace("│", " ").split())
        assert "BENSAÏD Nadia" in text and "BON Julie" in text and "MARTIN Jules" in text
        assert "MENINT, MOBURB" in text
        assert "Toute la" in text  # « Toute la structure », wrapped
        assert "12600591700516" in text and "Rénovation" in text
        # Requests to other managers' structures are not there.
        assert "PIETRALBA" not in text and "CCAS" not in text
        assert set(block.table.rows) == {
            pending_of(NADIA, "Menuiserie Dupont").id,
            pending_of(JULIE, "Menuiserie Dupont").id,
            pending_of(JULES, "Rénovation Habitat").id,
        }


async def test_paul_validates_nadia_as_secondary_manager_with_one_service(services):
    request = pending_of(NADIA, "Menuiserie Dupont")
    moburb = Service.get(Service.code == "MOBURB")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        await move_to(pilot, block, request)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MembershipReviewScreen)
        text = screen_text(pilot)
        assert "Rattachement d'un utilisateur à une Structure" in text
        assert screen.query_one(f"#service-{moburb.id}", Checkbox).value
        screen.query_one("#role", Select).value = Role.GESTIONNAIRE_SECONDAIRE
        menint = Service.get(Service.code == "MENINT")
        screen.query_one(f"#service-{menint.id}", Checkbox).value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
        assert not block.table.rows
        assert "Demandes de rattachement en attente : 0" in counts(pilot)

    membership = Membership.get_by_id(request.id)
    assert membership.status == MembershipStatus.VALIDEE
    assert membership.role == Role.GESTIONNAIRE_SECONDAIRE
    lines = {
        line.service.code: line.status
        for line in MembershipService.select().where(MembershipService.membership == membership)
    }
    assert lines == {"MOBURB": ServiceLineStatus.VALIDE, "MENINT": ServiceLineStatus.REFUSE}
    spaces = {
        row.space.code
        for row in Subscription.select(Subscription, Space)
        .join(Space)
        .where(Subscription.user == membership.user)
    }
    assert SpaceCode.ACTIVITES_GESTIONNAIRE in spaces
    assert SpaceCode.MON_COMPTE in spaces
    assert (
        OutboxMail.select()
        .where((OutboxMail.user == membership.user) & (OutboxMail.kind == "membership_validated"))
        .exists()
    )


async def test_refusal_needs_a_motif_then_refuses_and_mails(services):
    request = pending_of(NADIA, "Menuiserie Dupont")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        await move_to(pilot, block, request)
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MembershipRefusalDialog)
        text = screen_text(pilot)
        assert "Confirmation du refus de la demande de rattachement" in text
        assert "BENSAÏD Nadia" in text
        assert "Refus par le gestionnaire DUPONT Paul" in text
        assert "(le motif est limité à 255 caractères)" in text
        assert "0/255" in text
        await pilot.press("enter")
        await settle(pilot)
        field = dialog.query_one("#field-motif", FormField)
        assert "obligatoire" in shown(field).lower()
        assert Membership.get_by_id(request.id).status == MembershipStatus.EN_COURS_DE_VALIDATION
        await pilot.press(*"Hors effectif")
        await pilot.pause()
        assert "13/255" in screen_text(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
        assert not block.table.rows

    membership = Membership.get_by_id(request.id)
    assert membership.status == MembershipStatus.REFUSEE
    assert membership.motif == "Hors effectif"
    mail = (
        OutboxMail.select()
        .where((OutboxMail.user == membership.user) & (OutboxMail.kind == "membership_refused"))
        .get()
    )
    assert "Hors effectif" in mail.body


async def test_the_refusal_from_the_request_screen(services):
    request = pending_of(NADIA, "Menuiserie Dupont")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        await move_to(pilot, block, request)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#refuse", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, MembershipRefusalDialog)
        app.screen.query_one("#motif", Input).value = "Pas de contrat"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
    assert Membership.get_by_id(request.id).status == MembershipStatus.REFUSEE


async def test_bulk_validation_of_the_ticked_rows_ends_with_a_summary(services):
    more_requests(services)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        julie = pending_of(JULIE, "Menuiserie Dupont")
        jules = pending_of(JULES, "Rénovation Habitat")
        nadia = pending_of(NADIA, "Menuiserie Dupont")
        for request in (julie, jules):
            await move_to(pilot, block, request)
            await pilot.press("space")
        assert block.table.selected == {julie.id, jules.id}
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Valider 2 demande(s)" in screen_text(pilot)
        await pilot.click("#ok")
        await settle(pilot)
        assert isinstance(app.screen, BulkDialog)
        assert "2 demande(s) traitée(s), 0 ignorée(s)" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
        assert set(block.table.rows) == {nadia.id}
        assert not block.table.selected
        assert "Demandes de rattachement en attente : 1" in counts(pilot)
    for request in (julie, jules):
        membership = Membership.get_by_id(request.id)
        assert membership.status == MembershipStatus.VALIDEE
        assert membership.role == Role.UTILISATEUR_SIMPLE
    assert Membership.get_by_id(nadia.id).status == MembershipStatus.EN_COURS_DE_VALIDATION


async def test_bulk_refusal_asks_one_motif_for_all(services):
    more_requests(services)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        ids = sorted(block.table.rows)
        for membership_id in ids:
            block.table.table.move_cursor(row=list(block.table.rows).index(membership_id))
            await pilot.press("space")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, MembershipRefusalDialog)
        text = screen_text(pilot)
        assert "motif du refus des 3 demandes de rattachement" in text
        assert "BON Julie" in text and "MARTIN Jules" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MembershipRefusalDialog)  # motif required
        await pilot.press(*"Doublon")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BulkDialog)
        assert "3 demande(s) traitée(s)" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not block.table.rows
    for membership_id in ids:
        membership = Membership.get_by_id(membership_id)
        assert membership.status == MembershipStatus.REFUSEE
        assert membership.motif == "Doublon"


async def test_a_request_processed_meanwhile_gets_the_conflict_message_and_a_fresh_list(services):
    more_requests(services)
    request = pending_of(NADIA, "Menuiserie Dupont")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        await move_to(pilot, block, request)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MembershipReviewScreen)
        # Claire, secondary manager with the principal's rights, validates it meanwhile.
        claire = user("claire.dupont@menuiserie.fr")
        membership_requests.validate_membership(services, claire, request.id)
        app.screen.query_one("#role", Select).value = Role.GESTIONNAIRE_SECONDAIRE
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
        messages = [notification.message for notification in app._notifications]
        assert any("traitée par un autre gestionnaire" in message for message in messages)
        assert request.id not in block.table.rows
        assert len(block.table.rows) == 2
    membership = Membership.get_by_id(request.id)
    assert membership.role == Role.UTILISATEUR_SIMPLE  # Claire's decision, not a second one


async def test_a_bulk_validation_skips_the_requests_processed_meanwhile(services):
    more_requests(services)
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        for membership_id in list(block.table.rows):
            block.table.table.move_cursor(row=list(block.table.rows).index(membership_id))
            await pilot.press("space")
        nadia = pending_of(NADIA, "Menuiserie Dupont")
        membership_requests.refuse_membership(services, user(PAUL), nadia.id, "Déjà traitée")
        await pilot.press("v")
        await settle(pilot)
        await pilot.click("#ok")
        await settle(pilot)
        assert "2 demande(s) traitée(s), 1 ignorée(s)" in screen_text(pilot)
    assert Membership.get_by_id(nadia.id).status == MembershipStatus.REFUSEE


async def test_the_request_screen_says_when_no_service_is_ticked(services):
    request = pending_of(NADIA, "Menuiserie Dupont")
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        await move_to(pilot, block, request)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        for box in screen.query("Checkbox.service").results(Checkbox):
            box.value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MembershipReviewScreen)
        error = app.screen.query_one("#services-error", Static)
        assert error.display and str(error.content) == "Cochez au moins un service."
        assert "Liste des services" in str(app.screen.query_one("#form-notice", Static).content)
    assert Membership.get_by_id(request.id).status == MembershipStatus.EN_COURS_DE_VALIDATION


async def test_help_palette_and_language_on_the_manager_screens(services):
    app = make_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        block = await open_synthesis(pilot)
        titles = [command.title for command in app.screen.palette_commands()]
        assert "Rattachements : valider les demandes cochées" in titles
        assert "Gestionnaire : aller aux demandes de rattachement" in titles
        await pilot.press("f1")
        await pilot.pause()
        assert "Valider" in screen_text(pilot)
        await pilot.press("escape")
        await pilot.pause()
        await app.set_language("EN")
        await settle(pilot)
        assert "Membership requests" in screen_text(pilot)
        block = app.screen.query_one(MembershipRequestsBlock)
        block.table.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MembershipReviewScreen)
        await app.set_language("FR")
        await settle(pilot)
        assert "Rattachement d'un utilisateur à une Structure" in screen_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SynthesisScreen)
