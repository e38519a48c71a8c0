"""F8 and M8: activation codes, reactivation within 60 days, activation of a created account."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from chorus_tui.domain import activation, auth, passwords, profile
from chorus_tui.domain.activation import InvalidActivationCode
from chorus_tui.domain.errors import DomainError, PermissionDenied, ValidationError
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import ActivationCode, Event, OutboxMail, User
from chorus_tui.models.codes import AccountStatus, CodePurpose, MailStatus
from tests.domain.factories import PASSWORD, make_user

pytestmark = pytest.mark.usefixtures("db")

NEW = "Nouveau.Mot2Passe"


def deactivated(services, days: float = 10, **fields) -> User:
    return make_user(
        services,
        status=AccountStatus.DESACTIVE,
        deactivated_at=services.now() - dt.timedelta(days=days),
        **fields,
    )


def activate(services, code: str, **overrides) -> User:
    values = {
        "new_password": NEW,
        "confirmation": NEW,
        "question": "Ma ville de naissance ?",
        "answer": "Limoges",
    }
    values.update(overrides)
    return activation.activate_account(services, code, **values)


def table_rows() -> dict:
    return {
        "users": [dict(u.__data__) for u in User.select().order_by(User.id)],
        "codes": [dict(c.__data__) for c in ActivationCode.select().order_by(ActivationCode.id)],
        "mails": OutboxMail.select().count(),
        "events": Event.select().count(),
    }


# --- request_reactivation ---------------------------------------------------------------------


def test_request_reactivation_mails_a_code_valid_24_hours(services, clock):
    user = deactivated(services, language="FR")
    code = activation.request_reactivation(services, user)
    record = ActivationCode.get(ActivationCode.user == user)
    assert record.purpose == CodePurpose.REACTIVATION
    assert record.created_at == clock.now()
    assert record.expires_at == clock.now() + dt.timedelta(hours=24)
    mail = OutboxMail.get(OutboxMail.user == user)
    assert mail.kind == "reactivation_code"
    assert mail.status == MailStatus.PENDING
    assert mail.to_address == user.email
    assert code in mail.body
    assert "25/11/2026 10:30:00" in mail.body, "expiry in jj/mm/aaaa HH:MM:SS, Paris time"
    assert "Réactivation" in mail.subject
    assert activation.check_code(services, code).id == user.id


def test_the_mail_is_in_the_users_language(services):
    user = deactivated(services, language="EN")
    activation.request_reactivation(services, user)
    assert OutboxMail.get(OutboxMail.user == user).subject.startswith("Chorus Pro – Reactivation")


def test_codes_have_at_least_128_bits_and_are_stored_hashed(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    canonical = activation.canonical_code(code)
    assert len(canonical) * math.log2(32) >= 128
    assert set(canonical) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    record = ActivationCode.get(ActivationCode.user == user)
    assert len(record.code_hash) == 64 and record.code_hash != canonical
    for table in ("activation_code", "user", "event", "audit_entry", "login_attempt"):
        dump = str(User._meta.database.execute_sql(f"SELECT * FROM {table}").fetchall())
        assert canonical not in dump and code not in dump, table
    other = activation.request_reactivation(services, user)
    assert activation.canonical_code(other) != canonical


def test_code_entry_forgives_spaces_dashes_and_case(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    canonical = activation.canonical_code(code)
    spaced = "  " + " ".join(canonical[i : i + 4] for i in range(0, len(canonical), 4)) + " \n"
    assert activation.check_code(services, spaced).id == user.id
    assert activation.check_code(services, canonical.lower()).id == user.id


def test_a_new_request_voids_the_previous_code(services, clock):
    user = deactivated(services)
    first = activation.request_reactivation(services, user)
    clock.advance(minutes=5)
    second = activation.request_reactivation(services, user)
    with pytest.raises(InvalidActivationCode):
        activation.check_code(services, first)
    assert activation.check_code(services, second).id == user.id
    voided = ActivationCode.get(ActivationCode.code_hash == activation.code_hash(first))
    assert voided.voided_at == clock.now()


def test_a_reactivation_code_expires_after_24_hours(services, clock):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    clock.advance(hours=23, minutes=59)
    assert activation.check_code(services, code).id == user.id
    clock.advance(minutes=1)
    with pytest.raises(InvalidActivationCode):
        activation.check_code(services, code)
    with pytest.raises(InvalidActivationCode):
        activate(services, code)
    assert User.get_by_id(user.id).status == AccountStatus.DESACTIVE


def test_reactivation_is_refused_after_60_days(services):
    user = deactivated(services, days=60.01)
    with pytest.raises(DomainError) as refused:
        activation.request_reactivation(services, user)
    assert refused.value.code == "reactivation_expired"
    assert not ActivationCode.select().exists() and not OutboxMail.select().exists()
    assert activation.request_reactivation(services, deactivated(services, days=60))


def test_referential_accounts_go_through_their_referent(services):
    user = deactivated(services, is_referential=True)
    with pytest.raises(DomainError) as refused:
        activation.request_reactivation(services, user)
    assert refused.value.code == "referential_account"
    assert not isinstance(refused.value, PermissionDenied)


@pytest.mark.parametrize("status", [AccountStatus.ACTIF, AccountStatus.EN_COURS_ACTIVATION])
def test_only_deactivated_accounts_can_ask_for_reactivation(services, status):
    user = make_user(services, status=status)
    with pytest.raises(PermissionDenied) as refused:
        activation.request_reactivation(services, user)
    assert refused.value.code == "permission_denied"
    assert refused.value.params == {"action": "reactivation"}


def test_a_failed_mail_leaves_no_code_and_keeps_the_previous_one(services, monkeypatch):
    user = deactivated(services)
    first = activation.request_reactivation(services, user)
    before = table_rows()

    def broken(*args, **kwargs):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(activation, "mail", broken)
    with pytest.raises(RuntimeError):
        activation.request_reactivation(services, user)
    assert table_rows() == before
    assert activation.check_code(services, first).id == user.id


# --- activate_account -------------------------------------------------------------------------


def test_activation_reactivates_the_account(services, clock):
    user = deactivated(services, failed_attempts=3, locked_until=services.now())
    code = activation.request_reactivation(services, user)
    clock.advance(hours=2)
    version = User.get_by_id(user.id).version
    result = activate(services, code, answer="  LIMOGES ")
    stored = User.get_by_id(user.id)
    assert result.id == user.id
    assert stored.status == AccountStatus.ACTIF
    assert stored.reactivated_at == clock.now()
    assert stored.activated_at is None
    assert stored.password_changed_at == clock.now()
    assert passwords.verify_password(services.hasher, stored.password_hash, NEW)
    assert stored.secret_question == "Ma ville de naissance ?"
    assert profile.verify_secret_answer(services, stored, "limoges")
    assert (stored.failed_attempts, stored.locked_until) == (0, None)
    assert stored.version == version + 1
    record = ActivationCode.get(ActivationCode.user == user)
    assert record.used_at == clock.now()
    assert Event.get(Event.user == user).kind == "account_reactivated"
    assert auth.login(services, user.login, NEW).status is auth.LoginStatus.OK


def test_a_used_code_is_refused(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    activate(services, code)
    with pytest.raises(InvalidActivationCode):
        activation.check_code(services, code)
    with pytest.raises(InvalidActivationCode):
        activate(services, code, new_password="Encore.Autre.2026", confirmation="Encore.Autre.2026")


@pytest.mark.parametrize("code", ["", "   ", "AAAA-BBBB", "n'importe quoi", "\x00"])
def test_unknown_codes_are_refused_with_one_error(services, code):
    deactivated(services)
    with pytest.raises(InvalidActivationCode) as refused:
        activation.check_code(services, code)
    assert refused.value.code == "invalid_activation_code"
    assert refused.value.params == {}


def test_a_wrong_code_is_reported_before_the_fields(services):
    with pytest.raises(InvalidActivationCode):
        activate(services, "WRONG", new_password="", question="")


def test_activation_lists_every_field_error_and_spends_nothing(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    before = table_rows()
    with pytest.raises(ValidationError) as refused:
        activate(services, code, new_password="court", confirmation="autre", question="", answer="")
    assert refused.value.fields == {
        "new_password": ("password_too_short", {}),
        "confirmation": ("password_mismatch", {}),
        "secret_question": ("required", {}),
        "secret_answer": ("required", {}),
    }
    with pytest.raises(ValidationError) as refused:
        activate(
            services,
            code,
            new_password="",
            confirmation="",
            question="q\x07" + "x",
            answer="r\x1b",
        )
    assert refused.value.fields == {
        "new_password": ("required", {}),
        "confirmation": ("required", {}),
        "secret_question": ("control_characters", {}),
        "secret_answer": ("control_characters", {}),
    }
    with pytest.raises(ValidationError) as refused:
        activate(services, code, question="q" * 256)
    assert refused.value.fields == {"secret_question": ("too_long", {"max": 255})}
    assert table_rows() == before
    assert activation.check_code(services, code).id == user.id


def test_the_previous_password_is_refused(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    with pytest.raises(ValidationError) as refused:
        activate(services, code, new_password=PASSWORD, confirmation=PASSWORD)
    assert refused.value.fields == {"new_password": ("password_is_current", {})}


def test_the_password_policy_applies_with_the_login(services):
    user = deactivated(services, login="marie.curie.1867@example.fr")
    code = activation.request_reactivation(services, user)
    login = "Marie.Curie.1867@example.fr"
    with pytest.raises(ValidationError) as refused:
        activate(services, code, new_password=login, confirmation=login)
    assert refused.value.fields["new_password"][0] == "password_is_login"


def test_a_failure_halfway_leaves_the_account_and_code_unchanged(services, monkeypatch):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    before = table_rows()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(activation, "event", broken)
    with pytest.raises(RuntimeError):
        activate(services, code)
    assert table_rows() == before
    monkeypatch.undo()
    activate(services, code)
    assert User.get_by_id(user.id).status == AccountStatus.ACTIF


def test_a_reactivation_code_does_not_open_an_account_that_is_active_again(services):
    user = deactivated(services)
    code = activation.request_reactivation(services, user)
    User.update(status=AccountStatus.ACTIF).where(User.id == user.id).execute()
    with pytest.raises(InvalidActivationCode):
        activation.check_code(services, code)


# --- creation codes (M8) ----------------------------------------------------------------------


def created_account(services) -> User:
    return make_user(services, status=AccountStatus.EN_COURS_ACTIVATION, password_hash=None)


def test_a_creation_code_is_valid_7_days(services, clock):
    user = created_account(services)
    code = activation.issue_creation_code(services, user)
    record = ActivationCode.get(ActivationCode.user == user)
    assert record.purpose == CodePurpose.CREATION
    assert record.expires_at == clock.now() + dt.timedelta(days=7)
    mail = OutboxMail.get(OutboxMail.user == user)
    assert mail.kind == "account_creation_code" and code in mail.body and user.login in mail.body
    clock.advance(days=6, hours=23)
    assert activation.check_code(services, code).id == user.id
    clock.advance(hours=1)
    with pytest.raises(InvalidActivationCode):
        activation.check_code(services, code)


def test_a_creation_code_activates_the_account(services, clock):
    user = created_account(services)
    code = activation.issue_creation_code(services, user)
    activate(services, code)
    stored = User.get_by_id(user.id)
    assert stored.status == AccountStatus.ACTIF
    assert stored.activated_at == clock.now()
    assert stored.reactivated_at is None
    assert Event.get(Event.user == user).kind == "account_created"


def test_the_creation_code_is_issued_inside_the_callers_transaction(services):
    user = created_account(services)

    def creation():
        activation.issue_creation_code(services, user)
        raise RuntimeError("the creation failed later")

    with pytest.raises(RuntimeError):
        run_write(creation)
    assert not ActivationCode.select().exists()
    assert not OutboxMail.select().exists()
    nested = run_write(lambda: activation.issue_creation_code(services, user))
    assert activation.check_code(services, nested).id == user.id


def test_creation_codes_only_for_accounts_being_activated(services):
    with pytest.raises(PermissionDenied):
        activation.issue_creation_code(services, make_user(services))
