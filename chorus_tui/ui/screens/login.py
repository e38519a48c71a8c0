"""The login screen (F0, F8): « Identifiant de connexion », « Mot de passe », « Se connecter », and
what a refused login says, above the fields (wrong credentials, locked, technical user, account
pending activation or deactivated — with « Réactiver mon compte » within 60 days and « Saisir une
sollicitation » past them). « J'ai un code d'activation » (F8) leads to « Activation du compte
utilisateur »."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, Input, Label

from chorus_tui.i18n import Translator
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import ChorusScreen
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField

if TYPE_CHECKING:
    from chorus_tui.domain import auth
    from chorus_tui.models import User


@dataclass(frozen=True)
class FormMessage:
    """A message of the form, kept as a catalogue key and raw values so that it renders again
    in whatever language the interface is in (dates ``jj/mm/aaaa``, times ``HH:MM:SS``)."""

    key: str
    kind: str = "error"
    dates: dict[str, dt.datetime] = field(default_factory=dict)
    times: dict[str, dt.datetime] = field(default_factory=dict)

    def render(self, t: Translator) -> str:
        params = {name: t.date(value) for name, value in self.dates.items()}
        params.update({name: t.time(value) for name, value in self.times.items()})
        return t(self.key, **params)


class LoginScreen(ChorusScreen):
    """« Se connecter »: Enter in the login field goes to the password, Enter in the password
    field (or the button) logs in."""

    TITLE_KEY = "login.title"
    AUTO_FOCUS = "#login"

    FIELDS: ClassVar[tuple[str, ...]] = ("login", "password")

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("enter", "enter", show=False, priority=True, id="login.enter"),
        Binding("f8", "activation_code", "activation.key.code", id="login.activation_code"),
    ]

    def __init__(self, message: FormMessage | None = None) -> None:
        super().__init__()
        self._errors: dict[str, str] = {}
        self._message = message
        self._support_user: User | None = None
        self._support_number: str | None = None
        self._reactivation_user: User | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with Center(id="login-page"), Vertical(id="login-card") as card:
            card.border_title = Text(t("app.brand"))
            yield Label(Text(t("login.heading")), id="login-heading")
            yield Notice(id="login-notice")
            yield FormField(t("login.field.login"), TextField(id="login"))
            yield FormField(t("login.field.password"), TextField(id="password", password=True))
            with Horizontal(id="login-buttons"):
                yield Button(Text(t("login.submit")), id="submit", variant="primary")
                yield Button(Text(t("login.support_request")), id="support-request")
                yield Button(Text(t("reactivate.button")), id="reactivate")
            yield Button(Text(t("activation.code_button")), id="activation-code", compact=True)
        yield ChorusFooter()

    def on_mount(self) -> None:
        self.render_state()

    def render_state(self) -> None:
        """Show the state (field errors, message, support request) in the current language."""
        t = self.t
        for name in self.FIELDS:
            key = self._errors.get(name)
            self.query_one(f"#field-{name}", FormField).set_error(t(key) if key else "")
        notice = self.query_one("#login-notice", Notice)
        if self._support_number:
            notice.show(t("login.support_request_done", number=self._support_number), "success")
        elif self._message is not None:
            notice.show(self._message.render(t), self._message.kind)
        else:
            notice.clear()
        support = self.query_one("#support-request", Button)
        support.display = self._support_user is not None and self._support_number is None
        self.query_one("#reactivate", Button).display = self._reactivation_user is not None

    # -- events -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter":
            return isinstance(self.focused, Input)
        return True

    def action_enter(self) -> None:
        """Enter in the login field goes on to the password (when it is empty); anywhere else
        it logs in.

        A priority binding, read as soon as the key arrives, so the focus moves before the
        next keys are handed out; logging in waits for the field to have taken in the keys
        typed before Enter (tmux or a fast typist sends them in one burst)."""
        password = self.query_one("#password", Input)
        focused = self.focused
        if focused is self.query_one("#login") and not password.value:
            self.set_focus(password)
        elif focused is not None:
            focused.call_later(self.submit)

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.submit()

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        if event.input.id in self._errors:
            del self._errors[event.input.id]
            self.query_one(f"#field-{event.input.id}", FormField).set_error("")

    @on(Button.Pressed, "#support-request")
    def _support_requested(self) -> None:
        user = self._support_user
        if user is None:
            return
        # Imported here: the accounts module (field rules, countries, e-mail syntax) is not
        # needed to show the login screen.
        from chorus_tui.domain import accounts

        with self.chorus.guard():
            self._support_number = accounts.create_support_request(self.chorus.services, user)
            self.render_state()
            self.query_one("#password", Input).focus()

    # -- reactivation and activation code (F8) --------------------------------------------

    @on(Button.Pressed, "#reactivate")
    def _reactivation_requested(self) -> None:
        """« Réactiver mon compte » → « Valider »: a mail with a code goes to the contact
        address (the code itself is never shown here)."""
        user = self._reactivation_user
        if user is None:
            return
        # Imported here: the dialogs are not needed to show the login screen.
        from chorus_tui.ui.dialogs.account import ConfirmDialog

        t = self.t
        dialog = ConfirmDialog(
            t("reactivate.title"),
            t("reactivate.message"),
            t("app.validate"),
            t("account.cancel"),
            window_id="reactivate-window",
        )
        self.app.push_screen(dialog, lambda ok: self._request_reactivation(user) if ok else None)

    def _request_reactivation(self, user: User) -> None:
        from chorus_tui.domain import activation
        from chorus_tui.domain.errors import DomainError

        with self.chorus.guard():
            try:
                activation.request_reactivation(self.chorus.services, user)
            except DomainError as error:
                if error.code not in ("referential_account", "reactivation_expired"):
                    raise
                self._message = FormMessage(f"error.{error.code}", "warning")
            else:
                self._message = FormMessage("reactivate.sent", "success")
            self._reactivation_user = None
            self.render_state()
            self.query_one("#login", Input).focus()

    @on(Button.Pressed, "#activation-code")
    def action_activation_code(self) -> None:
        """« J'ai un code d'activation »: the code window, then the activation screen."""
        from chorus_tui.ui.dialogs.account import ActivationCodeDialog

        def entered(result: tuple[str, User] | None) -> None:
            if result is not None:
                from chorus_tui.ui.screens.activation import ActivationScreen

                self.app.push_screen(ActivationScreen(*result))

        self.app.push_screen(ActivationCodeDialog(), entered)

    def palette_commands(self) -> list[Command]:
        t = self.t
        code = Command(
            t("activation.cmd.code"), t("activation.cmd.code.help"), self.action_activation_code
        )
        return [code, *super().palette_commands()]

    # -- logging in -------------------------------------------------------------------------

    def submit(self) -> None:
        """Check the fields are filled, then ask the domain; a refusal says why, a success opens
        the session."""
        login = self.query_one("#login", Input).value
        password = self.query_one("#password", Input)
        self._errors = {}
        if not login.strip():
            self._errors["login"] = "login.error.login_required"
        if not password.value:
            self._errors["password"] = "login.error.password_required"
        self._message = None
        self._support_user = None
        self._support_number = None
        self._reactivation_user = None
        if self._errors:
            self.render_state()
            self.query_one(f"#{next(iter(self._errors))}", Input).focus()
            return
        with self.chorus.guard():
            # The domain (and the ORM under it) is not needed to show this screen: imported
            # on the first login, once the program has loaded it while the operator typed.
            from chorus_tui.domain import auth

            try:
                result = auth.login(self.chorus.services, login, password.value)
            except auth.AccountLocked as error:
                until = error.until
                self._refuse(
                    FormMessage(
                        "error.account_locked",
                        dates={"until_date": until},
                        times={"until_time": until},
                    )
                )
            except (auth.InvalidCredentials, auth.TechnicalUserRefused) as error:
                self._refuse(FormMessage(f"error.{error.code}"))
            else:
                self._accept(result)

    def _refuse(self, message: FormMessage) -> None:
        """Show why, forget the password typed, and let the user try again."""
        self._message = message
        password = self.query_one("#password", Input)
        password.value = ""
        self.render_state()
        password.focus()

    def _accept(self, result: auth.LoginResult) -> None:
        from chorus_tui.domain import auth

        status = result.status
        if status is auth.LoginStatus.OK:
            self.chorus.open_session(result)
        elif status is auth.LoginStatus.PENDING_ACTIVATION:
            self._refuse(FormMessage("login.pending_activation", "warning"))
        else:
            dates = {"date": result.deactivated_at, "deadline": result.reactivation_deadline}
            recent = status is auth.LoginStatus.DEACTIVATED_RECENT
            key = "login.deactivated_recent" if recent else "login.deactivated_old"
            self._refuse(FormMessage(key, "warning", dates=dates))
            if recent:
                self._reactivation_user = result.user
                self.render_state()
                self.query_one("#reactivate", Button).focus()
                return
            self._support_user = result.user
            self.render_state()
            self.query_one("#support-request", Button).focus()
