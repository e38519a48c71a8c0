"""« Les demandes d'abonnement aux espaces » of « Activités du gestionnaire » (M4–M6).

A request, as the guide shows it, is what one user waits for on one structure: every pending,
not ended subscription line of that user there. It is named by the id of its first line. The
manager validates it line by line (consultation and/or modification, with a scope) or refuses it
with a motif."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import peewee
from peewee import fn

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.membership_requests import check_motif, decidable_structures
from chorus_tui.domain.paging import MAX_PAGE_SIZE, Page, count_rows
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.subscriptions import COMMENT_MAX_LENGTH
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.i18n import translate
from chorus_tui.models import (
    Membership,
    MembershipService,
    Service,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
)
from chorus_tui.models.codes import (
    Habilitation,
    MembershipStatus,
    ServiceLineStatus,
    SubscriptionStatus,
)


class Scope(StrEnum):
    """« Rattacher les espaces sélectionnés … »"""

    USER = "USER"
    """… seulement à l'utilisateur: the lines as asked."""
    SERVICES = "SERVICES"
    """… au niveau de tous les services concernés: each line also on every other service the
    user is habilitated to."""
    STRUCTURE = "STRUCTURE"
    """… au niveau de la structure: the lines on the whole structure, and the space opened at
    structure level."""


def _pending_lines() -> peewee.Expression:
    return (Subscription.status == SubscriptionStatus.EN_COURS_DE_VALIDATION) & (
        Subscription.ended_at.is_null()
    )


# -- M4: the list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PendingSubscriptionRequest:
    """A row of M4: ``id`` is the id of the request's first line."""

    id: int
    requester: User
    structure: Structure
    spaces: list[str]
    requested_at: datetime


def _pending_groups(actor: User) -> peewee.ModelSelect:
    """One row per request (a user's pending lines for one structure), unordered."""
    return (
        Subscription.select(
            fn.MIN(Subscription.id).alias("first"),
            Subscription.user,
            Subscription.structure,
            fn.MIN(Subscription.requested_at).alias("since"),
        )
        .where(_pending_lines() & Subscription.structure.in_(decidable_structures(actor)))
        .group_by(Subscription.user, Subscription.structure)
    )


def count_pending_subscription_requests(actor: User) -> int:
    """How many requests M4 lists for ``actor``: the count its first page shows (remembered
    while the database is unchanged, so the synthèse and its table count once)."""
    return count_rows(_pending_groups(actor))


