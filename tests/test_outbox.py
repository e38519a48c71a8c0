"""X4: ``chorus-tui outbox list|show|send`` — the table, one mail, and delivery to a real SMTP
server (aiosmtpd), with one-line errors and no traceback; two ``outbox send`` processes at once
deliver each mail once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from chorus_tui.cli import main
from chorus_tui.domain.outbox import record_failure, record_sent
from chorus_tui.models import OutboxMail, database
from chorus_tui.models.codes import MailStatus
from tests.domain.factories import make_user
from tests.domain.test_outbox import (
    SENDER,
    SMTP_PASSWORD,
    SMTP_USER,
    check_credentials,
    free_port,
    queue_mails,
    start_smtp,
)

EXECUTABLE = Path(sys.executable).with_name("chorus-tui")
SMTP_VARIABLES = ("HOST", "PORT", "SECURITY", "USER", "PASSWORD", "FROM", "CAFILE", "CONFIG")


def smtp_env(port: int | None = None, **values: str) -> dict[str, str | None]:
    """The CHORUS_TUI_SMTP_* variables for a plain server on 127.0.0.1 (none inherited)."""
    env: dict[str, str | None] = {f"CHORUS_TUI_SMTP_{name}": None for name in SMTP_VARIABLES}
    if port is not None:
        env |= {
            "CHORUS_TUI_SMTP_HOST": "127.0.0.1",
            "CHORUS_TUI_SMTP_PORT": str(port),
            "CHORUS_TUI_SMTP_SECURITY": "none",
            "CHORUS_TUI_SMTP_FROM": SENDER,
        }
    env |= {f"CHORUS_TUI_SMTP_{name.upper()}": value for name, value in values.items()}
    return env


@pytest.fixture
def database_file(db, tmp_path) -> str:
    return str(tmp_path / "chorus.sqlite3")


@pytest.fixture
def cli(database_file):
    def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
        result = CliRunner(env=env or smtp_env()).invoke(main, ["--database", database_file, *args])
        database.obj.close()  # the command closed its handle; reads reconnect
        return result

    return invoke


@pytest.fixture
def smtp_server():
    started = []

    def start(**options):
        server = start_smtp(**options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.controller.stop()


def assert_one_line_failure(result: Result, starts: str) -> str:
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {starts}"), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def reloaded(mail: OutboxMail) -> OutboxMail:
    return OutboxMail.get_by_id(mail.id)


# --- list and show --------------------------------------------------------------------------------


def test_the_list_is_a_table_of_the_newest_mails_first(cli, services, clock):
    first, second = queue_mails(services, 2)
    clock.advance(minutes=5)
    [third] = queue_mails(services, 1, user=make_user(services, email="x@y.test"))
    record_sent(services, second)
    result = cli("outbox", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0]) == ["ID", "CREATED", "STATUS", "ATTEMPTS", "TO", "SUBJECT"]
    assert [line.split()[0] for line in lines[1:4]] == [
        str(third.id),
        str(second.id),
        str(first.id),
    ]
    assert re.split(r"\s{2,}", lines[1].strip()) == [
        str(third.id),
        "24/11/2026 10:35:00",  # shown in Paris time
        "PENDING",
        "0",
        "x@y.test",
        "Chorus Pro – Réactivation de votre compte utilisa…",
    ]
    assert lines[2].split()[3:5] == ["SENT", "1"]
    assert lines[-1] == "Mails 1–3 of 3 (page 1 of 1)."


def test_the_list_filters_by_status_and_pages(cli, services, clock):
    mails = []
    for _ in range(5):
        mails += queue_mails(services)
        clock.advance(minutes=1)
    record_sent(services, mails[0])
    sent = cli("outbox", "list", "--status", "sent")
    assert [line.split()[0] for line in sent.stdout.splitlines()[1:-1]] == [str(mails[0].id)]
    page = cli("outbox", "list", "--status", "pending", "--page", "2", "--size", "3")
    assert [line.split()[0] for line in page.stdout.splitlines()[1:-1]] == [str(mails[1].id)]
    assert page.stdout.splitlines()[-1] == "Mails 4–4 of 4 (page 2 of 2)."
    assert cli("outbox", "list", "--status", "failed").stdout == "No failed mail.\n"
    wrong = cli("outbox", "list", "--status", "lost")
    assert wrong.exit_code == 2 and "Invalid value for '--status'" in wrong.stderr


def test_an_empty_outbox_says_so(cli):
    result = cli("outbox", "list")
    assert (result.exit_code, result.stdout) == (0, "The outbox is empty.\n")


def test_show_prints_the_headers_the_delivery_state_and_the_body(cli, services, clock):
    [mail] = queue_mails(services)
    record_failure(services, mail, "cannot connect to smtp:25: connection refused")
    result = cli("outbox", "show", str(mail.id))
    assert result.exit_code == 0, result.output
    head, body = result.stdout.split("\n\n", 1)
    assert head.splitlines() == [
        f"Id:           {mail.id}",
        "Kind:         reactivation_code",
        "Status:       PENDING",
        "Created:      24/11/2026 10:30:00",
        "To:           helene@dupont.test",
        "Subject:      Chorus Pro – Réactivation de votre compte utilisateur",
        "Attempts:     1",
        "Next attempt: 24/11/2026 10:31:00",
        "Last error:   cannot connect to smtp:25: connection refused",
    ]
    assert body.startswith("Bonjour Hélène DUPONT,\n\nVous avez demandé la réactivation")
    assert body.rstrip().endswith("L'équipe Chorus Pro")


def test_user_text_reaches_the_terminal_without_escape_sequences(cli, services):
    [mail] = queue_mails(services)
    OutboxMail.update(subject="\x1b[2JBonjour", body="a\x1b]0;pwned\x07b\nc").where(
        OutboxMail.id == mail.id
    ).execute()
    for args in (("outbox", "list"), ("outbox", "show", str(mail.id))):
        result = cli(*args)
        assert result.exit_code == 0 and "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "a ]0;pwned b\nc" in cli("outbox", "show", str(mail.id)).stdout


def test_show_of_an_unknown_mail_fails_in_one_line(cli):
    assert_one_line_failure(cli("outbox", "show", "4242"), "no mail with id 4242 in the outbox")


# --- send -----------------------------------------------------------------------------------------


def test_send_delivers_the_pending_mails_and_says_how_many(cli, services, smtp_server):
    server = smtp_server()
    mails = queue_mails(services, 2)
    result = cli("outbox", "send", env=smtp_env(server.port))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "2 mail(s) sent.\n", "")
    assert len(server.received) == 2
    assert {reloaded(mail).status for mail in mails} == {MailStatus.SENT}
    assert server.received[0].message["Subject"] == (
        "Chorus Pro – Réactivation de votre compte utilisateur"
    )
    quiet = cli("outbox", "send", "--quiet", env=smtp_env(server.port))
    assert (quiet.exit_code, quiet.output) == (0, "")


def test_send_with_the_server_down_fails_in_one_line_and_keeps_the_mail(cli, services):
    [mail] = queue_mails(services)
    port = free_port()
    result = cli("outbox", "send", env=smtp_env(port))
    line = assert_one_line_failure(result, "smtp error: ")
    assert line == (
        f"Error: smtp error: mail {mail.id} to helene@dupont.test: cannot connect to "
        f"127.0.0.1:{port}: connection refused; 0 mail(s) sent"
    )
    row = reloaded(mail)
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert "connection refused" in row.last_error


def test_send_with_wrong_credentials_from_a_config_file_fails_in_one_line(
    cli, services, smtp_server, tmp_path
):
    server = smtp_server(authenticator=check_credentials, auth_require_tls=False)
    [mail] = queue_mails(services)
    config = tmp_path / "smtp.toml"
    config.write_text(
        f'[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\n'
        f'user = "{SMTP_USER}"\npassword = "not-{SMTP_PASSWORD}"\nfrom = "{SENDER}"\n'
    )
    config.chmod(0o600)
    result = cli("outbox", "send", "--smtp-config", str(config))
    assert "refused the login of 'chorus': 535" in assert_one_line_failure(result, "smtp error")
    assert (reloaded(mail).status, reloaded(mail).attempts) == (MailStatus.PENDING, 1)
    assert server.received == []
    config.write_text(config.read_text().replace("not-", ""))
    again = cli("outbox", "send", "--smtp-config", str(config))
    assert (again.exit_code, again.stdout) == (0, "0 mail(s) sent.\n")  # in its 1-minute backoff


def test_send_refuses_a_config_file_others_may_read(cli, services, tmp_path):
    [mail] = queue_mails(services)
    config = tmp_path / "smtp.toml"
    config.write_text('[smtp]\nhost = "127.0.0.1"\nfrom = "a@b.fr"\n')
    config.chmod(0o644)
    line = assert_one_line_failure(cli("outbox", "send", "--smtp-config", str(config)), "the SMTP")
    assert "may be read by others (mode 0644)" in line
    assert reloaded(mail).attempts == 0


def test_send_without_settings_says_what_is_missing(cli):
    result = cli("outbox", "send", env=smtp_env(CHORUS_TUI_SMTP_FROM="a@b.fr"))
    assert_one_line_failure(result, "no SMTP server: set CHORUS_TUI_SMTP_HOST")


def test_two_send_commands_at_once_deliver_every_mail_exactly_once(
    database_file, services, smtp_server
):
    server = smtp_server(delay=0.02)
    queue_mails(services, 60)
    env = {key: value for key, value in os.environ.items() if not key.startswith("CHORUS_TUI_")}
    env |= {key: value for key, value in smtp_env(server.port).items() if value is not None}
    command = [str(EXECUTABLE), "--database", database_file, "outbox", "send"]
    senders = [
        subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [sender.communicate(timeout=120) for sender in senders]
    assert [sender.returncode for sender in senders] == [0, 0], outputs
    counts = [int(re.fullmatch(r"(\d+) mail\(s\) sent\.\n", out).group(1)) for out, _ in outputs]
    assert sum(counts) == 60, counts
    ids = server.handler.message_ids()
    assert len(ids) == len(set(ids)) == 60
    stored = {mail.message_id for mail in OutboxMail.select()}
    assert set(ids) == stored
    assert OutboxMail.select().where(OutboxMail.status == MailStatus.SENT).count() == 60
