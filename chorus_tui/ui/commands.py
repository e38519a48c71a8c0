"""An entry of the command palette (Ctrl+P): a translated « area : verb » title, a help line
and what it does. Screens list theirs in ``palette_commands()``; :mod:`chorus_tui.ui.palette`
shows them. No Textual import here, so screens can build commands without loading the palette.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Command:
    """One entry of the palette: translated title and help, and what it does."""

    title: str
    help: str
    callback: Callable[[], Any]
