"""« Les demandes d'abonnement aux espaces » (M4–M6) from the keyboard: the table of Eric LEGRAND
(secondary manager of Mairie de Terneuil sur Seine, with the principal's rights) shows Julie BON's
pending request; the screen « Abonnement d'un utilisateur aux espaces » validates it line by line
with a scope; the refusal window; bulk validation; conflicts; and the permission message."""

from __future__ import annotations

import pytest
from textual.app import ComposeResult
from textual.pilot import Pilot
from textual.widgets import Checkbox, RadioButton

from chorus_tui.domain import subscription_requests as requests
from chorus_tui.models import (
    AuditEntry,
    OutboxMail,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import Habilitation, SubscriptionStatus
from chorus_tui.ui.dialogs.bulk import BulkDialog
from chorus_tui.ui.dialogs.subscription_refusal import SubscriptionRefusalDialog
from chorus_tui.ui.screens.base import SessionScreen
from chorus_tui.ui.screens.subscription_review import SubscriptionReviewScreen, box_id
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField
from chorus_tui.ui.widgets.subscription_requests import SubscriptionRequestsBlock
from tests.ui.helpers import JULIE, PAUL, fill, log_in, make_app, open_space, shown

pytestmark = pytest.mark.usefixtures("demo_db")

ERIC = "eric.legrand@mairieterneuil.fr"
MAIRIE = "Mairie de Terneuil sur Seine"


class BlockScreen(SessionScreen):
    """A bare screen holding the block, as the synthèse does."""

    def compose(self) -> ComposeResult:
        yield SubscriptionRequestsBlock(jump_key="F6")
        yield ChorusFooter()


def words(widget) -> str:
    return " ".join(shown(widget).replace("│", " ").split())


def julie_lines() -> list[Subscription]:
    """Julie BON's pending lines on the Mairie, as M5 orders them."""
    julie = User.get(User.login == JULIE)
    mairie = Structure.get(Structure.raison_sociale == MAIRIE)
    eric = User.get(User.login == ERIC)
    return requests.subscription_request(
        eric,
        Subscription.select(Subscription.id)
        .where(
            (Subscription.user == julie)
            & (Subscription.structure == mairie)
            & (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION)
        )
        .order_by(Subscription.id)
        .first()
        .id,
    ).lines


def julie_request_id() -> int:
    return julie_lines()[0].id


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_block(pilot: Pilot, login: str = ERIC) -> SubscriptionRequestsBlock:
    await log_in(pilot, login)
    await pilot.app.push_screen(BlockScreen())
    await settle(pilot)
    block = pilot.app.screen.query_one(SubscriptionRequestsBlock)
    block.table.table.focus()
    await pilot.pause()
    return block


async def open_review(pilot: Pilot, login: str = ERIC) -> SubscriptionReviewScreen:
    block = await open_block(pilot, login)
    block.table.table.move_cursor(row=list(block.table.rows).index(julie_request_id()))
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SubscriptionReviewScreen)
    return screen


def field_error(screen, name: str) -> str:
    field = screen.query_one(f"#field-{name}", FormField)
    return field._error


# -- M4 -----------------------------------------------------------------------------------------


