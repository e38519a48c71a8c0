"""SPEC §8: the ``chorus-tui`` command, its database option and its error messages."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chorus_tui.cli import main
from chorus_tui.config import DATABASE_ENV

EXECUTABLE = Path(sys.executable).with_name("chorus-tui")


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, list(args))


def assert_clean_failure(result: Result) -> None:
    """A non-zero exit with one line on stderr, and no traceback anywhere."""
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture
def demo_file(tmp_path) -> Path:
    path = tmp_path / "demo.sqlite3"
    assert run("--database", str(path), "seed", "--demo").exit_code == 0
    return path


def test_seed_demo_then_check_passes(tmp_path):
    path = tmp_path / "chorus.sqlite3"
    seeded = run("--database", str(path), "seed", "--demo")
    assert seeded.exit_code == 0, seeded.output
    assert "paul.dupont@menuiserie.fr" in seeded.stdout
    assert "Chorus.Pro.2017" in seeded.stdout
    checked = run("--database", str(path), "check")
    assert checked.exit_code == 0
    assert checked.stdout.startswith("OK")


def test_check_names_the_structure_that_lost_its_principal(demo_file):
    with sqlite3.connect(demo_file) as connection:
        connection.execute(
            "UPDATE membership SET role = 'UTILISATEUR_SIMPLE' "
            "WHERE role = 'GESTIONNAIRE_PRINCIPAL' AND structure_id = "
            "(SELECT id FROM structure WHERE raison_sociale = 'Menuiserie Dupont')"
        )
    result = run("--database", str(demo_file), "check")
    assert result.exit_code == 1
    assert "no_principal: 12600591700516 (Menuiserie Dupont)" in result.stdout.splitlines()
    assert "Traceback" not in result.output


def test_seed_refuses_a_database_that_has_users(demo_file):
    result = run("--database", str(demo_file), "seed", "--demo")
    assert_clean_failure(result)
    assert "already has users" in result.stderr


def test_seed_wants_exactly_one_of_demo_and_scale(tmp_path):
    path = str(tmp_path / "chorus.sqlite3")
    assert run("--database", path, "seed").exit_code == 2
    assert run("--database", path, "seed", "--demo", "--scale", "5").exit_code == 2
    assert run("--database", path, "seed", "--scale", "0").exit_code == 2


def test_seed_scale_builds_a_consistent_database(tmp_path):
    path = str(tmp_path / "scale.sqlite3")
    result = run("--database", path, "seed", "--scale", "500")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("500 users, 50 structures")
    assert run("--database", path, "check").exit_code == 0


@pytest.mark.parametrize(
    "target",
    [
        "{tmp}",
        "{tmp}/a-file/chorus.sqlite3",
        "postgresql:://bad",
        "ftp://x",
        "sqlite:chorus.sqlite3",
    ],
    ids=["directory", "unwritable-path", "malformed-url", "unsupported-url", "bad-sqlite-url"],
)
@pytest.mark.parametrize("command", [("seed", "--demo"), ("check",)], ids=["seed", "check"])
def test_bad_database_targets_give_one_line_errors(tmp_path, target, command):
    (tmp_path / "a-file").write_text("not a folder")
    result = run("--database", target.format(tmp=tmp_path), *command)
    assert_clean_failure(result)


def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "corrupt.sqlite3"
    content = b"\x00garbage" + os.urandom(8192)
    path.write_bytes(content)
    for command in (("seed", "--demo"), ("check",)):
        result = run("--database", str(path), *command)
        assert_clean_failure(result)
        assert "not a usable SQLite database" in result.stderr
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corrupt.sqlite3"]


def test_check_does_not_create_a_missing_database(tmp_path):
    path = tmp_path / "missing.sqlite3"
    assert_clean_failure(run("--database", str(path), "check"))
    assert not path.exists()


def test_the_environment_variable_chooses_the_database(tmp_path):
    path = tmp_path / "from-env.sqlite3"
    result = run("seed", "--demo", env={DATABASE_ENV: str(path)})
    assert result.exit_code == 0, result.output
    assert path.exists()


def test_the_option_wins_over_the_environment_variable(tmp_path):
    chosen, ignored = tmp_path / "chosen.sqlite3", tmp_path / "ignored.sqlite3"
    result = run("--database", str(chosen), "seed", "--demo", env={DATABASE_ENV: str(ignored)})
    assert result.exit_code == 0
    assert chosen.exists() and not ignored.exists()


@pytest.mark.parametrize("command", [(), ("seed",), ("check",)])
def test_every_command_has_help(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage:")


def test_the_interface_opens_a_new_database_on_the_demo_data(tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("chorus_tui.ui.app")
    fake.run_app = lambda services, language="FR": calls.append(language)
    monkeypatch.setitem(sys.modules, "chorus_tui.ui.app", fake)
    path = str(tmp_path / "fresh.sqlite3")
    assert run("--database", path).exit_code == 0
    assert calls == ["FR"]
    assert "already has users" in run("--database", path, "seed", "--demo").stderr
    assert run("--database", path).exit_code == 0
    assert calls == ["FR", "FR"]


def test_installed_command_reports_errors_without_traceback_or_textual(tmp_path):
    """The real console script, in its own process: subcommands never load Textual."""
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"not a database" * 100)
    probe = (
        "import sys; from chorus_tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exit:\n"
        "    print('textual' in sys.modules, exit.code)"
    )
    env = {**os.environ, DATABASE_ENV: str(path)}
    process = subprocess.run(
        [sys.executable, "-c", probe, "check"], capture_output=True, text=True, env=env
    )
    assert process.stdout.strip() == "False 1"
    assert process.stderr.startswith("Error: ") and "Traceback" not in process.stderr
    if EXECUTABLE.exists():
        script = subprocess.run([EXECUTABLE, "check"], capture_output=True, text=True, env=env)
        assert script.returncode == 1 and "Traceback" not in script.stderr


def test_a_closed_output_pipe_ends_quietly(tmp_path):
    database = tmp_path / "pipe.sqlite3"
    command = f"{sys.executable} -m chorus_tui --database {database} seed --demo | head -c 1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert "Broken pipe" not in result.stderr
    assert "Traceback" not in result.stderr
