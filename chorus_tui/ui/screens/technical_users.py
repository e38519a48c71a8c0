"""M9 « Utilisateurs techniques » of a structure (principal manager only): the list, ``n``
« Créer un utilisateur technique » (a login id; the system draws the password), ``r``
« Réinitialiser le mot de passe de l'utilisateur technique » (after a confirmation). Either way
a window shows the password ONCE, with « Exporter les informations de connexion » to a new file
readable by its owner only. Esc goes back, dismissing True when something changed."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Static

from chorus_tui.domain import structures, technical_users
from chorus_tui.domain.errors import DomainError, ValidationError
from chorus_tui.models import Structure, User
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.account_parts import ReadOnlyRow
from chorus_tui.ui.screens.base import ChorusModal, SessionScreen
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, sanitize

STYLES = Path(__file__).parent.parent / "styles"
COLUMNS = ("login", "created", "password", "status")


def default_credentials_path(login: str) -> str:
    """``~/<login>.txt`` (the login id's slashes, if any, would name folders: replaced)."""
    name = sanitize(login).replace("/", "_").replace("\\", "_") or "technical-user"
    return f"~/{name}.txt"


class TechnicalUsersScreen(SessionScreen):
    """The structure's technical users; ``n`` creates one, ``r`` resets the selected one."""

    CSS_PATH = STYLES / "structure_principal.tcss"
    TITLE_KEY = "techusers.title"
    AUTO_FOCUS = "#techusers-table"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("n", "create", "techusers.key.create", id="techusers.create"),
        Binding("r", "reset", "techusers.key.reset", id="techusers.reset"),
        Binding("escape", "back", "techusers.key.back", id="techusers.back"),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.changed = False
        self._users: list[User] = []
        self._structure: Structure | None = None
        self._error: DomainError | None = None

    @property
    def structure(self) -> Structure | None:
        if self._structure is None and self._error is None:
            try:
                self._structure = structures.get_structure(self.structure_id)
            except DomainError as error:
                self._error = error
        return self._structure

    def compose(self) -> ComposeResult:
        t = self.t
        structure = self.structure
        name = structure.raison_sociale if structure else ""
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="techusers-page", classes="form-page"):
            yield Label(
                Text(t("techusers.heading", structure=sanitize(name))), classes="page-title"
            )
            yield Static(Text(t("techusers.intro")), classes="techusers-intro")
            if structure is not None:
                yield ReadOnlyRow(
                    t("techusers.identifier"), structure.identifier, id="row-identifier"
                )
            yield Notice(id="techusers-notice")
            yield DataTable(id="techusers-table", cursor_type="row", show_row_labels=False)
            yield Static(Text(t("techusers.empty")), id="techusers-empty")
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("techusers.create")), id="create", compact=True)
                yield Button(Text(t("techusers.reset.button")), id="reset", compact=True)
        yield ChorusFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in COLUMNS:
            table.add_column(Text(self.t(f"techusers.col.{name}")), key=name)
        self.reload()

    async def refresh_texts(self) -> None:
        await super().refresh_texts()
        self.on_mount()

    def reload(self, select: int | None = None) -> None:
        """Read the list again (after a creation or a reset)."""
        t = self.t
        notice = self.query_one("#techusers-notice", Notice)
        table = self.query_one(DataTable)
        table.clear()
        self._users = []
        try:
            if self._error is not None:
                raise self._error
            self._users = technical_users.technical_users(self.session.user, self.structure_id)
        except DomainError as error:
            self._error = error
            notice.show(self.chorus.error_text(error), "error")
        else:
            notice.clear()
        for user in self._users:
            table.add_row(
                literal(user.login),
                Text(t.date(user.created_at)),
                Text(t.date(user.password_changed_at)),
                Text(t(f"code.{user.status}")),
                key=str(user.id),
            )
        table.display = bool(self._users)
        self.query_one("#techusers-empty").display = not self._users and self._error is None
        self.query_one("#create").display = self._error is None
        self.query_one("#reset").display = self._error is None and bool(self._users)
        if select is not None:
            for index, user in enumerate(self._users):
                if user.id == select:
                    table.move_cursor(row=index)
        self.refresh_bindings()

    def current(self) -> User | None:
        if not self._users:
            return None
        row = self.query_one(DataTable).cursor_row
        return self._users[row] if 0 <= row < len(self._users) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "create":
            return self._error is None
        if action == "reset":
            return self._error is None and bool(self._users)
        return super().check_action(action, parameters)

    # -- actions ------------------------------------------------------------------------------

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        if self._error is not None:
            return

        def created(result: tuple[User, str] | None) -> None:
            if result is None:
                return
            user, password = result
            self.changed = True
            self.reload(select=user.id)
            self.app.push_screen(CredentialsDialog(user.login, password))

        self.app.push_screen(CreateTechnicalUserDialog(self.structure_id), created)

    @on(Button.Pressed, "#reset")
    def action_reset(self) -> None:
        user = self.current()
        if user is None or self._error is not None:
            return
        t = self.t
        dialog = ConfirmDialog(
            t("techusers.reset"),
            t("techusers.reset.message", login=sanitize(user.login)),
            t("techusers.reset.ok"),
            t("techusers.cancel"),
            safe_default=True,
            window_id="techusers-reset-window",
        )
        self.app.push_screen(dialog, lambda ok: self._reset(user) if ok else None)

    def _reset(self, user: User) -> None:
        with self.chorus.guard():
            password = technical_users.reset_technical_password(
                self.chorus.services, self.session.user, user.id
            )
            self.changed = True
            self.reload(select=user.id)
            self.app.push_screen(CredentialsDialog(user.login, password))

    def action_back(self) -> None:
        self.dismiss(True if self.changed else None)

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands = []
        if self.check_action("create", ()):
            commands.append(
                Command(
                    t("techusers.cmd.create"), t("techusers.cmd.create.help"), self.action_create
                )
            )
        if self.check_action("reset", ()):
            commands.append(
                Command(t("techusers.cmd.reset"), t("techusers.cmd.reset.help"), self.action_reset)
            )
        return [*commands, *super().palette_commands()]


