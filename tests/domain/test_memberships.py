"""F4 rattachements: the user's list, membership requests, and removal — with the successor of a
principal manager, all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.domain import memberships, principal
from chorus_tui.domain.errors import Conflict, NotFound, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.subscriptions import grant_default_subscriptions
from chorus_tui.models import (
    AuditEntry,
    Event,
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Subscription,
)
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    StructureStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def service(services, structure, code: str, active: bool = True) -> Service:
    return Service.create(
        structure=structure,
        code=code,
        libelle=code.title(),
        active=active,
        created_at=services.now(),
    )


def table_counts() -> dict[str, int]:
    models = (Membership, MembershipService, Subscription, AuditEntry, Event, OutboxMail)
    return {model.__name__: model.select().count() for model in models}


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr")
    julie = make_user(services, login="julie@example.fr", nom="BON", prenom="Julie")
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    moburb = service(services, menuiserie, "MOBURB")
    menint = service(services, menuiserie, "MENINT")
    service(services, menuiserie, "OLD", active=False)
    return {
        "paul": paul,
        "claire": claire,
        "julie": julie,
        "menuiserie": menuiserie,
        "moburb": moburb,
        "menint": menint,
    }


# -- requests -------------------------------------------------------------------------------------


def test_a_request_is_pending_and_every_decider_is_told(services, cast):
    julie, menuiserie = cast["julie"], cast["menuiserie"]
    membership = memberships.request_membership(
        services,
        julie,
        menuiserie.id,
        start_date="01/12/2026",
        end_date="31/12/2027",
        comment="  Comptabilité  ",
        service_ids=[cast["moburb"].id],
    )
    assert membership.status == MembershipStatus.EN_COURS_DE_VALIDATION
    assert membership.role == Role.UTILISATEUR_SIMPLE
    assert (membership.start_date, membership.end_date) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 12, 31),
    )
    assert membership.comment == "Comptabilité"
    assert not membership.whole_structure
    lines = memberships.membership_services(membership)
    assert [(line.code, line.status) for line in lines] == [
        ("MOBURB", ServiceLineStatus.EN_COURS_DE_VALIDATION)
    ]
    mailed = {mail.user_id for mail in OutboxMail.select()}
    assert mailed == {cast["paul"].id, cast["claire"].id}
    assert all("Menuiserie Dupont" in mail.subject for mail in OutboxMail.select())
    told = {e.user_id for e in Event.select().where(Event.kind == "membership_request_received")}
    assert told == {cast["paul"].id, cast["claire"].id}
    assert Event.get(Event.user == julie).kind == "membership_requested"


def test_secondary_managers_without_the_principals_rights_are_not_told(services, cast):
    menuiserie = cast["menuiserie"]
    menuiserie.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
    menuiserie.save()
    memberships.request_membership(services, cast["julie"], menuiserie.id, start_date="01/12/2026")
    assert {mail.user_id for mail in OutboxMail.select()} == {cast["paul"].id}


def test_a_request_without_services_covers_the_whole_structure(services, cast):
    membership = memberships.request_membership(
        services, cast["julie"], cast["menuiserie"].id, start_date="24/11/2026"
    )
    assert membership.whole_structure
    assert memberships.membership_services(membership) == []


@pytest.mark.parametrize("status", [MembershipStatus.EN_COURS_DE_VALIDATION, "VALIDEE"])
def test_a_duplicate_of_a_pending_or_validated_request_is_refused(services, cast, status):
    add_member(services, cast["julie"], cast["menuiserie"], status=status)
    before = table_counts()
    with pytest.raises(Conflict) as error:
        memberships.request_membership(
            services, cast["julie"], cast["menuiserie"].id, start_date="24/11/2026"
        )
    assert error.value.code == "membership_duplicate"
    assert table_counts() == before


def test_a_refused_or_removed_membership_does_not_prevent_a_new_request(services, cast):
    add_member(services, cast["julie"], cast["menuiserie"], status=MembershipStatus.REFUSEE)
    add_member(services, cast["julie"], cast["menuiserie"], status=MembershipStatus.SUPPRIMEE)
    memberships.request_membership(
        services, cast["julie"], cast["menuiserie"].id, start_date="24/11/2026"
    )


def test_a_request_to_an_inactive_structure_is_refused(services, cast):
    inactive = make_structure(services, status=StructureStatus.INACTIF)
    before = table_counts()
    with pytest.raises(Conflict) as error:
        memberships.request_membership(
            services, cast["julie"], inactive.id, start_date="24/11/2026"
        )
    assert error.value.code == "structure_inactive"
    assert table_counts() == before


def test_a_request_to_a_structure_that_does_not_exist_is_not_found(services, cast):
    with pytest.raises(NotFound):
        memberships.request_membership(services, cast["julie"], 9999, start_date="24/11/2026")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"start_date": ""}, {"start_date": "required"}),
        ({"start_date": "31/02/2026"}, {"start_date": "date_invalid"}),
        ({"start_date": "2026-12-01"}, {"start_date": "date_invalid"}),
        ({"end_date": "30/11/2026"}, {"end_date": "end_before_start"}),
        ({"end_date": "demain"}, {"end_date": "date_invalid"}),
        ({"comment": "x" * 256}, {"comment": "too_long"}),
        ({"comment": "ok\x1b[2J"}, {"comment": "control_characters"}),
        (
            {"start_date": "x", "end_date": "y", "comment": "z" * 300},
            {"start_date": "date_invalid", "end_date": "date_invalid", "comment": "too_long"},
        ),
    ],
)
def test_bad_request_fields_are_refused_and_nothing_is_written(services, cast, values, expected):
    arguments = {"start_date": "01/12/2026", **values}
    before = table_counts()
    with pytest.raises(ValidationError) as error:
        memberships.request_membership(services, cast["julie"], cast["menuiserie"].id, **arguments)
    assert {name: code for name, (code, _) in error.value.fields.items()} == expected
    assert table_counts() == before


def test_a_comment_of_255_characters_is_accepted(services, cast):
    membership = memberships.request_membership(
        services, cast["julie"], cast["menuiserie"].id, start_date="01/12/2026", comment="é" * 255
    )
    assert len(membership.comment) == 255


def test_a_service_of_another_structure_or_inactive_is_refused(services, cast):
    other = make_structure(services)
    foreign = service(services, other, "FOREIGN")
    inactive = Service.get(Service.code == "OLD")
    for service_id in (foreign.id, inactive.id):
        with pytest.raises(ValidationError) as error:
            memberships.request_membership(
                services,
                cast["julie"],
                cast["menuiserie"].id,
                start_date="01/12/2026",
                service_ids=[service_id],
            )
        assert error.value.fields["services"][0] == "choice_invalid"


# -- the list -------------------------------------------------------------------------------------


def test_my_memberships_hide_removed_ones_and_page(services, cast):
    paul = cast["paul"]
    for number in range(6):
        make_structure(services, principal=paul, raison_sociale=f"Structure {number}")
    gone = make_structure(services, raison_sociale="Zz partie")
    add_member(services, paul, gone, status=MembershipStatus.SUPPRIMEE)
    page = memberships.my_memberships(paul, size=5)
    assert (page.total, page.pages) == (7, 2)
    names = [m.structure.raison_sociale for m in page.rows]
    assert names == ["Menuiserie Dupont", *[f"Structure {n}" for n in range(4)]]


def test_another_users_membership_cannot_be_opened(services, cast):
    theirs = Membership.get(Membership.user == cast["paul"])
    with pytest.raises(NotFound):
        memberships.my_membership(cast["julie"], theirs.id)


# -- removal --------------------------------------------------------------------------------------


def test_removing_a_simple_membership_ends_its_subscriptions(services, cast):
    julie, menuiserie = cast["julie"], cast["menuiserie"]
    membership = add_member(services, julie, menuiserie)
    grant_default_subscriptions(services, membership, cast["paul"])
    other = make_structure(services, principal=cast["paul"])
    kept = add_member(services, julie, other)
    grant_default_subscriptions(services, kept, cast["paul"])
    memberships.remove_memberships(services, julie, [membership.id])
    assert Membership.get_by_id(membership.id).status == MembershipStatus.SUPPRIMEE
    live = Subscription.select().where(
        (Subscription.user == julie) & Subscription.ended_at.is_null()
    )
    assert {s.structure_id for s in live} == {other.id}
    assert AuditEntry.get(AuditEntry.action == "MEMBERSHIP_REMOVED").structure_id == menuiserie.id


def test_removing_a_pending_request_withdraws_it(services, cast):
    request = memberships.request_membership(
        services, cast["julie"], cast["menuiserie"].id, start_date="01/12/2026"
    )
    memberships.remove_memberships(services, cast["julie"], [request.id])
    assert Membership.get_by_id(request.id).status == MembershipStatus.SUPPRIMEE
    assert memberships.my_memberships(cast["julie"]).total == 0


def test_the_plan_says_which_structures_need_a_successor(services, cast):
    paul = cast["paul"]
    other = make_structure(services, raison_sociale="Autre")
    simple = add_member(services, paul, other)
    own = Membership.get((Membership.user == paul) & (Membership.structure == cast["menuiserie"]))
    plan = memberships.removal_plan(paul, [own.id, simple.id])
    assert [(line.membership.structure.raison_sociale, line.needs_successor) for line in plan] == [
        ("Autre", False),
        ("Menuiserie Dupont", True),
    ]


def test_a_principal_cannot_leave_without_a_successor(services, cast):
    paul = cast["paul"]
    own = Membership.get(Membership.user == paul)
    before = table_counts()
    with pytest.raises(ValidationError) as error:
        memberships.remove_memberships(services, paul, [own.id])
    structure_id = cast["menuiserie"].id
    assert error.value.fields == {f"successor_{structure_id}": ("required", {})}
    assert table_counts() == before
    assert all_violations() == []


@pytest.mark.parametrize("login", ["nobody@example.fr", "paul@example.fr", "gone@example.fr"])
def test_the_successor_must_be_another_active_account(services, cast, login):
    make_user(services, login="gone@example.fr", status="DESACTIVE")
    own = Membership.get(Membership.user == cast["paul"])
    structure_id = cast["menuiserie"].id
    with pytest.raises(ValidationError) as error:
        memberships.remove_memberships(services, cast["paul"], [own.id], {structure_id: login})
    assert error.value.fields[f"successor_{structure_id}"][0] == "successor_login_invalid"


def test_a_principal_leaving_hands_over_and_stays_a_simple_user(services, cast):
    paul, julie, menuiserie = cast["paul"], cast["julie"], cast["menuiserie"]
    own = Membership.get(Membership.user == paul)
    grant_default_subscriptions(services, own, paul)
    memberships.remove_memberships(services, paul, [own.id], {menuiserie.id: "  JULIE@example.fr "})
    own = Membership.get_by_id(own.id)
    assert (own.role, own.status) == (Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE)
    heir = Membership.get((Membership.user == julie) & (Membership.structure == menuiserie))
    assert (heir.role, heir.status) == (Role.GESTIONNAIRE_PRINCIPAL, MembershipStatus.VALIDEE)
    spaces = lambda user: {  # noqa: E731
        s.space.code
        for s in Subscription.select().where(
            (Subscription.user == user) & Subscription.ended_at.is_null()
        )
    }
    assert "ACTIVITES_GESTIONNAIRE" in spaces(julie)
    assert "ACTIVITES_GESTIONNAIRE" not in spaces(paul)
    assert "MON_COMPTE" in spaces(paul)
    assert OutboxMail.get(OutboxMail.user == julie).kind == "principal_transferred"
    assert all_violations() == []


def test_removal_is_all_or_nothing(services, cast, monkeypatch):
    paul, menuiserie = cast["paul"], cast["menuiserie"]
    other = make_structure(services, principal=cast["claire"], raison_sociale="Aaa première")
    simple = add_member(services, paul, other)
    own = Membership.get((Membership.user == paul) & (Membership.structure == menuiserie))
    before = table_counts()

    def crash(*args, **kwargs):
        raise RuntimeError("crash")

    monkeypatch.setattr(principal, "mail", crash)
    with pytest.raises(RuntimeError):
        memberships.remove_memberships(
            services, paul, [simple.id, own.id], {menuiserie.id: "julie@example.fr"}
        )
    assert table_counts() == before
    assert Membership.get_by_id(simple.id).status == MembershipStatus.VALIDEE
    assert all_violations() == []


def test_someone_elses_membership_cannot_be_removed(services, cast):
    theirs = Membership.get(Membership.user == cast["claire"])
    with pytest.raises(Conflict):
        memberships.remove_memberships(services, cast["julie"], [theirs.id])
    assert Membership.get_by_id(theirs.id).status == MembershipStatus.VALIDEE


def test_a_membership_removed_meanwhile_is_a_conflict(services, cast):
    membership = add_member(services, cast["julie"], cast["menuiserie"])
    memberships.remove_memberships(services, cast["julie"], [membership.id])
    with pytest.raises(Conflict) as error:
        memberships.remove_memberships(services, cast["julie"], [membership.id])
    assert error.value.code == "membership_gone"
