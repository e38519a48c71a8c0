"""Technical users of a structure (M9): accounts an information system uses through the API. The
principal manager creates one (a login id; the system draws its password), resets its password,
and exports the login id and the password to a file only its owner may read. Technical users
never log in to the TUI (:mod:`chorus_tui.domain.auth` refuses them)."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import string
from pathlib import Path

from chorus_tui.domain import passwords
from chorus_tui.domain.context import Services
from chorus_tui.domain.errors import Conflict, FieldErrors, NotFound, ValidationError
from chorus_tui.domain.export import export_path
from chorus_tui.domain.fields import is_email
from chorus_tui.domain.journal import audit
from chorus_tui.domain.rights import Action, require
from chorus_tui.domain.search import user_search_columns
from chorus_tui.domain.text import clean, fold, has_control
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import Structure, User
from chorus_tui.models.codes import AccountStatus, StructureStatus

LOGIN_MAX_LENGTH = 255
PASSWORD_LENGTH = 20
SPECIALS = "-_.!@#%+=*"
GROUPS = (string.ascii_uppercase, string.ascii_lowercase, string.digits, SPECIALS)
ALPHABET = "".join(GROUPS)
FILE_MODE = 0o600


def generate_password(login: str = "") -> str:
    """A random password drawn with :mod:`secrets`, with a character of each group, that the
    policy of :mod:`chorus_tui.domain.passwords` accepts."""
    while True:
        chars = [secrets.choice(group) for group in GROUPS]
        chars += [secrets.choice(ALPHABET) for _ in range(PASSWORD_LENGTH - len(chars))]
        # Shuffle with secrets too, so the groups are not in a known order.
        for index in range(len(chars) - 1, 0, -1):
            other = secrets.randbelow(index + 1)
            chars[index], chars[other] = chars[other], chars[index]
        password = "".join(chars)
        if not passwords.policy_errors(password, login=login):
            return password


def _structure(user: User, structure_id: int) -> Structure:
    structure = Structure.get_or_none(Structure.id == structure_id)
    if structure is None:
        raise NotFound()
    require(user, Action.MANAGE_TECHNICAL_USERS, structure)
    return structure


def technical_users(actor: User, structure_id: int) -> list[User]:
    """The structure's technical users, by login id."""
    structure = _structure(actor, structure_id)
    return list(
        User.select()
        .where((User.technical_structure == structure) & (User.is_technical == True))  # noqa: E712
        .order_by(User.login, User.id)
    )


def check_login(login: str | None) -> str:
    """The login id of a new technical user: an e-mail address (stored in lower case) that no
    account has."""
    text = clean(login).casefold()
    errors = FieldErrors()
    if not text:
        errors.add("login", "required")
    elif has_control(text):
        errors.add("login", "control_characters")
    elif len(text) > LOGIN_MAX_LENGTH:
        errors.add("login", "too_long", max=LOGIN_MAX_LENGTH)
    elif not is_email(text):
        errors.add("login", "email_invalid")
    elif User.select().where((User.login == text) | (User.search_login == fold(text))).exists():
        errors.add("login", "technical_login_used")
    errors.raise_if_any()
    return text


def create_technical_user(
    services: Services, actor: User, structure_id: int, login: str
) -> tuple[User, str]:
    """Create the technical user ``login`` of the structure, ``ACTIF``, with a generated
    password; returns the account and that password in clear — the only time it is shown."""

    def operation() -> tuple[User, str]:
        user = User.get_by_id(actor.id)
        structure = _structure(user, structure_id)
        if structure.status != StructureStatus.ACTIF:
            raise Conflict("structure_inactive")
        login_id = check_login(login)
        password = generate_password(login_id)
        now = services.now()
        values = {
            "login": login_id,
            "email": "",
            "nom": "API",
            "prenom": structure.raison_sociale[:100],
        }
        technical = User.create(
            **values,
            **user_search_columns(values),
            status=AccountStatus.ACTIF,
            is_technical=True,
            technical_structure=structure,
            created_at=now,
            activated_at=now,
            password_hash=passwords.hash_password(services.hasher, password),
            password_changed_at=now,
        )
        audit(services, user, "TECHNICAL_USER_CREATED", structure=structure, target=technical)
        return technical, password

    return run_write(operation)


def reset_technical_password(services: Services, actor: User, user_id: int) -> str:
    """« Réinitialiser le mot de passe de l'utilisateur technique »: a new generated password
    (returned in clear, once); the old one stops working at once."""

    def operation() -> str:
        user = User.get_by_id(actor.id)
        technical = User.get_or_none((User.id == user_id) & (User.is_technical == True))  # noqa: E712
        if technical is None or technical.technical_structure_id is None:
            raise NotFound()
        structure = _structure(user, technical.technical_structure_id)
        password = generate_password(technical.login)
        now = services.now()
        technical.password_hash = passwords.hash_password(services.hasher, password)
        technical.password_changed_at = now
        technical.failed_attempts = 0
        technical.locked_until = None
        technical.modified_at = now
        technical.version += 1
        technical.save()
        audit(services, user, "TECHNICAL_PASSWORD_RESET", structure=structure, target=technical)
        return password

    return run_write(operation)


def export_credentials(path: str | Path, login: str, password: str) -> Path:
    """« Exporter les informations de connexion »: write the login id and the password to a NEW
    file at ``path`` (``~`` expanded), readable and writable by its owner only (0600). Raises
    :class:`ValidationError` on ``path``: ``required``, ``file_exists`` (nothing is
    overwritten), ``directory_unwritable`` or ``directory_full``."""
    target = export_path(path)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError as error:
        raise ValidationError({"path": "file_exists"}) from error
    except OSError as error:
        raise ValidationError({"path": "directory_unwritable"}) from error
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)  # whatever the umask
            handle.write(f"login: {login}\npassword: {password}\n")
    except OSError as error:
        with contextlib.suppress(OSError):
            target.unlink()
        code = "directory_full" if error.errno == errno.ENOSPC else "directory_unwritable"
        raise ValidationError({"path": code}) from error
    return target
