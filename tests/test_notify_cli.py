"""``chorus-tui notify daily|weekly`` (F3), as cron runs it: silent when it worked, one line on
stderr and a non-zero exit status when it did not; each digest queued once per period."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chorus_tui.cli import main
from chorus_tui.clock import DISPLAY_TZ
from chorus_tui.domain.journal import audit, event
from chorus_tui.models import database
from chorus_tui.models.codes import Role
from tests.domain.factories import add_member, make_structure, make_user

EXECUTABLE = Path(sys.executable).with_name("chorus-tui")


def paris(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=DISPLAY_TZ).astimezone(dt.UTC)


@pytest.fixture
def chorus_file(tmp_path, db, services, clock):
    """A database where Paul (notifications on) had an event on 10/11/2026 and yesterday, and
    a movement on his structure on Wednesday 11/11/2026 and last week (by the real clock)."""
    paul = make_user(services, login="paul@example.fr", notifications=True, email="p@example.fr")
    make_user(services, login="quiet@example.fr", notifications=False)
    structure = make_structure(services, raison_sociale="Menuiserie Dupont")
    make_structure(services, principal=paul, raison_sociale="Rien")
    add_member(services, paul, structure, Role.GESTIONNAIRE_PRINCIPAL)
    today = dt.datetime.now(DISPLAY_TZ).date()
    yesterday = today - dt.timedelta(days=1)
    last_week = today - dt.timedelta(days=today.weekday() + 4)  # the Thursday of last week
    for when in (paris(dt.date(2026, 11, 10)), paris(yesterday)):
        clock.set(when)
        event(services, paul, "membership_validated", structure="Menuiserie Dupont")
    for when in (paris(dt.date(2026, 11, 11)), paris(last_week)):
        clock.set(when)
        audit(services, paul, "STRUCTURE_UPDATED", structure=structure)
    database.close()
    return tmp_path / "chorus.sqlite3"


def notify(path: Path | str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--database", str(path), "notify", *args])


def outbox(path: Path, kind: str) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT to_address, subject FROM outbox_mail WHERE kind = ? ORDER BY id", (kind,)
        ).fetchall()


def assert_one_line_failure(result: Result, exit_code: int, words: str) -> None:
    assert result.exit_code == exit_code
    assert isinstance(result.exception, SystemExit), result.exception
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: ") and words in lines[-1], result.stderr
    assert "Traceback" not in result.stderr


def test_notify_is_silent_on_success_and_queues_a_period_once(chorus_file):
    for _ in range(2):
        result = notify(chorus_file, "daily", "--day", "10/11/2026")
        assert result.exit_code == 0, result.output
        assert (result.stdout, result.stderr) == ("", "")
    assert outbox(chorus_file, "digest_daily") == [
        ("p@example.fr", "Chorus Pro – Vos notifications du 10/11/2026")
    ]
    assert notify(chorus_file, "weekly", "--day", "13/11/2026").exit_code == 0
    assert notify(chorus_file, "weekly", "--day", "09/11/2026").exit_code == 0
    assert outbox(chorus_file, "digest_weekly") == [
        (
            "p@example.fr",
            "Chorus Pro – Récapitulatif hebdomadaire des mouvements du 09/11/2026 au 15/11/2026",
        )
    ]


def test_notify_without_a_day_digests_yesterday_and_last_week(chorus_file):
    assert notify(chorus_file, "daily").exit_code == 0
    assert notify(chorus_file, "weekly").exit_code == 0
    yesterday = dt.datetime.now(DISPLAY_TZ).date() - dt.timedelta(days=1)
    assert [subject for _, subject in outbox(chorus_file, "digest_daily")] == [
        f"Chorus Pro – Vos notifications du {yesterday:%d/%m/%Y}"
    ]
    assert len(outbox(chorus_file, "digest_weekly")) == 1


def test_notify_verbose_says_what_it_queued(chorus_file):
    result = notify(chorus_file, "daily", "--day", "10/11/2026", "--verbose")
    assert result.exit_code == 0
    assert (
        result.stdout == "daily digest 10/11/2026–10/11/2026: 1 queued, 0 already queued before.\n"
    )
    result = notify(chorus_file, "weekly", "--day", "11/11/2026", "-v")
    assert (
        result.stdout == "weekly digest 09/11/2026–15/11/2026: 1 queued, 0 already queued before.\n"
    )


def test_notify_on_a_missing_database_fails_in_one_line_and_creates_nothing(tmp_path):
    path = tmp_path / "nowhere.sqlite3"
    assert_one_line_failure(notify(path, "daily"), 1, f"no database at {path}")
    assert not path.exists()


def test_notify_on_a_file_that_is_not_a_chorus_database_fails_in_one_line(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert_one_line_failure(notify(path, "weekly"), 1, "is not a chorus-tui database")


def test_notify_refuses_a_period_that_is_not_over(chorus_file):
    today = dt.datetime.now(DISPLAY_TZ).date()
    result = notify(chorus_file, "daily", "--day", f"{today:%d/%m/%Y}")
    assert_one_line_failure(result, 1, "is not over yet")
    assert outbox(chorus_file, "digest_daily") == []


@pytest.mark.parametrize(
    "args", [("monthly",), ("daily", "--day", "31/02/2026"), ()], ids=["kind", "day", "none"]
)
def test_notify_usage_errors_exit_with_status_2(chorus_file, args):
    result = notify(chorus_file, *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_installed_command_is_silent_for_cron(chorus_file):
    completed = subprocess.run(
        [str(EXECUTABLE), "--database", str(chorus_file), "notify", "daily", "--day", "10/11/2026"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (completed.returncode, completed.stdout, completed.stderr) == (0, "", "")
    assert len(outbox(chorus_file, "digest_daily")) == 1
    failed = subprocess.run(
        [str(EXECUTABLE), "--database", str(chorus_file) + ".missing", "notify", "daily"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.count("\n") == 1 and failed.stderr.startswith("Error: no database")


def test_two_runs_started_at_once_queue_each_digest_once(tmp_path, db, services, clock):
    clock.set(paris(dt.date(2026, 11, 10)))
    users = [make_user(services, notifications=True) for _ in range(40)]
    for user in users:
        event(services, user, "password_changed")
    database.close()
    path = tmp_path / "chorus.sqlite3"
    command = [str(EXECUTABLE), "--database", str(path), "notify", "daily", "--day", "10/11/2026"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in "ab"]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert outputs == [(b"", b""), (b"", b"")]
    assert len(outbox(path, "digest_daily")) == len(users)
    with sqlite3.connect(path) as connection:
        (runs_recorded,) = connection.execute("SELECT count(*) FROM digest_run").fetchone()
    assert runs_recorded == len(users)
