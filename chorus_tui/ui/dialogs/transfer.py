"""M10 « Transférer le rôle de gestionnaire principal » from the structure screen: the login id
of the successor (F3 or the button opens the « Loupe » user search), a confirmation naming them,
then the transfer in one transaction. Dismisses True once done, None when cancelled."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from chorus_tui.domain import structure_principal, structures
from chorus_tui.domain.errors import DomainError, ValidationError
from chorus_tui.domain.memberships import find_successor
from chorus_tui.domain.text import clean
from chorus_tui.models import Structure, User
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorSearchDialog
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import sanitize

STYLES = Path(__file__).parent.parent / "styles"


class TransferDialog(FormBase, ChorusModal[bool]):
    """The successor's login id; « Valider » (Ctrl+S) asks for confirmation, then transfers."""

    CSS_PATH = STYLES / "structure_principal.tcss"
    TITLE_KEY = "sprincipal.title"
    AUTO_FOCUS = "#successor"
    FIELDS: ClassVar[tuple[str, ...]] = ("successor",)

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f3", "search", "sprincipal.key.search", id="sprincipal.search"),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self._structure: Structure | None = None

    @property
    def actor(self) -> User:
        session = self.chorus.session
        assert session is not None, "the transfer is done during a session"
        return session.user

    @property
    def structure(self) -> Structure:
        if self._structure is None:
            self._structure = structures.get_structure(self.structure_id)
        return self._structure

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="transfer-window", classes="window") as window:
            window.border_title = Text(t("sprincipal.title"))
            yield Static(
                Text(t("sprincipal.intro", structure=sanitize(self.structure.raison_sociale))),
                classes="confirm-message",
            )
            yield Notice(id="form-notice")
            yield FormField(
                t("sprincipal.field.successor"),
                TextField(id="successor", max_length=255),
                classes="-inline",
            )
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("sprincipal.search")), id="search", compact=True)
                yield Static(classes="spacer")
                yield Button(
                    Text(t("sprincipal.validate")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("sprincipal.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#search")
    def action_search(self) -> None:
        """The « Loupe »; the chosen account's login id fills the field."""

        def picked(user: User | None) -> None:
            field = self.query_one("#successor", Input)
            if user is not None:
                field.value = user.login
            field.focus()

        self.app.push_screen(SuccessorSearchDialog(self.actor), picked)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        """Check the login id, then ask for confirmation naming the successor."""
        login = self.query_one("#successor", Input).value
        if not clean(login):
            self.show_validation(ValidationError({"successor": "required"}))
            return
        heir = find_successor(self.actor, login)
        if heir is None:
            self.show_validation(ValidationError({"successor": "successor_login_invalid"}))
            return
        t = self.t
        dialog = ConfirmDialog(
            t("sprincipal.confirm.title"),
            t(
                "sprincipal.confirm.message",
                user=sanitize(heir.display_name),
                login=sanitize(heir.login),
                structure=sanitize(self.structure.raison_sociale),
            ),
            t("sprincipal.confirm.ok"),
            t("sprincipal.cancel"),
            safe_default=True,
            window_id="transfer-confirm-window",
        )
        self.app.push_screen(dialog, lambda ok: self._confirmed(login) if ok else None)

    def _confirmed(self, login: str) -> None:
        with self.chorus.guard():
            try:
                heir = structure_principal.transfer_role(
                    self.chorus.services, self.actor, self.structure_id, login
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except DomainError as error:
                self.chorus.show_error(error)
                self.dismiss(None)
                return
            self.chorus.notify(
                self.t(
                    "sprincipal.done",
                    user=sanitize(heir.display_name),
                    structure=sanitize(self.structure.raison_sociale),
                ),
                markup=False,
            )
            self.dismiss(True)
