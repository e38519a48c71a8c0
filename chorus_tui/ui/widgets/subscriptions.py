"""« Mes abonnements aux espaces » (F5) in Mon Compte: the user's live subscriptions in a paged
table, deleting lines after a confirmation, and « Ajouter un abonnement ».

:class:`SubscriptionsBlock` takes no argument: it reads the session's user from the app. Keys,
when its table has the focus: Space ticks a row, Suppr/``x`` deletes the ticked rows (or the
current one) after a confirmation window that lists them, ``a`` opens « Ajouter un abonnement »
and reloads afterwards; ``n``/``p``/``l`` page as every table. The table is wider than 80
columns: the first columns are always readable, ←/→ scroll to the others, and the line under the
table spells out the current row in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Static

from chorus_tui.domain import subscriptions
from chorus_tui.domain.errors import Conflict
from chorus_tui.domain.paging import Page
from chorus_tui.i18n import Translator
from chorus_tui.models import Subscription
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.widgets.app_access import SessionAccess
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable
from chorus_tui.ui.widgets.section import section

STYLES = Path(__file__).parent.parent / "styles"
MAX_LISTED = 8
"""Lines listed in the delete confirmation; more are summed up by « … (+n) »."""

# Sized for Mon Compte at 80 columns: the tick, the identifier, the désignation, the service
# and the space fill the visible width; the habilitation and the status follow (←/→), and the
# line under the table gives the current row in full.
COLUMNS = (
    Column("identifier", "subscriptions.column.identifier", 14),
    Column("designation", "subscriptions.column.designation", 17),
    Column("service", "subscriptions.column.service", 7),
    Column("space", "subscriptions.column.space", 21),
    Column("habilitation", "subscriptions.column.habilitation", 12),
    Column("status", "subscriptions.column.status", 22),
)


def space_name(t: Translator, code: str) -> str:
    return t(f"space.{code}")


def habilitation_label(t: Translator, code: str) -> str:
    return t(f"subscriptions.habilitation.{code}")


def status_label(t: Translator, code: str) -> str:
    return t(f"subscriptions.status.{code}")


def subscription_cells(t: Translator, row: Subscription) -> list[Text]:
    service = row.service
    return [
        literal(row.structure.identifier),
        literal(row.structure.raison_sociale),
        literal(service.code if service is not None else ""),
        Text(space_name(t, row.space.code)),
        Text(habilitation_label(t, row.habilitation)),
        Text(status_label(t, row.status)),
    ]


def describe(t: Translator, row: Subscription) -> Text:
    """One row in full: « Mairie de Terneuil sur Seine · URBA Urbanisme · Factures à valider ·
    Modification · En cours de validation »."""
    service = row.service
    scope = (
        literal(f"{service.code} {service.libelle}")
        if service is not None
        else Text(t("subscriptions.whole_structure"))
    )
    text = Text()
    for index, part in enumerate(
        (
            literal(row.structure.raison_sociale),
            scope,
            Text(space_name(t, row.space.code)),
            Text(habilitation_label(t, row.habilitation)),
            Text(status_label(t, row.status)),
        )
    ):
        if index:
            text.append(" · ")
        text.append_text(part)
    return text


class DeleteSubscriptionsDialog(ConfirmDialog):
    """« Supprimer abonnements »: the lines about to end, « OK » or « Annuler » (the focus
    starts on « Annuler »: Enter alone deletes nothing)."""

    CSS_PATH = STYLES / "subscriptions.tcss"
    TITLE_KEY = "subscriptions.delete.title"

    def __init__(self, t: Translator, rows: Sequence[Subscription]) -> None:
        table = Table(box=None, padding=(0, 1, 0, 0), expand=True, show_edge=False)
        table.add_column(Text(t("subscriptions.column.identifier")), no_wrap=True)
        table.add_column(Text(t("subscriptions.column.designation")), ratio=1)
        table.add_column(Text(t("subscriptions.column.service")), no_wrap=True)
        table.add_column(Text(t("subscriptions.column.space")), ratio=1)
        table.add_column(Text(t("subscriptions.column.habilitation")), no_wrap=True)
        for row in rows[:MAX_LISTED]:
            cells = subscription_cells(t, row)
            table.add_row(*cells[:5])
        body: Table | Text = table
        if len(rows) > MAX_LISTED:
            body = Table.grid()
            body.add_row(table)
            body.add_row(Text(f"… (+{len(rows) - MAX_LISTED})"))
        super().__init__(
            t("subscriptions.delete.title"),
            t("subscriptions.delete.message"),
            t("subscriptions.delete.ok"),
            t("subscriptions.delete.cancel"),
            body=body,
            note=t("subscriptions.delete.note"),
            safe_default=True,
            window_id="subscriptions-delete-window",
        )


class SubscriptionsBlock(SessionAccess, Vertical):
    """« Mes abonnements aux espaces »: the table, its pager line, the current row in full, the
    keys, and the buttons « Supprimer abonnements » and « Ajouter un abonnement »."""

    DEFAULT_CSS = """
    SubscriptionsBlock {
        height: auto;
        .subscriptions-current { color: $text; height: auto; }
        .subscriptions-hint { color: $text-muted; height: auto; }
        .subscriptions-buttons {
            height: auto;
            margin: 1 0 0 0;
            Button { margin-right: 2; }
        }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("delete", "delete", "subscriptions.key.delete", id="subscriptions.delete"),
        Binding("a", "add", "subscriptions.key.add", id="subscriptions.add"),
        Binding("x", "delete", "subscriptions.key.delete", show=False, id="subscriptions.delete_x"),
    ]

    def __init__(
        self,
        *,
        jump_key: str = "",
        id: str | None = "subscriptions-block",
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.jump_key = jump_key

    @property
    def table(self) -> PagedTable:
        return self.query_one("#subscriptions", PagedTable)

    def compose(self) -> ComposeResult:
        t = self.t
        yield section(t("subscriptions.title"), self.jump_key)
        yield PagedTable(
            COLUMNS,
            self._load,
            lambda row: subscription_cells(self.t, row),
            empty_key="subscriptions.empty",
            id="subscriptions",
        )
        yield Static(Text(""), classes="subscriptions-current")
        yield Static(Text(t("subscriptions.hint")), classes="subscriptions-hint")
        with Horizontal(classes="subscriptions-buttons"):
            yield Button(Text(t("subscriptions.delete")), id="subscriptions-delete", compact=True)
            yield Button(Text(t("subscriptions.add")), id="subscriptions-add", compact=True)

    def _load(self, size: int, offset: int) -> Page:
        return subscriptions.my_subscriptions(self.user, size=size, offset=offset)

    # -- the current row in full ----------------------------------------------------------

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        if not event.page.total:
            self.table.selected.clear()
        self._show_current()

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_current()

    def _show_current(self) -> None:
        row = self.table.current_row()
        text = describe(self.t, row) if row is not None else Text("")
        current = self.query_one(".subscriptions-current", Static)
        current.update(text)
        current.display = row is not None

    # -- actions ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return self.table.current_id() is not None
        return True

    def action_delete(self) -> None:
        self.delete_chosen()

    def action_add(self) -> None:
        self.add_subscription()

    @on(Button.Pressed, "#subscriptions-delete")
    def _delete_pressed(self) -> None:
        self.delete_chosen()

    @on(Button.Pressed, "#subscriptions-add")
    def _add_pressed(self) -> None:
        self.add_subscription()

    def delete_chosen(self) -> None:
        """Ask, listing the lines, then end the ticked lines (or the current one)."""
        table = self.table
        ids = table.chosen_ids()
        if not ids:
            self.chorus.notify(self.t("subscriptions.delete.none"), markup=False)
            return
        wanted = set(ids)
        with self.chorus.guard():
            # A user holds a few dozen lines at most: the ticked ones of every page, in order.
            live = subscriptions.my_subscriptions_query(self.user)
            rows = [row for row in live if int(row.id) in wanted]
            if len(rows) != len(wanted):
                self._gone(Conflict("subscription_gone"))
                return
            self.app.push_screen(
                DeleteSubscriptionsDialog(self.t, rows),
                lambda confirmed: self._delete(ids, confirmed),
            )

    def _delete(self, ids: list[int], confirmed: bool | None) -> None:
        if not confirmed:
            return
        with self.chorus.guard():
            try:
                count = subscriptions.delete_subscriptions(self.chorus.services, self.user, ids)
            except Conflict as error:
                self._gone(error)
                return
            table = self.table
            table.selected -= set(ids)
            self.chorus.notify(self.t("subscriptions.deleted", count=count), markup=False)
            table.reload()

    def _gone(self, error: Conflict) -> None:
        """Some lines ended meanwhile: show what is live now, and say so."""
        table = self.table
        live = {int(row.id) for row in subscriptions.my_subscriptions_query(self.user)}
        table.selected &= live
        table.reload()
        self.chorus.notify(self.chorus.error_text(error), severity="warning", markup=False)

    def add_subscription(self) -> None:
        from chorus_tui.ui.screens.subscription_add import SubscriptionAddScreen

        self.app.push_screen(SubscriptionAddScreen(), self._after_add)

    def _after_add(self, added: object) -> None:
        if added:
            self.refresh_subscriptions()

    def refresh_subscriptions(self) -> None:
        self.table.reload()

    def palette_commands(self) -> list[Command]:
        """Palette entries for the screen that holds the block (« Abonnements : … »)."""
        t = self.t
        commands = [
            Command(
                t("subscriptions.cmd.add"), t("subscriptions.cmd.add.help"), self.add_subscription
            )
        ]
        if self.table.current_id() is not None:
            commands.append(
                Command(
                    t("subscriptions.cmd.delete"),
                    t("subscriptions.cmd.delete.help"),
                    self.delete_chosen,
                )
            )
        return commands
