"""One write transaction per operation, taking SQLite's write lock at its start."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

import peewee

from chorus_tui.models import database

T = TypeVar("T")
Q = TypeVar("Q", bound=peewee.SelectQuery)

BUSY_RETRIES = 5


def write_transaction():
    """``BEGIN IMMEDIATE`` on SQLite (a deferred BEGIN fails to upgrade to a write lock under
    several writers), a plain transaction elsewhere. Nested calls become savepoints."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        return database.atomic("IMMEDIATE")
    return database.atomic()


def locked(query: Q, *of: type[peewee.Model]) -> Q:
    """``query`` with ``FOR UPDATE`` (of the tables ``of``, else all it reads) where the backend
    has it: on PostgreSQL a row read this way in a write transaction stays as read until the
    commit, so « read the version, compare, write » cannot lose another transaction's update.
    SQLite has no row locks and needs none (``BEGIN IMMEDIATE`` already serialises writers);
    peewee refuses ``FOR UPDATE`` there, so the query is returned unchanged."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        return query
    return query.for_update(of=list(of) or None)


def run_write(operation: Callable[[], T]) -> T:
    """Run ``operation`` in a write transaction, retrying a few times, with jitter, when the
    database stays busy past its timeout (only at the outermost level)."""
    if database.transaction_depth() > 0:
        with write_transaction():
            return operation()
    for attempt in range(BUSY_RETRIES):
        try:
            with write_transaction():
                return operation()
        except peewee.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                raise
            if attempt == BUSY_RETRIES - 1:
                raise
            time.sleep(random.uniform(0.05, 0.2) * (attempt + 1))
    raise AssertionError("unreachable")
