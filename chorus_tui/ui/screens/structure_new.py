"""« Saisir une nouvelle structure » (F4), offered when the structure search finds nothing: a
private structure whose creator becomes its principal manager at once. Dismisses True once
created, None on « Annuler » / Esc."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from chorus_tui.domain import structures
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models.codes import IdentifierType
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.screens.structure_search import identifier_type_options
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField

STYLES = Path(__file__).parent.parent / "styles"
SELECTS = ("identifier_type", "pays")
HINTS = {
    "identifier": "newstructure.identifier_hint",
    "nom": "newstructure.person_hint",
    "prenom": "newstructure.person_hint",
}


class NewStructureScreen(FormScreen):
    """The new-structure form; Ctrl+S validates, Esc cancels."""

    CSS_PATH = STYLES / "structures.tcss"
    TITLE_KEY = "newstructure.title"
    AUTO_FOCUS = "#identifier_type"
    FIELDS: ClassVar[tuple[str, ...]] = structures.NEW_STRUCTURE_FIELDS
    SUBMIT_COMMAND = "newstructure.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "newstructure.key.back", id="newstructure.back"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="newstructure.logout"),
    ]

    def __init__(self, prefill: dict[str, str] | None = None) -> None:
        super().__init__()
        self._prefill = dict(prefill or {})

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="new-structure-page", classes="form-page"):
            yield Label(Text(t("newstructure.title")), classes="page-title")
            yield Static(Text(t("newstructure.intro")), classes="structures-tip")
            yield Notice(id="form-notice")
            for name in self.FIELDS:
                hint = t(HINTS[name]) if name in HINTS else ""
                yield FormField(
                    t(f"newstructure.field.{name}"),
                    self._control(name),
                    hint=hint,
                    classes="-inline",
                )
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("newstructure.submit")), id="submit", variant="primary")
                yield Button(Text(t("newstructure.cancel")), id="cancel")
        yield ChorusFooter()

    def _control(self, name: str) -> Input | Select:
        t = self.t
        if name == "identifier_type":
            return Select(
                identifier_type_options(t),
                value=IdentifierType.SIRET.value,
                allow_blank=False,
                id=name,
            )
        if name == "pays":
            options = [(Text(label), code) for label, code in country_options(t.language)]
            value = self._prefill.get("pays") or "FR"
            return Select(options, value=value, allow_blank=False, id=name)
        return TextField(value=self._prefill.get(name, ""), id=name)

    def form_values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in self.FIELDS:
            if name in SELECTS:
                value = self.query_one(f"#{name}", Select).value
                values[name] = value if isinstance(value, str) else ""
            else:
                values[name] = self.query_one(f"#{name}", Input).value
        return values

    def submit(self) -> None:
        with self.chorus.guard():
            try:
                structures.create_structure(
                    self.chorus.services, self.session.user, self.form_values()
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(self.t("newstructure.created"), markup=False)
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
