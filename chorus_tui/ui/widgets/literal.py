"""Showing text that somebody typed, exactly as typed (X3).

Names, comments, news, file names and structure names come from users. They are turned into
:class:`rich.text.Text` objects here and nowhere else: a ``Text`` is never parsed as markup, so
``[bold red]Mallory[/]`` or ``[@click=app.quit]x`` shows as written. Markup is not the only
danger: a ``Text`` still sends escape sequences to the terminal, so control characters (C0, DEL,
C1) and bidi overrides are removed first (``ESC[2J`` would clear the operator's screen).

Every DataTable cell, OptionList prompt and Static/Label content that holds user text must be
built with :func:`literal` (or :func:`literal_message` for a catalogue sentence with user
parameters), never passed as a ``str``.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Label

from chorus_tui.domain.text import is_control

__all__ = ["LiteralLabel", "literal", "literal_message", "sanitize", "visible_controls"]


def sanitize(value: object, *, multiline: bool = False) -> str:
    """``value`` as a string without control characters or bidi overrides.

    Tabs become spaces. Line breaks are kept only when ``multiline`` is true (news bodies);
    otherwise they become spaces too, so a one-line cell stays on one line."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char == "\n" and multiline:
            kept.append(char)
        elif char in "\t\n":
            kept.append(" ")
        elif not is_control(char):
            kept.append(char)
    return "".join(kept)


def visible_controls(value: str) -> str:
    """``value`` with each control character or bidi override replaced by one visible
    character of width one (``␛`` for ESC, ``�`` for C1 and bidi controls): what an input shows
    of a pasted or stored value, keeping one cell per character so its cursor stays right."""
    return "".join(_picture(char) if is_control(char) else char for char in value)


def _picture(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else "\ufffd"


def literal(value: object, style: str = "", *, multiline: bool = False) -> Text:
    """A ``Text`` that shows ``value`` literally, whatever brackets or escapes it holds."""
    return Text(sanitize(value, multiline=multiline), style=style)


def literal_message(template: str, style: str = "", **params: Any) -> Text:
    """A catalogue sentence (``str.format`` placeholders) filled with user-entered values.

    The values are sanitised before they are inserted; the result is a ``Text``, so neither
    the sentence nor the values are read as markup. A missing parameter raises ``KeyError``."""
    cleaned = {name: sanitize(value) for name, value in params.items()}
    return literal(template.format(**cleaned), style)


class LiteralLabel(Label):
    """A label whose content is user-entered text, shown literally."""

    def __init__(
        self,
        value: object = "",
        *,
        style: str = "",
        multiline: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(literal(value, style, multiline=multiline), id=id, classes=classes)
        self._multiline = multiline

    def set_value(self, value: object, style: str = "") -> None:
        """Replace the text, literally."""
        self.update(literal(value, style, multiline=self._multiline))
