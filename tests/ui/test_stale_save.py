"""X8 with two operators: two app instances on ONE database file open the same record; A saves,
then B saves the form it loaded before A's change. B gets the conflict message and a refreshed
screen showing A's values, and the database keeps A's values (nothing overwritten). Covered:
Mon Compte, the structure's address and the secondary managers' rights, a member's role and
services (M7), a membership request (M2 validated / M3 refused) and a subscription request (M5).

Both apps run in this test's event loop and share its database connection; what each one shows
comes from its own screens, loaded before the other's save — the stale form of X8."""

from __future__ import annotations

from contextlib import AsyncExitStack

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Select

from chorus_tui.domain import memberships
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import (
    Membership,
    MembershipService,
    Service,
    Structure,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    SubscriptionStatus,
)
from chorus_tui.ui.dialogs.membership_refusal import MembershipRefusalDialog
from chorus_tui.ui.screens.account import AccountScreen
from chorus_tui.ui.screens.manager import SynthesisScreen
from chorus_tui.ui.screens.membership_review import MembershipReviewScreen
from chorus_tui.ui.screens.structure_detail import MemberDialog, StructureDetailScreen, UsersTable
from chorus_tui.ui.screens.subscription_review import SubscriptionReviewScreen
from chorus_tui.ui.widgets.membership_requests import MembershipRequestsBlock
from chorus_tui.ui.widgets.subscription_requests import SubscriptionRequestsBlock
from tests.ui.helpers import JULIE, PAUL, log_in, make_app, notice, open_space

pytestmark = pytest.mark.usefixtures("demo_db")

CLAIRE = "claire.dupont@menuiserie.fr"
MENUISERIE = "Menuiserie Dupont"
PROFILE_CONFLICT = "Un autre utilisateur a modifié ces données entre-temps"
STRUCTURE_CONFLICT = "La structure a été modifiée entre-temps par un autre gestionnaire"
REQUEST_CONFLICT = "Cette demande a été traitée par un autre gestionnaire entre-temps"


async def two_operators(stack: AsyncExitStack, services) -> tuple[Pilot, Pilot]:
    """Two running apps, each with its own screens and state, on the same database file."""
    first = await stack.enter_async_context(make_app(services).run_test(size=(80, 24)))
    second = await stack.enter_async_context(make_app(services).run_test(size=(80, 24)))
    return first, second


def show(pilot: Pilot, screen: Screen) -> None:
    """Push ``screen`` on ``pilot``'s app. With two apps in one test, a screen started from the
    test takes the app of the current context (the last one started): name it."""
    with pilot.app._context():
        pilot.app.push_screen(screen)


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def notifications(pilot: Pilot) -> list[str]:
    return [notification.message for notification in pilot.app._notifications]


def value(pilot: Pilot, name: str) -> object:
    widget = pilot.app.screen.query_one(f"#{name}")
    assert isinstance(widget, (Input, Select))
    return widget.value


def structure() -> Structure:
    return Structure.get(Structure.raison_sociale == MENUISERIE)


# -- Mon Compte ---------------------------------------------------------------------------------


async def open_account(pilot: Pilot, login: str = PAUL) -> AccountScreen:
    return await open_space(pilot, login, "f4", AccountScreen)


async def test_a_stale_profile_save_gets_the_conflict_and_shows_the_other_operators_values(
    services,
):
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_account(a)
        screen_b = await open_account(b)
        before = User.get(User.login == PAUL).version

        screen_a.query_one("#ville", Input).value = "Rouen"
        screen_a.query_one("#telephone", Input).value = "0235000000"
        await a.press("ctrl+s")
        await settle(a)
        assert PROFILE_CONFLICT not in notice(a, "form-notice")
        assert User.get(User.login == PAUL).version == before + 1

        # B still shows what it loaded; it changes another field and saves.
        assert value(b, "ville") != "Rouen"
        screen_b.query_one("#nom", Input).value = "DURAND"
        await b.press("ctrl+s")
        await settle(b)

        assert PROFILE_CONFLICT in notice(b, "form-notice")
        assert value(b, "ville") == "Rouen"
        assert value(b, "telephone") == "0235000000"
        assert value(b, "nom") == "DUPONT"
        assert not screen_b.is_dirty()

        # Saved again from the refreshed screen, B's change goes in, on top of A's.
        screen_b.query_one("#nom", Input).value = "DURAND"
        await b.press("ctrl+s")
        await settle(b)
        assert PROFILE_CONFLICT not in notice(b, "form-notice")
    paul = User.get(User.login == PAUL)
    assert (paul.ville, paul.telephone, paul.nom) == ("Rouen", "0235000000", "DURAND")
    assert paul.version == before + 2


# -- one structure (M7) ---------------------------------------------------------------------------


async def open_structure(pilot: Pilot, login: str) -> StructureDetailScreen:
    await log_in(pilot, login)
    screen = StructureDetailScreen(structure().id)
    show(pilot, screen)
    await settle(pilot)
    assert pilot.app.screen is screen and screen.writable
    return screen


