"""Delivering the outbox (X4): listing the mails, claiming them one by one, sending them over SMTP.

A mail is written ``PENDING`` by the operation that caused it (:func:`journal.mail`). A sender
(``chorus-tui outbox send``) then, for each mail:

1. **claims** it (:func:`claim_next`): one conditional ``UPDATE`` in a write transaction stamps
   ``claimed_at`` on a due, unclaimed pending mail and succeeds only when it changed exactly one
   row, so two senders started at once never both get the same mail. A claim older than
   :data:`CLAIM_TIMEOUT` (a sender that died) may be taken over;
2. sends it, with the ``Message-ID`` given at its first attempt (kept for the retries);
3. records the outcome: ``SENT`` with its time (:func:`record_sent`), or a failure
   (:func:`record_failure`): ``attempts`` + 1, ``last_error``, and the mail stays ``PENDING``
   until ``next_attempt_at`` = now + 1, 2, 4, 8, 16, 32 then 60 minutes (capped at
   :data:`MAX_RETRY_DELAY`); the :data:`MAX_ATTEMPTS`-th failed attempt marks it ``FAILED``.

``attempts`` counts every delivery attempt, the successful one included.

When the server cannot be reached, refuses the login or the TLS handshake fails, the error is
recorded on the mail being tried and the run stops (:attr:`SendReport.aborted`); the mails not
tried yet are left untouched for the next run.
"""

from __future__ import annotations

import datetime as dt
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

import peewee

from chorus_tui.domain.context import Services
from chorus_tui.domain.paging import Page, paginate
from chorus_tui.domain.smtp_settings import SmtpSettings
from chorus_tui.domain.transaction import run_write
from chorus_tui.models import OutboxMail
from chorus_tui.models.codes import MailStatus

MAX_ATTEMPTS = 8
FIRST_RETRY_DELAY = dt.timedelta(minutes=1)
MAX_RETRY_DELAY = dt.timedelta(hours=1)
CLAIM_TIMEOUT = dt.timedelta(minutes=10)
CLAIM_TRIES = 20
MAX_ERROR_LENGTH = 500

Transport = Callable[[SmtpSettings], smtplib.SMTP]


# --- Reading -------------------------------------------------------------------------------------


def outbox_page(
    status: MailStatus | str | None = None, page: int = 1, size: int = 20
) -> Page[OutboxMail]:
    """Page ``page`` (1-based) of the outbox, newest first, of one status or all."""
    query = OutboxMail.select().order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
    if status:
        query = query.where(OutboxMail.status == MailStatus(str(status).upper()))
    size = max(1, size)
    return paginate(query, size, (max(1, page) - 1) * size)


def get_mail(mail_id: int) -> OutboxMail | None:
    return OutboxMail.get_or_none(OutboxMail.id == mail_id)


# --- Claiming and recording ----------------------------------------------------------------------


def retry_delay(attempts: int) -> dt.timedelta:
    """How long a mail waits after its ``attempts``-th failed attempt: 1, 2, 4 … minutes, capped."""
    return min(FIRST_RETRY_DELAY * 2 ** max(0, attempts - 1), MAX_RETRY_DELAY)


def _due(now: dt.datetime) -> peewee.Expression:
    """Pending, its retry time reached, and not claimed by a live sender."""
    return (
        (OutboxMail.status == MailStatus.PENDING)
        & (OutboxMail.next_attempt_at.is_null() | (OutboxMail.next_attempt_at <= now))
        & (OutboxMail.claimed_at.is_null() | (OutboxMail.claimed_at < now - CLAIM_TIMEOUT))
    )


