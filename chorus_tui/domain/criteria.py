"""How a search criterion typed by a user matches a column (F4, M7): ``*`` matches any run of
characters, without ``*`` the criterion matches the whole value; case and accents are ignored
(the column holds a folded copy); ``%``, ``_``, ``?``, ``[`` and quotes are plain characters.

A criterion becomes a GLOB on the folded column (case-sensitive, so it compares folded text with
folded text), plus a range on the part before the first ``*``, so that SQLite walks the column's
index instead of scanning the table whenever the criterion does not start with ``*``.

On PostgreSQL it becomes a ``LIKE`` (case-sensitive there too) with ``%``, ``_`` and ``\\``
escaped, and no range: a range's bounds depend on the database's collation, a ``LIKE`` does not.
The folded columns carry pg_trgm indexes there (see :mod:`chorus_tui.models.trigrams`), which
serve prefixes and leading ``*`` alike."""

from __future__ import annotations

import peewee

from chorus_tui.domain.errors import FieldErrors
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.models import database
from chorus_tui.models.trigrams import TrigramIndex, has_trigrams

WILDCARD = "*"
CRITERION_MAX_LENGTH = 255
# Above every character SQLite stores: ``p <= column < p + TOP`` is an indexed prefix match.
TOP = "\U0010ffff"
_GLOB_SPECIALS = {"?": "[?]", "[": "[[]"}


def normalise(value: str | None, *, folded: bool = True) -> str:
    """The criterion as compared: trimmed, NFC, and folded unless the column is not."""
    text = clean(value)
    return fold(text) if folded else text


def checked_term(errors: FieldErrors, name: str, value: str | None, *, folded: bool = True) -> str:
    """The criterion ``name`` as compared (see :func:`normalise`); "" when it is empty or
    refused, the refusal added to ``errors`` (control characters, too long)."""
    term = normalise(value, folded=folded)
    if not term:
        return ""
    if has_control(term):
        errors.add(name, "control_characters")
        return ""
    if len(term) > CRITERION_MAX_LENGTH:
        errors.add(name, "too_long", max=CRITERION_MAX_LENGTH)
        return ""
    return term


def glob_pattern(term: str) -> str:
    """The GLOB pattern of a normalised criterion: ``*`` stays a wildcard, every other GLOB
    character is made literal."""
    return "".join(_GLOB_SPECIALS.get(char, char) for char in term)


def like_pattern(term: str) -> str:
    """The same pattern for LIKE (PostgreSQL, whose default escape character is ``\\``)."""
    return like_literal(term).replace(WILDCARD, "%")


def like_literal(text: str) -> str:
    """``text`` as a LIKE pattern matching itself only."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def matches(
    column: peewee.Field, term: str, trigrams: TrigramIndex | None = None
) -> peewee.Expression:
    """The condition « ``column`` matches the normalised criterion ``term`` ». A criterion that
    starts with ``*`` uses the column's ``trigrams`` index, when it has one, to find the rows
    holding its longest run of three characters or more."""
    if WILDCARD not in term:
        return column == _fitted(column, term)
    prefix = term.split(WILDCARD, 1)[0]
    if not _on_sqlite():
        return peewee.Expression(column, "LIKE", like_pattern(term))
    condition = peewee.Expression(column, "GLOB", glob_pattern(term))
    if prefix:
        return (column >= prefix) & (column < prefix + TOP) & condition
    longest = max(term.split(WILDCARD), key=len)
    if trigrams is not None and len(longest) >= 3 and has_trigrams(database.obj):
        name = trigrams.name
        holders = peewee.SQL(
            f'(SELECT rowid FROM "{name}" WHERE "{name}" MATCH ?)', (_phrase(longest),)
        )
        found = column.model._meta.primary_key.in_(holders)
        if _contains_only(term):
            # « *menuiserie* »: the trigram phrase is exactly « contains », so the GLOB would
            # only read every matching row again (a third of a large search's time).
            return found
        condition = found & condition
    return condition


def _fitted(column: peewee.Field, term: str) -> str:
    """``term`` as compared with ``column``: a folded copy is cut to its column's length
    (:func:`chorus_tui.domain.search.folded_copy`), so the criterion is cut the same way."""
    limit = getattr(column, "max_length", None)
    if limit and column.name.startswith("search_"):
        return term[:limit]
    return term


def trigram_count(term: str, trigrams: TrigramIndex) -> peewee.SelectQuery | None:
    """A query with one row per row that ``matches(column, term, trigrams)`` keeps, reading the
    trigram index only, when its phrase alone decides (« *menuiserie* » on SQLite): counting it
    does not read every matching row of the table. None otherwise."""
    if not _contains_only(term) or not has_trigrams(database.obj) or not _on_sqlite():
        return None
    name = trigrams.name
    return (
        peewee.Select(from_list=[peewee.SQL(f'"{name}"')], columns=[peewee.SQL("1")])
        .where(peewee.SQL(f'"{name}" MATCH ?', (_phrase(term[1:-1]),)))
        .bind(database.obj)
    )


def _contains_only(term: str) -> bool:
    """« *text* », text of three characters or more without a wildcard."""
    inner = term[1:-1]
    return term == f"{WILDCARD}{inner}{WILDCARD}" and len(inner) >= 3 and WILDCARD not in inner


def _phrase(text: str) -> str:
    """``text`` as an FTS5 phrase (quoted: every character taken literally)."""
    return '"' + text.replace('"', '""') + '"'


def prefix_range(column: peewee.Field, prefix: str) -> peewee.Expression:
    """« ``column`` starts with ``prefix`` » (taken literally), through the column's index."""
    if not _on_sqlite():
        return peewee.Expression(column, "LIKE", like_literal(prefix) + "%")
    return (column >= prefix) & (column < prefix + TOP)


def contains(column: peewee.Field, term: str) -> peewee.Expression:
    """« ``column`` contains ``term`` » (taken literally: no wildcard at all); a ``LIKE`` on
    PostgreSQL, which its pg_trgm indexes serve."""
    if not _on_sqlite():
        return peewee.Expression(column, "LIKE", "%" + like_literal(term) + "%")
    return peewee.fn.instr(column, term) > 0


def _on_sqlite() -> bool:
    return isinstance(database.obj, peewee.SqliteDatabase)
