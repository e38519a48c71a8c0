"""The two lists of the « Accueil connecté »: the user's « Fil d'événements » and the
« Actualités », newest first, one page at a time (the last line loads the next page)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from chorus_tui.domain.journal import event_params
from chorus_tui.i18n import Translator, has_message
from chorus_tui.models import Event, NewsItem
from chorus_tui.ui.widgets.literal import literal, literal_message, sanitize

MORE = "more"

# Event parameters that hold a code, shown with the code's label.
_CODE_PARAMS = {"role": "code.", "status": "code.", "space": "space."}


def event_text(t: Translator, event: Event) -> Text:
    """The sentence of ``event.<kind>`` with its parameters, shown literally."""
    try:
        params: dict[str, Any] = event_params(event)
    except (json.JSONDecodeError, TypeError):
        params = {}
    shown = {}
    for name, value in params.items():
        prefix = _CODE_PARAMS.get(name)
        label = f"{prefix}{value}" if prefix else ""
        shown[name] = t(label) if label and has_message(label) else sanitize(value)
    key = f"event.{event.kind}"
    if has_message(key):
        try:
            return literal_message(t(key), **shown)
        except (KeyError, IndexError, ValueError):
            pass
    return literal_message(t("home.event.unknown"), kind=event.kind)


class PagedList(OptionList):
    """An OptionList filled page by page: ``load(offset)`` returns the rows of one page and
    ``total`` how many exist; a last line « Afficher les suivants » loads the next page."""

    PAGE: ClassVar[int] = 20

    def __init__(
        self,
        t: Translator,
        total: int,
        load: Callable[[int, int], Sequence[Any]],
        empty_key: str,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._t = t
        self._total = total
        self._load = load
        self._empty_key = empty_key
        self._shown = 0

    def on_mount(self) -> None:
        if self._total == 0:
            self.add_option(Option(literal(self._t(self._empty_key), "italic"), disabled=True))
        else:
            self.load_next_page()
            self.highlighted = 0

    def load_next_page(self) -> None:
        if self.option_count and self.get_option_at_index(self.option_count - 1).id == MORE:
            self.remove_option(MORE)
        rows = self._load(self.PAGE, self._shown)
        options: list[Option | None] = []
        for row in rows:
            if self._shown or options:
                options.append(None)
            options.append(self.option_for(row))
            self._shown += 1
        if self._shown < self._total:
            more = self._t("home.more", shown=self._shown, total=self._total)
            options.extend([None, Option(literal(more, "italic"), id=MORE)])
        self.add_options(options)

    def option_for(self, row: Any) -> Option:
        raise NotImplementedError

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == MORE:
            event.stop()
            index = event.option_index
            self.load_next_page()
            self.highlighted = min(index, self.option_count - 1)


class FeedList(PagedList):
    """« Fil d'événements »: date and time, then the event's sentence."""

    def option_for(self, row: Event) -> Option:
        return Option(
            Text.assemble((self._t.datetime(row.at), "dim"), "\n", event_text(self._t, row)),
            id=f"event-{row.id}",
        )


class NewsList(PagedList):
    """« Actualités »: title and publication date; Enter opens the item."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "select", "home.key.read", id="home.read_news"),
    ]

    def option_for(self, row: NewsItem) -> Option:
        title = row.title_en if self._t.language == "EN" else row.title_fr
        return Option(
            Text.assemble(
                literal(title, "bold"),
                "\n",
                (self._t("home.news.published", date=self._t.date(row.published_at)), "dim"),
            ),
            id=f"news-{row.id}",
        )
