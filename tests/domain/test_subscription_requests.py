"""M4–M6: pending subscription requests grouped per user and structure, validation line by line
with a scope, refusal with a motif; deciders only; conflicts."""

from __future__ import annotations

import pytest

from chorus_tui.domain import subscription_requests as requests
from chorus_tui.domain.errors import Conflict, PermissionDenied, ValidationError
from chorus_tui.domain.subscription_requests import LineDecision, Scope
from chorus_tui.domain.subscriptions import SubscriptionLine, request_subscriptions
from chorus_tui.models import (
    AuditEntry,
    MembershipService,
    OutboxMail,
    Service,
    Space,
    StructureSpace,
    Subscription,
)
from chorus_tui.models.codes import (
    Habilitation,
    Role,
    ServiceLineStatus,
    SpaceCode,
    StructureKind,
    SubscriptionStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

CONSULT, MODIF = Habilitation.CONSULTATION_UNIQUEMENT, Habilitation.MODIFICATION


def open_space(services, structure, code):
    StructureSpace.get_or_create(
        structure=structure,
        space=Space.get(Space.code == code),
        defaults={"created_at": services.now()},
    )


@pytest.fixture
def cast(services):
    pauline = make_user(services, login="pauline@example.fr", nom="DUFOUR", prenom="Pauline")
    eric = make_user(services, login="eric@example.fr")
    julie = make_user(services, login="julie@example.fr", nom="BON", prenom="Julie")
    jules = make_user(services, login="jules@example.fr", nom="MARTIN", prenom="Jules")
    mairie = make_structure(
        services, principal=pauline, kind=StructureKind.PUBLIQUE, raison_sociale="Mairie"
    )
    add_member(services, eric, mairie, Role.GESTIONNAIRE_SECONDAIRE)
    urba = Service.create(structure=mairie, code="URBA", libelle="Urba", created_at=services.now())
    voirie = Service.create(
        structure=mairie, code="VOIRIE", libelle="Voirie", created_at=services.now()
    )
    membership = add_member(services, julie, mairie)
    membership.whole_structure = False
    membership.save()
    for service in (urba, voirie):
        MembershipService.create(
            membership=membership, service=service, status=ServiceLineStatus.VALIDE
        )
    add_member(services, jules, mairie)
    for code in (SpaceCode.FACTURES_TRAVAUX, SpaceCode.FACTURES_A_VALIDER):
        open_space(services, mairie, code)
    asked = request_subscriptions(
        services,
        julie,
        structure_id=mairie.id,
        space_code=SpaceCode.FACTURES_TRAVAUX,
        lines=[SubscriptionLine(urba.id, CONSULT)],
        effective_date="01/12/2026",
    )
    asked += request_subscriptions(
        services,
        julie,
        structure_id=mairie.id,
        space_code=SpaceCode.FACTURES_A_VALIDER,
        lines=[SubscriptionLine(None, MODIF)],
        effective_date="01/12/2026",
    )
    OutboxMail.delete().execute()
    return {
        "pauline": pauline,
        "eric": eric,
        "julie": julie,
        "jules": jules,
        "mairie": mairie,
        "urba": urba,
        "voirie": voirie,
        "lines": asked,
    }


def test_a_request_groups_a_users_pending_lines_on_a_structure(services, cast):
    page = requests.pending_subscription_requests(cast["pauline"])
    assert page.total == 1
    row = page.rows[0]
    assert (row.id, row.requester.nom, row.structure.raison_sociale) == (
        cast["lines"][0].id,
        "BON",
        "Mairie",
    )
    assert row.spaces == ["FACTURES_A_VALIDER", "FACTURES_TRAVAUX"]
    assert requests.pending_subscription_requests(cast["jules"]).total == 0


def test_only_deciders_see_and_decide(services, cast):
    request_id = cast["lines"][0].id
    for who in ("jules", "julie"):
        with pytest.raises(PermissionDenied):
            requests.subscription_request(cast[who], request_id)
        with pytest.raises(PermissionDenied):
            requests.validate_subscription_request(services, cast[who], request_id)
    assert requests.subscription_request(cast["eric"], request_id).requester.nom == "BON"


def test_validating_as_asked(services, cast):
    request_id = cast["lines"][0].id
    granted = requests.validate_subscription_request(services, cast["eric"], request_id)
    assert {(row.space.code, row.service_id, row.habilitation) for row in granted} == {
        ("FACTURES_TRAVAUX", cast["urba"].id, CONSULT),
        ("FACTURES_A_VALIDER", None, MODIF),
    }
    assert all(row.status == SubscriptionStatus.VALIDE for row in granted)
    assert OutboxMail.select().where(OutboxMail.user == cast["julie"]).count() == 2
    assert AuditEntry.select().where(AuditEntry.action == "SUBSCRIPTION_VALIDATED").count() == 2
    assert requests.pending_subscription_requests(cast["pauline"]).total == 0


def test_the_manager_changes_habilitations_and_refuses_a_line(services, cast):
    travaux, valider = cast["lines"]
    granted = requests.validate_subscription_request(
        services,
        cast["pauline"],
        travaux.id,
        decisions=[
            LineDecision(travaux.id, consultation=True, modification=True),
            LineDecision(valider.id, consultation=False, modification=False),
        ],
        comment="Accordé",
    )
    assert sorted(row.habilitation for row in granted) == [CONSULT, MODIF]
    assert Subscription.get_by_id(valider.id).status == SubscriptionStatus.REFUSE
    kinds = {mail.kind for mail in OutboxMail.select()}
    assert kinds == {"subscription_validated", "subscription_refused"}


def test_nothing_ticked_is_refused_as_a_validation(services, cast):
    travaux, valider = cast["lines"]
    with pytest.raises(ValidationError) as error:
        requests.validate_subscription_request(
            services,
            cast["pauline"],
            travaux.id,
            decisions=[
                LineDecision(travaux.id, False, False),
                LineDecision(valider.id, False, False),
            ],
        )
    assert error.value.fields["lines"][0] == "lines_required"
    assert Subscription.get_by_id(travaux.id).status == SubscriptionStatus.EN_COURS_DE_VALIDATION


def test_scope_services_extends_a_line_to_every_habilitated_service(services, cast):
    travaux = cast["lines"][0]
    granted = requests.validate_subscription_request(
        services, cast["pauline"], travaux.id, scope=Scope.SERVICES
    )
    travaux_lines = {row.service_id for row in granted if row.space.code == "FACTURES_TRAVAUX"}
    assert travaux_lines == {cast["urba"].id, cast["voirie"].id}


def test_scope_structure_gives_whole_structure_lines_and_opens_the_space(services, cast):
    mairie = cast["mairie"]
    StructureSpace.delete().where(
        (StructureSpace.structure == mairie)
        & (StructureSpace.space == Space.get(Space.code == "FACTURES_TRAVAUX"))
    ).execute()
    granted = requests.validate_subscription_request(
        services, cast["pauline"], cast["lines"][0].id, scope=Scope.STRUCTURE
    )
    assert {row.service_id for row in granted} == {None}
    assert (
        StructureSpace.select()
        .where(
            (StructureSpace.structure == mairie)
            & (StructureSpace.space == Space.get(Space.code == "FACTURES_TRAVAUX"))
        )
        .exists()
    )


def test_refusal_needs_a_motif_and_refuses_every_line(services, cast):
    request_id = cast["lines"][0].id
    with pytest.raises(ValidationError):
        requests.refuse_subscription_request(services, cast["pauline"], request_id, "")
    count = requests.refuse_subscription_request(
        services, cast["pauline"], request_id, "Pas de travaux en cours"
    )
    assert count == 2
    assert {Subscription.get_by_id(line.id).status for line in cast["lines"]} == {
        SubscriptionStatus.REFUSE
    }
    entry = AuditEntry.get(AuditEntry.action == "SUBSCRIPTION_REFUSED")
    assert entry.motif == "Pas de travaux en cours"


def test_a_request_processed_meanwhile_is_a_conflict(services, cast):
    request_id = cast["lines"][0].id
    requests.validate_subscription_request(services, cast["eric"], request_id)
    with pytest.raises(Conflict):
        requests.validate_subscription_request(services, cast["pauline"], request_id)
    with pytest.raises(Conflict):
        requests.refuse_subscription_request(services, cast["pauline"], request_id, "Non")


def test_lines_added_since_the_screen_was_opened_are_a_conflict(services, cast):
    seen = [line.id for line in cast["lines"]]
    request_subscriptions(
        services,
        cast["julie"],
        structure_id=cast["mairie"].id,
        space_code=SpaceCode.FACTURES_TRAVAUX,
        lines=[SubscriptionLine(cast["voirie"].id, MODIF)],
        effective_date="01/12/2026",
    )
    with pytest.raises(Conflict):
        requests.validate_subscription_request(
            services, cast["pauline"], seen[0], expected_ids=seen
        )
