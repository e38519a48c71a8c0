"""``chorus-tui export history|users`` (X6): the interface's CSV from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import resource

import pytest
from click.testing import CliRunner

from chorus_tui.cli import main
from chorus_tui.db import open_database
from chorus_tui.db.demo import seed_demo
from chorus_tui.domain import history, user_search
from chorus_tui.domain.export import ENCODING
from chorus_tui.models import Membership, Structure, User, database
from chorus_tui.models.codes import MembershipStatus

PAUL = "paul.dupont@menuiserie.fr"


@pytest.fixture
def demo_file(tmp_path, db, services):
    seed_demo(services)
    database.close()
    return tmp_path / "chorus.sqlite3"


def run(demo_file, *args: str):
    result = CliRunner().invoke(main, ["--database", str(demo_file), "export", *args])
    open_database(str(demo_file))
    return result


def read_csv(path) -> list[list[str]]:
    with open(path, encoding=ENCODING, newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_history_export_parses_back_with_the_interface_labels(demo_file, tmp_path):
    output = tmp_path / "historique.csv"
    result = run(demo_file, "history", "--as", PAUL, str(output))
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv(output)
    assert (
        rows[0]
        == history.export_labels("FR")
        == [
            "Date",
            "Demandeur",
            "Structure",
            "Commentaires",
            "Effectuée par",
            "Motif",
        ]
    )
    assert len(rows) - 1 == int(result.output.split()[0]) > 0
    assert all(len(row) == 6 for row in rows)


def test_users_export_in_english_turns_statuses_into_words(demo_file, tmp_path):
    output = tmp_path / "users.csv"
    result = run(demo_file, "users", "--as", PAUL, "--nom", "*", "--language", "en", str(output))
    assert result.exit_code == 0, result.output
    rows = read_csv(output)
    assert rows[0] == user_search.export_labels("EN")
    assert {"Active"} <= {row[4] for row in rows[1:]}
    assert "ACTIF" not in {row[4] for row in rows[1:]}


def test_a_name_written_as_a_formula_is_exported_as_text(demo_file, tmp_path):
    paul = User.get(User.login == PAUL)
    member = (
        Membership.select()
        .where(
            (Membership.structure_id.in_([m.structure_id for m in paul.memberships]))
            & (Membership.user != paul)
            & (Membership.status == MembershipStatus.VALIDEE)
        )
        .first()
        .user
    )
    member.prenom = '=HYPERLINK("http://evil")'
    member.nom = "-2+3"
    member.save()
    output = tmp_path / "users.csv"
    assert (
        run(demo_file, "users", "--as", PAUL, "--login", member.login, str(output)).exit_code == 0
    )
    cell = read_csv(output)[1][0]
    assert cell == '\'=HYPERLINK("http://evil") -2+3'


def test_an_existing_file_is_not_overwritten(demo_file, tmp_path):
    output = tmp_path / "historique.csv"
    output.write_text("keep")
    result = run(demo_file, "history", "--as", PAUL, str(output))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {output} exists already; choose another file name"
    assert output.read_text() == "keep"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["users", "--as", PAUL], "give at least one criterion"),
        (["history", "--as", "nobody@example.fr"], "no account with the login"),
        (["history", "--as", PAUL, "--since", "hier"], "--since: date invalid"),
        (["history", "--as", PAUL, "--structure", "00000000000000"], "no structure"),
    ],
)
def test_a_refused_export_says_why_in_one_line_and_writes_nothing(
    demo_file, tmp_path, args, message
):
    output = tmp_path / "out.csv"
    result = run(demo_file, *args, str(output))
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not output.exists()


def test_a_simple_user_may_not_export_the_history(demo_file, tmp_path):
    simple = (
        User.select()
        .where(
            ~User.id.in_(Membership.select(Membership.user).where(Membership.role != "UTILISATEUR"))
        )
        .first()
    )
    output = tmp_path / "out.csv"
    result = run(demo_file, "history", "--as", simple.login, str(output))
    assert result.exit_code == 1
    assert "may not export" in result.output
    assert not output.exists()


def export_in_a_fresh_process(database_path: str, output: str, login: str, structure_id: int):
    """Run in a spawned process: its peak RSS grows only by what the export itself holds."""
    open_database(database_path)
    actor = User.get(User.login == login)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    count = history.export_history(actor, output, structure_id=structure_id)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return count, (after - before) * 1024


def test_one_hundred_thousand_history_rows_stream_in_flat_memory(demo_file, tmp_path):
    """The export holds one row at a time: exporting 100,000 rows raises the peak memory of a
    fresh process by a few MiB at most (the rows as objects would weigh over 100 MiB)."""
    paul = User.get(User.login == PAUL)
    structure = Structure.get(Structure.id == paul.memberships[0].structure_id)
    start = dt.datetime(2026, 1, 1)
    rows = [
        (start + dt.timedelta(seconds=n), paul.id, structure.id, paul.id, "ROLE_CHANGED", "", "{}")
        for n in range(100_000)
    ]
    with database.atomic():
        database.obj.connection().executemany(
            "INSERT INTO audit_entry (at, actor_id, structure_id, target_user_id, action, motif,"
            " details) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    del rows
    output = tmp_path / "historique.csv"
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        count, growth = pool.apply(
            export_in_a_fresh_process, (str(demo_file), str(output), PAUL, structure.id)
        )
    assert count >= 100_000
    assert growth < 8 * 2**20
    assert len(output.read_text(encoding=ENCODING).splitlines()) == count + 1
