"""The banner at the top of every space (« Prénom NOM », « Dernière connexion le … »,
« Déconnexion ») and the navigation bar of the spaces."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from chorus_tui.i18n import Translator
from chorus_tui.ui.widgets.literal import LiteralLabel, literal

if TYPE_CHECKING:
    from chorus_tui.ui.navigation import Space
    from chorus_tui.ui.session import Session


class BannerButton(Button, can_focus=False):
    """A banner link: clicked with the mouse, reached from the keyboard by its key (the footer
    shows it), and kept out of the Tab order so Tab goes straight to the content."""


class Banner(Vertical):
    """« Chorus Pro », the user's name, the previous login and « Déconnexion ».

    In the spaces (``last_login``), « Prénom NOM » is a link that opens « Mon Compte »; on the
    forced steps of the login it is plain text."""

    def __init__(self, session: Session, t: Translator, *, last_login: bool = True) -> None:
        super().__init__(id="banner", classes="" if last_login else "-short")
        self._session = session
        self._t = t
        self._last_login = last_login

    def compose(self) -> ComposeResult:
        t = self._t
        previous = self._session.previous_login
        with Horizontal(id="banner-top"):
            yield Label(Text(t("app.brand")), id="brand")
            name = self._session.user.display_name
            if self._last_login:
                yield BannerButton(
                    literal(name),
                    id="user-name",
                    compact=True,
                    action="screen.open_space('account')",
                )
            else:
                yield LiteralLabel(name, id="user-name")
            yield BannerButton(
                Text(t("app.logout")), id="logout", compact=True, action="screen.logout"
            )
        if self._last_login:
            when = (
                t("home.last_login", when=t.long_datetime(previous))
                if previous is not None
                else t("home.first_login")
            )
            yield Label(Text(when), id="last-login")


class TitleBar(Horizontal):
    """The bar under the banner of a screen outside the spaces: the screen's title."""

    def __init__(self, title: str) -> None:
        super().__init__(id="navigation", classes="bar")
        self._title = title

    def compose(self) -> ComposeResult:
        yield Label(Text(self._title), classes="nav-item -current")


class NavigationBar(Horizontal):
    """The spaces the user may open, with their keys; the current one stands out."""

    def __init__(
        self,
        spaces: Sequence[Space],
        current: str,
        t: Translator,
        key_display: Callable[[Binding], str],
    ) -> None:
        super().__init__(id="navigation", classes="bar")
        self._spaces = spaces
        self._current = current
        self._t = t
        self._key_display = key_display

    def compose(self) -> ComposeResult:
        for entry in self._spaces:
            key = self._key_display(Binding(entry.key, "noop"))
            text = Text.assemble((f"{key} ", "bold"), self._t(entry.label_key))
            classes = "nav-item -current" if entry.id == self._current else "nav-item"
            yield Label(text, id=f"nav-{entry.id}", classes=classes)
