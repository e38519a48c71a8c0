"""The footer of every screen, in the interface's language.

Binding descriptions are catalogue keys (``"app.key.help"``); Textual's footer shows a binding's
description as given, so this footer translates each key it shows. The few shown bindings of
Textual's own widgets are mapped to catalogue keys; any other English description is left out
rather than shown untranslated (the key still works).
"""

from __future__ import annotations

from itertools import groupby

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

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
        if self.is_attached and screen is self.screen and not self.show_key_states():
            self._rebuild_pending = True
            if self._shown is None:
                # The first keys of a screen just shown: in the screen's first layout if they
                # can, rather than in a second one after the first frame.
                self.call_later(self._rebuild_if_changed)
            else:
                self.call_after_refresh(self._rebuild_if_changed)

    def show_key_states(self) -> bool:
        """When the shown keys are the same and only some became usable or not (« n » at the
        last page), set their state now. Called by what changed them (a page turned), the
        change is painted in the same frame; Textual tells the footer only once the screen is
        idle, often a frame later. False when keys come or go: the footer rebuilds then."""
        if self._shown is None:
            return False
        wanted = self._keys()
        if wanted == self._shown:
            return True
        language, bindings = wanted
        shown_language, shown_bindings = self._shown
        if language != shown_language or [b[:3] for b in bindings] != [
            b[:3] for b in shown_bindings
        ]:
            return False
        enabled = {(key, action): on for (key, action, _, on) in bindings}
        for widget in self.query(FooterKey):
            state = enabled.get((widget.key, widget.action))
            if state is not None and widget._disabled == state:
                widget._disabled = not state
                widget.set_class(not state, "-disabled")
        self._shown = wanted
        return True

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
        if not current:
            # A screen's first keys: mounted together, laid out once.
            await self.mount_all(wanted)
            return True
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

    def _keys(self, active: dict | None = None) -> tuple:
        """What the footer shows: the screen's shown bindings, enabled or not, and the language.
        ``active``: the screen's active bindings when the caller has them (each reading asks
        every binding's ``check_action``)."""
        language = getattr(getattr(self.app, "t", None), "language", None)
        if active is None:
            active = self.screen.active_bindings
        bindings = tuple(
            (binding.key, binding.action, binding.description, enabled)
            for (_, binding, enabled, _) in active.values()
            if binding.show
        )
        return (language, bindings)

    def compose(self) -> ComposeResult:
        """Textual's footer, built here so that every label is translated: keys of one
        binding group (« n p Pages ») share one label, as in Textual's footer."""
        if not self._bindings_ready:
            return
        active = self.screen.active_bindings
        self._shown = self._keys(active)
        first_of_action: dict[str, tuple[Binding, bool]] = {}
        for _, binding, enabled, _ in active.values():
            if binding.show:
                first_of_action.setdefault(binding.action, (binding, enabled))
        entries: list[tuple[int, list[Widget]]] = []
        for group, members in groupby(first_of_action.values(), lambda item: item[0].group):
            items = list(members)
            if group is not None and len(items) > 1:
                label = self._label(group.description)
                if label is not None:
                    keys = [self._key(binding, enabled, "-grouped") for binding, enabled in items]
                    classes = "-compact" if group.compact else ""
                    entries.append((1, [KeyGroup(*keys, classes=classes), FooterLabel(label)]))
                continue
            for binding, enabled in items:
                label = self._label(binding.description)
                if label is not None:
                    key = self._key(binding, enabled, description=label)
                    entries.append((KEY_ORDER.get(binding.action, 1), [key]))
        palette = self.app.COMMAND_PALETTE_BINDING
        found = active.get(palette) if self.show_command_palette else None
        if found is not None and self.app.ENABLE_COMMAND_PALETTE:
            _, binding, enabled, _ = found
            label = self._label(binding.description)
            if label is not None:
                entries.append((1, [self._key(binding, enabled, "-command-palette", label)]))
        entries.sort(key=lambda entry: entry[0])
        for _, widgets in entries:
            yield from widgets

    def _label(self, description: str) -> str | None:
        """The description in the interface's language; None for an English one we do not
        know (the key is then left out rather than shown untranslated)."""
        translate = getattr(self.app, "t", None)
        if translate is None:
            return description
        key = TEXTUAL_DESCRIPTIONS.get(description, description)
        return translate(key) if has_message(key) else None

    def _key(
        self, binding: Binding, enabled: bool, classes: str = "", description: str = ""
    ) -> FooterKey:
        """One key, in the footer's compact style from the start: bound to ``Footer.compact``
        as Textual's footer does it, each key would first take the compact style (its default)
        and restyle itself once mounted; this footer's style never changes."""
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            description,
            binding.action,
            disabled=not enabled,
            classes=classes,
        )
        key.set_reactive(FooterKey.compact, self.compact)
        return key


def _identity(widget: FooterKey) -> tuple[str, str, str]:
    return (widget.key, widget.action, widget.description)
