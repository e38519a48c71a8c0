"""F0, F2, F8, M8, M9 and issue 10: what authentication promises an attacker cannot exploit.

tests/domain/test_auth.py and test_activation.py pin the rules one by one (the lockout at the
5th failure, one error for an unknown login and a wrong password, one verification for an
unknown login, codes of ≥ 128 bits stored as sha256, single use, their lifetimes, the voiding
of a reactivation code; test_user_search the voiding of a creation code). This module adds the
edges of the lockout, the structural sameness of the two failures, where the codes' randomness
comes from, and a scan of everything the program writes — every text column of every table,
the CSV exports and the log records — for the passwords, answers and codes of the flows."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import argon2
import pytest

from chorus_tui.domain import (
    accounts,
    activation,
    attach,
    auth,
    deactivation,
    history,
    passwords,
    profile,
    user_search,
)
from chorus_tui.domain import technical_users as tu
from chorus_tui.domain.context import Services
from chorus_tui.models import ALL_MODELS, LoginAttempt, OutboxMail, User
from chorus_tui.models.codes import AccountStatus, Role
from tests.domain.factories import PASSWORD, add_member, make_structure, make_user

pytestmark = pytest.mark.usefixtures("db")

WRONG = "Wrong.Password.1"


def fail(services, login: str, password: str = WRONG) -> auth.InvalidCredentials:
    with pytest.raises(auth.InvalidCredentials) as caught:
        auth.login(services, login, password)
    return caught.value


def lock(services, login: str) -> auth.AccountLocked:
    for _ in range(auth.MAX_FAILURES - 1):
        fail(services, login)
    with pytest.raises(auth.AccountLocked) as caught:
        auth.login(services, login, WRONG)
    return caught.value


# -- lockout ------------------------------------------------------------------------------------


def test_the_lock_holds_until_the_last_second_of_its_fifteen_minutes(services, clock):
    make_user(services, login="a@example.fr")
    locked = lock(services, "a@example.fr")
    assert locked.until == clock.now() + dt.timedelta(minutes=15)
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(auth.AccountLocked) as still:
        auth.login(services, "a@example.fr", PASSWORD)
    assert still.value.until == locked.until
    clock.advance(seconds=1)
    assert auth.login(services, "a@example.fr", PASSWORD).status is auth.LoginStatus.OK


def test_attempts_during_the_lock_neither_extend_it_nor_count(services, clock):
    make_user(services, login="a@example.fr")
    locked = lock(services, "a@example.fr")
    for _ in range(10):
        clock.advance(minutes=1)
        with pytest.raises(auth.AccountLocked) as again:
            auth.login(services, "a@example.fr", WRONG)
        assert again.value.until == locked.until
    stored = User.get(User.login == "a@example.fr")
    assert (stored.locked_until, stored.failed_attempts) == (locked.until, 0)
    outcomes = [a.outcome for a in LoginAttempt.select().order_by(LoginAttempt.id)]
    assert outcomes[-11:] == ["locked_now"] + ["locked"] * 10
    assert not any(a.success for a in LoginAttempt.select())


def test_after_the_lock_the_count_starts_again_from_zero(services, clock):
    make_user(services, login="a@example.fr")
    lock(services, "a@example.fr")
    clock.advance(minutes=15)
    for _ in range(auth.MAX_FAILURES - 1):
        fail(services, "a@example.fr")
    with pytest.raises(auth.AccountLocked) as relocked:
        auth.login(services, "a@example.fr", WRONG)
    assert relocked.value.until == clock.now() + dt.timedelta(minutes=15)


def test_a_right_password_during_the_lock_does_not_open_nor_unlock(services, clock):
    make_user(services, login="a@example.fr")
    locked = lock(services, "a@example.fr")
    with pytest.raises(auth.AccountLocked):
        auth.login(services, "a@example.fr", PASSWORD)
    assert User.get(User.login == "a@example.fr").locked_until == locked.until
    assert LoginAttempt.select().where(LoginAttempt.success == True).count() == 0  # noqa: E712


# -- an unknown login and a wrong password look the same -----------------------------------------


class SpyHasher(argon2.PasswordHasher):
    """Counts the hashes it verifies and makes (the cost an attacker could time)."""

    verified: list[str]
    hashed: int

    def verify(self, hash, password):
        self.verified.append(hash)
        return super().verify(hash, password)

    def hash(self, password, *, salt=None):
        self.hashed += 1
        return super().hash(password, salt=salt)


def spy_services(services) -> Services:
    hasher = SpyHasher.from_parameters(argon2.profiles.CHEAPEST)
    hasher.verified, hasher.hashed = [], 0
    passwords.verify_password(hasher, None, "warm-up: the dummy hash is made once")
    hasher.verified.clear()
    hasher.hashed = 0
    return Services(clock=services.clock, hasher=hasher)


def test_unknown_login_wrong_password_and_no_password_cost_the_same_verification(services):
    make_user(services, login="a@example.fr")
    make_user(
        services,
        login="new@example.fr",
        status=AccountStatus.EN_COURS_ACTIVATION,
        password_hash=None,
    )
    spy = spy_services(services)
    observed = {}
    for case, login in [
        ("wrong_password", "a@example.fr"),
        ("unknown_login", "nobody@example.fr"),
        ("no_password", "new@example.fr"),
    ]:
        spy.hasher.verified.clear()
        spy.hasher.hashed = 0
        error = fail(spy, login)
        [verified] = spy.hasher.verified
        observed[case] = (
            type(error),
            error.code,
            error.params,
            str(error),
            spy.hasher.hashed,
            argon2.extract_parameters(verified),
        )
    assert observed["wrong_password"] == observed["unknown_login"] == observed["no_password"]


def answers(services, clock, login: str) -> list[tuple[str, dt.datetime | None]]:
    """What ``login`` is told over a scripted series of wrong passwords: 5 to the lock, tries
    during it, the lock's end, 5 again."""
    told = []
    script = [0] * 5 + [1, 13] + [1] + [0] * 4  # minutes before each attempt
    for minutes in script:
        clock.advance(minutes=minutes)
        try:
            auth.login(services, login, WRONG)
        except auth.AccountLocked as locked:
            told.append((locked.code, locked.until))
        except auth.InvalidCredentials as error:
            told.append((error.code, None))
    return told


