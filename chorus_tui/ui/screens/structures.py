"""M7 « Mes structures »: the structures the user manages (principal or secondary) — Identifiant
structure, Raison sociale, Date de création, Services, Statut — one page at a time. Enter opens
the structure (:class:`~chorus_tui.ui.screens.structure_detail.StructureDetailScreen`); Esc goes
back, dismissing True when something was changed in a structure meanwhile."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from chorus_tui.domain import structure_admin
from chorus_tui.domain.paging import Page
from chorus_tui.models import Structure
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import SessionScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

STYLES = Path(__file__).parent.parent / "styles"

COLUMNS = (
    Column("identifier", "sadmin.col.identifier", 14),
    Column("raison_sociale", "sadmin.col.raison_sociale", 20),
    Column("created", "sadmin.col.created", 10),
    Column("services", "sadmin.col.services", 14),
    Column("status", "sadmin.col.status", 7),
)


class StructuresScreen(SessionScreen):
    """« Mes structures »; Enter on a row consults / modifies it."""

    CSS_PATH = STYLES / "structure_admin.tcss"
    TITLE_KEY = "sadmin.list.title"
    AUTO_FOCUS = "#my-structures-table"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "sadmin.key.back", id="sadmin.list.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.changed = False

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="structures-page", classes="form-page"):
            yield Label(Text(t("sadmin.list.title")), classes="page-title")
            yield Static(Text(t("sadmin.list.intro")), classes="sadmin-hint")
            yield PagedTable(
                COLUMNS,
                self._load,
                self._cells,
                selectable=False,
                empty_key="sadmin.list.empty",
                row_height=None,
                id="my-structures",
            )
            yield Static(Text(t("sadmin.list.hint")), classes="sadmin-hint")
        yield ChorusFooter()

    def _load(self, size: int, offset: int) -> Page[Structure]:
        return structure_admin.my_structures(self.session.user, size=size, offset=offset)

    def _cells(self, row: Structure) -> list[Text]:
        t = self.t
        codes = getattr(row, "service_codes", [])
        return [
            literal(row.identifier),
            literal(row.raison_sociale),
            Text(t.date(row.created_at)),
            literal(", ".join(codes)) if codes else Text(t("sadmin.none")),
            Text(t(f"code.{row.status}")),
        ]

    @on(PagedTable.Activated, "#my-structures")
    def _open(self, event: PagedTable.Activated) -> None:
        self.open_structure(event.row_id)

    def open_structure(self, structure_id: int | None = None) -> None:
        from chorus_tui.ui.screens.structure_detail import StructureDetailScreen

        table = self.query_one("#my-structures", PagedTable)
        if structure_id is None:
            structure_id = table.current_id()
        if structure_id is None:
            return
        self.app.push_screen(StructureDetailScreen(structure_id), self._after_detail)

    def _after_detail(self, changed: object) -> None:
        if changed:
            self.changed = True
        self.query_one("#my-structures", PagedTable).reload()

    def action_back(self) -> None:
        self.dismiss(self.changed or None)

    def palette_commands(self) -> list[Command]:
        t = self.t
        return [
            Command(t("sadmin.cmd.open"), t("sadmin.cmd.open.help"), self.open_structure),
            *super().palette_commands(),
        ]