class CreateTechnicalUserDialog(FormBase, ChorusModal[tuple[User, str]]):
    """« Créer un utilisateur technique »: the login id; dismisses (user, clear password)."""

    CSS_PATH = STYLES / "structure_principal.tcss"
    TITLE_KEY = "techusers.create.title"
    AUTO_FOCUS = "#login"
    FIELDS: ClassVar[tuple[str, ...]] = ("login",)

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="techuser-create-window", classes="window") as window:
            window.border_title = Text(t("techusers.create.title"))
            yield Static(Text(t("techusers.create.intro")), classes="confirm-message")
            yield Notice(id="form-notice")
            yield FormField(
                t("techusers.create.field.login"),
                TextField(id="login", max_length=255),
                classes="-inline",
            )
            with Horizontal(classes="window-buttons"):
                yield Button(
                    Text(t("techusers.create.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("techusers.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        session = self.chorus.session
        assert session is not None
        login = self.query_one("#login", Input).value
        with self.chorus.guard():
            try:
                result = technical_users.create_technical_user(
                    self.chorus.services, session.user, self.structure_id, login
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except DomainError as error:
                self.chorus.show_error(error)
                self.dismiss(None)
                return
            self.dismiss(result)


class CredentialsDialog(FormBase, ChorusModal[bool]):
    """The login id and the password, shown this once, and « Exporter les informations de
    connexion » to a new file (default ``~/<login>.txt``). Dismisses True once exported."""

    CSS_PATH = STYLES / "structure_principal.tcss"
    TITLE_KEY = "techusers.password.title"
    AUTO_FOCUS = "#path"
    FIELDS: ClassVar[tuple[str, ...]] = ("path",)

    def __init__(self, login: str, password: str) -> None:
        super().__init__()
        self._login = login
        self._password = password

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="credentials-window", classes="window") as window:
            window.border_title = Text(t("techusers.password.title"))
            yield Static(Text(t("techusers.password.intro")), classes="confirm-message")
            yield ReadOnlyRow(t("techusers.password.login"), self._login, id="row-login")
            yield ReadOnlyRow(t("techusers.password.password"), self._password, id="row-password")
            yield Notice(id="form-notice")
            yield FormField(
                t("techusers.export.field.path"),
                TextField(default_credentials_path(self._login), id="path"),
                classes="-inline",
            )
            with Horizontal(classes="window-buttons"):
                yield Button(
                    Text(t("techusers.export.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("techusers.close")), id="close", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(False)

    def submit(self) -> None:
        path = self.query_one("#path", Input).value
        with self.chorus.guard():
            try:
                written = technical_users.export_credentials(path, self._login, self._password)
            except ValidationError as error:
                self.show_validation(error)
                return
            self.chorus.notify(self.t("techusers.exported", path=str(written)), markup=False)
            self.dismiss(True)
