"""Two operators over SSH (issue 8, X8, SPEC §8): a real ``sshd`` (Debian's openssh-server) on a
loopback port with a throw-away host key, two ``ssh -tt`` clients in tmux at 80×24, each running
the real ``chorus-tui`` on the same SQLite file. Claire DUPONT opens Nadia BENSAÏD's pending
request to Menuiserie Dupont and leaves it open; Paul DUPONT validates it; Claire's own
« Valider » then gets the conflict message and a refreshed list."""

from __future__ import annotations

import contextlib
import getpass
import os
import shlex
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from chorus_tui.db import open_database, prepare_schema
from chorus_tui.db.demo import seed_demo
from chorus_tui.domain.context import Services
from chorus_tui.i18n.messages.errors_memberships import FR as MEMBERSHIP_ERRORS
from chorus_tui.i18n.messages.ui_manager import FR as MANAGER_TEXTS
from chorus_tui.models import database
from tests.e2e.test_account_in_tmux import DEMO_PASSWORD
from tests.e2e.tmux import PROGRAM, ShellSession

pytestmark = pytest.mark.e2e

SSHD = Path("/usr/sbin/sshd")
PROJECT = Path(__file__).resolve().parents[2]
PAUL = "paul.dupont@menuiserie.fr"
CLAIRE = "claire.dupont@menuiserie.fr"
NADIA = "BENSAÏD Nadia"
# X8: « Cette demande a été traitée par un autre gestionnaire entre-temps : … »
CONFLICT = MEMBERSHIP_ERRORS["error.request_processed"]
VALIDATED = MANAGER_TEXTS["mrequests.validated"].format(user=NADIA, structure="Menuiserie Dupont")
EMPTY_LIST = MANAGER_TEXTS["mrequests.empty"]
MOTIF = "Doublon de la demande"
TIMEOUT = 90.0  # generous: CI runs two pytest workers on two cores, plus sshd and two programs


@dataclass(frozen=True)
class SshServer:
    port: int
    user: str
    client_key: Path

    def command(self, remote: str) -> str:
        """The local shell command line that runs ``remote`` on this server in a terminal."""
        ssh = [
            "ssh",
            "-tt",
            "-F",
            "/dev/null",
            "-i",
            str(self.client_key),
            "-p",
            str(self.port),
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            f"{self.user}@127.0.0.1",
            remote,
        ]
        return shlex.join(ssh)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def keygen(path: Path) -> None:
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "chorus-e2e", "-f", str(path)],
        check=True,
        capture_output=True,
    )


def wait_for_port(port: int, server: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"sshd exited with {server.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"sshd never listened on port {port}:\n{log.read_text()}")


@pytest.fixture
def sshd(tmp_path):
    """A throw-away sshd on 127.0.0.1 that accepts only a key generated here, for the user
    running the tests (root in CI)."""
    assert SSHD.exists(), "openssh-server is required (./test.sh installs it)"
    keys = tmp_path / "ssh"
    keys.mkdir()
    host_key, client_key = keys / "host_ed25519", keys / "client_ed25519"
    keygen(host_key)
    keygen(client_key)
    authorized = keys / "authorized_keys"
    authorized.write_text(client_key.with_suffix(".pub").read_text())
    authorized.chmod(0o600)
    port = free_port()
    config = keys / "sshd_config"
    config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"Port {port}",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                f"PidFile {keys / 'sshd.pid'}",
                # No « Subsystem » line: no sftp (OpenSSH 9.2 has no « Subsystem none »).
                "",
            ]
        )
    )
    with contextlib.suppress(PermissionError):  # privilege separation; root creates it
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    log = keys / "sshd.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(SSHD), "-D", "-e", "-f", str(config)],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for_port(port, server, log)
        yield SshServer(port, getpass.getuser(), client_key)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def demo_database(path: Path) -> None:
    """The demo database, prepared once so that the two programs find it ready."""
    handle = open_database(str(path))
    try:
        prepare_schema(handle)
        seed_demo(Services())
    finally:
        handle.close()
        database.initialize(None)


@pytest.fixture
def operators(tmp_path, sshd):
    """Start ``chorus-tui`` over SSH in a new tmux terminal: ``start()`` returns the session."""
    path = tmp_path / "shared.sqlite3"
    demo_database(path)
    home = tmp_path / "home"
    home.mkdir()
    # The SSH session does not inherit this environment: the remote command sets what the
    # program needs.
    environment = {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:{os.defpath}",
    }
    remote = " ".join(
        [
            f"cd {shlex.quote(str(PROJECT))} &&",
            "exec env",
            *(f"{key}={shlex.quote(value)}" for key, value in environment.items()),
            shlex.join([str(PROGRAM), "--database", str(path)]),
        ]
    )
    opened: list[ShellSession] = []

    def start() -> ShellSession:
        session = ShellSession(sshd.command(remote))
        opened.append(session)
        return session

    yield start
    for session in opened:
        session.close()


