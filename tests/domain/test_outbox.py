"""X4: the outbox sender against a real SMTP server (aiosmtpd on 127.0.0.1): plain, STARTTLS and
TLS delivery, a server down, wrong credentials, retries with backoff, and two concurrent senders
delivering every mail exactly once.

The SMTP helpers here (``SmtpServer``, ``start_smtp``, ``self_signed_certificate``…) are shared
with ``tests/test_outbox.py``."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import multiprocessing
import smtplib
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from chorus_tui.domain import journal
from chorus_tui.domain.outbox import (
    CLAIM_TIMEOUT,
    MAX_ATTEMPTS,
    build_message,
    claim_next,
    get_mail,
    outbox_page,
    record_failure,
    record_sent,
    retry_delay,
    send_pending,
)
from chorus_tui.domain.smtp_settings import SmtpSettings
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import OutboxMail
from chorus_tui.models.codes import MailStatus
from tests.domain.factories import make_user

SENDER = "Chorus Pro <no-reply@chorus.test>"
SMTP_USER = "chorus"
SMTP_PASSWORD = "s3cret-Passw0rd"


# --- A real SMTP server -------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage
    over_tls: bool
    authenticated: bool


@dataclass
class Collector:
    """The aiosmtpd handler: keeps every message it accepts, parsed."""

    delay: float = 0.0
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        message = BytesParser(policy=policy.default).parsebytes(envelope.content)
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    message,
                    over_tls=server.transport.get_extra_info("ssl_object") is not None,
                    authenticated=bool(session.authenticated),
                )
            )
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [item.message["Message-ID"] for item in self.received]


@dataclass
class SmtpServer:
    controller: Controller
    handler: Collector
    port: int

    @property
    def received(self) -> list[Received]:
        return self.handler.received


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def check_credentials(server, session, envelope, mechanism, auth_data) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(),
        auth_data.password.decode(),
    ) == (SMTP_USER, SMTP_PASSWORD)
    return AuthResult(success=ok, handled=False)


def start_smtp(delay: float = 0.0, port: int | None = None, **options) -> SmtpServer:
    handler = Collector(delay=delay)
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    return SmtpServer(controller, handler, port)


@pytest.fixture
def smtp_server():
    """A factory of SMTP servers on 127.0.0.1, all stopped after the test."""
    started: list[SmtpServer] = []

    def start(**options) -> SmtpServer:
        server = start_smtp(**options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.controller.stop()


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


def self_signed_certificate(folder: Path) -> Certificate:
    """A throw-away certificate for 127.0.0.1 and localhost, made by the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return Certificate(cert, key)


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> Certificate:
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


def smtp_settings(port: int, **changes) -> SmtpSettings:
    return dataclasses.replace(
        SmtpSettings(host="127.0.0.1", port=port, security="none", sender=SENDER, timeout=10),
        **changes,
    )


def queue_mails(services, count: int = 1, user=None) -> list[OutboxMail]:
    """``count`` reactivation-code mails, queued as the domain queues them (French catalogue)."""
    user = user or make_user(services, nom="DUPONT", prenom="Hélène", email="helene@dupont.test")

    def write() -> list[OutboxMail]:
        return [
            journal.mail(
                services,
                user,
                "reactivation_code",
                login=user.login,
                code=f"CODE-{number:04d}",
                expires="25/11/2026 10:30",
            )
            for number in range(count)
        ]

    return run_write(write)


def reloaded(mail: OutboxMail) -> OutboxMail:
    return OutboxMail.get_by_id(mail.id)


# --- The message --------------------------------------------------------------------------------


def test_the_message_is_utf8_mime_with_date_and_message_id(db, services):
    [mail] = queue_mails(services)
    message = build_message(mail, SENDER, services.now())
    parsed = BytesParser(policy=policy.default).parsebytes(message.as_bytes())
    assert parsed["Subject"] == "Chorus Pro – Réactivation de votre compte utilisateur"
    assert parsed["From"] == SENDER
    assert parsed["To"] == "helene@dupont.test"
    assert parsedate_to_datetime(parsed["Date"]) == services.now()
    assert parsed["Message-ID"].endswith("@chorus.test>")
    assert parsed.get_content_charset() == "utf-8"
    assert "Bonjour Hélène DUPONT" in parsed.get_content()
    assert "=?utf-8?" in message.as_string().split("\n\n")[0]  # the subject is encoded (RFC 2047)


