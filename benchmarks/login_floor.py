"""The start-up floor: Textual alone painting the login screen's widgets (a bordered card with a
heading, two labelled inputs with their hidden error lines, three buttons of which two are
hidden, a compact button and the footer's keys), without chorus-tui: no stylesheet of ours, no
translations, no database. ``python benchmarks/login_floor.py`` under a pseudo-terminal, timed
like ``chorus-tui`` until « Identifiant de connexion » is painted; what it takes over the bare
app is what the login screen costs in Textual itself."""

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, Footer, Input, Label, Static

TEXT = "Identifiant de connexion"
CSS = """
Screen { align: center middle; }
#page { width: 100%; height: auto; }
#card {
    width: 64; max-width: 100%; height: auto; padding: 0 2;
    border: round $primary; border-title-color: $accent; border-title-style: bold;
}
#heading { text-style: bold; margin: 1 0; }
.error { display: none; }
#buttons { height: auto; margin: 1 0; Button { margin-right: 2; } }
"""


LOGIN_KEYS = [
    Binding("f1", "help", "Aide"),
    Binding("f8", "code", "Code d'activation"),
    Binding("ctrl+q", "app.quit", "Quitter"),
]


def login_widgets() -> ComposeResult:
    """The login screen's widgets (``login_home_floor.py`` shows them too): the inputs are
    ``#login`` and ``#password``."""
    with Center(id="page"), Vertical(id="card") as card:
        card.border_title = "Chorus Pro"
        yield Label("Connexion à votre compte utilisateur", id="heading")
        yield Static("", classes="error")
        for name, field_id in ((TEXT, "login"), ("Mot de passe", "password")):
            with Vertical(classes="field"):
                yield Label(name)
                yield Input(password=field_id == "password", id=field_id)
                yield Static("", classes="error")
        with Horizontal(id="buttons"):
            yield Button("Se connecter", variant="primary")
            yield Button("Saisir une sollicitation").set_styles("display: none;")
            yield Button("Réactiver mon compte").set_styles("display: none;")
        yield Button("J'ai un code d'activation", compact=True)
    yield Footer()


class LoginFloor(App[None]):
    CSS = CSS
    BINDINGS: ClassVar[list[Binding]] = LOGIN_KEYS

    def compose(self) -> ComposeResult:
        yield from login_widgets()


if __name__ == "__main__":
    LoginFloor().run()
