"""The floor of « login submitted → home painted »: Textual alone, the same keys, the same verify.

``BENCH_HASH=<argon2 hash> python benchmarks/login_home_floor.py`` under a pseudo-terminal: the
login screen's widgets (``login_floor.login_widgets``); Enter in the password field verifies it
against the hash with argon2-cffi (the hash carries its parameters: the production ones), then
switches to a home screen at its least — the banner's two lines, the navigation line, the
quick-access line, the two lists « Fil d'événements » and « Actualités » of five entries each,
the footer. No chorus-tui code, stylesheet, translation or database: timed like ``chorus-tui``
from Enter until « Fil d'événements » is painted, what it takes over the verify is what Textual
itself costs for that switch under a terminal."""

import os
from typing import ClassVar

from argon2 import PasswordHasher
from login_floor import CSS as LOGIN_CSS  # run as a script: its folder is on the path
from login_floor import LOGIN_KEYS, login_widgets
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, OptionList

HOME_TEXT = "Fil d'événements"
CSS = (
    LOGIN_CSS
    + """
HomeScreen { align: left top; }
#quick { height: 1; }
#lists { height: 1fr; }
OptionList { height: 1fr; border: round $foreground 40%; }
"""
)


class LoginScreen(Screen[None]):
    BINDINGS: ClassVar[list[Binding]] = LOGIN_KEYS

    def compose(self) -> ComposeResult:
        yield from login_widgets()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "login":
            self.focus_next()
            return
        PasswordHasher().verify(os.environ["BENCH_HASH"], event.value)
        self.app.switch_screen(HomeScreen())


class HomeScreen(Screen[None]):
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f1", "help", "Aide"),
        Binding("f3", "manager", "Activités du gestionnaire"),
        Binding("f4", "account", "Mon Compte"),
        Binding("ctrl+o", "logout", "Déconnexion"),
        Binding("ctrl+q", "app.quit", "Quitter"),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Chorus Pro   Prénom NOM   Déconnexion")
        yield Label("Dernière connexion le 5 avril 2017 15:33:28")
        yield Label("F2 Accueil connecté   F3 Activités du gestionnaire   F4 Mon Compte")
        yield Label(
            "Accès rapide   e Ajouter un espace   r Rechercher structure publique", id="quick"
        )
        with Horizontal(id="lists"):
            for title in (HOME_TEXT, "Actualités"):
                entries = OptionList(*(f"{title} : entrée {index}" for index in range(5)))
                entries.border_title = title
                yield entries
        yield Footer()


class LoginHomeFloor(App[None]):
    CSS = CSS
    # As chorus-tui: Tab moves the focus as soon as it arrives, so that the password typed in
    # the same burst lands in the password field.
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def on_mount(self) -> None:
        self.push_screen(LoginScreen())


if __name__ == "__main__":
    LoginHomeFloor().run()
