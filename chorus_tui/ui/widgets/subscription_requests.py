"""« Les demandes d'abonnement aux espaces » of « Activités du gestionnaire » (M4): the pending
subscription requests of the structures the user decides for, in a paged table.

:class:`SubscriptionRequestsBlock` takes no argument: it reads the session's user from the app.
Keys, when its table has the focus: Space ticks a row, Enter opens the request (M5), ``v``
validates the ticked requests (or the current one) as asked, ``x``/Suppr refuses them after the
refusal window (M6, one motif for all); ``n``/``p``/``l`` page as every table. Several requests
are processed in :class:`~chorus_tui.ui.dialogs.bulk.BulkDialog` (one transaction each); the table
is reloaded and the ticks cleared after any change.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from chorus_tui.domain import subscription_requests as requests
from chorus_tui.domain.bulk import BulkOutcome
from chorus_tui.domain.subscription_requests import PendingSubscriptionRequest
from chorus_tui.i18n import Translator
from chorus_tui.models import User
from chorus_tui.ui.commands import Command
from chorus_tui.ui.widgets.app_access import SessionAccess
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.paged_table import Column, PagedTable, PageTable
from chorus_tui.ui.widgets.section import section

# With the tick column (3) and the table's border, the four columns fit 80 columns; the headers
# take two lines (« Identifiant / structure ») and long names wrap.
COLUMNS = (
    Column("requester", "srequests.column.requester", 16),
    Column("identifier", "srequests.column.identifier", 14),
    Column("designation", "srequests.column.designation", 16),
    Column("spaces", "srequests.column.spaces", 18),
)


def person_name(user: User) -> str:
    """« BON Julie »: the name in capitals, then the first name."""
    return f"{(user.nom or '').upper()} {user.prenom or ''}".strip()


def spaces_label(t: Translator, codes: list[str]) -> str:
    return ", ".join(t(f"space.{code}") for code in codes)


class SubscriptionRequestsTable(PagedTable):
    """The paged table of the block, with two-line headers."""

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, PageTable):
                widget.header_height = 2
            yield widget


class SubscriptionRequestsBlock(SessionAccess, Vertical):
    """« Les demandes d'abonnement aux espaces »: Demandeur, Identifiant structure, Raison
    sociale, Espaces, a tick column, the pager line and a line of keys."""

    DEFAULT_CSS = """
    SubscriptionRequestsBlock {
        height: auto;
        .srequests-hint { color: $text-muted; width: 1fr; }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "open", "srequests.key.open", show=False, id="srequests.open"),
        Binding("v", "validate", "srequests.key.validate", id="srequests.validate"),
        Binding("x", "refuse", "srequests.key.refuse", id="srequests.refuse"),
        Binding("delete", "refuse", "srequests.key.refuse", show=False, id="srequests.refuse_del"),
    ]

    def __init__(
        self,
        *,
        jump_key: str = "",
        id: str | None = "subscription-requests",
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.jump_key = jump_key

    def compose(self) -> ComposeResult:
        t = self.t
        yield section(t("srequests.title"), self.jump_key)
        yield SubscriptionRequestsTable(
            COLUMNS,
            lambda size, offset: requests.pending_subscription_requests(
                self.user, size=size, offset=offset
            ),
            self._cells,
            empty_key="srequests.empty",
            row_height=None,
            id="subscription-requests-list",
        )
        yield Static(Text(t("srequests.hint")), classes="srequests-hint")

    @property
    def table(self) -> SubscriptionRequestsTable:
        return self.query_one(SubscriptionRequestsTable)

    def _cells(self, row: PendingSubscriptionRequest) -> list[Text]:
        return [
            literal(person_name(row.requester)),
            literal(row.structure.identifier),
            literal(row.structure.raison_sociale),
            Text(spaces_label(self.t, row.spaces)),
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"open", "validate", "refuse"}:
            return self.table.current_id() is not None
        return True

    # -- actions ----------------------------------------------------------------------------

    @on(PagedTable.Activated, "#subscription-requests-list")
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """Enter: « Abonnement d'un utilisateur aux espaces » (M5)."""
        from chorus_tui.ui.screens.subscription_review import SubscriptionReviewScreen

        current = self.table.current_id()
        if current is None:
            return
        self.app.push_screen(SubscriptionReviewScreen(current), self._changed)

    def action_validate(self) -> None:
        """``v``: the ticked requests (or the current one), each line as asked, scope USER."""
        from chorus_tui.ui.dialogs.bulk import BulkDialog

        ids = self.table.chosen_ids()
        if not ids:
            return
        services, user = self.chorus.services, self.user

        def operation(request_id: int) -> object:
            return requests.validate_subscription_request(services, user, request_id)

        self.app.push_screen(
            BulkDialog(
                self.t("srequests.bulk.validate"),
                ids,
                operation,
                done_key="srequests.bulk.validated",
            ),
            self._changed,
        )

    def action_refuse(self) -> None:
        """``x``/Suppr: the refusal window (M6), then the refusal of every chosen request."""
        from chorus_tui.ui.dialogs.subscription_refusal import SubscriptionRefusalDialog

        ids = self.table.chosen_ids()
        if not ids:
            return
        self.app.push_screen(
            SubscriptionRefusalDialog(ids), lambda result: self._refused(ids, result)
        )

    def _refused(self, ids: list[int], result: bool | str | None) -> None:
        """``result``: True (the one request was refused), False (it was processed meanwhile),
        the motif (several requests: refuse them now), None (cancelled)."""
        from chorus_tui.ui.dialogs.bulk import BulkDialog

        if result is None:
            return
        if not isinstance(result, str):
            self.table.clear_selection()
            return
        services, user, motif = self.chorus.services, self.user, result

        def operation(request_id: int) -> object:
            return requests.refuse_subscription_request(services, user, request_id, motif)

        self.app.push_screen(
            BulkDialog(
                self.t("srequests.bulk.refuse"), ids, operation, done_key="srequests.bulk.refused"
            ),
            self._changed,
        )

    def _changed(self, result: bool | BulkOutcome | None) -> None:
        """After M5, M6 or a bulk run: the list as it is now, without ticks."""
        if result:
            self.table.clear_selection()
        else:
            self.table.reload()

    def palette_commands(self) -> list[Command]:
        """Palette entries for the screen that holds the block (« Demandes d'abonnement : … »)."""
        t = self.t
        if self.table.current_id() is None:
            return []
        return [
            Command(t("srequests.cmd.open"), t("srequests.cmd.open.help"), self.action_open),
            Command(
                t("srequests.cmd.validate"),
                t("srequests.cmd.validate.help"),
                self.action_validate,
            ),
            Command(t("srequests.cmd.refuse"), t("srequests.cmd.refuse.help"), self.action_refuse),
        ]
