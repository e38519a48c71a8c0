"""What only the principal manager of a structure may do to it: hand the principal role over to
another user (M10) and « Modifier l'identifiant » (M11), which duplicates the structure under its
new SIRET and leaves the original ``INACTIF``, pointing to its successor."""

from __future__ import annotations

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound
from chorus_tui.domain.journal import audit
from chorus_tui.domain.memberships import find_successor
from chorus_tui.domain.principal import transfer_principal
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.search import structure_search_columns
from chorus_tui.domain.structures import check_identifier, clean_identifier
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import (
    Membership,
    MembershipService,
    Service,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import StructureStatus, SubscriptionStatus

# What the new structure of M11 takes from the original, column by column. Not copied: the
# identifier (the new one), the status (ACTIF), the successor, the billing mandate, the dates.
COPIED_COLUMNS = (
    "kind",
    "identifier_type",
    "raison_sociale",
    "libelle",
    "nom",
    "prenom",
    "adresse",
    "complement",
    "code_postal",
    "ville",
    "pays",
    "telephone",
    "secondary_rights",
)
COPIED_MEMBERSHIP_COLUMNS = (
    "role",
    "status",
    "start_date",
    "end_date",
    "comment",
    "whole_structure",
    "requested_at",
    "decided_at",
    "decided_by",
    "motif",
)
COPIED_SUBSCRIPTION_COLUMNS = (
    "habilitation",
    "status",
    "effective_date",
    "comment",
    "automatic",
    "requested_at",
    "decided_at",
    "decided_by",
    "motif",
)
LIVE_SUBSCRIPTIONS = (SubscriptionStatus.EN_COURS_DE_VALIDATION, SubscriptionStatus.VALIDE)


def _active_structure(user: User, structure_id: int, action: Action) -> Structure:
    """The structure, ``user`` allowed to do ``action`` on it, still ``ACTIF``."""
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None:
        raise NotFound()
    require(user, action, structure)
    if structure.status != StructureStatus.ACTIF:
        raise Conflict("structure_inactive")
    return structure


# -- M10 -------------------------------------------------------------------------------------


def transfer_role(services: Services, actor: User, structure_id: int, successor_login: str) -> User:
    """Make the user whose login id is ``successor_login`` the principal manager of the
    structure; ``actor`` stays attached as a simple user. Field error ``successor`` when the
    login id is empty or names no other active person. Returns the new principal."""

    def operation() -> User:
        user = User.get_by_id(actor.id)
        structure = _active_structure(user, structure_id, Action.TRANSFER_PRINCIPAL)
        errors = FieldErrors()
        successor = None
        if not clean(successor_login):
            errors.add("successor", "required")
        else:
            successor = find_successor(user, successor_login)
            if successor is None:
                errors.add("successor", "successor_login_invalid")
        errors.raise_if_any()
        assert successor is not None
        transfer_principal(services, user, structure, successor)
        return successor

    return run_write(operation)


# -- M11 -------------------------------------------------------------------------------------


def change_identifier(
    services: Services, actor: User, structure_id: int, new_identifier: str
) -> Structure:
    """« Modifier l'identifiant »: a new ``ACTIF`` structure under ``new_identifier`` (valid for
    the original's identifier type, unused) copying the original's identity and address, its
    services, every membership (role, status, dates, service lines), the live subscriptions and
    the spaces — not the billing mandate nor the technical users. The original becomes
    ``INACTIF`` and points to the new one. Returns the new structure."""

    def operation() -> Structure:
        user = User.get_by_id(actor.id)
        original = _active_structure(user, structure_id, Action.CHANGE_IDENTIFIER)
        errors = FieldErrors()
        identifier = clean_identifier(original.identifier_type, new_identifier)
        if has_control(identifier):
            errors.add("identifier", "control_characters")
        else:
            check_identifier(errors, original.identifier_type, identifier)
        errors.raise_if_any()

        now = services.now()
        row = {name: getattr(original, name) for name in COPIED_COLUMNS}
        row.update(identifier=identifier, created_at=now, status=StructureStatus.ACTIF)
        structure = Structure.create(**row, **structure_search_columns(row))
        services_map = _copy_services(original, structure, now)
        _copy_memberships(original, structure, services_map)
        _copy_subscriptions(original, structure, services_map)
        for space in StructureSpace.select().where(StructureSpace.structure == original):
            StructureSpace.create(structure=structure, space=space.space_id, created_at=now)

        original.status = StructureStatus.INACTIF
        original.successor = structure
        original.modified_at = now
        original.version += 1
        original.save()
        details = {"previous": original.identifier, "new": structure.identifier}
        audit(services, user, "IDENTIFIER_CHANGED", structure=original, **details)
        audit(services, user, "IDENTIFIER_CHANGED", structure=structure, **details)
        return structure

    return run_write(operation)


def _copy_services(original: Structure, structure: Structure, now) -> dict[int, int]:
    """Every service of the original (active or not) on the new structure: old id → new id."""
    mapping: dict[int, int] = {}
    for service in Service.select().where(Service.structure == original).order_by(Service.id):
        copy = Service.create(
            structure=structure,
            code=service.code,
            libelle=service.libelle,
            active=service.active,
            created_at=now,
            search_libelle=service.search_libelle,
        )
        mapping[service.id] = copy.id
    return mapping


def _people(structure: Structure):
    """The memberships of the structure's persons (never those of a technical user)."""
    return (
        Membership.select()
        .join(User, on=(Membership.user == User.id))
        .where((Membership.structure == structure) & (User.is_technical == False))  # noqa: E712
        .order_by(Membership.id)
    )


def _copy_memberships(
    original: Structure, structure: Structure, services_map: dict[int, int]
) -> None:
    for membership in _people(original):
        values = {name: membership.__data__.get(name) for name in COPIED_MEMBERSHIP_COLUMNS}
        copy = Membership.create(user=membership.user_id, structure=structure, **values)
        for line in MembershipService.select().where(MembershipService.membership == membership):
            MembershipService.create(
                membership=copy, service=services_map[line.service_id], status=line.status
            )


def _copy_subscriptions(
    original: Structure, structure: Structure, services_map: dict[int, int]
) -> None:
    rows = (
        Subscription.select()
        .join(User, on=(Subscription.user == User.id))
        .where(
            (Subscription.structure == original)
            & (Subscription.status.in_(LIVE_SUBSCRIPTIONS))
            & (Subscription.ended_at.is_null())
            & (User.is_technical == False)  # noqa: E712
        )
        .order_by(Subscription.id)
    )
    for subscription in rows:
        values = {name: subscription.__data__.get(name) for name in COPIED_SUBSCRIPTION_COLUMNS}
        service = subscription.service_id
        Subscription.create(
            user=subscription.user_id,
            structure=structure,
            service=services_map[service] if service is not None else None,
            space=subscription.space_id,
            **values,
        )
