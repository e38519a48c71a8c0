"""M1–M3: pending membership requests, validation with role and services, refusal with motif;
who may decide (SPEC §3) and conflicts between operators (X8)."""

from __future__ import annotations

import pytest

from chorus_tui.domain import membership_requests as requests
from chorus_tui.domain.errors import Conflict, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.memberships import request_membership
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
    AccountStatus,
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def counts() -> dict[str, int]:
    models = (Membership, MembershipService, Subscription, AuditEntry, Event, OutboxMail)
    return {model.__name__: model.select().count() for model in models}


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr")
    luc = make_user(services, login="luc@example.fr")
    julie = make_user(services, login="julie@example.fr", nom="BON", prenom="Julie")
    other_manager = make_user(services, login="other@example.fr")
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, luc, menuiserie, Role.UTILISATEUR_SIMPLE)
    make_structure(services, principal=other_manager, raison_sociale="Ailleurs")
    moburb = Service.create(
        structure=menuiserie, code="MOBURB", libelle="Mobilier", created_at=services.now()
    )
    menint = Service.create(
        structure=menuiserie, code="MENINT", libelle="Intérieur", created_at=services.now()
    )
    request = request_membership(
        services, julie, menuiserie.id, start_date="01/12/2026", service_ids=[moburb.id]
    )
    OutboxMail.delete().execute()
    return {
        "paul": paul,
        "claire": claire,
        "luc": luc,
        "julie": julie,
        "other": other_manager,
        "menuiserie": menuiserie,
        "moburb": moburb,
        "menint": menint,
        "request": request,
    }


def test_the_list_holds_the_requests_of_the_structures_one_decides_for(services, cast):
    page = requests.pending_memberships(cast["paul"])
    assert [
        (row.user.nom, row.structure.raison_sociale, row.service_codes) for row in page.rows
    ] == [("BON", "Menuiserie Dupont", ["MOBURB"])]
    assert requests.pending_memberships(cast["claire"]).total == 1
    assert requests.pending_memberships(cast["other"]).total == 0
    assert requests.pending_memberships(cast["luc"]).total == 0


def test_secondaries_with_a_users_rights_see_and_decide_nothing(services, cast):
    menuiserie = cast["menuiserie"]
    menuiserie.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
    menuiserie.save()
    assert requests.pending_memberships(cast["claire"]).total == 0
    before = counts()
    with pytest.raises(PermissionDenied):
        requests.validate_membership(services, cast["claire"], cast["request"].id)
    with pytest.raises(PermissionDenied):
        requests.refuse_membership(services, cast["claire"], cast["request"].id, "Non")
    assert counts() == before


@pytest.mark.parametrize("who", ["luc", "other", "julie"])
def test_no_one_else_may_decide_or_even_read_the_request(services, cast, who):
    before = counts()
    for call in (
        lambda: requests.membership_request(cast[who], cast["request"].id),
        lambda: requests.validate_membership(services, cast[who], cast["request"].id),
        lambda: requests.refuse_membership(services, cast[who], cast["request"].id, "Non"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert counts() == before


def test_a_deactivated_principal_decides_nothing(services, cast):
    paul = cast["paul"]
    paul.status = AccountStatus.DESACTIVE
    paul.save()
    with pytest.raises(PermissionDenied):
        requests.validate_membership(services, paul, cast["request"].id)


def test_the_request_screen_lists_every_active_service_with_its_status(services, cast):
    view = requests.membership_request(cast["paul"], cast["request"].id)
    assert view.requester.nom == "BON"
    assert [(s.service.code, s.status, s.checked) for s in view.services] == [
        ("MENINT", None, False),
        ("MOBURB", ServiceLineStatus.EN_COURS_DE_VALIDATION, True),
    ]


def test_validation_gives_the_role_the_services_and_the_default_spaces(services, cast):
    julie, menuiserie = cast["julie"], cast["menuiserie"]
    request = cast["request"]
    membership = requests.validate_membership(
        services,
        cast["claire"],
        request.id,
        role=Role.GESTIONNAIRE_SECONDAIRE,
        service_ids=[cast["menint"].id],
        expected_version=request.version,
    )
    assert (membership.status, membership.role) == (
        MembershipStatus.VALIDEE,
        Role.GESTIONNAIRE_SECONDAIRE,
    )
    lines = {
        line.service.code: line.status
        for line in MembershipService.select().where(MembershipService.membership == membership)
    }
    assert lines == {"MOBURB": ServiceLineStatus.REFUSE, "MENINT": ServiceLineStatus.VALIDE}
    spaces = {
        s.space.code
        for s in Subscription.select().where(
            (Subscription.user == julie) & (Subscription.structure == menuiserie)
        )
    }
    assert "ACTIVITES_GESTIONNAIRE" in spaces and "MON_COMPTE" in spaces
    assert OutboxMail.get(OutboxMail.user == julie).kind == "membership_validated"
    assert (
        Event.select()
        .where((Event.user == julie) & (Event.kind == "membership_validated"))
        .exists()
    )
    entry = AuditEntry.get(AuditEntry.action == "MEMBERSHIP_VALIDATED")
    assert (entry.actor_id, entry.target_user_id) == (cast["claire"].id, julie.id)
    assert all_violations() == []


def test_validation_without_choices_keeps_what_was_asked(services, cast):
    membership = requests.validate_membership(services, cast["paul"], cast["request"].id)
    assert membership.role == Role.UTILISATEUR_SIMPLE
    assert not membership.whole_structure
    line = MembershipService.get(MembershipService.membership == membership)
    assert (line.service_id, line.status) == (cast["moburb"].id, ServiceLineStatus.VALIDE)


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"role": Role.GESTIONNAIRE_PRINCIPAL}, "role", "choice_invalid"),
        ({"role": "ADMIN"}, "role", "choice_invalid"),
        ({"service_ids": []}, "services", "services_required"),
        ({"service_ids": [9999]}, "services", "choice_invalid"),
    ],
)
def test_bad_validations_write_nothing(services, cast, arguments, field, code):
    before = counts()
    with pytest.raises(ValidationError) as error:
        requests.validate_membership(services, cast["paul"], cast["request"].id, **arguments)
    assert error.value.fields[field][0] == code
    assert counts() == before


