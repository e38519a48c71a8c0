"""``python -m benchmarks [--quick]``: every measurement of issue 9, its baseline measured in the
same run, written to ``benchmarks/RESULTS.md`` (``--quick``: a 10,000-user database and a few
repetitions, written to ``--output``, a smoke test that the benchmarks work — its numbers are
not the targets' and fail nothing)."""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from benchmarks.core import CACHE, FULL_USERS, QUICK_USERS, ROOT, Context, Result
from benchmarks.report import write_report
from benchmarks.scale import scale_database

# The measurement modules, in the order of the table.
MODULES = ("startup", "login", "screens", "search", "paging", "bulk", "seed", "export", "memory")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 users, few repetitions")
    parser.add_argument("--users", type=int, help="users of the scale database")
    parser.add_argument("--repetitions", type=int, help="timed runs per measurement")
    parser.add_argument("--only", action="append", choices=MODULES, help="run these modules")
    parser.add_argument("--output", type=Path, help="default: benchmarks/RESULTS.md")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where scale databases live")
    args = parser.parse_args(argv)

    users = args.users or (QUICK_USERS if args.quick else FULL_USERS)
    repetitions = args.repetitions or (3 if args.quick else 20)
    output = args.output or (
        Path(tempfile.gettempdir()) / "chorus-tui-bench-quick.md"
        if args.quick
        else ROOT / "benchmarks" / "RESULTS.md"
    )
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="chorus-tui-bench-"))
    try:
        database = scale_database(args.cache, users, log=_log)
        ctx = Context(
            users=users,
            repetitions=repetitions,
            quick=args.quick,
            database=database,
            scratch=scratch,
            log=_log,
        )
        results: list[Result] = []
        broken: list[str] = []
        for name in args.only or MODULES:
            _log(f"── {name}")
            try:
                module = importlib.import_module(f"benchmarks.{name}")
                results.extend(module.run(ctx))
            except Exception:
                broken.append(name)
                traceback.print_exc()
        write_report(output, ctx, results, broken, time.perf_counter() - started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _log(f"results written to {output}")
    return 1 if broken else 0


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
