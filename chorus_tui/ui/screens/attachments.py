"""« Gérer pièces jointes » (F6): « Gestion des pièces jointes », the list with its total, and
« Ajouter une pièce jointe ». Opened from the « Pièces jointes » block of Mon Compte (``g``);
Esc goes back there."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import SessionScreen
from chorus_tui.ui.widgets.attachments import AttachmentsBlock
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter

STYLES = Path(__file__).parent.parent / "styles"


class AttachmentsScreen(SessionScreen):
    """The full-screen list of the user's attachments; its table has the block's keys."""

    CSS_PATH = STYLES / "attachments.tcss"
    TITLE_KEY = "attachments.manage.title"
    AUTO_FOCUS = "#attachments-table"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "attachments.key.back", id="attachments.back"),
        # The banner shows « Déconnexion »; the footer keeps its room for the table's keys.
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="attachments.logout"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        with Vertical(id="attachments-page", classes="form-page"):
            yield Label(Text(t("attachments.manage.title")), classes="page-title")
            yield Label(Text(t("attachments.manage.list")), classes="section-title")
            yield Label(Text(""), id="attachments-total")
            yield AttachmentsBlock(show_title=False, manage_key=False)
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("attachments.add")), id="add", compact=True)
        yield ChorusFooter()

    @on(AttachmentsBlock.Changed)
    def _changed(self, event: AttachmentsBlock.Changed) -> None:
        self.query_one("#attachments-total", Label).update(
            Text(self.t("attachments.total", count=event.total))
        )

    @on(Button.Pressed, "#add")
    def _add_pressed(self) -> None:
        self.query_one(AttachmentsBlock).add_document()

    def action_back(self) -> None:
        self.dismiss(True)

    def palette_commands(self) -> list[Command]:
        block = self.query_one(AttachmentsBlock)
        return [*block.palette_commands(), *super().palette_commands()]
