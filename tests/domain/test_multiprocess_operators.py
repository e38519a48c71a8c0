"""X8, SPEC §8: four operators in four OS processes write at once to one SQLite file — 200 random
operations each (membership requests and decisions, role changes, deactivation, versioned profile
saves, subscriptions, logins). No « database is locked » (nor any other database error) reaches
the caller, no update is lost, and the invariant and the foreign keys hold afterwards. The same
runs against PostgreSQL, where concurrent transactions really overlap."""

from __future__ import annotations

import multiprocessing
import random
import traceback
from collections import Counter
from dataclasses import dataclass, field

import peewee
import pytest

from chorus_tui.db import open_database
from chorus_tui.domain import auth, membership_requests, memberships, profile, structure_admin
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.invariant import all_violations
from chorus_tui.domain.subscriptions import (
    LIVE,
    SubscriptionLine,
    delete_subscriptions,
    request_subscriptions,
)
from chorus_tui.models import (
    AuditEntry,
    LoginAttempt,
    Membership,
    Space,
    StructureSpace,
    Subscription,
    User,
    database,
)
from chorus_tui.models.codes import Habilitation, MembershipStatus, Role, SpaceCode
from tests.domain.factories import PASSWORD, make_structure, make_user

WRITERS = 4
OPERATIONS = 200
CANDIDATES = 10
SPACE = SpaceCode.FACTURES_EMISES
KINDS = (
    "request",
    "validate",
    "refuse",
    "role",
    "deactivate",
    "reactivate",
    "own_profile",
    "shared_profile",
    "subscribe",
    "unsubscribe",
    "login",
)


@dataclass(frozen=True)
class Cast:
    """Ids of the rows the operators work on, made before they start."""

    structure: int
    principal: int
    services: tuple[int, ...]
    candidates: tuple[int, ...]
    own: tuple[int, ...]  # one account per operator: only that operator saves its profile
    shared: int  # one account every operator saves, each from the version it read
    logins: tuple[str, ...]


@dataclass
class Report:
    """What one operator did: outcomes per operation kind, the errors nobody planned for."""

    outcomes: Counter = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)
    own_saves: int = 0
    own_last: str = ""
    shared_saves: int = 0


def profile_values(user: User, ville: str) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(user, name) or "" for name in profile.PROFILE_FIELDS}
    values.update(
        ville=ville,
        language=user.language,
        notifications=user.notifications,
        secret_question=user.secret_question or "",
    )
    return values


