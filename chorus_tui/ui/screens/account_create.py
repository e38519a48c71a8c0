"""M8 « Créer le compte utilisateur », from « Rattacher un utilisateur »: adresse électronique de
connexion *, adresse électronique de contact * (may differ), nom *, prénom *, then the membership
as in M7. The account is ``EN_COURS_ACTIVATION``; its activation code, valid 7 days, goes by mail
(the outbox) and is never shown here. Dismisses True once created, None for « Annuler » / Esc."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from chorus_tui.domain import attach
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, section
from chorus_tui.ui.screens.user_attach import MEMBERSHIP_FIELDS, MembershipForm
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import sanitize


class CreateAccountScreen(MembershipForm):
    """The person's four fields, then the membership; Ctrl+S creates, Esc cancels."""

    TITLE_KEY = "newaccount.title"
    AUTO_FOCUS = "#login"
    FIELDS: ClassVar[tuple[str, ...]] = (*attach.ACCOUNT_FIELDS, *MEMBERSHIP_FIELDS)
    SUBMIT_COMMAND = "newaccount.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "newaccount.key.back", id="newaccount.back"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="newaccount.logout"),
    ]

    def compose(self) -> ComposeResult:
        t = self.t
        structure = self.structure
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="newaccount-page", classes="form-page"):
            yield Label(Text(t("newaccount.title")), classes="page-title")
            yield Notice(id="form-notice")
            yield Static(Text(t("newaccount.tip")), classes="attach-hint")
            yield section(t("attach.form.section.structure"))
            yield ReadOnlyRow(t("attach.form.identifier"), structure.identifier)
            yield ReadOnlyRow(
                t("attach.form.designation"), structure.raison_sociale, id="row-designation"
            )
            yield section(t("newaccount.section.person"))
            for name in attach.ACCOUNT_FIELDS:
                yield FormField(
                    t(f"newaccount.field.{name}"), TextField(id=name), classes="-inline"
                )
            yield from self.compose_membership()
            with Horizontal(classes="form-buttons", id="newaccount-buttons"):
                yield Button(
                    Text(t("newaccount.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("newaccount.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    def submit(self) -> None:
        fields = {name: self.query_one(f"#{name}", Input).value for name in attach.ACCOUNT_FIELDS}
        with self.chorus.guard():
            try:
                user, _code = attach.create_account(
                    self.chorus.services,
                    self.session.user,
                    self.structure_id,
                    fields,
                    **self.membership_values(),
                )
            except (ValidationError, Conflict) as error:
                self.show_refusal(error)
                return
            self.chorus.notify(self.t("newaccount.done", email=sanitize(user.email)), markup=False)
            self.dismiss(True)
