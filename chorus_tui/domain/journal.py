"""Writing what happened, always inside the operation's own transaction: history (audit),
events (fil d'événements) and outbox mails."""

from __future__ import annotations

import json
from typing import Any

from chorus_tui.domain.context import Services
from chorus_tui.i18n import translate
from chorus_tui.models import AuditEntry, Event, OutboxMail, Structure, User
from chorus_tui.models.codes import AccountStatus

# The only mail a deactivated account may get: the code that reactivates it (F7, F8).
DEACTIVATED_ACCOUNT_MAILS = frozenset({"reactivation_code"})


def audit(
    services: Services,
    actor: User | None,
    action: str,
    *,
    structure: Structure | None = None,
    target: User | None = None,
    motif: str = "",
    **details: Any,
) -> AuditEntry:
    return AuditEntry.create(
        at=services.now(),
        actor=actor,
        structure=structure,
        target_user=target,
        action=action,
        motif=motif,
        details=json.dumps(details, ensure_ascii=False, default=str),
    )


def event(services: Services, user: User, kind: str, **params: Any) -> Event:
    """An item of ``user``'s feed; the UI renders it from ``event.<kind>`` in the catalogue."""
    return Event.create(
        user=user,
        at=services.now(),
        kind=kind,
        params=json.dumps(params, ensure_ascii=False, default=str),
    )


def event_params(entry: Event) -> dict[str, Any]:
    return json.loads(entry.params or "{}")


def mail(
    services: Services, user: User, kind: str, *, to: str | None = None, **params: Any
) -> OutboxMail | None:
    """Queue the mail ``kind`` for ``user`` in their language (``mail.<kind>.subject``/``.body``).
    A deactivated account gets no mail (F7), except the codes that reactivate it: None then."""
    if kind not in DEACTIVATED_ACCOUNT_MAILS and _status(user) == AccountStatus.DESACTIVE:
        return None
    language = user.language or "FR"
    params = {"prenom": user.prenom, "nom": user.nom, **params}
    return OutboxMail.create(
        created_at=services.now(),
        user=user,
        to_address=to or user.email or user.login,
        kind=kind,
        subject=translate(language, f"mail.{kind}.subject", **params),
        body=translate(language, f"mail.{kind}.body", **params),
    )


def _status(user: User) -> str | None:
    """The account's status: as loaded, or read when the caller loaded the user without it
    (a decision reads only the requester's name and address)."""
    status = user.__data__.get("status")
    if status is None and user.id is not None:
        status = User.select(User.status).where(User.id == user.id).scalar()
    return status
