"""M2 « Rattachement d'un utilisateur à une Structure », as the manager sees a pending request:
the structure, the user with the « Rôle * » to give (gestionnaire secondaire or utilisateur
simple), the details of the request, « Liste des services » with each active service's status
and a checkbox (pre-checked for the pending and validated ones), and « Annuler », « Valider »
(Ctrl+S), « Refuser » (the M3 window).

Dismisses True once the request is decided — or found decided by someone else meanwhile (the
caller reloads its list) — and None for « Annuler » / Esc."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Label, Select, Static

from chorus_tui.domain import membership_requests
from chorus_tui.domain.errors import Conflict, DomainError, NotFound, ValidationError
from chorus_tui.domain.membership_requests import GRANTABLE_ROLES, MembershipRequest
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, section
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice
from chorus_tui.ui.widgets.literal import literal, sanitize

STYLES = Path(__file__).parent.parent / "styles"


class MembershipReviewScreen(FormScreen):
    """One pending membership request; Ctrl+S « Valider », Esc « Annuler »."""

    CSS_PATH = STYLES / "manager.tcss"
    TITLE_KEY = "mrequests.review.title"
    AUTO_FOCUS = "#role"
    FIELDS: ClassVar[tuple[str, ...]] = ("role",)
    SUBMIT_COMMAND = "mrequests.review.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "mrequests.review.key.back", id="mreview.back"),
    ]

    def __init__(self, membership_id: int, *, request: MembershipRequest | None = None) -> None:
        super().__init__()
        self.membership_id = membership_id
        self.request = request
        self.version: int | None = request.membership.version if request else None
        self._services_error = ""
        self._load_error: DomainError | None = None

    def _load(self) -> MembershipRequest | None:
        if self.request is None and self._load_error is None:
            try:
                self.request = membership_requests.membership_request(
                    self.session.user, self.membership_id
                )
            except DomainError as error:
                self._load_error = error
            else:
                self.version = self.request.membership.version
        return self.request

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        request = self._load()
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="review-page", classes="form-page"):
            yield Label(Text(t("mrequests.review.title")), classes="page-title")
            yield Notice(id="form-notice")
            if request is None:
                error = self._load_error
                text = self.chorus.error_text(error) if error else ""
                yield Static(Text(text), id="review-unavailable")
                with Horizontal(classes="form-buttons", id="review-buttons"):
                    yield Button(Text(t("mrequests.review.cancel")), id="cancel", compact=True)
            else:
                yield from self._compose_request(request)
        yield ChorusFooter()

    def _compose_request(self, request: MembershipRequest) -> ComposeResult:
        t = self.t
        structure, user, membership = request.structure, request.requester, request.membership
        none = t("mrequests.review.none")
        yield section(t("request.section.structure"))
        yield ReadOnlyRow(
            t("request.field.identifier_type"),
            t(f"structures.idtype.{structure.identifier_type}"),
        )
        yield ReadOnlyRow(t("request.field.identifier"), structure.identifier, id="row-identifier")
        yield ReadOnlyRow(
            t("request.field.designation"), structure.raison_sociale, id="row-designation"
        )
        yield ReadOnlyRow(t("request.field.status"), t(f"code.{structure.status}"))
        yield ReadOnlyRow(t("request.field.kind"), t(f"code.{structure.kind}"))
        yield section(t("request.section.user"))
        yield ReadOnlyRow(t("request.field.nom"), user.nom, id="row-nom")
        yield ReadOnlyRow(t("request.field.prenom"), user.prenom, id="row-prenom")
        yield ReadOnlyRow(t("request.field.email"), user.email or none)
        roles = [(Text(t(f"code.{role}")), str(role)) for role in GRANTABLE_ROLES]
        role = membership.role if membership.role in GRANTABLE_ROLES else roles[-1][1]
        yield FormField(
            t("mrequests.review.role"),
            Select(roles, value=role, allow_blank=False, id="role"),
            classes="-inline",
        )
        yield ReadOnlyRow(t("mrequests.review.user_status"), t(f"code.{user.status}"))
        yield section(t("request.section.details"))
        yield ReadOnlyRow(t("mrequests.review.start_date"), t.date(membership.start_date) or none)
        yield ReadOnlyRow(t("mrequests.review.end_date"), t.date(membership.end_date) or none)
        yield ReadOnlyRow(
            t("mrequests.review.status"), t(f"memberships.status.{membership.status}")
        )
        yield ReadOnlyRow(
            t("mrequests.review.comment"), membership.comment or none, id="row-comment"
        )
        yield section(t("request.section.services"))
        yield from self._compose_services(request)
        with Horizontal(classes="form-buttons", id="review-buttons"):
            yield Button(Text(t("mrequests.review.cancel")), id="cancel", compact=True)
            yield Button(
                Text(t("mrequests.review.validate")), id="submit", variant="primary", compact=True
            )
            yield Button(Text(t("mrequests.review.refuse")), id="refuse", compact=True)

    def _compose_services(self, request: MembershipRequest) -> ComposeResult:
        t = self.t
        if not request.services:
            yield Static(Text(t("mrequests.review.no_service")), classes="review-hint")
            return
        hint = "whole_hint" if request.membership.whole_structure else "services_hint"
        yield Static(Text(t(f"mrequests.review.{hint}")), classes="review-hint")
        with Vertical(id="services"):
            for item in request.services:
                label = literal(f"{item.service.code} – {item.service.libelle}")
                if item.status:
                    label.append("  ")
                    label.append(t(f"memberships.service_status.{item.status}"), style="italic")
                yield Checkbox(
                    label, item.checked, id=f"service-{item.service.id}", classes="service"
                )
        yield Static(Text(""), id="services-error")

    def on_mount(self) -> None:
        super().on_mount()
        # « Rôle * » has the focus; the page still opens at its top, on the structure.
        page = self.query_one("#review-page")
        self.call_after_refresh(page.scroll_home, animate=False)

    def render_state(self) -> None:
        if self.request is None:
            return
        super().render_state()
        for error in self.query("#services-error").results(Static):
            error.update(Text(self._services_error))
            error.display = bool(self._services_error)

    def _summary_text(self) -> str:
        if self._services_error and not self._field_errors:
            return self.t("error.validation_fields", fields=self.t("request.section.services"))
        return super()._summary_text()

    # -- values -----------------------------------------------------------------------------

    def chosen_services(self) -> list[int]:
        return [
            int(box.id.removeprefix("service-"))
            for box in self.query("Checkbox.service").results(Checkbox)
            if box.value and box.id
        ]

    @on(Checkbox.Changed, ".service")
    def _service_changed(self) -> None:
        if self._services_error:
            self._services_error = ""
            self.render_state()

    # -- Valider / Refuser / Annuler --------------------------------------------------------

    def submit(self) -> None:
        request = self.request
        if request is None:
            return
        role = self.query_one("#role", Select).value
        with self.chorus.guard():
            try:
                membership_requests.validate_membership(
                    self.chorus.services,
                    self.session.user,
                    self.membership_id,
                    role=role if isinstance(role, str) else "",
                    service_ids=self.chosen_services(),
                    expected_version=self.version,
                )
            except ValidationError as error:
                code = error.fields.get("services", ("", {}))[0]
                self._services_error = self.t(f"field_error.{code}") if code else ""
                self.show_validation(error)
                if code and "role" not in error.fields:
                    # The first service has the focus; its error line, under the list, shows.
                    boxes = self.query("Checkbox.service")
                    if boxes:
                        boxes.first().focus(scroll_visible=False)
                    line = self.query_one("#services-error")
                    self.call_after_refresh(line.scroll_visible, animate=False)
                return
            except (Conflict, NotFound) as error:
                self.chorus.show_error(error)
                self.dismiss(True)
                return
            self.chorus.notify(
                self.t(
                    "mrequests.validated",
                    user=sanitize(request.requester.formal_name),
                    structure=sanitize(request.structure.raison_sociale),
                ),
                markup=False,
            )
            self.dismiss(True)

    @on(Button.Pressed, "#refuse")
    def action_refuse(self) -> None:
        """« Refuser »: the M3 window; once refused (or found processed), back to the list."""
        from chorus_tui.ui.dialogs.membership_refusal import (
            MembershipRefusalDialog,
            line_of_request,
        )

        request = self.request
        if request is None:
            return
        dialog = MembershipRefusalDialog(
            [line_of_request(request)],
            self.session.user,
            membership_id=self.membership_id,
            expected_version=self.version,
        )
        self.app.push_screen(dialog, self._after_refusal)

    def _after_refusal(self, done: object) -> None:
        if done:
            self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands = super().palette_commands()
        if self.request is None:
            return [command for command in commands if command.callback != self.submit]
        return [
            Command(
                t("mrequests.review.cmd.refuse"),
                t("mrequests.review.cmd.refuse.help"),
                self.action_refuse,
            ),
            *commands,
        ]
