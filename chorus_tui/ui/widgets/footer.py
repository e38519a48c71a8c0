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
        if self.is_attached and self._keys() != self._shown and not await self._patch():
            await self.recompose()

    async def _patch(self) -> bool:
        """Bring the shown keys up to date in place: keys still shown are kept (their enabled
        state updated), keys gone are removed and new ones mounted where they belong. A page
        turned shows or hides « p »: mounting one key costs a fraction of composing them all.
        False when the footer holds anything but plain keys (grouped keys): recompose then."""
        wanted = list(self.compose())
        current = list(self.children)
        if not all(isinstance(widget, FooterKey) for widget in (*wanted, *current)):
            return False
        shown = {_identity(widget): widget for widget in current}
        if len(shown) != len(current):
            return False
        kept = {_identity(widget) for widget in wanted}
        gone = [widget for key, widget in shown.items() if key not in kept]
        if gone:
            await self.remove_children(gone)
        for index, widget in enumerate(wanted):
            old = shown.get(_identity(widget))
            if old is None:
                children = list(self.children)
                if index < len(children):
                    await self.mount(widget, before=children[index])
                else:
                    await self.mount(widget)
            elif old._disabled != widget._disabled:
                old._disabled = widget._disabled
                old.set_class(widget._disabled, "-disabled")
        return True

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


def _identity(widget: FooterKey) -> tuple[str, str, str]:
    return (widget.key, widget.action, widget.description)
