"""The window of a bulk decision (X7): the requests are processed off the UI thread, one
transaction each, with a progress bar and a count; « Interrompre » (Esc) stops after the request
in progress; at the end a summary says how many were processed and how many were skipped because
another operator processed them meanwhile.

The worker reports its progress to the screen at most every ``PROGRESS_INTERVAL`` seconds (and
always the last count): a request takes a few milliseconds, and waiting for the UI thread to
repaint after each one would slow a bulk of a thousand requests down and keep the event loop busy
with repaints nobody can read.

:class:`BulkDialog` dismisses the :class:`~chorus_tui.domain.bulk.BulkOutcome` (None if it could
not start)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, ProgressBar, Static

from chorus_tui.domain.bulk import BulkOutcome, process_each
from chorus_tui.models import database
from chorus_tui.ui.screens.base import ChorusModal
from chorus_tui.ui.widgets.footer import ChorusFooter

PROGRESS_INTERVAL = 0.05  # seconds between two progress reports of the worker


class BulkDialog(ChorusModal[BulkOutcome]):
    """``operation(id)`` is run for every id of ``ids`` in a thread worker. ``title`` names the
    work (« Validation des demandes de rattachement »), ``done_key`` is the catalogue key of the
    summary (with ``{done}`` and ``{skipped}``)."""

    TITLE_KEY = "bulk.title"
    AUTO_FOCUS = "#bulk-stop"

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "stop", "bulk.key.stop", id="bulk.stop"),
    ]

    DEFAULT_CSS = """
    BulkDialog {
        align: center middle;
        #bulk-window { width: 64; max-width: 100%; height: auto; }
        #bulk-count { margin: 1 0 0 0; }
        ProgressBar { margin: 1 0; }
        #bulk-summary { text-style: bold; height: auto; }
        .window-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    }
    """

    def __init__(
        self,
        title: str,
        ids: Sequence[int],
        operation: Callable[[int], object],
        *,
        done_key: str = "bulk.summary",
    ) -> None:
        super().__init__()
        self._title = title
        self._ids = list(ids)
        self._operation = operation
        self._done_key = done_key
        self._stop = threading.Event()
        self._processed = 0  # written by the worker only
        self.outcome: BulkOutcome | None = None

    def compose(self) -> ComposeResult:
        t = self.t
        with Vertical(id="bulk-window", classes="window") as window:
            window.border_title = Text(self._title)
            yield Static(Text(t("bulk.count", done=0, total=len(self._ids))), id="bulk-count")
            yield ProgressBar(total=len(self._ids), show_eta=False, id="bulk-progress")
            yield Static(Text(""), id="bulk-summary")
            with Horizontal(classes="window-buttons"):
                yield Button(Text(t("bulk.stop")), id="bulk-stop", compact=True)
                yield Button(Text(t("bulk.close")), id="bulk-close", compact=True)
        yield ChorusFooter()

    def on_mount(self) -> None:
        self.query_one("#bulk-close").display = False
        self._run()

    @work(thread=True, exclusive=True, group="bulk")
    def _run(self) -> None:
        reported = time.monotonic()

        def progress(done: int, total: int) -> None:
            nonlocal reported
            self._processed = done
            now = time.monotonic()
            if done == total or now - reported >= PROGRESS_INTERVAL:
                reported = now
                self.app.call_from_thread(self._progress, done)

        try:
            outcome = process_each(
                self._ids, self._operation, progress=progress, cancelled=self._stop.is_set
            )
        except Exception as error:  # shown, never a traceback (X8)
            self.app.call_from_thread(self._failed, error)
        else:
            self.app.call_from_thread(self._finished, outcome)
        finally:
            database.close()  # this thread's connection

    def _progress(self, done: int) -> None:
        self.query_one(ProgressBar).update(progress=done)
        count = self.t("bulk.count", done=done, total=len(self._ids))
        self.query_one("#bulk-count", Static).update(Text(count))

    def _finished(self, outcome: BulkOutcome) -> None:
        self.outcome = outcome
        self._progress(self._processed)  # the last count, whenever the worker stopped
        key = "bulk.stopped" if outcome.cancelled else self._done_key
        summary = self.t(key, done=len(outcome.done), skipped=len(outcome.skipped))
        self.query_one("#bulk-summary", Static).update(Text(summary))
        self.query_one("#bulk-stop").display = False
        close = self.query_one("#bulk-close", Button)
        close.display = True
        close.focus()

    def _failed(self, error: Exception) -> None:
        self.chorus.show_unexpected(error)
        self._finished(BulkOutcome(cancelled=True))

    def action_stop(self) -> None:
        """Esc: stop after the request in progress; once finished, close."""
        if self.outcome is not None:
            self.dismiss(self.outcome)
        else:
            self._stop.set()
            self.query_one("#bulk-stop", Button).disabled = True

    def action_close(self) -> None:
        self.action_stop()

    @on(Button.Pressed, "#bulk-stop")
    def _stop_pressed(self) -> None:
        self.action_stop()

    @on(Button.Pressed, "#bulk-close")
    def _close_pressed(self) -> None:
        if self.outcome is not None:
            self.dismiss(self.outcome)
