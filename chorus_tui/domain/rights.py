"""The rights table of SPEC §3, as one function every operation calls."""

from __future__ import annotations

import functools
import operator
from enum import StrEnum

import peewee

from chorus_tui.domain.errors import PermissionDenied
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, SecondaryRights


class Action(StrEnum):
    MON_COMPTE = "MON_COMPTE"
    SEE_MANAGER_SPACE = "SEE_MANAGER_SPACE"
    DECIDE_REQUESTS = "DECIDE_REQUESTS"
    MANAGE_USERS = "MANAGE_USERS"
    PARAMETRIZE_SPACES = "PARAMETRIZE_SPACES"
    SET_SECONDARY_RIGHTS = "SET_SECONDARY_RIGHTS"
    TRANSFER_PRINCIPAL = "TRANSFER_PRINCIPAL"
    MANAGE_TECHNICAL_USERS = "MANAGE_TECHNICAL_USERS"
    CHANGE_IDENTIFIER = "CHANGE_IDENTIFIER"


MANAGERS = (Role.GESTIONNAIRE_PRINCIPAL, Role.GESTIONNAIRE_SECONDAIRE)

# Actions a secondary manager may do only when the structure gives them the principal's rights.
DELEGABLE = frozenset({Action.DECIDE_REQUESTS, Action.MANAGE_USERS, Action.PARAMETRIZE_SPACES})
PRINCIPAL_ONLY = frozenset(
    {
        Action.SET_SECONDARY_RIGHTS,
        Action.TRANSFER_PRINCIPAL,
        Action.MANAGE_TECHNICAL_USERS,
        Action.CHANGE_IDENTIFIER,
    }
)


def allowed(role: Role | str | None, action: Action, secondary_rights: str) -> bool:
    """The table of SPEC §3. ``role`` is the actor's validated role in the structure (None when
    they have none); ``secondary_rights`` is the structure's setting."""
    if action is Action.MON_COMPTE:
        return True
    if role == Role.GESTIONNAIRE_PRINCIPAL:
        return True
    if role == Role.GESTIONNAIRE_SECONDAIRE:
        if action is Action.SEE_MANAGER_SPACE:
            return True
        if action in DELEGABLE:
            return secondary_rights == SecondaryRights.IDENTIQUES_PRINCIPAL
    return False


def deciding_roles(secondary_rights: str) -> list[Role]:
    """The roles that decide the requests of a structure with this setting (:func:`allowed`)."""
    return [role for role in MANAGERS if allowed(role, Action.DECIDE_REQUESTS, secondary_rights)]


def may_decide(membership: type[Membership], structure: type[Structure]) -> peewee.Expression:
    """:func:`allowed` for ``DECIDE_REQUESTS`` as a SQL condition on a (validated) membership
    and its structure, derived from the table for each setting of the structure."""
    by_setting = (
        (structure.secondary_rights == setting) & membership.role.in_(deciding_roles(setting))
        for setting in SecondaryRights
    )
    return (membership.status == MembershipStatus.VALIDEE) & functools.reduce(
        operator.or_, by_setting
    )


def is_active_person(user: User) -> bool:
    return user.status == AccountStatus.ACTIF and not user.is_technical


def role_in(user: User, structure: Structure) -> Role | None:
    """The role of ``user``'s validated membership of ``structure``, if any."""
    membership = (
        Membership.select(Membership.role)
        .where(
            (Membership.user == user)
            & (Membership.structure == structure)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        .first()
    )
    return Role(membership.role) if membership else None


def can(user: User, action: Action, structure: Structure | None = None) -> bool:
    """Whether ``user`` may do ``action`` (on ``structure``; without one, on any structure)."""
    if not is_active_person(user):
        return False
    if action is Action.MON_COMPTE:
        return True
    if structure is not None:
        return allowed(role_in(user, structure), action, structure.secondary_rights)
    return any(
        allowed(row.role, action, row.structure.secondary_rights)
        for row in (
            Membership.select(Membership.role, Structure.secondary_rights)
            .join(Structure)
            .where(
                (Membership.user == user)
                & (Membership.status == MembershipStatus.VALIDEE)
                & (Membership.role.in_(MANAGERS))
            )
        )
    )


def require(user: User, action: Action, structure: Structure | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``user`` may do ``action``."""
    if not can(user, action, structure):
        raise PermissionDenied(
            action=str(action), structure=structure.identifier if structure else None
        )


def managed_structures(user: User) -> list[Structure]:
    """The structures whose « Activités du gestionnaire » ``user`` sees (M0)."""
    if not is_active_person(user):
        return []
    return list(
        Structure.select()
        .join(Membership)
        .where(
            (Membership.user == user)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role.in_(MANAGERS))
        )
        .order_by(Structure.raison_sociale)
    )