def test_a_mail_keeps_its_message_id_given_at_its_first_claim(db, services):
    [mail] = queue_mails(services)
    claimed = claim_next(services, message_domain="chorus.test")
    assert claimed.id == mail.id
    assert claimed.message_id.endswith("@chorus.test>")
    assert reloaded(mail).message_id == claimed.message_id
    message = build_message(claimed, SENDER, services.now())
    assert message["Message-ID"] == claimed.message_id


# --- Claiming, recording, backoff ---------------------------------------------------------------


def test_claims_take_the_oldest_due_mail_once(db, services, clock):
    first = queue_mails(services)[0]
    clock.advance(seconds=1)
    second = queue_mails(services)[0]
    assert claim_next(services).id == first.id
    assert claim_next(services).id == second.id
    assert claim_next(services) is None


def test_a_claim_left_by_a_dead_sender_is_taken_over_after_the_timeout(db, services, clock):
    [mail] = queue_mails(services)
    assert claim_next(services).id == mail.id
    clock.advance(seconds=CLAIM_TIMEOUT.total_seconds() - 1)
    assert claim_next(services) is None
    clock.advance(seconds=2)
    assert claim_next(services).id == mail.id


def test_the_retry_delay_doubles_from_one_minute_up_to_an_hour():
    minutes = [retry_delay(attempt) / dt.timedelta(minutes=1) for attempt in range(1, 10)]
    assert minutes == [1, 2, 4, 8, 16, 32, 60, 60, 60]


def test_a_failed_mail_waits_its_backoff_then_fails_for_good(db, services, clock):
    [mail] = queue_mails(services)
    for attempt in range(1, MAX_ATTEMPTS):
        assert claim_next(services).id == mail.id
        assert record_failure(services, mail, f"451 try\nlater {attempt}") == MailStatus.PENDING
        row = reloaded(mail)
        assert (row.attempts, row.last_error) == (attempt, f"451 try later {attempt}")
        assert row.next_attempt_at == services.now() + retry_delay(attempt)
        assert row.claimed_at is None
        clock.advance(seconds=retry_delay(attempt).total_seconds() - 1)
        assert claim_next(services) is None
        clock.advance(seconds=1)
    assert claim_next(services).id == mail.id
    assert record_failure(services, mail, "550 no such user") == MailStatus.FAILED
    row = reloaded(mail)
    assert (row.status, row.attempts) == (MailStatus.FAILED, MAX_ATTEMPTS)
    assert row.next_attempt_at is None
    clock.advance(days=1)
    assert claim_next(services) is None


def test_a_sent_mail_records_its_time_and_is_never_claimed_again(db, services, clock):
    [mail] = queue_mails(services)
    claim_next(services)
    record_sent(services, mail)
    row = reloaded(mail)
    assert (row.status, row.sent_at, row.attempts) == (MailStatus.SENT, services.now(), 1)
    clock.advance(days=1)
    assert claim_next(services) is None


def test_the_outbox_pages_newest_first_and_filters_by_status(db, services, clock):
    mails = []
    for _ in range(5):
        mails += queue_mails(services)
        clock.advance(minutes=1)
    record_sent(services, mails[1])
    page = outbox_page(page=1, size=2)
    assert [m.id for m in page.rows] == [mails[4].id, mails[3].id]
    assert (page.total, page.pages) == (5, 3)
    assert [m.id for m in outbox_page(page=3, size=2).rows] == [mails[0].id]
    assert [m.id for m in outbox_page("sent").rows] == [mails[1].id]
    assert outbox_page(MailStatus.PENDING).total == 4
    assert outbox_page("failed").total == 0
    assert get_mail(mails[2].id).id == mails[2].id
    assert get_mail(10_000) is None


# --- Delivery against the real server -----------------------------------------------------------


def test_pending_mails_are_delivered_and_marked_sent(db, services, smtp_server):
    server = smtp_server()
    mails = queue_mails(services, 3)
    report = send_pending(services, smtp_settings(server.port))
    assert (report.sent, report.failed, report.errors, report.aborted) == (3, 0, [], False)
    assert len(server.received) == 3
    received = server.received[0]
    assert received.mail_from == "no-reply@chorus.test"
    assert received.rcpt_tos == ["helene@dupont.test"]
    message = received.message
    assert message["Subject"] == "Chorus Pro – Réactivation de votre compte utilisateur"
    assert message["From"] == SENDER
    assert message["To"] == "helene@dupont.test"
    assert parsedate_to_datetime(message["Date"]) == services.now()
    assert "Votre code d'activation est : CODE-0000" in message.get_content()
    for mail in mails:
        row = reloaded(mail)
        assert (row.status, row.sent_at, row.attempts) == (MailStatus.SENT, services.now(), 1)
    assert sorted(server.handler.message_ids()) == sorted(reloaded(m).message_id for m in mails)
    assert send_pending(services, smtp_settings(server.port)).sent == 0