def test_an_unknown_login_is_locked_as_an_account_would_be(services, clock):
    """Else the lock's message would tell which login ids have an account."""
    make_user(services, login="a@example.fr")
    start = clock.now()
    real = answers(services, clock, "a@example.fr")
    clock.set(start)
    unknown = answers(services, clock, "nobody@example.fr")
    assert unknown == real
    locked = [code for code, _ in real].count("account_locked")
    assert locked == 1 + 2 + 1  # the 5th, the two during the lock, the 5th after it
    assert not User.select().where(User.login == "nobody@example.fr").exists()


def test_the_dummy_hash_follows_the_hasher_in_use(services):
    """A dummy made once with other parameters would verify faster or slower than a real hash."""
    stronger = argon2.PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    for hasher in (services.hasher, stronger):
        spy = SpyHasher.from_parameters(argon2.extract_parameters(hasher.hash("x")))
        spy.verified, spy.hashed = [], 0
        passwords.verify_password(spy, None, WRONG)
        real = hasher.hash(PASSWORD)
        assert argon2.extract_parameters(spy.verified[-1]) == argon2.extract_parameters(real)


# -- activation codes ---------------------------------------------------------------------------


def test_codes_come_from_the_operating_systems_random_source(monkeypatch):
    asked = []
    real = activation.secrets.token_bytes

    def spy(size):
        asked.append(size)
        return real(size)

    monkeypatch.setattr(activation.secrets, "token_bytes", spy)
    codes = {activation.canonical_code(activation.new_code()) for _ in range(200)}
    assert len(codes) == 200
    assert asked == [activation.CODE_BYTES] * 200
    assert activation.CODE_BYTES * 8 >= 128
    assert all(len(code) * 5 >= activation.CODE_BYTES * 8 for code in codes)


