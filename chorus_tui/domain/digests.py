"""Notification digests (F3): « Recevoir des notifications » on, a user gets at their contact
address a daily digest of their new events and a weekly summary of the structures' movements.
``chorus-tui notify daily|weekly`` (run by cron) calls :func:`build_digests`, which writes these
mails into the outbox (X4); the sender delivers them.

Who gets what:

- Only ``ACTIF`` persons (not technical users) with notifications on; a pending, deactivated or
  opted-out account gets nothing (F3, and the guide: a deactivated user « ne recevra plus de mails
  de notification »). The setting is read when the digest is built.
- **daily**: the user's own « Fil d'événements » items (F1) dated in the period — the previous
  full calendar day in Europe/Paris — worded as the home screen words them (``event.<kind>``).
- **weekly**: the movements (« Historique », M12) dated in the period — the previous full ISO
  week, Monday to Sunday in Europe/Paris — of every structure where the user is an active
  manager (principal or secondary, validated membership) at the time of the run, worded as the
  history's « Commentaires » column. The guides send this summary to every user (« un
  récapitulatif hebdomadaire des mouvements effectués sur la structure »), but the history of a
  structure is for its managers only (SPEC §3), so a simple user's summary lists only the
  movements that concern them (their own requests validated, refused, removed…), on any
  structure. Movements not tied to a structure are not listed.
- A user with nothing in the period gets no mail (and nothing is recorded for them).

Each mail is recorded in ``DigestRun`` (user, kind, first day of the period), in the same
transaction as the mail, one transaction per user: a second run for the same period queues
nothing, and a run that stops midway leaves only whole digests (the next run completes it).
The mails carry only what the screens show (names, structures, actions, motifs): never a password,
an activation code or a secret answer — event parameters with such names are dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

import peewee

from chorus_tui.clock import DISPLAY_TZ, to_display
from chorus_tui.domain.context import Services
from chorus_tui.domain.history import (
    Actor,
    Target,
    comment_text,
    person,
    requester_of,
    with_people,
)
from chorus_tui.domain.journal import mail
from chorus_tui.domain.rights import MANAGERS, managed_structures
from chorus_tui.domain.text import is_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.i18n import format_date, format_datetime, has_message, translate
from chorus_tui.models import AuditEntry, DigestRun, Event, Membership, Structure, User
from chorus_tui.models.codes import AccountStatus, MembershipStatus

DigestKind = Literal["daily", "weekly"]
KINDS: tuple[str, ...] = ("daily", "weekly")

# At most this many lines in one mail; the rest is counted (« … et 12 autre(s) »).
MAX_ITEMS = 200

# Event parameters that hold a code, shown with the code's label (as the home screen does).
_CODE_PARAMS = {"role": "code.", "status": "code.", "space": "space."}
# Words of parameter names that may hold a secret: such a parameter never goes into a mail.
_SECRET_WORDS = ("password", "code", "secret", "answer", "token", "hash")


class DigestError(ValueError):
    """The digest cannot be built for what was asked; ``str()`` is fit for an operator."""


@dataclass(frozen=True)
class Period:
    """Europe/Paris calendar days ``start`` (included) to ``end`` (excluded)."""

    kind: str
    start: dt.date
    end: dt.date

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """The period in UTC, as the database stores times (``at >= first and at < second``)."""
        return _midnight(self.start), _midnight(self.end)


@dataclass(frozen=True)
class DigestReport:
    """``queued`` mails written to the outbox by this run; ``skipped`` users whose digest of the
    period had already been queued (by an earlier or a concurrent run)."""

    queued: int
    skipped: int
    period: Period


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=DISPLAY_TZ).astimezone(dt.UTC)


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise DigestError(f"unknown digest {kind!r} (expected daily or weekly)")


def period_before(kind: str, day: dt.date) -> Period:
    """The last full period that ends on or before ``day`` (excluded): the day before it, or
    the ISO week (Monday–Sunday) before the week of ``day``."""
    _check_kind(kind)
    if kind == "daily":
        return Period(kind, day - dt.timedelta(days=1), day)
    monday = day - dt.timedelta(days=day.weekday())
    return Period(kind, monday - dt.timedelta(days=7), monday)


def period_containing(kind: str, day: dt.date) -> Period:
    """The period of ``kind`` that holds ``day`` (to build a missed digest again)."""
    _check_kind(kind)
    if kind == "daily":
        return Period(kind, day, day + dt.timedelta(days=1))
    monday = day - dt.timedelta(days=day.weekday())
    return Period(kind, monday, monday + dt.timedelta(days=7))


def build_digests(
    services: Services, kind: DigestKind | str, *, period_end: dt.date | None = None
) -> DigestReport:
    """Queue the ``kind`` digest (``daily`` or ``weekly``) of every user who should get one.

    The period is the last full day or ISO week before ``period_end`` (excluded; a weekly
    ``period_end`` counts from the Monday of its week), by default before today in Europe/Paris.
    A period that is not over yet is refused (:class:`DigestError`): its digest would miss the
    rest of it. One write transaction per user."""
    today = to_display(services.now()).date()
    period = period_before(kind, period_end or today)
    if period.end > today:
        raise DigestError(
            f"the {kind} period {format_date(period.start)}–{format_date(period.last_day)} "
            "is not over yet"
        )
    queued = skipped = 0
    for user_id in _candidates(period):
        try:
            outcome = run_write(lambda user_id=user_id: _digest_of(services, user_id, period))
        except peewee.IntegrityError:
            outcome = "skipped"  # another run recorded this digest between our check and insert
        queued += outcome == "queued"
        skipped += outcome == "skipped"
    return DigestReport(queued=queued, skipped=skipped, period=period)


# -- who may get a digest ----------------------------------------------------------------------


def _eligible() -> peewee.Expression:
    return (
        (User.status == AccountStatus.ACTIF)
        & (User.notifications == True)  # noqa: E712 (a SQL expression)
        & (User.is_technical == False)  # noqa: E712
    )


def _candidates(period: Period) -> list[int]:
    """The users who may have something in ``period``, in one query (the others are not even
    opened): those with events in it (daily), or managing a structure that moved in it or the
    subject of a movement (weekly)."""
    first, last = period.bounds()
    if period.kind == "daily":
        concerned = Event.select(Event.user).where((Event.at >= first) & (Event.at < last))
        who = User.id.in_(concerned)
    else:
        moved = AuditEntry.select(AuditEntry.structure).where(
            (AuditEntry.at >= first) & (AuditEntry.at < last) & AuditEntry.structure.is_null(False)
        )
        managers = Membership.select(Membership.user).where(
            (Membership.status == MembershipStatus.VALIDEE)
            & (Membership.role.in_(MANAGERS))
            & (Membership.structure.in_(moved))
        )
        subjects = AuditEntry.select(AuditEntry.target_user).where(
            (AuditEntry.at >= first)
            & (AuditEntry.at < last)
            & AuditEntry.structure.is_null(False)
            & AuditEntry.target_user.is_null(False)
        )
        who = User.id.in_(managers) | User.id.in_(subjects)
    query = User.select(User.id).where(_eligible() & who).order_by(User.id)
    return [row.id for row in query]


# -- one user's digest, in its own transaction ---------------------------------------------------


def _digest_of(services: Services, user_id: int, period: Period) -> str:
    """``queued``, ``skipped`` (already queued for this period) or ``empty``."""
    user = User.select().where((User.id == user_id) & _eligible()).first()
    if user is None:
        return "empty"  # changed its mind or its status since the candidates were listed
    done = DigestRun.select().where(
        (DigestRun.user == user)
        & (DigestRun.kind == period.kind)
        & (DigestRun.period_start == period.start)
    )
    if done.exists():
        return "skipped"
    language = user.language or "FR"
    if period.kind == "daily":
        total, lines = _daily_lines(language, user, period)
        params = {"day": format_date(period.start)}
    else:
        total, lines = _weekly_lines(language, user, period)
        params = {"start": format_date(period.start), "end": format_date(period.last_day)}
    if not total:
        return "empty"
    queued = mail(
        services,
        user,
        f"digest_{period.kind}",
        count=total,
        items="\n".join(lines),
        **params,
    )
    DigestRun.create(
        user=user,
        kind=period.kind,
        period_start=period.start,
        created_at=services.now(),
        mail=queued,
    )
    return "queued"


def _more(language: str, total: int, shown: int) -> list[str]:
    return [translate(language, "digest.more", count=total - shown)] if total > shown else []


def _daily_lines(language: str, user: User, period: Period) -> tuple[int, list[str]]:
    first, last = period.bounds()
    query = (
        Event.select()
        .where((Event.user == user) & (Event.at >= first) & (Event.at < last))
        .order_by(Event.at, Event.id)
    )
    total = query.count()
    lines = [
        translate(
            language, "digest.item", at=format_datetime(entry.at), text=event_text(language, entry)
        )
        for entry in query.limit(MAX_ITEMS)
    ]
    return total, lines + _more(language, total, len(lines))


def _weekly_lines(language: str, user: User, period: Period) -> tuple[int, list[str]]:
    first, last = period.bounds()
    managed = [structure.id for structure in managed_structures(user)]
    query = (
        with_people(AuditEntry.select(AuditEntry, Actor, Target, Structure))
        .where(
            (AuditEntry.at >= first)
            & (AuditEntry.at < last)
            & (AuditEntry.structure.in_(managed or [0]) | (AuditEntry.target_user == user))
        )
        .order_by(Structure.raison_sociale, Structure.id, AuditEntry.at, AuditEntry.id)
    )
    total = query.count()
    lines: list[str] = []
    current = None
    shown = 0
    for entry in query.limit(MAX_ITEMS):
        structure = entry.structure
        if structure.id != current:
            current = structure.id
            if lines:
                lines.append("")
            lines.append(
                translate(
                    language,
                    "digest.structure",
                    structure=_one_line(structure.raison_sociale),
                    identifier=_one_line(structure.identifier),
                )
            )
        lines.append(movement_text(language, entry))
        shown += 1
    more = _more(language, total, shown)
    return total, lines + ([""] if more else []) + more


# -- wording -----------------------------------------------------------------------------------


def _one_line(value: object) -> str:
    """``value`` on one line, without control characters or bidi overrides."""
    text = "" if value is None else str(value)
    return "".join(" " if is_control(char) else char for char in text).strip()


def _is_secret(name: str) -> bool:
    """``code``, ``activation_code``, ``new_password``, ``secret_answer``…"""
    return any(word in _SECRET_WORDS for word in name.lower().replace("-", "_").split("_"))


def event_text(language: str, entry: Event) -> str:
    """The sentence of ``event.<kind>`` in ``language``, as the « Fil d'événements » shows it;
    an event the catalogue does not know reads « Événement « kind » »."""
    try:
        params: dict[str, Any] = json.loads(entry.params or "{}")
    except (ValueError, TypeError):
        params = {}
    if not isinstance(params, dict):
        params = {}
    shown = {}
    for name, value in params.items():
        if _is_secret(name):
            continue
        prefix = _CODE_PARAMS.get(name)
        label = f"{prefix}{value}" if prefix else ""
        shown[name] = (
            translate(language, label) if label and has_message(label) else _one_line(value)
        )
    key = f"event.{entry.kind}"
    if has_message(key):
        try:
            return _one_line(translate(language, key, **shown))
        except (KeyError, IndexError, ValueError):
            pass
    return translate(language, "home.event.unknown", kind=_one_line(entry.kind))


def movement_text(language: str, entry: AuditEntry) -> str:
    """One movement: when, the « Commentaires » words, on whom, by whom, and the motif."""
    requester = requester_of(entry)
    text = translate(
        language,
        "digest.movement",
        at=format_datetime(entry.at),
        comment=comment_text(language, entry),
        requester=_one_line(person(requester)) or translate(language, "digest.nobody"),
    )
    if entry.actor is not None and entry.actor != requester:
        text += translate(language, "digest.movement.actor", actor=_one_line(person(entry.actor)))
    if entry.motif:
        text += translate(language, "digest.movement.motif", motif=_one_line(entry.motif))
    return text
