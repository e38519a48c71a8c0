"""M3 « Confirmation du refus de la demande de rattachement »: who and which services are refused,
« Refus par le gestionnaire NOM Prénom », the motif (required, ≤ 255) with a live counter.

For one request the window refuses it itself (errors under the motif) and dismisses True (also
after a conflict, once said: the caller reloads). For several it checks the motif and dismisses
it; the caller runs the bulk refusal. None: cancelled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from chorus_tui.domain import membership_requests
from chorus_tui.domain.errors import Conflict, NotFound, ValidationError
from chorus_tui.domain.membership_requests import MOTIF_MAX_LENGTH, MembershipRequest
from chorus_tui.models import Membership, User
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message, sanitize

STYLES = Path(__file__).parent.parent / "styles"
SHOWN_LINES = 20
"""Lines of a bulk refusal listed in the window; the others are counted."""


def person(user: User) -> str:
    """« NOM Prénom », as the guide names requesters and managers."""
    return user.formal_name


@dataclass(frozen=True)
class RefusalLine:
    """One request as the window names it: the requester, the structure, the services asked
    (empty: the whole structure)."""

    requester: str
    structure: str
    services: list[str] = field(default_factory=list)


def line_of_request(request: MembershipRequest) -> RefusalLine:
    """The line of a request read in full (M2): its services with their names."""
    services = [
        f"{item.service.code} – {item.service.libelle}" for item in request.services if item.checked
    ]
    if request.membership.whole_structure:
        services = []
    return RefusalLine(person(request.requester), request.structure.raison_sociale, services)


def lines_of(actor: User, ids: Sequence[int]) -> list[RefusalLine]:
    """The lines of the pending requests ``ids`` that ``actor`` decides for (one query, plus
    one for the service codes)."""
    rows = list(
        membership_requests.pending_memberships_query(actor).where(Membership.id.in_(list(ids)))
    )
    codes = membership_requests.requested_codes([row.id for row in rows])
    return [
        RefusalLine(person(row.user), row.structure.raison_sociale, codes.get(row.id, []))
        for row in rows
    ]


class MembershipRefusalDialog(FormBase, ChorusModal[object]):
    """The refusal window; Enter in the motif or Ctrl+S validates, Esc cancels."""

    CSS_PATH = STYLES / "manager.tcss"
    TITLE_KEY = "mrequests.refusal.title"
    AUTO_FOCUS = "#motif"
    FIELDS: ClassVar[tuple[str, ...]] = ("motif",)
    SUBMIT_COMMAND = "mrequests.refusal.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "mrequests.refusal.cancel", id="refusal.close"),
    ]

    def __init__(
        self,
        lines: Sequence[RefusalLine],
        manager: User,
        *,
        membership_id: int | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__()
        self._lines = list(lines)
        self._manager = manager
        self._membership_id = membership_id
        self._expected_version = expected_version

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="refusal-window", classes="window") as window:
            window.border_title = Text(t("mrequests.refusal.title"))
            with VerticalScroll(id="refusal-body"):
                yield from self._compose_lines()
            yield Static(
                literal_message(t("mrequests.refusal.by"), manager=person(self._manager)),
                id="refusal-by",
            )
            yield Notice(id="form-notice")
            yield FormField(t("mrequests.refusal.motif"), TextField(id="motif"), classes="-inline")
            with Horizontal(id="motif-info"):
                yield Static(Text(t("mrequests.refusal.limit")), id="motif-limit")
                yield Static(Text(""), id="motif-counter")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("mrequests.refusal.cancel")), id="cancel", compact=True)
                yield Button(
                    Text(t("mrequests.refusal.validate")),
                    id="submit",
                    variant="primary",
                    compact=True,
                )
        yield ChorusFooter()

    def _compose_lines(self) -> ComposeResult:
        t = self.t
        if len(self._lines) == 1:
            line = self._lines[0]
            yield Static(
                literal_message(t("mrequests.refusal.one"), user=line.requester),
                classes="refusal-message",
            )
            yield Static(
                literal_message(t("mrequests.refusal.structure"), structure=line.structure),
                id="refusal-structure",
            )
            yield Static(self._services_text(line), id="refusal-services")
            return
        yield Static(
            Text(t("mrequests.refusal.many", count=len(self._lines))), classes="refusal-message"
        )
        table = Table(box=None, header_style="bold underline", padding=(0, 2, 0, 0), expand=True)
        for header in ("requester", "structure", "services"):
            table.add_column(Text(t(f"mrequests.refusal.col.{header}")), overflow="fold")
        for line in self._lines[:SHOWN_LINES]:
            services = ", ".join(line.services) if line.services else t("mrequests.whole")
            table.add_row(literal(line.requester), literal(line.structure), literal(services))
        yield Static(table, id="refusal-lines")
        if len(self._lines) > SHOWN_LINES:
            yield Static(
                Text(t("mrequests.refusal.more", count=len(self._lines) - SHOWN_LINES)),
                classes="refusal-more",
            )

    def _services_text(self, line: RefusalLine) -> Text:
        t = self.t
        if not line.services:
            return Text(t("mrequests.whole"))
        return literal_message(
            t("mrequests.refusal.services"),
            count=len(line.services),
            services=", ".join(line.services),
        )

    def render_state(self) -> None:
        super().render_state()
        self._show_counter()

    def _show_counter(self) -> None:
        count = len(self.query_one("#motif", Input).value.strip())
        counter = self.query_one("#motif-counter", Static)
        counter.update(Text(self.t("mrequests.refusal.counter", count=count, max=MOTIF_MAX_LENGTH)))
        counter.set_class(count > MOTIF_MAX_LENGTH, "-over")

    @on(Input.Changed, "#motif")
    def _motif_changed(self) -> None:
        self._show_counter()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        motif = self.query_one("#motif", Input).value
        if self._membership_id is None:
            try:
                text = membership_requests.check_motif(motif)
            except ValidationError as error:
                self.show_validation(error)
                return
            self.dismiss(text)
            return
        with self.chorus.guard():
            try:
                membership_requests.refuse_membership(
                    self.chorus.services,
                    self._manager,
                    self._membership_id,
                    motif,
                    expected_version=self._expected_version,
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound) as error:
                self.chorus.show_error(error)
                self.dismiss(True)
                return
            line = self._lines[0]
            self.chorus.notify(
                self.t(
                    "mrequests.refused",
                    user=sanitize(line.requester),
                    structure=sanitize(line.structure),
                ),
                markup=False,
            )
            self.dismiss(True)
