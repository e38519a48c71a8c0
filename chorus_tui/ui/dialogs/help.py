"""The help window (« ? » or F1): the keys of the screen it was opened from, with what they do,
then the keys that work everywhere."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from chorus_tui.i18n import Translator, has_message
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.widgets.footer import KEY_ORDER, ChorusFooter

# Keys that Textual's widgets handle themselves, explained once for every screen.
STANDARD_KEYS = (
    ("app.keyname.tab", "help.key.tab"),
    ("app.keyname.shift+tab", "help.key.shift_tab"),
    ("help.keys.arrows", "help.key.arrows"),
    ("app.keyname.enter", "help.key.enter"),
    ("app.keyname.escape", "help.key.escape"),
)

Rows = list[tuple[str, str]]


class HelpScreen(ChorusModal[None]):
    """Built from the bindings active on ``target`` when the window opens; only bindings
    described in the catalogue (ours) are listed, so Textual's internals never show up."""

    TITLE_KEY = "help.title"
    AUTO_FOCUS = "#help-body"

    def __init__(self, target: Screen) -> None:
        super().__init__()
        self._target = target
        self._screen_rows, self._global_rows = self._collect()

    def _collect(self) -> tuple[Rows, Rows]:
        """``(key display, description key)`` for the screen's bindings and the app's, one row
        per action (« F1 / ? »)."""
        screen_rows: dict[str, list[str]] = {}
        global_rows: dict[str, list[str]] = {}
        descriptions: dict[str, str] = {}
        bindings = sorted(
            self._target.active_bindings.values(),
            key=lambda active: KEY_ORDER.get(active.binding.action, 1),
        )
        for active in bindings:
            binding = active.binding
            if not active.enabled or not has_message(binding.description):
                continue
            rows = global_rows if active.node is self.app else screen_rows
            action = f"{id(active.node)}:{binding.action}"
            rows.setdefault(action, []).append(self.app.get_key_display(binding))
            descriptions[action] = binding.description
        return (
            [(" / ".join(keys), descriptions[action]) for action, keys in screen_rows.items()],
            [(" / ".join(keys), descriptions[action]) for action, keys in global_rows.items()],
        )

    def compose(self) -> ComposeResult:
        t = self.t
        screen_name = t(getattr(self._target, "TITLE_KEY", "") or "app.title")
        with Vertical(id="help-window", classes="window") as window:
            window.border_title = Text(t("help.title", screen=screen_name))
            with VerticalScroll(id="help-body"):
                if self._screen_rows:
                    yield Label(Text(t("help.section.screen")), classes="help-section")
                    yield Static(_table(t, self._screen_rows), classes="help-table")
                yield Label(Text(t("help.section.global")), classes="help-section")
                standard = [(t(key), text) for key, text in STANDARD_KEYS]
                yield Static(_table(t, self._global_rows, standard), classes="help-table")
                yield Static(Text(t("help.typing_note")), classes="help-note")
        yield ChorusFooter()


def _table(t: Translator, rows: Rows, plain: Rows = ()) -> Table:
    """Two columns, keys then what they do; ``rows`` hold description keys, ``plain`` keys of
    the standard-keys texts."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, min_width=12)
    table.add_column(ratio=1)
    for keys, description in [*rows, *plain]:
        table.add_row(Text(keys, style="bold"), Text(t(description)))
    return table
