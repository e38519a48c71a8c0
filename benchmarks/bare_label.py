"""The start-up baseline: a bare Textual app painting one Label (``python benchmarks/bare_label.py``
under a pseudo-terminal, timed like ``chorus-tui`` until its text is painted)."""

from textual.app import App, ComposeResult
from textual.widgets import Label

TEXT = "Bare Textual label"


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Label(TEXT)


if __name__ == "__main__":
    BareApp().run()
