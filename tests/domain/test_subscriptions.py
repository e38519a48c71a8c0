"""F5 abonnements: the default spaces of a validated membership, the user's list, deleting
lines, and « Ajouter un abonnement »."""

from __future__ import annotations

import pytest

from chorus_tui.domain import subscriptions
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.domain.spaces import default_spaces, structure_spaces
from chorus_tui.domain.subscriptions import SubscriptionLine, grant_default_subscriptions
from chorus_tui.models import (
    AuditEntry,
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Space,
    StructureSpace,
    Subscription,
)
from chorus_tui.models.codes import (
    Habilitation,
    MembershipStatus,
    Role,
    ServiceLineStatus,
    SpaceCode,
    StructureKind,
    SubscriptionStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

MODIF = Habilitation.MODIFICATION
CONSULT = Habilitation.CONSULTATION_UNIQUEMENT
EVERYONE = {"ACCUEIL_CONNECTE", "FACTURES_EMISES", "SOLLICITATIONS_EMISES", "MON_COMPTE"}


def open_spaces(services, structure, extra=()):
    for code in (*structure_spaces(structure.kind), *extra):
        StructureSpace.create(
            structure=structure, space=Space.get(Space.code == code), created_at=services.now()
        )


def live_spaces(user, structure=None) -> set[str]:
    query = Subscription.select().where(
        (Subscription.user == user) & Subscription.ended_at.is_null()
    )
    if structure is not None:
        query = query.where(Subscription.structure == structure)
    return {row.space.code for row in query}


@pytest.mark.parametrize(
    ("role", "kind", "expected"),
    [
        (Role.GESTIONNAIRE_PRINCIPAL, StructureKind.PRIVEE, EVERYONE | {"ACTIVITES_GESTIONNAIRE"}),
        (Role.GESTIONNAIRE_SECONDAIRE, StructureKind.PRIVEE, EVERYONE | {"ACTIVITES_GESTIONNAIRE"}),
        (Role.UTILISATEUR_SIMPLE, StructureKind.PRIVEE, EVERYONE),
        (
            Role.GESTIONNAIRE_PRINCIPAL,
            StructureKind.PUBLIQUE,
            EVERYONE | {"ACTIVITES_GESTIONNAIRE", "FACTURES_RECUES", "SOLLICITATIONS_RECUES"},
        ),
        (
            Role.UTILISATEUR_SIMPLE,
            StructureKind.PUBLIQUE,
            EVERYONE | {"FACTURES_RECUES", "SOLLICITATIONS_RECUES"},
        ),
    ],
)
def test_default_spaces_per_role_and_structure_type(services, role, kind, expected):
    assert set(default_spaces(role, kind)) == expected
    user = make_user(services)
    structure = make_structure(services, kind=kind)
    membership = add_member(services, user, structure, role)
    granted = grant_default_subscriptions(services, membership, user)
    assert {row.space.code for row in granted} == expected
    assert all(
        (row.status, row.habilitation, row.service_id) == (SubscriptionStatus.VALIDE, MODIF, None)
        for row in granted
    )
    assert "FACTURES_A_VALIDER" not in expected and "FACTURES_TRAVAUX" not in expected
    assert grant_default_subscriptions(services, membership, user) == [], "never twice"


@pytest.fixture
def cast(services):
    pauline = make_user(services, login="pauline@example.fr")
    eric = make_user(services, login="eric@example.fr")
    julie = make_user(services, login="julie@example.fr")
    mairie = make_structure(
        services, principal=pauline, kind=StructureKind.PUBLIQUE, raison_sociale="Mairie"
    )
    add_member(services, eric, mairie, Role.GESTIONNAIRE_SECONDAIRE)
    open_spaces(services, mairie, extra=[SpaceCode.FACTURES_TRAVAUX])
    urba = Service.create(
        structure=mairie, code="URBA", libelle="Urbanisme", created_at=services.now()
    )
    voirie = Service.create(
        structure=mairie, code="VOIRIE", libelle="Voirie", created_at=services.now()
    )
    membership = add_member(services, julie, mairie)
    membership.whole_structure = False
    membership.save()
    MembershipService.create(membership=membership, service=urba, status=ServiceLineStatus.VALIDE)
    MembershipService.create(
        membership=membership, service=voirie, status=ServiceLineStatus.EN_COURS_DE_VALIDATION
    )
    grant_default_subscriptions(services, membership, pauline)
    for principal in Membership.select().where(Membership.user == pauline):
        grant_default_subscriptions(services, principal, pauline)
    return {
        "pauline": pauline,
        "eric": eric,
        "julie": julie,
        "mairie": mairie,
        "urba": urba,
        "voirie": voirie,
    }


def test_the_list_shows_live_lines_in_order_and_pages(services, cast):
    page = subscriptions.my_subscriptions(cast["julie"], size=5)
    assert page.total == 6
    assert [row.space.code for row in page.rows] == [
        "ACCUEIL_CONNECTE",
        "FACTURES_EMISES",
        "FACTURES_RECUES",
        "SOLLICITATIONS_EMISES",
        "SOLLICITATIONS_RECUES",
    ]
    assert page.rows[0].structure.raison_sociale == "Mairie"


def test_deleting_lines_ends_them_and_nothing_else(services, cast):
    julie = cast["julie"]
    rows = subscriptions.my_subscriptions(julie, size=2).rows
    count = subscriptions.delete_subscriptions(services, julie, [row.id for row in rows])
    assert count == 2
    public = EVERYONE | {"FACTURES_RECUES", "SOLLICITATIONS_RECUES"}
    assert live_spaces(julie) == public - {rows[0].space.code, rows[1].space.code}
    assert subscriptions.my_subscriptions(julie).total == 4
    assert AuditEntry.select().where(AuditEntry.action == "SUBSCRIPTION_DELETED").count() == 2


def test_deleting_someone_elses_line_changes_nothing(services, cast):
    theirs = Subscription.get(Subscription.user == cast["pauline"])
    mine = Subscription.get(Subscription.user == cast["julie"])
    with pytest.raises(Conflict):
        subscriptions.delete_subscriptions(services, cast["julie"], [mine.id, theirs.id])
    assert Subscription.get_by_id(mine.id).ended_at is None
    assert Subscription.get_by_id(theirs.id).ended_at is None


def test_the_form_offers_the_structures_spaces_and_habilitated_services(services, cast):
    julie, mairie = cast["julie"], cast["mairie"]
    other = make_structure(services, principal=cast["pauline"])
    add_member(services, julie, other, status=MembershipStatus.EN_COURS_DE_VALIDATION)
    assert [s.id for s in subscriptions.subscription_structures(julie)] == [mairie.id]
    spaces = [space.code for space in subscriptions.subscription_spaces(julie, mairie.id)]
    assert "FACTURES_TRAVAUX" in spaces and "ACTIVITES_GESTIONNAIRE" not in spaces
    assert "ACTIVITES_GESTIONNAIRE" in [
        space.code for space in subscriptions.subscription_spaces(cast["eric"], mairie.id)
    ]
    assert [s.code for s in subscriptions.subscription_services(julie, mairie.id)] == ["URBA"]
    assert [s.code for s in subscriptions.subscription_services(cast["eric"], mairie.id)] == [
        "URBA",
        "VOIRIE",
    ]


def request(services, actor, structure, **changes):
    arguments = {
        "structure_id": structure.id,
        "space_code": "FACTURES_TRAVAUX",
        "lines": [SubscriptionLine(None, CONSULT)],
        "effective_date": "01/12/2026",
        "comment": "",
    }
    arguments.update(changes)
    return subscriptions.request_subscriptions(services, actor, **arguments)


def test_a_simple_users_request_is_pending_and_the_deciders_are_told(services, cast):
    julie, mairie, urba = cast["julie"], cast["mairie"], cast["urba"]
    created = request(
        services,
        julie,
        mairie,
        lines=[SubscriptionLine(urba.id, CONSULT), SubscriptionLine(urba.id, MODIF)],
        comment="Travaux de voirie",
    )
    assert [(row.service_id, row.habilitation, row.status) for row in created] == [
        (urba.id, CONSULT, SubscriptionStatus.EN_COURS_DE_VALIDATION),
        (urba.id, MODIF, SubscriptionStatus.EN_COURS_DE_VALIDATION),
    ]
    mails = list(OutboxMail.select())
    assert {mail.user_id for mail in mails} == {cast["pauline"].id, cast["eric"].id}
    assert all("Factures de travaux" in mail.subject for mail in mails)
    assert AuditEntry.get(AuditEntry.action == "SUBSCRIPTION_REQUESTED").target_user_id == julie.id


def test_a_managers_request_is_valid_at_once(services, cast):
    created = request(services, cast["eric"], cast["mairie"])
    assert [row.status for row in created] == [SubscriptionStatus.VALIDE]
    assert created[0].decided_by_id == cast["eric"].id
    assert {mail.user_id for mail in OutboxMail.select()} == {cast["pauline"].id}


def test_the_same_line_cannot_be_asked_twice(services, cast):
    request(services, cast["julie"], cast["mairie"])
    with pytest.raises(Conflict) as error:
        request(services, cast["julie"], cast["mairie"])
    assert error.value.code == "subscription_duplicate"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"structure_id": None}, {"structure": "required"}),
        ({"space_code": ""}, {"space": "required"}),
        ({"space_code": "ACTIVITES_GESTIONNAIRE"}, {"space": "choice_invalid"}),
        ({"space_code": "FACTURES_A_VALIDER"}, {"space": "choice_invalid"}),
        ({"lines": []}, {"lines": "lines_required"}),
        ({"effective_date": ""}, {"effective_date": "required"}),
        ({"effective_date": "1/13/2026"}, {"effective_date": "date_invalid"}),
        ({"comment": "c" * 256}, {"comment": "too_long"}),
    ],
)
def test_bad_subscription_requests_are_refused(services, cast, changes, expected):
    before = Subscription.select().count()
    with pytest.raises(ValidationError) as error:
        request(services, cast["julie"], cast["mairie"], **changes)
    assert {name: code for name, (code, _) in error.value.fields.items()} == expected
    assert Subscription.select().count() == before


def test_a_service_the_user_is_not_habilitated_to_is_refused(services, cast):
    with pytest.raises(ValidationError) as error:
        request(
            services,
            cast["julie"],
            cast["mairie"],
            lines=[SubscriptionLine(cast["voirie"].id, MODIF)],
        )
    assert error.value.fields["lines"][0] == "choice_invalid"


def test_a_structure_without_a_validated_membership_is_refused(services, cast):
    other = make_structure(services, principal=cast["pauline"])
    with pytest.raises(ValidationError) as error:
        request(services, cast["julie"], other)
    assert error.value.fields["structure"][0] == "structure_unavailable"
