"""The windows of « Mes rattachements aux structures » (F4): « consulter la structure »,
« accéder à la demande », and « Supprimer rattachements » — the confirmation window, then, where
the user is principal manager, the designation of the new principal manager of each structure
(by login id, with the « Loupe » user search). Nothing is removed before that last step is
validated: all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from chorus_tui.domain import memberships
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.domain.memberships import RemovalLine, ServiceLine
from chorus_tui.i18n import Translator, has_message
from chorus_tui.models import Membership, Service, Structure, User
from chorus_tui.models.codes import MembershipStatus
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.dialogs.account_successors import SuccessorSearchDialog
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.screens.forms import FormBase
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import LiteralLabel, literal, sanitize
from chorus_tui.ui.widgets.memberships import role_label, status_label

STYLES = Path(__file__).parent.parent / "styles"


def _fields_table() -> Table:
    """Two columns: the labels in bold, the values folded when too long."""
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1, overflow="fold")
    return table


def _lines_table(t: Translator, *headers: str) -> Table:
    table = Table(
        box=None,
        show_header=True,
        header_style="bold underline",
        padding=(0, 2, 0, 0),
        expand=True,
    )
    for header in headers:
        table.add_column(Text(t(header)), overflow="fold")
    return table


def country_name(language: str, code: str) -> str:
    names = {alpha: name for name, alpha in country_options(language)}
    return names.get(code, code)


def identifier_type_label(t: Translator, code: str) -> str:
    key = f"memberships.identifier_type.{code}"
    return t(key) if has_message(key) else code


class _ReadOnlyWindow(ChorusModal[None]):
    """A read-only window: a title, a scrolling body, « Fermer »; Esc closes."""

    CSS_PATH = STYLES / "memberships.tcss"
    AUTO_FOCUS = "#close"
    WINDOW_ID: ClassVar[str] = ""

    def body(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id=self.WINDOW_ID, classes="window membership-window") as window:
            window.border_title = Text(t(self.TITLE_KEY))
            with VerticalScroll(classes="membership-body"):
                yield from self.body()
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("app.close")), id="close", compact=True)
        yield ChorusFooter()

    @on(Button.Pressed, "#close")
    def _close_pressed(self) -> None:
        self.dismiss(None)


class StructureDialog(_ReadOnlyWindow):
    """« Consulter la structure »: its identity, address and services, read-only."""

    TITLE_KEY = "memberships.structure.title"
    WINDOW_ID = "structure-window"

    def __init__(self, structure: Structure, services: Sequence[Service]) -> None:
        super().__init__()
        self._structure = structure
        self._services = list(services)

    def body(self) -> ComposeResult:
        t = self.t
        structure = self._structure
        table = _fields_table()
        rows: tuple[tuple[str, Text], ...] = (
            ("identifier_type", Text(identifier_type_label(t, structure.identifier_type))),
            ("identifier", literal(structure.identifier)),
            ("raison_sociale", literal(structure.raison_sociale)),
            ("kind", Text(t(f"code.{structure.kind}"))),
            ("status", Text(t(f"code.{structure.status}"))),
            ("adresse", literal(" ".join(filter(None, [structure.adresse, structure.complement])))),
            ("code_postal", literal(structure.code_postal)),
            ("ville", literal(structure.ville)),
            ("pays", literal(country_name(t.language, structure.pays))),
            ("telephone", literal(structure.telephone)),
        )
        for name, value in rows:
            table.add_row(Text(t(f"memberships.structure.{name}")), value)
        yield Static(table, id="structure-fields")
        yield Static(Text(t("memberships.structure.services")), classes="membership-heading")
        if not self._services:
            yield Static(Text(t("memberships.structure.no_services")), classes="membership-empty")
            return
        services = _lines_table(
            t, "memberships.request.col.code", "memberships.request.col.libelle"
        )
        for service in self._services:
            services.add_row(literal(service.code), literal(service.libelle))
        yield Static(services, id="structure-services")


class MembershipDialog(_ReadOnlyWindow):
    """« Accéder à la demande »: the membership request — structure, rôle, statut, dates,
    commentaire, motif of a refusal — and its services with their statuses."""

    TITLE_KEY = "memberships.request.title"
    WINDOW_ID = "request-window"

    def __init__(self, membership: Membership, lines: Sequence[ServiceLine]) -> None:
        super().__init__()
        self._membership = membership
        self._lines = list(lines)

    def body(self) -> ComposeResult:
        t = self.t
        membership = self._membership
        structure = membership.structure
        table = _fields_table()
        rows: list[tuple[str, Text]] = [
            ("structure", literal(f"{structure.identifier} – {structure.raison_sociale}")),
            ("role", Text(role_label(t, membership.role))),
            ("status", Text(status_label(t, membership.status))),
            ("start_date", Text(t.date(membership.start_date))),
            ("end_date", Text(t.date(membership.end_date) or "–")),
            ("requested_at", Text(t.datetime(membership.requested_at))),
            ("comment", literal(membership.comment or "–")),
        ]
        if membership.status == MembershipStatus.REFUSEE:
            rows.append(("motif", literal(membership.motif or "–")))
        for name, value in rows:
            table.add_row(Text(t(f"memberships.request.{name}")), value)
        yield Static(table, id="request-fields")
        yield Static(Text(t("memberships.request.services")), classes="membership-heading")
        if membership.whole_structure or not self._lines:
            yield Static(Text(t("memberships.request.whole")), id="request-whole")
            return
        services = _lines_table(
            t,
            "memberships.request.col.code",
            "memberships.request.col.libelle",
            "memberships.request.col.status",
        )
        for line in self._lines:
            services.add_row(
                literal(line.code),
                literal(line.libelle),
                Text(t(f"memberships.service_status.{line.status}")),
            )
        yield Static(services, id="request-services")


# -- « Supprimer rattachements » --------------------------------------------------------------


def removal_body(t: Translator, plan: Sequence[RemovalLine]) -> RenderableType:
    """The lines of the confirmation window: Identifiant Structure, Désignation, Code Service
    (empty for the whole structure), Statut."""
    table = Table(box=None, show_header=True, header_style="bold underline", padding=(0, 2, 0, 0))
    table.add_column(Text(t("memberships.remove.col.identifier")), no_wrap=True)
    # Bounded so the table never asks for more than the 72 columns of the window at 80×24.
    table.add_column(Text(t("memberships.remove.col.designation")), max_width=24)
    table.add_column(Text(t("memberships.remove.col.code")), max_width=14, overflow="fold")
    table.add_column(Text(t("memberships.remove.col.status")), no_wrap=True)
    for line in plan:
        membership = line.membership
        structure = membership.structure
        codes = (
            ""
            if membership.whole_structure
            else ", ".join(service.code for service in memberships.membership_services(membership))
        )
        table.add_row(
            literal(structure.identifier),
            literal(structure.raison_sociale),
            literal(codes),
            Text(status_label(t, membership.status)),
        )
    return table


def removal_dialog(t: Translator, plan: Sequence[RemovalLine]) -> ConfirmDialog:
    """« Fenêtre de confirmation »: the lines, the guide's warning, « OK » / « Annuler » (the
    focus starts on « Annuler »: Enter alone removes nothing)."""
    return ConfirmDialog(
        t("memberships.remove.title"),
        t("memberships.remove.message"),
        t("memberships.remove.ok"),
        t("account.cancel"),
        body=removal_body(t, plan),
        note=t("memberships.remove.warning"),
        safe_default=True,
        window_id="removal-window",
    )


class SuccessorDialog(FormBase, ChorusModal[int]):
    """The step after « OK » when the user is principal manager of some of the structures: the
    login id of the new principal manager of each (F3 or the button opens the « Loupe »), then
    « Valider » removes every chosen membership at once. Dismisses the number of memberships
    removed, 0 after a conflict (the list is to be reloaded), or None when cancelled."""

    CSS_PATH = STYLES / "memberships.tcss"
    TITLE_KEY = "memberships.successor.title"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f3", "search", "memberships.key.search", id="memberships.successor_search"),
    ]

    def __init__(self, actor: User, plan: Sequence[RemovalLine]) -> None:
        super().__init__()
        self._actor = actor
        self._plan = list(plan)
        self._heirs = [line.membership.structure for line in plan if line.needs_successor]
        self.FIELDS = tuple(f"successor_{structure.id}" for structure in self._heirs)
        self.AUTO_FOCUS = f"#{self.FIELDS[0]}" if self.FIELDS else "#cancel"

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="successor-window", classes="window membership-window") as window:
            window.border_title = Text(t("memberships.successor.title"))
            with VerticalScroll(classes="membership-body"):
                yield Static(Text(t("memberships.successor.intro")), classes="confirm-message")
                yield Notice(id="form-notice")
                for structure in self._heirs:
                    yield LiteralLabel(
                        f"{structure.raison_sociale} ({structure.identifier})",
                        classes="successor-structure",
                    )
                    yield FormField(
                        t("memberships.successor.field"),
                        TextField(id=f"successor_{structure.id}", max_length=255),
                        classes="-inline",
                    )
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("memberships.successor.search")), id="search", compact=True)
                yield Static(classes="spacer")
                yield Button(Text(t("app.validate")), id="submit", variant="primary", compact=True)
                yield Button(Text(t("account.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    def _summary_text(self) -> str:
        names = [
            sanitize(structure.raison_sociale)
            for structure in self._heirs
            if f"successor_{structure.id}" in self._field_errors
        ]
        if not names:
            return super()._summary_text()
        return self.t("memberships.successor.errors", structures=", ".join(names))

    @on(Button.Pressed, "#search")
    def action_search(self) -> None:
        """The « Loupe » for the focused field (the first one when none is focused)."""
        focused = self.focused
        target = (
            focused.id
            if isinstance(focused, Input) and focused.id in self.FIELDS
            else self.FIELDS[0]
        )

        def picked(user: User | None) -> None:
            field = self.query_one(f"#{target}", Input)
            if user is not None:
                field.value = user.login
            field.focus()

        self.app.push_screen(SuccessorSearchDialog(self._actor), picked)

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def submit(self) -> None:
        successors = {
            structure.id: self.query_one(f"#successor_{structure.id}", Input).value
            for structure in self._heirs
        }
        ids = [line.membership.id for line in self._plan]
        with self.chorus.guard():
            try:
                count = memberships.remove_memberships(
                    self.chorus.services, self._actor, ids, successors=successors
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except Conflict as error:
                self.chorus.show_error(error)
                self.dismiss(0)
                return
            self.dismiss(count)
