"""« Mes abonnements aux espaces » (F5): the default subscriptions a validated membership gives,
the user's own list, deleting lines, and « Ajouter un abonnement »."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.prepared import Prepared
from chorus_tui.domain.rights import MANAGERS, Action, can, deciding_roles, require
from chorus_tui.domain.spaces import default_spaces
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.i18n import parse_date, translate
from chorus_tui.models import (
    Membership,
    MembershipService,
    Service,
    Space,
    Structure,
    StructureSpace,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    ServiceLineStatus,
    SpaceCode,
    StructureStatus,
    SubscriptionStatus,
)

COMMENT_MAX_LENGTH = 255
LIVE = (SubscriptionStatus.EN_COURS_DE_VALIDATION, SubscriptionStatus.VALIDE)


def grant_default_subscriptions(
    services: Services, membership: Membership, decided_by: User | None
) -> list[Subscription]:
    """The spaces a validated membership gives by default (F5 table), on the whole structure,
    with « modification »; a space the user already holds there is not given twice.

    A bulk validation runs this a thousand times: three statements whatever the number of
    spaces. The user's rows on the structure are read by the ``(user, structure)`` index and
    filtered here (with the status in SQL, SQLite may pick the ``(structure, status)`` index and
    scan every subscription of a big structure); the new rows go in one multi-row insert."""
    now = services.now()
    structure = membership.structure
    codes = default_spaces(membership.role, structure.kind)
    held = {
        space_id
        for space_id, service_id, habilitation, status, ended_at in _rows_on(
            membership.user_id, structure.id
        )
        if service_id is None
        and habilitation == Habilitation.MODIFICATION
        and status == SubscriptionStatus.VALIDE
        and ended_at is None
    }
    spaces = {space.code: space for space in _spaces()}
    granted = [
        Subscription(
            user=membership.user_id,
            structure=structure.id,
            space=spaces[code],
            habilitation=Habilitation.MODIFICATION,
            status=SubscriptionStatus.VALIDE,
            effective_date=now.date(),
            automatic=True,
            requested_at=now,
            decided_at=now,
            decided_by=decided_by.id if decided_by is not None else None,
        )
        for code in codes
        if spaces[code].id not in held
    ]
    if granted:
        by_space = dict(_insert(granted))
        for row in granted:
            row.id = by_space[row.space.id]
    return granted


# Run for each request of a bulk validation: their SQL is built once (see domain.prepared).
_rows_on = Prepared(
    lambda user_id, structure_id: (
        Subscription.select(
            Subscription.space,
            Subscription.service,
            Subscription.habilitation,
            Subscription.status,
            Subscription.ended_at,
        )
        .where((Subscription.user == user_id) & (Subscription.structure == structure_id))
        .tuples()
    ),
    ids=2,
)
_spaces = Prepared(Space.select)


def _insert(rows: list[Subscription]) -> list[tuple[int, int]]:
    """Insert ``rows`` in one statement; their ``(space id, id)``. Peewee takes longer to build
    a multi-row insert (a millisecond for six rows) than the database takes to run it: its text
    is built once per backend and number of rows, the values converted here as peewee does."""
    params = [field.db_value(row.__data__.get(field.name)) for row in rows for field in _INSERTED]
    sql = _insert_sql(type(database.obj), len(rows))
    return [(space_id, row_id) for row_id, space_id in database.execute_sql(sql, params)]


_INSERTED = tuple(field for field in Subscription._meta.sorted_fields if field.name != "id")


@functools.cache
def _insert_sql(backend: type, count: int) -> str:
    values = [
        [field.default() if callable(field.default) else field.default for field in _INSERTED]
    ]
    query = Subscription.insert_many(values * count, fields=list(_INSERTED)).returning(
        Subscription.id, Subscription.space
    )
    sql, params = query.sql()
    if len(params) != count * len(_INSERTED):  # a value peewee wrote inline would be reused
        raise AssertionError(f"unexpected insert statement: {sql}")
    return sql


def end_subscriptions(
    services: Services, user: User, structure: Structure, spaces: Iterable[str] | None = None
) -> int:
    """End ``user``'s live subscriptions on ``structure`` (only those of ``spaces`` if given)."""
    query = Subscription.update(ended_at=services.now(), version=Subscription.version + 1).where(
        (Subscription.user == user)
        & (Subscription.structure == structure)
        & (Subscription.ended_at.is_null())
    )
    if spaces is not None:
        ids = Space.select(Space.id).where(Space.code.in_(list(spaces)))
        query = query.where(Subscription.space.in_(ids))
    return query.execute()


