"""« Abonnement d'un utilisateur aux espaces » (M5): one subscription request of a user on a
structure — the Demandeur, the Structure, and « Détails »: one row per requested line (date de la
demande, service or « Toute la structure », espace, commentaires) with the boxes « Consultation »
and « Modification » pre-set from what was asked and editable; the manager's comment (≤ 255, with
a live counter) and the scope « Rattacher les espaces sélectionnés … »; « Annuler », « Valider »
(Ctrl+S), « Refuser » (Ctrl+R, the window M6).

Opened from « Les demandes d'abonnement aux espaces » (Enter); dismisses True when the request
was processed (or found processed by somebody else meanwhile: the list is to be reloaded), False
when left unchanged. A user who may not decide for the structure gets the permission message and
the screen closes."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from chorus_tui.domain import subscription_requests as requests
from chorus_tui.domain.errors import Conflict, DomainError, NotFound, ValidationError
from chorus_tui.domain.subscription_requests import LineDecision, Scope, SubscriptionRequest
from chorus_tui.domain.subscriptions import COMMENT_MAX_LENGTH
from chorus_tui.models import Subscription
from chorus_tui.models.codes import Habilitation
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.memberships import country_name
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.screens.subscription_add import TickBox
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, sanitize
from chorus_tui.ui.widgets.section import section
from chorus_tui.ui.widgets.subscription_requests import person_name

STYLES = Path(__file__).parent.parent / "styles"
KINDS = ("consultation", "modification")


class ScopeButton(RadioButton):
    """A radio button drawn « (•) » / « ( ) »: chosen or not reads the same without colours."""

    def render(self) -> Content:
        mark = "(•)" if self.value else "( )"
        return Content.assemble(mark, " ", self._label)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the sentence takes at this width (« … tous les services
        concernés » wraps at 80 columns)."""
        return max(1, len(self.render().wrap(width)))


def box_id(line_id: int, kind: str) -> str:
    """``line-12-consultation``, ``line-12-modification``."""
    return f"line-{line_id}-{kind}"


