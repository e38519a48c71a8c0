"""A table that shows one page of a domain query at a time, as the guides' tables do:
« « 1/3 » 5 lignes par page (12 lignes) », page sizes 5/10/20/50, and a tick column for the
multi-selection.

The table never holds more than a page: :class:`PagedTable` asks its ``load(size, offset)``
callable for a :class:`~chorus_tui.domain.paging.Page` (the domain counts and pages in SQL), and
builds each row with ``cells(row)``. Keys, when the table has the focus: Space ticks the row,
Enter posts :class:`PagedTable.Activated`, ``n``/``p`` go to the next/previous page, ``l``
changes the number of lines per page. Ticks are kept across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.message import Message
from textual.widgets import DataTable, Label

from chorus_tui.domain.paging import PAGE_SIZES, Page
from chorus_tui.ui.widgets.app_access import AppAccess
from chorus_tui.ui.widgets.footer import ChorusFooter

TICKED = "[x]"
UNTICKED = "[ ]"


@dataclass(frozen=True)
class Column:
    """A column: its key, the catalogue key of its header ("" for none), its width."""

    key: str
    label_key: str
    width: int


# The footer shows « n p Pages »: two keys, one label (the help window lists both keys).
PAGES = Binding.Group("table.key.pages")


class PageTable(DataTable):
    """The DataTable of a :class:`PagedTable`; its keys act on the block."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("space", "toggle", "table.key.toggle", show=False, id="table.toggle"),
        Binding("n", "next_page", "table.key.next", id="table.next", group=PAGES),
        Binding("p", "previous_page", "table.key.previous", id="table.previous", group=PAGES),
        Binding("l", "page_size", "table.key.size", show=False, id="table.size"),
    ]

    @property
    def block(self) -> PagedTable:
        return cast(PagedTable, self.parent)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        block = self.block
        if action == "toggle":
            return block.selectable and block.current_id() is not None
        if action in ("next_page", "previous_page"):
            return _page_key_state(block.page, forward=action == "next_page")
        return True

    def action_toggle(self) -> None:
        self.block.toggle_current()

    def action_next_page(self) -> None:
        self.block.turn(+1)

    def action_previous_page(self) -> None:
        self.block.turn(-1)

    def action_page_size(self) -> None:
        self.block.next_page_size()

    def hold_height(self) -> None:
        """Turning pages, the table keeps the tallest height it had: a shorter page (the last
        one, or one of one-line rows) then leaves the blocks around it where they are, and the
        turn lays out the table alone instead of the screen twice. The rule is set without a
        refresh: the table has that height already."""
        height = self.outer_size.height
        held = self.styles.min_height
        if height and (held is None or held.value < height):
            self.styles.set_rule("min_height", Scalar.from_number(height))

    def release_height(self) -> None:
        """The list changed (new criteria, another page size): its height follows its rows."""
        if self.styles.set_rule("min_height", None):
            self.refresh(layout=True)


def _page_key_state(page: Page | None, *, forward: bool) -> bool | None:
    """« n » and « p » are hidden while everything fits on one page; with several pages both
    stay shown, dimmed (None) at the ends. The footer then keeps the same keys from the first
    page to the last, and a page turned repaints two keys instead of laying the screen out again."""
    if page is None or page.pages <= 1:
        return False
    can_turn = page.number < page.pages if forward else page.offset > 0
    return True if can_turn else None


