"""CSV export of 100,000 history rows (X6, M12) against writing the same rows with ``csv`` from
one SQL cursor.

Setup: a copy of the quick scale database (10,000 users; the cached file is only read) gets
100,000 history entries for one structure, about its members. Measured: ``export_history`` of
that structure by its principal manager, to a new file, in a fresh spawned process (its peak
RSS is read before and after the first export: the growth is what the export held at once).
Baseline, in the same process: the SQL that ``export_history`` runs (its ``_export_query``),
read from one plain ``sqlite3`` cursor, each row formatted the same way (date in Europe/Paris,
names, the « Commentaires » words, the formula guard) and written with ``csv.writer`` — the two
files are compared byte for byte."""

from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import resource
import sqlite3
import statistics
import time
from pathlib import Path

from benchmarks.core import QUICK_USERS, Context, Result, copy_database, paused_gc

ROWS = 100_000
QUICK_ROWS = 20_000  # --quick: a smoke test of a few seconds
TARGET_RATIO = 1.5
MEMORY_LIMIT_MIB = 8  # « flat »: what tests/test_cli_export.py allows for the same export
ACTIONS = (
    "MEMBERSHIP_VALIDATED",
    "MEMBERSHIP_REFUSED",
    "ROLE_CHANGED",
    "SUBSCRIPTION_VALIDATED",
    "ACTIVATION_MAIL_SENT",
    "MEMBERSHIP_REMOVED",
)
MOTIFS = ("", "", "", "Demande non justifiée : personne extérieure à la structure.")


