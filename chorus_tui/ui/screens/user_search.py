"""« Rechercher utilisateur » (M7): the criteria, the members of the managed structures in a
paged table (Space ticks), and on a row: Enter lists the user's structures among the managed
ones, ``m`` modifies the role and services, ``o`` opens a pending request, ``a`` sends the
activation mail again to the ticked (or current) accounts, ``e`` exports the results to CSV.
Esc goes back, dismissing True when something changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from chorus_tui.domain import user_search
from chorus_tui.domain.paging import Page
from chorus_tui.models import Membership
from chorus_tui.models.codes import AccountStatus, MembershipStatus
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.export import ExportDialog, dated_path
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.search_form import SearchFormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

STYLES = Path(__file__).parent.parent / "styles"

LAYOUT = user_search.CRITERIA
SELECTS = ("statut", "pays")
# Within 80 columns: the user's name above their login address, statuses in short words.
COLUMNS = (
    Column("user", "usearch.column.user", 19),
    Column("created_at", "usearch.column.created_at", 10),
    Column("structure", "usearch.column.structure", 10),
    Column("account_status", "usearch.column.account_status", 9),
    Column("status", "usearch.column.status", 9),
)


def person(user: Any) -> str:
    return user.formal_name


class UserSearchScreen(SearchFormScreen):
    """The user search; Enter in a criterion or Ctrl+S runs it."""

    TITLE_KEY = "usearch.title"
    AUTO_FOCUS = "#nom"
    FIELDS: ClassVar[tuple[str, ...]] = LAYOUT
    SELECTS = SELECTS
    RESULTS_TABLE = "#members-table"

    CSS_PATH = STYLES / "user_search.tcss"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "usearch.key.back", id="usearch.back"),
        Binding("ctrl+s", "submit", "usearch.key.search", id="usearch.search"),
        Binding("s", "structures", "usearch.key.structures", show=False, id="usearch.structures"),
        Binding("m", "modify", "usearch.key.modify", id="usearch.modify"),
        Binding("o", "open_request", "usearch.key.open", id="usearch.open"),
        Binding("a", "resend", "usearch.key.resend", id="usearch.resend"),
        Binding("e", "export", "usearch.key.export", id="usearch.export"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="usearch.logout"),
    ]

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="search-page", classes="form-page"):
            yield Label(Text(t("usearch.title")), classes="page-title")
            yield Static(Text(t("usearch.tip")), classes="usearch-tip")
            yield Label(Text(t("usearch.criteria")), classes="section-title")
            yield Notice(id="form-notice")
            with Grid(id="criteria"):
                for name in LAYOUT:
                    yield FormField(t(f"usearch.field.{name}"), self._control(name))
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("usearch.search")), id="submit", variant="primary")
            with Vertical(id="results"):
                with Horizontal(id="results-head"):
                    yield Label(Text(t("usearch.results")), classes="section-title")
                    yield Button(Text(t("usearch.key.export")), id="export", compact=True)
                yield PagedTable(
                    COLUMNS,
                    self._load,
                    self._cells,
                    selectable=True,
                    autoload=False,
                    row_height=2,
                    empty_key="usearch.empty",
                    id="members",
                )
                yield Static(Text(t("usearch.hint")), classes="usearch-hint")
        yield ChorusFooter()

    def _control(self, name: str) -> Input | Select:
        t = self.t
        if name not in SELECTS:
            return TextField(value="", id=name)
        if name == "statut":
            options = [(Text(t(f"code.{code}")), code.value) for code in AccountStatus]
        else:
            options = [(Text(label), code) for label, code in country_options(t.language)]
        return Select(options, prompt=t("usearch.any"), value=Select.NULL, id=name, compact=False)

    # -- the search -------------------------------------------------------------------------

    @property
    def actor(self):
        session = self.chorus.session
        assert session is not None
        return session.user

    def _load(self, size: int, offset: int) -> Page[Membership]:
        assert self._criteria is not None
        return user_search.search_members(self.actor, self._criteria, size=size, offset=offset)

    def check_criteria(self, criteria: dict[str, str]) -> None:
        user_search.check_criteria(self.actor, criteria)

    def no_result_target(self):
        return self.query_one(self.RESULTS_TABLE)

    def _cells(self, row: Membership) -> list[Text]:
        t = self.t
        user = literal(person(row.user))
        user.append("\n")
        user.append_text(literal(row.user.login, style="dim"))
        return [
            user,
            Text(t.date(row.user.created_at)),
            literal(row.structure.raison_sociale),
            Text(t(f"usearch.account_status.{row.user.status}")),
            Text(t(f"usearch.status.{row.status}")),
        ]

    def _current(self) -> Membership | None:
        if self._criteria is None or not self._total:
            return None
        row = self.query_one(PagedTable).current_row()
        return row if isinstance(row, Membership) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export", "resend", "structures", "modify"):
            return self._criteria is not None and self._total > 0
        if action == "open_request":
            row = self._current()
            return row is not None and row.status == MembershipStatus.EN_COURS_DE_VALIDATION
        return super().check_action(action, parameters)

    def action_back(self) -> None:
        self.dismiss(self.changed)

    def _reload(self, changed: object) -> None:
        if changed:
            self.changed = True
            self.query_one(PagedTable).reload()

    @on(PagedTable.Activated)
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.action_structures()

    def action_structures(self) -> None:
        """The user's structures among the managed ones, in a small window."""
        row = self._current()
        if row is None:
            return
        with self.chorus.guard():
            memberships = user_search.user_structures(self.actor, row.user_id)
            self.app.push_screen(UserStructuresDialog(row.user, memberships))

    def action_modify(self) -> None:
        """Role and services of the current row's membership (the structure's own window)."""
        row = self._current()
        if row is None:
            return
        from chorus_tui.ui.screens.structure_detail import MemberDialog

        with self.chorus.guard():
            self.app.push_screen(MemberDialog(row.structure_id, row), self._reload)

    def action_open_request(self) -> None:
        row = self._current()
        if row is None:
            return
        if row.status != MembershipStatus.EN_COURS_DE_VALIDATION:
            self.chorus.notify(self.t("usearch.no_request"), severity="warning", markup=False)
            return
        from chorus_tui.ui.screens.membership_review import MembershipReviewScreen

        with self.chorus.guard():
            self.app.push_screen(MembershipReviewScreen(row.id), self._reload)

    def action_resend(self) -> None:
        """« Renvoyer le mail d'activation » for the ticked (or current) rows' accounts."""
        table = self.query_one(PagedTable)
        ids = table.chosen_ids()
        rows = [table.rows.get(i) for i in ids]
        user_ids = list(
            dict.fromkeys(
                row.user_id if row is not None else self._user_of(i)
                for row, i in zip(rows, ids, strict=True)
            )
        )
        if not user_ids:
            return
        from chorus_tui.ui.dialogs.account import ConfirmDialog

        t = self.t

        def confirmed(ok: bool | None) -> None:
            if not ok:
                return
            with self.chorus.guard():
                count = user_search.resend_activation(self.chorus.services, self.actor, user_ids)
                self.chorus.notify(t("usearch.resent", count=count), markup=False)
                table.selected.clear()
                self._reload(True)

        self.app.push_screen(
            ConfirmDialog(
                t("usearch.resend.title"),
                t("usearch.resend.message", count=len(user_ids)),
                t("usearch.resend.ok"),
                t("usearch.resend.cancel"),
                window_id="resend-window",
            ),
            confirmed,
        )

    @staticmethod
    def _user_of(membership_id: int) -> int:
        return Membership.get_by_id(membership_id).user_id

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        if self._criteria is None or not self._total:
            return
        criteria = dict(self._criteria)
        user = self.session.user

        def write(path: str) -> int:
            return user_search.export_members(user, criteria, path, language=self.t.language)

        path = dated_path(self, "utilisateurs")
        self.app.push_screen(ExportDialog("usearch", self._total, path, write))

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands = [Command(t("usearch.cmd.search"), t("usearch.cmd.search.help"), self.submit)]
        if self.check_action("export", ()):
            commands.append(
                Command(t("usearch.cmd.export"), t("usearch.cmd.export.help"), self.action_export)
            )
            commands.append(
                Command(t("usearch.cmd.resend"), t("usearch.cmd.resend.help"), self.action_resend)
            )
        return [*commands, *super().palette_commands()]


class UserStructuresDialog(ChorusModal[None]):
    """The user's memberships of the managed structures: structure, rôle, statut."""

    TITLE_KEY = "usearch.structures.title"
    AUTO_FOCUS = "#close"
    CSS_PATH = STYLES / "user_search.tcss"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "usearch.structures.close", id="usearch.structures.close"),
    ]

    def __init__(self, user: Any, memberships: list[Membership]) -> None:
        super().__init__()
        self._user = user
        self._memberships = memberships

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="structures-window", classes="window") as window:
            window.border_title = Text(t("usearch.structures.title"))
            yield Static(
                literal_message(t("usearch.structures.user"), user=person(self._user)),
                id="structures-user",
            )
            with VerticalScroll(id="structures-list"):
                for membership in self._memberships:
                    line = literal(membership.structure.raison_sociale)
                    line.append(" — ")
                    line.append(t(f"memberships.role.short.{membership.role}"))
                    line.append(" — ")
                    line.append(t(f"memberships.status.{membership.status}"))
                    yield Static(line, classes="structure-line")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("usearch.structures.close")), id="close", compact=True)
        yield ChorusFooter()

    def action_close(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)
