"""« Historique » (M12): what was done on the structures a manager manages — newest first, with
who did it, on whom and on which structure — filtered by structure and by dates, one entry in
detail (the « loupe »), and the CSV export.

The table keeps every action forever (it can hold millions of rows): the filter and the paging
run in SQL on the ``(structure, at)`` index, never in Python."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from chorus_tui.clock import DISPLAY_TZ
from chorus_tui.domain.errors import FieldErrors, NotFound, PermissionDenied
from chorus_tui.domain.export import write_csv
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.rights import Action, managed_structures, require
from chorus_tui.i18n import has_message, parse_date, translate
from chorus_tui.models import AuditEntry, Structure, User, database

COMMENT_PREFIX = "history.action."

# The columns of the export, in order; the caller gives their labels in its language.
EXPORT_COLUMNS = ("date", "requester", "structure", "comment", "actor", "motif")

Actor = User.alias("actor")
Target = User.alias("target")


@dataclass(frozen=True)
class HistoryFilters:
    """The checked filters: structure ids to read, and the UTC bounds (``until`` excluded)."""

    structure_ids: tuple[int, ...]
    since: dt.datetime | None
    until: dt.datetime | None


@dataclass(frozen=True)
class EntryDetail:
    """The « loupe »: the entry (actor, target and structure joined), its « Commentaires »
    words' code and its details decoded."""

    entry: AuditEntry
    comment: str
    details: dict[str, Any]


# -- filters -----------------------------------------------------------------------------------