def test_the_limit_bounds_how_many_mails_one_run_sends(db, services, smtp_server):
    server = smtp_server()
    queue_mails(services, 3)
    assert send_pending(services, smtp_settings(server.port), limit=2).sent == 2
    assert outbox_page("pending").total == 1


def test_starttls_with_a_self_signed_certificate_and_a_login(
    db, services, smtp_server, certificate
):
    server = smtp_server(
        tls_context=certificate.server_context(),
        require_starttls=True,
        authenticator=check_credentials,
        auth_require_tls=True,
    )
    [mail] = queue_mails(services)
    settings = smtp_settings(
        server.port,
        security="starttls",
        cafile=str(certificate.cert),
        user=SMTP_USER,
        password=SMTP_PASSWORD,
    )
    report = send_pending(services, settings)
    assert report.ok and report.sent == 1
    [received] = server.received
    assert received.over_tls and received.authenticated
    assert received.message["Subject"] == "Chorus Pro – Réactivation de votre compte utilisateur"
    assert reloaded(mail).status == MailStatus.SENT


def test_an_untrusted_certificate_is_refused_and_the_mail_stays_pending(
    db, services, smtp_server, certificate
):
    server = smtp_server(tls_context=certificate.server_context(), require_starttls=True)
    [mail] = queue_mails(services)
    report = send_pending(services, smtp_settings(server.port, security="starttls"))
    assert report.aborted and report.sent == 0
    assert "certificate" in report.errors[0] and "not trusted" in report.errors[0]
    assert server.received == []
    assert reloaded(mail).status == MailStatus.PENDING


def test_a_server_without_starttls_is_refused_when_starttls_is_required(db, services, smtp_server):
    server = smtp_server()
    [mail] = queue_mails(services)
    report = send_pending(services, smtp_settings(server.port, security="starttls"))
    assert report.aborted and "STARTTLS extension not supported" in report.errors[0]
    assert server.received == [] and reloaded(mail).attempts == 1


def test_an_unusable_ca_file_is_reported_as_such(db, services, smtp_server, tmp_path):
    server = smtp_server()
    queue_mails(services)
    garbage = tmp_path / "ca.pem"
    garbage.write_text("not a certificate")
    settings = smtp_settings(server.port, security="starttls", cafile=str(garbage))
    report = send_pending(services, settings)
    assert report.aborted
    assert f"cannot use the CA file {garbage}: " in report.errors[0]


def test_implicit_tls(db, services, smtp_server, certificate):
    server = smtp_server(ssl_context=certificate.server_context())
    queue_mails(services)
    settings = smtp_settings(server.port, security="tls", cafile=str(certificate.cert))
    assert send_pending(services, settings).sent == 1
    assert server.received[0].over_tls


def test_a_server_down_leaves_the_mail_pending_with_its_error(db, services):
    first, second = queue_mails(services, 2)
    port = free_port()  # nothing listens there
    report = send_pending(services, smtp_settings(port))
    assert report.aborted and (report.sent, report.failed) == (0, 1)
    assert report.errors == [
        f"mail {first.id} to helene@dupont.test: cannot connect to 127.0.0.1:{port}: "
        "connection refused"
    ]
    row = reloaded(first)
    assert (row.status, row.attempts, row.claimed_at) == (MailStatus.PENDING, 1, None)
    assert row.last_error == f"cannot connect to 127.0.0.1:{port}: connection refused"
    untouched = reloaded(second)
    assert (untouched.attempts, untouched.last_error, untouched.next_attempt_at) == (0, "", None)


def test_wrong_credentials_leave_the_mail_pending_with_its_error(db, services, smtp_server):
    server = smtp_server(authenticator=check_credentials, auth_require_tls=False)
    [mail] = queue_mails(services)
    settings = smtp_settings(server.port, user=SMTP_USER, password="wrong")
    report = send_pending(services, settings)
    assert report.aborted and report.sent == 0
    assert f"127.0.0.1:{server.port} refused the login of 'chorus': 535" in report.errors[0]
    row = reloaded(mail)
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert "refused the login" in row.last_error
    assert server.received == []