def test_a_code_is_spent_even_for_its_own_account_once_used(services, clock):
    """The reactivation code of an account deactivated again later does not open it twice."""
    user = make_user(
        services,
        status=AccountStatus.DESACTIVE,
        deactivated_at=clock.now() - dt.timedelta(days=1),
    )
    code = activation.request_reactivation(services, user)
    activation.activate_account(
        services, code, "Nouveau.Mot2Passe", "Nouveau.Mot2Passe", "Question ?", "Réponse"
    )
    User.update(status=AccountStatus.DESACTIVE, deactivated_at=clock.now()).where(
        User.id == user.id
    ).execute()
    with pytest.raises(activation.InvalidActivationCode):
        activation.check_code(services, code)


# -- nothing secret is written anywhere ---------------------------------------------------------


CODE_MAILS = ("reactivation_code", "account_creation_code")


def rows_with(secret: str) -> list[tuple[str, int | None, tuple]]:
    """Every row of every table with a text cell containing ``secret`` (case-insensitive)."""
    found = []
    needle = secret.casefold()
    for model in ALL_MODELS:
        for row in model.select().tuples():
            for cell in row:
                text = None
                if isinstance(cell, str):
                    text = cell
                elif isinstance(cell, bytes | memoryview):
                    text = bytes(cell).decode("utf-8", "replace")
                if text is not None and needle in text.casefold():
                    found.append((model._meta.table_name, row[0], row))
                    break
    return found


def variants(secret: str) -> set[str]:
    """The forms a secret could be stored in: as typed, normalised, without the code's dashes."""
    return {
        secret,
        passwords.normalise(secret),
        passwords.normalise_answer(secret),
        activation.canonical_code(secret),
    } - {""}


@pytest.mark.sqlite_only
def test_no_password_answer_or_code_is_written_anywhere_but_the_codes_own_mail(
    services, clock, tmp_path, caplog
):
    caplog.set_level(logging.DEBUG)
    secrets: dict[str, str] = {}  # secret → what it is
    codes: dict[str, int] = {}  # code → the account it opens

    paul = make_user(services, login="paul@example.fr")
    julie = make_user(services, login="julie@example.fr")
    structure = make_structure(services, principal=paul, raison_sociale="Menuiserie Dupont")
    add_member(services, julie, structure)

    # Logins, right and wrong; a password typed as an answer.
    secrets[PASSWORD] = "the initial password"
    secrets["Typo.In.Password.7"] = "a wrong password"
    fail(services, "paul@example.fr", "Typo.In.Password.7")
    fail(services, "ghost@example.fr", "Typo.In.Password.7")
    auth.login(services, "paul@example.fr", PASSWORD)

    # F2: password change, then Mon Compte with a new password and a secret answer.
    secrets["Julie.Second.Pass8"] = "julie's second password"
    accounts.change_password(services, julie, PASSWORD, "Julie.Second.Pass8", "Julie.Second.Pass8")
    julie = User.get_by_id(julie.id)
    secrets["Julie.Third.Pass9"] = "julie's third password"
    secrets["Rosebud Sled Answer"] = "julie's secret answer"
    values = {name: getattr(julie, name) for name in profile.PROFILE_FIELDS}
    values.update(
        language="FR",
        notifications=True,
        current_password="Julie.Second.Pass8",
        new_password="Julie.Third.Pass9",
        confirmation="Julie.Third.Pass9",
        secret_question="Le nom de mon traîneau ?",
        secret_answer="  Rosebud   SLED answer ",
    )
    profile.save_profile(services, julie, values)
    julie = User.get_by_id(julie.id)
    assert julie.secret_answer_hash.startswith("$argon2id$")
    assert profile.verify_secret_answer(services, julie, "rosebud sled answer")

    # F7 then F8: deactivation, two reactivation requests, activation with the second code.
    deactivation.deactivate_account(services, julie)
    first = activation.request_reactivation(services, julie)
    clock.advance(minutes=5)
    second = activation.request_reactivation(services, julie)
    codes.update({first: julie.id, second: julie.id})
    secrets["Julie.Fourth.Pass10"] = "julie's reactivation password"
    secrets["Answer After Reactivation"] = "julie's new answer"
    activation.activate_account(
        services,
        second,
        "Julie.Fourth.Pass10",
        "Julie.Fourth.Pass10",
        "Ma question ?",
        "Answer After Reactivation",
    )

    # M8: an account created by paul, its mail sent again, then activated.
    zoe, created = attach.create_account(
        services,
        paul,
        structure.id,
        {"login": "zoe@example.fr", "email": "zoe@example.fr", "nom": "LEROY", "prenom": "Zoé"},
        role=Role.UTILISATEUR_SIMPLE,
        start_date=clock.now().strftime("%d/%m/%Y"),
    )
    user_search.resend_activation(services, paul, [zoe.id])
    resent = _last_code_in_mail(zoe)
    codes.update({created: zoe.id, resent: zoe.id})
    secrets["Zoe.First.Password1"] = "zoe's password"
    secrets["Zoe Secret Answer"] = "zoe's answer"
    activation.activate_account(
        services,
        resent,
        "Zoe.First.Password1",
        "Zoe.First.Password1",
        "Question ?",
        "Zoe Secret Answer",
    )

    # M9: a technical user, created then reset; its password exported to its own file.
    technical, generated = tu.create_technical_user(services, paul, structure.id, "api@example.fr")
    reset = tu.reset_technical_password(services, paul, technical.id)
    secrets[generated] = "the technical user's first password"
    secrets[reset] = "the technical user's reset password"
    tu.export_credentials(tmp_path / "api.txt", technical.login, reset)
    fail(services, "api@example.fr", generated)

    # What the manager exports.
    history_csv = tmp_path / "history.csv"
    users_csv = tmp_path / "users.csv"
    assert history.export_history(paul, history_csv) > 0
    assert user_search.export_members(paul, {"login": "*"}, users_csv) > 0
    exports = {path.name: path.read_text(encoding="utf-8-sig") for path in (history_csv, users_csv)}
    logs = [(record.name, record.getMessage()) for record in caplog.records]

    leaks = []
    for secret, what in secrets.items():
        for form in variants(secret):
            leaks += [(what, table, row_id) for table, row_id, _ in rows_with(form)]
            leaks += [(what, name) for name, text in exports.items() if form in text]
            leaks += [(what, logger) for logger, message in logs if form in message]
    for code, owner in codes.items():
        for form in variants(code):
            for table, row_id, _ in rows_with(form):
                mail = OutboxMail.get_or_none(OutboxMail.id == row_id)
                own_mail = (
                    table == OutboxMail._meta.table_name
                    and mail.kind in CODE_MAILS
                    and mail.user_id == owner
                )
                if not own_mail:
                    leaks.append(("an activation code", table, row_id))
            leaks += [
                ("an activation code", name) for name, text in exports.items() if form in text
            ]
            leaks += [
                ("an activation code", logger)
                for logger, message in logs
                if form in message and not _is_the_mails_insert(logger, message)
            ]
    assert leaks == []
    # Each code is in exactly one mail: its own.
    for code in codes:
        holders = [row_id for table, row_id, _ in rows_with(code) if table == "outbox_mail"]
        assert len(holders) == 1, code


