"""Handing the principal manager's role over to another user (F4, F7, M10)."""

from __future__ import annotations

from chorus_tui.clock import today
from chorus_tui.domain.context import Services
from chorus_tui.domain.journal import audit, event, mail
from chorus_tui.domain.subscriptions import end_subscriptions, grant_default_subscriptions
from chorus_tui.models import Membership, Structure, User
from chorus_tui.models.codes import MembershipStatus, Role, SpaceCode


def transfer_principal(
    services: Services, user: User, structure: Structure, successor: User
) -> None:
    """Make ``successor`` the principal of ``structure`` in ``user``'s place; ``user`` stays
    attached as a simple user and loses « Activités du gestionnaire ». The old principal is
    demoted first, so the structure never has two. The successor's membership is validated (or
    created) and gets the principal's default spaces."""
    now = services.now()
    own = Membership.get(
        (Membership.user == user)
        & (Membership.structure == structure)
        & (Membership.status == MembershipStatus.VALIDEE)
        & (Membership.role == Role.GESTIONNAIRE_PRINCIPAL)
    )
    own.role = Role.UTILISATEUR_SIMPLE
    own.version += 1
    own.save()
    membership = Membership.get_or_none(
        (Membership.user == successor)
        & (Membership.structure == structure)
        & Membership.status.in_([MembershipStatus.VALIDEE, MembershipStatus.EN_COURS_DE_VALIDATION])
    )
    if membership is None:
        membership = Membership.create(
            user=successor,
            structure=structure,
            role=Role.GESTIONNAIRE_PRINCIPAL,
            status=MembershipStatus.VALIDEE,
            start_date=today(services.clock),
            requested_at=now,
            decided_at=now,
            decided_by=user,
        )
    else:
        if membership.status != MembershipStatus.VALIDEE:
            membership.status = MembershipStatus.VALIDEE
            membership.decided_at = now
            membership.decided_by = user
        membership.role = Role.GESTIONNAIRE_PRINCIPAL
        membership.version += 1
        membership.save()
    grant_default_subscriptions(services, membership, user)
    end_subscriptions(services, user, structure, [SpaceCode.ACTIVITES_GESTIONNAIRE])
    audit(services, user, "PRINCIPAL_TRANSFERRED", structure=structure, target=successor)
    event(
        services,
        successor,
        "role_changed",
        structure=structure.raison_sociale,
        role=Role.GESTIONNAIRE_PRINCIPAL.value,
    )
    mail(
        services,
        successor,
        "principal_transferred",
        structure=structure.raison_sociale,
        identifier=structure.identifier,
        previous=user.display_name,
    )
