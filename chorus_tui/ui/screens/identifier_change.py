"""M11 « Modifier l'identifiant » (principal manager only): first the warning — what the new
structure takes over, what it does not, what becomes of the original — and « Continuer »; then
the new identifier (SIRET) and « Valider » (Ctrl+S). Dismisses True once the new structure exists
(a notification names it), None for « Annuler » / Esc."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from chorus_tui.domain import structure_principal, structures
from chorus_tui.domain.errors import DomainError, ValidationError
from chorus_tui.models import Structure
from chorus_tui.ui.screens.account_parts import ReadOnlyRow
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import sanitize

STYLES = Path(__file__).parent.parent / "styles"


class IdentifierChangeScreen(FormScreen):
    """The warning, then the form of the new identifier."""

    CSS_PATH = STYLES / "structure_principal.tcss"
    TITLE_KEY = "idchange.title"
    AUTO_FOCUS = "#continue"
    FIELDS: ClassVar[tuple[str, ...]] = ("identifier",)
    SUBMIT_COMMAND = "idchange.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "idchange.key.back", id="idchange.back"),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self._structure: Structure | None = None
        self.confirmed = False

    @property
    def structure(self) -> Structure:
        if self._structure is None:
            self._structure = structures.get_structure(self.structure_id)
        return self._structure

    def compose(self) -> ComposeResult:
        t = self.t
        structure = self.structure
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="idchange-page", classes="form-page"):
            yield Label(Text(t("idchange.title")), classes="page-title")
            yield Notice(id="form-notice")
            yield ReadOnlyRow(t("idchange.current"), structure.identifier, id="row-identifier")
            yield ReadOnlyRow(
                t("idchange.designation"), structure.raison_sociale, id="row-designation"
            )
            with Vertical(id="idchange-warning"):
                yield Static(
                    Text(
                        t(
                            "idchange.warning",
                            structure=sanitize(structure.raison_sociale),
                            identifier=sanitize(structure.identifier),
                        )
                    ),
                    classes="idchange-text",
                )
                yield Static(
                    Text(t("idchange.warning.original")), classes="idchange-text idchange-note"
                )
                with Horizontal(classes="form-buttons"):
                    yield Button(
                        Text(t("idchange.continue")), id="continue", variant="primary", compact=True
                    )
                    yield Button(Text(t("idchange.cancel")), id="cancel", compact=True)
            with Vertical(id="idchange-form"):
                yield Static(Text(t("idchange.form.intro")), classes="idchange-text")
                yield FormField(
                    t("idchange.field.identifier", type=structure.identifier_type),
                    TextField(id="identifier", max_length=40),
                    classes="-inline",
                )
                with Horizontal(classes="form-buttons"):
                    yield Button(
                        Text(t("idchange.validate")), id="submit", variant="primary", compact=True
                    )
                    yield Button(Text(t("idchange.cancel")), id="cancel-form", compact=True)
        yield ChorusFooter()

    def render_state(self) -> None:
        super().render_state()
        self.query_one("#idchange-warning").display = not self.confirmed
        self.query_one("#idchange-form").display = self.confirmed

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        """« Continuer »: the form of the new identifier."""
        self.confirmed = True
        self.render_state()
        self.query_one("#identifier", Input).focus()

    @on(Button.Pressed, "#cancel")
    @on(Button.Pressed, "#cancel-form")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        if not self.confirmed:
            self.action_continue()
            return
        value = self.query_one("#identifier", Input).value
        with self.chorus.guard():
            try:
                created = structure_principal.change_identifier(
                    self.chorus.services, self.session.user, self.structure_id, value
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
                    "idchange.done",
                    structure=sanitize(created.raison_sociale),
                    identifier=sanitize(created.identifier),
                ),
                markup=False,
            )
            self.dismiss(True)
