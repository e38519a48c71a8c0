"""``chorus-tui export history|users``: the CSV exports of « Historique » (M12) and « Rechercher
utilisateur » (M7b) from the command line, for scripts and cron (X6).

They run as a manager (``--as LOGIN``) with exactly that manager's rights, and write the very
file the interface's « Exporter » writes: the same helper, header and columns."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from chorus_tui.cli import _open_existing, main
from chorus_tui.domain import history, user_search
from chorus_tui.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError
from chorus_tui.models import Structure, User

LANGUAGE = click.Choice(["FR", "EN"], case_sensitive=False)


@main.group()
def export() -> None:
    """Write a CSV export (UTF-8 with BOM, « ; » separated) as a manager would from the screens."""


def _acting_manager(login: str) -> User:
    user = User.get_or_none(User.login == login.strip().lower())
    if user is None:
        raise click.ClickException(f"no account with the login {login!r}")
    return user


def _run_export(write: Callable[[], int], output: Path) -> None:
    try:
        count = write()
    except ValidationError as error:
        raise click.ClickException(_describe_fields(error, output)) from None
    except PermissionDenied:
        raise click.ClickException("this account may not export these data") from None
    except NotFound as error:
        raise click.ClickException(f"not found: {error.params}") from None
    except DomainError as error:
        raise click.ClickException(f"refused: {error.code}") from None
    click.echo(f"{count} row(s) written to {output}.")


def _describe_fields(error: ValidationError, output: Path) -> str:
    parts = []
    for field, (code, params) in error.fields.items():
        if field == "path" and code == "file_exists":
            parts.append(f"{output} exists already; choose another file name")
        elif field == "path":
            parts.append(f"cannot write {output} ({code.replace('_', ' ')})")
        else:
            parts.append(_field_message(field, code, params))
    return "; ".join(parts)


def _field_message(field: str, code: str, params: dict) -> str:
    if field == "criteria":
        return "give at least one criterion (--nom, --ville, …; « * » matches anything)"
    detail = f" {params}" if params else ""
    return f"--{field.replace('_', '-')}: {code.replace('_', ' ')}{detail}"


@export.command("history")
@click.option("--as", "login", required=True, metavar="LOGIN", help="The manager exporting.")
@click.option("--structure", metavar="IDENTIFIER", help="Only this structure (SIRET…).")
@click.option("--since", metavar="JJ/MM/AAAA", help="From this day (included).")
@click.option("--until", metavar="JJ/MM/AAAA", help="To this day (included).")
@click.option("--language", type=LANGUAGE, default="FR", show_default=True)
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export_history(
    ctx: click.Context,
    login: str,
    structure: str | None,
    since: str | None,
    until: str | None,
    language: str,
    output: Path,
) -> None:
    """« Historique » of the structures LOGIN manages, to the new file OUTPUT."""
    _open_existing(ctx, ctx.obj)
    actor = _acting_manager(login)
    structure_id = None
    if structure:
        found = Structure.get_or_none(Structure.identifier == structure.strip())
        if found is None:
            raise click.ClickException(f"no structure with the identifier {structure!r}")
        structure_id = found.id

    def write() -> int:
        return history.export_history(
            actor,
            output,
            language=language.upper(),
            structure_id=structure_id,
            since=since,
            until=until,
        )

    _run_export(write, output)


@export.command("users")
@click.option("--as", "login", required=True, metavar="LOGIN", help="The manager exporting.")
@click.option("--nom")
@click.option("--prenom")
@click.option("--login", "login_criterion", metavar="TEXT", help="Login id criterion.")
@click.option("--statut", metavar="STATUS", help="Account status code (ACTIF…).")
@click.option("--ville")
@click.option("--pays", metavar="CODE", help="ISO country code.")
@click.option("--raison-sociale")
@click.option("--service")
@click.option("--language", type=LANGUAGE, default="FR", show_default=True)
@click.argument("output", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def export_users(ctx: click.Context, login: str, language: str, output: Path, **criteria) -> None:
    """Users of the structures LOGIN manages matching the criteria (« * » is the wildcard; at
    least one criterion), to the new file OUTPUT."""
    _open_existing(ctx, ctx.obj)
    actor = _acting_manager(login)
    criteria["login"] = criteria.pop("login_criterion")
    chosen = {name: value for name, value in criteria.items() if value is not None}

    def write() -> int:
        return user_search.export_members(actor, chosen, output, language=language.upper())

    _run_export(write, output)