def deciders(structure: Structure) -> list[User]:
    """The managers who may validate the structure's requests: its principal, and its secondary
    managers when the structure gives them the principal's rights; active accounts only."""
    roles = deciding_roles(structure.secondary_rights)
    return list(
        User.select()
        .join(Membership, on=(Membership.user == User.id))
        .where(
            (Membership.structure == structure)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role.in_(roles))
            & (User.status == AccountStatus.ACTIF)
            & (User.is_technical == False)  # noqa: E712
        )
        .order_by(User.id)
    )


# -- the user's own list ----------------------------------------------------------------------


def my_subscriptions_query(actor: User) -> peewee.ModelSelect:
    """``actor``'s live subscriptions (pending or valid, not ended), by structure and space."""
    return (
        Subscription.select(Subscription, Structure, Space, Service)
        .join(Structure, on=(Subscription.structure == Structure.id))
        .switch(Subscription)
        .join(Space, on=(Subscription.space == Space.id))
        .switch(Subscription)
        .join(Service, peewee.JOIN.LEFT_OUTER, on=(Subscription.service == Service.id))
        .where(
            (Subscription.user == actor.id)
            & (Subscription.status.in_(LIVE))
            & (Subscription.ended_at.is_null())
        )
        .order_by(
            Structure.search_raison_sociale,
            Structure.id,
            peewee.fn.COALESCE(Service.code, ""),
            Space.position,
            Subscription.habilitation.desc(),
            Subscription.id,
        )
    )


def my_subscriptions(actor: User, *, size: int = 5, offset: int = 0) -> Page[Subscription]:
    return paginate(my_subscriptions_query(actor), size, offset)


def delete_subscriptions(services: Services, actor: User, ids: Sequence[int]) -> int:
    """End the given subscriptions of ``actor`` (all or nothing): a line that is not theirs or
    not live any more is a conflict, and nothing is ended."""

    def operation() -> int:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        wanted = set(ids)
        rows = list(
            Subscription.select().where(
                (Subscription.id.in_(list(wanted)))
                & (Subscription.user == user)
                & (Subscription.status.in_(LIVE))
                & (Subscription.ended_at.is_null())
            )
        )
        if len(rows) != len(wanted):
            raise Conflict("subscription_gone")
        now = services.now()
        for row in rows:
            row.ended_at = now
            row.version += 1
            row.save()
            audit(
                services,
                user,
                "SUBSCRIPTION_DELETED",
                structure=row.structure,
                target=user,
                space=row.space.code,
                habilitation=row.habilitation,
            )
        return len(rows)

    return run_write(operation)


# -- « Ajouter un abonnement » ----------------------------------------------------------------


@dataclass(frozen=True)
class SubscriptionLine:
    """One requested line: a service (None: the whole structure) and one habilitation."""

    service_id: int | None
    habilitation: Habilitation


def subscription_structures(actor: User) -> list[Structure]:
    """The structures ``actor`` may ask a subscription on: their validated memberships of
    active structures."""
    return list(
        Structure.select()
        .join(Membership, on=(Membership.structure == Structure.id))
        .where(
            (Membership.user == actor.id)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Structure.status == StructureStatus.ACTIF)
        )
        .order_by(Structure.search_raison_sociale, Structure.id)
    )


def _validated_membership(actor: User, structure_id: int) -> Membership:
    membership = (
        Membership.select(Membership, Structure)
        .join(Structure)
        .where(
            (Membership.user == actor.id)
            & (Membership.structure == structure_id)
            & (Membership.status == MembershipStatus.VALIDEE)
            & (Structure.status == StructureStatus.ACTIF)
        )
        .first()
    )
    if membership is None:
        raise NotFound()
    return membership


def subscription_spaces(actor: User, structure_id: int) -> list[Space]:
    """The spaces opened on the structure (M7d); « Activités du gestionnaire » only for its
    managers."""
    membership = _validated_membership(actor, structure_id)
    query = (
        Space.select()
        .join(StructureSpace, on=(StructureSpace.space == Space.id))
        .where(StructureSpace.structure == structure_id)
        .order_by(Space.position)
    )
    if membership.role not in MANAGERS:
        query = query.where(Space.code != SpaceCode.ACTIVITES_GESTIONNAIRE)
    return list(query)


