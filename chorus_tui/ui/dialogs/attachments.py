"""The windows of the « Pièces jointes » (F6): consult, add, edit, delete, download, and the
keyboard pickers of a file and of a directory.

The add, edit and download windows are forms of the same kind as the screens' (:class:`FormBase`):
errors in red next to each field and one summary at the top, Ctrl+S to validate, Esc to close.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DirectoryTree, Label, Select, Static

from chorus_tui.domain import documents
from chorus_tui.domain.errors import ValidationError
from chorus_tui.models.documents import Document
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.attachments import type_label
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, sanitize

STYLES = Path(__file__).parent.parent / "styles"
MAX_LISTED = 8
"""Names listed in the delete confirmation; more are summed up by « … »."""


def start_directory() -> Path:
    """Where the pickers open: the user's home directory (tests point it elsewhere)."""
    return Path.home()


def display_path(path: Path) -> str:
    """``path`` with the home directory written « ~ » (the domain expands it back)."""
    home = Path.home()
    try:
        return str(Path("~") / Path(path).relative_to(home))
    except ValueError:
        return str(path)


# -- pickers --------------------------------------------------------------------------------


class SafeDirectoryTree(DirectoryTree):
    """A DirectoryTree that shows file names literally (no control character reaches the
    terminal), hides dot files, labels its root with the folder's name, and goes up with
    Backspace. ``directories_only`` leaves the files out (choosing where to download)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding(
            "backspace", "parent", "attachments.key.parent", key_display="⌫", id="picker.parent"
        ),
    ]
    # Plain characters: emoji icons take a varying width in terminals and tmux.
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "
    ICON_FILE = "  "

    def __init__(self, path: Path, *, directories_only: bool = False, id: str | None = None):
        self.directories_only = directories_only
        super().__init__(path, id=id)

    def process_label(self, label) -> Text:
        if isinstance(label, str):
            return literal(label)
        return super().process_label(label)

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".") and (not self.directories_only or _is_dir(path))
        ]

    def on_mount(self) -> None:
        self._label_root()

    async def watch_path(self) -> None:
        await super().watch_path()
        self._label_root()

    def _label_root(self) -> None:
        path = Path(self.path)
        self.root.set_label(literal(path.name or str(path)))

    def action_parent(self) -> None:
        path = Path(self.path).resolve()
        if path.parent != path:
            self.path = path.parent


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class FilePickerDialog(ChorusModal[str | None]):
    """« Parcourir... »: the folders and files under the start directory; Enter opens a folder
    or picks the file (the window returns its path)."""

    CSS_PATH = STYLES / "attachments.tcss"
    TITLE_KEY = "attachments.picker.title"
    AUTO_FOCUS = "#picker-tree"

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self._start = start or start_directory()

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="picker-window", classes="window") as window:
            window.border_title = Text(t("attachments.picker.title"))
            yield SafeDirectoryTree(self._start, id="picker-tree")
            yield Label(Text(t("attachments.picker.hint")), classes="attachments-hint")
        yield ChorusFooter()

    @on(DirectoryTree.FileSelected)
    def _file_selected(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.dismiss(str(event.path))


# -- consult and delete ---------------------------------------------------------------------


class ConsultDialog(ChorusModal[None]):
    """Every detail of one attachment, shown literally; Esc closes."""

    CSS_PATH = STYLES / "attachments.tcss"
    TITLE_KEY = "attachments.consult.title"
    AUTO_FOCUS = "#close"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = document

    def compose(self) -> ComposeResult:
        t = self.t
        document = self._document
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1, overflow="fold")
        rows = (
            ("attachments.column.type", literal(type_label(t, document.type))),
            ("attachments.column.designation", literal(document.designation)),
            ("attachments.column.filename", literal(document.filename)),
            ("attachments.column.extension", literal(document.extension)),
            (
                "attachments.consult.size",
                Text(t("attachments.consult.size_value", size=f"{document.size:,}")),
            ),
            ("attachments.consult.sha256", Text(document.sha256)),
            ("attachments.consult.created_at", Text(t.datetime(document.created_at))),
            ("attachments.consult.modified_at", Text(t.datetime(document.modified_at) or "–")),
        )
        for key, value in rows:
            table.add_row(Text(t(key)), value)
        with Vertical(id="consult-window", classes="window") as window:
            window.border_title = Text(t("attachments.consult.title"))
            yield Static(table, id="consult-table")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("app.close")), id="close", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)


class DeleteDialog(ChorusModal[bool]):
    """« Supprimer pièces jointes »: the names of the files, then « Supprimer » or « Annuler »
    (the focus starts on « Annuler »: Enter alone deletes nothing)."""

    CSS_PATH = STYLES / "attachments.tcss"
    TITLE_KEY = "attachments.delete.title"
    AUTO_FOCUS = "#cancel"

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self._names = list(names)

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="delete-window", classes="window") as window:
            window.border_title = Text(t("attachments.delete.title"))
            yield Label(Text(t("attachments.delete.message", count=len(self._names))))
            listed = Text()
            for index, name in enumerate(self._names[:MAX_LISTED]):
                if index:
                    listed.append("\n")
                listed.append("• ")
                listed.append_text(literal(name))
            if len(self._names) > MAX_LISTED:
                listed.append(f"\n… (+{len(self._names) - MAX_LISTED})")
            yield Static(listed, id="delete-names")
            with Horizontal(classes="window-buttons"):
                yield Button(
                    Text(t("attachments.delete.confirm")),
                    id="confirm",
                    variant="error",
                    compact=True,
                )
                yield Button(Text(t("attachments.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(False)


# -- forms ----------------------------------------------------------------------------------


class AttachmentForm(FormBase, ChorusModal[bool]):
    """A form in a window: FormBase's errors, Enter and Ctrl+S, plus Esc to close. Dismisses
    True once the change is saved."""

    CSS_PATH = STYLES / "attachments.tcss"

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(False)

    def _type_select(self, value: str | None = None) -> Select[str]:
        t = self.t
        options = [(type_label(t, kind), kind.code) for kind in documents.document_types()]
        return Select(
            options,
            prompt=t("attachments.field.type.prompt"),
            value=value if value is not None else Select.NULL,
            id="type",
        )

    def _type_value(self) -> str | None:
        value = self.query_one("#type", Select).value
        return None if value is Select.NULL else str(value)

    def _buttons(self, submit_key: str) -> ComposeResult:
        t = self.t
        with Horizontal(classes="window-buttons"):
            yield Button(Text(t(submit_key)), id="submit", variant="primary", compact=True)
            yield Button(Text(t("attachments.cancel")), id="cancel", compact=True)


class AddDocumentDialog(AttachmentForm):
    """« Ajouter une pièce jointe »: the file (a typed path, or « Parcourir... » / F3 for the
    keyboard picker), the désignation and the type."""

    TITLE_KEY = "attachments.add"
    FIELDS = ("file", "designation", "type")
    SUBMIT_COMMAND = "attachments.cmd.add"
    AUTO_FOCUS = "#file"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f3", "browse", "attachments.key.browse", id="attachments.browse"),
    ]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self._start = start

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="add-window", classes="window attachment-form") as window:
            window.border_title = Text(t("attachments.add"))
            yield Notice(id="form-notice")
            yield FormField(t("attachments.field.file"), TextField(id="file"), classes="-inline")
            with Horizontal(id="browse-row"):
                yield Button(Text(t("attachments.browse")), id="browse", compact=True)
                yield Label(Text(t("attachments.file_hint")), classes="attachments-hint")
            yield FormField(
                t("attachments.field.designation"),
                TextField(id="designation", max_length=255),
                classes="-inline",
            )
            yield FormField(t("attachments.field.type"), self._type_select(), classes="-inline")
            yield from self._buttons("attachments.submit.add")
        yield ChorusFooter()

    def action_enter(self) -> None:
        # Enter in the path goes on to the désignation (« Parcourir... » stays a Tab away).
        if self.focused is not None and self.focused.id == "file":
            self.query_one("#designation").focus()
            return
        super().action_enter()

    @on(Button.Pressed, "#browse")
    def action_browse(self) -> None:
        self.app.push_screen(FilePickerDialog(self._start), self._picked)

    def _picked(self, path: str | None) -> None:
        if path:
            self.query_one("#file", TextField).value = path
            self.query_one("#designation").focus()

    @on(Select.Changed, "#type")
    def _type_changed(self) -> None:
        if "type" in self._field_errors:
            del self._field_errors["type"]
            self.query_one("#field-type", FormField).set_error("")

    def submit(self) -> None:
        path = self.query_one("#file", TextField).value
        designation = self.query_one("#designation", TextField).value
        with self.chorus.guard():
            try:
                document = documents.add_document(
                    self.chorus.services,
                    self.chorus.session.user,
                    path,
                    designation,
                    self._type_value(),
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(
                self.t("attachments.added", name=sanitize(document.filename)), markup=False
            )
            self.dismiss(True)


class EditDocumentDialog(AttachmentForm):
    """« Éditer une pièce jointe »: the désignation and the type of one file."""

    TITLE_KEY = "attachments.edit.title"
    FIELDS = ("designation", "type")
    AUTO_FOCUS = "#designation"

    def __init__(self, document: Document) -> None:
        super().__init__()
        self._document = document

    def compose(self) -> ComposeResult:
        t = self.t
        document = self._document
        with Vertical(id="edit-window", classes="window attachment-form") as window:
            window.border_title = Text(t("attachments.edit.title"))
            yield Notice(id="form-notice")
            yield Label(
                Text.assemble(
                    (t("attachments.column.filename") + " : ", "bold"), literal(document.filename)
                ),
                id="edit-filename",
            )
            designation = TextField(document.designation, id="designation", max_length=255)
            yield FormField(t("attachments.field.designation"), designation, classes="-inline")
            yield FormField(
                t("attachments.field.type"),
                self._type_select(document.type.code),
                classes="-inline",
            )
            yield from self._buttons("attachments.submit.edit")
        yield ChorusFooter()

    @on(Select.Changed, "#type")
    def _type_changed(self) -> None:
        if "type" in self._field_errors:
            del self._field_errors["type"]
            self.query_one("#field-type", FormField).set_error("")

    def submit(self) -> None:
        designation = self.query_one("#designation", TextField).value
        with self.chorus.guard():
            try:
                documents.update_document(
                    self.chorus.services,
                    self.chorus.session.user,
                    self._document.id,
                    designation,
                    self._type_value(),
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(self.t("attachments.edited"), markup=False)
            self.dismiss(True)


class DownloadDialog(AttachmentForm):
    """« Télécharger pièces jointes »: a directory, typed or picked in the tree (Enter on a
    folder chooses it); the files are written there and their names listed."""

    TITLE_KEY = "attachments.download.title"
    FIELDS = ("directory",)
    AUTO_FOCUS = "#directory-tree"

    def __init__(self, ids: Sequence[int], start: Path | None = None) -> None:
        super().__init__()
        self._ids = list(ids)
        self._start = start or start_directory()
        self._done = False

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="download-window", classes="window attachment-form") as window:
            window.border_title = Text(t("attachments.download.title"))
            yield Label(Text(t("attachments.download.message", count=len(self._ids))))
            yield Notice(id="form-notice")
            yield SafeDirectoryTree(self._start, directories_only=True, id="directory-tree")
            yield Label(Text(t("attachments.download.hint")), classes="attachments-hint")
            yield FormField(
                t("attachments.field.directory"),
                TextField(display_path(self._start), id="directory"),
                classes="-inline",
            )
            yield from self._buttons("attachments.submit.download")
        yield ChorusFooter()

    @on(DirectoryTree.DirectorySelected)
    def _directory_selected(self, event: DirectoryTree.DirectorySelected) -> None:
        event.stop()
        self.query_one("#directory", TextField).value = display_path(event.path)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit" and self._done:
            return False
        return super().check_action(action, parameters)

    def submit(self) -> None:
        if self._done:  # written once; Ctrl+S again must not write copies
            return
        directory = self.query_one("#directory", TextField).value
        with self.chorus.guard():
            try:
                written = documents.download_documents(
                    self.chorus.session.user, self._ids, directory
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            self._done = True
            self._field_errors = {}
            self._summary = None
            self.render_state()
            parent = written[0].parent if written else Path(directory)
            listed = literal(self.t("attachments.downloaded", directory=display_path(parent)))
            for path in written:
                listed.append("\n• ")
                listed.append_text(literal(path.name))
            self.query_one("#form-notice", Notice).show(listed, "success")
            self.query_one("#submit", Button).display = False
            self.query_one("#cancel", Button).label = Text(self.t("app.close"))
            self.query_one("#cancel", Button).focus()
            self.refresh_bindings()
