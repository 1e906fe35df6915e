"""metrics-tracker users: account administration."""

from __future__ import annotations

import click

from dashboard_app.cli.common import database_of, load_app


@click.group("users")
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

    from dashboard_app.config import get_settings
    from dashboard_app.services.accounts import issue_reset_token
    from db.models import User

    app = load_app()
    base_url = base_url or get_settings(app).base_url or "http://127.0.0.1:8050"
    with database_of(app).session_factory.begin() as session:
        email = session.scalar(select(User.email).where(User.username == username))
        issued = issue_reset_token(session, email) if email else None
        if issued is None:
            raise click.ClickException(f"no active user named {username!r}")
        _user, token = issued
    click.echo(f"{base_url.rstrip('/')}/reset-password/{token}")
