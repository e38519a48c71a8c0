"""« Synthèse » of « Activités du gestionnaire » (M0): what waits for the manager."""

from __future__ import annotations

from dataclasses import dataclass

from chorus_tui.domain.membership_requests import pending_memberships_query
from chorus_tui.domain.paging import count_rows
from chorus_tui.domain.rights import Action, managed_structures, require
from chorus_tui.domain.subscription_requests import count_pending_subscription_requests
from chorus_tui.models import User


@dataclass(frozen=True)
class Synthesis:
    pending_memberships: int
    pending_subscriptions: int
    structures: int


def synthesis(actor: User) -> Synthesis:
    """The counts of the blocks of M0; refused to anyone who is not a manager. The requests'
    counts are the ones the requests tables page with (counted once while nothing changes)."""
    require(actor, Action.SEE_MANAGER_SPACE)
    return Synthesis(
        pending_memberships=count_rows(pending_memberships_query(actor).order_by()),
        pending_subscriptions=count_pending_subscription_requests(actor),
        structures=len(managed_structures(actor)),
    )
