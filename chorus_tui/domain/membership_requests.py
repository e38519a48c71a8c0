"""« Les demandes de rattachement » of « Activités du gestionnaire » (M1–M3): the pending
membership requests of the structures the manager may decide for, one request in full, and its
validation (with the role and the services) or refusal (with a motif)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound, PermissionDenied
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.prepared import Prepared
from chorus_tui.domain.rights import Action, allowed, is_active_person, may_decide, require
from chorus_tui.domain.subscriptions import grant_default_subscriptions
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.models import Membership, MembershipService, Service, Structure, User
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    ServiceLineStatus,
    StructureStatus,
)

MOTIF_MAX_LENGTH = 255
GRANTABLE_ROLES = (Role.GESTIONNAIRE_SECONDAIRE, Role.UTILISATEUR_SIMPLE)
# What a decision writes on the membership row.
_DECISION_FIELDS = (
    Membership.status,
    Membership.role,
    Membership.whole_structure,
    Membership.motif,
    Membership.decided_at,
    Membership.decided_by,
    Membership.version,
)


def decidable_structures(actor: User) -> peewee.ModelSelect:
    """Ids of the active structures whose requests ``actor`` may decide: those they are principal
    of, and those they are secondary manager of when the structure gives secondaries the
    principal's rights (SPEC §3)."""
    mine = Membership.alias()
    query = (
        Structure.select(Structure.id)
        .join(mine, on=(mine.structure == Structure.id))
        .where(
            (mine.user == actor.id)
            & (Structure.status == StructureStatus.ACTIF)
            & may_decide(mine, Structure)
        )
    )
    if not is_active_person(actor):
        # A deactivated or technical account decides nothing, whatever its memberships.
        return query.where(Structure.id.is_null())
    return query


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
    page = paginate(pending_memberships_query(actor), size, offset, reversible=True)
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


def _decidable(actor: User, membership_id: int) -> Membership:
    membership = (
        Membership.select(Membership, User, Structure)
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure, on=(Membership.structure == Structure.id))
        .where(Membership.id == membership_id)
        .first()
    )
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


# What deciding a request reads of its requester (the mail) and of its structure.
_REQUESTER_COLUMNS = (
    User.id,
    User.login,
    User.email,
    User.nom,
    User.prenom,
    User.language,
    User.status,  # journal.mail sends a deactivated account nothing: no second read
)
_STRUCTURE_COLUMNS = (
    Structure.id,
    Structure.kind,
    Structure.identifier,
    Structure.raison_sociale,
    Structure.secondary_rights,
)
_Decider = User.alias("decider")
_DecidersMembership = Membership.alias("deciders_membership")


def _decision_query(actor_id: int, membership_id: int) -> peewee.ModelSelect:
    """The request with its requester, its structure and the actor's account and validated role
    in the structure (``.decider``, ``.decider.validated``), locked on PostgreSQL."""
    query = (
        Membership.select(
            Membership,
            *_REQUESTER_COLUMNS,
            *_STRUCTURE_COLUMNS,
            _Decider.id,
            _Decider.status,
            _Decider.is_technical,
            _DecidersMembership.role,
        )
        .join(User, on=(Membership.user == User.id))
        .switch(Membership)
        .join(Structure, on=(Membership.structure == Structure.id))
        .join_from(
            Membership,
            _Decider,
            peewee.JOIN.LEFT_OUTER,
            on=(_Decider.id == actor_id),
            attr="decider",
        )
        .join_from(
            _Decider,
            _DecidersMembership,
            peewee.JOIN.LEFT_OUTER,
            on=(
                (_DecidersMembership.user == _Decider.id)
                & (_DecidersMembership.structure == Membership.structure)
                & (_DecidersMembership.status == MembershipStatus.VALIDEE)
            ),
            attr="validated",
        )
        .where(Membership.id == membership_id)
    )
    return locked(query, Membership)


# Run once per request of a bulk decision: their SQL is built once (see domain.prepared).
_decision = Prepared(_decision_query, ids=2)
_service_lines = Prepared(
    lambda membership_id: (
        MembershipService.select(
            MembershipService.id,
            MembershipService.service,
            MembershipService.status,
            Service.id,
            Service.code,
            Service.active,
            Service.structure,
        )
        .join(Service)
        .where(MembershipService.membership == membership_id)
    ),
    ids=1,
)


