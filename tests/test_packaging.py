"""An installed (not editable) chorus-tui carries every package, its styles and db/."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def declared_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return set(config["tool"]["setuptools"]["packages"])


def package_folders() -> set[str]:
    """Folders with an ``__init__.py`` under chorus_tui/, through the ``chorus_tui/db → ../db``
    link that puts the top-level db/ inside the package."""
    found = set()
    for folder, _, files in os.walk(ROOT / "chorus_tui", followlinks=True):
        if "__init__.py" in files:
            found.add(".".join(Path(folder).relative_to(ROOT).parts))
    return found


def test_every_package_folder_is_declared_in_pyproject():
    assert package_folders() == declared_packages()


def test_db_is_reached_from_the_package_through_a_link():
    assert (ROOT / "chorus_tui" / "db").resolve() == ROOT / "db"
