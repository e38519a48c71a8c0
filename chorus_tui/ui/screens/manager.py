"""« Activités du gestionnaire » (M0 « Synthèse »): one scrolling page with what waits for the
manager — the counts, « Les demandes de rattachement » (M1) and « Les demandes d'abonnement aux
espaces » (M4). Only the structures the manager decides for appear (the domain filters).

« Mes structures », « Historique » and « Rechercher utilisateur » are not shown until their
screens exist. A user who is no manager and reaches the screen anyway sees the permission
message, no data."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from chorus_tui.domain.errors import DomainError
from chorus_tui.domain.synthesis import Synthesis, synthesis
from chorus_tui.ui.commands import Command
from chorus_tui.ui.screens.base import SpaceScreen
from chorus_tui.ui.screens.lower_blocks import BlockBuilder, LowerBlocks
from chorus_tui.ui.widgets.membership_requests import MembershipRequestsBlock
from chorus_tui.ui.widgets.paged_table import PagedTable, PageTable
from chorus_tui.ui.widgets.subscription_requests import SubscriptionRequestsBlock

STYLES = Path(__file__).parent.parent / "styles"

# Keys that bring a block into view and put the cursor in its table (as in Mon Compte).
JUMP_KEYS = {"memberships": "f5", "subscriptions": "f6"}


class SynthesisScreen(LowerBlocks, SpaceScreen):
    """The space « Activités du gestionnaire » of principal and secondary managers. The block
    of the subscription requests, below the first screenful once the membership requests fill
    a page, is mounted once the screen is painted (:mod:`lower_blocks`)."""

    CSS_PATH = STYLES / "manager.tcss"
    LOWER_BLOCKS_PARENT = "#manager-page"
    TITLE_KEY = "manager.title"
    SPACE_ID = "manager"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "leave", "manager.key.back", id="manager.back"),
        # Blocks C and D of the synthèse: « Mes structures » and « Historique » (M7, M12).
        Binding("s", "structures", "manager.key.structures", show=False, id="manager.structures"),
        Binding("h", "history", "manager.key.history", show=False, id="manager.history"),
        Binding("u", "user_search", "manager.key.user_search", show=False, id="manager.users"),
        *(
            Binding(
                key,
                f"jump('{block}')",
                f"manager.key.jump.{block}",
                show=False,
                id=f"manager.jump.{block}",
            )
            for block, key in JUMP_KEYS.items()
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.denied: DomainError | None = None
        self.counts: Synthesis | None = None

    def compose_space(self) -> ComposeResult:
        t = self.t
        self.start_lower_blocks()
        with VerticalScroll(id="manager-page"):
            yield Label(Text(t("manager.heading")), classes="page-title")
            try:
                self.counts = synthesis(self.session.user)
            except DomainError as error:
                self.denied = error
                self._pending = []
                yield Static(Text(self.chorus.error_text(error)), id="manager-denied")
                yield Static(Text(t("manager.denied")), classes="manager-note")
                return
            self.denied = None
            yield Static(self._counts_text(), id="manager-counts")
            with Horizontal(id="manager-links"):
                for key, label, button_id in (
                    ("s", "manager.link.structures", "open-structures"),
                    ("h", "manager.link.history", "open-history"),
                    ("u", "manager.link.user_search", "open-user-search"),
                ):
                    text = Text.assemble((f"{key} ", "bold"), t(label))
                    yield Button(text, id=button_id, compact=True)
            yield MembershipRequestsBlock(jump_key=self._key("memberships"))

    def lower_blocks(self) -> list[BlockBuilder]:
        return [lambda: [SubscriptionRequestsBlock(jump_key=self._key("subscriptions"))]]

    def _counts_text(self) -> Text:
        counts = self.counts
        if counts is None:
            return Text("")
        return Text(
            self.t(
                "manager.counts",
                memberships=counts.pending_memberships,
                subscriptions=counts.pending_subscriptions,
                structures=counts.structures,
            )
        )

    def _key(self, block: str) -> str:
        return self.chorus.get_key_display(Binding(JUMP_KEYS[block], ""))

    def refresh_counts(self) -> None:
        """The counts line again (after a decision or a reload of a block)."""
        if self.denied is not None:
            return
        with self.chorus.guard():
            self.counts = synthesis(self.session.user)
            for line in self.query("#manager-counts").results(Static):
                line.update(self._counts_text())

    @on(MembershipRequestsBlock.Changed)
    def _requests_changed(self) -> None:
        self.refresh_counts()

    @on(PagedTable.Loaded)
    def _table_loaded(self, event: PagedTable.Loaded) -> None:
        # Block B reloads its table after its own decisions: the counts follow. A table showing
        # the total the counts line already says (as when the screen opens) changes nothing.
        counts = self.counts
        shown = {
            "mrequests-list": counts.pending_memberships if counts else None,
            "subscription-requests-list": counts.pending_subscriptions if counts else None,
        }
        if shown.get(event.table.id or "") != event.page.total:
            self.refresh_counts()

    # -- keys -------------------------------------------------------------------------------

    def _block(self, block: str) -> Widget | None:
        kind = MembershipRequestsBlock if block == "memberships" else SubscriptionRequestsBlock
        found = self.mounted(kind.__name__)
        return found[0] if found else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "jump" and parameters:
            return self.denied is None
        return super().check_action(action, parameters)

    async def action_jump(self, block: str) -> None:
        """F5, F6: the cursor in the table of the requests block."""
        await self.lay_out_lower_blocks()
        widget = self._block(block)
        if widget is None:
            return
        tables = widget.query(PageTable)
        if tables:
            tables.first().focus(scroll_visible=False)
        widget.scroll_visible(animate=False, top=True)

    def action_leave(self) -> None:
        self.chorus.open_space("home")

    # -- palette ----------------------------------------------------------------------------

    @on(Button.Pressed, "#open-structures")
    def action_structures(self) -> None:
        """Block C: « Mes structures » (M7)."""
        from chorus_tui.ui.screens.structures import StructuresScreen

        self.app.push_screen(StructuresScreen(), lambda _: self.reload_blocks())

    @on(Button.Pressed, "#open-history")
    def action_history(self) -> None:
        """Block D: « Historique » of the managed structures (M12)."""
        from chorus_tui.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    @on(Button.Pressed, "#open-user-search")
    def action_user_search(self) -> None:
        """Block E: « Rechercher utilisateur » among the users of the managed structures (M7b)."""
        from chorus_tui.ui.screens.user_search import UserSearchScreen

        self.app.push_screen(UserSearchScreen(), lambda _: self.reload_blocks())

    def reload_blocks(self) -> None:
        """Decisions made from the structure screens change the requests and the counts."""
        for table in self.query(PagedTable):
            table.reload()
        self.refresh_counts()

    def space_commands(self) -> list[Command]:
        t = self.t
        commands = [
            Command(
                t("manager.cmd.structures"),
                t("manager.cmd.structures.help"),
                self.action_structures,
            ),
            Command(t("manager.cmd.history"), t("manager.cmd.history.help"), self.action_history),
            Command(
                t("manager.cmd.user_search"),
                t("manager.cmd.user_search.help"),
                self.action_user_search,
            ),
        ]
        if self.denied is None:
            commands += [
                Command(
                    t(f"manager.cmd.jump.{block}"),
                    t("manager.cmd.jump.help", jump=self._key(block)),
                    lambda block=block: self.action_jump(block),
                )
                for block in JUMP_KEYS
            ]
        for widget in (self._block("memberships"), self._block("subscriptions")):
            block_commands = getattr(widget, "palette_commands", None)
            if block_commands is not None:
                commands.extend(block_commands())
        return commands
