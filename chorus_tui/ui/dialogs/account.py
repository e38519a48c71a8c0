"""Windows of Mon Compte and of the account life cycle: a yes/no confirmation (unsaved changes,
deactivation, reactivation request) and the activation code entry of the login screen.

The successor choice of a principal manager and the « Loupe » are in
:mod:`chorus_tui.ui.dialogs.account_successors`."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from chorus_tui.domain import activation
from chorus_tui.models import User
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField


class ConfirmDialog(ChorusModal[bool]):
    """A question with « OK » and « Annuler » buttons (or a single button when ``cancel`` is
    empty): dismisses True for OK, False for cancel, None for Esc (the caller treats it as a
    no). ``safe_default`` puts the focus on the cancel button, for what cannot be undone."""

    TITLE_KEY = "app.title"

    def __init__(
        self,
        title: str,
        message: str,
        ok: str,
        cancel: str = "",
        *,
        body: RenderableType | None = None,
        note: str = "",
        safe_default: bool = False,
        window_id: str = "confirm-window",
    ) -> None:
        super().__init__()
        self._title = title
        self._message = message
        self._ok = ok
        self._cancel = cancel
        self._body = body
        self._note = note
        self._window_id = window_id
        self.AUTO_FOCUS = "#cancel" if safe_default and cancel else "#ok"

    def compose(self) -> ComposeResult:
        with Vertical(id=self._window_id, classes="window confirm-window") as window:
            window.border_title = Text(self._title)
            yield Static(Text(self._message), classes="confirm-message")
            if self._body is not None:
                yield Static(self._body, classes="confirm-body")
            if self._note:
                yield Static(Text(self._note), classes="confirm-note")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(self._ok), id="ok", variant="primary")
                if self._cancel:
                    yield Button(Text(self._cancel), id="cancel")
        yield ChorusFooter()

    @on(Button.Pressed, "#ok")
    def _ok_pressed(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)


class ActivationCodeDialog(ChorusModal[tuple[str, User]]):
    """« J'ai un code d'activation »: the code is checked with the domain before the window
    closes; an unknown, expired or used code gets one message, under the field."""

    TITLE_KEY = "activation.code.title"
    AUTO_FOCUS = "#code"

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="code-window", classes="window") as window:
            window.border_title = Text(t("activation.code.title"))
            yield Static(Text(t("activation.code.intro")), classes="confirm-message")
            yield Notice(id="code-notice")
            yield FormField(t("activation.code.field"), TextField(id="code"))
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("app.validate")), id="ok", variant="primary")
                yield Button(Text(t("account.cancel")), id="cancel")
        yield ChorusFooter()

    @on(Input.Submitted, "#code")
    @on(Button.Pressed, "#ok")
    def check(self) -> None:
        """Ask the domain whether the code opens an account; close with it if it does."""
        code = self.query_one("#code", Input).value.strip()
        field = self.query_one("#field-code", FormField)
        if not code:
            field.set_error(self.t("activation.code.required"))
            return
        with self.chorus.guard():
            try:
                user = activation.check_code(self.chorus.services, code)
            except activation.InvalidActivationCode as error:
                field.set_error(self.chorus.error_text(error))
                self.query_one("#code", Input).focus()
                return
            self.dismiss((code, user))

    @on(Input.Changed, "#code")
    def _code_changed(self) -> None:
        self.query_one("#field-code", FormField).set_error("")

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
