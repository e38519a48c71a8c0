"""SPEC §3 invariant: exactly one valid principal manager per active structure."""

from __future__ import annotations

import peewee
import pytest

from chorus_tui.domain.invariant import all_violations, principal_violations
from chorus_tui.models import Membership, database
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, StructureStatus
from tests.domain.factories import add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")


def codes():
    return sorted((v.code, v.subject) for v in principal_violations())


def test_a_healthy_database_has_no_violation(services):
    make_structure(services, principal=make_user(services))
    assert all_violations() == []


def test_a_structure_without_principal_is_reported(services):
    structure = make_structure(services)
    assert codes() == [("no_principal", structure.identifier)]


def test_an_inactive_structure_needs_no_principal(services):
    make_structure(services, status=StructureStatus.INACTIF)
    assert codes() == []


def test_a_deactivated_principal_is_reported(services):
    paul = make_user(services, status=AccountStatus.DESACTIVE)
    structure = make_structure(services, principal=paul)
    assert codes() == [("principal_not_active", structure.identifier)]


def test_a_technical_principal_is_reported(services):
    structure = make_structure(services, principal=make_user(services, is_technical=True))
    assert codes() == [("principal_not_active", structure.identifier)]


def test_a_pending_principal_request_does_not_count(services):
    structure = make_structure(services)
    add_member(
        services,
        make_user(services),
        structure,
        Role.GESTIONNAIRE_PRINCIPAL,
        MembershipStatus.EN_COURS_DE_VALIDATION,
    )
    assert codes() == [("no_principal", structure.identifier)]


def test_the_database_refuses_a_second_principal(services):
    structure = make_structure(services, principal=make_user(services))
    with pytest.raises(peewee.IntegrityError):
        add_member(services, make_user(services), structure, Role.GESTIONNAIRE_PRINCIPAL)


def test_two_principals_slipped_past_the_index_are_reported(services):
    structure = make_structure(services, principal=make_user(services))
    database.execute_sql("DROP INDEX membership_one_principal")
    add_member(services, make_user(services), structure, Role.GESTIONNAIRE_PRINCIPAL)
    assert codes() == [("several_principals", structure.identifier)]


@pytest.mark.sqlite_only
def test_a_dangling_foreign_key_is_reported(services):
    paul = make_user(services)
    make_structure(services, principal=paul)
    database.execute_sql("PRAGMA foreign_keys = OFF")
    Membership.update(user=999999).execute()
    database.execute_sql("PRAGMA foreign_keys = ON")
    assert any(v.code == "foreign_key" for v in all_violations())
