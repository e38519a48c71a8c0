"""« Activation du compte utilisateur » (F8): reached with an activation code (login screen or
``chorus-tui activate CODE``), before any session. The user chooses a new password and a new
secret question; the account becomes ``ACTIF`` and they log in as usual."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from chorus_tui.domain import activation
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models import User
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, section
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.screens.login import FormMessage
from chorus_tui.ui.widgets.banner import TitleBar
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.strength import StrengthMeter

IDENTITY = ("login", "email", "nom", "prenom")


class ActivationScreen(FormBase):
    """Informations générales (read only), Gestion du mot de passe, Question secrète;
    « Valider » (Ctrl+S) activates, « Annuler » (Esc) goes back to the login screen."""

    TITLE_KEY = "activation.title"
    AUTO_FOCUS = "#new_password"
    FIELDS: ClassVar[tuple[str, ...]] = (
        "new_password",
        "confirmation",
        "secret_question",
        "secret_answer",
    )
    SUBMIT_COMMAND = "activation.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "activation.key.cancel", id="activation.cancel"),
    ]

    def __init__(self, code: str, user: User) -> None:
        super().__init__()
        self._code = code
        self._user = user

    def compose(self) -> ComposeResult:
        t = self.t
        user = self._user
        yield Label(Text(t("app.brand")), id="activation-brand")
        yield TitleBar(t("activation.title"))
        with VerticalScroll(id="activation-form", classes="form-page"):
            yield Static(Text(t("activation.intro")), classes="intro")
            yield Notice(id="form-notice")
            yield section(t("referential.section.general"))
            for name in IDENTITY:
                yield ReadOnlyRow(t(f"activation.field.{name}"), getattr(user, name) or "")
            yield section(t("account.section.password"))
            yield Static(Text(t("password.policy")), classes="policy")
            for name in ("new_password", "confirmation"):
                yield self._field(f"activation.field.{name}", name, password=True)
            yield StrengthMeter(t, login=self._user.login)
            yield section(t("account.section.secret"))
            yield self._field("account.field.secret_question", "secret_question")
            yield self._field("account.field.secret_answer", "secret_answer", password=True)
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("app.validate")), id="submit", variant="primary")
                yield Button(Text(t("account.cancel")), id="cancel")
        yield ChorusFooter()

    def _field(self, label_key: str, name: str, *, password: bool = False) -> FormField:
        return FormField(
            self.t(label_key), TextField(id=name, password=password), classes="-inline"
        )

    def submit(self) -> None:
        """Activate with the code; field errors are shown, a code that has become invalid
        meanwhile sends the user back to the login screen with the message."""
        values = {name: self.query_one(f"#{name}", Input).value for name in self.FIELDS}
        with self.chorus.guard():
            try:
                activation.activate_account(
                    self.chorus.services,
                    self._code,
                    values["new_password"],
                    values["confirmation"],
                    values["secret_question"],
                    values["secret_answer"],
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except activation.InvalidActivationCode as error:
                self.chorus.show_login(FormMessage(f"error.{error.code}"))
                return
            self.chorus.show_login(FormMessage("activation.done", "success"))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.chorus.show_login()