def test_a_refused_recipient_fails_that_mail_only(db, services, smtp_server):
    server = smtp_server()
    server.handler.handle_RCPT = refuse_nobody
    first = queue_mails(services)[0]
    nobody = queue_mails(services, user=make_user(services, email="nobody@dupont.test"))[0]
    last = queue_mails(services)[0]
    report = send_pending(services, smtp_settings(server.port))
    assert (report.sent, report.failed, report.aborted) == (2, 1, False)
    assert "550" in report.errors[0] and "nobody@dupont.test" in report.errors[0]
    assert reloaded(nobody).status == MailStatus.PENDING
    assert {reloaded(first).status, reloaded(last).status} == {MailStatus.SENT}


async def refuse_nobody(server, session, envelope, address, rcpt_options):
    if address.startswith("nobody@"):
        return "550 5.1.1 No such user"
    envelope.rcpt_tos.append(address)
    return "250 OK"


def test_a_failed_mail_is_sent_by_a_later_run_once_its_backoff_passed(
    db, services, clock, smtp_server
):
    [mail] = queue_mails(services)
    port = free_port()
    assert send_pending(services, smtp_settings(port)).aborted
    message_id = reloaded(mail).message_id
    server = smtp_server(port=port)
    assert send_pending(services, smtp_settings(port)).sent == 0  # not due yet: 1 minute
    assert server.received == []
    clock.advance(minutes=1)
    report = send_pending(services, smtp_settings(port))
    assert report.ok and report.sent == 1
    row = reloaded(mail)
    assert (row.status, row.attempts, row.last_error) == (MailStatus.SENT, 2, "")
    assert server.handler.message_ids() == [message_id]


# --- Two senders at once ------------------------------------------------------------------------


def send_in_another_process(database: str, port: int, barrier, results) -> None:
    """A sender in its own OS process; the barrier starts every sender at the same moment."""
    from chorus_tui.db import open_database
    from chorus_tui.domain.context import Services, cheap_hasher

    open_database(database)
    services = Services(hasher=cheap_hasher())
    barrier.wait(timeout=60)
    report = send_pending(services, smtp_settings(port))
    results.put((report.sent, report.errors))


def database_target(backend: str, request, db) -> str:
    """What another process opens to reach the test's database."""
    if backend == "sqlite":
        return db.database
    return request.getfixturevalue("postgres_cluster").url(db.database)


def test_two_senders_at_once_deliver_every_mail_exactly_once(
    db, backend, request, services, smtp_server, tmp_path
):
    server = smtp_server(delay=0.02)  # slow enough for both senders to overlap
    mails = queue_mails(services, 60)
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    senders = [
        context.Process(
            target=send_in_another_process,
            args=(database_target(backend, request, db), server.port, barrier, results),
        )
        for _ in range(2)
    ]
    for sender in senders:
        sender.start()
    outcomes = [results.get(timeout=120) for _ in senders]
    for sender in senders:
        sender.join(timeout=30)
        assert sender.exitcode == 0
    assert [errors for _, errors in outcomes] == [[], []]
    counts = sorted(sent for sent, _ in outcomes)
    assert sum(counts) == 60 and counts[0] > 0, counts  # both took part, neither sent twice
    ids = server.handler.message_ids()
    assert len(ids) == len(set(ids)) == 60
    assert set(ids) == {reloaded(mail).message_id for mail in mails}
    assert outbox_page("sent").total == 60


# --- Internals worth pinning --------------------------------------------------------------------


def test_a_mail_that_cannot_be_built_fails_alone(db, services, smtp_server):
    server = smtp_server()
    bad, good = queue_mails(services, 2)
    OutboxMail.update(subject="line\nbreak").where(OutboxMail.id == bad.id).execute()
    report = send_pending(services, smtp_settings(server.port))
    assert (report.sent, report.failed) == (1, 1)
    assert "cannot build the message" in report.errors[0]
    assert (reloaded(bad).status, reloaded(bad).attempts) == (MailStatus.PENDING, 1)
    assert reloaded(good).status == MailStatus.SENT


def test_a_server_closing_the_session_stops_the_run(db, services):
    class Dropping(smtplib.SMTP):
        def __init__(self, settings):
            super().__init__()

        def send_message(self, *args, **kwargs):
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

        def close(self):
            pass

    queue_mails(services, 2)
    report = send_pending(services, smtp_settings(1), transport=Dropping)
    assert report.aborted and report.failed == 1
    assert "closed the connection" in report.errors[0]
    assert outbox_page("pending").total == 2
