"""M10 transfer of the principal role from the structure screen, M11 « Modifier l'identifiant »:
who may, what the field errors are, what the duplicate copies (and what it does not), and the
principal-manager invariant after each."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.domain import structure_principal as sp
from chorus_tui.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.memberships import request_membership
from chorus_tui.domain.rights import role_in
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    SpaceCode,
    StructureStatus,
    SubscriptionStatus,
)
from tests.domain.factories import add_member, make_structure, make_user, siret

pytestmark = pytest.mark.usefixtures("db")


def counts() -> dict[str, int]:
    models = (
        Structure,
        Service,
        StructureSpace,
        Membership,
        MembershipService,
        Subscription,
        AuditEntry,
        Event,
        OutboxMail,
        User,
    )
    return {model.__name__: model.select().count() for model in models}


def subscribe(services, user, structure, code, *, service=None, status=SubscriptionStatus.VALIDE,
              ended=False):  # fmt: skip
    return Subscription.create(
        user=user,
        structure=structure,
        service=service,
        space=Space.get(Space.code == code),
        habilitation=Habilitation.MODIFICATION,
        status=status,
        effective_date=services.now().date(),
        comment="ok",
        requested_at=services.now() - dt.timedelta(days=3),
        ended_at=services.now() if ended else None,
    )


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr")
    claire_delegate = make_user(services, login="claire2@example.fr")
    luc = make_user(services, login="luc@example.fr")
    julie = make_user(services, login="julie@example.fr", nom="BON", prenom="Julie")
    other = make_user(services, login="other@example.fr")
    gone = make_user(services, login="gone@example.fr", status=AccountStatus.DESACTIVE)
    menuiserie = make_structure(
        services,
        principal=paul,
        raison_sociale="Menuiserie Dupont",
        libelle="Atelier",
        adresse="12 rue des Artisans",
        complement="Bât. B",
        code_postal="75011",
        ville="Paris",
        telephone="+33 1 43 55 12 34",
        secondary_rights=SecondaryRights.IDENTIQUES_UTILISATEUR,
        billing_mandate=True,
    )
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, luc, menuiserie, Role.UTILISATEUR_SIMPLE)
    delegating = make_structure(
        services, principal=other, secondary_rights=SecondaryRights.IDENTIQUES_PRINCIPAL
    )
    add_member(services, claire_delegate, delegating, Role.GESTIONNAIRE_SECONDAIRE)
    technical = make_user(
        services, login="api@example.fr", is_technical=True, technical_structure=menuiserie
    )
    return {
        "paul": paul,
        "claire": claire,
        "claire_delegate": claire_delegate,
        "luc": luc,
        "julie": julie,
        "other": other,
        "gone": gone,
        "technical": technical,
        "menuiserie": menuiserie,
        "delegating": delegating,
    }


# -- M10 -------------------------------------------------------------------------------------


def test_the_principal_hands_the_role_over_and_stays_simple_user(services, cast):
    menuiserie = cast["menuiserie"]
    heir = sp.transfer_role(services, cast["paul"], menuiserie.id, "  JULIE@example.fr ")
    assert heir.id == cast["julie"].id
    assert role_in(cast["julie"], menuiserie) == Role.GESTIONNAIRE_PRINCIPAL
    assert role_in(cast["paul"], menuiserie) == Role.UTILISATEUR_SIMPLE
    entry = AuditEntry.get(AuditEntry.action == "PRINCIPAL_TRANSFERRED")
    assert (entry.actor_id, entry.structure_id, entry.target_user_id) == (
        cast["paul"].id,
        menuiserie.id,
        cast["julie"].id,
    )
    assert all_violations() == []


def test_a_secondary_manager_of_the_structure_may_succeed(services, cast):
    sp.transfer_role(services, cast["paul"], cast["menuiserie"].id, "claire@example.fr")
    assert role_in(cast["claire"], cast["menuiserie"]) == Role.GESTIONNAIRE_PRINCIPAL
    assert Membership.select().where(Membership.user == cast["claire"]).count() == 1
    assert all_violations() == []


@pytest.mark.parametrize(
    ("login", "code"),
    [
        ("", "required"),
        ("   ", "required"),
        ("nobody@example.fr", "successor_login_invalid"),
        ("paul@example.fr", "successor_login_invalid"),
        ("gone@example.fr", "successor_login_invalid"),
        ("api@example.fr", "successor_login_invalid"),
    ],
)
def test_a_wrong_successor_is_a_field_error_and_changes_nothing(services, cast, login, code):
    before = counts()
    with pytest.raises(ValidationError) as caught:
        sp.transfer_role(services, cast["paul"], cast["menuiserie"].id, login)
    assert caught.value.fields == {"successor": (code, {})}
    assert counts() == before
    assert role_in(cast["paul"], cast["menuiserie"]) == Role.GESTIONNAIRE_PRINCIPAL


@pytest.mark.parametrize("who", ["luc", "claire", "other", "julie", "claire_delegate"])
def test_only_the_principal_may_transfer(services, cast, who):
    structure = cast["delegating"] if who == "claire_delegate" else cast["menuiserie"]
    before = counts()
    with pytest.raises(PermissionDenied):
        sp.transfer_role(services, cast[who], structure.id, "julie@example.fr")
    assert counts() == before


def test_transfer_on_an_unknown_or_inactive_structure_is_refused(services, cast):
    with pytest.raises(NotFound):
        sp.transfer_role(services, cast["paul"], 999_999, "julie@example.fr")
    Structure.update(status=StructureStatus.INACTIF).where(
        Structure.id == cast["menuiserie"].id
    ).execute()
    with pytest.raises(Conflict) as caught:
        sp.transfer_role(services, cast["paul"], cast["menuiserie"].id, "julie@example.fr")
    assert caught.value.code == "structure_inactive"


# -- M11 -------------------------------------------------------------------------------------


@pytest.fixture
def rich(services, cast):
    """Menuiserie Dupont with services, service lines, every membership status, subscriptions
    live and ended, and spaces."""
    menuiserie = cast["menuiserie"]
    moburb = Service.create(
        structure=menuiserie,
        code="MOBURB",
        libelle="Mobilier Urbain",
        created_at=services.now(),
        search_libelle="mobilier urbain",
    )
    old = Service.create(
        structure=menuiserie,
        code="OLD",
        libelle="Ancien",
        active=False,
        created_at=services.now(),
        search_libelle="ancien",
    )
    luc_membership = Membership.get(
        (Membership.user == cast["luc"]) & (Membership.structure == menuiserie)
    )
    luc_membership.whole_structure = False
    luc_membership.end_date = dt.date(2027, 12, 31)
    luc_membership.comment = "Atelier"
    luc_membership.save()
    MembershipService.create(
        membership=luc_membership, service=moburb, status=ServiceLineStatus.VALIDE
    )
    MembershipService.create(
        membership=luc_membership, service=old, status=ServiceLineStatus.REFUSE
    )
    request_membership(services, cast["julie"], menuiserie.id, start_date="01/12/2026")
    refused = add_member(services, cast["gone"], menuiserie, status=MembershipStatus.REFUSEE)
    refused.motif = "Inconnu"
    refused.save()
    for code in (SpaceCode.FACTURES_EMISES, SpaceCode.ACTIVITES_GESTIONNAIRE):
        StructureSpace.create(
            structure=menuiserie, space=Space.get(Space.code == code), created_at=services.now()
        )
    subscribe(services, cast["paul"], menuiserie, SpaceCode.ACTIVITES_GESTIONNAIRE)
    subscribe(services, cast["luc"], menuiserie, SpaceCode.FACTURES_EMISES, service=moburb)
    subscribe(
        services,
        cast["claire"],
        menuiserie,
        SpaceCode.FACTURES_EMISES,
        status=SubscriptionStatus.EN_COURS_DE_VALIDATION,
    )
    subscribe(services, cast["claire"], menuiserie, SpaceCode.FACTURES_RECUES, ended=True)
    subscribe(
        services,
        cast["luc"],
        menuiserie,
        SpaceCode.FACTURES_RECUES,
        status=SubscriptionStatus.REFUSE,
    )
    subscribe(services, cast["technical"], menuiserie, SpaceCode.FACTURES_EMISES)
    add_member(services, cast["technical"], menuiserie)
    return {"moburb": moburb, "old": old}


def membership_rows(structure):
    rows = (
        Membership.select()
        .where(Membership.structure == structure)
        .order_by(Membership.user, Membership.id)
    )
    return [
        (
            row.user_id,
            row.role,
            row.status,
            row.start_date,
            row.end_date,
            row.comment,
            row.whole_structure,
            row.motif,
            sorted(
                (line.service.code, line.status)
                for line in MembershipService.select().where(MembershipService.membership == row)
            ),
        )
        for row in rows
    ]


def subscription_rows(structure):
    rows = (
        Subscription.select()
        .where((Subscription.structure == structure) & (Subscription.ended_at.is_null()))
        .where(Subscription.status != SubscriptionStatus.REFUSE)
        .order_by(Subscription.user, Subscription.space, Subscription.id)
    )
    return [
        (
            row.user_id,
            row.space.code,
            row.service.code if row.service else None,
            row.habilitation,
            row.status,
            row.effective_date,
            row.comment,
        )
        for row in rows
    ]


def test_the_new_structure_copies_exactly_what_it_must(services, cast, rich):
    menuiserie = cast["menuiserie"]
    new_siret = siret(4242)
    expected_memberships = [
        row for row in membership_rows(menuiserie) if row[0] != cast["technical"].id
    ]
    expected_subscriptions = [
        row for row in subscription_rows(menuiserie) if row[0] != cast["technical"].id
    ]

    new = sp.change_identifier(
        services, cast["paul"], menuiserie.id, new_siret[:5] + " " + new_siret[5:]
    )

    new = Structure.get_by_id(new.id)
    original = Structure.get_by_id(menuiserie.id)
    assert new.identifier == new_siret
    assert new.status == StructureStatus.ACTIF
    assert new.successor is None
    for column in sp.COPIED_COLUMNS:
        assert getattr(new, column) == getattr(original, column), column
    assert new.search_raison_sociale == "menuiserie dupont"
    assert new.billing_mandate is False
    assert new.created_at == services.now()
    # services: new rows, same codes, libellés and activity
    assert [
        (s.code, s.libelle, s.active)
        for s in Service.select().where(Service.structure == new).order_by(Service.code)
    ] == [("MOBURB", "Mobilier Urbain", True), ("OLD", "Ancien", False)]
    assert not (
        {s.id for s in Service.select().where(Service.structure == new)}
        & {rich["moburb"].id, rich["old"].id}
    )
    # memberships (with their lines, mapped to the new services), not the technical user's
    assert membership_rows(new) == expected_memberships
    assert {line.service.structure_id for line in MembershipService.select().join(Membership).where(
        Membership.structure == new)} == {new.id}  # fmt: skip
    # live subscriptions only, mapped; nothing of the technical user
    assert subscription_rows(new) == expected_subscriptions
    assert Subscription.select().where(Subscription.structure == new).count() == 3
    assert {
        row.service.structure_id
        for row in Subscription.select().where(
            (Subscription.structure == new) & Subscription.service.is_null(False)
        )
    } == {new.id}
    # spaces
    assert sorted(
        row.space.code for row in StructureSpace.select().where(StructureSpace.structure == new)
    ) == sorted([SpaceCode.FACTURES_EMISES, SpaceCode.ACTIVITES_GESTIONNAIRE])
    # the technical user stays with the original
    assert User.get_by_id(cast["technical"].id).technical_structure_id == original.id
    assert role_in(cast["paul"], new) == Role.GESTIONNAIRE_PRINCIPAL
    assert all_violations() == []


def test_the_original_becomes_inactive_points_to_its_successor_and_keeps_its_data(
    services, cast, rich
):
    menuiserie = cast["menuiserie"]
    before = membership_rows(menuiserie), subscription_rows(menuiserie)
    new = sp.change_identifier(services, cast["paul"], menuiserie.id, siret(4243))
    original = Structure.get_by_id(menuiserie.id)
    assert original.status == StructureStatus.INACTIF
    assert original.successor_id == new.id
    assert original.billing_mandate is True
    assert (membership_rows(menuiserie), subscription_rows(menuiserie)) == before
    entries = list(AuditEntry.select().where(AuditEntry.action == "IDENTIFIER_CHANGED"))
    assert sorted(entry.structure_id for entry in entries) == sorted([original.id, new.id])
    assert {entry.actor_id for entry in entries} == {cast["paul"].id}
    assert all_violations() == []


def test_the_original_refuses_new_members_and_requests(services, cast):
    menuiserie = cast["menuiserie"]
    sp.change_identifier(services, cast["paul"], menuiserie.id, siret(4244))
    with pytest.raises(Conflict) as caught:
        request_membership(services, cast["other"], menuiserie.id, start_date="01/12/2026")
    assert caught.value.code == "structure_inactive"
    with pytest.raises(Conflict):
        sp.change_identifier(services, cast["paul"], menuiserie.id, siret(4245))
    with pytest.raises(Conflict):
        sp.transfer_role(services, cast["paul"], menuiserie.id, "julie@example.fr")


@pytest.mark.parametrize(
    ("identifier", "code"),
    [
        ("", "required"),
        ("12345678901234", "siret_invalid"),
        ("ABC", "siret_invalid"),
        ("used", "identifier_used"),
        ("own", "identifier_used"),
    ],
)
def test_a_bad_identifier_is_a_field_error_and_writes_nothing(services, cast, identifier, code):
    if identifier == "used":
        identifier = cast["delegating"].identifier
    elif identifier == "own":
        identifier = cast["menuiserie"].identifier
    before = counts()
    with pytest.raises(ValidationError) as caught:
        sp.change_identifier(services, cast["paul"], cast["menuiserie"].id, identifier)
    assert caught.value.fields == {"identifier": (code, {})}
    assert counts() == before
    assert Structure.get_by_id(cast["menuiserie"].id).status == StructureStatus.ACTIF


@pytest.mark.parametrize("who", ["luc", "claire", "other", "julie", "claire_delegate"])
def test_only_the_principal_may_change_the_identifier(services, cast, who):
    structure = cast["delegating"] if who == "claire_delegate" else cast["menuiserie"]
    before = counts()
    with pytest.raises(PermissionDenied):
        sp.change_identifier(services, cast[who], structure.id, siret(4246))
    assert counts() == before


def test_the_new_structure_can_change_its_identifier_again(services, cast):
    first = sp.change_identifier(services, cast["paul"], cast["menuiserie"].id, siret(4247))
    second = sp.change_identifier(services, cast["paul"], first.id, siret(4248))
    assert Structure.get_by_id(first.id).successor_id == second.id
    assert Structure.select().where(Structure.status == StructureStatus.ACTIF).count() == 2
    assert all_violations() == []
