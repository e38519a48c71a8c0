"""« Accueil connecté » (F1): the banner, the navigation bar, « Accès rapide » (« Ajouter un
espace », « Rechercher structure publique »), the user's « Fil d'événements » and the
« Actualités »."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.widgets import Button, Label, OptionList

from chorus_tui.domain import home
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.news import NewsDialog
from chorus_tui.ui.screens.base import SpaceScreen
from chorus_tui.ui.widgets.feeds import FeedList, NewsList


class HomeScreen(SpaceScreen):
    """The first space of every user."""

    TITLE_KEY = "home.title"
    SPACE_ID = "home"
    AUTO_FOCUS = "#feed"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f", "focus('feed')", "home.key.feed", show=False, id="home.feed"),
        Binding("a", "focus('news')", "home.key.news", show=False, id="home.news"),
        # The « Accès rapide » line shows these keys on its buttons; the footer keeps its room.
        Binding("e", "add_space", "home.key.add_space", show=False, id="home.add_space"),
        Binding(
            "r", "search_public", "home.key.search_public", show=False, id="home.search_public"
        ),
    ]

    def compose_space(self) -> ComposeResult:
        t = self.t
        user = self.session.user
        with Horizontal(id="quick-access"):
            yield Label(Text(t("home.quick.title")), id="quick-title")
            for key, label, button_id in (
                ("e", "home.quick.add_space", "add-space"),
                ("r", "home.quick.search_public", "search-public"),
            ):
                text = Text.assemble((f"{key} ", "bold"), t(label))
                yield Button(text, id=button_id, compact=True)
        with Container(id="home-body"):
            feed = FeedList(
                t,
                home.count_events(user),
                lambda limit, offset: home.events_of(user, limit, offset),
                "home.feed.empty",
                id="feed",
            )
            feed.border_title = Text(t("home.feed.title"))
            yield feed
            news = NewsList(t, home.count_news(), home.news, "home.news.empty", id="news")
            news.border_title = Text(t("home.news.title"))
            yield news

    def action_focus(self, widget_id: str) -> None:
        self.query_one(f"#{widget_id}").focus()

    @on(OptionList.OptionSelected, "#news")
    def _news_selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if not option_id.startswith("news-"):
            return
        with self.chorus.guard():
            item = home.news_item(int(option_id.removeprefix("news-")))
            if item is None:
                self.chorus.notify(self.t("error.not_found"), severity="error", markup=False)
                return
            self.app.push_screen(NewsDialog(item))

    @on(Button.Pressed, "#add-space")
    def action_add_space(self) -> None:
        """« Ajouter un espace »: the form « Ajouter un abonnement » of Mon Compte (F5)."""
        from chorus_tui.ui.screens.subscription_add import SubscriptionAddScreen

        self.app.push_screen(SubscriptionAddScreen())

    @on(Button.Pressed, "#search-public")
    def action_search_public(self) -> None:
        """« Rechercher structure publique »: the structure search, to consult only (F4)."""
        from chorus_tui.ui.screens.structure_search import StructureSearchScreen

        self.app.push_screen(StructureSearchScreen(read_only=True, public_only=True))

    def space_commands(self) -> list[Command]:
        t = self.t
        return [
            Command(t("home.cmd.add_space"), t("home.cmd.add_space.help"), self.action_add_space),
            Command(
                t("home.cmd.search_public"),
                t("home.cmd.search_public.help"),
                self.action_search_public,
            ),
            Command(t("home.cmd.feed"), t("home.cmd.feed.help"), lambda: self.action_focus("feed")),
            Command(t("home.cmd.news"), t("home.cmd.news.help"), lambda: self.action_focus("news")),
        ]
