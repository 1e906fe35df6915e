"""metrics-tracker import: another app's export (or this app's own) into a user's data."""

from __future__ import annotations

import time

import click

from dashboard_app.cli.common import database_of, load_app
from dashboard_app.importers.registry import IMPORT_READERS

# Report lines listed in full up to this many; longer lists end with a count of the rest.
REPORT_LIST_LIMIT = 30


def _echo_list(title: str, items: list[str], limit: int | None = REPORT_LIST_LIMIT) -> None:
    if not items:
        return
    click.echo(f"{title} ({len(items)}):")
    for item in items[:limit]:
        click.echo(f"  {item}")
    if limit is not None and len(items) > limit:
        click.echo(f"  ... and {len(items) - limit} more")


def _echo_import_report(report, seconds: float) -> None:
    click.echo(
        f"{report.rows_read} rows read in {seconds:.1f} s\n"
        f"sessions: {report.sessions_added} added, {report.sessions_already_there} already "
        f"there; {report.lines_added} exercise lines added"
    )
    if report.days_added or report.days_updated or report.days_unchanged:
        click.echo(
            f"days: {report.days_added} added, {report.days_updated} updated, "
            f"{report.days_unchanged} unchanged"
        )
    _echo_list(
        "exercises matched to the library",
        [f"{name} -> {ours}" for name, ours in report.exercises_matched.items()],
        limit=None,
    )
    _echo_list(
        "exercises added as your own (muscle group guessed from the name; rename or replace "
        "them in the exercise library)",
        [f"{name} ({group})" for name, group in report.created_muscle_groups.items()],
        limit=None,
    )
    _echo_list(
        "rows skipped, nothing to log", [f"line {s.line}: {s.reason}" for s in report.skipped]
    )
    _echo_list("rows not imported", [f"line {e.line}: {e.reason}" for e in report.errors], None)


@click.command("import")
@click.argument("kind", type=click.Choice(list(IMPORT_READERS)))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--user", "username", required=True, help="The username to import into.")
@click.option(
    "--unit",
    type=click.Choice(["kg", "lb"]),
    default=None,
    help="Unit of the loads when the file does not say (Strong). Default: the user's unit.",
)
@click.option(
    "--fitbit-id",
    default=None,
    help="The person to import from Fitbit files that hold several (their Id column).",
)
def import_file(
    kind: str, file: str, username: str, unit: str | None, fitbit_id: str | None
) -> None:
    """Import FILE, an export of another app (KIND), into a user's data.

    Importing the same file again adds nothing. Bad rows are listed and the rest imported; a
    file that is not a KIND export is refused and nothing is imported.
    """
    from pathlib import Path

    from sqlalchemy import select

    from dashboard_app.importers.batch import NotThisFormat
    from dashboard_app.importers.fitbit import FitbitPersonNeeded
    from dashboard_app.services.import_jobs import prepare_account, read_upload
    from dashboard_app.services.imports import apply_import
    from db.models import User

    app = load_app()
    started = time.perf_counter()
    with database_of(app).session_factory() as session:
        user = session.execute(
            select(User.id, User.weight_unit).where(User.username == username)
        ).first()
        if user is None:
            raise click.ClickException(f"no user named {username!r}")
        data = Path(file).read_bytes()
        try:
            batch = read_upload(kind, data, unit or user.weight_unit, fitbit_id)
            prepare_account(session, user.id, kind, data)
        except FitbitPersonNeeded as exc:
            raise click.ClickException(f"{exc} Choose one with --fitbit-id.") from None
        except (NotThisFormat, ValueError) as exc:
            raise click.ClickException(f"{exc} Nothing was imported.") from None
        report = apply_import(session, user.id, batch)
        session.commit()
    _echo_import_report(report, time.perf_counter() - started)
