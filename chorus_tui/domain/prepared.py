"""Queries whose SQL peewee builds once, for the statements a bulk operation runs a thousand times.

Peewee builds a statement's text anew on every run, and for a small join that takes longer
(half a millisecond to a millisecond) than SQLite takes to run it (tens of microseconds). A
:class:`Prepared` query is built once per backend with negative ints standing for its ids (ids
are never negative), its text kept, and each run sends that text with the stand-ins replaced;
the rows come back as the query would give them (models, joined models, tuples)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import peewee

from chorus_tui.models import database

STAND_IN = -9_000_000


class Prepared:
    """``build(*ids)`` returns the query; ``Prepared(build, n)(*ids)`` runs it with ``n`` ids."""

    def __init__(self, build: Callable[..., peewee.SelectQuery], ids: int = 0) -> None:
        self._build = build
        self._stand_ins = tuple(STAND_IN - n for n in range(ids))
        self._statements: dict[type, tuple[peewee.SelectQuery, str, tuple[Any, ...]]] = {}

    def _statement(self) -> tuple[peewee.SelectQuery, str, tuple[Any, ...]]:
        backend = type(database.obj)
        statement = self._statements.get(backend)
        if statement is None:
            query = self._build(*self._stand_ins)
            sql, params = query.sql()
            if any(params.count(stand_in) != 1 for stand_in in self._stand_ins):
                raise AssertionError(f"each id must appear once in the statement: {sql}")
            statement = self._statements[backend] = (query, sql, tuple(params))
        return statement

    def __call__(self, *ids: int) -> Iterator[Any]:
        query, sql, params = self._statement()
        values = dict(zip(self._stand_ins, (int(value) for value in ids), strict=True))
        cursor = database.execute_sql(sql, [values.get(value, value) for value in params])
        return iter(query._get_cursor_wrapper(cursor))
