"""« Historique » (M12): the actions done on the structures the manager manages — Date,
Demandeur, Structure (identifiant + raison sociale), Commentaires — newest first, filtered by
structure (« Toutes » or one of them) and by dates (Du, Au); Enter opens the detail of an action
(the « loupe »), ``e`` exports the filtered actions to a CSV file, Esc goes back.

A user who manages no structure sees the permission message, no data."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from chorus_tui.domain import history
from chorus_tui.domain.errors import DomainError, ValidationError
from chorus_tui.domain.history import EntryDetail
from chorus_tui.domain.paging import Page
from chorus_tui.domain.rights import managed_structures
from chorus_tui.i18n import has_message
from chorus_tui.models import AuditEntry, Structure
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.export import ExportDialog, dated_path
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

STYLES = Path(__file__).parent.parent / "styles"

FILTERS = ("structure", "since", "until")
COLUMNS = (
    Column("date", "history.column.date", 10),
    Column("requester", "history.column.requester", 18),
    Column("structure", "history.column.structure", 20),
    Column("comment", "history.column.comment", 16),
)
# Field error codes that read better with the history's own words.
OWN_ERRORS = {"end_before_start": "history_end_before_start"}


def structure_label(structure: Structure) -> Text:
    return literal(f"{structure.identifier} {structure.raison_sociale}")


def _cell(text: Text, *, one_line: bool = False) -> Text:
    """Text cut with « … » where it does not fit (the row's two lines, or ``one_line``)."""
    text.overflow = "ellipsis"
    text.no_wrap = one_line
    return text


class HistoryScreen(FormScreen):
    """The history of the managed structures; ``structure_id`` preselects one of them."""

    CSS_PATH = STYLES / "history.tcss"
    TITLE_KEY = "history.title"
    AUTO_FOCUS = "#history-table"
    FIELDS: ClassVar[tuple[str, ...]] = FILTERS

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "history.key.back", id="history.back"),
        Binding("ctrl+s", "submit", "history.key.filter", id="history.filter"),
        Binding("e", "export", "history.key.export", id="history.export"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="history.logout"),
    ]

    def __init__(self, structure_id: int | None = None) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.denied: DomainError | None = None
        self._structures: list[Structure] = []
        self._criteria: dict[str, Any] = {"structure_id": structure_id}
        self._total = 0

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        try:
            history.check_filters(self.session.user, structure_id=self.structure_id)
        except DomainError as error:
            self.denied = error
        else:
            self.denied = None
            self._structures = managed_structures(self.session.user)
        with VerticalScroll(id="history-page", classes="form-page"):
            yield Label(Text(t("history.heading")), classes="page-title")
            if self.denied is not None:
                yield Static(Text(self.chorus.error_text(self.denied)), id="history-denied")
                yield Static(Text(t("history.denied")), classes="history-note")
            else:
                yield from self._compose_history()
        yield ChorusFooter()

    def _compose_history(self) -> ComposeResult:
        t = self.t
        yield Notice(id="form-notice")
        with Horizontal(id="filters"):
            yield FormField(t("history.field.structure"), self._structure_select())
            yield FormField(t("history.field.since"), TextField(id="since", max_length=10))
            yield FormField(t("history.field.until"), TextField(id="until", max_length=10))
            yield Button(Text(t("history.filter")), id="submit", compact=True)
        yield Static(Text(""), id="filter-errors")
        yield PagedTable(
            COLUMNS,
            self._load,
            self._cells,
            selectable=False,
            empty_key="history.empty",
            row_height=2,
            id="history",
        )
        yield Static(Text(t("history.hint")), classes="history-note")

    def _structure_select(self) -> Select:
        options = [(_cell(structure_label(s), one_line=True), s.id) for s in self._structures]
        value = self._criteria.get("structure_id")
        return Select(
            options,
            prompt=self.t("history.all"),
            value=value if value is not None else Select.NULL,
            id="structure",
        )

    def render_state(self) -> None:
        if self.denied is not None:
            return
        super().render_state()
        self._show_filter_errors()

    def _show_filter_errors(self) -> None:
        """The filters are too narrow for their error lines: the errors are listed on one
        line under them (« Du : … »), the fields in error framed in red."""
        t = self.t
        lines = [
            f"{self.query_one(f'#field-{name}', FormField).label} : "
            f"{t(f'field_error.{code}', **params)}"
            for name in self.FIELDS
            if name in self._field_errors
            for code, params in (self._field_errors[name],)
        ]
        errors = self.query_one("#filter-errors", Static)
        errors.update(Text("\n".join(lines)))
        errors.display = bool(lines)

    def forget_error(self, name: str | None) -> None:
        super().forget_error(name)
        if self.denied is None and self.is_mounted:
            self._show_filter_errors()

    # -- the table --------------------------------------------------------------------------

    def _load(self, size: int, offset: int) -> Page[AuditEntry]:
        return history.history(self.session.user, **self._criteria, size=size, offset=offset)

    def _cells(self, entry: AuditEntry) -> list[Text]:
        t = self.t
        return [
            Text(t.date(entry.at)),
            _cell(literal(history.person(history.requester_of(entry)))),
            _cell(
                literal(
                    f"{entry.structure.identifier}\n{entry.structure.raison_sociale}",
                    multiline=True,
                )
            ),
            _cell(Text(history.comment_text(t.language, entry))),
        ]

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        self._total = event.page.total
        self.refresh_bindings()

    # -- filters ----------------------------------------------------------------------------

    def criteria(self) -> dict[str, Any]:
        value = self.query_one("#structure", Select).value
        return {
            "structure_id": value if isinstance(value, int) else None,
            "since": self.query_one("#since", Input).value,
            "until": self.query_one("#until", Input).value,
        }

    def submit(self) -> None:
        """« Filtrer »: the filters checked by the domain, then the first page."""
        if self.denied is not None:
            return
        criteria = self.criteria()
        with self.chorus.guard():
            try:
                history.check_filters(self.session.user, **criteria)
            except ValidationError as error:
                self.show_validation(error)
                return
            self.clear_errors()
            self._criteria = criteria
            self.query_one(PagedTable).reload(first_page=True)

    def show_validation(self, error: ValidationError) -> None:
        fields = {
            name: (OWN_ERRORS.get(code, code), params)
            for name, (code, params) in error.fields.items()
        }
        super().show_validation(ValidationError(fields))

    @on(Select.Changed, "#structure")
    def _structure_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, int) else None
        if self.denied is None and value != self._criteria.get("structure_id"):
            self.submit()

    def action_enter(self) -> None:
        """Enter in Du or Au filters (after the field took the keys typed before)."""
        focused = self.focused
        if focused is not None:
            focused.call_later(self.submit)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.denied is None and self._total > 0
        if action == "submit":
            return self.denied is None
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        self.dismiss(False)

    # -- the « loupe » ----------------------------------------------------------------------

    @on(PagedTable.Activated)
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.open_detail(event.row_id)

    def open_detail(self, entry_id: int | None = None) -> None:
        if self.denied is not None:
            return
        if entry_id is None:
            entry_id = self.query_one(PagedTable).current_id()
        if entry_id is None:
            return
        with self.chorus.guard():
            detail = history.entry_detail(self.session.user, entry_id)
            self.app.push_screen(HistoryDetailDialog(detail))

    # -- export -----------------------------------------------------------------------------

    def action_export(self) -> None:
        if not self.check_action("export", ()):
            return
        criteria = dict(self._criteria)
        user = self.session.user

        def write(path: str) -> int:
            return history.export_history(user, path, language=self.t.language, **criteria)

        path = dated_path(self, "historique")
        self.app.push_screen(ExportDialog("history", self._total, path, write))

    # -- palette ----------------------------------------------------------------------------

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands: list[Command] = []
        if self.denied is None:
            commands.append(
                Command(t("history.cmd.filter"), t("history.cmd.filter.help"), self.submit)
            )
            if self._total:
                commands.append(
                    Command(t("history.cmd.detail"), t("history.cmd.detail.help"), self.open_detail)
                )
        if self.check_action("export", ()):
            commands.append(
                Command(t("history.cmd.export"), t("history.cmd.export.help"), self.action_export)
            )
        return [*commands, *super().palette_commands()]


