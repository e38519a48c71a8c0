"""The « Mes rattachements aux structures » block of Mon Compte (F4): the user's memberships in a
paged table, with every action on them one key away.

:class:`MembershipsBlock` takes no argument: it reads the session's user from the app. Keys (when
the table has the focus): Space ticks a row, Enter « consulter la structure », ``r`` « accéder à
la demande », Suppr/``x`` « Supprimer rattachements » (the ticked rows, or the current one),
``d`` « Demander un rattachement »; ``n``/``p``/``l`` page as in every paged table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from chorus_tui.domain import memberships, structures
from chorus_tui.domain.errors import Conflict
from chorus_tui.i18n import Translator, has_message
from chorus_tui.models import Membership
from chorus_tui.ui.commands import Command
from chorus_tui.ui.widgets.app_access import SessionAccess
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable, PageTable
from chorus_tui.ui.widgets.section import section

if TYPE_CHECKING:
    from chorus_tui.domain.memberships import RemovalLine

# Sized so that the table, with its tick column and border, fits an 80-column terminal; the
# headers take two lines (« Identifiant / structure ») and a long désignation wraps.
COLUMNS = (
    Column("identifier", "memberships.column.identifier", 14),
    Column("designation", "memberships.column.designation", 19),
    Column("role", "memberships.column.role", 16),
    Column("status", "memberships.column.status", 10),
)


def role_label(t: Translator, role: str, *, short: bool = False) -> str:
    key = f"memberships.role.short.{role}" if short else f"code.{role}"
    return t(key)


def status_label(t: Translator, status: str, *, short: bool = False) -> str:
    """A membership status; the table uses the short form where one exists."""
    key = f"memberships.status.short.{status}"
    if short and has_message(key):
        return t(key)
    return t(f"memberships.status.{status}")


class MembershipsTable(PagedTable):
    """The paged table of the block, with two-line headers."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, PageTable):
                widget.header_height = 2
            yield widget


class MembershipsBlock(SessionAccess, Vertical):
    """« Mes rattachements aux structures »: Identifiant structure, Désignation, Rôle, Statut,
    a tick column for the multi-selection, the pager line and a line of keys."""

    DEFAULT_CSS = """
    MembershipsBlock {
        height: auto;
        .memberships-hint { color: $text-muted; width: 1fr; }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding(
            "enter",
            "consult",
            "memberships.key.consult",
            show=False,
            id="memberships.consult",
        ),
        Binding("r", "request", "memberships.key.request", id="memberships.request"),
        Binding("delete", "remove", "memberships.key.remove", id="memberships.remove"),
        Binding("x", "remove", "memberships.key.remove", show=False, id="memberships.remove_x"),
        Binding("d", "ask", "memberships.key.ask", id="memberships.ask"),
    ]

    def __init__(
        self, *, jump_key: str = "", id: str | None = "memberships", classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.jump_key = jump_key

    def compose(self) -> ComposeResult:
        t = self.t
        yield section(t("memberships.title"), self.jump_key)
        yield MembershipsTable(
            COLUMNS,
            lambda size, offset: memberships.my_memberships(self.user, size=size, offset=offset),
            self._cells,
            empty_key="memberships.empty",
            row_height=None,
            id="memberships-list",
        )
        yield Static(Text(t("memberships.hint")), classes="memberships-hint")

    @property
    def table(self) -> MembershipsTable:
        return self.query_one(MembershipsTable)

    def _cells(self, membership: Membership) -> list[Text]:
        t = self.t
        structure = membership.structure
        return [
            literal(structure.identifier),
            literal(structure.raison_sociale),
            Text(role_label(t, membership.role, short=True)),
            Text(status_label(t, membership.status, short=True)),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"consult", "request", "remove"}:
            return self.table.current_id() is not None
        return True

    # -- actions ----------------------------------------------------------------------------

    @on(PagedTable.Activated, "#memberships-list")
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.action_consult()

    def action_consult(self) -> None:
        """« Consulter la structure »: its fields and services, read-only."""
        from chorus_tui.ui.dialogs.memberships import StructureDialog

        membership = self.table.current_row()
        if membership is None:
            return
        with self.chorus.guard():
            structure = structures.get_structure(membership.structure_id)
            services = structures.active_services(structure)
            self.app.push_screen(StructureDialog(structure, services))

    def action_request(self) -> None:
        """« Accéder à la demande »: the membership request and its services."""
        from chorus_tui.ui.dialogs.memberships import MembershipDialog

        current = self.table.current_id()
        if current is None:
            return
        with self.chorus.guard():
            membership = memberships.my_membership(self.user, current)
            lines = memberships.membership_services(membership)
            self.app.push_screen(MembershipDialog(membership, lines))

    def action_remove(self) -> None:
        """« Supprimer rattachements »: the ticked rows, or the current one, after the
        confirmation window (and the successor step where the user is principal manager)."""
        from chorus_tui.ui.dialogs.memberships import removal_dialog

        ids = self.table.chosen_ids()
        if not ids:
            return
        with self.chorus.guard():
            try:
                plan = memberships.removal_plan(self.user, ids)
            except Conflict as error:
                self._gone(error)
                return
            dialog = removal_dialog(self.t, plan)
            self.app.push_screen(dialog, lambda ok: self._confirmed(plan, ok))

    def _confirmed(self, plan: list[RemovalLine], confirmed: bool | None) -> None:
        from chorus_tui.ui.dialogs.memberships import SuccessorDialog

        if not confirmed:
            return
        if any(line.needs_successor for line in plan):
            self.app.push_screen(SuccessorDialog(self.user, plan), self._removed)
            return
        ids = [line.membership.id for line in plan]
        with self.chorus.guard():
            try:
                count = memberships.remove_memberships(self.chorus.services, self.user, ids)
            except Conflict as error:
                self._gone(error)
                return
            self._removed(count)

    def _removed(self, count: int | None) -> None:
        """After the removal (``count`` lines; 0 after a conflict) or a cancelled successor
        step (None)."""
        table = self.table
        if count is not None:
            table.selected.clear()
        if count:
            self.chorus.notify(self.t("memberships.removed", count=count), markup=False)
        table.reload()

    def _gone(self, error: Conflict) -> None:
        """A membership changed meanwhile: say so and show the list as it is now."""
        self.chorus.show_error(error)
        self.table.selected.clear()
        self.table.reload()

    def action_ask(self) -> None:
        """« Demander un rattachement »: the structure search."""
        from chorus_tui.ui.screens.structure_search import StructureSearchScreen

        self.app.push_screen(StructureSearchScreen(), lambda _: self.table.reload())

    def palette_commands(self) -> list[Command]:
        """Palette entries for the screen that holds the block (« Rattachements : … »)."""
        t = self.t
        commands = [
            Command(t("memberships.cmd.ask"), t("memberships.cmd.ask.help"), self.action_ask)
        ]
        if self.table.current_id() is not None:
            commands.append(
                Command(
                    t("memberships.cmd.remove"),
                    t("memberships.cmd.remove.help"),
                    self.action_remove,
                )
            )
        return commands