def claim_next(services: Services, *, message_domain: str | None = None) -> OutboxMail | None:
    """Claim the oldest due mail for this sender, or None when none is due.

    The claim is an ``UPDATE … WHERE id = ? AND <still due>`` that must change exactly one row:
    another sender that claimed the mail meanwhile makes it change none, and we try the next.
    With ``message_domain``, a mail without a Message-ID gets one in the same transaction.
    """

    def claim() -> OutboxMail | None:
        now = services.now()
        for _ in range(CLAIM_TRIES):
            candidate = (
                OutboxMail.select(OutboxMail.id)
                .where(_due(now))
                .order_by(OutboxMail.created_at, OutboxMail.id)
                .first()
            )
            if candidate is None:
                return None
            claimed = (
                OutboxMail.update(claimed_at=now)
                .where((OutboxMail.id == candidate.id) & _due(now))
                .execute()
            )
            if claimed == 1:
                mail = OutboxMail.get_by_id(candidate.id)
                if message_domain and not mail.message_id:
                    mail.message_id = make_msgid(domain=message_domain)
                    OutboxMail.update(message_id=mail.message_id).where(
                        OutboxMail.id == mail.id
                    ).execute()
                return mail
        return None

    return run_write(claim)


def record_sent(services: Services, mail: OutboxMail) -> None:
    """``mail`` was accepted by the server: ``SENT`` at now."""
    now = services.now()

    def write() -> None:
        OutboxMail.update(
            status=MailStatus.SENT,
            sent_at=now,
            attempts=OutboxMail.attempts + 1,
            last_error="",
            next_attempt_at=None,
        ).where((OutboxMail.id == mail.id) & (OutboxMail.status == MailStatus.PENDING)).execute()

    run_write(write)


def record_failure(services: Services, mail: OutboxMail, error: str) -> MailStatus:
    """A failed attempt: ``attempts`` + 1, ``last_error``, released for a retry after
    :func:`retry_delay`, or ``FAILED`` for good after :data:`MAX_ATTEMPTS`. Returns the status."""
    now = services.now()
    message = one_line(error)[:MAX_ERROR_LENGTH]

    def write() -> MailStatus:
        current = OutboxMail.get_or_none(OutboxMail.id == mail.id)
        if current is None or current.status != MailStatus.PENDING:
            return MailStatus(current.status) if current else MailStatus.FAILED
        attempts = current.attempts + 1
        given_up = attempts >= MAX_ATTEMPTS
        status = MailStatus.FAILED if given_up else MailStatus.PENDING
        OutboxMail.update(
            status=status,
            attempts=attempts,
            last_error=message,
            claimed_at=None,
            next_attempt_at=None if given_up else now + retry_delay(attempts),
        ).where(OutboxMail.id == mail.id).execute()
        return status

    return run_write(write)


# --- The message ---------------------------------------------------------------------------------


def build_message(mail: OutboxMail, sender: str, now: dt.datetime) -> EmailMessage:
    """The MIME message of ``mail``: UTF-8 text, its subject and body as rendered from the
    catalogue, ``Date`` (``now``) and its ``Message-ID`` (a new one when it has none yet)."""
    message = EmailMessage()
    message["Subject"] = mail.subject
    message["From"] = sender
    message["To"] = mail.to_address
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = mail.message_id or make_msgid(domain=domain)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(mail.body, charset="utf-8")
    return message


# --- Sending -------------------------------------------------------------------------------------


@dataclass
class SendReport:
    """What one run of the sender did. ``errors`` are one-line messages; ``aborted`` tells the
    run stopped on a connection, login or TLS failure."""

    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    aborted: bool = False
    given_up: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


class CaFileError(OSError):
    """The CA file of the settings cannot be used."""