class HistoryDetailDialog(ChorusModal[None]):
    """The « loupe »: who, when, what, on whom, the motif and the details of one action."""

    CSS_PATH = STYLES / "history.tcss"
    TITLE_KEY = "history.detail.title"
    AUTO_FOCUS = "#close"

    def __init__(self, detail: EntryDetail) -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="detail-window", classes="window") as window:
            window.border_title = Text(t("history.detail.title"))
            with VerticalScroll(id="detail-body"):
                yield Static(self._fields(), id="detail-fields")
                yield Static(Text(t("history.detail.details")), classes="history-heading")
                yield Static(self._details(), id="detail-details")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("app.close")), id="close", compact=True)
        yield ChorusFooter()

    def _fields(self) -> Table:
        t = self.t
        entry = self.detail.entry
        nobody = Text(t("history.detail.nobody"))
        rows: tuple[tuple[str, Text], ...] = (
            ("date", Text(t.datetime(entry.at))),
            ("actor", literal(history.person(entry.actor)) if entry.actor else nobody),
            ("target", literal(history.person(entry.target_user)) if entry.target_user else nobody),
            ("structure", structure_label(entry.structure)),
            ("comment", Text(history.comment_text(t.language, entry))),
            ("motif", literal(entry.motif) if entry.motif else nobody),
        )
        table = _two_columns()
        for name, value in rows:
            table.add_row(Text(t(f"history.detail.{name}")), value)
        return table

    def _details(self) -> Table | Text:
        t = self.t
        if not self.detail.details:
            return Text(t("history.detail.none"), style="italic")
        table = _two_columns()
        for name, value in self.detail.details.items():
            key = f"history.detail.key.{name}"
            label = t(key) if has_message(key) else history.readable(name)
            table.add_row(Text(label), self._value(value))
        return table

    def _value(self, value: object) -> Text:
        if value is None or value == "" or value == [] or value == {}:
            return Text(self.t("history.detail.nobody"))
        if isinstance(value, list | tuple):
            return literal(", ".join(self._value(item).plain for item in value))
        if isinstance(value, dict):
            return literal(", ".join(f"{k} : {self._value(v).plain}" for k, v in value.items()))
        if isinstance(value, str) and value and has_message(f"code.{value}"):
            return Text(self.t(f"code.{value}"))
        return literal(value)

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)


def _two_columns() -> Table:
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, style="bold", min_width=20)
    table.add_column(ratio=1, overflow="fold")
    return table
