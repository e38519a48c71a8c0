"""Activation codes (F8, M8): reactivating one's own account within 60 days, and activating an
account a manager created. Codes are single-use, ≥ 128 bits of randomness, stored as sha256."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets

from chorus_tui.domain import passwords
from chorus_tui.domain.auth import REACTIVATION_WINDOW
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import DomainError, FieldErrors, PermissionDenied
from chorus_tui.domain.journal import event, mail
from chorus_tui.domain.profile import SECRET_MAX_LENGTH, hash_answer
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.i18n import format_datetime
from chorus_tui.models import ActivationCode, User
from chorus_tui.models.codes import AccountStatus, CodePurpose

CODE_BYTES = 20  # 160 bits, 32 base32 characters
GROUP = 4
REACTIVATION_VALIDITY = dt.timedelta(hours=24)
CREATION_VALIDITY = dt.timedelta(days=7)

# The account status each kind of code opens.
_OPENS = {
    CodePurpose.REACTIVATION: AccountStatus.DESACTIVE,
    CodePurpose.CREATION: AccountStatus.EN_COURS_ACTIVATION,
}


class InvalidActivationCode(DomainError):
    """Unknown, expired, used or voided: one error that does not say which."""

    code = "invalid_activation_code"


def new_code() -> str:
    """A fresh code: 160 random bits in base32 (no 0/1/8/9, no lower case), in groups of four."""
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii").rstrip("=")
    return "-".join(raw[i : i + GROUP] for i in range(0, len(raw), GROUP))


def canonical_code(code: str) -> str:
    """What a typed code is compared as: spaces and dashes dropped, upper-cased."""
    return "".join(char for char in code if not char.isspace() and char != "-").upper()


def code_hash(code: str) -> str:
    return hashlib.sha256(canonical_code(code).encode("utf-8")).hexdigest()


def request_reactivation(services: Services, user: User) -> str:
    """« Réactiver mon compte » → « Valider »: a code valid 24 hours, sent by mail. Returns the
    code (for tests and the command line; the interface never shows it)."""

    def operation() -> str:
        account = User.get_by_id(user.id)
        if account.is_referential:
            raise DomainError("referential_account")
        if account.status != AccountStatus.DESACTIVE or account.is_technical:
            raise PermissionDenied(action="reactivation")
        now = services.now()
        since = account.deactivated_at or now
        if now > since + REACTIVATION_WINDOW:
            raise DomainError("reactivation_expired")
        return _issue(services, account, CodePurpose.REACTIVATION, "reactivation_code")

    return run_write(operation)


def issue_creation_code(services: Services, user: User) -> str:
    """The code of an account a manager created (M8), valid 7 days, sent by mail. Meant to run
    inside the creation's own transaction (it nests as a savepoint)."""

    def operation() -> str:
        account = User.get_by_id(user.id)
        if account.status != AccountStatus.EN_COURS_ACTIVATION or account.is_technical:
            raise PermissionDenied(action="account_creation_code")
        return _issue(services, account, CodePurpose.CREATION, "account_creation_code")

    return run_write(operation)


def _issue(services: Services, account: User, purpose: CodePurpose, mail_kind: str) -> str:
    now = services.now()
    validity = REACTIVATION_VALIDITY if purpose is CodePurpose.REACTIVATION else CREATION_VALIDITY
    _void_unused(account, now)
    code = new_code()
    record = ActivationCode.create(
        user=account,
        code_hash=code_hash(code),
        purpose=purpose,
        created_at=now,
        expires_at=now + validity,
    )
    mail(
        services,
        account,
        mail_kind,
        login=account.login,
        code=code,
        expires=format_datetime(record.expires_at),
    )
    return code


def _void_unused(account: User, now: dt.datetime, keep: ActivationCode | None = None) -> None:
    query = ActivationCode.update(voided_at=now).where(
        (ActivationCode.user == account)
        & ActivationCode.used_at.is_null()
        & ActivationCode.voided_at.is_null()
    )
    if keep is not None:
        query = query.where(ActivationCode.id != keep.id)
    query.execute()


def _valid_code(services: Services, code: str) -> ActivationCode:
    canonical = canonical_code(code or "")
    if not canonical:
        raise InvalidActivationCode()
    record = ActivationCode.get_or_none(ActivationCode.code_hash == code_hash(canonical))
    if (
        record is None
        or record.used_at is not None
        or record.voided_at is not None
        or services.now() >= record.expires_at
    ):
        raise InvalidActivationCode()
    account = User.get_by_id(record.user_id)
    if account.status != _OPENS.get(record.purpose) or account.is_technical:
        raise InvalidActivationCode()
    return record


def check_code(services: Services, code: str) -> User:
    """The account ``code`` opens, or :class:`InvalidActivationCode`. Writes nothing."""
    return User.get_by_id(_valid_code(services, code).user_id)


def activate_account(
    services: Services,
    code: str,
    new_password: str,
    confirmation: str,
    question: str,
    answer: str,
) -> User:
    """« Activation du compte utilisateur » → « Valider »: new password, new secret question and
    answer; the account becomes ``ACTIF`` and the code is spent."""

    def operation() -> User:
        record = _valid_code(services, code)
        account = User.get_by_id(record.user_id)
        errors = FieldErrors()
        if not new_password:
            errors.add("new_password", "required")
        else:
            for error in passwords.policy_errors(new_password, login=account.login):
                errors.add("new_password", error)
            if not errors and passwords.verify_password(
                services.hasher, account.password_hash, new_password
            ):
                errors.add("new_password", "password_is_current")
        if not confirmation:
            errors.add("confirmation", "required")
        elif new_password != confirmation:
            errors.add("confirmation", "password_mismatch")
        cleaned_question = clean(question)
        if not cleaned_question:
            errors.add("secret_question", "required")
        elif has_control(cleaned_question):
            errors.add("secret_question", "control_characters")
        elif len(cleaned_question) > SECRET_MAX_LENGTH:
            errors.add("secret_question", "too_long", max=SECRET_MAX_LENGTH)
        normalised_answer = passwords.normalise_answer(answer or "")
        if has_control(answer or ""):
            errors.add("secret_answer", "control_characters")
        elif not normalised_answer:
            errors.add("secret_answer", "required")
        elif len(normalised_answer) > SECRET_MAX_LENGTH:
            errors.add("secret_answer", "too_long", max=SECRET_MAX_LENGTH)
        errors.raise_if_any()

        now = services.now()
        account.status = AccountStatus.ACTIF
        account.password_hash = passwords.hash_password(services.hasher, new_password)
        account.password_changed_at = now
        account.secret_question = cleaned_question
        account.secret_answer_hash = hash_answer(services, normalised_answer)
        if record.purpose == CodePurpose.REACTIVATION:
            account.reactivated_at = now
        else:
            account.activated_at = now
        account.failed_attempts = 0
        account.locked_until = None
        account.modified_at = now
        account.version += 1
        account.save()
        record.used_at = now
        record.save()
        _void_unused(account, now, keep=record)
        kind = (
            "account_reactivated"
            if record.purpose == CodePurpose.REACTIVATION
            else "account_created"
        )
        event(services, account, kind)
        return account

    return run_write(operation)
