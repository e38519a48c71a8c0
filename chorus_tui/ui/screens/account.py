"""« Mon Compte » (F2, F3, F7): one scrolling screen with the blocks of the guides —
Informations générales, Adresse postale, Mes paramètres, Gestion du mot de passe, Question
secrète — saved at once by « Valider », then « Mes rattachements aux structures », the pièces
jointes and « Désactiver mon compte ».

Only the top of the page (down to the title « Adresse postale ») is composed with the
screen; the blocks below it are mounted once it is painted (:mod:`lower_blocks`). A field not
mounted yet holds its saved value, so leaving reads those; « Valider » and F5–F7 mount the rest
first.

The values loaded (and the account's version) are kept: « Annuler » shows them again, leaving
with other values asks first, and « Valider » tells the domain which version it edits, so a
change made meanwhile by someone else is refused and the screen reloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from chorus_tui.domain import accounts, passwords, profile
from chorus_tui.domain.errors import Conflict, ValidationError
from chorus_tui.models import User
from chorus_tui.ui.commands import Command
from chorus_tui.ui.dialogs.account import ConfirmDialog
from chorus_tui.ui.screens.account_deactivation import DeactivationFlow
from chorus_tui.ui.screens.account_parts import ReadOnlyRow, language_options, section
from chorus_tui.ui.screens.base import SpaceScreen
from chorus_tui.ui.screens.forms import FormScreen
from chorus_tui.ui.screens.lower_blocks import BlockBuilder, LowerBlocks
from chorus_tui.ui.widgets.attachments import AttachmentsBlock
from chorus_tui.ui.widgets.countries import country_options
from chorus_tui.ui.widgets.form import FormField, Notice, TextField
from chorus_tui.ui.widgets.literal import literal
from chorus_tui.ui.widgets.memberships import MembershipsBlock
from chorus_tui.ui.widgets.strength import StrengthMeter
from chorus_tui.ui.widgets.subscriptions import SubscriptionsBlock

GENERAL = ("email", "nom", "prenom")
ADDRESS = ("adresse", "complement1", "complement2", "code_postal", "ville")
PHONES = ("telephone", "fax")
PASSWORD = ("current_password", "new_password", "confirmation")
SECRET = ("secret_question", "secret_answer")
TEXT_FIELDS = (*GENERAL, *ADDRESS, *PHONES, *PASSWORD, *SECRET)
SELECTS = ("pays", "language")
DATES = ("created_at", "activated_at", "reactivated_at", "deactivated_at", "modified_at")

# Keys that bring a block into view and put the cursor in its table.
JUMP_KEYS = {"memberships": "f5", "subscriptions": "f6", "attachments": "f7"}
JUMP_TARGETS = {  # block, table
    "memberships": ("#memberships", "#memberships-list-table"),
    "subscriptions": ("#subscriptions-block", "#subscriptions-table"),
    "attachments": ("#attachments", "#attachments-table"),
}

# Labels already in the catalogue for the same fields of the referential completion screen.
_LABEL_KEYS = {name: f"referential.field.{name}" for name in (*GENERAL, *ADDRESS, "pays")}


def stored_values(user: User) -> dict[str, Any]:
    """What the form shows for ``user`` as saved: passwords and the answer are never shown."""
    values: dict[str, Any] = {name: "" for name in TEXT_FIELDS}
    for name in (*GENERAL, *ADDRESS, *PHONES):
        values[name] = getattr(user, name) or ""
    values["secret_question"] = user.secret_question or ""
    values["pays"] = user.pays or "FR"
    values["language"] = user.language
    values["notifications"] = bool(user.notifications)
    return values


class AccountScreen(LowerBlocks, FormScreen, SpaceScreen, DeactivationFlow):
    """The space « Mon Compte » of every logged-in user. Ctrl+S validates every block at once,
    Esc goes back to « Accueil connecté » (asking first when something is not saved)."""

    TITLE_KEY = "account.title"
    SPACE_ID = "account"
    AUTO_FOCUS = "#email"
    FIELDS: ClassVar[tuple[str, ...]] = (
        *GENERAL,
        *ADDRESS,
        "pays",
        *PHONES,
        "language",
        "notifications",
        *PASSWORD,
        *SECRET,
    )
    SUBMIT_COMMAND = "account.cmd.submit"
    LOWER_BLOCKS_PARENT = "#account-form"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "leave", "account.key.back", id="account.back"),
        # The blocks below the form are one key away (their titles show the key).
        *(
            Binding(
                key,
                f"jump('{block}')",
                f"account.key.jump.{block}",
                show=False,
                id=f"account.jump.{block}",
            )
            for block, key in JUMP_KEYS.items()
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._stored: dict[str, Any] = {}
        self._version: int | None = None

    # -- layout -----------------------------------------------------------------------------

    def compose_space(self) -> ComposeResult:
        t = self.t
        user = self.session.user
        if self._version is None:
            self._remember(user)
        self.start_lower_blocks()
        with VerticalScroll(id="account-form", classes="form-page"):
            yield Label(Text(t("account.heading")), classes="page-title")
            yield Notice(id="form-notice")
            yield section(t("referential.section.general"))
            yield ReadOnlyRow(t("account.field.login"), user.login, id="row-login")
            yield from (self._text_field(name, self._stored[name]) for name in GENERAL)
            yield section(t("referential.section.address"))

    def lower_blocks(self) -> list[BlockBuilder]:
        """The blocks below « Informations générales », in the page's order, each built when
        it is mounted."""
        return [
            self._address_block,
            self._settings_block,
            self._password_block,
            self._secret_block,
            lambda: [MembershipsBlock(jump_key=self._key("memberships"))],
            lambda: [SubscriptionsBlock(jump_key=self._key("subscriptions"))],
            lambda: [
                AttachmentsBlock(jump_key=self._key("attachments")),
                Horizontal(
                    Button(Text(self.t("account.deactivate")), id="deactivate"),
                    classes="form-buttons",
                    id="deactivate-buttons",
                ),
            ],
        ]

    def lower_blocks_done(self) -> None:
        self.render_state()

    async def action_enter(self) -> None:
        # Enter moves to the next field as Tab does (every block mounted first if needed).
        focused = self.focused
        if focused is not None and focused.id != self.FIELDS[-1]:
            await self.focus_next_field()
        else:
            super().action_enter()

    def _address_block(self) -> list[Widget]:
        stored = self._stored
        countries = [(Text(label), code) for label, code in country_options(self.t.language)]
        return [
            *(self._text_field(name, stored[name]) for name in ADDRESS),
            self._field("pays", Select(countries, value=stored["pays"], allow_blank=False)),
            *(self._text_field(name, stored[name]) for name in PHONES),
        ]

    def _secret_block(self) -> list[Widget]:
        t = self.t
        return [
            section(t("account.section.secret")),
            self._text_field("secret_question", self._stored["secret_question"]),
            self._text_field("secret_answer", "", password=True, hint="account.secret_hint"),
            Horizontal(
                Button(Text(t("app.validate")), id="submit", variant="primary"),
                Button(Text(t("account.cancel")), id="cancel"),
                classes="form-buttons",
                id="account-buttons",
            ),
        ]

    def _key(self, block: str) -> str:
        return self.chorus.get_key_display(Binding(JUMP_KEYS[block], ""))

    async def action_jump(self, block: str) -> None:
        """F5, F6, F7: the cursor in the rattachements, abonnements or pièces jointes table."""
        await self.lay_out_lower_blocks()
        block_id, table_id = JUMP_TARGETS[block]
        self.query_one(table_id).focus(scroll_visible=False)
        self.query_one(block_id).scroll_visible(animate=False, top=True)

    def _settings_block(self) -> list[Widget]:
        t = self.t
        user = self.session.user
        box = Checkbox(Text(t("account.field.notifications.box")), self._stored["notifications"])
        return [
            section(t("account.section.settings")),
            *(
                ReadOnlyRow(t(f"account.field.{name}"), self._date(user, name), id=f"row-{name}")
                for name in DATES
            ),
            ReadOnlyRow(t("account.field.status"), user.status, id="row-status"),
            self._field(
                "language",
                Select(language_options(t), value=self._stored["language"], allow_blank=False),
            ),
            self._field("notifications", box, hint="account.notifications_hint"),
        ]

    def _password_block(self) -> list[Widget]:
        t = self.t
        return [
            section(t("account.section.password")),
            Static(Text(self._expiry_text()), id="expiry", classes="expiry"),
            Static(Text(t("account.password_hint")), classes="policy"),
            Static(Text(t("password.policy")), classes="policy"),
            *(self._text_field(name, "", password=True) for name in PASSWORD),
            StrengthMeter(t, login=self.session.user.login),
        ]

    def _label(self, name: str) -> str:
        return self.t(_LABEL_KEYS.get(name, f"account.field.{name}"))

    def _field(self, name: str, control: Any, hint: str = "") -> FormField:
        control.id = name
        hint_text = self.t(hint) if hint else ""
        return FormField(self._label(name), control, hint=hint_text, classes="-inline")

    def _text_field(
        self, name: str, value: str, *, password: bool = False, hint: str = ""
    ) -> FormField:
        if name == "email":
            hint = "referential.email_hint"
        return self._field(name, TextField(value=value, password=password), hint=hint)

    def _date(self, user: User, name: str) -> str:
        return self.t.date(getattr(user, name)) or self.t("account.empty")

    def _expiry_text(self) -> str:
        user = self.session.user
        days = passwords.days_until_expiry(user.password_changed_at, self.chorus.services.now())
        if days is None:
            return ""
        if days == 1:
            return self.t("account.expiry.one")
        return self.t("account.expiry", days=max(days, 0))

    # -- values -----------------------------------------------------------------------------

    def _remember(self, user: User) -> None:
        self._stored = stored_values(user)
        self._version = user.version

    def form_values(self) -> dict[str, Any]:
        """What the form holds now, as ``save_profile`` takes it (a field not mounted yet holds
        its saved value: nobody could change it)."""
        values = dict(self._stored)
        for control in self.query("Input, Select, Checkbox"):
            if control.id in values:
                values[control.id] = control.value
        for name in SELECTS:
            if not isinstance(values[name], str):
                values[name] = ""
        return values

    def is_dirty(self) -> bool:
        """Something differs from what is saved (a typed password counts)."""
        return self.form_values() != self._stored

    def _show_values(self, values: dict[str, Any]) -> None:
        """``values`` in the fields mounted (the others are built from ``_stored``)."""
        with self.prevent(Input.Changed, Select.Changed, Checkbox.Changed):
            for control in self.query("Input, Select, Checkbox"):
                if control.id in values:
                    control.value = values[control.id]
        for meter in self.query(StrengthMeter):
            meter.follow(values["new_password"])

    def _show_saved_state(self) -> None:
        """The read-only parts after a save or a reload: dates, state, expiry, banner name."""
        user = self.session.user
        for name in DATES:
            for row in self.query(f"#row-{name}").results(ReadOnlyRow):
                row.set_value(self._date(user, name))
        for row in self.query("#row-status").results(ReadOnlyRow):
            row.set_value(user.status)
        for expiry in self.query("#expiry").results(Static):
            expiry.update(Text(self._expiry_text()))
        for name_button in self.query("#user-name"):
            if isinstance(name_button, Button):
                name_button.label = literal(user.display_name)

    async def refresh_texts(self) -> None:
        # The base class keeps inputs and selects; the checkbox and the meter are ours.
        values = self.form_values()
        await super().refresh_texts()
        self._show_values(values)

    # -- Valider / Annuler ------------------------------------------------------------------

    def submit(self) -> None:
        """Save every block at once; field errors are all shown, a conflict reloads."""
        if not self.lower_blocks_mounted:
            self.call_later(self._submit_once_mounted)
            return
        self._save()

    async def _submit_once_mounted(self) -> None:
        await self.mount_lower_blocks()
        self._save()

    def _save(self) -> None:
        user = self.session.user
        with self.chorus.guard():
            try:
                profile.save_profile(
                    self.chorus.services, user, self.form_values(), expected_version=self._version
                )
            except ValidationError as error:
                self.show_validation(error)
                return
            except Conflict:
                self._reload()
                return
            self._remember(user)
            self._show_values(self._stored)
            self._show_saved_state()
            self.clear_errors()
            if user.language != self.t.language:
                self.call_later(self._switch_language, user.language)
            else:
                self.chorus.notify(self.t("account.saved"), markup=False)

    async def _switch_language(self, language: str) -> None:
        await self.chorus.set_language(language)
        self.chorus.notify(self.t("account.saved"), markup=False)

    def _reload(self) -> None:
        """Someone changed the account meanwhile: show what is saved now, and say so."""
        user = self.session.user
        accounts.reload_session_user(user)
        self._remember(user)
        self._show_values(self._stored)
        self._show_saved_state()
        self._field_errors = {}
        self._summary = "error.conflict"
        self.render_state()
        self.query_one("#account-form").scroll_home(animate=False)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """« Annuler »: the saved values again, no error left."""
        self._show_values(self._stored)
        self.clear_errors()
        self.chorus.notify(self.t("account.cancelled"), markup=False)

    @on(Button.Pressed, "#deactivate")
    def _deactivate_pressed(self) -> None:
        self.action_deactivate()

    # -- leaving ----------------------------------------------------------------------------

    def confirm_leave(self, then: Callable[[], object]) -> None:
        """Run ``then`` (leave the screen) at once, or after « Quitter sans enregistrer ? »
        when something is not saved."""
        if not self.is_dirty():
            then()
            return
        t = self.t
        dialog = ConfirmDialog(
            t("account.leave.title"),
            t("account.leave.message"),
            t("account.leave.ok"),
            t("account.leave.stay"),
            safe_default=True,
            window_id="leave-window",
        )

        def answered(leave: bool | None) -> None:
            if leave:
                then()

        self.app.push_screen(dialog, answered)

    def action_leave(self) -> None:
        self.chorus.open_space("home")

    # -- palette ----------------------------------------------------------------------------

    def space_commands(self) -> list[Command]:
        t = self.t
        jumps = [
            Command(
                t(f"account.cmd.jump.{block}"),
                t("account.cmd.jump.help", jump=self._key(block)),
                lambda block=block: self.action_jump(block),
            )
            for block in JUMP_KEYS
        ]
        return [
            *jumps,
            Command(t("account.cmd.cancel"), t("account.cmd.cancel.help"), self.action_cancel),
            Command(
                t("account.cmd.deactivate"),
                t("account.cmd.deactivate.help"),
                self.action_deactivate,
            ),
            *self._block_commands(),
        ]

    def _block_commands(self) -> list[Command]:
        """The commands of the tables' blocks mounted so far (the palette opened while the
        page is still mounting them lists the others once they are there)."""
        commands: list[Command] = []
        for block in self.mounted("MembershipsBlock, SubscriptionsBlock, AttachmentsBlock"):
            commands += block.palette_commands()  # type: ignore[attr-defined]
        return commands
