"""The soak command (tests/soak.py) in a short run, and its verdict."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.random_work import Report
from tests.soak import print_summary

ROOT = Path(__file__).resolve().parent.parent


def test_a_short_soak_of_two_processes_reports_its_work_and_exits_zero():
    done = subprocess.run(
        [sys.executable, "-m", "tests.soak", "--processes", "2", "--seconds", "3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = done.stdout
    assert done.returncode == 0, output + done.stderr
    counts = [int(n) for n in re.findall(r"^  process \d: (\d+)$", output, re.MULTILINE)]
    assert len(counts) == 2 and all(count > 0 for count in counts), output
    total = int(re.search(r"^  total: (\d+) ", output, re.MULTILINE).group(1))
    assert total == sum(counts)
    assert re.search(r"^errors by kind .*: \d+$", output, re.MULTILINE), output
    for line in (
        "unexpected errors (must be 0): 0",
        "invariant violations (must be 0): 0",
        "lost updates (must be 0): 0",
        "soak: OK",
    ):
        assert line in output.splitlines(), output


def test_the_soak_fails_on_a_violation_a_lost_update_or_an_unplanned_error(capsys):
    report = Report(outcomes=Counter({"request:ok": 3, "validate:Conflict:request_processed": 1}))
    assert print_summary([report], 1.0, [], []) == 0
    assert print_summary([report], 1.0, ["no_principal: 12345678900011"], []) == 1
    assert print_summary([report], 1.0, [], ["shared profile: 3 saves, version moved 2"]) == 1
    locked = Report(unexpected=["validate: OperationalError: database is locked"])
    assert print_summary([locked], 1.0, [], []) == 1
    output = capsys.readouterr().out
    assert "  no_principal: 12345678900011" in output
    assert "  OperationalError: database is locked: 1" in output
    assert "  Conflict:request_processed: 1 (validate 1)" in output
