"""The « Pièces jointes » block of Mon Compte (F6): the user's attachments in a table, with every
action on them one key away.

:class:`AttachmentsBlock` takes no argument: it reads the session's user from the app. Mount it
anywhere during a session; it loads its first page on mount and :meth:`~AttachmentsBlock.
refresh_documents` reloads it. Keys (when the table has the focus): Space ticks a row, Enter
consults, ``e`` edits, ``d`` downloads the ticked rows (or the current one), Suppr/``x`` deletes
them after a confirmation, ``a`` adds a file, ``g`` opens « Gérer pièces jointes ».
"""

from __future__ import annotations

from typing import ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Label, Static

from chorus_tui.domain import documents
from chorus_tui.i18n import Translator
from chorus_tui.models.documents import Document
from chorus_tui.ui.commands import Command
from chorus_tui.ui.widgets.app_access import SessionAccess
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.section import section

PAGE = 20
TICKED = "[x]"
UNTICKED = "[ ]"

# (column key, catalogue key, width): sized so the table fits an 80-column terminal.
COLUMNS = (
    ("mark", "", 3),
    ("type", "attachments.column.type", 14),
    ("designation", "attachments.column.designation", 20),
    ("extension", "attachments.column.extension", 9),
    ("filename", "attachments.column.filename", 16),
)


def type_label(t: Translator, document_type) -> str:
    """A document type's name in the interface's language."""
    return document_type.label_en if t.language == "EN" else document_type.label_fr


class AttachmentsTable(DataTable):
    """The table of the block; its keys act on the ticked rows or the row under the cursor."""

    BINDINGS: ClassVar[list[Binding]] = [
        # Enter and Space are explained by the line of keys under the table; the footer keeps
        # room for the others.
        Binding(
            "enter",
            "select_cursor",
            "attachments.key.consult",
            show=False,
            id="attachments.consult",
        ),
        Binding("space", "toggle", "attachments.key.toggle", show=False, id="attachments.toggle"),
        Binding("e", "edit", "attachments.key.edit", show=False, id="attachments.edit"),
        Binding("d", "download", "attachments.key.download", id="attachments.download"),
        Binding("delete", "delete", "attachments.key.delete", id="attachments.delete"),
        Binding("a", "add", "attachments.key.add", id="attachments.add"),
        Binding("g", "manage", "attachments.key.manage", id="attachments.manage"),
        Binding("x", "delete", "attachments.key.delete", show=False, id="attachments.delete_x"),
    ]

    @property
    def block(self) -> AttachmentsBlock:
        return cast(AttachmentsBlock, self.parent)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"toggle", "edit", "download", "delete", "select_cursor"}:
            return self.block.current_id() is not None
        if action == "manage":
            return self.block.manage_key
        return True

    def action_toggle(self) -> None:
        self.block.toggle_current()

    def action_edit(self) -> None:
        self.block.edit_current()

    def action_download(self) -> None:
        self.block.download_chosen()

    def action_delete(self) -> None:
        self.block.delete_chosen()

    def action_add(self) -> None:
        self.block.add_document()

    def action_manage(self) -> None:
        self.block.open_manager()


