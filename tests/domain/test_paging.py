"""Paging: the pages read backwards from the end are the pages read forwards, and a remembered
count is forgotten as soon as the database changes."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from chorus_tui.domain.paging import paginate
from chorus_tui.models import AuditEntry

START = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def _entries(count: int) -> None:
    # Ties on ``at`` (three entries per minute): the order is total only with the id.
    AuditEntry.insert_many(
        [{"at": START + dt.timedelta(minutes=index // 3), "action": "X"} for index in range(count)]
    ).execute()


def _query():
    return AuditEntry.select().order_by(AuditEntry.at.desc(), AuditEntry.id.desc())


def test_reversible_pages_are_the_forward_pages(db):
    _entries(23)
    expected = [row.id for row in _query()]
    for size in (5, 10, 20):
        for offset in range(0, 23, size):
            page = paginate(_query(), size, offset, reversible=True)
            assert [row.id for row in page.rows] == expected[offset : offset + size]
            assert (page.total, page.offset) == (23, offset)


def test_an_offset_past_the_end_gives_the_last_page(db):
    _entries(12)
    page = paginate(_query(), 5, 40, reversible=True)
    assert (page.offset, len(page.rows)) == (10, 2)


def test_a_count_is_forgotten_when_the_database_changes(db):
    _entries(7)
    assert paginate(_query(), 5).total == 7
    _entries(1)
    assert paginate(_query(), 5).total == 8
    AuditEntry.delete().where(AuditEntry.id <= 3).execute()
    assert paginate(_query(), 5, 5).total == 5


@pytest.mark.sqlite_only
def test_a_count_is_forgotten_when_another_connection_commits(db, tmp_path):
    _entries(4)
    assert paginate(_query(), 5).total == 4
    other = sqlite3.connect(db.database)
    with other:
        other.execute(
            "INSERT INTO audit_entry (at, action, motif, details) VALUES (?, 'X', '', '{}')",
            ("2026-02-01 00:00:00",),
        )
    other.close()
    assert paginate(_query(), 5).total == 5


def test_the_members_list_read_backwards_keeps_its_order_on_equal_names(db, services):
    """« Utilisateurs » of a structure sorts by nom and prénom: the membership id breaks the ties
    of namesakes, so its last pages, read backwards, are the pages read forwards."""
    from chorus_tui.domain.structure_admin import structure_users_query
    from chorus_tui.models.codes import Role
    from tests.domain.factories import add_member, make_structure, make_user

    structure = make_structure(services, principal=make_user(services))
    for number in range(11):
        namesake = make_user(services, nom="MARTIN", prenom="Léa" if number % 2 else "Hugo")
        add_member(services, namesake, structure, Role.UTILISATEUR_SIMPLE)
    expected = [row.id for row in structure_users_query(structure)]
    assert len(expected) == 12
    for offset in range(0, 12, 5):
        page = paginate(structure_users_query(structure), 5, offset, reversible=True)
        assert [row.id for row in page.rows] == expected[offset : offset + 5]


def test_pages_by_remembered_keys_are_the_pages_of_the_query(db):
    _entries(23)
    expected = [row.id for row in _query()]
    for size in (5, 10, 20):
        for offset in range(0, 30, size):
            page = paginate(_query(), size, offset, key=AuditEntry.id)
            start = min(offset, (23 - 1) // size * size)
            assert [row.id for row in page.rows] == expected[start : start + size]
            assert (page.total, page.offset) == (23, start)


def test_a_remembered_order_is_forgotten_when_the_database_changes(db):
    _entries(6)
    first = paginate(_query(), 5, key=AuditEntry.id)
    AuditEntry.insert(at=START + dt.timedelta(days=1), action="X").execute()
    again = paginate(_query(), 5, key=AuditEntry.id)
    assert again.total == first.total + 1
    assert again.rows[0].id == max(row.id for row in _query())
    AuditEntry.delete().where(AuditEntry.id == again.rows[0].id).execute()
    assert [row.id for row in paginate(_query(), 5, key=AuditEntry.id).rows] == [
        row.id for row in first.rows
    ]


def test_the_members_list_pages_by_remembered_keys_in_its_order(db, services):
    from chorus_tui.domain.structure_admin import structure_users, structure_users_query
    from chorus_tui.models.codes import Role
    from tests.domain.factories import add_member, make_structure, make_user

    principal = make_user(services)
    structure = make_structure(services, principal=principal)
    for number in range(11):
        namesake = make_user(services, nom="MARTIN", prenom="Léa" if number % 2 else "Hugo")
        add_member(services, namesake, structure, Role.UTILISATEUR_SIMPLE)
    expected = [row.id for row in structure_users_query(structure)]
    for offset in range(0, 12, 5):
        page = structure_users(principal, structure.id, size=5, offset=offset)
        assert [row.id for row in page.rows] == expected[offset : offset + 5]
        assert all(row.user.nom for row in page.rows)


@pytest.mark.sqlite_only
def test_forgetting_makes_the_next_page_count_again(db):
    """A remembered count spares its statement; once forgotten it is run again (counts are
    remembered on SQLite only)."""
    import logging

    from chorus_tui.domain.paging import forget_remembered

    statements: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            statements.append(str(record.msg))

    _entries(3)
    logger = logging.getLogger("peewee")
    handler, level = Capture(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        paginate(_query(), 5)
        statements.clear()
        paginate(_query(), 5)
        remembered = len(statements)
        forget_remembered()
        statements.clear()
        paginate(_query(), 5)
        counted_again = len(statements)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert counted_again == remembered + 1
