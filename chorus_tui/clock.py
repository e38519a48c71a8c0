"""The one injectable clock of the program.

Everything that needs « now » asks a :class:`Clock`; tests and snapshots pass a
:class:`FixedClock`. Times are timezone-aware UTC; they are shown in Europe/Paris.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol
from zoneinfo import ZoneInfo

UTC = dt.UTC
DISPLAY_TZ = ZoneInfo("Europe/Paris")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to (tests, snapshots, the demo)."""

    def __init__(self, at: dt.datetime) -> None:
        self._at = as_utc(at)

    def now(self) -> dt.datetime:
        return self._at

    def advance(self, **delta: float) -> None:
        self._at += dt.timedelta(**delta)

    def set(self, at: dt.datetime) -> None:
        self._at = as_utc(at)


def as_utc(value: dt.datetime) -> dt.datetime:
    """Naive datetimes are taken as UTC (that is how the database stores them)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def to_display(value: dt.datetime) -> dt.datetime:
    return as_utc(value).astimezone(DISPLAY_TZ)


def today(clock: Clock) -> dt.date:
    """The current date where the operators are (Europe/Paris)."""
    return to_display(clock.now()).date()