class AttachmentsBlock(SessionAccess, Vertical):
    """« Pièces jointes »: Type, Désignation, Extension, Nom du fichier, a tick column for the
    multi-selection, and a line of keys. ``show_title`` shows the block's title above the
    table; ``manage_key`` offers ``g`` « Gérer pièces jointes » (off on that screen itself)."""

    DEFAULT_CSS = """
    AttachmentsBlock {
        height: auto;
        AttachmentsTable {
            height: auto;
            max-height: 12;
            background: $background;
            border: round $foreground 40%;
            &:focus { border: round $accent; background-tint: $foreground 0%; }
            & > .datatable--header { background: $background; text-style: bold; }
        }
        .attachments-status { height: auto; }
        #attachments-empty { color: $text-muted; text-style: italic; margin-right: 2; }
        #attachments-selected { text-style: bold; }
        .attachments-hint { color: $text-muted; width: 1fr; }
    }
    """

    class Changed(Message):
        """The list changed (or was reloaded): ``total`` documents now."""

        def __init__(self, block: AttachmentsBlock, total: int) -> None:
            super().__init__()
            self.block = block
            self.total = total

        @property
        def control(self) -> AttachmentsBlock:
            return self.block

    def __init__(
        self,
        *,
        show_title: bool = True,
        manage_key: bool = True,
        jump_key: str = "",
        id: str | None = "attachments",
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.show_title = show_title
        self.manage_key = manage_key
        self.jump_key = jump_key
        self.selected: set[int] = set()
        self.total = 0
        self._loaded = 0

    def compose(self) -> ComposeResult:
        t = self.t
        if self.show_title:
            yield section(t("attachments.title"), self.jump_key)
        table = AttachmentsTable(cursor_type="row", zebra_stripes=False, id="attachments-table")
        for key, label, width in COLUMNS:
            table.add_column(Text(t(label)) if label else Text(""), key=key, width=width)
        yield table
        with Horizontal(classes="attachments-status"):
            yield Label(Text(""), id="attachments-empty")
            yield Label(Text(""), id="attachments-selected")
        yield Static(Text(t("attachments.hint")), classes="attachments-hint")

    def on_mount(self) -> None:
        self.refresh_documents()

    @property
    def table(self) -> AttachmentsTable:
        return self.query_one(AttachmentsTable)

    # -- loading ----------------------------------------------------------------------------

    def refresh_documents(self) -> None:
        """Reload the first page from the database (ticks of rows that still exist are kept)."""
        with self.chorus.guard():
            self.total = documents.count_documents(self.user)
            table = self.table
            row = table.cursor_row
            table.clear()
            self._loaded = 0
            self._load_page()
            if self.total:
                table.move_cursor(row=min(max(row, 0), table.row_count - 1))
            existing = {int(key.value) for key in table.rows if key.value}
            self.selected &= existing
            self._show_status()
            self.post_message(self.Changed(self, self.total))

    def _load_page(self) -> None:
        t = self.t
        rows = documents.list_documents(self.user, PAGE, self._loaded)
        for document in rows:
            self.table.add_row(*self._cells(t, document), key=str(document.id))
        self._loaded += len(rows)

    def _cells(self, t: Translator, document: Document) -> list[Text]:
        mark = TICKED if document.id in self.selected else UNTICKED
        return [
            Text(mark),
            literal(type_label(t, document.type)),
            literal(document.designation),
            literal(document.extension),
            literal(document.filename),
        ]

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        # The last loaded row reached: fetch the next page (the table never holds everything).
        if event.cursor_row >= self._loaded - 1 and self._loaded < self.total:
            with self.chorus.guard():
                self._load_page()

    def _show_status(self) -> None:
        t = self.t
        empty = self.query_one("#attachments-empty", Label)
        empty.update(Text(t("attachments.empty") if not self.total else ""))
        empty.display = not self.total
        selected = self.query_one("#attachments-selected", Label)
        selected.update(Text(t("attachments.selected", count=len(self.selected))))
        selected.display = bool(self.selected)

    # -- the rows the actions act on ----------------------------------------------------------

    def current_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(key.value) if key.value else None

    def chosen_ids(self) -> list[int]:
        """The ticked rows, in table order, or the row under the cursor when none is ticked."""
        if self.selected:
            return [int(key.value) for key in self.table.rows if int(key.value) in self.selected]
        current = self.current_id()
        return [current] if current is not None else []

    def toggle_current(self) -> None:
        current = self.current_id()
        if current is None:
            return
        self.selected.symmetric_difference_update({current})
        mark = TICKED if current in self.selected else UNTICKED
        self.table.update_cell(str(current), "mark", Text(mark))
        self._show_status()

    # -- actions ----------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        from chorus_tui.ui.dialogs.attachments import ConsultDialog

        current = self.current_id()
        if current is None:
            return
        with self.chorus.guard():
            self.app.push_screen(ConsultDialog(documents.get_document(self.user, current)))

    def edit_current(self) -> None:
        from chorus_tui.ui.dialogs.attachments import EditDocumentDialog

        current = self.current_id()
        if current is None:
            return
        with self.chorus.guard():
            document = documents.get_document(self.user, current)
            self.app.push_screen(EditDocumentDialog(document), self._after_change)

    def download_chosen(self) -> None:
        from chorus_tui.ui.dialogs.attachments import DownloadDialog

        ids = self.chosen_ids()
        if ids:
            self.app.push_screen(DownloadDialog(ids))

    def delete_chosen(self) -> None:
        from chorus_tui.ui.dialogs.attachments import DeleteDialog

        ids = self.chosen_ids()
        if not ids:
            return
        with self.chorus.guard():
            names = [documents.get_document(self.user, item).filename for item in ids]
            self.app.push_screen(
                DeleteDialog(names), lambda confirmed: self._delete(ids, confirmed)
            )

    def _delete(self, ids: list[int], confirmed: bool | None) -> None:
        if not confirmed:
            return
        with self.chorus.guard():
            count = documents.delete_documents(self.chorus.services, self.user, ids)
            self.selected -= set(ids)
            self.chorus.notify(self.t("attachments.deleted", count=count), markup=False)
        self.refresh_documents()

    def add_document(self) -> None:
        from chorus_tui.ui.dialogs.attachments import AddDocumentDialog

        self.app.push_screen(AddDocumentDialog(), self._after_change)

    def open_manager(self) -> None:
        from chorus_tui.ui.screens.attachments import AttachmentsScreen

        self.app.push_screen(AttachmentsScreen(), lambda _: self.refresh_documents())

    def palette_commands(self) -> list[Command]:
        """Palette entries for the screen that holds the block (« Pièces jointes : … »)."""
        t = self.t
        commands = [
            Command(t("attachments.cmd.add"), t("attachments.cmd.add.help"), self.add_document)
        ]
        if self.manage_key:
            commands.append(
                Command(
                    t("attachments.cmd.manage"), t("attachments.cmd.manage.help"), self.open_manager
                )
            )
        return commands

    def _after_change(self, changed: object) -> None:
        if changed:
            self.refresh_documents()
