"""The command palette (Ctrl+P): every screen and action the current user may reach, titled
« area : verb » in the interface's language.

The commands come from the calling screen (``palette_commands()``), so what a screen cannot do,
or what the user has no right to, is simply never listed. Textual's own system commands (themes,
screenshots…) are not offered.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import (
    CommandInput,
    CommandList,
    CommandPalette,
    DiscoveryHit,
    Hit,
    Hits,
    Provider,
    SearchIcon,
)
from textual.widgets.option_list import Option

from chorus_tui.ui.commands import Command


class ChorusCommands(Provider):
    """Lists the calling screen's commands; fuzzy-matches them while the user types."""

    def _commands(self) -> list[Command]:
        provider = getattr(self.screen, "palette_commands", None)
        return list(provider()) if provider is not None else []

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(Text(command.title), command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(command.title), command.callback, help=command.help
                )


class ChorusCommandPalette(CommandPalette):
    """Textual's palette with a translated placeholder and « no match » line."""

    def __init__(self, placeholder: str, no_matches: str) -> None:
        super().__init__(id="--command-palette", placeholder=placeholder)
        self._no_matches_text = no_matches

    def on_mount(self) -> None:
        self.query_one(CommandInput).cursor_blink = getattr(self.app, "cursor_blink", True)
        # Textual's magnifying-glass emoji is two cells wide in some terminals and none in
        # others (tmux); a plain sign lines up everywhere.
        self.query_one(SearchIcon).icon = ">"

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Same behaviour as Textual 8.2.8's method, with our words instead of « No matches
        # found » (the original builds that English text inline).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self._no_matches_text, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
