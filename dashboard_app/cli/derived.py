"""metrics-tracker records and insights: rebuild what is derived from the logged data."""

from __future__ import annotations

import time

import click

from dashboard_app.cli.common import accounts_named, database_of, load_app


@click.group("records")
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

    app = load_app()
    started = time.perf_counter()
    with database_of(app).session_factory() as session:
        accounts = accounts_named(session, username)
        for user_id, name in accounts:
            rebuild_usage(session, user_id)
            rebuild_records(session, user_id)
            session.commit()  # one user at a time: a failure keeps the users done so far
            click.echo(f"rebuilt {name}")
    click.echo(f"{len(accounts)} user(s) in {time.perf_counter() - started:.1f} s")


@click.group("insights")
def insights() -> None:
    """Correlations between each user's metrics."""


@insights.command("recompute")
@click.option("--user", "username", default=None, help="Only this username (default: everyone).")
@click.option("--force", is_flag=True, help="Also users whose data has not changed.")
def insights_recompute(username: str | None, force: bool) -> None:
    """Recompute stored insights of users whose data changed since their last run."""
    from dashboard_app.services.insights import is_stale, recompute_insights

    app = load_app()
    started = time.perf_counter()
    done = 0
    with database_of(app).session_factory() as session:
        accounts = accounts_named(session, username)
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