def _day_start(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` where the operators are, in UTC."""
    return dt.datetime.combine(day, dt.time(), tzinfo=DISPLAY_TZ).astimezone(dt.UTC)


def _parse_day(text: str | dt.date | None, field: str, errors: FieldErrors) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    if not text.strip():
        return None
    day = parse_date(text)
    if day is None:
        errors.add(field, "date_invalid")
    return day


def check_filters(
    actor: User,
    *,
    structure_id: int | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> HistoryFilters:
    """The filters of the history, checked: the dates ``jj/mm/aaaa`` (``since`` and ``until``
    both included) and the structure, which the actor must manage. Raises
    :class:`ValidationError` on ``since``/``until`` and :class:`PermissionDenied`."""
    require(actor, Action.SEE_MANAGER_SPACE)
    errors = FieldErrors()
    first = _parse_day(since, "since", errors)
    last = _parse_day(until, "until", errors)
    if first is not None and last is not None and last < first:
        errors.add("until", "end_before_start")
    errors.raise_if_any()
    managed = [structure.id for structure in managed_structures(actor)]
    if structure_id is not None:
        if structure_id not in managed:
            structure = Structure.get_or_none(Structure.id == structure_id)
            raise PermissionDenied(
                action=str(Action.SEE_MANAGER_SPACE),
                structure=structure.identifier if structure else None,
            )
        managed = [structure_id]
    return HistoryFilters(
        structure_ids=tuple(managed),
        since=_day_start(first) if first else None,
        until=_day_start(last + dt.timedelta(days=1)) if last else None,
    )


def history_query(filters: HistoryFilters) -> peewee.SelectQuery:
    """The entries the filters keep, newest first, with actor, target user and structure."""
    return _filtered(AuditEntry.select(AuditEntry, Actor, Target, Structure), filters)


def with_people(query: peewee.ModelSelect) -> peewee.ModelSelect:
    """``query`` over entries joined to their structure, actor (``.actor``) and target user
    (``.target_user``), who may be gone."""
    return (
        query.join_from(AuditEntry, Structure, on=(AuditEntry.structure == Structure.id))
        .join_from(
            AuditEntry,
            Actor,
            peewee.JOIN.LEFT_OUTER,
            on=(AuditEntry.actor == Actor.id),
            attr="actor",
        )
        .join_from(
            AuditEntry,
            Target,
            peewee.JOIN.LEFT_OUTER,
            on=(AuditEntry.target_user == Target.id),
            attr="target_user",
        )
    )


def _filtered(query: peewee.ModelSelect, filters: HistoryFilters) -> peewee.ModelSelect:
    query = with_people(query).where(AuditEntry.structure.in_(filters.structure_ids or (0,)))
    if filters.since is not None:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.at < filters.until)
    return query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def history(
    actor: User,
    *,
    structure_id: int | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    size: int = 10,
    offset: int = 0,
) -> Page[AuditEntry]:
    """One page of the history of the structures ``actor`` manages (principal or secondary),
    newest first; ``structure_id`` keeps one of them, ``since``/``until`` (``jj/mm/aaaa``, both
    included) a span of days."""
    filters = check_filters(actor, structure_id=structure_id, since=since, until=until)
    return paginate(
        history_query(filters), size, offset, count_query=_count_query(filters), reversible=True
    )


def _count_query(filters: HistoryFilters) -> peewee.ModelSelect:
    """As many rows as :func:`history_query`, without its joins: the structure is one of the
    filter's (it exists), the people are outer joins. Read on the ``(structure, at)`` index."""
    query = AuditEntry.select(AuditEntry.id).where(
        AuditEntry.structure.in_(filters.structure_ids or (0,))
    )
    if filters.since is not None:
        query = query.where(AuditEntry.at >= filters.since)
    if filters.until is not None:
        query = query.where(AuditEntry.at < filters.until)
    return query


# -- the « Commentaires » column ------------------------------------------------------------


def comment_of(entry: AuditEntry | str) -> str:
    """The code of the « Commentaires » words of ``entry`` (or of an action code): the
    catalogue key ``history.action.<CODE>`` when the catalogue names the action, else the code
    itself (:func:`comment_text` makes it readable)."""
    action = entry if isinstance(entry, str) else entry.action
    key = f"{COMMENT_PREFIX}{action}"
    return key if has_message(key) else action


def readable(code: str) -> str:
    """``TECHNICAL_PASSWORD_RESET`` → « Technical password reset »: an action the catalogue
    does not name yet still reads as words."""
    words = " ".join(part for part in code.replace("-", "_").split("_") if part).lower()
    return words[:1].upper() + words[1:] if words else "—"


def comment_text(language: str, entry: AuditEntry | str) -> str:
    """The « Commentaires » words of ``entry`` in ``language``; never fails."""
    code = comment_of(entry)
    if code.startswith(COMMENT_PREFIX):
        return translate(language, code)
    return readable(code)


def person(user: User | None) -> str:
    """« DUPONT Paul », as the guide writes names; "" when nobody."""
    return "" if user is None else _name(user.nom, user.prenom, user.login)


def requester_of(entry: AuditEntry) -> User | None:
    """The « Demandeur »: the user the action was about, else who did it."""
    return entry.target_user or entry.actor


def details_of(entry: AuditEntry) -> dict[str, Any]:
    try:
        details = json.loads(entry.details or "{}")
    except ValueError:
        return {"details": entry.details}
    return details if isinstance(details, dict) else {"details": details}


# -- the « loupe » ----------------------------------------------------------------------------


def entry_detail(actor: User, entry_id: int) -> EntryDetail:
    """One entry of a structure ``actor`` manages: who, when, what, motif and details."""
    require(actor, Action.SEE_MANAGER_SPACE)
    managed = tuple(structure.id for structure in managed_structures(actor))
    found = AuditEntry.get_or_none(AuditEntry.id == entry_id)
    if found is None:
        raise NotFound(entry=entry_id)
    if found.structure_id not in managed:
        raise PermissionDenied(action=str(Action.SEE_MANAGER_SPACE))
    query = history_query(HistoryFilters((found.structure_id,), None, None))
    entry = query.where(AuditEntry.id == entry_id).get()
    return EntryDetail(entry=entry, comment=comment_of(entry), details=details_of(entry))


# -- export -----------------------------------------------------------------------------------


def _export_query(filters: HistoryFilters) -> peewee.ModelSelect:
    """Only the exported columns: an export of a million entries builds no model object."""
    columns = (
        AuditEntry.at,
        AuditEntry.action,
        AuditEntry.motif,
        Structure.identifier,
        Structure.raison_sociale,
        Actor.nom,
        Actor.prenom,
        Actor.login,
        Target.nom,
        Target.prenom,
        Target.login,
    )
    return _filtered(AuditEntry.select(*columns), filters)


def _name(nom: str | None, prenom: str | None, login: str | None) -> str:
    """:func:`person` from the columns of a row (the export reads tuples, not users)."""
    return " ".join(part for part in (nom, prenom) if part) or login or ""


def _local(at: dt.datetime | str) -> dt.datetime:
    """A stored UTC time (text on SQLite, a naive datetime on PostgreSQL) where the operators
    are."""
    if not isinstance(at, dt.datetime):
        at = dt.datetime.fromisoformat(at)
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(DISPLAY_TZ)


def export_rows(language: str, query: peewee.ModelSelect) -> Iterator[list[str]]:
    """The rows of :func:`_export_query`, as the history table shows them. They are read from
    the driver's cursor as they come: Peewee's per-cell conversions were most of the time of a
    large export."""
    comments: dict[str, str] = {}
    for at, action, motif, identifier, raison_sociale, *people in database.execute(query):
        comment = comments.get(action)
        if comment is None:
            comment = comments[action] = comment_text(language, action)
        actor = _name(*people[:3])
        target = _name(*people[3:])
        yield [
            f"{_local(at):%d/%m/%Y %H:%M:%S}",
            target or actor,
            f"{identifier} {raison_sociale}",
            comment,
            actor,
            motif,
        ]


def export_labels(language: str) -> list[str]:
    """The header of the export: the column labels of the interface in ``language``."""
    return [translate(language, f"history.column.{name}") for name in EXPORT_COLUMNS]


def export_history(
    actor: User,
    path: str | Path,
    *,
    language: str = "FR",
    structure_id: int | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> int:
    """Every entry the filters keep (not only the page shown), streamed to a new CSV file as
    :data:`EXPORT_COLUMNS` under the interface's labels in ``language``; returns the number of
    rows. The filters are checked first, so a refused export writes no file."""
    filters = check_filters(actor, structure_id=structure_id, since=since, until=until)
    return write_csv(path, export_labels(language), export_rows(language, _export_query(filters)))
