"""The principal-manager invariant of SPEC §3 and the database's own integrity checks."""

from __future__ import annotations

from dataclasses import dataclass

import peewee
from peewee import JOIN, fn

from chorus_tui.models import Membership, Structure, User, database
from chorus_tui.models.codes import AccountStatus, MembershipStatus, Role, StructureStatus


@dataclass(frozen=True)
class Violation:
    """One broken rule: ``code`` says which, ``subject`` names the record."""

    code: str
    subject: str

    def __str__(self) -> str:
        return f"{self.code}: {self.subject}"


def principal_violations() -> list[Violation]:
    """Every ``ACTIF`` structure has exactly one ``VALIDEE`` principal membership, held by an
    ``ACTIF``, non-technical account. One grouped query, so it scales to 100,000 structures."""
    principal = (Membership.role == Role.GESTIONNAIRE_PRINCIPAL) & (
        Membership.status == MembershipStatus.VALIDEE
    )
    healthy = (User.status == AccountStatus.ACTIF) & (User.is_technical == False)  # noqa: E712
    rows = (
        Structure.select(
            Structure.identifier,
            fn.COUNT(Membership.id).alias("principals"),
            fn.SUM(peewee.Case(None, [(healthy, 1)], 0)).alias("healthy"),
        )
        .join(Membership, JOIN.LEFT_OUTER, on=(Membership.structure == Structure.id) & principal)
        .join(User, JOIN.LEFT_OUTER, on=(Membership.user == User.id))
        .where(Structure.status == StructureStatus.ACTIF)
        .group_by(Structure.id, Structure.identifier)
        .having(
            (fn.COUNT(Membership.id) != 1)
            | (fn.COALESCE(fn.SUM(peewee.Case(None, [(healthy, 1)], 0)), 0) != 1)
        )
        .tuples()
    )
    violations = []
    for identifier, count, healthy_count in rows:
        if count == 0:
            violations.append(Violation("no_principal", identifier))
        elif count > 1:
            violations.append(Violation("several_principals", identifier))
        elif not healthy_count:
            violations.append(Violation("principal_not_active", identifier))
    return violations


def integrity_violations() -> list[Violation]:
    """SQLite's ``integrity_check`` and ``foreign_key_check`` (the first does not do the second)."""
    db = database.obj
    if not isinstance(db, peewee.SqliteDatabase):
        return []
    violations = []
    for (message,) in db.execute_sql("PRAGMA integrity_check").fetchall():
        if message != "ok":
            violations.append(Violation("integrity", message))
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall():
        violations.append(Violation("foreign_key", f"{table} row {rowid} → {parent}"))
    return violations


def all_violations() -> list[Violation]:
    return integrity_violations() + principal_violations()
