"""« Les demandes de rattachement » of « Activités du gestionnaire » (M1–M3): the pending
membership requests of the structures the manager may decide for, one request in full, and its
validation (with the role and the services) or refusal (with a motif)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.subscriptions import grant_default_subscriptions
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.models import Membership, MembershipService, Service, Structure, User
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    SecondaryRights,
    ServiceLineStatus,
    StructureStatus,
)

MOTIF_MAX_LENGTH = 255
GRANTABLE_ROLES = (Role.GESTIONNAIRE_SECONDAIRE, Role.UTILISATEUR_SIMPLE)


def decidable_structures(actor: User) -> peewee.ModelSelect:
    """Ids of the active structures whose requests ``actor`` may decide: those they are principal
    of, and those they are secondary manager of when the structure gives secondaries the
    principal's rights (SPEC §3)."""
    mine = Membership.alias()
    return (
        Structure.select(Structure.id)
        .join(mine, on=(mine.structure == Structure.id))
        .where(
            (mine.user == actor.id)
            & (mine.status == MembershipStatus.VALIDEE)
            & (Structure.status == StructureStatus.ACTIF)
            & (
                (mine.role == Role.GESTIONNAIRE_PRINCIPAL)
                | (
                    (mine.role == Role.GESTIONNAIRE_SECONDAIRE)
                    & (Structure.secondary_rights == SecondaryRights.IDENTIQUES_PRINCIPAL)
                )
            )
        )
    )


# -- M1: the list -------------------------------------------------------------------------------


def pending_memberships_query(actor: User) -> peewee.ModelSelect:
    """Pending requests of the structures ``actor`` decides for, oldest first. Rows carry
    ``.user`` and ``.structure``."""
    return (
        Membership.select(Membership, User, Structure)
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure, on=(Membership.structure == Structure.id))
        .where(
            (Membership.status == MembershipStatus.EN_COURS_DE_VALIDATION)
            & (Membership.structure.in_(decidable_structures(actor)))
        )
        .order_by(Membership.requested_at, Membership.id)
    )


def pending_memberships(actor: User, *, size: int = 5, offset: int = 0) -> Page[Membership]:
    """A page of M1. Each row also gets ``.service_codes``: the codes of the services asked
    (empty: the whole structure), loaded for the page in one query."""
    page = paginate(pending_memberships_query(actor), size, offset)
    codes = requested_codes([row.id for row in page.rows])
    for row in page.rows:
        row.service_codes = codes.get(row.id, [])
    return page


def requested_codes(membership_ids: Sequence[int]) -> dict[int, list[str]]:
    """membership id → the codes of its pending or validated service lines, in code order."""
    rows = (
        MembershipService.select(MembershipService.membership, Service.code)
        .join(Service)
        .where(
            (MembershipService.membership.in_(list(membership_ids)))
            & (
                MembershipService.status.in_(
                    [ServiceLineStatus.EN_COURS_DE_VALIDATION, ServiceLineStatus.VALIDE]
                )
            )
        )
        .order_by(Service.code)
        .tuples()
    )
    codes: dict[int, list[str]] = {}
    for membership_id, code in rows:
        codes.setdefault(membership_id, []).append(code)
    return codes


# -- M2: one request ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestedService:
    """An active service of the structure, the status of the user's line for it (None: no
    line) and whether it is checked by default (pending and validated lines)."""

    service: Service
    status: str | None
    checked: bool


@dataclass(frozen=True)
class MembershipRequest:
    membership: Membership
    structure: Structure
    requester: User
    services: list[RequestedService]


def _decidable(actor: User, membership_id: int, *, lock: bool = False) -> Membership:
    query = (
        Membership.select(Membership, User, Structure)
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure, on=(Membership.structure == Structure.id))
        .where(Membership.id == membership_id)
    )
    membership = (locked(query, Membership) if lock else query).first()
    if membership is None:
        raise NotFound()
    require(actor, Action.DECIDE_REQUESTS, membership.structure)
    return membership


def membership_request(actor: User, membership_id: int) -> MembershipRequest:
    """M2: the request, its structure, its requester and every active service of the structure
    with the status of the user's line for it."""
    membership = _decidable(actor, membership_id)
    lines = {
        line.service_id: line.status
        for line in MembershipService.select().where(MembershipService.membership == membership)
    }
    live = (ServiceLineStatus.EN_COURS_DE_VALIDATION, ServiceLineStatus.VALIDE)
    services = [
        RequestedService(service, lines.get(service.id), lines.get(service.id) in live)
        for service in Service.select()
        .where(
            (Service.structure == membership.structure) & (Service.active == True)  # noqa: E712
        )
        .order_by(Service.code)
    ]
    return MembershipRequest(membership, membership.structure, membership.user, services)


