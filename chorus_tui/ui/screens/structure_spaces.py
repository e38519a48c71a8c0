"""M7d « Espaces de la structure »: every space with whether the structure has it open; ``a``
opens the space of the current row (one subscription request per user of the structure, to be
decided in M4), ``s`` removes it (the subscriptions on it end) — each after a confirmation.
Esc goes back, dismissing True when something changed."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from chorus_tui.domain import structure_spaces as spaces
from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.paging import Page
from chorus_tui.domain.structure_spaces import StructureSpaceRow
from chorus_tui.models import Structure
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.base import SessionScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

COLUMNS = (
    Column("space", "sspaces.column.space", 36),
    Column("status", "sspaces.column.status", 32),
)


class StructureSpacesScreen(SessionScreen):
    """The spaces of one structure, for its managers."""

    TITLE_KEY = "sspaces.title"
    AUTO_FOCUS = "#sspaces-table"

    DEFAULT_CSS = """
    StructureSpacesScreen {
        .page-title { margin-bottom: 0; }
        #sspaces-structure { text-style: bold; }
        .sspaces-note { color: $text-muted; }
        #sspaces-denied { color: $text-error; text-style: bold; margin: 1 0 0 0; }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "sspaces.key.back", id="sspaces.back"),
        Binding("a", "add", "sspaces.key.add", id="sspaces.add"),
        Binding("s", "remove", "sspaces.key.remove", id="sspaces.remove"),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.changed = False
        self.denied: DomainError | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        try:
            spaces.structure_spaces(self.session.user, self.structure_id)
        except DomainError as error:
            self.denied = error
        else:
            self.denied = None
        with VerticalScroll(id="sspaces-page", classes="form-page"):
            yield Label(Text(t("sspaces.title")), classes="page-title")
            if self.denied is not None:
                yield Static(Text(self.chorus.error_text(self.denied)), id="sspaces-denied")
            else:
                structure = Structure.get_by_id(self.structure_id)
                yield Static(
                    literal(f"{structure.identifier} {structure.raison_sociale}"),
                    id="sspaces-structure",
                )
                yield PagedTable(
                    COLUMNS,
                    self._load,
                    self._cells,
                    selectable=False,
                    page_size=10,
                    empty_key="sspaces.empty",
                    id="sspaces",
                )
                yield Static(Text(t("sspaces.hint")), classes="sspaces-note")
        yield ChorusFooter()

    def _load(self, size: int, offset: int) -> Page[StructureSpaceRow]:
        rows = spaces.structure_spaces(self.session.user, self.structure_id)
        return Page(rows[offset : offset + size], len(rows), offset, size)

    def _cells(self, row: StructureSpaceRow) -> list[Text]:
        t = self.t
        if row.opened and row.required:
            status = Text(t("sspaces.required"))
        elif row.opened:
            status = Text(t("sspaces.opened", date=t.date(row.opened_at)))
        else:
            status = Text(t("sspaces.closed"), style="italic")
        return [Text(t(f"space.{row.code}")), status]

    def current(self) -> StructureSpaceRow | None:
        tables = self.query(PagedTable)
        return tables.first().current_row() if tables else None

    @on(PagedTable.Loaded)
    def _loaded(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "remove"):
            row = self.current()
            if row is None:
                return False
            return not row.opened if action == "add" else row.opened and not row.required
        return super().check_action(action, parameters)

    def on_data_table_row_highlighted(self) -> None:
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def action_add(self) -> None:
        self._confirm("add")

    def action_remove(self) -> None:
        self._confirm("remove")

    def _confirm(self, what: str) -> None:
        row = self.current()
        if row is None or not self.check_action(what, ()):
            return
        t = self.t
        label = t(f"space.{row.code}")

        def done(ok: bool | None) -> None:
            if ok:
                self._apply(what, row.code)

        self.app.push_screen(
            ConfirmDialog(
                t(f"sspaces.confirm.{what}.title"),
                t(f"sspaces.confirm.{what}", space=label),
                t("sspaces.confirm.ok"),
                t("sspaces.confirm.cancel"),
                safe_default=what == "remove",
            ),
            done,
        )

    def _apply(self, what: str, code: str) -> None:
        t = self.t
        services = self.chorus.services
        user = self.session.user
        with self.chorus.guard():
            try:
                if what == "add":
                    created = spaces.add_structure_space(services, user, self.structure_id, code)
                    message = t("sspaces.added", count=len(created))
                else:
                    ended = spaces.remove_structure_space(services, user, self.structure_id, code)
                    message = t("sspaces.removed", count=ended)
            finally:
                self.query_one(PagedTable).reload()
            self.changed = True
            self.chorus.notify(message, markup=False)

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands = [
            Command(t(f"sspaces.cmd.{what}"), t(f"sspaces.cmd.{what}.help"), action)
            for what, action in (("add", self.action_add), ("remove", self.action_remove))
            if self.check_action(what, ())
        ]
        return [*commands, *super().palette_commands()]
