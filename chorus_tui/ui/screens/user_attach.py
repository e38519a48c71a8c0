"""« Rattacher un utilisateur » (M7): « Critères de recherche » (Nom, Prénom, Code postal,
Identifiant de connexion, Ville, Adresse, Pays; at least one), « Résultat de la recherche » in a
paged table with « Rattaché à la structure » Oui/Non, Enter on a row not attached yet → the
attach form (rôle, dates, commentaire, services) → « Valider »: the membership is ``VALIDEE`` at
once. « Créer le compte utilisateur » (key ``c``, and offered when nothing is found) opens M8.

Esc goes back, dismissing True when someone was attached or an account created meanwhile."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from chorus_tui.clock import today
from chorus_tui.domain import attach, structures
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.domain.membership_requests import GRANTABLE_ROLES
from chorus_tui.domain.paging import Page
from chorus_tui.models import Structure, User
from chorus_tui.models.codes import Role
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, section
from chorus_tui.ui.screens.search_form import SearchFormScreen
from chorus_tui.ui.screens.services_form import ServicesFormScreen
from chorus_tui.ui.widgets.banner import Banner
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.footer import ChorusFooter
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal, literal_message, sanitize
from chorus_tui.ui.widgets.paged_table import Column, PagedTable

STYLES = Path(__file__).parent.parent / "styles"

CRITERIA = attach.CRITERIA
COLUMNS = (
    Column("nom", "attach.column.nom", 13),
    Column("prenom", "attach.column.prenom", 10),
    Column("login", "attach.column.login", 23),
    Column("status", "attach.column.status", 7),
    Column("attached", "attach.column.attached", 8),
)
MEMBERSHIP_FIELDS = ("role", "start_date", "end_date", "comment")


def structure_line(t, structure: Structure) -> Text:
    return literal_message(
        t("attach.structure"),
        identifier=structure.identifier,
        raison_sociale=structure.raison_sociale,
    )


class MembershipForm(ServicesFormScreen):
    """A form ending with the membership a manager gives (M7, M8): « Rôle * » (gestionnaire
    secondaire or utilisateur simple), « Date de début de validité * » (today), « Date de fin »,
    « Commentaire » with its « n/255 » counter, and « Liste des services » (« Rattacher à la
    structure » or some services). Subclasses list the membership fields last in ``FIELDS``."""

    CSS_PATH = STYLES / "attach.tcss"
    COUNTER_KEY = "attach.form.counter"

    # -- layout -----------------------------------------------------------------------------

    def compose_membership(self) -> ComposeResult:
        t = self.t
        yield section(t("attach.form.section.details"))
        roles = [(Text(t(f"code.{role}")), str(role)) for role in GRANTABLE_ROLES]
        yield FormField(
            t("attach.form.role"),
            Select(roles, value=str(Role.UTILISATEUR_SIMPLE), allow_blank=False, id="role"),
            classes="-inline",
        )
        hint = t("attach.form.date_hint")
        start = t.date(today(self.chorus.services.clock))
        yield self._field("start_date", TextField(start, placeholder=hint))
        yield self._field("end_date", TextField(placeholder=hint))
        yield self._field("comment", TextField())
        yield Static(Text(""), id="comment-counter")
        yield section(t("attach.form.section.services"))
        if not self.services:
            yield Static(Text(t("attach.form.no_service")), classes="attach-hint")
        else:
            yield Static(Text(t("attach.form.services_hint")), classes="attach-hint")
        with Vertical(id="services"):
            yield Checkbox(Text(t("attach.form.whole")), True, id="whole")
            for service in self.services:
                label = literal_message(
                    t("attach.form.service"), code=service.code, libelle=service.libelle
                )
                yield Checkbox(label, False, id=f"service-{service.id}", classes="service")
        yield Static(Text(""), id="services-error")

    def _field(self, name: str, control: TextField) -> FormField:
        control.id = name
        return FormField(self.t(f"attach.form.{name}"), control, classes="-inline")

    def _summary_text(self) -> str:
        if self._services_error and not self._field_errors:
            return self.t("error.validation_fields", fields=self.t("attach.form.section.services"))
        return super()._summary_text()

    def membership_values(self) -> dict[str, Any]:
        role = self.query_one("#role", Select).value
        values: dict[str, Any] = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("start_date", "end_date", "comment")
        }
        values["role"] = role if isinstance(role, str) else ""
        values["service_ids"] = self.chosen_services()
        return values

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class AttachFormScreen(MembershipForm):
    """« Rattachement d'un utilisateur à la structure »: the structure and the person read-only,
    then the membership; Ctrl+S « Valider », Esc « Annuler ». Dismisses True once attached."""

    TITLE_KEY = "attach.form.title"
    AUTO_FOCUS = "#role"
    FIELDS: ClassVar[tuple[str, ...]] = MEMBERSHIP_FIELDS
    SUBMIT_COMMAND = "attach.form.cmd.submit"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "attach.form.key.back", id="attach.form.back"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="attach.form.logout"),
    ]

    def __init__(self, structure_id: int, user_id: int) -> None:
        super().__init__(structure_id)
        self.user_id = user_id
        self.user: User = User.get_by_id(user_id)

    def compose(self) -> ComposeResult:
        t = self.t
        structure, user = self.structure, self.user
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="attach-form-page", classes="form-page"):
            yield Label(Text(t("attach.form.title")), classes="page-title")
            yield Notice(id="form-notice")
            yield section(t("attach.form.section.structure"))
            yield ReadOnlyRow(t("attach.form.identifier"), structure.identifier)
            yield ReadOnlyRow(
                t("attach.form.designation"), structure.raison_sociale, id="row-designation"
            )
            yield section(t("attach.form.section.user"))
            yield ReadOnlyRow(t("attach.form.nom"), user.nom, id="row-nom")
            yield ReadOnlyRow(t("attach.form.prenom"), user.prenom, id="row-prenom")
            yield ReadOnlyRow(t("attach.form.login"), user.login, id="row-login")
            yield from self.compose_membership()
            with Horizontal(classes="form-buttons", id="attach-buttons"):
                yield Button(
                    Text(t("attach.form.submit")), id="submit", variant="primary", compact=True
                )
                yield Button(Text(t("attach.form.cancel")), id="cancel", compact=True)
        yield ChorusFooter()

    def submit(self) -> None:
        values = self.membership_values()
        with self.chorus.guard():
            try:
                attach.attach_user(
                    self.chorus.services,
                    self.session.user,
                    self.structure_id,
                    self.user_id,
                    **values,
                )
            except (ValidationError, Conflict) as error:
                self.show_refusal(error)
                return
            self.chorus.notify(
                self.t(
                    "attach.done",
                    user=sanitize(self.user.display_name),
                    structure=sanitize(self.structure.raison_sociale),
                ),
                markup=False,
            )
            self.dismiss(True)


class AttachUserScreen(SearchFormScreen):
    """The account search of « Rattacher un utilisateur »; Enter in a criterion or Ctrl+S runs
    it, Enter on a result opens the attach form, ``c`` « Créer le compte utilisateur »."""

    CSS_PATH = STYLES / "attach.tcss"
    TITLE_KEY = "attach.title"
    AUTO_FOCUS = "#nom"
    FIELDS: ClassVar[tuple[str, ...]] = CRITERIA
    SELECTS = ("pays",)
    RESULTS_TABLE = "#accounts-table"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "back", "attach.key.back", id="attach.back"),
        Binding("ctrl+s", "submit", "attach.key.search", id="attach.search"),
        Binding("c", "create_account", "attach.key.create", show=False, id="attach.create"),
        Binding("ctrl+o", "logout", "app.key.logout", show=False, id="attach.logout"),
    ]

    def __init__(self, structure_id: int) -> None:
        super().__init__()
        self.structure_id = structure_id
        self.structure: Structure = structures.get_structure(structure_id)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        t = self.t
        yield Banner(self.session, t, last_login=False)
        with VerticalScroll(id="attach-page", classes="form-page"):
            yield Label(Text(t("attach.title")), classes="page-title")
            yield Static(structure_line(t, self.structure), id="attach-structure")
            yield Static(Text(t("attach.tip")), classes="attach-hint")
            yield Notice(id="form-notice")
            with Grid(id="criteria"):
                for name in CRITERIA:
                    yield FormField(t(f"attach.field.{name}"), self._control(name))
            with Horizontal(classes="form-buttons"):
                yield Button(Text(t("attach.search")), id="submit", variant="primary", compact=True)
                yield Button(Text(t("attach.create")), id="create", compact=True)
            with Vertical(id="results"):
                yield Label(Text(t("attach.results")), classes="section-title")
                yield PagedTable(
                    COLUMNS,
                    self._load,
                    self._cells,
                    selectable=False,
                    autoload=False,
                    empty_key="attach.empty",
                    id="accounts",
                )
                yield Static(Text(t("attach.hint")), classes="attach-hint")
            with Vertical(id="no-result"):
                yield Static(Text(t("attach.none_found")), id="none-found")
        yield ChorusFooter()

    def _control(self, name: str) -> Input | Select:
        if name != "pays":
            return TextField(id=name)
        options = [(Text(label), code) for label, code in country_options(self.t.language)]
        return Select(options, prompt=self.t("attach.any"), id=name, compact=False)

    # -- the search -------------------------------------------------------------------------

    def _load(self, size: int, offset: int) -> Page[User]:
        assert self._criteria is not None
        return attach.search_accounts(
            self.session.user, self.structure_id, self._criteria, size=size, offset=offset
        )

    def check_criteria(self, criteria: dict[str, str]) -> None:
        attach.check_criteria(criteria)

    def no_result_target(self):
        return self.query_one("#create")

    def _cells(self, user: User) -> list[Text]:
        t = self.t
        return [
            literal(user.nom),
            literal(user.prenom),
            literal(user.login),
            Text(t(f"code.{user.status}")),
            Text(t("attach.yes" if user.attached else "attach.no")),
        ]

    def action_back(self) -> None:
        self.dismiss(self.changed)

    # -- Rattacher --------------------------------------------------------------------------

    @on(PagedTable.Activated)
    def _activated(self, event: PagedTable.Activated) -> None:
        event.stop()
        self.attach_user(event.row_id)

    def attach_user(self, user_id: int) -> None:
        """The attach form of that account; an account attached already is said at once."""
        row = self.query_one(PagedTable).rows.get(user_id)
        if row is not None and row.attached:
            self.chorus.notify(
                self.t("attach.is_attached", user=sanitize(row.display_name)),
                severity="error",
                markup=False,
            )
            return

        def done(result: object) -> None:
            if result:
                self._changed()

        with self.chorus.guard():
            self.app.push_screen(AttachFormScreen(self.structure_id, user_id), done)

    def _changed(self) -> None:
        self.changed = True
        if self._criteria is not None:
            self.query_one(PagedTable).reload()
            if self._total:
                self.query_one("#accounts-table").focus()

    # -- Créer le compte utilisateur --------------------------------------------------------

    @on(Button.Pressed, "#create")
    def action_create_account(self) -> None:
        from chorus_tui.ui.screens.account_create import CreateAccountScreen

        def done(created: object) -> None:
            if created:
                self._changed()

        with self.chorus.guard():
            self.app.push_screen(CreateAccountScreen(self.structure_id), done)

    # -- palette ----------------------------------------------------------------------------

    def palette_commands(self) -> list[Command]:
        t = self.t
        return [
            Command(t("attach.cmd.search"), t("attach.cmd.search.help"), self.submit),
            Command(
                t("attach.cmd.create"), t("attach.cmd.create.help"), self.action_create_account
            ),
            *super().palette_commands(),
        ]
