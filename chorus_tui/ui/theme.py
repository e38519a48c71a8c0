"""The colours of chorus-tui.

A dark theme whose every colour lands on a distinct colour of the 16-colour palette when the
terminal has no true colour (tmux with ``TERM=screen``, old SSH clients): the blue bar stays blue,
focus is cyan, errors red, warnings yellow, success green, field borders grey. Screens never rely
on background shades that all collapse to black in 16 colours.
"""

from __future__ import annotations

from textual.theme import Theme

CHORUS_THEME = Theme(
    name="chorus",
    primary="#1E40AF",  # blue (ANSI 4): navigation bar, primary buttons, list cursor
    secondary="#2563EB",
    accent="#35C3D3",  # cyan (ANSI 6): focus, brand, keys in the footer
    warning="#D4A017",  # yellow (ANSI 3)
    error="#E06C75",  # bright red (ANSI 9)
    success="#3FB950",  # bright green (ANSI 10)
    foreground="#E6E6E6",
    background="#121417",
    surface="#1B1E23",
    panel="#24282F",
    dark=True,
)
