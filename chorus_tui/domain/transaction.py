"""One write transaction per operation, taking SQLite's write lock at its start."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

import peewee

from chorus_tui.models import database

T = TypeVar("T")

BUSY_RETRIES = 5


def write_transaction():
    """``BEGIN IMMEDIATE`` on SQLite (a deferred BEGIN fails to upgrade to a write lock under
    several writers), a plain transaction elsewhere. Nested calls become savepoints."""
    if isinstance(database.obj, peewee.SqliteDatabase):
        return database.atomic("IMMEDIATE")
    return database.atomic()


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
