"""The footer of every screen, in the interface's language.

Binding descriptions are catalogue keys (``"app.key.help"``); Textual's footer shows a binding's
description as given, so this footer translates each key it shows. The few shown bindings of
Textual's own widgets are mapped to catalogue keys; any other English description is left out
rather than shown untranslated (the key still works).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from chorus_tui.i18n import has_message

# Shown bindings of Textual's widgets (description as Textual 8.2.8 writes it → catalogue key).
TEXTUAL_DESCRIPTIONS = {"Dismiss menu": "app.key.close_menu"}

# Help comes first and quitting last, whatever screen the keys come from (the help window
# follows the same order).
KEY_ORDER = {"help": 0, "app.help": 0, "quit": 2, "app.quit": 2}


class ChorusFooter(Footer):
    """Textual's footer, with translated descriptions, « F1 Aide » first and « ^Q Quitter »
    last, and no mouse tooltips.

    Textual rebuilds its footer after every refresh of the key bindings (a focus change, a page
    turned: several per key press), which cost most of a page turn. This one rebuilds at most
    once per frame, and only when the keys it would show differ from those shown."""

    _rebuild_pending = False
    _shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def _keys(self) -> tuple:
        """What the footer shows: the screen's shown bindings, enabled or not, and the language."""
        language = getattr(getattr(self.app, "t", None), "language", None)
        bindings = tuple(
            (binding.key, binding.action, binding.description, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show
        )
        return (language, bindings)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        translate = getattr(self.app, "t", None)
        keys = []
        for widget in super().compose():
            if isinstance(widget, FooterKey) and translate is not None:
                key = TEXTUAL_DESCRIPTIONS.get(widget.description, widget.description)
                if not has_message(key):
                    continue
                widget.description = translate(key)
                widget.tooltip = None
            keys.append(widget)
        keys.sort(key=lambda widget: KEY_ORDER.get(getattr(widget, "action", ""), 1))
        yield from keys
