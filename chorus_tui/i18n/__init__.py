"""Every user-visible string, in French (the default) and English, and date formatting.

Strings live in ``i18n/messages/<area>.py`` modules, each defining ``FR`` and ``EN`` dicts with the
same keys; parameters use ``str.format`` names (``{until}``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from functools import cache

from chorus_tui.clock import to_display
from chorus_tui.i18n import messages

LANGUAGES = ("FR", "EN")
DEFAULT_LANGUAGE = "FR"
_LOCALES = {"FR": "fr_FR", "EN": "en_GB"}


@cache
def catalogues() -> dict[str, dict[str, str]]:
    """All messages by language, merged from every area module; a key defined twice is a bug."""
    merged: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for info in sorted(pkgutil.iter_modules(messages.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        for language in LANGUAGES:
            table = getattr(module, language)
            clash = merged[language].keys() & table.keys()
            if clash:
                raise RuntimeError(f"message keys defined twice: {sorted(clash)}")
            merged[language].update(table)
    return merged


def translate(language: str, key: str, **params: object) -> str:
    table = catalogues()[language if language in LANGUAGES else DEFAULT_LANGUAGE]
    text = table[key]
    return text.format(**params) if params else text


def has_message(key: str) -> bool:
    return key in catalogues()[DEFAULT_LANGUAGE]


class Translator:
    """The current language of an interface; ``t("key", **params)``."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE

    def __call__(self, key: str, **params: object) -> str:
        return translate(self.language, key, **params)

    def date(self, value: dt.date | dt.datetime | None) -> str:
        return format_date(value)

    def time(self, value: dt.datetime | None) -> str:
        return format_time(value)

    def datetime(self, value: dt.datetime | None) -> str:
        return format_datetime(value)

    def long_datetime(self, value: dt.datetime | None) -> str:
        return format_long_datetime(value, self.language)


def format_date(value: dt.date | dt.datetime | None) -> str:
    """``jj/mm/aaaa`` (X5), in the operators' time zone for instants."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = to_display(value)
    return value.strftime("%d/%m/%Y")


def format_time(value: dt.datetime | None) -> str:
    return "" if value is None else to_display(value).strftime("%H:%M:%S")


def format_datetime(value: dt.datetime | None) -> str:
    return "" if value is None else f"{format_date(value)} {format_time(value)}"


def format_long_datetime(value: dt.datetime | None, language: str) -> str:
    """« 5 avril 2017 15:33:28 » / « 5 April 2017 15:33:28 »: month names from babel."""
    if value is None:
        return ""
    # Imported here: babel costs ~15 ms, and the login screen shows no long date.
    from babel.dates import format_datetime as babel_format_datetime

    locale = _LOCALES.get(language, _LOCALES[DEFAULT_LANGUAGE])
    return babel_format_datetime(to_display(value), "d MMMM y HH:mm:ss", locale=locale)


def parse_date(text: str) -> dt.date | None:
    """``jj/mm/aaaa`` → date; None when the text is not such a date."""
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None
