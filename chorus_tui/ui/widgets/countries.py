"""The ISO 3166 country list for « Pays », named in the interface's language and sorted as a
reader of that language expects (accents ignored)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from chorus_tui.domain.text import fold


@cache
def country_options(language: str) -> tuple[tuple[str, str], ...]:
    """``(name, alpha-2 code)`` pairs for a Select, French names for ``FR``."""
    if language == "FR":
        names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
        translate = names.gettext
    else:

        def translate(name: str) -> str:
            return name

    options = [(translate(country.name), country.alpha_2) for country in pycountry.countries]
    return tuple(sorted(options, key=lambda option: (fold(option[0]), option[0])))