def _pending(actor: User, membership_id: int, expected_version: int | None) -> Membership:
    """The request, still pending and as ``actor`` saw it; else the conflict of X8. The row
    stays locked until the commit (PostgreSQL), so two managers never both decide it.

    One statement reads the request, what the decision needs of its requester and structure,
    and ``actor``'s account and validated role in the structure, read afresh (``.decider``: the
    actor as of now, who may decide only if :func:`~chorus_tui.domain.rights.require` would let
    them)."""
    membership = next(_decision(actor.id, membership_id), None)
    if membership is None:
        raise NotFound()
    structure, decider = membership.structure, getattr(membership, "decider", None)
    validated = getattr(decider, "validated", None)
    role = validated.role if validated is not None else None
    if not (
        decider is not None
        and decider.id is not None
        and is_active_person(decider)
        and allowed(role, Action.DECIDE_REQUESTS, structure.secondary_rights)
    ):
        raise PermissionDenied(action=str(Action.DECIDE_REQUESTS), structure=structure.identifier)
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
        membership = _pending(actor, membership_id, expected_version)
        structure, manager = membership.structure, membership.decider
        errors = FieldErrors()
        if role not in GRANTABLE_ROLES:
            errors.add("role", "choice_invalid")
        lines = {line.service_id: line for line in _service_lines(membership.id)}
        live = (ServiceLineStatus.EN_COURS_DE_VALIDATION, ServiceLineStatus.VALIDE)
        if service_ids is None:
            checked = [sid for sid, line in lines.items() if line.status in live]
        else:
            checked = list(dict.fromkeys(service_ids))
        # The codes of the structure's active services among those checked.
        active_codes = {
            sid: line.service.code
            for sid, line in lines.items()
            if line.service.active and line.service.structure_id == structure.id
        }
        others = [service_id for service_id in checked if service_id not in active_codes]
        if others:
            active_codes.update(
                Service.select(Service.id, Service.code)
                .where(
                    (Service.id.in_(others))
                    & (Service.structure == structure.id)
                    & (Service.active == True)  # noqa: E712
                )
                .tuples()
            )
        if any(service_id not in active_codes for service_id in checked):
            errors.add("services", "choice_invalid")
        elif not membership.whole_structure and not checked:
            errors.add("services", "services_required")
        errors.raise_if_any()

        now = services.now()
        added = [service_id for service_id in checked if service_id not in lines]
        if added:
            MembershipService.insert_many(
                [
                    {
                        "membership": membership.id,
                        "service": service_id,
                        "status": ServiceLineStatus.VALIDE,
                    }
                    for service_id in added
                ]
            ).execute()
        _set_lines(
            ServiceLineStatus.VALIDE,
            [
                lines[sid].id
                for sid in checked
                if sid in lines and lines[sid].status != ServiceLineStatus.VALIDE
            ],
        )
        _set_lines(
            ServiceLineStatus.REFUSE,
            [line.id for sid, line in lines.items() if sid not in checked and line.status in live],
        )
        membership.status = MembershipStatus.VALIDEE
        membership.role = role
        membership.whole_structure = not checked
        membership.decided_at = now
        membership.decided_by = manager
        membership.version += 1
        membership.save(only=_DECISION_FIELDS)
        grant_default_subscriptions(services, membership, manager)
        codes = sorted(active_codes[service_id] for service_id in checked)
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
        membership = _pending(actor, membership_id, expected_version)
        manager = membership.decider
        text = check_motif(motif)
        now = services.now()
        MembershipService.update(status=ServiceLineStatus.REFUSE).where(
            (MembershipService.membership == membership.id)
            & (MembershipService.status == ServiceLineStatus.EN_COURS_DE_VALIDATION)
        ).execute()
        membership.status = MembershipStatus.REFUSEE
        membership.motif = text
        membership.decided_at = now
        membership.decided_by = manager
        membership.version += 1
        membership.save(only=_DECISION_FIELDS)
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


def _set_lines(status: str, line_ids: list[int]) -> None:
    if line_ids:
        MembershipService.update(status=status).where(MembershipService.id.in_(line_ids)).execute()


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
