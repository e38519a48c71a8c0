"""Pieces of the Mon Compte and activation screens: a read-only row (a label and a value shown
literally, aligned with the fields' text), the section titles and the language options."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from chorus_tui.i18n import LANGUAGES, Translator
from chorus_tui.ui.widgets.literal import LiteralLabel
from chorus_tui.ui.widgets.section import section

__all__ = ["ReadOnlyRow", "language_options", "section"]


class ReadOnlyRow(Horizontal):
    """« Identifiant de connexion   paul.dupont@menuiserie.fr »: a value nobody edits here."""

    DEFAULT_CSS = """
    ReadOnlyRow {
        height: auto;
        .readonly-label { width: 30; padding-right: 1; }
        .readonly-value { width: 1fr; padding: 0 2; text-style: bold; }
    }
    """

    def __init__(self, label: str, value: object, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="readonly-row")
        self._label = label
        self._value = value

    def compose(self) -> ComposeResult:
        yield Label(Text(self._label), classes="readonly-label")
        yield LiteralLabel(self._value, classes="readonly-value")

    def set_value(self, value: object) -> None:
        self._value = value
        if self.is_mounted:
            self.query_one(LiteralLabel).set_value(value)


def language_options(t: Translator) -> list[tuple[Text, str]]:
    return [(Text(t(f"account.language.{code}")), code) for code in LANGUAGES]
