"""Form pieces shared by every screen that asks for input: a text field, a labelled field with
its error line, and the message area of a form."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from chorus_tui.domain.text import has_control
from chorus_tui.ui.widgets.literal import visible_controls


class TextField(Input):
    """An input that follows the app's cursor-blink setting (off in tests and screenshots).

    Its value is shown as typed (an ``Input`` never reads markup), except control characters:
    a pasted or stored ``ESC[2J`` would reach the terminal, so each one shows as a visible sign
    of one cell (X3). The value itself is kept: the domain refuses it by name."""

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    @property
    def _value(self) -> Text:
        if self.password or not has_control(self.value):
            return super()._value
        text = Text(visible_controls(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text


class FormField(Vertical):
    """A label, its control (input, select…), and a red error line under the control that is
    shown only when there is an error. Its id is ``field-<control id>``."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        .field-body { height: auto; }
        .field-error { color: $text-error; display: none; padding: 0 1; }
        .field-hint { color: $text-muted; padding: 0 1; }
        &.-invalid .field-error { display: block; }
        &.-inline {
            layout: horizontal;
            .field-label { width: 30; padding: 1 1 0 0; }
            .field-body { width: 1fr; }
        }
    }
    """

    def __init__(
        self,
        label: str,
        control: Widget,
        *,
        error: str = "",
        hint: str = "",
        classes: str | None = None,
    ) -> None:
        super().__init__(id=f"field-{control.id}", classes=classes)
        self.control = control
        self._label = label
        self._error = error
        self._hint = hint

    def compose(self) -> ComposeResult:
        yield Label(Text(self._label), classes="field-label")
        with Vertical(classes="field-body"):
            yield self.control
            yield Static(Text(self._error), classes="field-error")
            if self._hint:
                yield Static(Text(self._hint), classes="field-hint")

    def on_mount(self) -> None:
        self.set_class(bool(self._error), "-invalid")

    @property
    def label(self) -> str:
        """The field's name as its label shows it, without the « required » star."""
        return self._label.rstrip(" *")

    def set_error(self, text: str) -> None:
        """Show ``text`` under the control (an empty text hides the line). The same text
        again changes nothing: each update of the line asks for a layout of the screen."""
        if text == self._error and self.is_mounted:
            return
        self._error = text
        self.set_class(bool(text), "-invalid")
        if self.is_mounted:
            self.query_one(".field-error", Static).update(Text(text))


class Notice(Static):
    """The message area of a form: an error (red), or information. Empty, it takes no room."""

    DEFAULT_CSS = """
    Notice {
        height: auto;
        display: none;
        &.-shown { display: block; }
        &.-error { color: $text-error; }
        &.-success { color: $text-success; }
        &.-warning { color: $text-warning; }
    }
    """

    def show(self, text: str | Text, kind: str = "info") -> None:
        """``kind`` is ``info``, ``warning``, ``error`` or ``success``."""
        self.update(text if isinstance(text, Text) else Text(text))
        self.set_class(True, "-shown")
        for name in ("error", "success", "warning"):
            self.set_class(kind == name, f"-{name}")

    def clear(self) -> None:
        self.update("")
        self.set_class(False, "-shown", "-error", "-success", "-warning")