class Operator:
    def __init__(self, cast: Cast, index: int) -> None:
        self.cast = cast
        self.index = index
        self.rng = random.Random(8000 + index)
        self.services = Services(hasher=cheap_hasher())
        self.report = Report()

    def principal(self) -> User:
        return User.get_by_id(self.cast.principal)

    def memberships(self, *statuses: str) -> list[Membership]:
        """The structure's memberships in ``statuses`` (the principal's excepted), as read now
        — possibly stale by the time the operation runs, which is the point."""
        return list(
            Membership.select()
            .where(
                (Membership.structure == self.cast.structure)
                & (Membership.status.in_(list(statuses)))
                & (Membership.role != Role.GESTIONNAIRE_PRINCIPAL)
            )
            .order_by(Membership.id)
        )

    def pick(self, *statuses: str) -> Membership | None:
        rows = self.memberships(*statuses)
        return self.rng.choice(rows) if rows else None

    # -- the operations: each returns "ok" or "idle" (nothing to act on), or raises -------------

    def do_request(self, step: int) -> str:
        user = User.get_by_id(self.rng.choice(self.cast.candidates))
        chosen = self.rng.choice([[], list(self.cast.services[:1]), list(self.cast.services)])
        memberships.request_membership(
            self.services,
            user,
            self.cast.structure,
            start_date=self.services.now().strftime("%d/%m/%Y"),
            service_ids=chosen,
        )
        return "ok"

    def do_validate(self, step: int) -> str:
        row = self.pick(MembershipStatus.EN_COURS_DE_VALIDATION)
        if row is None:
            return "idle"
        membership_requests.validate_membership(
            self.services,
            self.principal(),
            row.id,
            role=self.rng.choice(membership_requests.GRANTABLE_ROLES),
            expected_version=row.version,
        )
        return "ok"

    def do_refuse(self, step: int) -> str:
        row = self.pick(MembershipStatus.EN_COURS_DE_VALIDATION)
        if row is None:
            return "idle"
        membership_requests.refuse_membership(
            self.services, self.principal(), row.id, "Doublon", expected_version=row.version
        )
        return "ok"

    def do_role(self, step: int) -> str:
        row = self.pick(MembershipStatus.VALIDEE)
        if row is None:
            return "idle"
        structure_admin.change_member(
            self.services,
            self.principal(),
            self.cast.structure,
            row.id,
            self.rng.choice(structure_admin.CHANGEABLE_ROLES),
            self.rng.choice([[], list(self.cast.services[1:])]),
            expected_version=row.version,
        )
        return "ok"

    def do_deactivate(self, step: int) -> str:
        row = self.pick(MembershipStatus.VALIDEE)
        if row is None:
            return "idle"
        structure_admin.deactivate_members(
            self.services, self.principal(), self.cast.structure, [row.id]
        )
        return "ok"

    def do_reactivate(self, step: int) -> str:
        row = self.pick(MembershipStatus.DESACTIVEE)
        if row is None:
            return "idle"
        structure_admin.reactivate_members(
            self.services, self.principal(), self.cast.structure, [row.id]
        )
        return "ok"

    def do_own_profile(self, step: int) -> str:
        user = User.get_by_id(self.cast.own[self.index])
        ville = f"Ville {self.index}-{step}"
        profile.save_profile(
            self.services, user, profile_values(user, ville), expected_version=user.version
        )
        self.report.own_saves += 1
        self.report.own_last = ville
        return "ok"

    def do_shared_profile(self, step: int) -> str:
        user = User.get_by_id(self.cast.shared)
        ville = f"Ville {self.index}-{step}"
        profile.save_profile(
            self.services, user, profile_values(user, ville), expected_version=user.version
        )
        self.report.shared_saves += 1
        return "ok"

    def do_subscribe(self, step: int) -> str:
        row = self.pick(MembershipStatus.VALIDEE)
        if row is None:
            return "idle"
        request_subscriptions(
            self.services,
            User.get_by_id(row.user_id),
            structure_id=self.cast.structure,
            space_code=SPACE,
            lines=[SubscriptionLine(None, self.rng.choice(list(Habilitation)))],
            effective_date=self.services.now().strftime("%d/%m/%Y"),
        )
        return "ok"

    def do_unsubscribe(self, step: int) -> str:
        rows = list(
            Subscription.select()
            .join(Space)
            .where(
                (Subscription.structure == self.cast.structure)
                & (Subscription.user.in_(list(self.cast.candidates)))
                & (Space.code == SPACE)
                & (Subscription.status.in_(LIVE))
                & (Subscription.ended_at.is_null())
            )
            .order_by(Subscription.id)
        )
        if not rows:
            return "idle"
        row = self.rng.choice(rows)
        delete_subscriptions(self.services, User.get_by_id(row.user_id), [row.id])
        return "ok"

    def do_login(self, step: int) -> str:
        good = self.rng.random() < 0.7
        auth.login(self.services, self.cast.logins[self.index], PASSWORD if good else "Faux.1234")
        return "ok"


def operate(target: str, cast: Cast, index: int) -> Report:
    """One operator's process: ``OPERATIONS`` random operations; a domain refusal (conflict,
    validation, wrong password…) is an expected outcome, anything else is recorded."""
    open_database(target)
    operator = Operator(cast, index)
    report = operator.report
    for step in range(OPERATIONS):
        kind = operator.rng.choice(KINDS)
        try:
            outcome = getattr(operator, f"do_{kind}")(step)
        except DomainError as error:
            report.outcomes[f"{kind}:{type(error).__name__}:{error.code}"] += 1
            continue
        except peewee.OperationalError as error:  # « database is locked » and the like
            report.unexpected.append(f"{kind}: {error!r}")
            continue
        except Exception:
            report.unexpected.append(traceback.format_exc())
            continue
        report.outcomes[f"{kind}:{outcome}"] += 1
    database.close()
    return report


