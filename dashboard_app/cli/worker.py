"""`metrics-tracker worker`: runs the background jobs queued on Redis (see background.py)."""

from __future__ import annotations

import os

import click

from dashboard_app.cli.common import load_app


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the jobs queued now, then stop.")
def worker_command(burst: bool) -> None:
    """Run background jobs (insights recomputes) from the Redis queue; needs REDIS_URL."""
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue, Worker

    from dashboard_app.background import QUEUE_NAME
    from dashboard_app.config import get_settings

    settings = get_settings(load_app())
    if not settings.redis_url:
        raise click.ClickException(
            "REDIS_URL is not set: without Redis there is no queue, and the app does this work "
            "in its own requests"
        )
    # The jobs open the database from the environment; the app's default (a SQLite file in
    # the instance folder) has to be spelled out for them.
    os.environ["DATABASE_URL"] = settings.database_url
    redis = Redis.from_url(settings.redis_url)
    try:
        redis.ping()
    except RedisError as exc:
        raise click.ClickException(f"cannot reach Redis at REDIS_URL: {exc}") from None
    Worker([Queue(QUEUE_NAME, connection=redis)], connection=redis).work(burst=burst)