def ssl_context(settings: SmtpSettings) -> ssl.SSLContext:
    """The system's trusted CAs, or only the CA file of the settings."""
    try:
        return ssl.create_default_context(cafile=settings.cafile or None)
    except (OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or getattr(error, "strerror", None) or error
        raise CaFileError(f"cannot use the CA file {settings.cafile}: {reason}") from None


def open_connection(settings: SmtpSettings) -> smtplib.SMTP:
    """One SMTP session, secured as the settings say and logged in when a user is given."""
    context = ssl_context(settings) if settings.security != "none" else None
    if settings.security == "tls":
        connection: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        connection = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.security == "starttls":
            connection.ehlo()
            connection.starttls(context=context)
            connection.ehlo()
        if settings.user:
            connection.login(settings.user, settings.password)
    except BaseException:
        connection.close()
        raise
    return connection


# Failures of one mail: the session goes on with the next.
MAIL_ERRORS = (
    smtplib.SMTPRecipientsRefused,
    smtplib.SMTPDataError,
    smtplib.SMTPNotSupportedError,  # e.g. a non-ASCII address to a server without SMTPUTF8
    UnicodeError,
    ValueError,
)


def send_pending(
    services: Services,
    settings: SmtpSettings,
    *,
    limit: int | None = None,
    transport: Transport | None = None,
) -> SendReport:
    """Deliver the due pending mails (at most ``limit``) over ONE SMTP session, claiming each
    before sending it. The session is opened only when there is a mail to send."""
    connect = transport or open_connection
    report = SendReport()
    connection: smtplib.SMTP | None = None
    try:
        while limit is None or report.sent + report.failed < limit:
            mail = claim_next(services, message_domain=settings.sender_domain)
            if mail is None:
                break
            try:
                message = build_message(mail, settings.sender, services.now())
            except (ValueError, TypeError) as error:
                _failed(services, report, mail, f"cannot build the message: {error}")
                continue
            try:
                if connection is None:
                    connection = _connect(connect, settings)
                connection.send_message(message)
            except MAIL_ERRORS as error:
                _failed(services, report, mail, describe(error, settings))
                continue
            except (OSError, _SessionError) as error:
                cause = error.__cause__ if isinstance(error, _SessionError) else error
                _failed(services, report, mail, describe(cause, settings))
                report.aborted = True
                if connection is not None:
                    connection.close()
                    connection = None
                break
            except BaseException:
                record_failure(services, mail, "interrupted while sending")
                raise
            record_sent(services, mail)
            report.sent += 1
    finally:
        if connection is not None:
            _quit(connection)
    return report


class _SessionError(Exception):
    """Opening the session failed (connection, TLS, login): the whole run stops."""


def _connect(connect: Transport, settings: SmtpSettings) -> smtplib.SMTP:
    try:
        return connect(settings)
    except OSError as error:  # smtplib.SMTPException, ssl.SSLError, socket errors
        raise _SessionError() from error


def _failed(services: Services, report: SendReport, mail: OutboxMail, error: str) -> None:
    status = record_failure(services, mail, error)
    report.failed += 1
    report.given_up += status == MailStatus.FAILED
    report.errors.append(f"mail {mail.id} to {mail.to_address}: {one_line(error)}")


def _quit(connection: smtplib.SMTP) -> None:
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()


def describe(error: BaseException, settings: SmtpSettings) -> str:
    """One line saying what went wrong, for the operator and ``last_error``."""
    where = f"{settings.host}:{settings.port}"
    if isinstance(error, CaFileError):
        return str(error)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return f"{where} refused the login of {settings.user!r}: {_response(error)}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(
            f"{address}: {code} {_text(text)}" for address, (code, text) in error.recipients.items()
        )
        return f"{where} refused the recipient ({refused})"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return f"{where} refused the sender {settings.sender!r}: {_response(error)}"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{where} answered {_response(error)}"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return f"{where}: {error}"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return f"{where} closed the connection ({error or 'no reason given'})"
    if isinstance(error, ssl.SSLCertVerificationError):
        return f"the certificate of {where} is not trusted: {error.verify_message}"
    if isinstance(error, ssl.SSLError):
        return f"TLS with {where} failed: {error.reason or error}"
    if isinstance(error, ConnectionRefusedError):
        return f"cannot connect to {where}: connection refused"
    if isinstance(error, socket.gaierror):
        return f"cannot find the SMTP server {settings.host!r}: {error.strerror}"
    if isinstance(error, TimeoutError):
        return f"{where} did not answer within {settings.timeout:g} s"
    if isinstance(error, FileNotFoundError) and error.filename:
        return f"{error.filename}: {error.strerror}"
    if isinstance(error, OSError) and error.strerror:
        return f"cannot talk to {where}: {error.strerror}"
    return f"{where}: {type(error).__name__}: {error}"


def _response(error: smtplib.SMTPResponseException) -> str:
    return f"{error.smtp_code} {_text(error.smtp_error)}"


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def one_line(text: str) -> str:
    return " ".join(str(text).split())
