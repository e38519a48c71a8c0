"""The README's run command passes the program's own options through (and reuses .venv)."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_run_sh_passes_options_to_chorus_tui(tmp_path):
    database = tmp_path / "readme.sqlite3"
    seeded = subprocess.run(
        ["bash", str(ROOT / "run.sh"), "--database", str(database), "seed", "--demo"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert seeded.returncode == 0, seeded.stderr
    checked = subprocess.run(
        ["bash", str(ROOT / "run.sh"), "--database", str(database), "check"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("OK")
