"""SPEC §8: several operators write to one SQLite file at once without « database is locked »."""

from __future__ import annotations

import contextlib
import multiprocessing

import pytest

from chorus_tui.db import open_database
from chorus_tui.domain import auth
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.models import LoginAttempt
from tests.domain.factories import PASSWORD, make_user

WRITERS = 4
LOGINS_EACH = 25


def operator(path: str, login: str) -> int:
    open_database(path)
    services = Services(hasher=cheap_hasher())
    for attempt in range(LOGINS_EACH):
        with contextlib.suppress(auth.InvalidCredentials, auth.AccountLocked):
            auth.login(services, login, PASSWORD if attempt % 2 else "Wrong.Password.1")
    return LOGINS_EACH


@pytest.mark.sqlite_only
@pytest.mark.usefixtures("db")
def test_concurrent_logins_are_all_recorded(services, tmp_path):
    logins = [make_user(services).login for _ in range(WRITERS)]
    path = str(tmp_path / "chorus.sqlite3")
    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        done = pool.starmap(operator, [(path, login) for login in logins])
    assert sum(done) == WRITERS * LOGINS_EACH
    assert LoginAttempt.select().count() == WRITERS * LOGINS_EACH
