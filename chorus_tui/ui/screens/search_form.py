"""A search screen: criteria (``FIELDS``, the ``SELECTS`` among them are drop-downs) above, the
results in a :class:`PagedTable` below, inside ``Vertical#results`` (and, on screens that say
« nothing found » apart, ``Vertical#no-result``).

Enter in a criterion or Ctrl+S runs the search: the domain checks the criteria first (an error
shows next to its field, « at least one criterion » in the notice), then the first page is
loaded and takes the focus. The structure search (F4), « Rattacher un utilisateur » (M7) and
« Rechercher utilisateur » (M7b) behave alike."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.widget import Widget
from textual.widgets import Input, Select

from chorus_tui.domain.errors import ValidationError
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.widgets.paged_table import PagedTable


class SearchFormScreen(FormScreen):
    """Subclasses give ``SELECTS``, ``RESULTS_TABLE`` (the selector of the table that takes the
    focus) and :meth:`check_criteria`, and compose the layout above."""

    SELECTS: ClassVar[tuple[str, ...]] = ()
    RESULTS_TABLE: ClassVar[str] = ""

    def __init__(self) -> None:
        super().__init__()
        self._criteria: dict[str, str] | None = None
        self._total = 0
        self.changed = False
        """Something changed through this screen: the caller reloads its lists."""

    def on_mount(self) -> None:
        super().on_mount()
        self._show_results_state()

    async def refresh_texts(self) -> None:
        """The new language's words; the results of the last search are shown again."""
        await super().refresh_texts()
        self._show_results_state()
        if self._criteria is not None:
            self.query_one(PagedTable).reload()

    def check_criteria(self, criteria: dict[str, str]) -> None:
        """Raise the domain's :class:`ValidationError` for bad criteria."""
        raise NotImplementedError

    def no_result_target(self) -> Widget | None:
        """What takes the focus when nothing is found (a « create » button, say)."""
        return None

    # -- the search -------------------------------------------------------------------------

    def criteria(self) -> dict[str, str]:
        """What the criteria hold now (a blank select is no criterion)."""
        values: dict[str, str] = {}
        for name in self.FIELDS:
            if name in self.SELECTS:
                value = self.query_one(f"#{name}", Select).value
                values[name] = value if isinstance(value, str) else ""
            else:
                values[name] = self.query_one(f"#{name}", Input).value
        return values

    def submit(self) -> None:
        """« Rechercher »: the criteria are checked by the domain, then the first page shown."""
        criteria = self.criteria()
        with self.chorus.guard():
            try:
                self.check_criteria(criteria)
            except ValidationError as error:
                self.show_validation(error)
                return
            self.clear_errors()
            self._criteria = criteria
            table = self.query_one(PagedTable)
            table.selected.clear()
            table.reload(first_page=True)

    def show_validation(self, error: ValidationError) -> None:
        if "criteria" in error.fields:
            self._field_errors = {}
            self._summary = f"field_error.{error.fields['criteria'][0]}"
            self.render_state()
            self.query_one(".form-page").scroll_home(animate=False, immediate=True)
            self.query_one(f"#{self.FIELDS[0]}").focus(scroll_visible=False)
            return
        super().show_validation(error)

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        self._total = event.page.total
        first = self._criteria is not None and event.page.offset == 0
        self._show_results_state()
        self.refresh_bindings()
        if first and self.focused is not None and self.focused.id in (*self.FIELDS, "submit"):
            target = self.query_one(self.RESULTS_TABLE) if self._total else self.no_result_target()
            if target is not None:
                target.focus(scroll_visible=False)
            apart = not self._total and bool(self.query("#no-result"))
            block = self.query_one("#no-result" if apart else "#results")
            self.call_after_refresh(block.scroll_visible, animate=False, top=True)

    def _show_results_state(self) -> None:
        searched = self._criteria is not None
        no_result = self.query("#no-result")
        if not no_result:
            self.query_one("#results").display = searched
            return
        self.query_one("#results").display = searched and bool(self._total)
        no_result.first().display = searched and not self._total

    def action_enter(self) -> None:
        """Enter in a criterion runs the search (after the field took the keys typed before)."""
        focused = self.focused
        if focused is not None:
            focused.call_later(self.submit)
