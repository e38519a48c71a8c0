"""Deciding many requests at once (X7): each one in its own transaction, so that an interruption
leaves every request either fully processed or untouched; a request another operator processed
meanwhile is skipped, not an error."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from chorus_tui.domain.errors import Conflict, NotFound


@dataclass
class BulkOutcome:
    """What a bulk run did: the ids processed, and those skipped (processed meanwhile or gone)."""

    done: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    cancelled: bool = False


def process_each(
    ids: Sequence[int],
    operation: Callable[[int], object],
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BulkOutcome:
    """Run ``operation(id)`` for each id (each call is one write transaction), reporting
    ``progress(processed, total)`` after each and stopping early when ``cancelled()`` says so.
    Conflicts and vanished requests are skipped; any other error stops the run and is raised
    (the requests before it stay processed)."""
    outcome = BulkOutcome()
    total = len(ids)
    for index, item in enumerate(ids, start=1):
        if cancelled is not None and cancelled():
            outcome.cancelled = True
            break
        try:
            operation(item)
        except (Conflict, NotFound):
            outcome.skipped.append(item)
        else:
            outcome.done.append(item)
        if progress is not None:
            progress(index, total)
    return outcome
