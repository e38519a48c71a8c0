"""Random operators' work on one database, shared by the multi-process test
(tests/domain/test_multiprocess_operators.py) and the soak command (tests/soak.py).

:func:`make_cast` makes the rows the operators work on; :func:`operate` runs one operator (one
OS process) for a number of operations or of seconds and returns its :class:`Report`;
:func:`lost_updates` compares what the operators say they did with what the database holds
(versions moved once per save, one audit entry per decision, one membership per request…)."""

from __future__ import annotations

import random
import time
import traceback
import uuid
from collections import Counter
from dataclasses import dataclass, field

import peewee

from chorus_tui.db import open_database
from chorus_tui.domain import (
    attach,
    auth,
    membership_requests,
    memberships,
    profile,
    structure_admin,
)
from chorus_tui.domain.context import Services, cheap_hasher
from chorus_tui.domain.errors import DomainError, ValidationError
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
from tests.domain.factories import PASSWORD, make_structure, make_user, siret

CANDIDATES = 10
SPACE = SpaceCode.FACTURES_EMISES
KINDS = (
    "request",
    "validate",
    "refuse",
    "role",
    "deactivate",
    "reactivate",
    "remove",
    "attach",
    "own_profile",
    "shared_profile",
    "subscribe",
    "unsubscribe",
    "login",
)
# The audit entry each successful operation of these kinds writes, exactly once.
AUDITED = {
    "validate": "MEMBERSHIP_VALIDATED",
    "refuse": "MEMBERSHIP_REFUSED",
    "role": "MEMBERSHIP_CHANGED",
    "deactivate": "MEMBERSHIP_DEACTIVATED",
    "reactivate": "MEMBERSHIP_REACTIVATED",
    "remove": "MEMBERSHIP_REMOVED",
    "attach": "USER_ATTACHED",
}


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

    @property
    def operations(self) -> int:
        return sum(self.outcomes.values()) + len(self.unexpected)


