"""The footer of every screen, in the interface's language.

Binding descriptions are catalogue keys (``"app.key.help"``); Textual's footer shows a binding's
description as given, so this footer translates each key it shows. The few shown bindings of
Textual's own widgets are mapped to catalogue keys; any other English description is left out
rather than shown untranslated (the key still works).
"""

from __future__ import annotations

from textual.app import ComposeResult
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
    last, and no mouse tooltips."""

    def compose(self) -> ComposeResult:
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