def make_cast(services: Services) -> Cast:
    principal = make_user(services)
    structure = make_structure(services, principal=principal)
    codes = [
        structure_admin.create_service(services, principal, structure.id, code, libelle).id
        for code, libelle in (("MOBURB", "Mobilier urbain"), ("MENINT", "Menuiseries"))
    ]
    StructureSpace.create(
        structure=structure, space=Space.get(Space.code == SPACE), created_at=services.now()
    )
    return Cast(
        structure=structure.id,
        principal=principal.id,
        services=tuple(codes),
        candidates=tuple(make_user(services).id for _ in range(CANDIDATES)),
        own=tuple(make_user(services).id for _ in range(WRITERS)),
        shared=make_user(services).id,
        logins=tuple(make_user(services).login for _ in range(WRITERS)),
    )


def audits(action: str) -> int:
    return AuditEntry.select().where(AuditEntry.action == action).count()


def database_target(request, backend: str, tmp_path) -> str:
    """What each process opens: the ``db`` fixture's SQLite file, or its PostgreSQL database."""
    if backend == "sqlite":
        return str(tmp_path / "chorus.sqlite3")
    return request.getfixturevalue("postgres_test_database").url


@pytest.mark.usefixtures("db")
def test_four_operator_processes_lose_no_update_and_never_see_database_is_locked(
    request, backend, services, tmp_path
):
    """On one SQLite file (``BEGIN IMMEDIATE``) and on PostgreSQL (read committed, the rows
    read to decide locked ``FOR UPDATE``) alike."""
    cast = make_cast(services)
    own_before = {user_id: User.get_by_id(user_id).version for user_id in cast.own}
    shared_before = User.get_by_id(cast.shared).version
    memberships_before = Membership.select().count()
    database.close()

    target = database_target(request, backend, tmp_path)
    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        reports: list[Report] = pool.starmap(
            operate, [(target, cast, index) for index in range(WRITERS)]
        )
    database.connect(reuse_if_open=True)

    assert [report.unexpected for report in reports] == [[]] * WRITERS
    outcomes = sum((report.outcomes for report in reports), Counter())
    assert sum(outcomes.values()) == WRITERS * OPERATIONS
    # Every kind of operation ran and succeeded at least once; some met a conflict.
    for kind in KINDS:
        assert outcomes[f"{kind}:ok"] > 0, (kind, outcomes)
    assert any(":Conflict:" in key for key in outcomes), outcomes

    # No lost update: each operator's own account moved once per successful save, and the
    # shared account once per save that any operator got through.
    for index, report in enumerate(reports):
        user_id = cast.own[index]
        own = User.get_by_id(user_id)
        assert own.version - own_before[user_id] == report.own_saves
        assert own.ville == report.own_last
    shared_saves = sum(report.shared_saves for report in reports)
    assert User.get_by_id(cast.shared).version - shared_before == shared_saves

    # Each request was created once, and decided at most once.
    requested = outcomes["request:ok"]
    assert Membership.select().count() - memberships_before == requested
    assert audits("MEMBERSHIP_VALIDATED") == outcomes["validate:ok"]
    assert audits("MEMBERSHIP_REFUSED") == outcomes["refuse:ok"]
    assert audits("MEMBERSHIP_CHANGED") == outcomes["role:ok"]
    assert audits("MEMBERSHIP_DEACTIVATED") == outcomes["deactivate:ok"]
    assert audits("MEMBERSHIP_REACTIVATED") == outcomes["reactivate:ok"]
    logins = sum(count for key, count in outcomes.items() if key.startswith("login:"))
    assert LoginAttempt.select().count() == logins

    assert all_violations() == []  # with SQLite's integrity and foreign key checks