def flat(text: str) -> str:
    """The letters and punctuation of ``text``, without the line breaks and spaces of its
    wrapping (a word may be cut at a hyphen)."""
    return "".join(char for char in text if char.isalnum() or char in "'’:-.,«»")


def notified(message: str):
    """A screen condition: ``message`` is shown in a notification. Textual draws those at the
    right edge with a « ▌ » border, over the screen, wrapped over several lines."""

    def condition(screen: str) -> bool:
        toasts = "\n".join(line.rpartition("▌")[2] for line in screen.splitlines() if "▌" in line)
        return flat(message) in flat(toasts)

    return condition


def log_in(operator: ShellSession, login: str) -> None:
    """The login screen (X1), typed as an operator would; each step awaits what it shows."""
    operator.wait_for("Identifiant de connexion", timeout=TIMEOUT)
    operator.type(login)
    operator.wait_for(login, timeout=TIMEOUT)  # in the field: it had the focus
    operator.send("Tab")
    operator.type(DEMO_PASSWORD)
    operator.send("Enter")
    operator.wait_for("Dernière connexion le", timeout=TIMEOUT)


def footer(screen: str) -> str:
    return screen.rstrip("\n").rpartition("\n")[2]


def open_nadias_request(operator: ShellSession, login: str) -> None:
    """Log in, F3 « Activités du gestionnaire », and open Nadia's request (M2)."""
    log_in(operator, login)
    operator.send("F3")
    operator.wait_for("Les demandes de rattachement", timeout=TIMEOUT)
    operator.wait_for(NADIA, timeout=TIMEOUT)
    operator.send("F5")  # the table of membership requests; Nadia's is its only row
    # The table has the focus once the footer shows its keys (no table has it before F5).
    operator.wait_until(lambda text: "v Valider" in footer(text), "the focus on the table", TIMEOUT)
    operator.send("Enter")
    operator.wait_for("Rattachement d'un utilisateur", timeout=TIMEOUT)
    operator.wait_for("BENSAÏD", timeout=TIMEOUT)
    operator.wait_until(lambda text: "^S Valider" in footer(text), "the M2 keys", TIMEOUT)


def shows_the_refreshed_empty_list(screen: str) -> bool:
    """The manager space again, its membership table reloaded without Nadia's request (once
    any notification naming her has faded)."""
    return EMPTY_LIST in screen and NADIA not in screen


def keeps_the_request_open(claire: ShellSession) -> str:
    """Claire leaves M2 open, about to « Valider » (Ctrl+S); the title on her screen."""
    return "Rattachement d'un utilisateur"


def starts_a_refusal(claire: ShellSession) -> str:
    """Claire opens the M3 window (« Refuser », from the command palette) and types a motif,
    about to confirm it (Ctrl+S); the title on her screen."""
    claire.send("C-p")
    claire.wait_for("Rechercher une commande", timeout=TIMEOUT)
    claire.type("rattachement : refuser")
    claire.wait_for("Demande de rattachement : refuser", timeout=TIMEOUT)
    claire.send("Enter")
    claire.wait_for("Confirmation du refus", timeout=TIMEOUT)
    claire.type(MOTIF)
    claire.wait_for(MOTIF, timeout=TIMEOUT)  # in the motif field: it had the focus
    return "Confirmation du refus"


@pytest.mark.parametrize(
    "claires_decision",
    [keeps_the_request_open, starts_a_refusal],
    ids=["validation", "refusal"],
)
def test_a_request_validated_over_ssh_meanwhile_gives_the_other_operator_the_conflict(
    tmp_path, operators, claires_decision
):
    claire = operators()
    paul = operators()
    open_nadias_request(claire, CLAIRE)
    title = claires_decision(claire)  # and she leaves her screen as it is
    open_nadias_request(paul, PAUL)

    paul.send("C-s")
    paul.wait_until(notified(VALIDATED), "Paul's notification", TIMEOUT)
    paul.wait_until(shows_the_refreshed_empty_list, "Paul's refreshed list", TIMEOUT)
    screen = claire.screen()
    assert title in screen and not notified(CONFLICT)(screen)  # nothing told Claire yet

    claire.send("C-s")
    screen = claire.wait_until(notified(CONFLICT), "the conflict message", TIMEOUT)
    assert "est validée" not in screen and "est refusée" not in screen
    screen = claire.wait_until(shows_the_refreshed_empty_list, "Claire's refreshed list", TIMEOUT)
    assert "Rattachement d'un utilisateur" not in screen
    assert "Confirmation du refus" not in screen

    with sqlite3.connect(tmp_path / "shared.sqlite3") as db:
        rows = db.execute(
            "SELECT m.status, d.login, m.motif FROM membership m "
            "JOIN user u ON u.id = m.user_id JOIN structure s ON s.id = m.structure_id "
            "LEFT JOIN user d ON d.id = m.decided_by_id "
            "WHERE u.login = 'nadia.bensaid@laposte.net' "
            "AND s.raison_sociale = 'Menuiserie Dupont'"
        ).fetchall()
    assert rows == [("VALIDEE", PAUL, "")]  # Paul's decision, not overwritten by Claire's