def _fields(rows: list[tuple[str, Text]]) -> Table:
    """Two columns: the labels in bold, the values folded when too long."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, style="bold", min_width=18)
    table.add_column(ratio=1, overflow="fold")
    for label, value in rows:
        table.add_row(Text(label), value)
    return table


class SubscriptionReviewScreen(FormScreen):
    """M5 for the request ``request_id`` (the id of its first line)."""

    CSS_PATH = STYLES / "srequests.tcss"
    TITLE_KEY = "srequests.review.title"
    FIELDS: ClassVar[tuple[str, ...]] = ("lines", "comment", "scope")
    SUBMIT_COMMAND = "srequests.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "srequests.key.back", id="srequests.back"),
        Binding("ctrl+r", "refuse", "srequests.key.refuse_request", id="srequests.refuse_request"),
        # The banner shows « Déconnexion »; the footer keeps its room for the form's keys.
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="srequests.logout"),
    ]

    def __init__(self, request_id: int) -> None:
        super().__init__()
        self.request_id = request_id
        self.request: SubscriptionRequest | None = None
        self._failure: DomainError | None = None
        self._ticks: dict[str, bool] = {}

    # -- layout -----------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            self.request = requests.subscription_request(self.session.user, self.request_id)
        except DomainError as error:
            self._failure = error
        except Exception as error:  # shown, never a traceback (X8)
            self.chorus.show_unexpected(error)
            self._failure = NotFound()

    def compose(self) -> ComposeResult:
        t = self.t
        if self.request is None and self._failure is None:
            self._load()
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="review-form", classes="form-page"):
            yield Label(Text(t("srequests.review.title")), classes="page-title")
            yield Notice(id="form-notice")
            request = self.request
            if request is not None:
                yield from self._compose_request(request)
        yield ChorusFooter()

    def _compose_request(self, request: SubscriptionRequest) -> ComposeResult:
        t = self.t
        user, structure = request.requester, request.structure
        yield section(t("srequests.review.requester"))
        yield Static(
            _fields(
                [
                    (t("srequests.review.name"), literal(person_name(user))),
                    (t("srequests.review.contact"), literal(user.email)),
                    (
                        t("srequests.review.address"),
                        self._address(
                            [user.adresse, user.complement1, user.complement2],
                            user.code_postal,
                            user.ville,
                            user.pays,
                        ),
                    ),
                    (t("srequests.review.phone"), literal(user.telephone)),
                ]
            ),
            id="review-requester",
        )
        yield section(t("srequests.review.structure"))
        yield Static(
            _fields(
                [
                    (t("srequests.review.identifier"), literal(structure.identifier)),
                    (t("srequests.review.designation"), literal(structure.raison_sociale)),
                    (
                        t("srequests.review.address"),
                        self._address(
                            [structure.adresse, structure.complement],
                            structure.code_postal,
                            structure.ville,
                            structure.pays,
                        ),
                    ),
                    (t("srequests.review.phone"), literal(structure.telephone)),
                ]
            ),
            id="review-structure",
        )
        header = Horizontal(
            *(
                Label(Text(t(f"srequests.review.col.{name}")), classes=f"col-{name}")
                for name in ("date", "service", "space", "comment", "consultation", "modification")
            ),
            classes="line-header",
        )
        lines = Vertical(header, *(self._line(line) for line in request.lines), id="lines")
        yield FormField(
            t("srequests.review.details"),
            lines,
            hint=t("srequests.review.lines_hint"),
            classes="details-field",
        )
        yield FormField(
            t("srequests.review.comment"),
            TextField(id="comment"),
            hint=t("srequests.review.counter", count=0, max=COMMENT_MAX_LENGTH),
            classes="comment-field",
        )
        yield FormField(
            t("srequests.review.scope"),
            RadioSet(
                *(
                    ScopeButton(
                        Text(t(f"srequests.review.scope.{scope}")),
                        scope == Scope.USER,
                        id=f"scope-{scope}",
                    )
                    for scope in Scope
                ),
                id="scope",
            ),
            classes="scope-field",
        )
        with Horizontal(classes="form-buttons"):
            yield Button(Text(t("srequests.review.cancel")), id="cancel")
            yield Button(Text(t("srequests.review.validate")), id="submit", variant="primary")
            yield Button(Text(t("srequests.review.refuse")), id="refuse", variant="error")

    def _address(self, parts: list[str], postcode: str, city: str, country: str) -> Text:
        """« 124 avenue de la République / 97500 Terneuil sur Seine France »."""
        first = " ".join(part for part in parts if part)
        second = " ".join(
            part for part in (postcode, city, country_name(self.t.language, country)) if part
        )
        return literal("\n".join(filter(None, (sanitize(first), sanitize(second)))), multiline=True)

    def _line(self, line: Subscription) -> Horizontal:
        t = self.t
        service = line.service
        where = (
            literal(f"{service.code} {service.libelle}")
            if service is not None
            else Text(t("srequests.review.whole_structure"))
        )
        asked = {
            "consultation": line.habilitation == Habilitation.CONSULTATION_UNIQUEMENT,
            "modification": line.habilitation == Habilitation.MODIFICATION,
        }
        boxes = []
        for kind in KINDS:
            key = box_id(line.id, kind)
            value = self._ticks.get(key, asked[kind])
            boxes.append(TickBox(Text(""), value, id=key, compact=True, classes=f"col-{kind}"))
        return Horizontal(
            Static(Text(t.date(line.requested_at)), classes="col-date"),
            Static(where, classes="col-service"),
            Static(Text(t(f"space.{line.space.code}")), classes="col-space"),
            Static(literal(line.comment), classes="col-comment"),
            *boxes,
            classes="line",
        )

    def render_state(self) -> None:
        if self.request is not None:
            super().render_state()

    def on_mount(self) -> None:
        # Textual runs FormBase.on_mount as well (it shows the errors).
        if self.request is None:
            if self._failure is not None:
                self.chorus.show_error(self._failure)
            self.dismiss(self._failure is not None and self._failure.code == "request_processed")
            return
        self._count_comment()
        boxes = self.query(TickBox)
        if boxes:
            boxes.first().focus(scroll_visible=False)

    # -- reacting to the choices -------------------------------------------------------------

    @on(Checkbox.Changed)
    def _box_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id:
            self._ticks[event.checkbox.id] = event.value
        self.forget_error("lines")

    @on(RadioSet.Changed, "#scope")
    def _scope_changed(self) -> None:
        self.forget_error("scope")

    @on(Input.Changed, "#comment")
    def _count_comment(self) -> None:
        length = len(self.query_one("#comment", Input).value)
        hint = self.query_one("#field-comment .field-hint", Static)
        hint.update(Text(self.t("srequests.review.counter", count=length, max=COMMENT_MAX_LENGTH)))
        hint.set_class(length > COMMENT_MAX_LENGTH, "-over")

    async def refresh_texts(self) -> None:
        scope = self.scope()
        await super().refresh_texts()
        if self.request is not None:
            self.query_one(f"#scope-{scope}", RadioButton).value = True
            self._count_comment()

    # -- reading the form --------------------------------------------------------------------

    def decisions(self) -> list[LineDecision]:
        assert self.request is not None
        return [
            LineDecision(
                line.id,
                self.query_one(f"#{box_id(line.id, 'consultation')}", Checkbox).value,
                self.query_one(f"#{box_id(line.id, 'modification')}", Checkbox).value,
            )
            for line in self.request.lines
        ]

    def scope(self) -> Scope:
        pressed = self.query_one("#scope", RadioSet).pressed_button
        if pressed is None or not pressed.id:
            return Scope.USER
        return Scope(pressed.id.removeprefix("scope-"))

    # -- Valider -----------------------------------------------------------------------------

    def submit(self) -> None:
        request = self.request
        if request is None:
            return
        with self.chorus.guard():
            try:
                requests.validate_subscription_request(
                    self.chorus.services,
                    self.session.user,
                    request.id,
                    decisions=self.decisions(),
                    comment=self.query_one("#comment", Input).value,
                    scope=self.scope(),
                    expected_ids=[line.id for line in request.lines],
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound) as error:
                self.chorus.show_error(error)
                self.dismiss(True)
                return
            self.chorus.notify(
                self.t("srequests.review.validated", name=sanitize(person_name(request.requester))),
                markup=False,
            )
            self.dismiss(True)

    def show_validation(self, error: ValidationError) -> None:
        super().show_validation(error)
        first = next((name for name in self.FIELDS if name in self._field_errors), None)
        if first == "lines":
            boxes = self.query(TickBox)
            if boxes:
                boxes.first().focus(scroll_visible=False)

    # -- Refuser, Annuler --------------------------------------------------------------------

    @on(Button.Pressed, "#refuse")
    def action_refuse(self) -> None:
        """« Refuser »: the window M6 for this request, with the lines shown here."""
        from chorus_tui.ui.dialogs.subscription_refusal import SubscriptionRefusalDialog

        request = self.request
        if request is None:
            return
        dialog = SubscriptionRefusalDialog(
            [request.id], expected_ids=[line.id for line in request.lines]
        )
        self.app.push_screen(dialog, self._refused)

    def _refused(self, result: bool | str | None) -> None:
        if result is not None:
            self.dismiss(True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"refuse", "submit"}:
            return self.request is not None
        return super().check_action(action, parameters)

    @on(Button.Pressed, "#cancel")
    def action_back(self) -> None:
        self.dismiss(False)

    def palette_commands(self) -> list[Command]:
        t = self.t
        return [
            *super().palette_commands(),
            Command(
                t("srequests.cmd.refuse_request"),
                t("srequests.cmd.refuse_request.help"),
                self.action_refuse,
            ),
            Command(t("srequests.cmd.back"), t("srequests.cmd.back.help"), self.action_back),
        ]
