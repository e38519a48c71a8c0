"""X3: user-entered text is shown literally — no markup, no escape sequences."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable

from chorus_tui.ui.widgets.literal import LiteralLabel, literal, literal_message, sanitize

MALLORY = "[bold red]Mallory[/]\x1b[2J"
CLICK = "[@click=app.quit]x"


def test_sanitize_removes_controls_c1_del_and_bidi_overrides():
    assert sanitize("a\x00b\x07c\x1b[2Jd\x7fe\x9bf\u202eg\u2066h") == "abc[2Jdefgh"


def test_sanitize_keeps_line_breaks_only_when_asked():
    assert sanitize("ligne 1\r\nligne 2\tfin") == "ligne 1 ligne 2 fin"
    assert sanitize("ligne 1\r\nligne 2\rligne 3", multiline=True) == "ligne 1\nligne 2\nligne 3"


def test_sanitize_accepts_none_and_non_strings():
    assert sanitize(None) == ""
    assert sanitize(42) == "42"


def test_literal_builds_text_without_markup():
    text = literal(MALLORY, "bold")
    assert isinstance(text, Text)
    assert text.plain == "[bold red]Mallory[/][2J"
    assert text.spans == []
    assert literal(CLICK).plain == CLICK


def test_literal_message_inserts_values_literally():
    text = literal_message("Bonjour {name} !", name=MALLORY)
    assert text.plain == "Bonjour [bold red]Mallory[/][2J !"


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield LiteralLabel(MALLORY, id="label")
        yield DataTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(literal("Nom"), literal("Commentaire"))
        table.add_row(literal(MALLORY), literal(CLICK))


async def test_a_table_cell_and_a_label_show_markup_as_typed_and_clicks_do_nothing():
    app = TableApp()
    async with app.run_test(size=(80, 10)) as pilot:
        screen = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "[bold red]Mallory[/][2J" in screen
        assert CLICK in screen
        assert "\x1b" not in screen
        await pilot.click("#table", offset=(len("[bold red]Mallory[/][2J") + 4, 1))
        await pilot.pause()
        assert app.is_running
