"""« Confirmation du refus de la demande d'abonnement » (M6): the lines concerned (Demandeur,
Structure, Espace), « Refus par le gestionnaire NOM Prénom », and the motif (required, ≤ 255,
with a live counter); « Annuler » / « Valider ».

For one request the window refuses it itself and dismisses True (False when another operator
processed it meanwhile: the caller reloads). For several it checks the motif and dismisses it:
the caller refuses them in a :class:`~chorus_tui.ui.dialogs.bulk.BulkDialog`. Esc or « Annuler »
dismisses None."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from chorus_tui.domain import subscription_requests as requests
from chorus_tui.domain.errors import Conflict, DomainError, NotFound, ValidationError
from chorus_tui.domain.membership_requests import MOTIF_MAX_LENGTH, check_motif
from chorus_tui.domain.subscription_requests import SubscriptionRequest
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message, sanitize
from chorus_tui.ui.widgets.subscription_requests import person_name

STYLES = Path(__file__).parent.parent / "styles"
MAX_LOADED = 8
"""Requests read to fill the table of the window; the others are counted."""
MAX_LISTED = 5
"""Lines listed in the window, as the guide's « 5 lignes par page »; more are summed up."""


class SubscriptionRefusalDialog(FormBase, ChorusModal[bool | str]):
    """``request_ids``: the requests to refuse. ``expected_ids``: for one request, the lines the
    manager saw (M5); by default those the window shows."""

    CSS_PATH = STYLES / "srequests.tcss"
    TITLE_KEY = "srequests.refusal.title"
    FIELDS: ClassVar[tuple[str, ...]] = ("motif",)
    AUTO_FOCUS = "#motif"

    def __init__(
        self, request_ids: Sequence[int], *, expected_ids: Sequence[int] | None = None
    ) -> None:
        super().__init__()
        self._ids = list(request_ids)
        self._expected = list(expected_ids) if expected_ids is not None else None
        self._requests: list[SubscriptionRequest] = []
        self._gone: DomainError | None = None

    @property
    def single(self) -> bool:
        return len(self._ids) == 1

    def _load(self) -> None:
        user = self.chorus.session.user
        for request_id in self._ids[:MAX_LOADED]:
            try:
                self._requests.append(requests.subscription_request(user, request_id))
            except DomainError as error:
                if self.single:
                    self._gone = error

    def compose(self) -> ComposeResult:
        t = self.t
        if not self._requests and self._gone is None:
            with self.chorus.guard():
                self._load()
        manager = self.chorus.session.user
        with Vertical(id="refusal-window", classes="window") as window:
            window.border_title = Text(t("srequests.refusal.title"))
            with VerticalScroll(classes="refusal-body"):
                yield self._lines()
                yield Static(Text(t("srequests.refusal.message")), classes="refusal-message")
                yield Static(
                    literal_message(t("srequests.refusal.by"), name=person_name(manager)),
                    id="refusal-by",
                )
                yield Notice(id="form-notice")
                yield FormField(
                    t("srequests.refusal.motif"),
                    TextField(id="motif"),
                    hint=t("srequests.refusal.counter", count=0, max=MOTIF_MAX_LENGTH),
                    classes="-inline",
                )
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("srequests.refusal.cancel")), id="cancel", compact=True)
                yield Button(
                    Text(t("srequests.refusal.validate")),
                    id="submit",
                    variant="primary",
                    compact=True,
                )
        yield ChorusFooter()

    def _lines(self) -> Vertical:
        """Demandeur / Structure / Espace, one row per space of each request."""
        t = self.t
        header = Horizontal(
            *(
                Label(Text(t(f"srequests.refusal.col.{name}")), classes="refusal-cell")
                for name in ("requester", "structure", "space")
            ),
            classes="refusal-row refusal-header",
        )
        rows: list[Horizontal] = []
        for request in self._requests:
            for code in dict.fromkeys(line.space.code for line in request.lines):
                rows.append(
                    Horizontal(
                        Static(literal(person_name(request.requester)), classes="refusal-cell"),
                        Static(literal(request.structure.raison_sociale), classes="refusal-cell"),
                        Static(Text(t(f"space.{code}")), classes="refusal-cell"),
                        classes="refusal-row",
                    )
                )
        shown = rows[:MAX_LISTED]
        more = len(rows) - MAX_LISTED + max(0, len(self._ids) - MAX_LOADED)
        if more > 0:
            shown.append(
                Horizontal(
                    Static(Text(t("srequests.refusal.more", count=more)), classes="refusal-more"),
                    classes="refusal-row",
                )
            )
        return Vertical(header, *shown, id="refusal-lines")

    def on_mount(self) -> None:
        # Textual runs FormBase.on_mount as well (it shows the errors).
        self._count()
        if self._gone is not None:
            self.chorus.show_error(self._gone)
            self.dismiss(False)

    @on(Input.Changed, "#motif")
    def _count(self) -> None:
        length = len(self.query_one("#motif", Input).value)
        hint = self.query_one("#field-motif .field-hint", Static)
        hint.update(Text(self.t("srequests.refusal.counter", count=length, max=MOTIF_MAX_LENGTH)))
        hint.set_class(length > MOTIF_MAX_LENGTH, "-over")

    async def refresh_texts(self) -> None:
        await super().refresh_texts()
        self._count()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        motif = self.query_one("#motif", Input).value
        if not self.single:
            try:
                self.dismiss(check_motif(motif))
            except ValidationError as error:
                self.show_validation(error)
            return
        request_id = self._ids[0]
        expected = self._expected
        if expected is None:
            expected = [line.id for request in self._requests for line in request.lines]
        with self.chorus.guard():
            try:
                requests.refuse_subscription_request(
                    self.chorus.services,
                    self.chorus.session.user,
                    request_id,
                    motif,
                    expected_ids=expected,
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound) as error:
                self.chorus.show_error(error)
                self.dismiss(False)
                return
            name = sanitize(person_name(self._requests[0].requester)) if self._requests else ""
            self.chorus.notify(self.t("srequests.refused", name=name), markup=False)
            self.dismiss(True)
