"""F0: login rules."""

from __future__ import annotations

import datetime as dt

import argon2
import pytest

from chorus_tui.domain import auth, passwords
from chorus_tui.domain.context import Services
from chorus_tui.models import LoginAttempt, User
from chorus_tui.models.codes import AccountStatus
from tests.domain.factories import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("db")


def test_login_with_right_credentials_opens_a_session(services):
    user = make_user(services, login="paul.dupont@menuiserie.fr")
    result = auth.login(services, "paul.dupont@menuiserie.fr", PASSWORD)
    assert result.status is auth.LoginStatus.OK
    assert result.user.id == user.id


def test_login_id_is_trimmed_and_case_insensitive(services):
    make_user(services, login="paul.dupont@menuiserie.fr")
    result = auth.login(services, "  Paul.Dupont@Menuiserie.FR ", PASSWORD)
    assert result.status is auth.LoginStatus.OK


def test_wrong_password_and_unknown_login_give_the_same_error(services):
    make_user(services, login="paul.dupont@menuiserie.fr")
    with pytest.raises(auth.InvalidCredentials) as wrong_password:
        auth.login(services, "paul.dupont@menuiserie.fr", "Wrong.Password.1")
    with pytest.raises(auth.InvalidCredentials) as unknown_login:
        auth.login(services, "nobody@menuiserie.fr", PASSWORD)
    assert wrong_password.value.code == unknown_login.value.code
    assert wrong_password.value.params == unknown_login.value.params == {}


def test_unknown_login_still_costs_one_password_verification(services):
    calls = []

    class CountingHasher(argon2.PasswordHasher):
        def verify(self, hash, password):
            calls.append(hash)
            return super().verify(hash, password)

    counting = Services(
        clock=services.clock, hasher=CountingHasher.from_parameters(argon2.profiles.CHEAPEST)
    )
    passwords.verify_password(counting.hasher, None, "warm-up")
    calls.clear()
    with pytest.raises(auth.InvalidCredentials):
        auth.login(counting, "nobody@example.fr", PASSWORD)
    assert len(calls) == 1


def test_five_failures_lock_the_account_for_fifteen_minutes(services, clock):
    make_user(services, login="a@example.fr")
    for _ in range(4):
        with pytest.raises(auth.InvalidCredentials):
            auth.login(services, "a@example.fr", "Wrong.Password.1")
    with pytest.raises(auth.AccountLocked) as locked:
        auth.login(services, "a@example.fr", "Wrong.Password.1")
    assert locked.value.until == clock.now() + dt.timedelta(minutes=15)
    with pytest.raises(auth.AccountLocked):
        auth.login(services, "a@example.fr", PASSWORD)
    clock.advance(minutes=15)
    assert auth.login(services, "a@example.fr", PASSWORD).status is auth.LoginStatus.OK


def test_success_resets_the_failure_counter(services):
    make_user(services, login="a@example.fr")
    for _ in range(4):
        with pytest.raises(auth.InvalidCredentials):
            auth.login(services, "a@example.fr", "Wrong.Password.1")
    auth.login(services, "a@example.fr", PASSWORD)
    for _ in range(4):
        with pytest.raises(auth.InvalidCredentials):
            auth.login(services, "a@example.fr", "Wrong.Password.1")
    assert User.get(User.login == "a@example.fr").locked_until is None


def test_every_attempt_is_recorded_with_its_time_and_success(services, clock):
    user = make_user(services, login="a@example.fr")
    with pytest.raises(auth.InvalidCredentials):
        auth.login(services, "a@example.fr", "Wrong.Password.1")
    with pytest.raises(auth.InvalidCredentials):
        auth.login(services, "ghost@example.fr", "x")
    auth.login(services, "a@example.fr", PASSWORD)
    attempts = list(LoginAttempt.select().order_by(LoginAttempt.id))
    assert [(a.login, a.success) for a in attempts] == [
        ("a@example.fr", False),
        ("ghost@example.fr", False),
        ("a@example.fr", True),
    ]
    assert attempts[0].user_id == user.id and attempts[1].user_id is None
    assert all(a.at == clock.now() for a in attempts)


def test_login_remembers_the_previous_login_for_the_banner(services, clock):
    make_user(services, login="a@example.fr")
    first = auth.login(services, "a@example.fr", PASSWORD)
    assert first.previous_login is None
    clock.advance(hours=3)
    second = auth.login(services, "a@example.fr", PASSWORD)
    assert second.previous_login == clock.now() - dt.timedelta(hours=3)


def test_pending_activation_account_gets_no_session(services):
    make_user(services, login="new@example.fr", status=AccountStatus.EN_COURS_ACTIVATION)
    result = auth.login(services, "new@example.fr", PASSWORD)
    assert result.status is auth.LoginStatus.PENDING_ACTIVATION


def test_account_without_password_cannot_log_in(services):
    make_user(
        services,
        login="new@example.fr",
        status=AccountStatus.EN_COURS_ACTIVATION,
        password_hash=None,
    )
    with pytest.raises(auth.InvalidCredentials):
        auth.login(services, "new@example.fr", "")


def test_deactivated_within_sixty_days_is_offered_reactivation(services, clock):
    since = clock.now() - dt.timedelta(days=10)
    make_user(
        services, login="old@example.fr", status=AccountStatus.DESACTIVE, deactivated_at=since
    )
    result = auth.login(services, "old@example.fr", PASSWORD)
    assert result.status is auth.LoginStatus.DEACTIVATED_RECENT
    assert result.reactivation_deadline == since + dt.timedelta(days=60)


def test_deactivated_more_than_sixty_days_ago_is_sent_to_support(services, clock):
    since = clock.now() - dt.timedelta(days=90)
    make_user(
        services, login="old@example.fr", status=AccountStatus.DESACTIVE, deactivated_at=since
    )
    result = auth.login(services, "old@example.fr", PASSWORD)
    assert result.status is auth.LoginStatus.DEACTIVATED_OLD


def test_technical_user_cannot_log_in(services):
    make_user(services, login="tech@example.fr", is_technical=True)
    with pytest.raises(auth.TechnicalUserRefused):
        auth.login(services, "tech@example.fr", PASSWORD)


def test_expired_password_must_be_changed_first(services, clock):
    user = make_user(services, password_changed_at=clock.now() - dt.timedelta(days=180))
    assert auth.pending_steps(user, clock.now()) == [auth.Step.CHANGE_PASSWORD]


def test_referential_account_completes_its_information_on_first_login(services, clock):
    user = make_user(services, is_referential=True, info_completed=False)
    assert auth.pending_steps(user, clock.now()) == [auth.Step.COMPLETE_INFO]


def test_both_forced_steps_come_password_first(services, clock):
    user = make_user(
        services,
        is_referential=True,
        info_completed=False,
        password_changed_at=clock.now() - dt.timedelta(days=200),
    )
    assert auth.pending_steps(user, clock.now()) == [
        auth.Step.CHANGE_PASSWORD,
        auth.Step.COMPLETE_INFO,
    ]


def test_login_rehashes_a_password_hashed_with_old_parameters(services):
    user = make_user(services, login="a@example.fr")
    stronger = Services(
        clock=services.clock,
        hasher=type(services.hasher)(time_cost=2, memory_cost=1024, parallelism=1),
    )
    auth.login(stronger, "a@example.fr", PASSWORD)
    rehashed = User.get_by_id(user.id).password_hash
    assert rehashed != user.password_hash
    assert not passwords.needs_rehash(stronger.hasher, rehashed)