async def test_a_stale_structure_address_save_gets_the_conflict_and_a_refreshed_screen(services):
    original = structure()
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_structure(a, PAUL)
        screen_b = await open_structure(b, PAUL)

        screen_a.query_one("#adresse", Input).value = "14 rue des Artisans"
        screen_a.query_one("#ville", Input).value = "Montreuil"
        await a.press("ctrl+s")
        await settle(a)
        assert "ont été enregistrées" in notice(a, "form-notice")

        assert value(b, "ville") == original.ville
        screen_b.query_one("#ville", Input).value = "Bobigny"
        screen_b.query_one("#code_postal", Input).value = "93000"
        await b.press("ctrl+s")
        await settle(b)

        assert STRUCTURE_CONFLICT in notice(b, "form-notice")
        assert value(b, "adresse") == "14 rue des Artisans"
        assert value(b, "ville") == "Montreuil"
        assert value(b, "code_postal") == original.code_postal
        assert b.app.screen is screen_b and screen_b.structure is not None
        assert screen_b.structure.version == structure().version
    saved = structure()
    assert (saved.adresse, saved.ville, saved.code_postal) == (
        "14 rue des Artisans",
        "Montreuil",
        original.code_postal,
    )
    assert saved.version == original.version + 1


async def test_secondary_rights_chosen_on_a_stale_screen_get_the_conflict(services):
    original = structure()
    other = next(code for code in SecondaryRights if code != original.secondary_rights)
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_structure(a, PAUL)
        screen_b = await open_structure(b, PAUL)

        screen_a.query_one("#ville", Input).value = "Montreuil"
        await a.press("ctrl+s")
        await settle(a)

        screen_b.query_one("#secondary_rights", Select).value = other.value
        await settle(b)

        assert STRUCTURE_CONFLICT in notice(b, "form-notice")
        assert value(b, "ville") == "Montreuil"
        assert value(b, "secondary_rights") == original.secondary_rights
        assert screen_b.structure is not None
        assert screen_b.structure.version == original.version + 1
    assert structure().secondary_rights == original.secondary_rights


# -- a membership request (M2, M3) ---------------------------------------------------------------


def julies_request(services) -> Membership:
    """Julie asks MOBURB of Menuiserie Dupont: a pending request Paul and Claire both decide."""
    target = structure()
    moburb = Service.get((Service.structure == target) & (Service.code == "MOBURB"))
    return memberships.request_membership(
        services,
        User.get(User.login == JULIE),
        target.id,
        start_date="24/11/2026",
        comment="Comptabilité fournisseurs.",
        service_ids=[moburb.id],
    )


async def open_request(pilot: Pilot, login: str, membership_id: int) -> MembershipReviewScreen:
    """F3, F5, the cursor on the request, Enter: its screen (M2) over the synthèse."""
    await log_in(pilot, login)
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("f5")
    await pilot.pause()
    block = pilot.app.screen.query_one(MembershipRequestsBlock)
    block.table.table.move_cursor(row=list(block.table.rows).index(membership_id))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MembershipReviewScreen) and screen.membership_id == membership_id
    return screen


def listed(pilot: Pilot) -> list[int]:
    """The requests in « Les demandes de rattachement » of the synthèse."""
    screen = pilot.app.screen
    assert isinstance(screen, SynthesisScreen)
    return list(screen.query_one(MembershipRequestsBlock).table.rows)


async def refuse(pilot: Pilot, screen: MembershipReviewScreen, motif: str) -> None:
    """« Refuser » (the button is below the 24 lines), then the motif in the M3 window."""
    with pilot.app._context():
        screen.action_refuse()
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, MembershipRefusalDialog)
    dialog.query_one("#motif", Input).value = motif
    await pilot.press("ctrl+s")
    await settle(pilot)


async def test_a_request_validated_by_one_manager_is_a_conflict_for_the_other_who_refuses_it(
    services,
):
    request = julies_request(services)
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_request(a, PAUL, request.id)
        screen_b = await open_request(b, CLAIRE, request.id)

        screen_a.query_one("#role", Select).value = Role.GESTIONNAIRE_SECONDAIRE
        await a.press("ctrl+s")
        await settle(a)
        assert isinstance(a.app.screen, SynthesisScreen)

        # Claire, on her stale screen, refuses with a motif (M3).
        await refuse(b, screen_b, "Doublon")

        assert any(REQUEST_CONFLICT in message for message in notifications(b))
        assert request.id not in listed(b)
    decided = Membership.get_by_id(request.id)
    assert decided.status == MembershipStatus.VALIDEE
    assert decided.role == Role.GESTIONNAIRE_SECONDAIRE
    assert decided.motif in (None, "")
    assert all_violations() == []


