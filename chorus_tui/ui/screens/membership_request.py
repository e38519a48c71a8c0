"""« Rattachement d'un utilisateur à une Structure » (F4): the structure and the user read-only,
the dates, the comment with its counter, « Liste des services », and « Valider » / « Valider et
rattacher à une autre structure » / « Annuler».

Dismisses True once the request is sent (the caller goes back to Mon Compte and reloads),
:data:`ANOTHER` for « Valider et rattacher à une autre structure » (back to the search, criteria
kept), None for « Annuler » / Esc."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Static

from chorus_tui.clock import today
from chorus_tui.domain import memberships
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, section
from chorus_tui.ui.screens.services_form import ServicesFormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal_message, sanitize

STYLES = Path(__file__).parent.parent / "styles"
ANOTHER = "another"


class MembershipRequestScreen(ServicesFormScreen):
    """The request form of one structure; Ctrl+S is « Valider », Esc « Annuler »."""

    CSS_PATH = STYLES / "structures.tcss"
    TITLE_KEY = "request.title"
    AUTO_FOCUS = "#start_date"
    FIELDS: ClassVar[tuple[str, ...]] = ("start_date", "end_date", "comment")
    SUBMIT_COMMAND = "request.cmd.submit"
    COUNTER_KEY = "request.counter"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "request.key.back", id="request.back"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="request.logout"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        structure = self.structure
        user = self.session.user
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="request-page", classes="form-page"):
            yield Label(Text(t("request.title")), classes="page-title")
            yield Notice(id="form-notice")
            yield section(t("request.section.structure"))
            yield ReadOnlyRow(
                t("request.field.identifier_type"),
                t(f"structures.idtype.{structure.identifier_type}"),
                id="row-identifier_type",
            )
            yield ReadOnlyRow(t("request.field.identifier"), structure.identifier)
            yield ReadOnlyRow(
                t("request.field.designation"),
                structure.raison_sociale,
                id="row-designation",
            )
            yield ReadOnlyRow(t("request.field.status"), t(f"code.{structure.status}"))
            yield ReadOnlyRow(t("request.field.kind"), t(f"code.{structure.kind}"))
            yield section(t("request.section.user"))
            yield ReadOnlyRow(t("request.field.nom"), user.nom)
            yield ReadOnlyRow(t("request.field.prenom"), user.prenom)
            yield ReadOnlyRow(t("request.field.email"), user.email)
            yield ReadOnlyRow(t("request.field.status"), t(f"code.{user.status}"))
            yield section(t("request.section.details"))
            start = t.date(today(self.chorus.services.clock))
            date_hint = t("request.date_hint")
            yield self._field("start_date", TextField(start, placeholder=date_hint))
            yield self._field("end_date", TextField(placeholder=date_hint))
            yield Static(Text(t("request.dates_warning")), classes="request-warning")
            yield self._field("comment", TextField())
            yield Static(Text(""), id="comment-counter")
            yield section(t("request.section.services"))
            yield Static(Text(t("request.services_hint")), classes="request-hint")
            with Vertical(id="services"):
                yield Checkbox(Text(t("request.whole")), True, id="whole")
                for service in self.services:
                    label = literal_message(
                        t("request.service"), code=service.code, libelle=service.libelle
                    )
                    yield Checkbox(label, False, id=f"service-{service.id}", classes="service")
                if not self.services:
                    yield Static(Text(t("request.no_service")), classes="request-hint")
            yield Static(Text(""), id="services-error")
            with Horizontal(classes="form-buttons", id="request-buttons"):
                yield Button(
                    Text(t("request.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("request.submit_another")), id="submit-another", compact=True)
                yield Button(Text(t("request.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    def _field(self, name: str, control: TextField, hint: str = "") -> FormField:
        control.id = name
        return FormField(
            self.t(f"request.field.{name}"),
            control,
            hint=self.t(hint) if hint else "",
            classes="-inline",
        )

    # -- Valider ----------------------------------------------------------------------------

    def submit(self) -> None:
        self._send(True)

    @on(Button.Pressed, "#submit-another")
    def action_submit_another(self) -> None:
        self._send(ANOTHER)

    def _send(self, result: object) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in self.FIELDS}
        with self.chorus.guard():
            try:
                memberships.request_membership(
                    self.chorus.services,
                    self.session.user,
                    self.structure_id,
                    start_date=values["start_date"],
                    end_date=values["end_date"],
                    comment=values["comment"],
                    service_ids=self.chosen_services(),
                )
            except (ValidationError, Conflict) as error:
                self.show_refusal(error)
                return
            self.chorus.notify(
                self.t("request.sent", structure=sanitize(self.structure.raison_sociale)),
                markup=False,
            )
            self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        t = self.t
        return [
            Command(
                t("request.cmd.another"), t("request.cmd.another.help"), self.action_submit_another
            ),
            *super().palette_commands(),
        ]
