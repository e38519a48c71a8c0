"""« Les demandes de rattachement » of « Activités du gestionnaire » (M1): the pending membership
requests of the structures the manager decides for, in a paged table.

Keys (when the table has the focus): Space ticks a row, Enter opens the request (M2), ``v``
validates the ticked rows (or the current one) with the role « Utilisateur simple » and the
services asked, ``x``/Suppr refuses them after the motif window (M3); both run in the bulk
window (X7). After any change the table reloads and the ticks go.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from chorus_tui.domain import membership_requests
from chorus_tui.models import Membership
from chorus_tui.ui.commands import Command
from chorus_tui.ui.widgets.app_access import SessionAccess
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.memberships import MembershipsTable
from chorus_tui.ui.widgets.paged_table import Column, PagedTable
from chorus_tui.ui.widgets.section import section

# With the tick column and the border, the table fits an 80-column terminal; the headers take
# two lines and long names wrap.
COLUMNS = (
    Column("requester", "mrequests.column.requester", 16),
    Column("identifier", "mrequests.column.identifier", 14),
    Column("designation", "mrequests.column.designation", 15),
    Column("services", "mrequests.column.services", 14),
)


def requester_name(membership: Membership) -> str:
    user = membership.user
    return user.formal_name


class MembershipRequestsBlock(SessionAccess, Vertical):
    """Demandeur (NOM Prénom), Identifiant structure, Raison sociale, Services, with the tick
    column, the pager line and a line of keys."""

    DEFAULT_CSS = """
    MembershipRequestsBlock {
        height: auto;
        .mrequests-hint { color: $text-muted; width: 1fr; }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "open", "mrequests.key.open", show=False, id="mrequests.open"),
        Binding("v", "validate", "mrequests.key.validate", id="mrequests.validate"),
        Binding("x", "refuse", "mrequests.key.refuse", id="mrequests.refuse"),
        Binding("delete", "refuse", "mrequests.key.refuse", show=False, id="mrequests.refuse_del"),
    ]

    class Changed(Message):
        """Requests were decided: the synthèse's counts are to be shown again."""

    def __init__(
        self, *, jump_key: str = "", id: str | None = "membership-requests", classes: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes or None)
        self.jump_key = jump_key

    def compose(self) -> ComposeResult:
        t = self.t
        yield section(t("mrequests.title"), self.jump_key)
        yield MembershipsTable(
            COLUMNS,
            lambda size, offset: membership_requests.pending_memberships(
                self.user, size=size, offset=offset
            ),
            self._cells,
            empty_key="mrequests.empty",
            row_height=None,
            id="mrequests-list",
        )
        yield Static(Text(t("mrequests.hint")), classes="mrequests-hint")

    @property
    def table(self) -> MembershipsTable:
        return self.query_one(MembershipsTable)

    def _cells(self, membership: Membership) -> list[Text]:
        structure = membership.structure
        codes = getattr(membership, "service_codes", [])
        services = literal(", ".join(codes)) if codes else Text(self.t("mrequests.whole"))
        return [
            literal(requester_name(membership)),
            literal(structure.identifier),
            literal(structure.raison_sociale),
            services,
        ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"open", "validate", "refuse"}:
            return bool(self.table.chosen_ids())
        return True

    # -- actions ----------------------------------------------------------------------------

    @on(PagedTable.Activated, "#mrequests-list")
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        """« Accéder à la demande » (M2); back here, the list is reloaded when it changed."""
        from chorus_tui.ui.screens.membership_review import MembershipReviewScreen

        current = self.table.current_id()
        if current is None:
            return
        with self.chorus.guard():
            request = membership_requests.membership_request(self.user, current)
            self.app.push_screen(
                MembershipReviewScreen(current, request=request), self._after_review
            )

    def _after_review(self, changed: object) -> None:
        if changed:
            self.refresh_list()

    def action_validate(self) -> None:
        """« Valider » the ticked rows (or the current one), after one question."""
        from chorus_tui.ui.dialogs.account import ConfirmDialog

        ids = self.table.chosen_ids()
        if not ids:
            return
        t = self.t
        dialog = ConfirmDialog(
            t("mrequests.confirm.title"),
            t("mrequests.confirm.message", count=len(ids)),
            t("mrequests.confirm.ok"),
            t("account.cancel"),
            window_id="mrequests-confirm",
        )
        self.app.push_screen(dialog, lambda ok: self._validate(ids) if ok else None)

    def _validate(self, ids: list[int]) -> None:
        from chorus_tui.ui.dialogs.bulk import BulkDialog

        services, actor = self.chorus.services, self.user

        def operation(membership_id: int) -> object:
            return membership_requests.validate_membership(services, actor, membership_id)

        dialog = BulkDialog(self.t("mrequests.bulk.validate"), ids, operation)
        self.app.push_screen(dialog, lambda _: self.refresh_list())

    def action_refuse(self) -> None:
        """« Refuser »: the motif window (M3); one request is refused by the window itself,
        several by the bulk window with the motif typed once."""
        from chorus_tui.ui.dialogs.membership_refusal import (
            MembershipRefusalDialog,
            line_of_request,
            lines_of,
        )

        ids = self.table.chosen_ids()
        if not ids:
            return
        actor = self.user
        with self.chorus.guard():
            if len(ids) == 1:
                request = membership_requests.membership_request(actor, ids[0])
                dialog = MembershipRefusalDialog(
                    [line_of_request(request)],
                    actor,
                    membership_id=ids[0],
                    expected_version=request.membership.version,
                )
                self.app.push_screen(dialog, lambda done: self.refresh_list() if done else None)
                return
            lines = lines_of(actor, ids)
            if not lines:  # all processed meanwhile
                self.refresh_list()
                return
            dialog = MembershipRefusalDialog(lines, actor)
            self.app.push_screen(dialog, lambda motif: self._refuse(ids, motif))

    def _refuse(self, ids: list[int], motif: object) -> None:
        from chorus_tui.ui.dialogs.bulk import BulkDialog

        if not isinstance(motif, str):
            return
        services, actor = self.chorus.services, self.user

        def operation(membership_id: int) -> object:
            return membership_requests.refuse_membership(services, actor, membership_id, motif)

        dialog = BulkDialog(self.t("mrequests.bulk.refuse"), ids, operation)
        self.app.push_screen(dialog, lambda _: self.refresh_list())

    def refresh_list(self) -> None:
        """After a decision: the ticks go, the page is loaded again, the synthèse is told."""
        table = self.table
        table.selected.clear()
        table.reload()
        self.post_message(self.Changed())

    def palette_commands(self) -> list[Command]:
        """Palette entries for the screen that holds the block."""
        t = self.t
        if not self.table.chosen_ids():
            return []
        commands = []
        if self.table.current_id() is not None:
            commands.append(
                Command(t("mrequests.cmd.open"), t("mrequests.cmd.open.help"), self.action_open)
            )
        commands += [
            Command(
                t("mrequests.cmd.validate"),
                t("mrequests.cmd.validate.help"),
                self.action_validate,
            ),
            Command(t("mrequests.cmd.refuse"), t("mrequests.cmd.refuse.help"), self.action_refuse),
        ]
        return commands
