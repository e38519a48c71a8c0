"""Login and what it leads to (F0): lockout, account states, forced steps."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from chorus_tui.domain import passwords
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.text import has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import LoginAttempt, User
from chorus_tui.models.codes import AccountStatus

MAX_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
REACTIVATION_WINDOW = dt.timedelta(days=60)
# How far back the failures of a login id no account has are counted (see ``_unknown_failure``).
UNKNOWN_LOGIN_MEMORY = dt.timedelta(days=1)


class InvalidCredentials(DomainError):
    """Wrong login id or password: one message that does not say which."""

    code = "invalid_credentials"


class AccountLocked(DomainError):
    code = "account_locked"

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(until=until)
        self.until = until


class TechnicalUserRefused(DomainError):
    code = "technical_user"


class LoginStatus(StrEnum):
    OK = "OK"
    PENDING_ACTIVATION = "PENDING_ACTIVATION"
    DEACTIVATED_RECENT = "DEACTIVATED_RECENT"
    DEACTIVATED_OLD = "DEACTIVATED_OLD"


class Step(StrEnum):
    """What a logged-in user must do before anything else."""

    CHANGE_PASSWORD = "CHANGE_PASSWORD"
    COMPLETE_INFO = "COMPLETE_INFO"


@dataclass(frozen=True)
class LoginResult:
    status: LoginStatus
    user: User
    previous_login: dt.datetime | None = None
    deactivated_at: dt.datetime | None = None
    reactivation_deadline: dt.datetime | None = None


def normalise_login(login: str) -> str:
    return login.strip().casefold()


def login(services: Services, login_id: str, password: str) -> LoginResult:
    """Check the credentials and record the attempt. Raises :class:`InvalidCredentials`,
    :class:`AccountLocked` or :class:`TechnicalUserRefused`; otherwise the result says which
    state the account is in. Only ``LoginStatus.OK`` opens a session."""
    outcome = run_write(lambda: _attempt(services, normalise_login(login_id), password))
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _attempt(services: Services, login_id: str, password: str) -> LoginResult | DomainError:
    """The attempt is recorded in every case, so errors are returned (a raise would roll the
    record back) and raised once the transaction has committed."""
    now = services.now()
    # No login id holds a control character; PostgreSQL refuses NUL in any text (X8).
    user = None if has_control(login_id) else User.get_or_none(User.login == login_id)
    matches = passwords.verify_password(
        services.hasher, user.password_hash if user else None, password
    )

    if user is not None and user.locked_until is not None and now < user.locked_until:
        _record(now, login_id, user, False, "locked")
        return AccountLocked(user.locked_until)
    if user is None or not matches:
        return _failure(now, login_id, user)

    user.failed_attempts = 0
    user.locked_until = None
    if passwords.needs_rehash(services.hasher, user.password_hash):
        user.password_hash = passwords.hash_password(services.hasher, password)
    if user.is_technical:
        user.save()
        _record(now, login_id, user, False, "technical")
        return TechnicalUserRefused()
    result = _result_for_state(user, now)
    if result.status is LoginStatus.OK:
        user.previous_login_at = user.last_login_at
        user.last_login_at = now
    user.save()
    _record(now, login_id, user, result.status is LoginStatus.OK, result.status.lower())
    return result


def _failure(now: dt.datetime, login_id: str, user: User | None) -> DomainError:
    if user is None:
        return _unknown_failure(now, login_id)
    user.failed_attempts += 1
    if user.failed_attempts >= MAX_FAILURES:
        user.failed_attempts = 0
        user.locked_until = now + LOCK_DURATION
        user.save()
        _record(now, login_id, user, False, "locked_now")
        return AccountLocked(user.locked_until)
    user.save()
    _record(now, login_id, user, False, "wrong_password")
    return InvalidCredentials()


def _unknown_failure(now: dt.datetime, login_id: str) -> DomainError:
    """A login id no account has answers as an account would: « locked » at the 5th failure in a
    row for 15 minutes, so that the lock does not tell which login ids exist. Told from the
    attempts recorded for that login id over the last day (the ``at`` index bounds the read)."""
    stored = login_id.replace("\x00", "")[:255]  # as ``_record`` stores it
    attempts = LoginAttempt.select(LoginAttempt.id, LoginAttempt.at).where(
        (LoginAttempt.at >= now - UNKNOWN_LOGIN_MEMORY)
        & (LoginAttempt.login == stored)
        & LoginAttempt.user.is_null()
    )
    last_lock = (
        attempts.where(LoginAttempt.outcome == "locked_now")
        .order_by(LoginAttempt.id.desc())
        .first()
    )
    if last_lock is not None and now < last_lock.at + LOCK_DURATION:
        _record(now, login_id, None, False, "locked")
        return AccountLocked(last_lock.at + LOCK_DURATION)
    # As an account's counter, the count starts again after a lock.
    failures = attempts.where(LoginAttempt.outcome == "unknown_login")
    if last_lock is not None:
        failures = failures.where(LoginAttempt.id > last_lock.id)
    if failures.count() + 1 >= MAX_FAILURES:
        _record(now, login_id, None, False, "locked_now")
        return AccountLocked(now + LOCK_DURATION)
    _record(now, login_id, None, False, "unknown_login")
    return InvalidCredentials()


def _result_for_state(user: User, now: dt.datetime) -> LoginResult:
    if user.status == AccountStatus.EN_COURS_ACTIVATION:
        return LoginResult(LoginStatus.PENDING_ACTIVATION, user)
    if user.status == AccountStatus.DESACTIVE:
        since = user.deactivated_at or now
        deadline = since + REACTIVATION_WINDOW
        status = LoginStatus.DEACTIVATED_RECENT if now <= deadline else LoginStatus.DEACTIVATED_OLD
        return LoginResult(status, user, deactivated_at=since, reactivation_deadline=deadline)
    return LoginResult(LoginStatus.OK, user, previous_login=user.last_login_at)


def _record(
    now: dt.datetime, login_id: str, user: User | None, success: bool, outcome: str
) -> None:
    login = login_id.replace("\x00", "")[:255]
    LoginAttempt.create(at=now, login=login, user=user, success=success, outcome=outcome)


def pending_steps(user: User, now: dt.datetime) -> list[Step]:
    """The steps a logged-in user must go through first, in order: an expired password, then a
    referential account's missing information."""
    steps = []
    if passwords.is_expired(user.password_changed_at, now):
        steps.append(Step.CHANGE_PASSWORD)
    if user.is_referential and not user.info_completed:
        steps.append(Step.COMPLETE_INFO)
    return steps
