"""Field rules of F2, shared by every form that holds a person's or a structure's data."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pycountry
from email_validator import EmailNotValidError, validate_email

from chorus_tui.domain.errors import FieldErrors
from chorus_tui.domain.text import clean, has_control

PHONE = re.compile(r"[+0-9 ().\-]*")


@dataclass(frozen=True)
class Rule:
    max_length: int
    required: bool = False
    kind: str = "text"  # text | email | phone | country


PERSON_RULES: dict[str, Rule] = {
    "email": Rule(255, required=True, kind="email"),
    "nom": Rule(100, required=True),
    "prenom": Rule(100, required=True),
    "adresse": Rule(255, required=True),
    "complement1": Rule(255),
    "complement2": Rule(255),
    "code_postal": Rule(10),
    "ville": Rule(100, required=True),
    "pays": Rule(2, required=True, kind="country"),
    "telephone": Rule(30, kind="phone"),
    "fax": Rule(30, kind="phone"),
}


def is_email(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def is_country(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def check_field(errors: FieldErrors, name: str, value: str, rule: Rule) -> None:
    if not value:
        if rule.required:
            errors.add(name, "required")
        return
    if has_control(value):
        errors.add(name, "control_characters")
    elif len(value) > rule.max_length:
        errors.add(name, "too_long", max=rule.max_length)
    elif rule.kind == "email" and not is_email(value):
        errors.add(name, "email_invalid")
    elif rule.kind == "phone" and not PHONE.fullmatch(value):
        errors.add(name, "phone_invalid")
    elif rule.kind == "country" and not is_country(value):
        errors.add(name, "country_invalid")


def clean_values(
    values: dict[str, str | None], rules: dict[str, Rule]
) -> tuple[dict[str, str], FieldErrors]:
    """Trim every value of ``rules`` and check it; returns the cleaned values and the errors."""
    errors = FieldErrors()
    cleaned: dict[str, str] = {}
    for name, rule in rules.items():
        value = clean(values.get(name))
        if rule.kind == "country":
            value = value.upper()
        check_field(errors, name, value, rule)
        cleaned[name] = value
    return cleaned, errors