@dataclass(frozen=True)
class Baseline:
    """What the database held before the operators started (the soak may reuse a database)."""

    own_versions: dict[int, int]
    shared_version: int
    memberships: int
    audits: dict[str, int]
    login_attempts: int


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
    def __init__(self, cast: Cast, index: int, seed: int) -> None:
        self.cast = cast
        self.index = index
        self.rng = random.Random(seed)
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

    def today(self) -> str:
        return self.services.now().strftime("%d/%m/%Y")

    # -- the operations: each returns "ok" or "idle" (nothing to act on), or raises -------------

    def do_request(self, step: int) -> str:
        user = User.get_by_id(self.rng.choice(self.cast.candidates))
        chosen = self.rng.choice([[], list(self.cast.services[:1]), list(self.cast.services)])
        memberships.request_membership(
            self.services, user, self.cast.structure, start_date=self.today(), service_ids=chosen
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

    def do_remove(self, step: int) -> str:
        row = self.pick(MembershipStatus.VALIDEE, MembershipStatus.DESACTIVEE)
        if row is None:
            return "idle"
        structure_admin.remove_members(
            self.services, self.principal(), self.cast.structure, [row.id]
        )
        return "ok"

    def do_attach(self, step: int) -> str:
        attach.attach_user(
            self.services,
            self.principal(),
            self.cast.structure,
            self.rng.choice(self.cast.candidates),
            role=self.rng.choice(membership_requests.GRANTABLE_ROLES),
            start_date=self.today(),
            service_ids=self.rng.choice([[], list(self.cast.services[:1])]),
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
            effective_date=self.today(),
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

    def step(self, step: int) -> None:
        """One random operation; a domain refusal (conflict, validation, wrong password…) is an
        expected outcome, anything else is recorded as unexpected."""
        report = self.report
        kind = self.rng.choice(KINDS)
        try:
            outcome = getattr(self, f"do_{kind}")(step)
        except DomainError as error:
            report.outcomes[f"{kind}:{describe(error)}"] += 1
            return
        except peewee.OperationalError as error:  # « database is locked » and the like
            report.unexpected.append(f"{kind}: OperationalError: {error}")
            return
        except Exception:
            report.unexpected.append(f"{kind}: {traceback.format_exc()}")
            return
        report.outcomes[f"{kind}:{outcome}"] += 1


def describe(error: DomainError) -> str:
    """``Conflict:request_processed``, ``ValidationError:validation[services]``…"""
    text = f"{type(error).__name__}:{error.code}"
    if isinstance(error, ValidationError):
        text += f"[{','.join(error.fields)}]"
    return text


def operate(
    target: str,
    cast: Cast,
    index: int,
    *,
    operations: int | None = None,
    seconds: float | None = None,
    seed: int | None = None,
) -> Report:
    """One operator's process: ``operations`` random operations, or as many as fit in
    ``seconds``."""
    open_database(target)
    operator = Operator(cast, index, 8000 + index if seed is None else seed)
    deadline = time.monotonic() + seconds if seconds is not None else None
    step = 0
    while True:
        if operations is not None and step >= operations:
            break
        if deadline is not None and time.monotonic() >= deadline:
            break
        operator.step(step)
        step += 1
    database.close()
    return operator.report


def make_cast(services: Services, writers: int) -> Cast:
    """A structure with two services and « Factures émises », its principal, candidates to
    membership, and the accounts whose profiles the operators save. Logins and the SIRET are
    unique to this call, so a database may hold several casts."""
    tag = uuid.uuid4().hex[:12]
    numbers = iter(range(1, 10_000))

    def person() -> User:
        return make_user(services, login=f"soak-{tag}-{next(numbers)}@example.fr")

    principal = person()
    structure = make_structure(
        services, principal=principal, identifier=siret(random.randrange(10**7, 10**8))
    )
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
        candidates=tuple(person().id for _ in range(CANDIDATES)),
        own=tuple(person().id for _ in range(writers)),
        shared=person().id,
        logins=tuple(person().login for _ in range(writers)),
    )


def audits(action: str) -> int:
    return AuditEntry.select().where(AuditEntry.action == action).count()


def baseline(cast: Cast) -> Baseline:
    return Baseline(
        own_versions={user_id: User.get_by_id(user_id).version for user_id in cast.own},
        shared_version=User.get_by_id(cast.shared).version,
        memberships=Membership.select().count(),
        audits={action: audits(action) for action in AUDITED.values()},
        login_attempts=LoginAttempt.select().count(),
    )


def total_outcomes(reports: list[Report]) -> Counter:
    return sum((report.outcomes for report in reports), Counter())


def lost_updates(cast: Cast, before: Baseline, reports: list[Report]) -> list[str]:
    """Every update some operator made that the database does not show (or shows twice): each
    operator's own account moved once per save and holds its last value, the shared account
    once per save any operator got through, one membership per request or attach, one audit
    entry per decision, one login attempt per login."""
    lost = []
    for index, report in enumerate(reports):
        user_id = cast.own[index]
        own = User.get_by_id(user_id)
        moved = own.version - before.own_versions[user_id]
        if moved != report.own_saves:
            lost.append(f"own profile {index}: {report.own_saves} saves, version moved {moved}")
        if report.own_saves and own.ville != report.own_last:
            lost.append(f"own profile {index}: ville {own.ville!r}, last saved {report.own_last!r}")
    shared_saves = sum(report.shared_saves for report in reports)
    moved = User.get_by_id(cast.shared).version - before.shared_version
    if moved != shared_saves:
        lost.append(f"shared profile: {shared_saves} saves, version moved {moved}")
    outcomes = total_outcomes(reports)
    created = outcomes["request:ok"] + outcomes["attach:ok"]
    added = Membership.select().count() - before.memberships
    if added != created:
        lost.append(f"memberships: {created} requested or attached, {added} rows added")
    for kind, action in AUDITED.items():
        written = audits(action) - before.audits[action]
        if written != outcomes[f"{kind}:ok"]:
            lost.append(f"{action}: {outcomes[f'{kind}:ok']} done, {written} audit entries")
    logins = sum(count for key, count in outcomes.items() if key.startswith("login:"))
    recorded = LoginAttempt.select().count() - before.login_attempts
    if recorded != logins:
        lost.append(f"logins: {logins} attempts, {recorded} recorded")
    return lost
