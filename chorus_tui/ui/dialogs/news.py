"""One news item of the « Actualités », read in a window."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from chorus_tui.models import NewsItem
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.literal import literal


class NewsDialog(ChorusModal[None]):
    """Title, publication date and body (shown literally, line breaks kept); Esc closes."""

    TITLE_KEY = "news.title"
    AUTO_FOCUS = "#news-body"

    def __init__(self, item: NewsItem) -> None:
        super().__init__()
        self._item = item

    def compose(self) -> ComposeResult:
        t = self.t
        english = t.language == "EN"
        title = self._item.title_en if english else self._item.title_fr
        body = self._item.body_en if english else self._item.body_fr
        with Vertical(id="news-window", classes="window") as window:
            window.border_title = Text(t("news.title"))
            yield Label(literal(title, "bold"), id="news-title")
            yield Label(
                Text(t("home.news.published", date=t.date(self._item.published_at))),
                id="news-date",
            )
            with VerticalScroll(id="news-body"):
                yield Static(literal(body, multiline=True), id="news-text")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("app.close")), id="close", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)
