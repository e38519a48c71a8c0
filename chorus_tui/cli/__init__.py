"""The ``chorus-tui`` command (SPEC §8): without a subcommand it opens the terminal interface;
subcommands work on the database without importing Textual.

Every failure ends as one line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from chorus_tui.boot import collector_paused, import_peewee_without_psycopg

import_peewee_without_psycopg()

import peewee  # noqa: E402

from chorus_tui.config import DATABASE_ENV, Settings  # noqa: E402
from chorus_tui.db import (  # noqa: E402
    DatabaseOpenError,
    has_schema,
    open_database,
    prepare_schema,
    redact,
    sqlite_path,
)
from chorus_tui.domain.context import Services  # noqa: E402

if TYPE_CHECKING:
    from chorus_tui.domain.invariant import Violation

PRINCIPAL_CODES = ("no_principal", "several_principals", "principal_not_active")

# The modules of the other commands, each registering its commands on ``main`` when imported:
# imported only when a command is looked up, so that the interface starts without them (they
# bring the export, history and mail modules: ~0.1 s).
COMMAND_MODULES = ("database_commands", "export_commands", "notify_commands", "outbox_commands")


class ChorusGroup(click.Group):
    """Turns the errors an operator can cause (a bad database, a refused seed) into one-line
    messages; anything unexpected too, since a traceback helps no operator."""

    _loaded = False

    def _load_commands(self) -> None:
        if not ChorusGroup._loaded:
            ChorusGroup._loaded = True
            for name in COMMAND_MODULES:
                importlib.import_module(f"{__name__}.{name}")

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and not ChorusGroup._loaded:
            self._load_commands()
            command = super().get_command(ctx, cmd_name)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_commands()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except DatabaseOpenError as error:
            raise click.ClickException(str(error)) from None
        except peewee.PeeweeException as error:
            raise click.ClickException(f"database error: {_one_line(error)}") from None
        except BrokenPipeError:
            _quiet_broken_pipe()
        except OSError as error:
            raise click.ClickException(f"{error.filename or 'system'}: {error.strerror}") from None
        except Exception as error:
            if _is_seed_error(error):
                raise click.ClickException(str(error)) from None
            raise click.ClickException(
                f"unexpected error ({type(error).__name__}): {error}"
            ) from None


def _is_seed_error(error: Exception) -> bool:
    """A refused seed (``SeedError``), without importing the demo data module to know: only a
    run that imported it can have raised one."""
    demo = sys.modules.get("chorus_tui.db.demo")
    return demo is not None and isinstance(error, demo.SeedError)


def _one_line(error: Exception) -> str:
    """PostgreSQL's errors carry ``DETAIL:``/``HINT:`` lines: one line for the operator."""
    return " ".join(line.strip() for line in str(error).splitlines() if line.strip())


