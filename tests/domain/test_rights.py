"""SPEC §3: the rights table, for each role and each action."""

from __future__ import annotations

import pytest

from chorus_tui.domain.errors import PermissionDenied
from chorus_tui.domain.rights import Action, allowed, can, managed_structures, require
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, SecondaryRights
from tests.domain.factories import add_member, make_structure, make_user

P, S, U = Role.GESTIONNAIRE_PRINCIPAL, Role.GESTIONNAIRE_SECONDAIRE, Role.UTILISATEUR_SIMPLE
SAME_AS_PRINCIPAL = SecondaryRights.IDENTIQUES_PRINCIPAL
SAME_AS_USER = SecondaryRights.IDENTIQUES_UTILISATEUR

# action → (principal, secondary with the principal's rights,
#           secondary with a user's rights, simple user)
TABLE = {
    Action.MON_COMPTE: (True, True, True, True),
    Action.SEE_MANAGER_SPACE: (True, True, True, False),
    Action.DECIDE_REQUESTS: (True, True, False, False),
    Action.MANAGE_USERS: (True, True, False, False),
    Action.PARAMETRIZE_SPACES: (True, True, False, False),
    Action.SET_SECONDARY_RIGHTS: (True, False, False, False),
    Action.TRANSFER_PRINCIPAL: (True, False, False, False),
    Action.MANAGE_TECHNICAL_USERS: (True, False, False, False),
    Action.CHANGE_IDENTIFIER: (True, False, False, False),
}


def test_the_table_covers_every_action():
    assert set(TABLE) == set(Action)


@pytest.mark.parametrize("action", list(Action))
def test_rights_table(action):
    expected = TABLE[action]
    actual = (
        allowed(P, action, SAME_AS_PRINCIPAL),
        allowed(S, action, SAME_AS_PRINCIPAL),
        allowed(S, action, SAME_AS_USER),
        allowed(U, action, SAME_AS_PRINCIPAL),
    )
    assert actual == expected


@pytest.mark.parametrize("action", [a for a in Action if a is not Action.MON_COMPTE])
def test_someone_without_membership_has_no_manager_right(action):
    assert not allowed(None, action, SAME_AS_PRINCIPAL)


@pytest.fixture
def cast(db, services):
    paul = make_user(services)
    second = make_user(services)
    julie = make_user(services)
    outsider = make_user(services)
    structure = make_structure(services, principal=paul)
    add_member(services, second, structure, S)
    add_member(services, julie, structure, U)
    other = make_structure(services, principal=outsider)
    return paul, second, julie, outsider, structure, other


def test_rights_follow_the_validated_membership_of_that_structure(cast):
    paul, second, julie, outsider, structure, other = cast
    assert can(paul, Action.CHANGE_IDENTIFIER, structure)
    assert not can(paul, Action.DECIDE_REQUESTS, other)
    assert can(second, Action.DECIDE_REQUESTS, structure)
    assert not can(julie, Action.SEE_MANAGER_SPACE, structure)
    assert not can(outsider, Action.MANAGE_USERS, structure)


def test_the_structure_setting_limits_secondary_managers(cast):
    _, second, _, _, structure, _ = cast
    structure.secondary_rights = SAME_AS_USER
    structure.save()
    assert not can(second, Action.DECIDE_REQUESTS, structure)
    assert can(second, Action.SEE_MANAGER_SPACE, structure)


def test_a_pending_membership_gives_no_right(db, services):
    paul = make_user(services)
    structure = make_structure(services, principal=paul)
    candidate = make_user(services)
    add_member(services, candidate, structure, S, MembershipStatus.EN_COURS_DE_VALIDATION)
    assert not can(candidate, Action.SEE_MANAGER_SPACE, structure)


def test_deactivated_and_technical_accounts_have_no_right(cast):
    paul, *_, structure, _ = cast
    paul.status = AccountStatus.DESACTIVE
    assert not can(paul, Action.MON_COMPTE)
    assert not can(paul, Action.DECIDE_REQUESTS, structure)
    paul.status = AccountStatus.ACTIF
    paul.is_technical = True
    assert not can(paul, Action.SEE_MANAGER_SPACE)


def test_require_raises_a_permission_error(cast):
    _, _, julie, _, structure, _ = cast
    with pytest.raises(PermissionDenied) as refused:
        require(julie, Action.DECIDE_REQUESTS, structure)
    assert refused.value.code == "permission_denied"
    assert refused.value.params["action"] == "DECIDE_REQUESTS"


def test_manager_space_lists_only_managed_structures(cast):
    paul, second, julie, _, structure, _ = cast
    assert managed_structures(paul) == [structure]
    assert managed_structures(second) == [structure]
    assert managed_structures(julie) == []
    assert can(second, Action.SEE_MANAGER_SPACE)
    assert not can(julie, Action.SEE_MANAGER_SPACE)
