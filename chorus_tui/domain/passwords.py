"""The password policy of F2 (one policy everywhere), the complexity meter, and hashing."""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from enum import StrEnum
from functools import cache

import argon2

from chorus_tui.domain.text import has_control

MIN_LENGTH = 12
MAX_LENGTH = 128
MIN_GROUPS = 3
VALIDITY = dt.timedelta(days=180)


class Strength(StrEnum):
    """« Complexité du mot de passe »."""

    INSUFFISANTE = "INSUFFISANTE"
    MOYENNE = "MOYENNE"
    FORTE = "FORTE"


def normalise(password: str) -> str:
    """Passwords are compared and hashed in NFKC, so the same password typed on two keyboards
    matches. Never truncated."""
    return unicodedata.normalize("NFKC", password)


def character_groups(password: str) -> int:
    """How many of the four groups (uppercase, lowercase, digits, special) the password uses.
    Accented letters and every other non-ASCII character count as special, as the guide says."""
    groups = [
        any(c in string.ascii_uppercase for c in password),
        any(c in string.ascii_lowercase for c in password),
        any(c in string.digits for c in password),
        any(not (c.isascii() and c.isalnum()) for c in password),
    ]
    return sum(groups)


@cache
def _common_passwords() -> frozenset[str]:
    # zxcvbn's lists take ~30 ms to import: loaded on first use, not when the UI starts.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def policy_errors(password: str, *, login: str = "", current: str | None = None) -> list[str]:
    """Every rule of the policy the password breaks, as error codes (empty when it passes)."""
    password = normalise(password)
    errors = []
    if len(password) < MIN_LENGTH:
        errors.append("password_too_short")
    if len(password) > MAX_LENGTH:
        errors.append("password_too_long")
    if character_groups(password) < MIN_GROUPS:
        errors.append("password_groups")
    if has_control(password):
        errors.append("control_characters")
    if login and password.casefold() == normalise(login).casefold():
        errors.append("password_is_login")
    if current is not None and password == normalise(current):
        errors.append("password_is_current")
    if password.casefold() in _common_passwords():
        errors.append("password_common")
    return errors


def strength(password: str, *, login: str = "") -> Strength:
    """The live meter: INSUFFISANTE while the policy fails, then zxcvbn's score decides."""
    if policy_errors(password, login=login):
        return Strength.INSUFFISANTE
    from zxcvbn import zxcvbn

    score = zxcvbn(normalise(password)[:100], user_inputs=[login] if login else [])["score"]
    return Strength.FORTE if score >= 3 else Strength.MOYENNE


def hash_password(hasher: argon2.PasswordHasher, password: str) -> str:
    return hasher.hash(normalise(password))


def verify_password(hasher: argon2.PasswordHasher, stored: str | None, password: str) -> bool:
    """True when ``password`` matches ``stored``. A missing hash still costs one verification,
    so the time taken does not tell whether an account exists."""
    try:
        return hasher.verify(stored or _dummy_hash(hasher), normalise(password)) and bool(stored)
    except (argon2.exceptions.VerifyMismatchError, argon2.exceptions.InvalidHashError):
        return False
    except argon2.exceptions.VerificationError:
        return False


def _dummy_hash(hasher: argon2.PasswordHasher) -> str:
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY_HASHES:
        _DUMMY_HASHES[key] = hasher.hash("not a password of anyone")
    return _DUMMY_HASHES[key]


_DUMMY_HASHES: dict[tuple[int, int, int], str] = {}


def needs_rehash(hasher: argon2.PasswordHasher, stored: str) -> bool:
    return hasher.check_needs_rehash(stored)


def is_expired(changed_at: dt.datetime | None, now: dt.datetime) -> bool:
    return changed_at is not None and now >= changed_at + VALIDITY


def days_until_expiry(changed_at: dt.datetime | None, now: dt.datetime) -> int | None:
    if changed_at is None:
        return None
    return max(0, (changed_at + VALIDITY - now).days)


def normalise_answer(answer: str) -> str:
    """Secret answers are compared trimmed, case-folded, with inner spaces collapsed (F2)."""
    return " ".join(unicodedata.normalize("NFKC", answer).casefold().split())
