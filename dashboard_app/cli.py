"""The metrics-tracker command: database, demo data, development server, user admin."""

from __future__ import annotations

import sys
import time

import click
from flask import Flask

from dashboard_app.cli_backup import backup_command, restore_command
from dashboard_app.cli_export import export_command
from dashboard_app.cli_worker import worker_command
from dashboard_app.config import ConfigError
from dashboard_app.importers.registry import IMPORT_READERS


def _app() -> Flask:
    from dashboard_app import create_app

    try:
        return create_app()
    except ConfigError as exc:
        raise click.ClickException(f"configuration error: {exc}") from None


def _database(app: Flask):
    from dashboard_app.database import get_database

    return get_database(app)


@click.group(help="Metrics Tracker: a self-hosted fitness and well-being tracker.")
def main() -> None:
    """Entry point of the console script."""


@main.group()
def db() -> None:
    """Create, upgrade and fill the database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Create the schema or upgrade it to the latest migration."""
    from db.migrate import current_revision, upgrade

    engine = _database(_app()).engine
    upgrade(engine, revision)
    click.echo(f"database at revision {current_revision(engine)} ({engine.url.render_as_string()})")


@db.command("seed")
def db_seed() -> None:
    """Load muscle groups, equipment and the exercise catalogue (safe to repeat)."""
    from dashboard_app.services.catalogue import seed_catalogue

    with _database(_app()).session_factory.begin() as session:
        report = seed_catalogue(session)
    click.echo(
        f"catalogue: {report.exercises_added} exercises added, {report.exercises_updated} "
        f"updated; {report.muscle_groups_added} muscle groups and {report.equipment_added} "
        "equipment added"
    )


@db.command("revision")
@click.option("-m", "--message", required=True, help="What the migration changes.")
def db_revision(message: str) -> None:
    """Write a new migration from the difference between the models and the database."""
    from db.migrate import create_revision

    create_revision(_database(_app()).engine, message)


@main.command()
@click.option("--username", default="demo", show_default=True)
@click.option("--password", default=None, help="Default: the demo's built-in password.")
@click.option("--seed", default=42, show_default=True, type=int, help="Random seed.")
@click.option("--days", default=365, show_default=True, type=click.IntRange(14, 3660))
@click.option("--reset", is_flag=True, help="Delete an existing user of that name first.")
def demo(username: str, password: str | None, seed: int, days: int, reset: bool) -> None:
    """Upgrade the database, load the catalogue and create a demo user with history."""
    from dashboard_app.services.catalogue import seed_catalogue
    from dashboard_app.services.demo import (
        DemoUserExists,
        create_demo_user,
        delete_user_by_username,
    )
    from db.migrate import upgrade

    app = _app()
    database = _database(app)
    started = time.perf_counter()
    upgrade(database.engine)
    options = {"username": username, "seed": seed, "days": days}
    if password:
        options["password"] = password
    try:
        with database.session_factory.begin() as session:
            seed_catalogue(session)
            if reset:
                delete_user_by_username(session, username)
            report = create_demo_user(session, **options)
    except DemoUserExists as exc:
        if reset:
            raise click.ClickException(str(exc)) from None
        click.echo(f"{exc} (use --reset to recreate it)")
        return
    click.echo(
        f"demo user ready in {time.perf_counter() - started:.1f} s: {report.daily_entries} daily "
        f"entries, {report.sessions} sessions, {report.workout_lines} exercise lines "
        f"({report.first_date} to {report.last_date})\n"
        f"log in as  username: {report.username}   password: {report.password}"
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False, help="Reload on change, Dash dev tools.")
def run(host: str, port: int, debug: bool) -> None:
    """Start the development server (use gunicorn in production: see the Procfile)."""
    app = _app()
    click.echo(f"Metrics Tracker on http://{host}:{port}/")
    app.extensions["metrics_tracker.dash"].run(host=host, port=port, debug=debug)


@main.group()
def users() -> None:
    """Administer accounts."""


@users.command("reset-link")
@click.argument("username")
@click.option(
    "--base-url",
    default=None,
    help="The address users reach the app at (default: METRICS_BASE_URL, else the "
    "development server's http://127.0.0.1:8050).",
)
def users_reset_link(username: str, base_url: str | None) -> None:
    """Print a one-hour, single-use password reset link for USERNAME."""
    from sqlalchemy import select

    from dashboard_app import get_settings
    from dashboard_app.services.accounts import issue_reset_token
    from db.models import User

    app = _app()
    base_url = base_url or get_settings(app).base_url or "http://127.0.0.1:8050"
    with _database(app).session_factory.begin() as session:
        email = session.scalar(select(User.email).where(User.username == username))
        issued = issue_reset_token(session, email) if email else None
        if issued is None:
            raise click.ClickException(f"no active user named {username!r}")
        _user, token = issued
    click.echo(f"{base_url.rstrip('/')}/reset-password/{token}")


def _accounts(session, username: str | None) -> list:
    """(id, username) of every account, or of the one named; a clear error for no such user."""
    from sqlalchemy import select

    from db.models import User

    query = select(User.id, User.username).order_by(User.id)
    if username is not None:
        query = query.where(User.username == username)
    accounts = session.execute(query).all()
    if username is not None and not accounts:
        raise click.ClickException(f"no user named {username!r}")
    return accounts


@main.group()
def records() -> None:
    """Personal records and exercise usage, derived from the logged lines."""


@records.command("rebuild")
@click.option("--user", "username", default=None, help="Only this username (default: everyone).")
def records_rebuild(username: str | None) -> None:
    """Recompute personal records and exercise usage from the logged lines.

    Needed once after upgrading from a version before records were kept; safe at any time.
    """
    from dashboard_app.services.exercise_usage import rebuild_usage
    from dashboard_app.services.records import rebuild_records

    app = _app()
    started = time.perf_counter()
    with _database(app).session_factory() as session:
        accounts = _accounts(session, username)
        for user_id, name in accounts:
            rebuild_usage(session, user_id)
            rebuild_records(session, user_id)
            session.commit()  # one user at a time: a failure keeps the users done so far
            click.echo(f"rebuilt {name}")
    click.echo(f"{len(accounts)} user(s) in {time.perf_counter() - started:.1f} s")


@main.group()
def insights() -> None:
    """Correlations between each user's metrics."""


@insights.command("recompute")
@click.option("--user", "username", default=None, help="Only this username (default: everyone).")
@click.option("--force", is_flag=True, help="Also users whose data has not changed.")
def insights_recompute(username: str | None, force: bool) -> None:
    """Recompute stored insights of users whose data changed since their last run."""
    from dashboard_app.services.insights import is_stale, recompute_insights

    app = _app()
    started = time.perf_counter()
    done = 0
    with _database(app).session_factory() as session:
        accounts = _accounts(session, username)
        for user_id, name in accounts:
            if not force and not is_stale(session, user_id):
                continue
            stored = recompute_insights(session, user_id)
            session.commit()  # one user at a time: a failure keeps the users done so far
            done += 1
            click.echo(f"{name}: {stored} pairs")
    skipped = len(accounts) - done
    click.echo(
        f"recomputed {done} user(s), {skipped} unchanged, in {time.perf_counter() - started:.1f} s"
    )


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


@main.command("import")
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

    app = _app()
    started = time.perf_counter()
    with _database(app).session_factory() as session:
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


main.add_command(export_command)
main.add_command(backup_command)
main.add_command(restore_command)
main.add_command(worker_command)


if __name__ == "__main__":
    sys.exit(main())
