"""M7d « espaces de la structure »: the spaces opened at structure level. Opening a space
creates one automatic subscription request per validated member of the structure (they appear
in M4, « Les demandes d'abonnement aux espaces »); closing it ends every subscription and
request on that space. Each in one transaction, with its history entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, NotFound, ValidationError
from chorus_tui.domain.journal import audit
from chorus_tui.domain.rights import MANAGERS, Action, require
from chorus_tui.domain.subscriptions import LIVE
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.models import Membership, Space, Structure, StructureSpace, Subscription, User
from chorus_tui.models.codes import (
    AccountStatus,
    Habilitation,
    MembershipStatus,
    SpaceCode,
    StructureStatus,
    SubscriptionStatus,
)

# Spaces every structure keeps: closing them would lock its users or managers out.
REQUIRED = frozenset(
    {SpaceCode.ACCUEIL_CONNECTE, SpaceCode.MON_COMPTE, SpaceCode.ACTIVITES_GESTIONNAIRE}
)


@dataclass(frozen=True)
class StructureSpaceRow:
    """A space and whether the structure has it open (since when)."""

    space: Space
    opened_at: dt.datetime | None

    @property
    def id(self) -> int:
        return self.space.id

    @property
    def code(self) -> str:
        return self.space.code

    @property
    def opened(self) -> bool:
        return self.opened_at is not None

    @property
    def required(self) -> bool:
        return self.space.code in REQUIRED


def _structure(structure_id: int, *, lock: bool = False) -> Structure:
    query = Structure.select().where(Structure.id == structure_id)
    structure = (locked(query) if lock else query).first()
    if structure is None:
        raise NotFound()
    return structure


def structure_spaces(actor: User, structure_id: int) -> list[StructureSpaceRow]:
    """Every space, in display order, with whether the structure has it open; for the
    structure's managers."""
    structure = _structure(structure_id)
    require(actor, Action.SEE_MANAGER_SPACE, structure)
    opened = {
        row.space_id: row.created_at
        for row in StructureSpace.select().where(StructureSpace.structure == structure)
    }
    return [
        StructureSpaceRow(space, opened.get(space.id))
        for space in Space.select().order_by(Space.position, Space.id)
    ]


def _writable(actor: User, structure_id: int) -> tuple[User, Structure]:
    manager = User.get_by_id(actor.id)
    structure = _structure(structure_id, lock=True)
    require(manager, Action.PARAMETRIZE_SPACES, structure)
    if structure.status != StructureStatus.ACTIF:
        raise Conflict("structure_read_only")
    return manager, structure


def _space(code: str) -> Space:
    space = Space.get_or_none(Space.code == code)
    if space is None:
        raise ValidationError({"space": "space_unknown"})
    return space


def add_structure_space(
    services: Services, actor: User, structure_id: int, space_code: str
) -> list[Subscription]:
    """Open ``space_code`` on the structure: one automatic subscription request (whole
    structure, « modification ») per validated member with an active account who does not
    hold that space there yet — « Activités du gestionnaire » only for its managers. Returns
    the requests created."""

    def operation() -> list[Subscription]:
        manager, structure = _writable(actor, structure_id)
        space = _space(space_code)
        if StructureSpace.get_or_none(
            (StructureSpace.structure == structure) & (StructureSpace.space == space)
        ):
            raise Conflict("space_already_open")
        now = services.now()
        StructureSpace.create(structure=structure, space=space, created_at=now)
        holders = Subscription.select(Subscription.user).where(
            (Subscription.structure == structure)
            & (Subscription.space == space)
            & (Subscription.service.is_null())
            & (Subscription.status.in_(LIVE))
            & (Subscription.ended_at.is_null())
        )
        members = (
            Membership.select(Membership, User)
            .join(User)
            .where(
                (Membership.structure == structure)
                & (Membership.status == MembershipStatus.VALIDEE)
                & (User.status == AccountStatus.ACTIF)
                & (User.is_technical == False)  # noqa: E712
                & (Membership.user.not_in(holders))
            )
            .order_by(Membership.id)
        )
        if space.code == SpaceCode.ACTIVITES_GESTIONNAIRE:
            members = members.where(Membership.role.in_(MANAGERS))
        created = [
            Subscription.create(
                user=membership.user,
                structure=structure,
                space=space,
                habilitation=Habilitation.MODIFICATION,
                status=SubscriptionStatus.EN_COURS_DE_VALIDATION,
                effective_date=now.date(),
                automatic=True,
                requested_at=now,
            )
            for membership in members
        ]
        audit(
            services,
            manager,
            "STRUCTURE_SPACE_ADDED",
            structure=structure,
            space=space.code,
            requests=len(created),
        )
        return created

    return run_write(operation)


def remove_structure_space(
    services: Services, actor: User, structure_id: int, space_code: str
) -> int:
    """Close ``space_code`` on the structure: every live subscription and pending request on
    it ends. The spaces of :data:`REQUIRED` stay. Returns the number of subscriptions ended."""

    def operation() -> int:
        manager, structure = _writable(actor, structure_id)
        space = _space(space_code)
        if space.code in REQUIRED:
            raise Conflict("space_required")
        opened = StructureSpace.get_or_none(
            (StructureSpace.structure == structure) & (StructureSpace.space == space)
        )
        if opened is None:
            raise Conflict("space_not_open")
        opened.delete_instance()
        ended = (
            Subscription.update(ended_at=services.now(), version=Subscription.version + 1)
            .where(
                (Subscription.structure == structure)
                & (Subscription.space == space)
                & (Subscription.ended_at.is_null())
            )
            .execute()
        )
        audit(
            services,
            manager,
            "STRUCTURE_SPACE_REMOVED",
            structure=structure,
            space=space.code,
            subscriptions=ended,
        )
        return ended

    return run_write(operation)
