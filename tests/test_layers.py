"""The domain is reachable without Textual (harlequin's check)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_domain_does_not_import_textual():
    code = (
        "import sys, pkgutil, importlib, chorus_tui.domain as d, chorus_tui.db\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('chorus_tui.domain.' + m.name)\n"
        "import chorus_tui.db.migrations\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"
