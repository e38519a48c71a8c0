"""A screen holding one form: field errors from the domain shown in red under each field plus one
summary message, Enter to move on, Ctrl+S to validate.

:class:`FormBase` is any such screen (the account activation screen, outside a session);
:class:`FormScreen` is one of a logged-in user."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.binding import Binding
from textual.widgets import Button, Checkbox, Input, Select

from chorus_tui.domain.errors import ValidationError
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import ChorusScreen, SessionScreen
from chorus_tui.ui.widgets.form import FormField, Notice
from chorus_tui.ui.widgets.strength import StrengthMeter


class FormBase(ChorusScreen):
    """Subclasses list their control ids in ``FIELDS`` (reading order), compose a
    ``Notice#form-notice``, one ``FormField`` per field and the button ``#submit``, and
    implement :meth:`submit`."""

    FIELDS: ClassVar[tuple[str, ...]] = ()
    SUBMIT_COMMAND: ClassVar[str] = ""
    """Catalogue key of the palette title of « Valider » on this screen."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+s", "submit", "app.key.validate", id="form.submit"),
        Binding("enter", "enter", show=False, priority=True, id="form.enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._field_errors: dict[str, tuple[str, dict[str, Any]]] = {}
        self._summary: str | None = None

    def on_mount(self) -> None:
        self.render_state()

    def render_state(self) -> None:
        """Show the errors in the current language."""
        t = self.t
        for name in self.FIELDS:
            code, params = self._field_errors.get(name, ("", {}))
            text = t(f"field_error.{code}", **params) if code else ""
            # A screen may mount some of its fields later (Mon Compte): those have no error.
            for field in self.query(f"#field-{name}").results(FormField):
                field.set_error(text)
        notice = self.query_one("#form-notice", Notice)
        if self._summary:
            notice.show(self._summary_text(), "error")
        else:
            notice.clear()
        self._follow_password_strength()

    def _follow_password_strength(self) -> None:
        """A form with a « Complexité du mot de passe » meter grades its ``#new_password``."""
        for meter in self.query(StrengthMeter):
            meter.follow(self.query_one("#new_password", Input).value)

    def _summary_text(self) -> str:
        """« Veuillez corriger les champs signalés en rouge : Nom, Ville. »"""
        labels = [
            self.query_one(f"#field-{name}", FormField).label
            for name in self.FIELDS
            if name in self._field_errors
        ]
        if not labels:
            return self.t(self._summary)
        return self.t("error.validation_fields", fields=", ".join(labels))

    def show_validation(self, error: ValidationError) -> None:
        """Every field in error in red, one summary, focus on the first field in error."""
        self._field_errors = {
            name: error.fields[name] for name in self.FIELDS if name in error.fields
        }
        self._summary = "error.validation"
        self.render_state()
        # The summary is at the top of the page: show it, then the first field in error below
        # it (scrolling only if that field is further down).
        for page in self.query(".form-page"):
            page.scroll_home(animate=False, immediate=True)
        first = next((name for name in self.FIELDS if name in self._field_errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus(scroll_visible=False)
            field = self.query_one(f"#field-{first}", FormField)
            self.call_after_refresh(field.scroll_visible, animate=False)

    def clear_errors(self) -> None:
        self._field_errors = {}
        self._summary = None
        self.render_state()

    @on(Button.Pressed, "#submit")
    def _submit_pressed(self) -> None:
        self.submit()

    def forget_error(self, name: str | None) -> None:
        """The field was edited: its error goes (the summary stays until the next submit)."""
        if name in self._field_errors:
            del self._field_errors[name]
            self.query_one(f"#field-{name}", FormField).set_error("")

    @on(Input.Changed)
    def _field_changed(self, event: Input.Changed) -> None:
        self.forget_error(event.input.id)
        if event.input.id == "new_password":
            self._follow_password_strength()

    @on(Select.Changed)
    @on(Checkbox.Changed)
    def _choice_changed(self, event: Select.Changed | Checkbox.Changed) -> None:
        self.forget_error(event.control.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter":
            focused = self.focused
            return isinstance(focused, Input) and focused.id in self.FIELDS
        return super().check_action(action, parameters)

    def action_enter(self) -> None:
        """Enter goes to the next field; on the last field it validates.

        A priority binding, read as soon as the key arrives, so the focus moves before the
        next keys are handed out; validating waits for the field to have taken in the keys
        typed before Enter (tmux or a fast typist sends them in one burst)."""
        focused = self.focused
        if focused is None:
            return
        if focused.id != self.FIELDS[-1]:
            self.focus_next()
        else:
            focused.call_later(self.submit)

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError

    def palette_commands(self) -> list[Command]:
        commands = super().palette_commands()
        if self.SUBMIT_COMMAND:
            commands.insert(
                0,
                Command(
                    self.t(self.SUBMIT_COMMAND), self.t(f"{self.SUBMIT_COMMAND}.help"), self.submit
                ),
            )
        return commands


class FormScreen(FormBase, SessionScreen):
    """A form of a logged-in user; the forced steps add a ``#logout`` button."""

    @on(Button.Pressed, "#logout")
    def _logout_pressed(self) -> None:
        self.action_logout()