def _pending(actor: User, membership_id: int, expected_version: int | None) -> Membership:
    """The request, still pending and as ``actor`` saw it; else the conflict of X8. The row
    stays locked until the commit (PostgreSQL), so two managers never both decide it."""
    membership = _decidable(actor, membership_id, lock=True)
    if membership.status != MembershipStatus.EN_COURS_DE_VALIDATION:
        raise Conflict("request_processed")
    if expected_version is not None and membership.version != expected_version:
        raise Conflict("request_processed")
    return membership


def validate_membership(
    services: Services,
    actor: User,
    membership_id: int,
    *,
    role: str = Role.UTILISATEUR_SIMPLE,
    service_ids: Sequence[int] | None = None,
    expected_version: int | None = None,
) -> Membership:
    """M2 « Valider »: the membership becomes ``VALIDEE`` with ``role`` (secondary manager or
    simple user). ``service_ids`` are the checked services (None: those asked); the checked ones
    become « Validé », the unchecked pending ones « Refusé »; a request on services needs one
    checked at least. Default subscriptions, a mail, an event and the history follow."""

    def operation() -> Membership:
        manager = User.get_by_id(actor.id)
        membership = _pending(manager, membership_id, expected_version)
        structure = membership.structure
        errors = FieldErrors()
        if role not in GRANTABLE_ROLES:
            errors.add("role", "choice_invalid")
        lines = {
            line.service_id: line
            for line in MembershipService.select().where(MembershipService.membership == membership)
        }
        live = (ServiceLineStatus.EN_COURS_DE_VALIDATION, ServiceLineStatus.VALIDE)
        if service_ids is None:
            checked = [sid for sid, line in lines.items() if line.status in live]
        else:
            checked = list(dict.fromkeys(service_ids))
        active = {
            service.id: service
            for service in Service.select().where(
                (Service.structure == structure) & (Service.active == True)  # noqa: E712
            )
        }
        if any(service_id not in active for service_id in checked):
            errors.add("services", "choice_invalid")
        elif not membership.whole_structure and not checked:
            errors.add("services", "services_required")
        errors.raise_if_any()

        now = services.now()
        for service_id in checked:
            line = lines.get(service_id)
            if line is None:
                MembershipService.create(
                    membership=membership,
                    service=service_id,
                    status=ServiceLineStatus.VALIDE,
                )
            elif line.status != ServiceLineStatus.VALIDE:
                line.status = ServiceLineStatus.VALIDE
                line.save()
        for service_id, line in lines.items():
            if service_id not in checked and line.status in live:
                line.status = ServiceLineStatus.REFUSE
                line.save()
        membership.status = MembershipStatus.VALIDEE
        membership.role = role
        membership.whole_structure = not checked
        membership.decided_at = now
        membership.decided_by = manager
        membership.version += 1
        membership.save()
        grant_default_subscriptions(services, membership, manager)
        codes = sorted(active[service_id].code for service_id in checked)
        requester = membership.user
        audit(
            services,
            manager,
            "MEMBERSHIP_VALIDATED",
            structure=structure,
            target=requester,
            role=role,
            service_codes=codes,
        )
        event(services, requester, "membership_validated", structure=structure.raison_sociale)
        mail(
            services,
            requester,
            "membership_validated",
            structure=structure.raison_sociale,
            identifier=structure.identifier,
        )
        return membership

    return run_write(operation)


def refuse_membership(
    services: Services,
    actor: User,
    membership_id: int,
    motif: str,
    *,
    expected_version: int | None = None,
) -> Membership:
    """M3: the request becomes ``REFUSEE`` with its motif (required, ≤ 255); its pending service
    lines « Refusé »; a mail, an event and the history follow."""

    def operation() -> Membership:
        manager = User.get_by_id(actor.id)
        membership = _pending(manager, membership_id, expected_version)
        text = check_motif(motif)
        now = services.now()
        MembershipService.update(status=ServiceLineStatus.REFUSE).where(
            (MembershipService.membership == membership)
            & (MembershipService.status == ServiceLineStatus.EN_COURS_DE_VALIDATION)
        ).execute()
        membership.status = MembershipStatus.REFUSEE
        membership.motif = text
        membership.decided_at = now
        membership.decided_by = manager
        membership.version += 1
        membership.save()
        structure, requester = membership.structure, membership.user
        audit(
            services,
            manager,
            "MEMBERSHIP_REFUSED",
            structure=structure,
            target=requester,
            motif=text,
        )
        event(services, requester, "membership_refused", structure=structure.raison_sociale)
        mail(
            services,
            requester,
            "membership_refused",
            structure=structure.raison_sociale,
            identifier=structure.identifier,
            motif=text,
        )
        return membership

    return run_write(operation)


def check_motif(motif: str | None) -> str:
    """A refusal's motif: required, one line, at most 255 characters."""
    text = clean(motif)
    errors = FieldErrors()
    if not text:
        errors.add("motif", "required")
    elif has_control(text):
        errors.add("motif", "control_characters")
    elif len(text) > MOTIF_MAX_LENGTH:
        errors.add("motif", "too_long", max=MOTIF_MAX_LENGTH)
    errors.raise_if_any()
    return text
