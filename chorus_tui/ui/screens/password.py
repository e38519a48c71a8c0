"""The forced password change of F0/F2: the password has expired, the user must choose a new
one before anything else."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from chorus_tui.domain import accounts
from chorus_tui.domain.errors import ValidationError
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.banner import Banner, TitleBar
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.strength import StrengthMeter


class ForcedPasswordScreen(FormScreen):
    """« Mot de passe actuel », « Nouveau mot de passe », « Confirmer le nouveau mot de passe »,
    the live « Complexité du mot de passe » and the policy; « Valider » continues the login."""

    TITLE_KEY = "password.title"
    AUTO_FOCUS = "#current_password"
    FIELDS: ClassVar[tuple[str, ...]] = ("current_password", "new_password", "confirmation")
    SUBMIT_COMMAND = "password.cmd.submit"

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        yield TitleBar(t("password.title"))
        with VerticalScroll(id="password-form", classes="form-page"):
            yield Static(Text(t("password.intro")), classes="intro")
            yield Notice(id="form-notice")
            yield Static(Text(t("password.policy")), classes="policy")
            for name in self.FIELDS:
                yield FormField(
                    t(f"password.field.{name}"),
                    TextField(id=name, password=True),
                    classes="-inline",
                )
            yield StrengthMeter(t, login=self.session.user.login)
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("app.validate")), id="submit", variant="primary")
                yield Button(Text(t("app.logout")), id="logout")
        yield ChorusFooter()

    def submit(self) -> None:
        values = {name: self.query_one(f"#{name}", Input).value for name in self.FIELDS}
        with self.chorus.guard():
            try:
                accounts.change_password(
                    self.chorus.services,
                    self.session.user,
                    values["current_password"],
                    values["new_password"],
                    values["confirmation"],
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(self.t("password.done"), markup=False)
            self.chorus.continue_login()
