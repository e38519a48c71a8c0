"""The title of a block of a page (« Informations générales », « Mes rattachements aux
structures »…)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label


def section(title: str, key: str = "") -> Label:
    """A block title (« Informations générales », « Adresse postale »…), with the key that
    jumps to it when there is one (« Mes rattachements aux structures  F5 »)."""
    text = Text(title)
    if key:
        text.append("  ")
        text.append(key, style="bold reverse")
    return Label(text, classes="section-title")
