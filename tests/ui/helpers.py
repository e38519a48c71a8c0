"""Driving the app in Pilot tests: build it, log in, read what a widget shows."""

from __future__ import annotations

from typing import TypeVar

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from chorus_tui.domain.context import Services
from chorus_tui.ui.app import ChorusApp, build_app

DEMO_PASSWORD = "Chorus.Pro.2017"
PAUL = "paul.dupont@menuiserie.fr"
PAULINE = "pauline.dufour@mairieterneuil.fr"
JULIE = "jbon@ccasterneuil.fr"
JULES = "jmartin@ccasterneuil.fr"
LUC = "luc.garnier@menuiserie.fr"
MARIE = "marie.lambert@renovation-habitat.fr"
TECHNICAL = "api.menuiserie-dupont@menuiserie.fr"

ScreenType = TypeVar("ScreenType", bound=Screen)


def make_app(services: Services, language: str = "FR") -> ChorusApp:
    return build_app(services, language, cursor_blink=False)


async def fill(pilot: Pilot, **values: str) -> None:
    """Set inputs of the current screen by id (faster than typing)."""
    for name, value in values.items():
        pilot.app.screen.query_one(f"#{name}", Input).value = value
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    """Wait until the workers are done and the screen has laid out (tables filled, scrolled)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def log_in(pilot: Pilot, login: str, password: str = DEMO_PASSWORD) -> None:
    await fill(pilot, login=login, password=password)
    pilot.app.screen.query_one("#password", Input).focus()
    await pilot.press("enter")
    await pilot.pause()


async def open_space(pilot: Pilot, login: str, key: str, kind: type[ScreenType]) -> ScreenType:
    """``login`` logged in, then ``key`` (F3, F4…): the space's screen, settled."""
    await log_in(pilot, login)
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


def shown(widget: Widget) -> str:
    """The text on the screen inside ``widget``'s region: its non-blank lines, stripped,
    joined with newlines (what the user reads, children included)."""
    region = widget.region
    strips = widget.screen._compositor.render_strips()
    lines = [
        strips[y].crop(region.x, region.right).text.strip() for y in range(region.y, region.bottom)
    ]
    return "\n".join(line for line in lines if line)


def screen_text(pilot: Pilot) -> str:
    """Every line of the current screen."""
    return "\n".join(strip.text for strip in pilot.app.screen._compositor.render_strips())


def notice(pilot: Pilot, notice_id: str = "login-notice") -> str:
    widget = pilot.app.screen.query_one(f"#{notice_id}")
    return str(widget.content) if widget.display and widget.has_class("-shown") else ""
