"""The floor of the screen lines: Textual alone, switching to a screen of plain Textual widgets.

No chorus-tui code, no stylesheet of ours, no SQL: an app of two screens, a one-label start
screen and a target screen built from a :class:`Shape` (the blocks a space shows, each at its
least: a field is a label and an input in a row, a read-only line a label, a table a
``DataTable`` holding one page). A key switches to the target; the sample ends at the last frame
before the app is idle, timed as the screen lines are (``screens.to_painted``: in-process Pilot,
80×24, headless, the garbage collector paused). What a shape takes is what Textual itself costs
for a screen of those blocks on this machine, before any code of ours runs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Input, Label

from benchmarks import screens
from benchmarks.core import percentile

PAGE_ROWS = 5
TABLE_COLUMNS = 6
CSS = """
.row { height: auto; }
.row > Label { width: 30; padding: 1 1 0 0; }
.row > Input { width: 1fr; }
DataTable { height: auto; }
"""


@dataclass(frozen=True)
class Shape:
    """A space's blocks at their least. Every shape also has a banner line, a navigation line,
    the page's title and a footer of five keys."""

    name: str
    fields: int = 0
    lines: int = 0
    tables: int = 0
    buttons: int = 0

    def describe(self) -> str:
        parts = [
            (self.fields, "fields (a label and an input)"),
            (self.lines, "lines of text"),
            (self.tables, f"tables of {PAGE_ROWS} rows"),
            (self.buttons, "buttons"),
        ]
        blocks = "".join(f"{count} {what}, " for count, what in parts if count)
        return f"{blocks}a banner, a navigation line, a title, a footer"


EMPTY = Shape("an empty space")
# F2–F7 at their least: 18 inputs (11 of the two address blocks, language, notifications, three
# passwords, the secret question and its answer), 10 lines (login, five dates, the account's
# state, the expiry, two policy lines), 8 block titles, the rattachements, abonnements and
# pièces jointes tables, « Valider », « Annuler », « Désactiver mon compte ».
ACCOUNT = Shape("Mon Compte's blocks at their least", fields=18, lines=18, tables=3, buttons=3)
# M0's two request tables with their titles and counts, and their three buttons.
SYNTHESE = Shape("the synthèse's blocks at their least", lines=4, tables=2, buttons=3)
SHAPES = (EMPTY, ACCOUNT, SYNTHESE)

FLOOR_KEYS = [Binding(key, "noop", f"Key {key}") for key in ("f1", "f5", "f6", "f7", "ctrl+q")]


class StartScreen(Screen[None]):
    SPACE_ID = "start"
    BINDINGS: ClassVar[list[Binding]] = [Binding("f4", "app.open", "Open")]

    def compose(self) -> ComposeResult:
        yield Label("Accueil")
        yield Footer()


class ShapeScreen(Screen[None]):
    SPACE_ID = "shape"
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("f2", "app.home", "Home"),
        *FLOOR_KEYS,
    ]

    def __init__(self, shape: Shape) -> None:
        super().__init__()
        self.shape = shape

    def compose(self) -> ComposeResult:
        shape = self.shape
        yield Label("Chorus Pro   Prénom NOM   Dernière connexion le 5 avril 2017 15:33:28")
        yield Label("Accueil connecté   Activités du gestionnaire   Mon Compte")
        with VerticalScroll():
            yield Label("Title")
            for index in range(shape.lines):
                yield Label(f"Line {index}")
            for index in range(shape.fields):
                with Horizontal(classes="row"):
                    yield Label(f"Field {index}")
                    yield Input(value=f"value {index}")
            for _ in range(shape.tables):
                yield DataTable()
            with Horizontal(classes="row"):
                for index in range(shape.buttons):
                    yield Button(f"Button {index}")
        yield Footer()

    def on_mount(self) -> None:
        for input_ in self.query(Input):
            input_.cursor_blink = False
        for table in self.query(DataTable):
            table.add_columns(*(f"Column {index}" for index in range(TABLE_COLUMNS)))
            for row in range(PAGE_ROWS):
                table.add_row(*(f"cell {row}.{index}" for index in range(TABLE_COLUMNS)))

    def action_noop(self) -> None:
        """The footer's keys only need to be shown."""


