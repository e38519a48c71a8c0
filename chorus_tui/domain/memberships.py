"""« Mes rattachements aux structures » (F4): the user's own memberships, a membership request
to a structure, and « Supprimer rattachements » (with the successor of a principal manager)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.principal import transfer_principal
from chorus_tui.domain.rights import Action, is_active_person, require
from chorus_tui.domain.structures import active_services
from chorus_tui.domain.subscriptions import deciders, end_subscriptions
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.i18n import parse_date
from chorus_tui.models import Membership, MembershipService, Service, Structure, User
from chorus_tui.models.codes import (
    MembershipStatus,
    Role,
    ServiceLineStatus,
    StructureStatus,
)

COMMENT_MAX_LENGTH = 255
LIVE = (MembershipStatus.EN_COURS_DE_VALIDATION, MembershipStatus.VALIDEE)


# -- the user's own list ----------------------------------------------------------------------


def my_memberships_query(actor: User) -> peewee.ModelSelect:
    """``actor``'s memberships but the removed ones, by structure name."""
    return (
        Membership.select(Membership, Structure)
        .join(Structure)
        .where((Membership.user == actor.id) & (Membership.status != MembershipStatus.SUPPRIMEE))
        .order_by(Structure.search_raison_sociale, Structure.id, Membership.id)
    )


def my_memberships(actor: User, *, size: int = 5, offset: int = 0) -> Page[Membership]:
    return paginate(my_memberships_query(actor), size, offset)


