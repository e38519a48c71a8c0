"""Operations on one's own account that the login flow needs (F0, F2): password change,
referential first-login completion, support request."""

from __future__ import annotations

from chorus_tui.domain import passwords
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import FieldErrors, PermissionDenied
from chorus_tui.domain.fields import PERSON_RULES, clean_values
from chorus_tui.domain.journal import event
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.search import refresh_user
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import SupportRequest, User
from chorus_tui.models.codes import AccountStatus

# A referential account completes every field of a person but the phone numbers.
REFERENTIAL_FIELDS = tuple(name for name in PERSON_RULES if name not in ("telephone", "fax"))


def check_password_change(
    services: Services, user: User, current: str, new: str, errors: FieldErrors
) -> None:
    """The current password is required and right; the new one is required and follows the
    policy (F2). The confirmation is checked by each caller."""
    if not current:
        errors.add("current_password", "required")
    elif not passwords.verify_password(services.hasher, user.password_hash, current):
        errors.add("current_password", "password_wrong")
    if not new:
        errors.add("new_password", "required")
    else:
        for code in passwords.policy_errors(new, login=user.login, current=current or None):
            errors.add("new_password", code)


def change_password(
    services: Services, actor: User, current: str, new: str, confirmation: str
) -> None:
    """« Gestion du mot de passe »: the current password, then the new one twice (F2 policy)."""

    def operation() -> None:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        errors = FieldErrors()
        check_password_change(services, user, current, new, errors)
        if new and new != confirmation:
            errors.add("confirmation", "password_mismatch")
        errors.raise_if_any()
        now = services.now()
        user.password_hash = passwords.hash_password(services.hasher, new)
        user.password_changed_at = now
        user.modified_at = now
        user.version += 1
        user.save()
        event(services, user, "password_changed")
        sync_session_user(actor, user)

    run_write(operation)


def complete_referential_info(services: Services, actor: User, values: dict[str, str]) -> None:
    """First login of a MADRHAS account: contact e-mail, nom, prénom and postal address."""

    def operation() -> None:
        user = User.get_by_id(actor.id)
        require(user, Action.MON_COMPTE)
        if not user.is_referential:
            raise PermissionDenied(action="complete_referential_info")
        rules = {name: PERSON_RULES[name] for name in REFERENTIAL_FIELDS}
        cleaned, errors = clean_values(values, rules)
        errors.raise_if_any()
        for name, value in cleaned.items():
            setattr(user, name, value)
        refresh_user(user)
        user.info_completed = True
        user.modified_at = services.now()
        user.version += 1
        user.save()
        sync_session_user(actor, user)

    run_write(operation)


def create_support_request(services: Services, user: User) -> str:
    """« Saisir une sollicitation » for an account deactivated more than 60 days ago; returns the
    request's number."""

    def operation() -> str:
        account = User.get_by_id(user.id)
        if account.status != AccountStatus.DESACTIVE:
            raise PermissionDenied(action="support_request")
        now = services.now()
        request = SupportRequest.create(
            number=f"pending-{account.id}-{now.timestamp()}",
            created_at=now,
            user=account,
            login=account.login,
            reason="REACTIVATION_EXPIRED",
        )
        request.number = f"SOL-{now:%Y}-{request.id:06d}"
        request.save()
        return request.number

    return run_write(operation)


def reload_session_user(user: User) -> None:
    """The session's copy of ``user`` as the database has it now (after a conflict)."""
    sync_session_user(user, User.get_by_id(user.id))


def sync_session_user(stale: User, fresh: User) -> None:
    """Keep the caller's session object in step with what was saved."""
    stale.__data__.update(fresh.__data__)