def test_a_whole_structure_request_may_be_validated_without_services(services, cast):
    other = make_user(services)
    whole = request_membership(services, other, cast["menuiserie"].id, start_date="01/12/2026")
    membership = requests.validate_membership(services, cast["paul"], whole.id, service_ids=[])
    assert membership.whole_structure


def test_refusal_needs_a_motif_of_at_most_255_characters(services, cast):
    before = counts()
    for motif, code in (
        ("  ", "required"),
        ("x" * 256, "too_long"),
        ("a\x1b[2J", "control_characters"),
    ):
        with pytest.raises(ValidationError) as error:
            requests.refuse_membership(services, cast["paul"], cast["request"].id, motif)
        assert error.value.fields["motif"][0] == code
    assert counts() == before


def test_refusal_keeps_the_motif_and_tells_the_user(services, cast):
    julie = cast["julie"]
    membership = requests.refuse_membership(
        services, cast["paul"], cast["request"].id, " Personne extérieure "
    )
    assert (membership.status, membership.motif) == (
        MembershipStatus.REFUSEE,
        "Personne extérieure",
    )
    line = MembershipService.get(MembershipService.membership == membership)
    assert line.status == ServiceLineStatus.REFUSE
    mail = OutboxMail.get(OutboxMail.user == julie)
    assert mail.kind == "membership_refused" and "Personne extérieure" in mail.body
    entry = AuditEntry.get(AuditEntry.action == "MEMBERSHIP_REFUSED")
    assert entry.motif == "Personne extérieure"
    assert Subscription.select().where(Subscription.user == julie).count() == 0


def test_a_request_processed_by_another_operator_is_a_conflict(services, cast):
    request = cast["request"]
    requests.validate_membership(services, cast["claire"], request.id)
    before = counts()
    with pytest.raises(Conflict) as error:
        requests.validate_membership(services, cast["paul"], request.id)
    assert error.value.code == "request_processed"
    with pytest.raises(Conflict):
        requests.refuse_membership(services, cast["paul"], request.id, "Non")
    assert counts() == before


def test_a_stale_version_is_a_conflict(services, cast):
    request = cast["request"]
    with pytest.raises(Conflict):
        requests.validate_membership(
            services, cast["paul"], request.id, expected_version=request.version + 1
        )
    assert Membership.get_by_id(request.id).status == MembershipStatus.EN_COURS_DE_VALIDATION


@pytest.mark.parametrize("decide", ["validate", "refuse"])
def test_a_decision_reads_the_requesters_status_with_the_request(services, cast, decide):
    """The decision mail is not sent to a deactivated account (F7): the status comes with the
    request's own read, not from one more statement per decision (the bulk's cost, issue 9)."""
    import logging

    statements: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if isinstance(record.msg, tuple):
                statements.append(record.msg[0])

    logger = logging.getLogger("peewee")
    handler, level = Capture(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        if decide == "validate":
            requests.validate_membership(services, cast["paul"], cast["request"].id)
        else:
            requests.refuse_membership(services, cast["paul"], cast["request"].id, "Doublon")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    status_alone = [sql for sql in statements if sql.startswith('SELECT "t1"."status" FROM "user"')]
    assert status_alone == []
    assert OutboxMail.select().where(OutboxMail.user == cast["julie"]).count() == 1
