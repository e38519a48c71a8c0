"""The export window of every list (X6): the path of a new file, prefilled with a dated name in
the home folder; the rows are written by the caller's domain function and their count shown in a
notification. An existing file or a folder that cannot be written gets its message next to the
path; nothing is overwritten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from chorus_tui.clock import today
from chorus_tui.domain.errors import ValidationError
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import sanitize


def dated_path(screen: object, stem: str) -> str:
    """``~/<stem>-<date>.csv``, dated by the app's clock."""
    day = today(screen.chorus.services.clock)  # type: ignore[attr-defined]
    return f"~/{stem}-{day:%Y-%m-%d}.csv"


class ExportDialog(FormBase, ChorusModal[bool]):
    """``prefix`` names the catalogue keys (``<prefix>.export.title``, ``.export.message`` with
    ``{count}``, ``.export.field.path``, ``.export.submit``, ``.export.cancel`` and ``.exported``
    with ``{count}`` and ``{path}``); ``write(path)`` writes the file and returns the rows
    written. Dismisses True once written."""

    TITLE_KEY = "app.title"
    FIELDS: ClassVar[tuple[str, ...]] = ("path",)
    AUTO_FOCUS = "#path"

    CSS_PATH = Path(__file__).parent.parent / "styles" / "export.tcss"

    def __init__(self, prefix: str, total: int, path: str, write: Callable[[str], int]) -> None:
        super().__init__()
        self.prefix = prefix
        self.TITLE_KEY = f"{prefix}.export.title"
        self._total = total
        self._path = path
        self._write = write

    def compose(self) -> ComposeResult:
        t, prefix = self.t, self.prefix
        with Vertical(id="export-window", classes="window") as window:
            window.border_title = Text(t(f"{prefix}.export.title"))
            yield Static(Text(t(f"{prefix}.export.message", count=self._total)))
            yield Notice(id="form-notice")
            yield FormField(
                t(f"{prefix}.export.field.path"),
                TextField(self._path, id="path"),
                classes="-inline",
            )
            with Horizontal(classes="window-buttons"):
                yield Button(
                    Text(t(f"{prefix}.export.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t(f"{prefix}.export.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    def submit(self) -> None:
        path = self.query_one("#path", Input).value
        with self.chorus.guard():
            try:
                count = self._write(path)
            except ValidationError as error:
                if "path" not in error.fields:
                    raise
                self.show_validation(error)
                return
            message = self.t(f"{self.prefix}.exported", count=count, path=sanitize(path.strip()))
            self.chorus.notify(message, markup=False)
            self.dismiss(True)
