"""``chorus-tui notify daily|weekly`` (F3): queue the notification digests into the outbox.

Made for cron: silent when it worked (``--verbose`` prints what it did), one line on stderr and a
non-zero exit status when it did not. Running it twice for the same period queues nothing more.
"""

from __future__ import annotations

import click

from chorus_tui.cli import _open_existing, main
from chorus_tui.domain.context import Services
from chorus_tui.domain.digests import KINDS, DigestError, build_digests, period_containing
from chorus_tui.i18n import format_date, parse_date


@main.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.option(
    "--day",
    metavar="JJ/MM/AAAA",
    help="Build the digest of this day (daily) or of the week holding it (weekly) instead of "
    "the last full one, e.g. to catch up a missed run. The period must be over.",
)
@click.option("-v", "--verbose", is_flag=True, help="Print how many digests were queued.")
@click.pass_context
def notify(ctx: click.Context, kind: str, day: str | None, verbose: bool) -> None:
    """Queue the daily digest of new events, or the weekly summary of the structures'
    movements, of every active user with notifications on (run it from cron: daily each
    morning, weekly each Monday). Quiet on success."""
    period_end = None
    if day is not None:
        parsed = parse_date(day)
        if parsed is None:
            raise click.BadParameter(f"{day!r} is not a date JJ/MM/AAAA", param_hint="--day")
        period_end = period_containing(kind, parsed).end
    _open_existing(ctx, ctx.obj)
    try:
        report = build_digests(Services(), kind, period_end=period_end)
    except DigestError as error:
        raise click.ClickException(str(error)) from None
    if verbose:
        period = report.period
        click.echo(
            f"{kind} digest {format_date(period.start)}–{format_date(period.last_day)}: "
            f"{report.queued} queued, {report.skipped} already queued before."
        )
