"""metrics-tracker db: create, upgrade and fill the database."""

from __future__ import annotations

import click

from dashboard_app.cli.common import database_of, load_app


@click.group("db")
def db() -> None:
    """Create, upgrade and fill the database."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Create the schema or upgrade it to the latest migration."""
    from db.migrate import current_revision, upgrade

    database = database_of(load_app())
    engine = database.engine
    upgrade(engine, revision)
    click.echo(f"database at revision {current_revision(engine)} ({engine.url.render_as_string()})")
    if revision == "head":
        _rebuild_stale_records(database)


def _rebuild_stale_records(database) -> None:
    """Records stored under older rules are rebuilt, one user per transaction."""
    from dashboard_app.services.records import rebuild_records, users_with_stale_records

    with database.session_factory() as session:
        stale = users_with_stale_records(session)
    for user_id in stale:
        with database.session_factory.begin() as session:
            rebuild_records(session, user_id)
    if stale:
        click.echo(f"personal records rebuilt under the current rules for {len(stale)} users")


@db.command("seed")
def db_seed() -> None:
    """Load muscle groups, equipment and the exercise catalogue (safe to repeat)."""
    from dashboard_app.services.catalogue import seed_catalogue

    with database_of(load_app()).session_factory.begin() as session:
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

    create_revision(database_of(load_app()).engine, message)