def _last_code_in_mail(user: User) -> str:
    """The code in the newest code mail of ``user`` (the domain returns no code on a resend)."""
    mail = (
        OutboxMail.select()
        .where((OutboxMail.user == user) & (OutboxMail.kind.in_(CODE_MAILS)))
        .order_by(OutboxMail.id.desc())
        .first()
    )
    groups = activation.CODE_BYTES * 8 // 5 // activation.GROUP
    for word in mail.body.split():
        parts = word.strip(".,;:«»()").split("-")
        if len(parts) == groups and all(len(p) == activation.GROUP for p in parts):
            return "-".join(parts)
    raise AssertionError(f"no code in {mail.body!r}")


def _is_the_mails_insert(logger: str, message: str) -> bool:
    """Peewee's debug record of the statement that queues a code mail carries its body."""
    return logger == "peewee" and message.startswith('(\'INSERT INTO "outbox_mail"')


def test_the_credentials_file_is_the_only_place_with_the_technical_password(services, tmp_path):
    paul = make_user(services, login="paul@example.fr")
    structure = make_structure(services, principal=paul)
    technical, password = tu.create_technical_user(services, paul, structure.id, "api@example.fr")
    written = tu.export_credentials(tmp_path / "api.txt", technical.login, password)
    assert password in Path(written).read_text(encoding="utf-8")
    assert rows_with(password) == []
    stored = User.get_by_id(technical.id).password_hash
    assert stored.startswith("$argon2id$") and password not in stored