class FloorApp(App[None]):
    CSS = CSS

    def __init__(self, shape: Shape) -> None:
        super().__init__()
        self.shape = shape

    def on_mount(self) -> None:
        self.push_screen(StartScreen())

    def action_open(self) -> None:
        self.switch_screen(ShapeScreen(self.shape))

    def action_home(self) -> None:
        self.switch_screen(StartScreen())


@dataclass(frozen=True)
class Floor:
    shape: Shape
    widgets: int
    first: list[float]
    painted: list[float]
    last: list[float]
    frames: float
    """Frames rendered per sample (median)."""

    def summary(self) -> str:
        def ms(samples: list[float]) -> str:
            return (
                f"{statistics.median(samples) * 1000:.0f} ms "
                f"(p95 {percentile(samples, 95) * 1000:.0f})"
            )

        return (
            f"painted {ms(self.painted)}, last frame {ms(self.last)}, first frame "
            f"{ms(self.first)}, {self.frames:.0f} frames; {self.widgets} widgets: "
            f"{self.shape.describe()}"
        )


async def measure(shape: Shape, repetitions: int) -> Floor:
    """``repetitions`` switches to ``shape`` after a warm-up one: seconds to its first frame, to
    the frame painted as it settles and to the last frame before idle."""
    app = FloorApp(shape)
    openings: list[screens.Opening] = []
    widgets = 0
    async with app.run_test(size=(80, 24)) as pilot:
        frames = screens.Frames(app, pictures=True)
        await pilot.pause()

        def shown(space: str) -> Any:
            return lambda: getattr(app.screen, "SPACE_ID", "") == space

        for index in range(repetitions + 1):
            opened = await screens.opening(
                pilot, frames, lambda: pilot.press("f4"), shown("shape"), "shape"
            )
            if index:
                openings.append(opened)
            widgets = len(list(app.screen.walk_children(with_self=False)))
            await pilot.press("f2")
            await screens.until(pilot, shown("start"))
    return Floor(
        shape,
        widgets,
        [opened.first for opened in openings],
        [opened.painted for opened in openings],
        [opened.settled for opened in openings],
        statistics.median(opened.frames for opened in openings),
    )


class PageTurnApp(App[None]):
    """One screen: a title, a ``DataTable`` of one page, the pager's line, a footer; ``n``
    shows the next page (the table cleared and given its rows, the pager's line updated)."""

    SPACE_ID = "pages"
    BINDINGS: ClassVar[list[Binding]] = [Binding("n", "next_page", "Page suivante")]

    def __init__(self) -> None:
        super().__init__()
        self.page = 0

    def compose(self) -> ComposeResult:
        yield Label("Chorus Pro   Prénom NOM")
        yield Label("Utilisateurs rattachés à la structure")
        yield DataTable()
        yield Label("", id="pager")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*(f"Column {index}" for index in range(TABLE_COLUMNS)))
        self._show()
        table.focus()

    def _show(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for row in range(PAGE_ROWS):
            table.add_row(*(f"page {self.page} {row}.{index}" for index in range(TABLE_COLUMNS)))
        self.query_one("#pager", Label).update(f"Page {self.page + 1}")

    def action_next_page(self) -> None:
        self.page += 1
        self._show()


async def measure_page_turn(repetitions: int) -> list[float]:
    """``repetitions`` page turns after a warm-up one: seconds from ``n`` to the last frame."""
    app = PageTurnApp()
    samples: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        frames = screens.Frames(app)
        await pilot.pause()
        for index in range(repetitions + 1):
            expected = app.page + 1
            sample = await screens.to_painted(
                pilot, frames, lambda: pilot.press("n"), lambda e=expected: app.page == e
            )
            if index:
                samples.append(sample)
    return samples
