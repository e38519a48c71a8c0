"""``chorus-tui copy-database --to URL``: move a database's data (usually the SQLite file) into an
empty PostgreSQL database (SPEC §8)."""

from __future__ import annotations

import click

from chorus_tui.cli import _describe, _open_existing, main
from chorus_tui.db import redact
from chorus_tui.db.copy import CopyError, copy_database
from chorus_tui.models import database


@main.command("copy-database")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URL",
    help="The empty database to fill: postgresql://user:password@host:port/name "
    "(or a new SQLite file).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors and check failures.")
@click.pass_context
def copy_database_command(ctx: click.Context, target: str, quiet: bool) -> None:
    """Copy every row of the database (--database) into the empty database --to, in one
    transaction, then run the integrity checks on the copy (exit status 1 when one fails).

    A target that already holds data is refused and left as it was."""
    _open_existing(ctx, ctx.obj)
    if not quiet:
        click.echo(f"Copying {redact(ctx.obj.database)} to {redact(target)}…", err=True)
    try:
        report = copy_database(database.obj, target)
    except CopyError as error:
        raise click.ClickException(str(error)) from None
    if not quiet:
        for table, count in report.rows.items():
            click.echo(f"  {table:<20} {count:>9} rows")
        click.echo(
            f"Copied {report.total} rows in {len(report.rows)} tables to {report.target} "
            f"in {report.seconds:.1f} s."
        )
    for violation in report.violations:
        click.echo(_describe(violation))
    if report.violations:
        click.echo(f"{len(report.violations)} problem(s) found in the copy.", err=True)
        ctx.exit(1)