def pending_subscription_requests(
    actor: User, *, size: int = 5, offset: int = 0
) -> Page[PendingSubscriptionRequest]:
    """A page of M4, oldest first, grouped and paged in SQL."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    offset = max(0, offset)
    grouped = _pending_groups(actor)
    total = count_rows(grouped)
    if offset >= total and total:
        offset = (total - 1) // size * size
    groups = list(
        grouped.order_by(fn.MIN(Subscription.requested_at), fn.MIN(Subscription.id))
        .limit(size)
        .offset(offset)
        .dicts()
    )
    rows = _requests(groups)
    return Page(rows, total, offset, size)


def _requests(groups: list[dict]) -> list[PendingSubscriptionRequest]:
    if not groups:
        return []
    users = {u.id: u for u in User.select().where(User.id.in_([g["user"] for g in groups]))}
    structures = {
        s.id: s
        for s in Structure.select().where(Structure.id.in_([g["structure"] for g in groups]))
    }
    spaces: dict[tuple[int, int], list[str]] = {}
    lines = (
        Subscription.select(Subscription.user, Subscription.structure, Space.code)
        .join(Space)
        .where(
            _pending_lines()
            & Subscription.user.in_(list(users))
            & Subscription.structure.in_(list(structures))
        )
        .order_by(Space.position)
        .tuples()
    )
    for user_id, structure_id, code in lines:
        codes = spaces.setdefault((user_id, structure_id), [])
        if code not in codes:
            codes.append(code)
    return [
        PendingSubscriptionRequest(
            id=group["first"],
            requester=users[group["user"]],
            structure=structures[group["structure"]],
            spaces=spaces.get((group["user"], group["structure"]), []),
            requested_at=Subscription.requested_at.python_value(group["since"]),
        )
        for group in groups
    ]


# -- M5: one request ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionRequest:
    """M5: the requester, the structure, and the pending lines (``.space`` and ``.service``
    joined), by space then service."""

    id: int
    requester: User
    structure: Structure
    lines: list[Subscription]


def subscription_request(
    actor: User, request_id: int, *, lock: bool = False
) -> SubscriptionRequest:
    """M5: the pending lines of the request ``request_id``. With ``lock`` (in a write
    transaction) they stay locked until the commit (PostgreSQL): two managers never both
    decide a line."""
    first = Subscription.get_or_none(Subscription.id == request_id)
    if first is None:
        raise NotFound()
    structure = Structure.get_by_id(first.structure_id)
    require(actor, Action.DECIDE_REQUESTS, structure)
    query = (
        Subscription.select(Subscription, Space, Service)
        .join(Space, on=(Subscription.space == Space.id))
        .switch(Subscription)
        .join(Service, peewee.JOIN.LEFT_OUTER, on=(Subscription.service == Service.id))
        .where(
            _pending_lines()
            & (Subscription.user == first.user_id)
            & (Subscription.structure == structure)
        )
        .order_by(Space.position, fn.COALESCE(Service.code, ""), Subscription.id)
    )
    lines = list(locked(query, Subscription) if lock else query)
    if not lines:
        raise Conflict("request_processed")
    return SubscriptionRequest(lines[0].id, User.get_by_id(first.user_id), structure, lines)


@dataclass(frozen=True)
class LineDecision:
    """What the manager ticked on one line of M5."""

    subscription_id: int
    consultation: bool
    modification: bool

    @property
    def habilitations(self) -> list[Habilitation]:
        chosen = []
        if self.consultation:
            chosen.append(Habilitation.CONSULTATION_UNIQUEMENT)
        if self.modification:
            chosen.append(Habilitation.MODIFICATION)
        return chosen


def _current(actor: User, request_id: int, expected_ids: Sequence[int] | None):
    request = subscription_request(actor, request_id, lock=True)
    if expected_ids is not None and sorted(expected_ids) != sorted(r.id for r in request.lines):
        raise Conflict("request_processed")
    return request


def validate_subscription_request(
    services: Services,
    actor: User,
    request_id: int,
    *,
    decisions: Sequence[LineDecision] | None = None,
    comment: str = "",
    scope: str = Scope.USER,
    expected_ids: Sequence[int] | None = None,
) -> list[Subscription]:
    """M5 « Valider ». Without ``decisions`` every line is granted as asked. A line with both
    boxes ticked is granted with both habilitations (two lines), with none is refused. One
    granted line at least. ``expected_ids`` are the lines the manager saw: if they changed
    meanwhile, the request is a conflict."""

    def operation() -> list[Subscription]:
        manager = User.get_by_id(actor.id)
        request = _current(manager, request_id, expected_ids)
        by_id = {line.id: line for line in request.lines}
        chosen = {decision.subscription_id: decision.habilitations for decision in decisions or ()}
        errors = FieldErrors()
        if decisions is None:
            chosen = {line.id: [Habilitation(line.habilitation)] for line in request.lines}
        elif any(line_id not in by_id for line_id in chosen):
            raise Conflict("request_processed")
        if not any(chosen.get(line.id) for line in request.lines):
            errors.add("lines", "lines_required")
        if scope not in tuple(Scope):
            errors.add("scope", "choice_invalid")
        text = clean(comment)
        if has_control(text):
            errors.add("comment", "control_characters")
        elif len(text) > COMMENT_MAX_LENGTH:
            errors.add("comment", "too_long", max=COMMENT_MAX_LENGTH)
        errors.raise_if_any()

        now = services.now()
        granted: list[Subscription] = []
        refused: list[Subscription] = []
        for line in request.lines:
            habilitations = chosen.get(line.id, [])
            if not habilitations:
                _decide(line, SubscriptionStatus.REFUSE, manager, now, text)
                refused.append(line)
                continue
            for place in _places(request, line, scope):
                for habilitation in habilitations:
                    granted.append(
                        _grant(services, request, line, place, habilitation, manager, text)
                    )
            if scope == Scope.STRUCTURE:
                _open_space(request.structure, line.space, now)
        requester, structure = request.requester, request.structure
        for space_code in dict.fromkeys(row.space.code for row in granted):
            audit(
                services,
                manager,
                "SUBSCRIPTION_VALIDATED",
                structure=structure,
                target=requester,
                space=space_code,
                scope=str(scope),
            )
            _tell(services, requester, structure, space_code, "subscription_validated")
        for space_code in dict.fromkeys(row.space.code for row in refused):
            audit(
                services,
                manager,
                "SUBSCRIPTION_REFUSED",
                structure=structure,
                target=requester,
                space=space_code,
            )
            _tell(services, requester, structure, space_code, "subscription_refused")
        return granted

    return run_write(operation)


def _places(request: SubscriptionRequest, line: Subscription, scope: str) -> list[int | None]:
    """The services (None: the whole structure) a granted line lands on."""
    if scope == Scope.STRUCTURE:
        return [None]
    if scope == Scope.SERVICES and line.service_id is not None:
        return [line.service_id, *(s for s in _habilitated(request) if s != line.service_id)]
    return [line.service_id]


def _habilitated(request: SubscriptionRequest) -> list[int]:
    """The services the requester is habilitated to on the structure."""
    membership = Membership.get_or_none(
        (Membership.user == request.requester)
        & (Membership.structure == request.structure)
        & (Membership.status == MembershipStatus.VALIDEE)
    )
    if membership is None:
        return []
    query = Service.select(Service.id).where(
        (Service.structure == request.structure) & (Service.active == True)  # noqa: E712
    )
    if not membership.whole_structure:
        query = query.join(MembershipService, on=(MembershipService.service == Service.id)).where(
            (MembershipService.membership == membership)
            & (MembershipService.status == ServiceLineStatus.VALIDE)
        )
    return [row.id for row in query.order_by(Service.code)]


def _grant(
    services: Services,
    request: SubscriptionRequest,
    line: Subscription,
    service_id: int | None,
    habilitation: Habilitation,
    manager: User,
    comment: str,
) -> Subscription:
    """Validate ``line`` itself when it is the line asked, else a new valid line, unless the
    same valid line exists already."""
    now = services.now()
    if service_id == line.service_id and line.status == SubscriptionStatus.EN_COURS_DE_VALIDATION:
        line.habilitation = habilitation
        _decide(line, SubscriptionStatus.VALIDE, manager, now, comment)
        return line
    existing = (
        Subscription.select()
        .where(
            (Subscription.user == request.requester)
            & (Subscription.structure == request.structure)
            & (Subscription.space == line.space_id)
            & (
                Subscription.service.is_null()
                if service_id is None
                else Subscription.service == service_id
            )
            & (Subscription.habilitation == habilitation)
            & (Subscription.status == SubscriptionStatus.VALIDE)
            & (Subscription.ended_at.is_null())
        )
        .first()
    )
    if existing is not None:
        if line.status == SubscriptionStatus.EN_COURS_DE_VALIDATION:
            _decide(line, SubscriptionStatus.VALIDE, manager, now, comment)
        return existing
    if line.status == SubscriptionStatus.EN_COURS_DE_VALIDATION:
        _decide(line, SubscriptionStatus.VALIDE, manager, now, comment)
    return Subscription.create(
        user=request.requester,
        structure=request.structure,
        service=service_id,
        space=line.space_id,
        habilitation=habilitation,
        status=SubscriptionStatus.VALIDE,
        effective_date=line.effective_date,
        comment=line.comment,
        requested_at=line.requested_at,
        decided_at=now,
        decided_by=manager,
        motif=comment,
    )


def _decide(line: Subscription, status: str, manager: User, now, motif: str) -> None:
    line.status = status
    line.decided_at = now
    line.decided_by = manager
    line.motif = motif
    line.version += 1
    line.save()


def _open_space(structure: Structure, space: Space, now) -> None:
    StructureSpace.get_or_create(structure=structure, space=space, defaults={"created_at": now})


def _tell(services: Services, user: User, structure: Structure, space_code: str, kind: str):
    event(services, user, kind, structure=structure.raison_sociale, space=space_code)
    label = translate(user.language or "FR", f"space.{space_code}")
    mail(services, user, kind, structure=structure.raison_sociale, space=label)


def refuse_subscription_request(
    services: Services,
    actor: User,
    request_id: int,
    motif: str,
    *,
    expected_ids: Sequence[int] | None = None,
) -> int:
    """M6: every line of the request is refused with the motif (required, ≤ 255); the history
    says « Désactivée », the user gets a mail and an event per space."""

    def operation() -> int:
        manager = User.get_by_id(actor.id)
        request = _current(manager, request_id, expected_ids)
        text = check_motif(motif)
        now = services.now()
        for line in request.lines:
            _decide(line, SubscriptionStatus.REFUSE, manager, now, text)
        for space_code in dict.fromkeys(line.space.code for line in request.lines):
            audit(
                services,
                manager,
                "SUBSCRIPTION_REFUSED",
                structure=request.structure,
                target=request.requester,
                motif=text,
                space=space_code,
            )
            _tell(
                services, request.requester, request.structure, space_code, "subscription_refused"
            )
        return len(request.lines)

    return run_write(operation)
