"""First login of an account created from the MADRHAS referential (guide 004, F0): the user
checks and completes their contact e-mail, name and postal address before anything else."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from chorus_tui.domain import accounts
from chorus_tui.domain.errors import ValidationError
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner, TitleBar
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField

GENERAL = ("email", "nom", "prenom")
ADDRESS = ("adresse", "complement1", "complement2", "code_postal", "ville")


class ReferentialScreen(FormScreen):
    """« Informations générales » and « Adresse postale », prefilled from the referential."""

    TITLE_KEY = "referential.title"
    AUTO_FOCUS = "#email"
    FIELDS: ClassVar[tuple[str, ...]] = (*GENERAL, *ADDRESS, "pays")
    SUBMIT_COMMAND = "referential.cmd.submit"

    def compose(self) -> ComposeResult:
        t = self.t
        user = self.session.user
        yield Banner(self.session, t, last_login=False)
        yield TitleBar(t("referential.title"))
        with VerticalScroll(id="referential-form", classes="form-page"):
            yield Static(Text(t("referential.intro")), classes="intro")
            yield Notice(id="form-notice")
            yield Label(Text(t("referential.section.general")), classes="section-title")
            for name in GENERAL:
                yield self._field(name, getattr(user, name))
            yield Label(Text(t("referential.section.address")), classes="section-title")
            for name in ADDRESS:
                yield self._field(name, getattr(user, name))
            options = [(Text(label), code) for label, code in country_options(t.language)]
            yield FormField(
                t("referential.field.pays"),
                Select(options, value=user.pays or "FR", allow_blank=False, id="pays"),
                classes="-inline",
            )
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("app.validate")), id="submit", variant="primary")
                yield Button(Text(t("app.logout")), id="logout")
        yield ChorusFooter()

    def _field(self, name: str, value: str) -> FormField:
        hint = self.t("referential.email_hint") if name == "email" else ""
        return FormField(
            self.t(f"referential.field.{name}"),
            TextField(value=value or "", id=name),
            hint=hint,
            classes="-inline",
        )

    def submit(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in (*GENERAL, *ADDRESS)}
        country = self.query_one("#pays", Select).value
        values["pays"] = country if isinstance(country, str) else ""
        with self.chorus.guard():
            try:
                accounts.complete_referential_info(self.chorus.services, self.session.user, values)
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(self.t("referential.done"), markup=False)
            self.chorus.continue_login()