def my_membership(actor: User, membership_id: int) -> Membership:
    """One of ``actor``'s memberships (« accéder à la demande »)."""
    membership = (
        Membership.select(Membership, Structure)
        .join(Structure)
        .where((Membership.id == membership_id) & (Membership.user == actor.id))
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


@dataclass(frozen=True)
class ServiceLine:
    code: str
    libelle: str
    status: str


def membership_services(membership: Membership) -> list[ServiceLine]:
    """The services a membership names, with the status of each."""
    rows = (
        MembershipService.select(MembershipService, Service)
        .join(Service)
        .where(MembershipService.membership == membership)
        .order_by(Service.code)
    )
    return [ServiceLine(row.service.code, row.service.libelle, row.status) for row in rows]


# -- « Demander un rattachement » ---------------------------------------------------------------


def live_membership(user: User, structure: Structure | int) -> Membership | None:
    return Membership.get_or_none(
        (Membership.user == user)
        & (Membership.structure == structure)
        & Membership.status.in_(LIVE)
    )


def request_membership(
    services: Services,
    actor: User,
    structure_id: int,
    *,
    start_date: str,
    end_date: str = "",
    comment: str = "",
    service_ids: Sequence[int] = (),
) -> Membership:
    """Send a membership request (``EN_COURS_DE_VALIDATION``, simple user) to the structure:
    on the whole structure when ``service_ids`` is empty, else on those services. The deciders
    of the structure get an event and a mail. A request to an inactive structure, or while a
    pending or validated one exists, is refused."""

    def operation() -> Membership:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        # Locked (PostgreSQL) as every change of the structure's members is: two requests, or a
        # request and a reactivation, cannot both see « no live membership ».
        structure = locked(Structure.select().where(Structure.id == structure_id)).first()
        if structure is None:
            raise NotFound()
        if structure.status != StructureStatus.ACTIF:
            raise Conflict("structure_inactive")
        if live_membership(user, structure) is not None:
            raise Conflict("membership_duplicate")
        errors = FieldErrors()
        start, end, text, chosen = check_details(
            errors, structure, start_date, end_date, comment, service_ids
        )
        errors.raise_if_any()

        now = services.now()
        membership = Membership.create(
            user=user,
            structure=structure,
            role=Role.UTILISATEUR_SIMPLE,
            status=MembershipStatus.EN_COURS_DE_VALIDATION,
            start_date=start,
            end_date=end,
            comment=text,
            whole_structure=not chosen,
            requested_at=now,
        )
        for service in chosen:
            MembershipService.create(
                membership=membership,
                service=service,
                status=ServiceLineStatus.EN_COURS_DE_VALIDATION,
            )
        codes = [service.code for service in chosen]
        audit(
            services,
            user,
            "MEMBERSHIP_REQUESTED",
            structure=structure,
            target=user,
            service_codes=codes,
        )
        event(services, user, "membership_requested", structure=structure.raison_sociale)
        for manager in deciders(structure):
            params = {
                "structure": structure.raison_sociale,
                "identifier": structure.identifier,
                "requester": user.display_name,
            }
            event(services, manager, "membership_request_received", **params)
            mail(services, manager, "membership_request_received", **params)
        return membership

    return run_write(operation)


def check_details(
    errors: FieldErrors,
    structure: Structure,
    start_date: str,
    end_date: str,
    comment: str,
    service_ids: Sequence[int],
) -> tuple[dt.date | None, dt.date | None, str, list[Service]]:
    """The dates, commentaire and services of a membership form (the request F4, the
    membership a manager gives M7/M8): what to store, the refusals added to ``errors``."""
    start, end = _dates(errors, start_date, end_date)
    text = clean(comment)
    if has_control(text):
        errors.add("comment", "control_characters")
    elif len(text) > COMMENT_MAX_LENGTH:
        errors.add("comment", "too_long", max=COMMENT_MAX_LENGTH)
    available = {service.id: service for service in active_services(structure)}
    chosen = list(dict.fromkeys(service_ids))
    if any(service_id not in available for service_id in chosen):
        errors.add("services", "choice_invalid")
    return start, end, text, [available[sid] for sid in chosen if sid in available]


def _dates(errors: FieldErrors, start_text: str, end_text: str):
    """Début de validité (required) and fin (optional, not before the start), ``jj/mm/aaaa``."""
    start = end = None
    if not clean(start_text):
        errors.add("start_date", "required")
    else:
        start = parse_date(start_text)
        if start is None:
            errors.add("start_date", "date_invalid")
    if clean(end_text):
        end = parse_date(end_text)
        if end is None:
            errors.add("end_date", "date_invalid")
        elif start is not None and end < start:
            errors.add("end_date", "end_before_start")
    return start, end


# -- « Supprimer rattachements » ------------------------------------------------------------------


@dataclass(frozen=True)
class RemovalLine:
    """A membership to remove, and whether its structure needs a new principal manager first."""

    membership: Membership
    needs_successor: bool


def removal_plan(actor: User, membership_ids: Sequence[int]) -> list[RemovalLine]:
    """The lines of the confirmation window; a membership that is not ``actor``'s, or not
    pending or validated any more, is a conflict."""
    wanted = list(dict.fromkeys(membership_ids))
    rows = list(
        Membership.select(Membership, Structure)
        .join(Structure)
        .where(
            (Membership.id.in_(wanted))
            & (Membership.user == actor.id)
            & (Membership.status.in_(LIVE))
        )
        .order_by(Structure.search_raison_sociale, Structure.id)
    )
    if len(rows) != len(wanted):
        raise Conflict("membership_gone")
    return [
        RemovalLine(
            row,
            row.status == MembershipStatus.VALIDEE
            and row.role == Role.GESTIONNAIRE_PRINCIPAL
            and row.structure.status == StructureStatus.ACTIF,
        )
        for row in rows
    ]


def find_successor(actor: User, login: str) -> User | None:
    """The active, non-technical account whose login id is ``login`` (case ignored)."""
    require(actor, Action.MON_COMPTE)
    term = fold(clean(login))
    if not term or has_control(term):
        return None
    user = User.get_or_none(User.search_login == term)
    if user is None or user.id == actor.id or not is_active_person(user):
        return None
    return user


def remove_memberships(
    services: Services,
    actor: User,
    membership_ids: Sequence[int],
    successors: Mapping[int, str] | None = None,
) -> int:
    """Remove ``actor``'s memberships, all or nothing. Where ``actor`` is principal manager, the
    structure's successor is named by login id (``successors``: structure id → login id) and
    becomes principal; ``actor`` stays attached there as a simple user. Elsewhere the membership
    becomes ``SUPPRIMEE`` and ``actor``'s subscriptions on the structure end."""

    def operation() -> int:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        plan = removal_plan(user, membership_ids)
        chosen = dict(successors or {})
        errors = FieldErrors()
        heirs: dict[int, User] = {}
        for line in plan:
            if not line.needs_successor:
                continue
            structure = line.membership.structure
            login = chosen.get(structure.id, "")
            if not clean(login):
                errors.add(f"successor_{structure.id}", "required")
                continue
            heir = find_successor(user, login)
            if heir is None:
                errors.add(f"successor_{structure.id}", "successor_login_invalid")
            else:
                heirs[structure.id] = heir
        errors.raise_if_any()

        now = services.now()
        for line in plan:
            membership = line.membership
            structure = membership.structure
            if line.needs_successor:
                transfer_principal(services, user, structure, heirs[structure.id])
                continue
            membership.status = MembershipStatus.SUPPRIMEE
            membership.decided_at = now
            membership.decided_by = user
            membership.version += 1
            membership.save()
            MembershipService.update(status=ServiceLineStatus.DESACTIVE).where(
                MembershipService.membership == membership
            ).execute()
            end_subscriptions(services, user, structure)
            audit(services, user, "MEMBERSHIP_REMOVED", structure=structure, target=user)
        return len(plan)

    return run_write(operation)