def _quiet_broken_pipe() -> None:
    """The reader of our output went away (``chorus-tui check | head``): stop quietly, as
    command-line tools do, without Python complaining again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(1)


@click.group(cls=ChorusGroup, invoke_without_command=True)
@click.option(
    "--database",
    "target",
    metavar="PATH|URL",
    help=f"SQLite file, sqlite:///path or postgresql://… URL. Default: ${DATABASE_ENV}, "
    "then a file in your data directory (created with the demo data).",
)
@click.version_option(package_name="chorus-tui")
@click.pass_context
def main(ctx: click.Context, target: str | None) -> None:
    """Chorus Pro « Mon Compte » and « Activités du gestionnaire » in the terminal.

    Without a command, opens the terminal interface."""
    ctx.obj = Settings.resolve(target)
    if ctx.invoked_subcommand is None:
        _run_interface(ctx, ctx.obj)


def _open(ctx: click.Context, settings: Settings) -> peewee.Database:
    db = open_database(settings.database)
    ctx.call_on_close(db.close)
    return db


def _run_interface(ctx: click.Context, settings: Settings) -> None:
    """A database whose schema this run created gets the demo data, so a fresh install opens
    on meaningful screens (SPEC §7)."""
    db = _open(ctx, settings)
    services = Services()
    if prepare_schema(db) == "created":
        from chorus_tui.db.demo import seed_demo

        seed_demo(services)
    _start_interface(services, language="FR")


def _start_interface(services: Services, **options: object) -> None:
    """Textual is imported here only, so the other commands never load it."""
    with collector_paused():
        try:
            from chorus_tui.ui.app import run_app
        except ImportError as error:
            raise click.ClickException(
                f"the terminal interface is not available: {error}"
            ) from None
        run_app(services, **options)


def _open_existing(ctx: click.Context, settings: Settings) -> None:
    """Commands that work on a chorus-tui database never create one where there was none."""
    _require_existing(settings.database)
    db = _open(ctx, settings)
    if not has_schema(db):
        raise click.ClickException(f"{redact(settings.database)} is not a chorus-tui database")
    prepare_schema(db)


@main.command()
@click.option("--demo", is_flag=True, help="The people and organisations of the guides.")
@click.option(
    "--scale",
    type=click.IntRange(min=1),
    metavar="N",
    help="N generated users over about N/10 structures, for benchmarks.",
)
@click.pass_context
def seed(ctx: click.Context, demo: bool, scale: int | None) -> None:
    """Fill an empty database with demo data (--demo) or a large generated one (--scale N)."""
    if demo == (scale is not None):
        raise click.UsageError("give exactly one of --demo or --scale N")
    settings: Settings = ctx.obj
    prepare_schema(_open(ctx, settings))
    if demo:
        _seed_demo(settings)
    else:
        _seed_scale(settings, scale)


def _seed_demo(settings: Settings) -> None:
    from chorus_tui.db.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo

    seed_demo(Services())
    click.echo(f"Demo data created in {redact(settings.database)}.")
    click.echo(f"Every account's password: {DEMO_PASSWORD}")
    width = max(len(login.login) for login in DEMO_LOGINS)
    for login in DEMO_LOGINS:
        click.echo(f"  {login.login:<{width}}  {login.state:<19}  {login.who}")


def _seed_scale(settings: Settings, n_users: int) -> None:
    from chorus_tui.db.scale import seed_scale

    with click.progressbar(length=n_users, label="Seeding users", file=sys.stderr) as bar:
        report = seed_scale(Services(), n_users, lambda done, _total: bar.update(done - bar.pos))
    click.echo(
        f"{report.users} users, {report.structures} structures, {report.rows} rows "
        f"in {report.seconds:.1f} s{_file_size(settings)}."
    )


def _file_size(settings: Settings) -> str:
    path = sqlite_path(settings.database)
    if path is None or not path.exists():
        return ""
    return f" ({path.stat().st_size / 2**20:.1f} MiB in {path})"


@main.command()
@click.argument("code")
@click.pass_context
def activate(ctx: click.Context, code: str) -> None:
    """Open the interface on « Activation du compte utilisateur » for CODE, the activation code
    received by mail (reactivation, or an account created by a manager)."""
    _open_existing(ctx, ctx.obj)
    from chorus_tui.domain.activation import InvalidActivationCode, check_code

    services = Services()
    try:
        user = check_code(services, code)
    except InvalidActivationCode:
        raise click.ClickException(
            "this activation code is not valid (unknown, expired or already used); "
            "ask for a new one"
        ) from None
    _start_interface(services, language=user.language, activation_code=code)


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Run the database's invariant and integrity checks; print what fails (exit status 1)."""
    from chorus_tui.domain.invariant import all_violations

    _open_existing(ctx, ctx.obj)
    violations = all_violations()
    for violation in violations:
        click.echo(_describe(violation))
    if violations:
        click.echo(f"{len(violations)} problem(s) found.", err=True)
        ctx.exit(1)
    click.echo("OK: the database passes every check.")


def _require_existing(target: str) -> None:
    """A missing SQLite file is an error, not a new database."""
    path = sqlite_path(target)
    if path is not None and not Path(path).exists():
        raise click.ClickException(f"no database at {path}")


def _describe(violation: Violation) -> str:
    from chorus_tui.models import Structure, database

    if violation.code not in PRINCIPAL_CODES or database.obj is None:
        return str(violation)
    structure = Structure.get_or_none(Structure.identifier == violation.subject)
    return f"{violation} ({structure.raison_sociale})" if structure else str(violation)