def subscription_services(actor: User, structure_id: int) -> list[Service]:
    """The services ``actor`` is habilitated to: every active service of the structure when the
    membership covers the whole structure, else the validated services of the membership."""
    membership = _validated_membership(actor, structure_id)
    query = Service.select().where(
        (Service.structure == structure_id) & (Service.active == True)  # noqa: E712
    )
    if not membership.whole_structure:
        query = query.join(MembershipService, on=(MembershipService.service == Service.id)).where(
            (MembershipService.membership == membership)
            & (MembershipService.status == ServiceLineStatus.VALIDE)
        )
    return list(query.order_by(Service.code))


def request_subscriptions(
    services: Services,
    actor: User,
    *,
    structure_id: int | None,
    space_code: str | None,
    lines: Sequence[SubscriptionLine],
    effective_date: str,
    comment: str = "",
) -> list[Subscription]:
    """« Valider » of « Ajouter un abonnement »: one subscription per line, pending — or valid at
    once when ``actor`` may decide the structure's requests. The deciders are told (event and
    mail), except ``actor``."""

    def operation() -> list[Subscription]:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        errors = FieldErrors()
        structure = None
        space = None
        if not structure_id:
            errors.add("structure", "required")
        else:
            try:
                structure = _validated_membership(user, structure_id).structure
            except NotFound:
                errors.add("structure", "structure_unavailable")
        if not space_code:
            errors.add("space", "required")
        elif structure is not None:
            allowed_spaces = {
                space.code: space for space in subscription_spaces(user, structure.id)
            }
            space = allowed_spaces.get(space_code)
            if space is None:
                errors.add("space", "choice_invalid")
        if not lines:
            errors.add("lines", "lines_required")
        elif structure is not None:
            allowed_services = {s.id for s in subscription_services(user, structure.id)}
            if any(
                line.service_id is not None and line.service_id not in allowed_services
                for line in lines
            ):
                errors.add("lines", "choice_invalid")
        when = parse_date(effective_date or "")
        if not clean(effective_date):
            errors.add("effective_date", "required")
        elif when is None:
            errors.add("effective_date", "date_invalid")
        text = clean(comment)
        if has_control(text):
            errors.add("comment", "control_characters")
        elif len(text) > COMMENT_MAX_LENGTH:
            errors.add("comment", "too_long", max=COMMENT_MAX_LENGTH)
        errors.raise_if_any()
        assert structure is not None and space is not None and when is not None

        unique = list(dict.fromkeys(lines))
        if any(_held(user, structure, space, line) for line in unique):
            raise Conflict("subscription_duplicate")
        decides = can(user, Action.DECIDE_REQUESTS, structure)
        now = services.now()
        status = SubscriptionStatus.VALIDE if decides else SubscriptionStatus.EN_COURS_DE_VALIDATION
        created = [
            Subscription.create(
                user=user,
                structure=structure,
                service=line.service_id,
                space=space,
                habilitation=line.habilitation,
                status=status,
                effective_date=when,
                comment=text,
                requested_at=now,
                decided_at=now if decides else None,
                decided_by=user if decides else None,
            )
            for line in unique
        ]
        action = "SUBSCRIPTION_VALIDATED" if decides else "SUBSCRIPTION_REQUESTED"
        audit(
            services,
            user,
            action,
            structure=structure,
            target=user,
            space=space.code,
            lines=len(created),
        )
        for manager in deciders(structure):
            if manager.id == user.id:
                continue
            params = {"structure": structure.raison_sociale, "requester": user.display_name}
            event(services, manager, "subscription_request_received", space=space.code, **params)
            label = translate(manager.language or "FR", f"space.{space.code}")
            mail(services, manager, "subscription_request_received", space=label, **params)
        return created

    return run_write(operation)


def _held(user: User, structure: Structure, space: Space, line: SubscriptionLine) -> bool:
    """A live subscription of the same line exists already (pending or valid)."""
    service = (
        Subscription.service.is_null()
        if line.service_id is None
        else Subscription.service == line.service_id
    )
    return (
        Subscription.select()
        .where(
            (Subscription.user == user)
            & (Subscription.structure == structure)
            & (Subscription.space == space)
            & service
            & (Subscription.habilitation == line.habilitation)
            & (Subscription.status.in_(LIVE))
            & (Subscription.ended_at.is_null())
        )
        .exists()
    )
