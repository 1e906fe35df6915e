"""metrics-tracker backup / restore: the whole database to a file and back."""

from __future__ import annotations

from pathlib import Path

import click

from dashboard_app.cli.common import database_of, load_app


class BackupFailed(click.ClickException):
    """A refused or failed backup/restore: exit code 2, as scripts and cron jobs check."""

    exit_code = 2


def _database_url() -> str:
    """The URL of the database the app is configured with (password included, never printed)."""
    engine = database_of(load_app()).engine
    engine.dispose()
    return engine.url.render_as_string(hide_password=False)


def _shown(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


@click.command("backup")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (SQLite: a database file; PostgreSQL: a pg_dump custom archive).",
)
def backup_command(out: Path) -> None:
    """Copy the whole database to a file; safe while the app runs."""
    from dashboard_app.backup import BackupError, backup

    url = _database_url()
    try:
        backup(url, out)
    except BackupError as exc:
        raise BackupFailed(str(exc)) from None
    click.echo(f"backed up {_shown(url)} to {out.resolve()} ({out.stat().st_size:,} bytes)")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: Path, yes: bool) -> None:
    """Replace ALL data in the database with the backup FILE."""
    from dashboard_app.backup import BackupError, restore

    url = _database_url()
    if not yes:
        click.confirm(f"This replaces ALL data in {_shown(url)} with {file}. Continue?", abort=True)
    try:
        restored = restore(url, file, replace=True)
    except BackupError as exc:
        raise BackupFailed(str(exc)) from None
    click.echo(f"restored {file} into {_shown(url)}\n{restored.advice}")