async def test_a_request_refused_by_one_manager_is_a_conflict_for_the_other_who_validates_it(
    services,
):
    request = julies_request(services)
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_request(a, PAUL, request.id)
        screen_b = await open_request(b, CLAIRE, request.id)

        await refuse(a, screen_a, "Doublon")
        assert isinstance(a.app.screen, SynthesisScreen)

        screen_b.query_one("#role", Select).value = Role.GESTIONNAIRE_SECONDAIRE
        await b.press("ctrl+s")
        await settle(b)

        assert any(REQUEST_CONFLICT in message for message in notifications(b))
        assert request.id not in listed(b)
    refused = Membership.get_by_id(request.id)
    assert refused.status == MembershipStatus.REFUSEE
    assert refused.motif == "Doublon"
    assert refused.role == Role.UTILISATEUR_SIMPLE
    lines = MembershipService.select().where(MembershipService.membership == refused)
    assert {line.status for line in lines} == {ServiceLineStatus.REFUSE}


# -- a member's role and services (M7) ----------------------------------------------------------


def claires_membership() -> Membership:
    return (
        Membership.select()
        .join(User, on=(Membership.user == User.id))
        .where(
            (User.login == CLAIRE)
            & (Membership.structure == structure())
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        .get()
    )


async def open_member(pilot: Pilot, screen: StructureDetailScreen) -> MemberDialog:
    """F5, the cursor on Claire's row, « modifier »: her role and services in their window."""
    await pilot.press("f5")
    await pilot.pause()
    users = screen.query_one("#users", UsersTable)
    users.table.move_cursor(row=list(users.rows).index(claires_membership().id))
    await pilot.pause()
    with pilot.app._context():
        screen.modify_member()
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, MemberDialog)
    return dialog


async def test_a_members_role_changed_from_a_stale_window_gets_the_conflict(services):
    before = claires_membership()
    assert before.role == Role.GESTIONNAIRE_SECONDAIRE
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        screen_a = await open_structure(a, PAUL)
        screen_b = await open_structure(b, PAUL)
        dialog_a = await open_member(a, screen_a)
        dialog_b = await open_member(b, screen_b)

        dialog_a.query_one("#role", Select).value = Role.UTILISATEUR_SIMPLE
        await a.press("ctrl+s")
        await settle(a)
        assert a.app.screen is screen_a

        # B ticks a service for Claire, still a secondary manager on its window.
        boxes = dialog_b.query("Checkbox.service").results(Checkbox)
        next(iter(boxes)).value = True
        await b.press("ctrl+s")
        await settle(b)

        assert b.app.screen is screen_b
        assert any("Un de ces rattachements a changé" in m for m in notifications(b))
        users = screen_b.query_one("#users", UsersTable)
        assert users.rows[before.id].role == Role.UTILISATEUR_SIMPLE  # the list was reloaded
    after = claires_membership()
    assert after.role == Role.UTILISATEUR_SIMPLE
    assert after.whole_structure == before.whole_structure
    assert after.version == before.version + 1


# -- a subscription request (M5, M6) -------------------------------------------------------------

ERIC = "eric.legrand@mairieterneuil.fr"  # secondary manager with the principal's rights


def julies_pending_lines() -> list[Subscription]:
    return list(
        Subscription.select()
        .join(User, on=(Subscription.user == User.id))
        .where(
            (User.login == JULIE)
            & (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION)
        )
    )


async def open_subscription_request(pilot: Pilot, login: str) -> SubscriptionReviewScreen:
    """F3, F6, Enter on Julie BON's request: « Abonnement d'un utilisateur aux espaces »."""
    await log_in(pilot, login)
    await pilot.press("f3")
    await settle(pilot)
    await pilot.press("f6")
    await pilot.pause()
    block = pilot.app.screen.query_one(SubscriptionRequestsBlock)
    ids = {line.id for line in julies_pending_lines()}
    block.table.table.move_cursor(row=next(i for i, r in enumerate(block.table.rows) if r in ids))
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SubscriptionReviewScreen)
    return screen


async def test_a_subscription_request_validated_twice_is_a_conflict_for_the_second(services):
    lines = julies_pending_lines()
    assert lines
    async with AsyncExitStack() as stack:
        a, b = await two_operators(stack, services)
        # Eric works in two terminals (the same as two managers for the versions).
        await open_subscription_request(a, ERIC)
        await open_subscription_request(b, ERIC)

        await a.press("ctrl+s")
        await settle(a)
        assert not isinstance(a.app.screen, SubscriptionReviewScreen)
        decided = {line.id: Subscription.get_by_id(line.id).version for line in lines}

        await b.press("ctrl+s")
        await settle(b)

        assert any(REQUEST_CONFLICT in m for m in notifications(b))
        assert not isinstance(b.app.screen, SubscriptionReviewScreen)
        block = b.app.screen.query_one(SubscriptionRequestsBlock)
        assert not set(block.table.rows) & set(decided)
    for line_id, version in decided.items():
        assert Subscription.get_by_id(line_id).version == version  # decided once, by A
    assert all_violations() == []
