"""Hostile text for the X3/X8 tests: what a malicious or careless user may type into any field.

Markup that Rich/Textual would interpret (``[bold]``, ``[@click=app.quit]``, links, ``[/]``),
ANSI CSI and OSC escape sequences, C0/C1 controls and NUL, right-to-left marks and overrides,
combining characters, emoji (ZWJ sequences and flags included), 10,000-character strings and
leading/trailing spaces — each mixed with ordinary text.

Lone surrogates are left out: input comes from a UTF-8 terminal, which cannot produce them.
"""

from __future__ import annotations

from hypothesis import strategies as st

# The name of the snapshots' user (first and last name): markup then « clear the screen ».
MALLORY = "[bold red]Mallory[/]\x1b[2J"

MARKUP = (
    "[bold]",
    "[/bold]",
    "[bold red]",
    "[/]",
    "[@click=app.quit]x[/]",
    "[@click=app.quit]",
    "[link=https://x]lien[/link]",
    "[link=https://evil.example/?a=[b]]",
    "[on red]",
    "[reverse blink]",
    "[b]",
    "[i]",
    "\\[bold]",
    "[",
    "]",
    "[[",
    "[/link]",
    "$text",
    "{name}",
    "{0}",
    "%s",
    "%(name)s",
)
ESCAPES = (
    "\x1b[2J",
    "\x1b[H",
    "\x1b[31m",
    "\x1b[0m",
    "\x1b[?1049h",
    "\x1b[6n",
    "\x1b]8;;https://evil.example\x07clic\x1b]8;;\x07",
    "\x1b]0;title\x07",
    "\x1b]52;c;aGVsbG8=\x07",
    "\x1bP+q\x1b\\",
    "\x9b2J",
    "\x1bc",
)
CONTROLS = tuple(chr(code) for code in (*range(0x00, 0x20), 0x7F, 0x85, 0x9B, 0x9F))
BIDI = ("\u202e", "\u200f", "\u200e", "\u202a", "\u202b", "\u202d", "\u2066", "\u2067", "\u2069")
COMBINING = (
    "e\u0301",
    "E\u0301",
    "c\u0327a",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
    "a\u0300\u0301\u0302\u0303\u0304",
    "\u0301",
    "n\u0303o",
)
EMOJI = (
    "😀",
    "👩\u200d👩\u200d👧\u200d👦",
    "👍🏽",
    "🇫🇷",
    "🏳\ufe0f\u200d🌈",
    "❤\ufe0f",
    "🧑\u200d💻",
)
WIDE = ("漢字", "ｆｕｌｌ", "한국어", "\u3000", "ﷺ")
ORDINARY = (
    "Dupont",
    "Élodie",
    "Menuiserie Dupont",
    "ÉTÉ",
    "O'Brien",
    'dit "le grand"',
    "12 rue de la Paix",
    "100% _exact_",
    "a*b",
    "?",
    "x",
    " ",
    "-",
    "jean.dupont@example.fr",
)
SPACES = (" ", "\u00a0", "\t", "\u2003", "\u3000", "\n")
LONG_LENGTH = 10_000

# A handful of fixed hostile strings for the Pilot tests (one of each family).
SAMPLES = (
    MALLORY,
    "[@click=app.quit]x",
    "[link=https://x]lien[/link] [bold]gras[/]",
    "  Dupont\u202e tnoruD  ",
    "e\u0301 Z\u0351\u0352 👩\u200d👩\u200d👧\u200d👦 🇫🇷",
    "a\x00b\x07c\x1b]0;title\x07d",
    "[b]" + "x" * 300,
)


def pieces() -> st.SearchStrategy[str]:
    """One hostile or ordinary fragment."""
    return st.one_of(
        st.sampled_from(MARKUP),
        st.sampled_from(ESCAPES),
        st.sampled_from(CONTROLS),
        st.sampled_from(BIDI),
        st.sampled_from(COMBINING),
        st.sampled_from(EMOJI),
        st.sampled_from(WIDE),
        st.sampled_from(ORDINARY),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
    )


def long_text() -> st.SearchStrategy[str]:
    """A 10,000-character string built from a (hostile) fragment."""
    return st.sampled_from((*ORDINARY[:3], *MARKUP[:5], *EMOJI[:2], "e\u0301")).map(
        lambda piece: (piece * LONG_LENGTH)[:LONG_LENGTH]
    )


def padded(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``inner`` with optional leading and trailing spaces (ASCII and Unicode ones)."""
    blanks = st.text(st.sampled_from(SPACES), max_size=3)
    return st.tuples(blanks, inner, blanks).map("".join)


def hostile_text() -> st.SearchStrategy[str]:
    """Hostile fragments mixed with ordinary text, sometimes padded, sometimes 10,000 long."""
    mixed = st.lists(pieces(), min_size=1, max_size=6).map("".join)
    printable = st.lists(
        st.one_of(
            st.sampled_from(MARKUP),
            st.sampled_from(COMBINING),
            st.sampled_from(EMOJI),
            st.sampled_from(ORDINARY),
        ),
        min_size=1,
        max_size=5,
    ).map("".join)
    return st.one_of(padded(mixed), padded(printable), long_text())


def printable_hostile_text() -> st.SearchStrategy[str]:
    """Hostile text without any control character (what a validating field must accept when
    it fits the field's length)."""
    printable = st.lists(
        st.one_of(
            st.sampled_from(MARKUP),
            st.sampled_from(COMBINING),
            st.sampled_from(EMOJI),
            st.sampled_from(WIDE),
            st.sampled_from(ORDINARY),
        ),
        min_size=1,
        max_size=5,
    ).map("".join)
    blanks = st.text(st.sampled_from((" ", "\u00a0", "\u3000")), max_size=2)
    return st.tuples(blanks, printable, blanks).map("".join)
