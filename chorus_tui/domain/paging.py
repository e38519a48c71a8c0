"""One page of a table: its rows and the total, counted by the same query.

Turning pages stays cheap on tables of millions of rows (issue 9: « next page of any table »,
p95 ≤ 50 ms with a history of 1,000,000 entries):

- the total is counted once and reused while the database is unchanged: on SQLite, a count is
  remembered with the connection's ``PRAGMA data_version`` (changes committed by any other
  connection) and ``total_changes`` (this connection's own); either moving forgets every count.
  Counting a million history entries costs ~0.1 s, reading a page of them ~1 ms;
- a ``reversible`` query (one whose order is total, ending with a unique column) reads the pages
  of its second half backwards, so that the last page costs what the first does (``OFFSET`` walks
  every row it skips);
- a query ``ordered_by`` a sort no index serves (the members of a structure, by the users'
  names: 12,000 joined rows sorted again for every page) has its order remembered, as counts
  are: the ids in order, read once; a page is then its few rows read by id.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import peewee

from chorus_tui.models import database

T = TypeVar("T")

PAGE_SIZES = (5, 10, 20, 50)
MAX_PAGE_SIZE = 200


@dataclass(frozen=True)
class Page(Generic[T]):
    """Rows ``offset`` … ``offset + len(rows)`` of ``total``."""

    rows: list[T]
    total: int
    offset: int
    size: int

    @property
    def number(self) -> int:
        """1-based page number."""
        return self.offset // self.size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))


def paginate(
    query: peewee.SelectQuery,
    size: int,
    offset: int = 0,
    *,
    count_query: peewee.SelectQuery | None = None,
    reversible: bool = False,
    key: peewee.Field | None = None,
) -> Page:
    """The page of ``query`` (already ordered) starting at ``offset``; the size is bounded.

    ``count_query``: a cheaper query with the same number of rows (without the joins that only
    add columns). ``reversible``: ``query``'s order is total (it ends with a unique column), so a
    page near the end may be read in the opposite order from the end. ``key``: the primary key
    of ``query``'s model, whose order is then remembered while the database is unchanged."""
    size = max(1, min(size, MAX_PAGE_SIZE))
    offset = max(0, offset)
    if key is not None:
        keys = ordered_keys(query, key)
        if keys is not None:
            return _page_of_keys(query, key, keys, size, offset)
    total = count_rows(count_query if count_query is not None else query.order_by())
    if offset >= total and total:
        offset = (total - 1) // size * size
    from_end = total - offset - size
    if reversible and offset > 0 and from_end < offset and query._order_by:
        backwards = query.order_by(*reversed_order(query._order_by))
        rows = list(backwards.limit(size + min(from_end, 0)).offset(max(from_end, 0)))
        rows.reverse()
    else:
        rows = list(query.limit(size).offset(offset))
    return Page(rows, total, offset, size)


def _page_of_keys(
    query: peewee.SelectQuery, key: peewee.Field, keys: list, size: int, offset: int
) -> Page:
    total = len(keys)
    if offset >= total and total:
        offset = (total - 1) // size * size
    wanted = keys[offset : offset + size]
    rows = {getattr(row, key.name): row for row in query.where(key.in_(wanted)).order_by()}
    return Page([rows[value] for value in wanted if value in rows], total, offset, size)


def reversed_order(terms: tuple | list) -> list[peewee.Ordering]:
    """The opposite order: each term's direction (and NULLS FIRST/LAST) swapped."""
    swapped = {"ASC": "DESC", "DESC": "ASC"}
    nulls = {"FIRST": "LAST", "LAST": "FIRST"}
    result = []
    for term in terms:
        if isinstance(term, peewee.Ordering):
            result.append(
                peewee.Ordering(
                    term.node,
                    swapped[term.direction.upper()],
                    term.collation,
                    nulls.get((term.nulls or "").upper()),
                )
            )
        else:
            result.append(peewee.Ordering(term, "DESC"))
    return result


# -- counts ---------------------------------------------------------------------------------------


class _Remembered:
    """Values computed from the database, kept while it has not changed (its ``_stamp``); at
    most ``kept`` of them (all forgotten at once beyond)."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._values: dict[tuple, Any] = {}
        self._stamp: tuple | None = None
        self._lock = threading.Lock()

    def get(self, stamp: tuple, key: tuple) -> Any:
        with self._lock:
            if stamp != self._stamp:
                self._values.clear()
                self._stamp = stamp
            return self._values.get(key)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def put(self, stamp: tuple, key: tuple, value: Any) -> None:
        with self._lock:
            if stamp == self._stamp:
                if len(self._values) >= self._kept:
                    self._values.clear()
                self._values[key] = value


_counts = _Remembered(kept=64)
_orders = _Remembered(kept=8)
_MAX_KEYS = 100_000
_TOO_MANY: list = []  # remembered for a query with more than _MAX_KEYS rows


def forget_remembered() -> None:
    """Forget every remembered count and order (a measurement of a search never made before)."""
    _counts.clear()
    _orders.clear()


def count_rows(query: peewee.SelectQuery) -> int:
    """``query.count()``, remembered while the database has not changed (SQLite only)."""
    stamp = _stamp()
    if stamp is None:
        return query.count()
    sql, params = query.sql()
    key = _hashable(sql, params)
    if key is None:
        return query.count()
    known = _counts.get(stamp, key)
    if known is not None:
        return known
    # The statement built once for the key is the one counted (building it is most of the cost).
    (total,) = database.execute_sql(f"SELECT COUNT(1) FROM ({sql}) AS counted", params).fetchone()
    _counts.put(stamp, key, total)
    return total


def ordered_keys(query: peewee.SelectQuery, key: peewee.Field) -> list | None:
    """``key`` of every row of ``query``, in its order, remembered while the database has not
    changed (SQLite only; None elsewhere, or for more than ``_MAX_KEYS`` rows)."""
    stamp = _stamp()
    if stamp is None:
        return None
    sql, params = query.select(key).limit(_MAX_KEYS + 1).sql()
    cache_key = _hashable(sql, params)
    if cache_key is None:
        return None
    keys = _orders.get(stamp, cache_key)
    if keys is None:
        rows = database.execute_sql(sql, params).fetchall()
        keys = [value for (value,) in rows] if len(rows) <= _MAX_KEYS else _TOO_MANY
        _orders.put(stamp, cache_key, keys)
    return None if keys is _TOO_MANY else keys


def _hashable(sql: str, params: list | tuple) -> tuple | None:
    key = (sql, *params)
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _stamp() -> tuple | None:
    """What changes whenever the database content may have: None when unknown (not SQLite)."""
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase):
        return None
    connection = db.connection()
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    # The connection itself (not its id, which a later connection may reuse).
    return (connection, version, connection.total_changes)
