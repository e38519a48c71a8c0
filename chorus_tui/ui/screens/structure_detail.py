"""M7 « Consulter / modifier la structure », as its managers see it: the structure (identifier
and raison sociale read-only), its address (Ctrl+S saves), « Droits des gestionnaires
secondaires » (principal only), its services (create, rename, deactivate / reactivate) and
« Utilisateurs rattachés à la structure » (tick with Space; deactivate, reactivate, remove, change
the role and services of one), plus the entry points of the other manager screens (attach, create
an account, transfer the principal role, change the identifier, technical users, history).

An ``INACTIF`` structure is shown read-only. Esc goes back, dismissing True when something was
changed (the caller reloads its list)."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from chorus_tui.domain import structure_admin
from chorus_tui.domain.errors import Conflict, DomainError, NotFound, ValidationError
from chorus_tui.domain.paging import Page
from chorus_tui.domain.rights import Action, allowed, is_active_person, role_in
from chorus_tui.models import Membership, Service, Structure, User
from chorus_tui.models.codes import Role, SecondaryRights, StructureStatus
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.account_parts import ReadOnlyRow
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase, FormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message, sanitize
from chorus_tui.ui.widgets.paged_table import Column, PagedTable, PageTable
from chorus_tui.ui.widgets.section import section

STYLES = Path(__file__).parent.parent / "styles"
SHOWN_LINES = 12
"""Users listed in a confirmation window; the others are counted."""

SERVICE_COLUMNS = (
    Column("code", "sadmin.svc.col.code", 14),
    Column("libelle", "sadmin.svc.col.libelle", 36),
    Column("status", "sadmin.svc.col.status", 10),
)
USER_COLUMNS = (
    Column("nom", "sadmin.users.col.nom", 7),
    Column("prenom", "sadmin.users.col.prenom", 6),
    Column("contact", "sadmin.users.col.contact", 10),
    Column("role", "sadmin.users.col.role", 7),
    Column("user_status", "sadmin.users.col.user_status", 6),
    Column("reactivated", "sadmin.users.col.reactivated", 6),
    Column("last_login", "sadmin.users.col.last_login", 6),
    Column("membership", "sadmin.users.col.membership", 7),
)

# The screens opened from here, imported when opened: name → (module, class, right needed).
ENTRY_POINTS: dict[str, tuple[str, str, Action | None]] = {
    "attach": ("chorus_tui.ui.screens.user_attach", "AttachUserScreen", Action.MANAGE_USERS),
    "create": ("chorus_tui.ui.screens.account_create", "CreateAccountScreen", Action.MANAGE_USERS),
    "transfer": ("chorus_tui.ui.dialogs.transfer", "TransferDialog", Action.TRANSFER_PRINCIPAL),
    "identifier": (
        "chorus_tui.ui.screens.identifier_change",
        "IdentifierChangeScreen",
        Action.CHANGE_IDENTIFIER,
    ),
    "technical": (
        "chorus_tui.ui.screens.technical_users",
        "TechnicalUsersScreen",
        Action.MANAGE_TECHNICAL_USERS,
    ),
    "spaces": (
        "chorus_tui.ui.screens.structure_spaces",
        "StructureSpacesScreen",
        Action.PARAMETRIZE_SPACES,
    ),
    "history": ("chorus_tui.ui.screens.history", "HistoryScreen", None),
}
ENTRY_KEYS = {
    "attach": "a",
    "create": "c",
    "transfer": "t",
    "identifier": "i",
    "technical": "u",
    "spaces": "s",
    "history": "h",
}
JUMP_KEYS = {"users": "f5", "services": "f6"}


def person(user: Any) -> str:
    return user.formal_name


class ServicesTable(PagedTable):
    """The services of the structure; its keys act on the service under the cursor."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("plus", "add_service", "sadmin.svc.key.add", id="sadmin.svc.add"),
        Binding("e", "rename_service", "sadmin.svc.key.rename", id="sadmin.svc.rename"),
        Binding("x", "toggle_service", "sadmin.svc.key.toggle", id="sadmin.svc.toggle"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen
        if not isinstance(screen, StructureDetailScreen) or not screen.writable:
            return False
        if action in ("rename_service", "toggle_service"):
            return self.current_id() is not None
        return True

    def action_add_service(self) -> None:
        screen = self.screen
        if isinstance(screen, StructureDetailScreen):
            screen.add_service()

    def action_rename_service(self) -> None:
        screen = self.screen
        if isinstance(screen, StructureDetailScreen):
            screen.rename_service()

    def action_toggle_service(self) -> None:
        screen = self.screen
        if isinstance(screen, StructureDetailScreen):
            screen.toggle_service()


class UsersTable(PagedTable):
    """« Utilisateurs rattachés à la structure »; its keys act on the ticked rows (or the row
    under the cursor)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("d", "members('deactivate')", "sadmin.key.deactivate", id="sadmin.deactivate"),
        Binding("r", "members('reactivate')", "sadmin.key.reactivate", id="sadmin.reactivate"),
        Binding("delete", "members('remove')", "sadmin.key.remove", id="sadmin.remove"),
        Binding("m", "modify", "sadmin.key.modify", id="sadmin.modify"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        screen = self.screen
        if action in ("members", "modify"):
            if not isinstance(screen, StructureDetailScreen) or not screen.writable:
                return False
            return self.current_id() is not None
        return True

    def action_members(self, operation: str) -> None:
        screen = self.screen
        if isinstance(screen, StructureDetailScreen):
            screen.confirm_members(operation)

    def action_modify(self) -> None:
        screen = self.screen
        if isinstance(screen, StructureDetailScreen):
            screen.modify_member()


class StructureDetailScreen(FormScreen):
    """One structure of « Mes structures »."""

    CSS_PATH = STYLES / "structure_admin.tcss"
    TITLE_KEY = "sadmin.detail.title"
    AUTO_FOCUS = "#adresse"
    FIELDS: ClassVar[tuple[str, ...]] = structure_admin.ADDRESS_FIELDS
    SUBMIT_COMMAND = "sadmin.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "sadmin.key.back", id="sadmin.detail.back"),
        *(
            Binding(
                key,
                f"open('{name}')",
                f"sadmin.key.{name}",
                show=name == "history",
                id=f"sadmin.open.{name}",
            )
            for name, key in ENTRY_KEYS.items()
        ),
        *(
            Binding(
                key,
                f"jump('{block}')",
                f"sadmin.key.{block}",
                show=False,
                id=f"sadmin.jump.{block}",
            )
            for block, key in JUMP_KEYS.items()
        ),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.structure: Structure | None = None
        self.load_error: DomainError | None = None
        self.changed = False
        self.writable = False
        self.principal = False
        self.role: Role | None = None

    # -- loading ----------------------------------------------------------------------------------

    def _fetch(self) -> None:
        user = self.session.user
        try:
            self.structure = structure_admin.structure_detail(user, self.structure_id)
        except DomainError as error:
            self.structure = None
            self.load_error = error
            self.FIELDS = ()
            self.writable = self.principal = False
            return
        self.load_error = None
        active = self.structure.status == StructureStatus.ACTIF
        # One query for the role; the rights below and the entry keys are read from it.
        self.role = role_in(user, self.structure) if is_active_person(user) else None
        rights = self.structure.secondary_rights
        self.writable = active and allowed(self.role, Action.MANAGE_USERS, rights)
        self.principal = allowed(self.role, Action.SET_SECONDARY_RIGHTS, rights)
        self.FIELDS = structure_admin.ADDRESS_FIELDS if self.writable else ()
        self.AUTO_FOCUS = "#adresse" if self.writable else "#users-table"

    # -- layout -----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        self._fetch()
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="structure-page", classes="form-page"):
            yield Label(Text(t("sadmin.detail.title")), classes="page-title")
            structure = self.structure
            if structure is None:
                error = self.load_error
                yield Static(
                    Text(self.chorus.error_text(error) if error else ""), id="sadmin-denied"
                )
            else:
                yield from self._compose_structure(structure)
        yield ChorusFooter()

    def _compose_structure(self, structure: Structure) -> ComposeResult:
        t = self.t
        if structure.status != StructureStatus.ACTIF:
            yield Static(Text(t("sadmin.detail.inactive")), id="sadmin-inactive")
        yield Notice(id="form-notice")
        yield section(t("sadmin.section.structure"))
        yield ReadOnlyRow(t("sadmin.field.identifier"), structure.identifier, id="row-identifier")
        yield ReadOnlyRow(
            t("sadmin.field.raison_sociale"), structure.raison_sociale, id="row-raison-sociale"
        )
        yield ReadOnlyRow(t("sadmin.field.status"), t(f"code.{structure.status}"))
        if structure.successor_id:
            successor = Structure.get_or_none(Structure.id == structure.successor_id)
            if successor is not None:
                yield ReadOnlyRow(
                    t("sadmin.detail.successor"),
                    f"{successor.identifier} – {successor.raison_sociale}",
                )
        yield section(t("sadmin.section.address"))
        if self.writable:
            for name in structure_admin.ADDRESS_FIELDS:
                yield FormField(
                    t(f"sadmin.field.{name}"), self._control(name, structure), classes="-inline"
                )
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("sadmin.save")), id="submit", variant="primary", compact=True)
        else:
            countries = {code: label for label, code in country_options(t.language)}
            for name in structure_admin.ADDRESS_FIELDS:
                value = getattr(structure, name) or t("sadmin.none")
                if name == "pays":
                    value = countries.get(value, value)
                yield ReadOnlyRow(t(f"sadmin.field.{name}"), value, id=f"row-{name}")
        if self.principal:
            yield section(t("sadmin.section.rights"))
            options = [(Text(t(f"sadmin.rights.{code}")), code.value) for code in SecondaryRights]
            yield Select(
                options,
                value=structure.secondary_rights,
                allow_blank=False,
                disabled=not self.writable,
                id="secondary_rights",
            )
        title = section(t("sadmin.section.services"), self._key("services"))
        title.id = "services-title"
        yield title
        yield ServicesTable(
            SERVICE_COLUMNS,
            self._load_services,
            self._service_cells,
            selectable=False,
            empty_key="sadmin.svc.empty",
            id="services",
        )
        if self.writable:
            yield Static(Text(t("sadmin.svc.hint")), classes="sadmin-hint")
        title = section(t("sadmin.section.users"), self._key("users"))
        title.id = "users-title"
        yield title
        yield UsersTable(
            USER_COLUMNS,
            self._load_users,
            self._user_cells,
            selectable=self.writable,
            empty_key="sadmin.users.empty",
            row_height=None,
            id="users",
        )
        yield Static(Text(t("sadmin.users.legend")), classes="sadmin-hint")
        if self.writable:
            yield Static(Text(t("sadmin.users.hint")), classes="sadmin-hint")
            if self.principal:
                yield Static(Text(t("sadmin.users.hint.more")), classes="sadmin-hint")

    def _control(self, name: str, structure: Structure) -> Any:
        value = getattr(structure, name) or ""
        if name == "pays":
            options = [(Text(label), code) for label, code in country_options(self.t.language)]
            return Select(options, value=value or "FR", allow_blank=False, id=name)
        return TextField(value=value, id=name)

    def _key(self, block: str) -> str:
        return self.chorus.get_key_display(Binding(JUMP_KEYS[block], ""))

    def on_mount(self) -> None:
        super().on_mount()
        # Whatever has the focus, the page opens at its top, on the structure.
        page = self.query_one("#structure-page")
        self.call_after_refresh(page.scroll_home, animate=False)

    def render_state(self) -> None:
        if self.structure is None:
            return
        super().render_state()

    # -- tables -----------------------------------------------------------------------------------

    def _load_services(self, size: int, offset: int) -> Page[Service]:
        rows = structure_admin.structure_services(self.session.user, self.structure_id)
        return Page(rows[offset : offset + size], len(rows), offset, size)

    def _service_cells(self, row: Service) -> list[Text]:
        t = self.t
        status = t("sadmin.svc.active") if row.active else t("sadmin.svc.inactive")
        return [literal(row.code), literal(row.libelle), Text(status)]

    def _load_users(self, size: int, offset: int) -> Page[Membership]:
        return structure_admin.structure_users(
            self.session.user, self.structure_id, size=size, offset=offset
        )

    def _user_cells(self, row: Membership) -> list[Text]:
        t = self.t
        user = row.user
        none = t("sadmin.none")
        return [
            literal(user.nom),
            literal(user.prenom),
            literal(user.email or user.login),
            Text(t(f"sadmin.role.{row.role}")),
            Text(t(f"sadmin.ustatus.{user.status}")),
            Text(t.date(user.reactivated_at) or none),
            Text(t.date(user.last_login_at) or none),
            Text(t(f"sadmin.mstatus.{row.status}")),
        ]

    @property
    def users(self) -> UsersTable:
        return self.query_one("#users", UsersTable)

    @property
    def services_table(self) -> ServicesTable:
        return self.query_one("#services", ServicesTable)

    # -- the address ------------------------------------------------------------------------------

    def _values(self) -> dict[str, str]:
        values: dict[str, str] = {}
        for name in structure_admin.ADDRESS_FIELDS:
            widget = self.query_one(f"#{name}")
            value = widget.value if isinstance(widget, (Input, Select)) else ""
            values[name] = value if isinstance(value, str) else ""
        return values

    def submit(self) -> None:
        structure = self.structure
        if structure is None or not self.writable:
            return
        version = structure.version
        with self.chorus.guard():
            try:
                saved = structure_admin.update_structure(
                    self.chorus.services,
                    self.session.user,
                    self.structure_id,
                    self._values(),
                    expected_version=version,
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound) as error:
                self.show_conflict(error)
                return
            self.clear_errors()
            self.structure = saved
            if saved.version != version:
                self.changed = True
                self.query_one("#form-notice", Notice).show(self.t("sadmin.saved"), "success")
            else:
                self.query_one("#form-notice", Notice).show(self.t("sadmin.unchanged"), "info")

    def show_conflict(self, error: DomainError) -> None:
        """Someone changed the structure meanwhile (X8): the screen shows what is saved now, and
        the message stays above its fields (a toast when the structure is gone)."""
        self._field_errors = {}
        if isinstance(error, Conflict) and not error.params:
            self._summary = f"error.{error.code}"
        else:
            self.chorus.show_error(error)
        self.call_later(self.reload_all)

    async def reload_all(self) -> None:
        await self.recompose()
        self.render_state()
        self.refresh_bindings()

    # -- secondary managers' rights ---------------------------------------------------------------

    @on(Select.Changed, "#secondary_rights")
    def _rights_changed(self, event: Select.Changed) -> None:
        structure = self.structure
        value = event.value
        if structure is None or not isinstance(value, str) or value == structure.secondary_rights:
            return
        with self.chorus.guard():
            try:
                self.structure = structure_admin.set_secondary_rights(
                    self.chorus.services,
                    self.session.user,
                    self.structure_id,
                    value,
                    expected_version=structure.version,
                )
            except (Conflict, NotFound) as error:
                self.show_conflict(error)
                return
            except DomainError:
                with self.prevent(Select.Changed):
                    event.select.value = structure.secondary_rights
                raise
            self.changed = True
            self.chorus.notify(
                self.t("sadmin.rights.saved", value=self.t(f"sadmin.rights.{value}")),
                markup=False,
            )

    # -- services ---------------------------------------------------------------------------------

    def _current_service(self) -> Service | None:
        return self.services_table.current_row()

    def add_service(self) -> None:
        self.app.push_screen(ServiceDialog(self.structure_id), self._after_service)

    def rename_service(self) -> None:
        service = self._current_service()
        if service is not None:
            self.app.push_screen(ServiceDialog(self.structure_id, service), self._after_service)

    def toggle_service(self) -> None:
        service = self._current_service()
        if service is None:
            return
        t = self.t
        kind = "deactivate" if service.active else "reactivate"
        dialog = ConfirmDialog(
            t(f"sadmin.svc.{kind}.title"),
            sanitize(
                t(
                    f"sadmin.svc.{kind}.message",
                    code=sanitize(service.code),
                    libelle=sanitize(service.libelle),
                )
            ),
            t("sadmin.validate"),
            t("sadmin.cancel"),
            window_id="service-confirm",
        )

        def done(ok: object) -> None:
            if ok:
                self._toggle_service(service)

        self.app.push_screen(dialog, done)

    def _toggle_service(self, service: Service) -> None:
        operation = (
            structure_admin.deactivate_service
            if service.active
            else structure_admin.reactivate_service
        )
        key = "sadmin.svc.deactivated" if service.active else "sadmin.svc.reactivated"
        with self.chorus.guard():
            try:
                operation(self.chorus.services, self.session.user, self.structure_id, service.id)
            finally:
                self.services_table.reload()
            self.changed = True
            self.chorus.notify(self.t(key, code=sanitize(service.code)), markup=False)

    def _after_service(self, done: object) -> None:
        if done:
            self.changed = True
        self.services_table.reload()

    # -- users ------------------------------------------------------------------------------------

    def confirm_members(self, operation: str) -> None:
        """« Désactiver / Réactiver des utilisateurs », « Supprimer les utilisateurs
        sélectionnés »: a window listing them, then the operation (all or nothing)."""
        table = self.users
        ids = table.chosen_ids()
        rows = [table.rows[i] for i in ids if i in table.rows]
        missing = [i for i in ids if i not in table.rows]
        if missing:
            rows.extend(
                Membership.select(Membership, User)
                .join(User, on=(Membership.user == User.id))
                .where(Membership.id.in_(missing))
                .order_by(Membership.id)
            )
        if not rows:
            self.chorus.notify(self.t("sadmin.nothing"), severity="warning", markup=False)
            return
        t = self.t
        dialog = ConfirmDialog(
            t(f"sadmin.{operation}.title"),
            t(f"sadmin.{operation}.message", count=len(rows)),
            t(f"sadmin.{operation}.ok"),
            t("sadmin.cancel"),
            body=self._members_table(rows),
            safe_default=operation == "remove",
            window_id=f"{operation}-confirm",
        )

        def done(ok: object) -> None:
            if ok:
                self._run_members(operation, ids)

        self.app.push_screen(dialog, done)

    def _members_table(self, rows: Sequence[Membership]) -> Table:
        t = self.t
        table = Table(box=None, header_style="bold underline", padding=(0, 2, 0, 0), expand=True)
        for key in ("nom", "prenom", "contact", "role"):
            table.add_column(Text(t(f"sadmin.users.col.{key}")), overflow="fold")
        for row in rows[:SHOWN_LINES]:
            user = row.user
            table.add_row(
                literal(user.nom),
                literal(user.prenom),
                literal(user.email or user.login),
                Text(t(f"code.{row.role}")),
            )
        if len(rows) > SHOWN_LINES:
            table.add_row(Text(t("sadmin.confirm.more", count=len(rows) - SHOWN_LINES)))
        return table

    def _run_members(self, operation: str, ids: list[int]) -> None:
        call = {
            "deactivate": structure_admin.deactivate_members,
            "reactivate": structure_admin.reactivate_members,
            "remove": structure_admin.remove_members,
        }[operation]
        done_key = {
            "deactivate": "sadmin.deactivated",
            "reactivate": "sadmin.reactivated",
            "remove": "sadmin.removed",
        }[operation]
        with self.chorus.guard():
            try:
                count = call(self.chorus.services, self.session.user, self.structure_id, ids)
            except (Conflict, NotFound):
                self.users.reload()
                raise
            self.changed = True
            self.users.clear_selection()
            self.chorus.notify(self.t(done_key, count=count), markup=False)

    def modify_member(self) -> None:
        row = self.users.current_row()
        if row is None:
            return
        self.app.push_screen(MemberDialog(self.structure_id, row), self._after_member)

    def _after_member(self, done: object) -> None:
        if done:
            self.changed = True
        self.users.reload()

    # -- the other screens ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open" and parameters:
            name = str(parameters[0])
            if self.structure is None:
                return False
            needed = ENTRY_POINTS[name][2]
            if needed is None:
                return True
            # Footer and palette ask on every refresh of the keys (a page turned): the role read
            # with the structure answers without a query; the operation checks again anyway.
            return self.writable and allowed(self.role, needed, self.structure.secondary_rights)
        if action == "jump":
            return self.structure is not None
        if action == "submit":
            return self.writable
        return super().check_action(action, parameters)

    def action_open(self, name: str) -> None:
        module_name, factory_name, _ = ENTRY_POINTS[name]
        factory = getattr(importlib.import_module(module_name), factory_name)
        self.app.push_screen(factory(self.structure_id), self._after_other)

    def _after_other(self, done: object) -> None:
        if done:
            self.changed = True
            self.call_later(self.reload_all)

    def action_jump(self, block: str) -> None:
        widget = self.query_one(f"#{block}", PagedTable)
        widget.query_one(PageTable).focus(scroll_visible=False)
        self.query_one(f"#{block}-title").scroll_visible(animate=False, top=True)

    def action_back(self) -> None:
        self.dismiss(self.changed or None)

    def palette_commands(self) -> list[Command]:
        t = self.t
        commands: list[Command] = []
        if self.structure is not None and self.writable:
            for operation in ("deactivate", "reactivate", "remove"):
                commands.append(
                    Command(
                        t(f"sadmin.cmd.{operation}"),
                        t("sadmin.cmd.help"),
                        lambda operation=operation: self.confirm_members(operation),
                    )
                )
            commands.append(
                Command(t("sadmin.cmd.modify"), t("sadmin.cmd.help"), self.modify_member)
            )
        for name in ENTRY_POINTS:
            if self.check_action("open", (name,)):
                commands.append(
                    Command(
                        t(f"sadmin.cmd.{name}"),
                        t("sadmin.cmd.open_help"),
                        lambda name=name: self.action_open(name),
                    )
                )
        base = super().palette_commands()
        if not self.writable:
            base = [command for command in base if command.callback != self.submit]
        return [*commands, *base]


class ServiceDialog(FormBase, ChorusModal[object]):
    """« Créer un service » (code and name) or rename one (its name); dismisses True once
    saved."""

    CSS_PATH = STYLES / "structure_admin.tcss"
    TITLE_KEY = "sadmin.svc.new.title"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "sadmin.cancel", id="sadmin.svc.close"),
    ]

    def __init__(self, structure_id: int, service: Service | None = None) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.service = service
        self.FIELDS = ("libelle",) if service else ("code", "libelle")
        self.AUTO_FOCUS = "#libelle" if service else "#code"

    def compose(self) -> ComposeResult:
        t = self.t
        service = self.service
        with Vertical(id="service-window", classes="window") as window:
            if service is None:
                window.border_title = Text(t("sadmin.svc.new.title"))
            else:
                window.border_title = literal_message(
                    t("sadmin.svc.rename.title"), code=service.code
                )
            yield Notice(id="form-notice")
            if service is None:
                yield FormField(t("sadmin.svc.field.code"), TextField(id="code"), classes="-inline")
            yield FormField(
                t("sadmin.svc.field.libelle"),
                TextField(value=service.libelle if service else "", id="libelle"),
                classes="-inline",
            )
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("sadmin.cancel")), id="cancel", compact=True)
                yield Button(
                    Text(t("sadmin.validate")), id="submit", variant="primary", compact=True
                )
        yield ChorusFooter()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        libelle = self.query_one("#libelle", Input).value
        with self.chorus.guard():
            try:
                if self.service is None:
                    code = self.query_one("#code", Input).value
                    created = structure_admin.create_service(
                        self.chorus.services,
                        self.chorus.session.user,
                        self.structure_id,
                        code,
                        libelle,
                    )
                    message = self.t("sadmin.svc.created", code=sanitize(created.code))
                else:
                    structure_admin.rename_service(
                        self.chorus.services,
                        self.chorus.session.user,
                        self.structure_id,
                        self.service.id,
                        libelle,
                    )
                    message = self.t("sadmin.svc.renamed", code=sanitize(self.service.code))
            except ValidationError as error:
                self.show_validation(error)
                return
            except (Conflict, NotFound):
                self.dismiss(True)
                raise
            self.chorus.notify(message, markup=False)
            self.dismiss(True)


class MemberDialog(FormBase, ChorusModal[object]):
    """Change one member's role (gestionnaire secondaire or utilisateur simple) and services;
    dismisses True once saved (or once a conflict is said: the caller reloads)."""

    CSS_PATH = STYLES / "structure_admin.tcss"
    TITLE_KEY = "sadmin.member.title"
    AUTO_FOCUS = "#role"
    FIELDS: ClassVar[tuple[str, ...]] = ("role",)
    SUBMIT_COMMAND = "sadmin.member.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "close", "sadmin.cancel", id="sadmin.member.close"),
    ]

    def __init__(self, structure_id: int, membership: Membership) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.membership = membership

    def compose(self) -> ComposeResult:
        t = self.t
        membership = self.membership
        services = [
            service
            for service in structure_admin.structure_services(
                self.chorus.session.user, self.structure_id
            )
            if service.active
        ]
        checked = set(structure_admin.member_codes([membership.id]).get(membership.id, []))
        with Vertical(id="member-window", classes="window") as window:
            window.border_title = Text(t("sadmin.member.title"))
            yield Static(
                literal_message(t("sadmin.member.user"), user=person(membership.user)),
                id="member-user",
            )
            yield Notice(id="form-notice")
            roles = [
                (Text(t(f"code.{role}")), str(role)) for role in structure_admin.CHANGEABLE_ROLES
            ]
            value = membership.role if membership.role in structure_admin.CHANGEABLE_ROLES else None
            yield FormField(
                t("sadmin.member.role"),
                Select(roles, value=value or roles[-1][1], allow_blank=False, id="role"),
                classes="-inline",
            )
            yield Label(Text(t("sadmin.member.services")), classes="section-title")
            if services:
                yield Static(Text(t("sadmin.member.services_hint")), classes="sadmin-hint")
                with VerticalScroll(id="member-services"):
                    for service in services:
                        yield Checkbox(
                            literal(f"{service.code} – {service.libelle}"),
                            service.id in checked and not membership.whole_structure,
                            id=f"service-{service.id}",
                            classes="service",
                        )
            else:
                yield Static(Text(t("sadmin.member.no_service")), classes="sadmin-hint")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("sadmin.cancel")), id="cancel", compact=True)
                yield Button(
                    Text(t("sadmin.validate")), id="submit", variant="primary", compact=True
                )
        yield ChorusFooter()

    def chosen_services(self) -> list[int]:
        return [
            int(box.id.removeprefix("service-"))
            for box in self.query("Checkbox.service").results(Checkbox)
            if box.value and box.id
        ]

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        role = self.query_one("#role", Select).value
        membership = self.membership
        with self.chorus.guard():
            try:
                structure_admin.change_member(
                    self.chorus.services,
                    self.chorus.session.user,
                    self.structure_id,
                    membership.id,
                    role if isinstance(role, str) else "",
                    self.chosen_services(),
                    expected_version=membership.version,
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except DomainError:
                self.dismiss(True)
                raise
            self.chorus.notify(
                self.t("sadmin.member.saved", user=sanitize(person(membership.user))),
                markup=False,
            )
            self.dismiss(True)
