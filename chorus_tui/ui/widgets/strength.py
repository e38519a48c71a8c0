"""« Complexité du mot de passe »: Insuffisante / Moyenne / Forte, live while typing."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from chorus_tui.domain.passwords import Strength, strength

LEVELS = {Strength.INSUFFISANTE: 1, Strength.MOYENNE: 2, Strength.FORTE: 3}
SEGMENT = "━━━━━━ "


class StrengthMeter(Horizontal):
    """A label, a three-segment bar and the level's name; the colour follows the level (and
    the name says it too, for terminals without colour)."""

    DEFAULT_CSS = """
    StrengthMeter {
        height: 1;
        .meter-label { width: 30; }
        .meter-bar { color: $text-disabled; }
        .meter-filled { color: $text-disabled; }
        &.-level-1 .meter-filled, &.-level-1 .meter-level { color: $text-error; }
        &.-level-2 .meter-filled, &.-level-2 .meter-level { color: $text-warning; }
        &.-level-3 .meter-filled, &.-level-3 .meter-level { color: $text-success; }
        .meter-level { text-style: bold; padding-left: 1; }
    }
    """

    def __init__(self, t: Callable[..., str], *, login: str, id: str = "strength") -> None:
        super().__init__(id=id)
        self._label = t("password.strength")
        self._names = {level: t(f"password.strength.{level}") for level in Strength}
        self._login = login

    def compose(self) -> ComposeResult:
        yield Label(Text(self._label), classes="meter-label")
        yield Label(classes="meter-filled")
        yield Label(classes="meter-bar")
        yield Label(classes="meter-level")

    def follow(self, password: str) -> None:
        """Grade what is typed in the new-password field (nothing typed lights nothing)."""
        self.show(strength(password, login=self._login), empty=not password)

    def show(self, strength: Strength, *, empty: bool = False) -> None:
        """Show ``strength``; ``empty`` (nothing typed yet) lights no segment."""
        level = 0 if empty else LEVELS[strength]
        for number in (1, 2, 3):
            self.set_class(level == number, f"-level-{number}")
        self.query_one(".meter-filled", Label).update(Text(SEGMENT * level))
        self.query_one(".meter-bar", Label).update(Text(SEGMENT * (3 - level)))
        self.query_one(".meter-level", Label).update(Text(self._names[strength]))
