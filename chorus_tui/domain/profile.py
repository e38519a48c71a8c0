"""« Valider » of Mon Compte (F2): every personal block saved at once, in one transaction."""

from __future__ import annotations

from chorus_tui.domain import passwords
from chorus_tui.domain.accounts import check_password_change, sync_session_user
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors
from chorus_tui.domain.fields import PERSON_RULES, clean_values
from chorus_tui.domain.journal import event
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.search import refresh_user
from chorus_tui.domain.text import clean, has_control
from chorus_tui.domain.transaction import locked, run_write
from chorus_tui.i18n import LANGUAGES
from chorus_tui.models import User

PROFILE_FIELDS = tuple(PERSON_RULES)
SECRET_MAX_LENGTH = 255


def save_profile(
    services: Services,
    actor: User,
    values: dict[str, object],
    *,
    expected_version: int | None = None,
) -> None:
    """Save the blocks of Mon Compte: informations générales, adresse postale, paramètres,
    mot de passe (only when a new one or a confirmation is typed) and question secrète. Every
    field error is raised at once in a :class:`ValidationError`, and nothing is saved then."""

    def operation() -> None:
        user = locked(User.select().where(User.id == actor.id)).get()
        require(user, Action.MON_COMPTE)
        if expected_version is not None and user.version != expected_version:
            raise Conflict()
        text_values = {name: _text(values.get(name)) for name in PROFILE_FIELDS}
        cleaned, errors = clean_values(text_values, PERSON_RULES)

        language = clean(_text(values.get("language"))).upper()
        if not language:
            errors.add("language", "required")
        elif language not in LANGUAGES:
            errors.add("language", "language_invalid")

        question, answer_hash = _secret(services, user, values, errors)
        new_password = _password(services, user, values, errors)
        errors.raise_if_any()

        now = services.now()
        for name, value in cleaned.items():
            setattr(user, name, value)
        user.language = language
        user.notifications = bool(values.get("notifications"))
        user.secret_question = question
        if answer_hash is not None:
            user.secret_answer_hash = answer_hash
        if new_password is not None:
            user.password_hash = passwords.hash_password(services.hasher, new_password)
            user.password_changed_at = now
        refresh_user(user)
        user.modified_at = now
        user.version += 1
        user.save()
        if new_password is not None:
            event(services, user, "password_changed")
        sync_session_user(actor, user)

    run_write(operation)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _secret(
    services: Services, user: User, values: dict[str, object], errors: FieldErrors
) -> tuple[str, str | None]:
    """The question to store and the new answer's hash (None: keep the stored one)."""
    question = clean(_text(values.get("secret_question")))
    raw_answer = _text(values.get("secret_answer"))
    answer = passwords.normalise_answer(raw_answer)
    if not question:
        # An account that never had a question may leave it empty; a stored one is not erased.
        if user.secret_question or answer:
            errors.add("secret_question", "required")
    elif has_control(question):
        errors.add("secret_question", "control_characters")
    elif len(question) > SECRET_MAX_LENGTH:
        errors.add("secret_question", "too_long", max=SECRET_MAX_LENGTH)
    if has_control(raw_answer):
        errors.add("secret_answer", "control_characters")
    elif len(answer) > SECRET_MAX_LENGTH:
        errors.add("secret_answer", "too_long", max=SECRET_MAX_LENGTH)
    elif (
        not answer
        and question
        and (question != user.secret_question or not user.secret_answer_hash)
    ):
        errors.add("secret_answer", "required")
    if errors or not answer:
        return question, None
    return question, hash_answer(services, answer)


def _password(
    services: Services, user: User, values: dict[str, object], errors: FieldErrors
) -> str | None:
    """The new password to store, or None when the block is left empty."""
    current = _text(values.get("current_password"))
    new = _text(values.get("new_password"))
    confirmation = _text(values.get("confirmation"))
    if not new and not confirmation:
        return None
    check_password_change(services, user, current, new, errors)
    if new != confirmation:
        errors.add("confirmation", "password_mismatch")
    return new


def hash_answer(services: Services, answer: str) -> str:
    """The stored form of a secret answer: argon2 of its normalised text (F2)."""
    return passwords.hash_password(services.hasher, passwords.normalise_answer(answer))


def verify_secret_answer(services: Services, user: User, answer: str) -> bool:
    normalised = passwords.normalise_answer(answer)
    if not normalised:
        return False
    return passwords.verify_password(services.hasher, user.secret_answer_hash, normalised)
