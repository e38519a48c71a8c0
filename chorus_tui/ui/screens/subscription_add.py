"""« Ajouter un abonnement » (F5): the structure (among the user's validated memberships) and the
space, then one line per service the user is habilitated to plus the default line « Toute la
structure », each with « consultation » and « modification »; « Détails »: the date d'effet and a
comment. « Valider » sends the request; the lines are « Validé » at once when the requester
manages the structure, else « En cours de validation ». Esc goes back without asking.

Opened from the « Mes abonnements aux espaces » block (``a``); dismisses True once sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from chorus_tui.domain import subscriptions
from chorus_tui.domain.errors import Conflict, NotFound, ValidationError
from chorus_tui.models.codes import Habilitation, SubscriptionStatus
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.account_parts import section
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message

STYLES = Path(__file__).parent.parent / "styles"
COMMENT_MAX = subscriptions.COMMENT_MAX_LENGTH
WHOLE = "all"
"""Key of the default line (the whole structure) among the service ids."""
HABILITATIONS = (
    ("consultation", Habilitation.CONSULTATION_UNIQUEMENT),
    ("modification", Habilitation.MODIFICATION),
)


class TickBox(Checkbox):
    """A checkbox drawn « [x] » / « [ ] », as the tick column of the tables: ticked or not
    reads the same without colours."""

    def render(self) -> Content:
        mark = "[x]" if self.value else "[ ]"
        return Content.assemble(mark, " ", self._label)


def box_id(line: str, kind: str) -> str:
    """``line-all-consultation``, ``line-12-modification``…"""
    return f"line-{line}-{kind}"


class SubscriptionAddScreen(FormScreen):
    """The form of « Ajouter un abonnement »; Ctrl+S validates, Esc goes back."""

    CSS_PATH = STYLES / "subscriptions.tcss"
    TITLE_KEY = "subscriptions.add.title"
    FIELDS: ClassVar[tuple[str, ...]] = ("structure", "space", "lines", "effective_date", "comment")
    SUBMIT_COMMAND = "subscriptions.cmd.submit"
    AUTO_FOCUS = "#structure"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "subscriptions.key.back", id="subscriptions.back"),
        # The banner shows « Déconnexion »; the footer keeps its room for the form's keys.
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="subscriptions.logout"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._structure_id: int | None = None
        self._ticks: set[str] = set()
        self._structures: list[Any] = []

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        user = self.session.user
        with self.chorus.guard():
            self._structures = subscriptions.subscription_structures(user)
        if self._structure_id is None and len(self._structures) == 1:
            self._structure_id = int(self._structures[0].id)
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="subscription-form", classes="form-page"):
            yield Label(Text(t("subscriptions.add.title")), classes="page-title")
            yield Static(Text(t("subscriptions.add.intro")), classes="intro")
            yield Notice(id="form-notice")
            structures = [
                (
                    literal_message(
                        t("subscriptions.structure_option"),
                        identifier=structure.identifier,
                        name=structure.raison_sociale,
                    ),
                    int(structure.id),
                )
                for structure in self._structures
            ]
            yield self._field(
                "structure",
                Select(
                    structures,
                    prompt=t("subscriptions.field.structure.prompt"),
                    value=self._structure_id if self._structure_id is not None else Select.NULL,
                ),
            )
            yield self._field(
                "space",
                Select(
                    self._space_options(),
                    prompt=t("subscriptions.field.space.prompt"),
                ),
            )
            lines = Vertical(*self._line_rows(), classes="subscription-lines")
            yield FormField(
                t("subscriptions.field.lines"),
                lines_control(lines),
                hint=t("subscriptions.lines_intro"),
                classes="lines-field",
            )
            yield section(t("subscriptions.section.details"))
            today = t.date(self.chorus.services.now())
            yield self._field(
                "effective_date", TextField(today, placeholder=t("subscriptions.date_placeholder"))
            )
            yield self._field(
                "comment", TextField(""), hint=t("subscriptions.counter", count=0, max=COMMENT_MAX)
            )
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("app.validate")), id="submit", variant="primary")
                yield Button(Text(t("subscriptions.cancel")), id="cancel")
        yield ChorusFooter()

    def _field(self, name: str, control: Any, hint: str = "") -> FormField:
        control.id = name
        return FormField(
            self.t(f"subscriptions.field.{name}"), control, hint=hint, classes="-inline"
        )

    def _space_options(self) -> list[tuple[str, str]]:
        if self._structure_id is None:
            return []
        with self.chorus.guard():
            spaces = subscriptions.subscription_spaces(self.session.user, self._structure_id)
            return [(self.t(f"space.{space.code}"), str(space.code)) for space in spaces]
        return []

    def _line_rows(self) -> list[Horizontal]:
        """The default line, then one per service; empty until a structure is chosen."""
        t = self.t
        if self._structure_id is None:
            first = Static(Text(t("subscriptions.lines_first")), classes="line-label")
            return [Horizontal(first, classes="line")]
        with self.chorus.guard():
            services = subscriptions.subscription_services(self.session.user, self._structure_id)
            lines: list[tuple[str, Text]] = [(WHOLE, Text(t("subscriptions.whole_structure")))]
            lines += [
                (str(service.id), literal(f"{service.code} – {service.libelle}"))
                for service in services
            ]
            return [
                Horizontal(
                    Static(label, classes="line-label"),
                    *(
                        TickBox(
                            Text(t(f"subscriptions.habilitation.{kind}")),
                            box_id(key, kind) in self._ticks,
                            id=box_id(key, kind),
                            compact=True,
                        )
                        for kind, _ in HABILITATIONS
                    ),
                    classes="line",
                )
                for key, label in lines
            ]
        return []

    def on_mount(self) -> None:
        super().on_mount()
        self._count_comment()

    # -- reacting to the choices -------------------------------------------------------------

    @on(Select.Changed, "#structure")
    async def _structure_changed(self, event: Select.Changed) -> None:
        value = event.value
        structure_id = int(value) if isinstance(value, int) else None
        self.forget_error("structure")
        if structure_id == self._structure_id:
            return
        self._structure_id = structure_id
        self._ticks.clear()
        self.forget_error("space")
        self.forget_error("lines")
        space = self.query_one("#space", Select)
        with self.prevent(Select.Changed):
            space.set_options(self._space_options())
        lines = self.query_one("#lines", Vertical)
        await lines.remove_children()
        await lines.mount_all(self._line_rows())

    @on(Checkbox.Changed)
    def _box_changed(self, event: Checkbox.Changed) -> None:
        box = event.checkbox.id or ""
        if event.value:
            self._ticks.add(box)
        else:
            self._ticks.discard(box)
        self.forget_error("lines")

    @on(Input.Changed, "#comment")
    def _count_comment(self) -> None:
        length = len(self.query_one("#comment", Input).value)
        hint = self.query_one("#field-comment .field-hint", Static)
        hint.update(Text(self.t("subscriptions.counter", count=length, max=COMMENT_MAX)))
        hint.set_class(length > COMMENT_MAX, "-over")

    async def refresh_texts(self) -> None:
        # The base class keeps the inputs and the selects; the ticks are in ``_ticks``.
        await super().refresh_texts()
        self._count_comment()

    # -- Valider -----------------------------------------------------------------------------

    def requested_lines(self) -> list[subscriptions.SubscriptionLine]:
        """One line per ticked box, in the order shown."""
        lines = []
        for box in self.query_one("#lines").query(Checkbox):
            if not box.value or not box.id:
                continue
            _, key, kind = box.id.split("-")
            habilitation = dict(HABILITATIONS)[kind]
            service_id = None if key == WHOLE else int(key)
            lines.append(subscriptions.SubscriptionLine(service_id, habilitation))
        return lines

    def submit(self) -> None:
        space = self.query_one("#space", Select).value
        with self.chorus.guard():
            try:
                created = subscriptions.request_subscriptions(
                    self.chorus.services,
                    self.session.user,
                    structure_id=self._structure_id,
                    space_code=space if isinstance(space, str) else None,
                    lines=self.requested_lines(),
                    effective_date=self.query_one("#effective_date", Input).value,
                    comment=self.query_one("#comment", Input).value,
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound) as error:
                self._field_errors = {}
                self._summary = None
                self.render_state()
                self.query_one("#form-notice", Notice).show(self.chorus.error_text(error), "error")
                self.query_one("#subscription-form").scroll_home(animate=False)
                return
            valid = all(row.status == SubscriptionStatus.VALIDE for row in created)
            key = "subscriptions.added.valid" if valid else "subscriptions.added.pending"
            self.chorus.notify(
                self.t(key, count=len(created), space=self.t(f"space.{space}")), markup=False
            )
            self.dismiss(True)

    def show_validation(self, error: ValidationError) -> None:
        super().show_validation(error)
        first = next((name for name in self.FIELDS if name in self._field_errors), None)
        if first == "lines":
            boxes = self.query_one("#lines").query(Checkbox)
            if boxes:
                boxes.first().focus(scroll_visible=False)

    # -- leaving -----------------------------------------------------------------------------

    @on(Button.Pressed, "#cancel")
    def action_back(self) -> None:
        self.dismiss(False)

    def palette_commands(self) -> list[Command]:
        t = self.t
        return [
            *super().palette_commands(),
            Command(
                t("subscriptions.cmd.back"), t("subscriptions.cmd.back.help"), self.action_back
            ),
        ]


def lines_control(lines: Vertical) -> Vertical:
    """The lines, as the control of the « lines » field (its error goes under them)."""
    lines.id = "lines"
    return lines
