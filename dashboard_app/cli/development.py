"""metrics-tracker demo and run: a demo user with history, and the development server."""

from __future__ import annotations

import time

import click

from dashboard_app.cli.common import database_of, load_app


@click.command("demo")
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

    app = load_app()
    database = database_of(app)
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


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8050, show_default=True, type=int)
@click.option("--debug/--no-debug", default=False, help="Reload on change, Dash dev tools.")
def run(host: str, port: int, debug: bool) -> None:
    """Start the development server (use gunicorn in production: see the Procfile)."""
    app = load_app()
    click.echo(f"Metrics Tracker on http://{host}:{port}/")
    app.extensions["metrics_tracker.dash"].run(host=host, port=port, debug=debug)
