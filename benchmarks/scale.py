"""The scale database of a run: ``chorus-tui seed --scale N`` once, kept in the cache folder and
reused by later runs (a million users take minutes to generate)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PROGRAM = Path(sys.executable).with_name("chorus-tui")


def scale_database(cache: Path, users: int, *, log: Callable[[str], None] = print) -> Path:
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"scale-{users}.sqlite3"
    if path.exists() and _complete(path, users):
        log(f"reusing {path}")
        return path
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    log(f"building {path} (seed --scale {users})")
    subprocess.run(
        [str(PROGRAM), "--database", str(path), "seed", "--scale", str(users)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


def _complete(path: Path, users: int) -> bool:
    """A finished seed of ``users`` users (an interrupted one is built again)."""
    try:
        with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as db:
            (count,) = db.execute("SELECT count(*) FROM user").fetchone()
    except sqlite3.Error:
        return False
    return count >= users
