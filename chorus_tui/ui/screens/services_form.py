"""A form about one structure that ends with a membership's comment and « Liste des services »:
the user's own request (F4) and the membership a manager gives (M7, M8) behave alike.

- « Commentaire » shows its « n/255 » counter, red past the limit;
- « Rattacher à la structure » (``#whole``) and the services (``Checkbox.service``) exclude each
  other, and with no service ticked the whole structure is the choice;
- the services' error shows under their list, a conflict in the notice at the top."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.widgets import Checkbox, Input, Static

from chorus_tui.domain import structures
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.domain.memberships import COMMENT_MAX_LENGTH
from chorus_tui.models import Service, Structure
from chorus_tui.ui.screens.forms import FormScreen


class ServicesFormScreen(FormScreen):
    """Subclasses compose ``Input#comment``, ``Static#comment-counter``, the checkboxes and
    ``Static#services-error`` in a ``.form-page``; ``COUNTER_KEY`` words the counter."""

    COUNTER_KEY: ClassVar[str] = ""

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.structure: Structure = structures.get_structure(structure_id)
        self.services: list[Service] = structures.active_services(self.structure)
        self._services_error = ""

    def on_mount(self) -> None:
        super().on_mount()
        # The first field has the focus; the page still opens at its top.
        for page in self.query(".form-page"):
            self.call_after_refresh(page.scroll_home, animate=False)

    def render_state(self) -> None:
        super().render_state()
        self._show_counter()
        error = self.query_one("#services-error", Static)
        error.update(Text(self._services_error))
        error.display = bool(self._services_error)

    def show_refusal(self, error: ValidationError | Conflict) -> None:
        """Field errors in red (the services' under their list), or a conflict in the notice."""
        if isinstance(error, ValidationError):
            code = error.fields.get("services", ("", {}))[0]
            self._services_error = self.t(f"field_error.{code}") if code else ""
            self.show_validation(error)
            return
        self._field_errors = {}
        self._services_error = ""
        self._summary = f"error.{error.code}"
        self.render_state()
        for page in self.query(".form-page"):
            page.scroll_home(animate=False)

    # -- the counter and the services ------------------------------------------------------------

    def _show_counter(self) -> None:
        count = len(self.query_one("#comment", Input).value.strip())
        counter = self.query_one("#comment-counter", Static)
        counter.update(Text(self.t(self.COUNTER_KEY, count=count, max=COMMENT_MAX_LENGTH)))
        counter.set_class(count > COMMENT_MAX_LENGTH, "-over")

    @on(Input.Changed, "#comment")
    def _comment_changed(self) -> None:
        self._show_counter()

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        whole = self.query_one("#whole", Checkbox)
        services = list(self.query("Checkbox.service").results(Checkbox))
        with self.prevent(Checkbox.Changed):
            if box.id == "whole":
                if box.value:
                    for service in services:
                        service.value = False
                elif not any(service.value for service in services):
                    box.value = True
            elif box.value:
                whole.value = False
            elif not any(service.value for service in services):
                whole.value = True
        if self._services_error:
            self._services_error = ""
            self.render_state()

    def chosen_services(self) -> list[int]:
        """The ticked services' ids; none for the whole structure."""
        if self.query_one("#whole", Checkbox).value:
            return []
        return [
            int(box.id.removeprefix("service-"))
            for box in self.query("Checkbox.service").results(Checkbox)
            if box.value and box.id
        ]
