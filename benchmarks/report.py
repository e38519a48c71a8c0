"""``RESULTS.md``: one table line per measurement (median, p95, the baseline of the same run,
their ratio, the target, pass or fail), the notes that explain them, and the machine."""

from __future__ import annotations

import datetime as dt
import platform
import sqlite3
from importlib.metadata import version
from pathlib import Path

from benchmarks.core import Context, Result, cpu_count, fmt


def machine() -> list[tuple[str, str]]:
    return [
        ("CPU", _cpu_model()),
        ("cores", str(cpu_count())),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("Textual", version("textual")),
        ("Peewee", version("peewee")),
        ("argon2-cffi", version("argon2-cffi")),
        ("system", f"{platform.system()} {platform.release()}"),
    ]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def verdict(result: Result) -> str:
    if result.passed is None:
        return "—"
    return "pass" if result.passed else "**FAIL**"


def write_report(
    path: Path, ctx: Context, results: list[Result], broken: list[str], seconds: float
) -> None:
    lines = [
        "# Benchmarks",
        "",
        f"`python -m benchmarks{' --quick' if ctx.quick else ''}` on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, database `seed --scale {ctx.users}` "
        f"({ctx.scale_label}), {ctx.repetitions} timed runs per line after a warm-up, "
        f"{seconds / 60:.1f} min in all. Baselines are measured in the same run.",
        "",
        "| measurement | median | p95 | baseline (median) | ratio | target | result |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        ratio = f"{result.ratio:.2f}" if result.ratio is not None else "—"
        baseline = (
            f"{fmt(result.baseline_median, result.unit)} ({result.baseline_name})"
            if result.baseline
            else "—"
        )
        lines.append(
            f"| {result.name} | {fmt(result.median, result.unit)} | "
            f"{fmt(result.p95, result.unit)} | {baseline} | {ratio} | {result.target} | "
            f"{verdict(result)} |"
        )
    if broken:
        lines += ["", f"Modules that raised (see the log): {', '.join(broken)}."]
    notes = [result for result in results if result.note or result.extra]
    if notes:
        lines += ["", "## Notes", ""]
        for result in notes:
            lines.append(f"- **{result.name}**: {result.note}".rstrip())
            for key, value in result.extra.items():
                lines.append(f"  - {key}: {value}")
    lines += ["", "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in machine()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
