"""« Demander un rattachement » (F4): « Critères de recherche », « Résultat de la recherche »
in a paged table, « Exporter les résultats » (CSV), « Sélectionner » (Enter on a row) to the
request form, and « Saisir une nouvelle structure » when nothing matches.

``read_only`` (« Rechercher structure publique » of the home screen) keeps the search and the
export only; ``public_only`` presets Type = Structure publique. Esc goes back, dismissing True
when a request was sent or a structure created meanwhile (the caller reloads its lists)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from chorus_tui.domain import export, structures
from chorus_tui.domain.paging import Page
from chorus_tui.models import Structure
from chorus_tui.models.codes import IdentifierType, StructureKind, StructureStatus
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.export import ExportDialog, dated_path
from chorus_tui.ui.screens.search_form import SearchFormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

STYLES = Path(__file__).parent.parent / "styles"

# The criteria in reading order of the form (two columns, as the guide's screen).
LAYOUT = (
    "raison_sociale",
    "kind",
    "identifier",
    "identifier_type",
    "libelle",
    "status",
    "nom",
    "prenom",
    "code_postal",
    "ville",
    "pays",
)
SELECTS = ("kind", "identifier_type", "status", "pays")
COLUMNS = (
    Column("identifier", "structures.column.identifier", 16),
    Column("raison_sociale", "structures.column.raison_sociale", 40),
    Column("status", "structures.column.status", 10),
)


def identifier_type_options(t) -> list[tuple[Text, str]]:
    return [(Text(t(f"structures.idtype.{code}")), code.value) for code in IdentifierType]


class StructureSearchScreen(SearchFormScreen):
    """The structure search; Enter in a criterion or Ctrl+S runs it."""

    CSS_PATH = STYLES / "structures.tcss"
    TITLE_KEY = "structures.title"
    AUTO_FOCUS = "#raison_sociale"
    FIELDS: ClassVar[tuple[str, ...]] = LAYOUT
    SELECTS = SELECTS
    RESULTS_TABLE = "#structures-table"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "structures.key.back", id="structures.back"),
        Binding("ctrl+s", "submit", "structures.key.search", id="structures.search"),
        Binding("e", "export", "structures.key.export", id="structures.export"),
        Binding("c", "new_structure", "structures.key.new", id="structures.new"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="structures.logout"),
    ]

    def __init__(
        self,
        read_only: bool = False,
        public_only: bool = False,
        criteria: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.read_only = read_only
        self.public_only = public_only
        self._initial = dict(criteria or {})
        if public_only:
            self._initial.setdefault("kind", StructureKind.PUBLIQUE.value)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        title = "structures.title.readonly" if self.read_only else "structures.title"
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="search-page", classes="form-page"):
            yield Label(Text(t(title)), classes="page-title")
            yield Static(Text(t("structures.tip")), classes="structures-tip")
            yield Label(Text(t("structures.criteria")), classes="section-title")
            yield Notice(id="form-notice")
            with Grid(id="criteria"):
                for name in LAYOUT:
                    yield FormField(t(f"structures.field.{name}"), self._control(name))
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("structures.search")), id="submit", variant="primary")
            with Vertical(id="results"):
                with Horizontal(id="results-head"):
                    yield Label(Text(t("structures.results")), classes="section-title")
                    yield Button(Text(t("structures.export")), id="export", compact=True)
                yield PagedTable(
                    COLUMNS,
                    self._load,
                    self._cells,
                    selectable=False,
                    autoload=False,
                    empty_key="structures.empty",
                    id="structures",
                )
                hint = "structures.hint.readonly" if self.read_only else "structures.hint"
                yield Static(Text(t(hint)), classes="structures-hint")
                if not self.read_only:
                    with Horizontal(classes="form-buttons"):
                        yield Button(Text(t("structures.select")), id="select", compact=True)
            with Vertical(id="no-result"):
                yield Static(Text(t("structures.none_found")), id="none-found")
                if not self.read_only:
                    with Horizontal(classes="form-buttons"):
                        yield Button(Text(t("structures.new")), id="new", compact=True)
        yield ChorusFooter()

    def _control(self, name: str) -> Input | Select:
        t = self.t
        value = self._initial.get(name, "")
        if name not in SELECTS:
            return TextField(value=value, id=name)
        if name == "kind":
            options = [(Text(t(f"code.{code}")), code.value) for code in StructureKind]
        elif name == "identifier_type":
            options = identifier_type_options(t)
        elif name == "status":
            options = [(Text(t(f"code.{code}")), code.value) for code in StructureStatus]
        else:
            options = [(Text(label), code) for label, code in country_options(t.language)]
        return Select(
            options, prompt=t("structures.any"), value=value or Select.NULL, id=name, compact=False
        )

    # -- the search -------------------------------------------------------------------------

    def _load(self, size: int, offset: int) -> Page[Structure]:
        assert self._criteria is not None
        return structures.search_structures(self._criteria, size=size, offset=offset)

    def _cells(self, structure: Structure) -> list[Text]:
        return [
            literal(structure.identifier),
            literal(structure.raison_sociale),
            Text(self.t(f"code.{structure.status}")),
        ]

    def check_criteria(self, criteria: dict[str, str]) -> None:
        structures.structure_query(criteria)

    def no_result_target(self):
        matches = self.query("#new")
        return matches.first() if matches else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self._criteria is not None and self._total > 0
        if action == "new_structure":
            return not self.read_only and self._criteria is not None and self._total == 0
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        self.dismiss(self.changed)

    # -- Sélectionner -----------------------------------------------------------------------

    @on(PagedTable.Activated)
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.select_structure(event.row_id)

    @on(Button.Pressed, "#select")
    def _select_pressed(self) -> None:
        current = self.query_one(PagedTable).current_id()
        if current is not None:
            self.select_structure(current)

    def select_structure(self, structure_id: int) -> None:
        """« Sélectionner »: the request form for that structure (read-only: consult it)."""
        if self.read_only:
            self.consult_structure(structure_id)
            return
        from chorus_tui.ui.screens.membership_request import ANOTHER, MembershipRequestScreen

        row = self.query_one(PagedTable).rows.get(structure_id)
        if row is not None and row.status == StructureStatus.INACTIF:
            # Said at once rather than after the whole form is filled in.
            self.chorus.notify(self.t("error.structure_inactive"), severity="error", markup=False)
            return

        def done(result: object) -> None:
            if result == ANOTHER:
                self.changed = True
                self.query_one(PagedTable).reload()
                self.query_one("#structures-table").focus()
            elif result:
                self.changed = True
                self.dismiss(True)

        with self.chorus.guard():
            self.app.push_screen(MembershipRequestScreen(structure_id), done)

    def consult_structure(self, structure_id: int) -> None:
        from chorus_tui.ui.dialogs.memberships import StructureDialog

        with self.chorus.guard():
            structure = structures.get_structure(structure_id)
            services = structures.active_services(structure)
            self.app.push_screen(StructureDialog(structure, services))

    # -- Saisir une nouvelle structure ------------------------------------------------------

    @on(Button.Pressed, "#new")
    def action_new_structure(self) -> None:
        if self.read_only:
            return
        from chorus_tui.ui.screens.structure_new import NewStructureScreen

        def done(created: object) -> None:
            if created:
                self.changed = True
                self.dismiss(True)

        prefill = {
            name: value
            for name, value in (self._criteria or {}).items()
            if name in ("raison_sociale", "identifier", "code_postal", "ville", "pays")
            and value
            and "*" not in value
        }
        self.app.push_screen(NewStructureScreen(prefill), done)

    # -- Exporter les résultats -------------------------------------------------------------

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        if self._criteria is None or not self._total:
            return
        criteria = dict(self._criteria)

        def write(path: str) -> int:
            labels = [self.t(f"structures.column.{name}") for name in export.STRUCTURE_COLUMNS]
            return export.export_structures(criteria, path, labels)

        path = dated_path(self, "structures")
        self.app.push_screen(ExportDialog("structures", self._total, path, write))

    # -- palette ----------------------------------------------------------------------------

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands = [
            Command(t("structures.cmd.search"), t("structures.cmd.search.help"), self.submit)
        ]
        if self.check_action("export", ()):
            commands.append(
                Command(
                    t("structures.cmd.export"), t("structures.cmd.export.help"), self.action_export
                )
            )
        if self.check_action("new_structure", ()):
            commands.append(
                Command(
                    t("structures.cmd.new"), t("structures.cmd.new.help"), self.action_new_structure
                )
            )
        return [*commands, *super().palette_commands()]
