"""Text rules shared by every field: folding for search, and refusing control characters."""

from __future__ import annotations

import unicodedata

# Bidi embeddings, overrides and isolates: they reorder what a terminal shows.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def fold(value: str) -> str:
    """Lower-cased, accent-free form used by searches (« Rénovation » → « renovation »)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def is_control(char: str) -> bool:
    """C0 and C1 controls, DEL and bidi overrides (tab and newline included: no single-line field
    of the spec accepts them)."""
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or char in BIDI_CONTROLS


def has_control(value: str) -> bool:
    return any(is_control(char) for char in value)


def clean(value: str | None) -> str:
    """How every single-line field is stored: NFC-normalised, trimmed."""
    return unicodedata.normalize("NFC", value or "").strip()
