"""« Rattacher un utilisateur » (M7) and « Créer le compte utilisateur » (M8): the search of every
active account, the immediate attachment, the account created with its activation code; who may
do it (SPEC §3) and that a refused call writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from chorus_tui.domain import attach
from chorus_tui.domain.activation import activate_account, check_code
from chorus_tui.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import (
    ActivationCode,
    AuditEntry,
    Event,
    Membership,
    MembershipService,
    OutboxMail,
    Service,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    AccountStatus,
    CodePurpose,
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    StructureStatus,
)
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

NEW_PERSON = {
    "login": "Zoe.Leroy@Example.fr",
    "email": "zoe.contact@example.fr",
    "nom": "LEROY",
    "prenom": "Zoé",
}


def counts() -> dict[str, int]:
    models = (
        User,
        Membership,
        MembershipService,
        Subscription,
        AuditEntry,
        Event,
        OutboxMail,
        ActivationCode,
    )
    return {model.__name__: model.select().count() for model in models}


@pytest.fixture
def cast(services):
    paul = make_user(services, login="paul@example.fr", nom="DUPONT", prenom="Paul")
    claire = make_user(services, login="claire@example.fr", nom="DUPONT", prenom="Claire")
    luc = make_user(services, login="luc@example.fr", nom="GARNIER", prenom="Luc")
    other = make_user(services, login="other@example.fr", nom="AUTRE", prenom="Gérant")
    jules = make_user(
        services,
        login="jmartin@example.fr",
        nom="MARTIN",
        prenom="Jules",
        code_postal="97500",
        ville="Terneuil sur Seine",
        adresse="5 place de la République",
    )
    martine = make_user(services, login="martine@example.fr", nom="MARTINEZ", prenom="Martine")
    gone = make_user(
        services, login="gone@example.fr", nom="MARTIN", prenom="Parti", status="DESACTIVE"
    )
    robot = make_user(services, login="robot@example.fr", nom="MARTIN", is_technical=True)
    menuiserie = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, claire, menuiserie, Role.GESTIONNAIRE_SECONDAIRE)
    add_member(services, luc, menuiserie, Role.UTILISATEUR_SIMPLE)
    ailleurs = make_structure(services, principal=other, raison_sociale="Ailleurs")
    moburb = Service.create(
        structure=menuiserie, code="MOBURB", libelle="Mobilier", created_at=services.now()
    )
    return {
        "paul": paul,
        "claire": claire,
        "luc": luc,
        "other": other,
        "jules": jules,
        "martine": martine,
        "gone": gone,
        "robot": robot,
        "menuiserie": menuiserie,
        "ailleurs": ailleurs,
        "moburb": moburb,
    }


def restrict_secondaries(structure) -> None:
    structure.secondary_rights = SecondaryRights.IDENTIQUES_UTILISATEUR
    structure.save()


def wrong_actors(cast) -> list[User]:
    """Who may not attach to Menuiserie Dupont: its simple user, the manager of another
    structure (the secondary manager is tried once the rights are restricted)."""
    return [cast["luc"], cast["other"]]


# -- search -----------------------------------------------------------------------------------


def test_the_search_finds_active_people_with_the_wildcard_and_says_who_is_attached(services, cast):
    add_member(
        services,
        cast["martine"],
        cast["menuiserie"],
        status=MembershipStatus.EN_COURS_DE_VALIDATION,
    )
    page = attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "*martin*"})
    assert [(user.prenom, user.attached) for user in page.rows] == [
        ("Jules", False),
        ("Martine", True),
    ]
    exact = attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "martin"})
    assert [user.prenom for user in exact.rows] == ["Jules"]


@pytest.mark.parametrize(
    ("criteria", "found"),
    [
        ({"prenom": "JULES"}, ["Jules"]),
        ({"code_postal": "97500"}, ["Jules"]),
        ({"login": "JMARTIN@*"}, ["Jules"]),
        ({"ville": "*terneuil*"}, ["Jules"]),
        ({"adresse": "*republique*"}, ["Jules"]),
        ({"pays": "fr", "nom": "mart*"}, ["Jules", "Martine"]),
        ({"pays": "BE", "nom": "mart*"}, []),
        ({"nom": "martin", "prenom": "martine"}, []),
    ],
)
def test_each_criterion_narrows_the_search(cast, criteria, found):
    page = attach.search_accounts(cast["paul"], cast["menuiserie"].id, criteria)
    assert [user.prenom for user in page.rows] == found


def test_validated_members_show_as_attached_and_refused_ones_do_not(services, cast):
    add_member(services, cast["jules"], cast["menuiserie"], status=MembershipStatus.REFUSEE)
    page = attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "dupont"})
    assert {user.prenom: user.attached for user in page.rows} == {"Claire": True, "Paul": True}
    page = attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "martin"})
    assert [user.attached for user in page.rows] == [False]


def test_the_search_needs_a_criterion_and_checks_each(cast):
    with pytest.raises(ValidationError) as error:
        attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "  ", "pays": ""})
    assert error.value.fields == {"criteria": ("criteria_required", {})}
    with pytest.raises(ValidationError) as error:
        attach.search_accounts(cast["paul"], cast["menuiserie"].id, {"nom": "x" * 256})
    assert error.value.fields["nom"][0] == "too_long"


def test_the_search_is_for_those_who_manage_the_structure_users(cast):
    assert attach.search_accounts(cast["claire"], cast["menuiserie"].id, {"nom": "m*"}).total
    for actor in wrong_actors(cast):
        with pytest.raises(PermissionDenied):
            attach.search_accounts(actor, cast["menuiserie"].id, {"nom": "m*"})
    restrict_secondaries(cast["menuiserie"])
    with pytest.raises(PermissionDenied):
        attach.search_accounts(cast["claire"], cast["menuiserie"].id, {"nom": "m*"})
    with pytest.raises(NotFound):
        attach.search_accounts(cast["paul"], 999_999, {"nom": "m*"})


# -- attach -----------------------------------------------------------------------------------


def test_attaching_validates_at_once_with_default_subscriptions_a_mail_and_the_history(
    services, cast
):
    membership = attach.attach_user(
        services,
        cast["paul"],
        cast["menuiserie"].id,
        cast["jules"].id,
        role=Role.UTILISATEUR_SIMPLE,
        start_date="01/12/2026",
        end_date="31/12/2027",
        comment="  Comptable  ",
    )
    membership = Membership.get_by_id(membership.id)
    assert membership.status == MembershipStatus.VALIDEE
    assert membership.role == Role.UTILISATEUR_SIMPLE
    assert membership.whole_structure
    assert (membership.start_date, membership.end_date) == (
        dt.date(2026, 12, 1),
        dt.date(2027, 12, 31),
    )
    assert membership.comment == "Comptable"
    assert membership.decided_by_id == cast["paul"].id
    assert Subscription.select().where(Subscription.user == cast["jules"]).count() > 0
    (sent,) = OutboxMail.select().where(OutboxMail.user == cast["jules"])
    assert sent.kind == "membership_attached"
    assert "Menuiserie Dupont" in sent.subject
    assert Event.get(Event.user == cast["jules"]).kind == "membership_attached"
    entry = AuditEntry.get(AuditEntry.action == "USER_ATTACHED")
    assert (entry.actor_id, entry.target_user_id) == (cast["paul"].id, cast["jules"].id)
    assert all_violations() == []


def test_attaching_on_services_validates_those_lines(services, cast):
    membership = attach.attach_user(
        services,
        cast["claire"],
        cast["menuiserie"].id,
        cast["jules"].id,
        role=Role.GESTIONNAIRE_SECONDAIRE,
        start_date="24/11/2026",
        service_ids=[cast["moburb"].id],
    )
    assert not membership.whole_structure
    (line,) = MembershipService.select().where(MembershipService.membership == membership)
    assert (line.service_id, line.status) == (cast["moburb"].id, ServiceLineStatus.VALIDE)
    assert membership.role == Role.GESTIONNAIRE_SECONDAIRE
    assert all_violations() == []


def test_an_attached_user_cannot_be_attached_again(services, cast):
    add_member(
        services, cast["jules"], cast["menuiserie"], status=MembershipStatus.EN_COURS_DE_VALIDATION
    )
    before = counts()
    with pytest.raises(Conflict) as error:
        attach.attach_user(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            cast["jules"].id,
            role=Role.UTILISATEUR_SIMPLE,
            start_date="24/11/2026",
        )
    assert error.value.code == "already_attached"
    assert counts() == before


def test_an_inactive_account_or_structure_refuses_the_attachment(services, cast):
    before = counts()
    for user in (cast["gone"], cast["robot"]):
        with pytest.raises(Conflict) as error:
            attach.attach_user(
                services,
                cast["paul"],
                cast["menuiserie"].id,
                user.id,
                role=Role.UTILISATEUR_SIMPLE,
                start_date="24/11/2026",
            )
        assert error.value.code == "account_not_attachable"
    cast["menuiserie"].status = StructureStatus.INACTIF
    cast["menuiserie"].save()
    with pytest.raises(Conflict) as error:
        attach.attach_user(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            cast["jules"].id,
            role=Role.UTILISATEUR_SIMPLE,
            start_date="24/11/2026",
        )
    assert error.value.code == "structure_inactive"
    assert counts() == before


def test_the_attach_form_is_checked_field_by_field(services, cast):
    before = counts()
    with pytest.raises(ValidationError) as error:
        attach.attach_user(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            cast["jules"].id,
            role=Role.GESTIONNAIRE_PRINCIPAL,
            start_date="",
            end_date="32/01/2026",
            comment="x" * 256,
            service_ids=[999_999],
        )
    assert {name: code for name, (code, _) in error.value.fields.items()} == {
        "role": "choice_invalid",
        "start_date": "required",
        "end_date": "date_invalid",
        "comment": "too_long",
        "services": "choice_invalid",
    }
    with pytest.raises(ValidationError) as error:
        attach.attach_user(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            cast["jules"].id,
            role=Role.UTILISATEUR_SIMPLE,
            start_date="10/12/2026",
            end_date="01/12/2026",
        )
    assert error.value.fields["end_date"][0] == "end_before_start"
    assert counts() == before


def test_only_those_who_manage_the_users_may_attach_and_a_refusal_writes_nothing(services, cast):
    before = counts()
    restrict_secondaries(cast["menuiserie"])
    for actor in [*wrong_actors(cast), cast["claire"]]:
        with pytest.raises(PermissionDenied):
            attach.attach_user(
                services,
                actor,
                cast["menuiserie"].id,
                cast["jules"].id,
                role=Role.UTILISATEUR_SIMPLE,
                start_date="24/11/2026",
            )
    assert counts() == before


# -- create the account -------------------------------------------------------------------------


def test_creating_an_account_attaches_it_and_mails_a_code_valid_seven_days(services, cast):
    user, code = attach.create_account(
        services,
        cast["paul"],
        cast["menuiserie"].id,
        NEW_PERSON,
        role=Role.UTILISATEUR_SIMPLE,
        start_date="24/11/2026",
        service_ids=[cast["moburb"].id],
    )
    user = User.get_by_id(user.id)
    assert user.login == "zoe.leroy@example.fr"
    assert (user.email, user.nom, user.prenom) == ("zoe.contact@example.fr", "LEROY", "Zoé")
    assert user.status == AccountStatus.EN_COURS_ACTIVATION
    assert user.password_hash is None
    assert user.search_nom == "leroy"
    membership = Membership.get(Membership.user == user)
    assert (membership.status, membership.structure_id) == (
        MembershipStatus.VALIDEE,
        cast["menuiserie"].id,
    )
    record = ActivationCode.get(ActivationCode.user == user)
    assert record.purpose == CodePurpose.CREATION
    assert record.expires_at - record.created_at == dt.timedelta(days=7)
    (sent,) = OutboxMail.select().where(OutboxMail.user == user)
    assert sent.kind == "account_creation_code"
    assert sent.to_address == "zoe.contact@example.fr"
    assert code in sent.body
    entry = AuditEntry.get(AuditEntry.action == "ACCOUNT_CREATED")
    assert (entry.actor_id, entry.target_user_id) == (cast["paul"].id, user.id)
    assert check_code(services, code).id == user.id
    assert all_violations() == []


def test_the_created_account_activates_with_its_code(services, cast):
    user, code = attach.create_account(
        services,
        cast["paul"],
        cast["menuiserie"].id,
        NEW_PERSON,
        role=Role.GESTIONNAIRE_SECONDAIRE,
        start_date="24/11/2026",
    )
    activate_account(
        services, code, "Nouveau.Secret.2026", "Nouveau.Secret.2026", "Ville ?", "Lyon"
    )
    assert User.get_by_id(user.id).status == AccountStatus.ACTIF


def test_the_login_must_be_an_unused_e_mail_address(services, cast):
    before = counts()
    with pytest.raises(ValidationError) as error:
        attach.create_account(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            {**NEW_PERSON, "login": " JMARTIN@example.fr "},
            role=Role.UTILISATEUR_SIMPLE,
            start_date="24/11/2026",
        )
    assert error.value.fields == {"login": ("account_login_used", {})}
    with pytest.raises(ValidationError) as error:
        attach.create_account(
            services,
            cast["paul"],
            cast["menuiserie"].id,
            {"login": "pas-une-adresse", "email": "", "nom": "", "prenom": "x" * 101},
            role="",
            start_date="",
        )
    assert {name: code for name, (code, _) in error.value.fields.items()} == {
        "login": "email_invalid",
        "email": "required",
        "nom": "required",
        "prenom": "too_long",
        "role": "choice_invalid",
        "start_date": "required",
    }
    assert counts() == before


def test_only_those_who_manage_the_users_may_create_accounts(services, cast):
    before = counts()
    restrict_secondaries(cast["menuiserie"])
    for actor in [*wrong_actors(cast), cast["claire"]]:
        with pytest.raises(PermissionDenied):
            attach.create_account(
                services,
                actor,
                cast["menuiserie"].id,
                NEW_PERSON,
                role=Role.UTILISATEUR_SIMPLE,
                start_date="24/11/2026",
            )
    cast["ailleurs"].status = StructureStatus.INACTIF
    cast["ailleurs"].save()
    with pytest.raises(Conflict) as error:
        attach.create_account(
            services,
            cast["other"],
            cast["ailleurs"].id,
            NEW_PERSON,
            role=Role.UTILISATEUR_SIMPLE,
            start_date="24/11/2026",
        )
    assert error.value.code == "structure_inactive"
    assert counts() == before
