"""``chorus-tui outbox list|show|send``: the mails of the outbox and their delivery (X4)."""

from __future__ import annotations

import click

from chorus_tui.cli import _open_existing, main
from chorus_tui.domain.context import Services
from chorus_tui.domain.outbox import get_mail, outbox_page, send_pending
from chorus_tui.domain.smtp_settings import CONFIG_ENV, SmtpSettingsError, load_smtp_settings
from chorus_tui.domain.text import is_control
from chorus_tui.i18n import format_datetime
from chorus_tui.models.codes import MailStatus

STATUSES = tuple(
    status.lower() for status in (MailStatus.PENDING, MailStatus.SENT, MailStatus.FAILED)
)
SUBJECT_WIDTH = 50


@main.group()
def outbox() -> None:
    """The mails the program sends: list them, show one, deliver the pending ones."""


@outbox.command("list")
@click.option("--status", type=click.Choice(STATUSES), help="Only the mails in this state.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--size", type=click.IntRange(min=1, max=200), default=20, show_default=True)
@click.pass_context
def list_mails(ctx: click.Context, status: str | None, page: int, size: int) -> None:
    """The outbox, newest first: id, created, status, attempts, recipient, subject."""
    _open_existing(ctx, ctx.obj)
    result = outbox_page(status, page, size)
    if not result.total:
        click.echo("The outbox is empty." if status is None else f"No {status} mail.")
        return
    rows = [
        (
            str(mail.id),
            format_datetime(mail.created_at),
            mail.status,
            str(mail.attempts),
            _safe(mail.to_address),
            _shorten(_safe(mail.subject), SUBJECT_WIDTH),
        )
        for mail in result.rows
    ]
    header = ("ID", "CREATED", "STATUS", "ATTEMPTS", "TO", "SUBJECT")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i in (0, 3) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        click.echo("  ".join(cells).rstrip())
    first = result.offset + 1
    last = result.offset + len(result.rows)
    click.echo(f"Mails {first}–{last} of {result.total} (page {result.number} of {result.pages}).")


@outbox.command("show")
@click.argument("mail_id", metavar="ID", type=int)
@click.pass_context
def show_mail(ctx: click.Context, mail_id: int) -> None:
    """One mail: its headers, its delivery state, then its body."""
    _open_existing(ctx, ctx.obj)
    mail = get_mail(mail_id)
    if mail is None:
        raise click.ClickException(f"no mail with id {mail_id} in the outbox")
    fields = [
        ("Id", str(mail.id)),
        ("Kind", mail.kind),
        ("Status", mail.status),
        ("Created", format_datetime(mail.created_at)),
        ("To", _safe(mail.to_address)),
        ("Subject", _safe(mail.subject)),
        ("Message-ID", mail.message_id),
        ("Attempts", str(mail.attempts)),
        ("Sent", format_datetime(mail.sent_at)),
        ("Next attempt", format_datetime(mail.next_attempt_at)),
        ("Last error", _safe(mail.last_error)),
    ]
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        if value:
            click.echo(f"{name + ':':<{width + 1}} {value}")
    click.echo()
    click.echo(_safe(mail.body, keep_newlines=True))


@outbox.command("send")
@click.option(
    "--limit", type=click.IntRange(min=1), metavar="N", help="Send at most N mails this run."
)
@click.option(
    "--smtp-config",
    "config",
    metavar="PATH",
    help=f"TOML file with an [smtp] table, readable by its owner only (default: ${CONFIG_ENV}); "
    "the CHORUS_TUI_SMTP_* variables override it.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when every mail went out.")
@click.pass_context
def send_mails(ctx: click.Context, limit: int | None, config: str | None, quiet: bool) -> None:
    """Deliver the pending mails that are due, over SMTP.

    The server comes from CHORUS_TUI_SMTP_HOST, _PORT, _SECURITY (none|starttls|tls), _USER,
    _PASSWORD, _FROM and _CAFILE, or from --smtp-config. A failed mail is retried by a later run
    after 1, 2, 4 … minutes (at most an hour), and marked failed after 8 attempts. Exit status 1
    when a mail could not be sent."""
    try:
        settings = load_smtp_settings(config)
    except SmtpSettingsError as error:
        raise click.ClickException(str(error)) from None
    _open_existing(ctx, ctx.obj)
    report = send_pending(Services(), settings, limit=limit)
    if report.errors:
        others = len(report.errors) - 1
        more = f" (and {others} other error(s))" if others else ""
        raise click.ClickException(
            f"smtp error: {report.errors[0]}{more}; {report.sent} mail(s) sent"
        )
    if not quiet:
        click.echo(f"{report.sent} mail(s) sent.")


def _safe(text: str | None, keep_newlines: bool = False) -> str:
    """User text as plain characters: no escape sequence reaches the operator's terminal."""
    kept = "\n\t" if keep_newlines else ""
    return "".join(char if char in kept or not is_control(char) else " " for char in (text or ""))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
