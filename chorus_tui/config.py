"""Settings of one run of the program: command-line flags > environment > defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATABASE_ENV = "CHORUS_TUI_DATABASE"
DEFAULT_FILENAME = "chorus-tui.sqlite3"


def default_database() -> str:
    # Imported here: ~15 ms at start-up, and only needed when no database is named.
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("chorus-tui", appauthor=False)) / DEFAULT_FILENAME)


@dataclass(frozen=True)
class Settings:
    database: str

    @classmethod
    def resolve(cls, database: str | None = None) -> Settings:
        return cls(database=database or os.environ.get(DATABASE_ENV) or default_database())