class PagedTable(AppAccess, Vertical):
    """One page of rows, the pager line under it, and the selection."""

    DEFAULT_CSS = """
    PagedTable {
        height: auto;
        PageTable {
            height: auto;
            max-height: 14;
            background: $background;
            border: round $foreground 40%;
            &:focus { border: round $accent; background-tint: $foreground 0%; }
            & > .datatable--header { background: $background; text-style: bold; }
        }
        .pager { height: 1; }
        .pager-position { width: auto; margin-right: 1; }
        .pager-count { width: auto; color: $text-muted; }
        .pager-selected { width: 1fr; text-align: right; text-style: bold; }
        .pager-empty { color: $text-muted; text-style: italic; }
    }
    """

    class Activated(Message):
        """Enter on a row: ``row_id`` is its key."""

        def __init__(self, table: PagedTable, row_id: int) -> None:
            super().__init__()
            self.table = table
            self.row_id = row_id

        @property
        def control(self) -> PagedTable:
            return self.table

    class Loaded(Message):
        """A page was loaded: ``page`` holds its rows and the total."""

        def __init__(self, table: PagedTable, page: Page) -> None:
            super().__init__()
            self.table = table
            self.page = page

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        load: Callable[[int, int], Page],
        cells: Callable[[Any], Sequence[Text | str]],
        *,
        selectable: bool = True,
        page_size: int = PAGE_SIZES[0],
        empty_key: str = "table.empty",
        autoload: bool = True,
        row_height: int | None = 1,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.columns = tuple(columns)
        self.load = load
        self.cells = cells
        self.selectable = selectable
        self.page_size = page_size
        self.empty_key = empty_key
        self.autoload = autoload
        self.row_height = row_height
        """Lines per row; None fits each row to its cells (long names wrap instead of being
        cut)."""
        self.selected: set[int] = set()
        self.page: Page | None = None
        self.rows: dict[int, Any] = {}
        self._offset = 0

    @property
    def table(self) -> PageTable:
        return self.query_one(PageTable)

    def compose(self) -> ComposeResult:
        t = self.t
        table = PageTable(cursor_type="row", zebra_stripes=False)
        if self.id:
            table.id = f"{self.id}-table"
        if self.selectable:
            table.add_column(Text(""), key="mark", width=3)
        for column in self.columns:
            label = Text(t(column.label_key)) if column.label_key else Text("")
            table.add_column(label, key=column.key, width=column.width)
        yield table
        with Horizontal(classes="pager"):
            yield Label(Text(""), classes="pager-position")
            yield Label(Text(""), classes="pager-count")
            yield Label(Text(""), classes="pager-selected")

    def on_mount(self) -> None:
        if self.autoload:
            self.reload()

    # -- loading ----------------------------------------------------------------------------

    def reload(self, *, first_page: bool = False) -> None:
        """Load the current page again (or the first one); ticks of vanished rows go."""
        if first_page:
            self._offset = 0
            self.table.release_height()
        with self.chorus.guard():
            self._show(self.load(self.page_size, self._offset))

    def _show(self, page: Page) -> None:
        table = self.table
        keys = self._key_state()
        row = table.cursor_row
        table.clear()
        if page.pages <= 1:
            table.release_height()
        self.page = page
        self._offset = page.offset
        self.rows = {}
        for item in page.rows:
            key = int(item.id)
            self.rows[key] = item
            cells = list(self.cells(item))
            if self.selectable:
                cells.insert(0, Text(TICKED if key in self.selected else UNTICKED))
            table.add_row(*cells, key=str(key), height=self.row_height)
        if page.rows:
            table.move_cursor(row=min(max(row, 0), len(page.rows) - 1))
        self._show_pager()
        if self._key_state() != keys:
            # Each refresh rebuilds the footer: only when a key of the table comes or goes.
            table.refresh_bindings()
            for footer in self.screen.query(ChorusFooter):
                footer.show_key_states()
        self.post_message(self.Loaded(self, page))

    def _key_state(self) -> tuple[bool | None, bool | None, bool]:
        """What the table's keys depend on: « n » and « p » as the footer shows them, a row."""
        page = self.page
        return (
            _page_key_state(page, forward=True),
            _page_key_state(page, forward=False),
            bool(page and page.rows),
        )

    def _show_pager(self) -> None:
        t = self.t
        page = self.page
        assert page is not None
        position = self.query_one(".pager-position", Label)
        if page.total:
            _set_text(position, t("table.position", page=page.number, pages=page.pages))
        else:
            _set_text(position, t(self.empty_key))
        position.set_class(not page.total, "pager-empty")
        key = "table.count.one" if page.total == 1 else "table.count"
        _set_text(self.query_one(".pager-count", Label), t(key, size=page.size, total=page.total))
        _set_text(
            self.query_one(".pager-selected", Label),
            t("table.selected", count=len(self.selected)) if self.selected else "",
        )

    def turn(self, step: int) -> None:
        """The next (+1) or previous (-1) page."""
        if self.page is None:
            return
        offset = self._offset + step * self.page_size
        if 0 <= offset < max(self.page.total, 1):
            self._offset = offset
            self.table.hold_height()
            self.reload()
            self.table.move_cursor(row=0)

    def next_page_size(self) -> None:
        """5 → 10 → 20 → 50 → 5 lines per page, staying on the page of the first row shown."""
        sizes = PAGE_SIZES
        self.page_size = sizes[(sizes.index(self.page_size) + 1) % len(sizes)]
        self._offset = self._offset // self.page_size * self.page_size
        self.table.release_height()
        self.reload()

    # -- the rows the actions act on ----------------------------------------------------------

    def current_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value else None

    def current_row(self) -> Any | None:
        current = self.current_id()
        return self.rows.get(current) if current is not None else None

    def chosen_ids(self) -> list[int]:
        """The ticked rows (all pages, ascending), or the row under the cursor when none is."""
        if self.selected:
            return sorted(self.selected)
        current = self.current_id()
        return [current] if current is not None else []

    def toggle_current(self) -> None:
        current = self.current_id()
        if current is None or not self.selectable:
            return
        self.selected.symmetric_difference_update({current})
        mark = TICKED if current in self.selected else UNTICKED
        self.table.update_cell(str(current), "mark", Text(mark))
        self._show_pager()

    def clear_selection(self) -> None:
        self.selected.clear()
        self.reload()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        current = self.current_id()
        if current is not None:
            self.post_message(self.Activated(self, current))

    async def refresh_texts(self) -> None:
        """Headers and the pager line in the current language (the rows are reloaded)."""
        await self.recompose()
        self.reload()


def _set_text(label: Label, text: str) -> None:
    """Show ``text`` literally in ``label``. The screen is laid out again only when the text's
    width changes: « Page 2/400 » after « Page 1/400 » repaints one line, where Textual's
    ``update`` lays out the whole screen (a third of a page turn)."""
    old = label.content
    if isinstance(old, Text) and old.plain == text:
        return
    width = old.cell_len if isinstance(old, Text) else None
    new = Text(text)
    label.update(new, layout=width != new.cell_len)