def _prepare(ctx: Context) -> tuple[Path, str, int]:
    """The copy with its 100,000 entries (--quick: 20,000); the manager's login and the
    structure's id."""
    entries = QUICK_ROWS if ctx.quick else ROWS
    if ctx.quick:
        source = ctx.database
    else:
        from benchmarks.scale import scale_database

        source = scale_database(ctx.database.parent, QUICK_USERS, log=ctx.log)
    target = ctx.scratch / "export.sqlite3"
    copy_database(source, target)
    db = sqlite3.connect(target, isolation_level=None)
    structure_id, members = db.execute(
        "SELECT structure_id, count(*) FROM membership GROUP BY structure_id "
        "ORDER BY 2 DESC, 1 LIMIT 1"
    ).fetchone()
    principal, login = db.execute(
        "SELECT u.id, u.login FROM membership m JOIN user u ON u.id = m.user_id "
        "WHERE m.structure_id = ? AND m.role = 'GESTIONNAIRE_PRINCIPAL' AND m.status = 'VALIDEE'",
        (structure_id,),
    ).fetchone()
    people = [row[0] for row in db.execute(
        "SELECT user_id FROM membership WHERE structure_id = ? ORDER BY id", (structure_id,)
    )]  # fmt: skip
    start = dt.datetime(2020, 1, 1)
    rows = (
        (
            (start + dt.timedelta(minutes=7 * n)).isoformat(" "),
            principal,
            structure_id,
            people[n % len(people)],
            ACTIONS[n % len(ACTIONS)],
            MOTIFS[n % len(MOTIFS)],
            "{}",
        )
        for n in range(entries)
    )
    db.execute("BEGIN IMMEDIATE")
    db.executemany(
        "INSERT INTO audit_entry (at, actor_id, structure_id, target_user_id, action, motif,"
        " details) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    db.execute("COMMIT")
    db.close()
    ctx.log(f"export: {entries} entries for structure {structure_id} ({members} memberships)")
    return target, login, structure_id


def _baseline(database: Path, sql: str, params: tuple, output: Path) -> int:
    """The same rows and cells as ``export_history``, by hand: one cursor, ``csv.writer``."""
    from chorus_tui.clock import DISPLAY_TZ
    from chorus_tui.domain.export import ENCODING, SEPARATOR, neutralise
    from chorus_tui.domain.history import comment_text, export_labels

    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    comments: dict[str, str] = {}
    count = 0
    with open(output, "x", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=SEPARATOR, lineterminator="\r\n")
        writer.writerow([neutralise(label) for label in export_labels("FR")])
        for at, action, motif, identifier, raison_sociale, *people in connection.execute(
            sql, params
        ):
            comment = comments.get(action)
            if comment is None:
                comment = comments[action] = comment_text("FR", action)
            when = dt.datetime.fromisoformat(at).replace(tzinfo=dt.UTC).astimezone(DISPLAY_TZ)
            actor = " ".join(part for part in people[:2] if part) or people[2] or ""
            target = " ".join(part for part in people[3:5] if part) or people[5] or ""
            writer.writerow(
                [
                    neutralise(cell)
                    for cell in (
                        f"{when:%d/%m/%Y %H:%M:%S}",
                        target or actor,
                        f"{identifier} {raison_sociale}",
                        comment,
                        actor,
                        motif,
                    )
                ]
            )
            count += 1
    connection.close()
    return count


def _child(database: str, folder: str, login: str, structure_id: int, runs: int) -> dict:
    """In a fresh process: the first export's peak-RSS growth, then ``runs`` timed pairs."""
    from chorus_tui.db import open_database
    from chorus_tui.domain import history
    from chorus_tui.models import User

    open_database(database)
    actor = User.get(User.login == login)
    filters = history.check_filters(actor, structure_id=structure_id)
    sql, params = history._export_query(filters).sql()
    params = tuple(params)
    out = Path(folder)

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = history.export_history(actor, out / "first.csv", structure_id=structure_id)
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024
    base_count = _baseline(Path(database), sql, params, out / "first-baseline.csv")
    same = (out / "first.csv").read_bytes() == (out / "first-baseline.csv").read_bytes()

    samples: list[float] = []
    baseline: list[float] = []
    for n in range(runs):
        with paused_gc():
            started = time.perf_counter()
            _baseline(Path(database), sql, params, out / f"baseline-{n}.csv")
            baseline.append(time.perf_counter() - started)
        with paused_gc():
            started = time.perf_counter()
            history.export_history(actor, out / f"export-{n}.csv", structure_id=structure_id)
            samples.append(time.perf_counter() - started)
        for name in (f"baseline-{n}.csv", f"export-{n}.csv"):
            (out / name).unlink()
    return {
        "count": count,
        "baseline_count": base_count,
        "same": same,
        "growth": growth,
        "samples": samples,
        "baseline": baseline,
        "size": (out / "first.csv").stat().st_size,
    }


def run(ctx: Context) -> list[Result]:
    database, login, structure_id = _prepare(ctx)
    folder = ctx.scratch / "export-out"
    folder.mkdir(exist_ok=True)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        measured = pool.apply(
            _child, (str(database), str(folder), login, structure_id, ctx.repetitions)
        )
    growth_mib = measured["growth"] / 2**20
    ratio = statistics.median(measured["samples"]) / statistics.median(measured["baseline"])
    flat = growth_mib < MEMORY_LIMIT_MIB
    same = "identical" if measured["same"] else "**different**"
    time_result = Result(
        name=f"CSV export of {measured['count']:,} history rows".replace(",", " "),
        samples=measured["samples"],
        target=f"≤ {TARGET_RATIO:g} × baseline, memory flat",
        passed=ratio <= TARGET_RATIO and flat and measured["same"],
        baseline=measured["baseline"],
        baseline_name="csv.writer over one sqlite3 cursor",
        note=(
            f"export_history in a fresh process; the baseline's file and the export's are {same} "
            f"({measured['size'] / 2**20:.1f} MiB). Peak RSS growth of the first export: "
            f"{growth_mib:.1f} MiB (flat: under {MEMORY_LIMIT_MIB} MiB)."
        ),
        unit="s",
        extra={"peak RSS growth": f"{growth_mib:.1f} MiB", "ratio": f"{ratio:.2f}"},
    )
    for path in folder.iterdir():
        path.unlink()
    database.unlink(missing_ok=True)
    return [time_result]
