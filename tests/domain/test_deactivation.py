"""F7: deactivating one's own account, with the principal role handed over first."""

from __future__ import annotations

import json

import pytest

from chorus_tui.clock import today
from chorus_tui.domain import deactivation, principal
from chorus_tui.domain.errors import DomainError, PermissionDenied, ValidationError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.models import AuditEntry, Event, Membership, OutboxMail, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, StructureStatus
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def state() -> dict:
    return {
        "users": [dict(u.__data__) for u in User.select().order_by(User.id)],
        "memberships": [dict(m.__data__) for m in Membership.select().order_by(Membership.id)],
        "audit": AuditEntry.select().count(),
        "events": Event.select().count(),
        "mails": OutboxMail.select().count(),
    }


def principal_of(structure) -> User:
    return (
        User.select()
        .join(Membership, on=(Membership.user == User.id))
        .where(
            (Membership.structure == structure)
            & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        .get()
    )


def role_of(user, structure) -> tuple[str, str]:
    membership = Membership.get((Membership.user == user) & (Membership.structure == structure))
    return membership.role, membership.status


# --- principal_structures ---------------------------------------------------------------------


def test_principal_structures_lists_active_structures_by_raison_sociale(services):
    paul = make_user(services)
    b = make_structure(services, principal=paul, raison_sociale="Bois et Fils")
    a = make_structure(services, principal=paul, raison_sociale="Atelier Dupont")
    make_structure(services, principal=paul, status=StructureStatus.INACTIF)
    other = make_structure(services, principal=make_user(services))
    add_member(services, paul, other, Role.GESTIONNAIRE_SECONDAIRE)
    assert [s.id for s in deactivation.principal_structures(paul)] == [a.id, b.id]


# --- search_successors ------------------------------------------------------------------------


def test_the_loupe_finds_active_people_accent_and_case_insensitively(services):
    actor = make_user(services, nom="DUPONT", prenom="Paul")
    helene = make_user(services, nom="Éléonore", prenom="Hélène", adresse="3 Allée des Tilleuls")
    make_user(services, nom="ELEONORE", prenom="Zoé", status=AccountStatus.DESACTIVE)
    make_user(services, nom="ELEONORE", prenom="Pending", status=AccountStatus.EN_COURS_ACTIVATION)
    make_user(services, nom="Eleonore", prenom="Robot", is_technical=True)
    anne = make_user(services, nom="eleonore", prenom="Anne", email="anne@menuiserie.fr")
    assert deactivation.search_successors(actor, nom="ELEO") == [anne, helene]
    assert deactivation.search_successors(actor, nom="éléo", prenom="hel") == [helene]
    assert deactivation.search_successors(actor, adresse="tilleul") == [helene]
    assert deactivation.search_successors(actor, email="MENUISERIE") == [anne]
    assert deactivation.search_successors(actor, nom="dupont") == [], "never the actor"


def test_the_loupe_matches_wildcards_literally(services):
    actor = make_user(services)
    percent = make_user(services, nom="100%_SARL")
    make_user(services, nom="100 SARL")
    assert deactivation.search_successors(actor, nom="100%") == [percent]
    assert deactivation.search_successors(actor, nom="%") == []
    assert deactivation.search_successors(actor, email="_") == []


def test_the_loupe_needs_a_criterion(services):
    actor = make_user(services)
    with pytest.raises(ValidationError) as refused:
        deactivation.search_successors(actor, nom="  ", email="")
    assert refused.value.fields == {"criteria": ("required", {})}


def test_the_loupe_pages_in_sql(services):
    actor = make_user(services)
    people = [make_user(services, nom=f"MARTIN{i:02d}") for i in range(25)]
    first = deactivation.search_successors(actor, nom="martin")
    second = deactivation.search_successors(actor, nom="martin", offset=20)
    assert first == people[:20]
    assert second == people[20:]
    assert deactivation.search_successors(actor, nom="martin", limit=3, offset=5) == people[5:8]


# --- deactivate_account -----------------------------------------------------------------------


def test_a_simple_user_deactivates(services, clock):
    julie = make_user(services)
    structure = make_structure(services, principal=make_user(services))
    add_member(services, julie, structure)
    version = julie.version
    deactivation.deactivate_account(services, julie)
    stored = User.get_by_id(julie.id)
    assert stored.status == AccountStatus.DESACTIVE
    assert stored.deactivated_at == clock.now()
    assert stored.version == version + 1
    assert julie.status == AccountStatus.DESACTIVE, "the session object is refreshed"
    assert not OutboxMail.select().exists(), "no mail to the deactivated account"
    assert all_violations() == []


def test_a_principal_hands_every_structure_over(services, clock):
    paul = make_user(services, nom="DUPONT", prenom="Paul")
    julie = make_user(services)
    marc = make_user(services)
    first = make_structure(services, principal=paul, raison_sociale="Atelier")
    second = make_structure(services, principal=paul, raison_sociale="Menuiserie")
    add_member(services, julie, first, Role.UTILISATEUR_SIMPLE)
    add_member(services, julie, second, Role.GESTIONNAIRE_SECONDAIRE)

    deactivation.deactivate_account(services, paul, {first.id: julie.id, second.id: marc.id})

    assert all_violations() == []
    assert principal_of(first) == julie and principal_of(second) == marc
    assert role_of(paul, first) == (Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE)
    assert role_of(paul, second) == (Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE)
    assert role_of(julie, second) == (Role.GESTIONNAIRE_SECONDAIRE, MembershipStatus.VALIDEE)
    created = Membership.get((Membership.user == marc) & (Membership.structure == second))
    assert created.start_date == today(clock)
    assert created.decided_at == clock.now()
    assert User.get_by_id(paul.id).status == AccountStatus.DESACTIVE

    entries = list(AuditEntry.select().order_by(AuditEntry.id))
    assert [(e.action, e.actor_id, e.structure_id, e.target_user_id) for e in entries] == [
        ("PRINCIPAL_TRANSFERRED", paul.id, first.id, julie.id),
        ("PRINCIPAL_TRANSFERRED", paul.id, second.id, marc.id),
    ]
    events = list(Event.select().order_by(Event.id))
    assert [(e.user_id, e.kind, json.loads(e.params)) for e in events] == [
        (julie.id, "role_changed", {"structure": "Atelier", "role": "GESTIONNAIRE_PRINCIPAL"}),
        (marc.id, "role_changed", {"structure": "Menuiserie", "role": "GESTIONNAIRE_PRINCIPAL"}),
    ]
    mails = list(OutboxMail.select().order_by(OutboxMail.id))
    assert [(m.user_id, m.kind) for m in mails] == [
        (julie.id, "principal_transferred"),
        (marc.id, "principal_transferred"),
    ]
    assert "Atelier" in mails[0].subject and "Paul DUPONT" in mails[0].body
    assert not OutboxMail.select().where(OutboxMail.user == paul).exists()


def test_one_successor_for_every_structure(services):
    paul = make_user(services)
    julie = make_user(services)
    structures = [make_structure(services, principal=paul) for _ in range(3)]
    deactivation.deactivate_account(services, paul, {s.id: julie.id for s in structures})
    assert all(principal_of(s) == julie for s in structures)
    assert all_violations() == []


def test_a_pending_request_of_the_successor_is_validated_as_principal(services):
    paul = make_user(services)
    julie = make_user(services)
    structure = make_structure(services, principal=paul)
    add_member(services, julie, structure, status=MembershipStatus.EN_COURS_DE_VALIDATION)
    deactivation.deactivate_account(services, paul, {structure.id: julie.id})
    assert role_of(julie, structure) == (Role.GESTIONNAIRE_PRINCIPAL, MembershipStatus.VALIDEE)
    assert all_violations() == []


def test_every_structure_needs_a_successor(services):
    paul = make_user(services)
    julie = make_user(services)
    first = make_structure(services, principal=paul)
    make_structure(services, principal=paul)
    before = state()
    for successors in (None, {}, {first.id: julie.id}):
        with pytest.raises(ValidationError) as refused:
            deactivation.deactivate_account(services, paul, successors)
        assert refused.value.fields == {"successors": ("required", {})}
    assert state() == before


@pytest.mark.parametrize("kind", ["self", "unknown", "deactivated", "pending", "technical"])
def test_the_successor_must_be_another_active_person(services, kind):
    paul = make_user(services)
    structure = make_structure(services, principal=paul)
    successor_id = {
        "self": lambda: paul.id,
        "unknown": lambda: 999_999,
        "deactivated": lambda: make_user(services, status=AccountStatus.DESACTIVE).id,
        "pending": lambda: make_user(services, status=AccountStatus.EN_COURS_ACTIVATION).id,
        "technical": lambda: make_user(services, is_technical=True).id,
    }[kind]()
    before = state()
    with pytest.raises(ValidationError) as refused:
        deactivation.deactivate_account(services, paul, {structure.id: successor_id})
    assert refused.value.fields == {
        "successor": ("successor_invalid", {"structure": structure.identifier})
    }
    assert state() == before


def test_referential_accounts_cannot_deactivate(services):
    pauline = make_user(services, is_referential=True)
    with pytest.raises(DomainError) as refused:
        deactivation.deactivate_account(services, pauline)
    assert refused.value.code == "referential_account"
    assert User.get_by_id(pauline.id).status == AccountStatus.ACTIF


def test_a_deactivated_account_cannot_deactivate_again(services):
    user = make_user(services, status=AccountStatus.DESACTIVE)
    with pytest.raises(PermissionDenied):
        deactivation.deactivate_account(services, user)


@pytest.mark.parametrize("step", ["audit", "event", "mail"])
def test_a_failure_halfway_through_the_transfers_changes_nothing(services, monkeypatch, step):
    paul = make_user(services)
    julie = make_user(services)
    first = make_structure(services, principal=paul, raison_sociale="A")
    second = make_structure(services, principal=paul, raison_sociale="B")
    before = state()
    original = getattr(principal, step)
    calls = []

    def fails_the_second_time(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("crash")
        return original(*args, **kwargs)

    monkeypatch.setattr(principal, step, fails_the_second_time)
    with pytest.raises(RuntimeError):
        deactivation.deactivate_account(services, paul, {first.id: julie.id, second.id: julie.id})
    assert state() == before
    assert all_violations() == []
    assert paul.status == AccountStatus.ACTIF, "the session object is untouched"


def test_deactivated_principals_can_be_reached_again_by_the_invariant(services):
    """A demoted, deactivated former principal keeps a VALIDEE simple membership: fine."""
    paul = make_user(services)
    julie = make_user(services)
    structure = make_structure(services, principal=paul)
    deactivation.deactivate_account(services, paul, {structure.id: julie.id})
    deactivation.deactivate_account(services, julie, {structure.id: make_user(services).id})
    assert all_violations() == []
    assert role_of(julie, structure) == (Role.UTILISATEUR_SIMPLE, MembershipStatus.VALIDEE)