async def test_the_table_shows_julies_request_with_the_space_names(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        text = words(block)
        assert "Les demandes d'abonnement aux espaces" in text
        assert "BON Julie" in text
        request_id = julie_request_id()
        cells = block.table.table.get_row(str(request_id))
        assert str(cells[-1]) == "Factures à valider, Factures de travaux"
        assert str(cells[3]) == MAIRIE
        assert block.region.width <= 80
        await pilot.press("space")
        assert block.table.selected == {block.table.current_id()}
        titles = [command.title for command in block.palette_commands()]
        assert "Demandes d'abonnement : valider" in titles


# -- M5 -----------------------------------------------------------------------------------------


async def test_the_request_screen_shows_the_lines_with_the_asked_boxes(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        text = words(screen.query_one("#review-form"))
        assert "Abonnement d'un utilisateur aux espaces" in text
        assert "BON Julie" in text and "jbon@ccasterneuil.fr" in text
        assert MAIRIE in words(screen.query_one("#review-structure"))
        for line in julie_lines():
            consult = screen.query_one(f"#{box_id(line.id, 'consultation')}", Checkbox)
            modif = screen.query_one(f"#{box_id(line.id, 'modification')}", Checkbox)
            assert consult.value is (line.habilitation == Habilitation.CONSULTATION_UNIQUEMENT)
            assert modif.value is (line.habilitation == Habilitation.MODIFICATION)
        assert screen.query_one("#scope-USER", RadioButton).value


async def test_validating_with_one_box_changed_grants_that_habilitation(services):
    lines = julie_lines()
    travaux = next(line for line in lines if line.space.code == "FACTURES_TRAVAUX")
    julie = User.get(User.login == JULIE)
    mails = OutboxMail.select().where(OutboxMail.user == julie).count()
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        # Factures de travaux was asked in consultation: give modification instead.
        screen.query_one(f"#{box_id(travaux.id, 'consultation')}", Checkbox).value = False
        screen.query_one(f"#{box_id(travaux.id, 'modification')}", Checkbox).value = True
        await fill(pilot, comment="Accordé pour le service Urbanisme.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BlockScreen)
        assert julie_request_id_or_none() is None
        block = pilot.app.screen.query_one(SubscriptionRequestsBlock)
        assert "BON Julie" not in words(block)
    row = Subscription.get_by_id(travaux.id)
    assert row.status == SubscriptionStatus.VALIDE
    assert row.habilitation == Habilitation.MODIFICATION
    assert row.motif == "Accordé pour le service Urbanisme."
    assert all(Subscription.get_by_id(line.id).status == "VALIDE" for line in lines)
    assert OutboxMail.select().where(OutboxMail.user == julie).count() > mails
    assert (
        AuditEntry.select()
        .where((AuditEntry.target_user == julie) & (AuditEntry.action == "SUBSCRIPTION_VALIDATED"))
        .count()
        >= 2
    )


def julie_request_id_or_none() -> int | None:
    julie = User.get(User.login == JULIE)
    row = (
        Subscription.select()
        .where(
            (Subscription.user == julie)
            & (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION)
        )
        .first()
    )
    return row.id if row else None


async def test_unticking_everything_is_an_error_next_to_the_lines(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        for box in screen.query("#lines Checkbox"):
            box.value = False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert "Cochez" in field_error(screen, "lines")
    assert julie_request_id_or_none() is not None


async def test_a_comment_over_255_characters_is_an_error_and_the_counter_says_so(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await fill(pilot, comment="x" * 256)
        assert "256/255" in str(screen.query_one("#field-comment .field-hint").content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert field_error(screen, "comment")


async def test_scope_structure_gives_a_whole_structure_line_and_opens_the_space(services):
    mairie = Structure.get(Structure.raison_sociale == MAIRIE)
    travaux = Space.get(Space.code == "FACTURES_TRAVAUX")
    StructureSpace.delete().where(
        (StructureSpace.structure == mairie) & (StructureSpace.space == travaux)
    ).execute()
    julie = User.get(User.login == JULIE)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        screen.query_one("#scope-STRUCTURE", RadioButton).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BlockScreen)
    whole = Subscription.select().where(
        (Subscription.user == julie)
        & (Subscription.structure == mairie)
        & (Subscription.space == travaux)
        & Subscription.service.is_null()
        & (Subscription.status == SubscriptionStatus.VALIDE)
    )
    assert whole.count() == 1
    assert StructureSpace.get_or_none(structure=mairie, space=travaux) is not None


# -- M6 -----------------------------------------------------------------------------------------


async def test_refusal_needs_a_motif_then_refuses_every_line_and_mails(services):
    lines = julie_lines()
    julie = User.get(User.login == JULIE)
    mails = OutboxMail.select().where(OutboxMail.user == julie).count()
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SubscriptionRefusalDialog)
        text = words(dialog.query_one("#refusal-window"))
        assert "Confirmation du refus de la demande d'abonnement" in text
        assert "Refus par le gestionnaire LEGRAND Éric" in text
        assert "BON Julie" in text and "Factures de travaux" in text
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert field_error(dialog, "motif")
        await fill(pilot, motif="Espaces réservés aux responsables.")
        assert "34/255" in str(dialog.query_one("#field-motif .field-hint").content)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BlockScreen)
        assert screen.is_attached is False
    for line in lines:
        row = Subscription.get_by_id(line.id)
        assert row.status == SubscriptionStatus.REFUSE
        assert row.motif == "Espaces réservés aux responsables."
    assert OutboxMail.select().where(OutboxMail.user == julie).count() > mails


async def test_refusing_several_asks_one_motif_then_runs_the_bulk_window(services):
    extra = add_jules_request(services)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        assert extra in block.table.rows
        for _ in block.table.rows:
            await pilot.press("space", "down")
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, SubscriptionRefusalDialog)
        await fill(pilot, motif="Hors périmètre.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        bulk = pilot.app.screen
        assert isinstance(bulk, BulkDialog)
        assert "2 demande(s) d'abonnement refusée(s)" in words(bulk)
        await pilot.press("escape")
        await settle(pilot)
        assert block.table.page.total == 0
        assert not block.table.selected
    assert Subscription.get_by_id(extra).status == SubscriptionStatus.REFUSE


def add_jules_request(services) -> int:
    """A pending request of Jules MARTIN on the CCAS (decided by Eric too)."""
    now = services.now()
    row = Subscription.create(
        user=User.get(User.login == "jmartin@ccasterneuil.fr"),
        structure=Structure.get(Structure.raison_sociale.contains("CCAS")),
        space=Space.get(Space.code == "FACTURES_TRAVAUX"),
        habilitation=Habilitation.CONSULTATION_UNIQUEMENT,
        status=SubscriptionStatus.EN_COURS_DE_VALIDATION,
        effective_date=now.date(),
        requested_at=now,
    )
    return row.id


# -- bulk validation, conflicts, rights ---------------------------------------------------------


async def test_bulk_validation_ends_with_a_summary_and_clears_the_ticks(services):
    extra = add_jules_request(services)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        for _ in block.table.rows:
            await pilot.press("space", "down")
        assert len(block.table.selected) == 2
        await pilot.press("v")
        await settle(pilot)
        bulk = pilot.app.screen
        assert isinstance(bulk, BulkDialog)
        assert "2 demande(s) d'abonnement validée(s), 0 ignorée(s)" in words(bulk)
        await pilot.press("escape")
        await settle(pilot)
        assert block.table.page.total == 0 and not block.table.selected
    assert Subscription.get_by_id(extra).status == SubscriptionStatus.VALIDE
    assert julie_request_id_or_none() is None


async def test_a_request_processed_meanwhile_is_a_conflict_and_the_list_reloads(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await open_review(pilot)
        # Another operator (Pauline) refuses it meanwhile.
        pauline = User.get(User.login == "pauline.dufour@mairieterneuil.fr")
        requests.refuse_subscription_request(services, pauline, julie_request_id(), "Non.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BlockScreen)
        messages = [n.message for n in pilot.app._notifications]
        assert any("traitée par un autre gestionnaire" in m for m in messages)
        block = pilot.app.screen.query_one(SubscriptionRequestsBlock)
        assert "BON Julie" not in words(block)


async def test_bulk_validation_skips_a_request_processed_meanwhile(services):
    extra = add_jules_request(services)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        for _ in block.table.rows:
            await pilot.press("space", "down")
        pauline = User.get(User.login == "pauline.dufour@mairieterneuil.fr")
        requests.refuse_subscription_request(services, pauline, extra, "Non.")
        await pilot.press("v")
        await settle(pilot)
        assert "1 demande(s) d'abonnement validée(s), 1 ignorée(s)" in words(pilot.app.screen)


async def test_a_simple_user_gets_the_permission_message(services):
    request_id = None
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        request_id = julie_request_id()
        await log_in(pilot, JULIE)
        before = pilot.app.screen
        await pilot.app.push_screen(SubscriptionReviewScreen(request_id))
        await settle(pilot)
        assert pilot.app.screen is before
        messages = [n.message for n in pilot.app._notifications]
        assert "Vous n'avez pas les droits pour cette action." in messages
    assert julie_request_id_or_none() == request_id


async def test_a_manager_of_another_structure_sees_only_his_requests(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot, PAUL)
        assert "BON Julie" not in words(block)
        # Antoine's request on Menuiserie Dupont only.
        (row,) = block.table.rows.values()
        assert row.structure.raison_sociale == "Menuiserie Dupont"
        assert row.spaces == ["FACTURES_TRAVAUX"]


async def test_x_on_one_row_refuses_that_request_from_the_window(services):
    lines = julie_lines()
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        block = await open_block(pilot)
        block.table.table.move_cursor(row=list(block.table.rows).index(julie_request_id()))
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SubscriptionRefusalDialog)
        await fill(pilot, motif="Non justifié.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BlockScreen)
        assert "BON Julie" not in words(block)
        messages = [n.message for n in pilot.app._notifications]
        assert "La demande d'abonnement de BON Julie a été refusée." in messages
    assert all(Subscription.get_by_id(line.id).status == "REFUSE" for line in lines)


async def test_the_block_is_in_the_synthese_and_validates_from_there(services):
    manager = pytest.importorskip("chorus_tui.ui.screens.manager")
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        await log_in(pilot, ERIC)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(pilot.app.screen, manager.SynthesisScreen)
        block = pilot.app.screen.query_one(SubscriptionRequestsBlock)
        block.table.table.focus()
        block.table.table.move_cursor(row=list(block.table.rows).index(julie_request_id()))
        await pilot.pause()
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(pilot.app.screen, BulkDialog)
        assert "1 demande(s) d'abonnement validée(s)" in words(pilot.app.screen)
        await pilot.press("escape")
        await settle(pilot)
        assert "BON Julie" not in words(block)
    assert julie_request_id_or_none() is None


async def open_synthese(pilot: Pilot):
    """Eric's « Activités du gestionnaire », settled."""
    from chorus_tui.ui.screens.manager import SynthesisScreen

    return await open_space(pilot, ERIC, "f3", SynthesisScreen)


async def test_f6_before_the_synthese_has_mounted_its_lower_block_shows_it(services, monkeypatch):
    from chorus_tui.ui.screens.manager import SynthesisScreen

    # The synthèse as in the moment after its first frame: the block below not mounted yet.
    monkeypatch.setattr(SynthesisScreen, "_mount_lower_blocks_later", lambda screen: None)
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_synthese(pilot)
        assert not screen.query(SubscriptionRequestsBlock)
        await pilot.press("f6")
        await settle(pilot)
        block = screen.query_one(SubscriptionRequestsBlock)
        assert pilot.app.focused is block.table.table
        assert "BON Julie" in words(block)


async def test_the_synthese_mounts_its_lower_block_once_painted(services):
    async with make_app(services).run_test(size=(80, 24)) as pilot:
        screen = await open_synthese(pilot)
        assert screen.lower_blocks_mounted
        block = screen.query_one(SubscriptionRequestsBlock)
        assert julie_request_id() in block.table.rows
