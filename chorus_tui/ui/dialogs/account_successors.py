"""A principal manager leaving (F7): « Désigner un nouveau gestionnaire principal » for each
structure they manage, each successor found with the « Loupe » user search."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Static

from chorus_tui.domain import deactivation
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models import Structure, User
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import Notice, TextField
from chorus_tui.ui.widgets.literal import literal

PAGE = 50
CRITERIA = ("nom", "prenom", "adresse", "email")


class SuccessorsDialog(ChorusModal[dict[int, int]]):
    """The structures (Identifiant, Raison sociale) and the successor chosen for each; Enter on
    a row opens the Loupe for it, « Un même gestionnaire pour toutes » for all of them.
    « Valider » dismisses ``{structure id: user id}`` once every structure has one."""

    TITLE_KEY = "deactivate.designate"
    AUTO_FOCUS = "#successor-table"

    def __init__(self, actor: User, structures: Sequence[Structure]) -> None:
        super().__init__()
        self._actor = actor
        self._structures = list(structures)
        self._chosen: dict[int, User] = {}

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="successors-window", classes="window") as window:
            window.border_title = Text(t("deactivate.designate"))
            yield Static(Text(t("deactivate.successors.intro")), classes="confirm-message")
            yield DataTable(id="successor-table", cursor_type="row", show_row_labels=False)
            yield Notice(id="successors-notice")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("deactivate.successors.same")), id="same")
                yield Static(classes="spacer")
                yield Button(Text(t("app.validate")), id="ok", variant="primary")
                yield Button(Text(t("account.cancel")), id="cancel")
        yield ChorusFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        t = self.t
        table.add_column(Text(t("deactivate.col.identifier")), key="identifier")
        table.add_column(Text(t("deactivate.col.raison_sociale")), key="raison_sociale")
        table.add_column(Text(t("deactivate.col.successor")), key="successor")
        for structure in self._structures:
            table.add_row(
                literal(structure.identifier),
                literal(structure.raison_sociale),
                self._successor_cell(structure),
                key=str(structure.id),
            )

    def _successor_cell(self, structure: Structure) -> Text:
        chosen = self._chosen.get(structure.id)
        if chosen is None:
            return Text(self.t("deactivate.successors.none"), style="italic")
        return literal(f"{chosen.display_name} ({chosen.email or chosen.login})")

    def _refresh_rows(self) -> None:
        table = self.query_one(DataTable)
        for structure in self._structures:
            table.update_cell(
                str(structure.id), "successor", self._successor_cell(structure), update_width=True
            )
        self.query_one("#successors-notice", Notice).clear()

    def _search(self, structures: list[Structure]) -> None:
        def picked(user: User | None) -> None:
            if user is None:
                return
            for structure in structures:
                self._chosen[structure.id] = user
            self._refresh_rows()

        self.app.push_screen(SuccessorSearchDialog(self._actor), picked)

    @on(DataTable.RowSelected, "#successor-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        structure_id = int(event.row_key.value or 0)
        self._search([s for s in self._structures if s.id == structure_id])

    @on(Button.Pressed, "#same")
    def _same_pressed(self) -> None:
        self._search(self._structures)

    @on(Button.Pressed, "#ok")
    def _ok_pressed(self) -> None:
        if any(structure.id not in self._chosen for structure in self._structures):
            self.query_one("#successors-notice", Notice).show(
                self.t("field_error.successors_required"), "error"
            )
            return
        self.dismiss({structure_id: user.id for structure_id, user in self._chosen.items()})

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)


class SuccessorSearchDialog(ChorusModal[User]):
    """The « Loupe »: nom, prénom, adresse postale, adresse électronique; Enter searches the
    active accounts, Enter on a result picks it."""

    TITLE_KEY = "loupe.title"
    AUTO_FOCUS = "#nom"

    def __init__(self, actor: User) -> None:
        super().__init__()
        self._actor = actor
        self._results: list[User] = []

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="loupe-window", classes="window") as window:
            window.border_title = Text(t("loupe.title"))
            yield Static(Text(t("loupe.intro")), classes="confirm-message")
            with Grid(id="loupe-criteria"):
                for name in CRITERIA:
                    field = TextField(id=name)
                    field.border_title = Text(t(f"loupe.field.{name}"))
                    yield field
            yield Notice(id="loupe-notice")
            yield DataTable(id="loupe-results", cursor_type="row", show_row_labels=False)
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("loupe.search")), id="search", variant="primary")
                yield Button(Text(t("account.cancel")), id="cancel")
        yield ChorusFooter()

    def on_mount(self) -> None:
        t = self.t
        table = self.query_one(DataTable)
        for name in ("nom", "prenom", "email", "ville"):
            table.add_column(Text(t(f"loupe.col.{name}")), key=name)
        table.display = False

    @on(Input.Submitted)
    @on(Button.Pressed, "#search")
    def search(self) -> None:
        """Ask the domain for the first page of matching active accounts."""
        criteria = {name: self.query_one(f"#{name}", Input).value for name in CRITERIA}
        notice = self.query_one("#loupe-notice", Notice)
        with self.chorus.guard():
            try:
                found = deactivation.search_successors(
                    self._actor, **criteria, limit=PAGE + 1, offset=0
                )
            except ValidationError as error:
                code = "criteria_required" if "criteria" in error.fields else "control_characters"
                notice.show(self.t(f"field_error.{code}"), "error")
                return
            self._show_results(found)

    def _show_results(self, found: list[User]) -> None:
        notice = self.query_one("#loupe-notice", Notice)
        table = self.query_one(DataTable)
        table.clear()
        self._results = found[:PAGE]
        for index, user in enumerate(self._results):
            table.add_row(
                literal(user.nom),
                literal(user.prenom),
                literal(user.email or user.login),
                literal(user.ville),
                key=str(index),
            )
        table.display = bool(self._results)
        if not self._results:
            notice.show(self.t("loupe.none"), "warning")
            return
        if len(found) > PAGE:
            notice.show(self.t("loupe.more", count=PAGE), "warning")
        else:
            notice.show(self.t("loupe.count", count=len(self._results)))
        table.focus()

    @on(DataTable.RowSelected, "#loupe-results")
    def _picked(self, event: DataTable.RowSelected) -> None:
        self.dismiss(self._results[int(event.row_key.value or 0)])

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
