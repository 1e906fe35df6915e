"""Background jobs on Redis (RQ): work a request should not wait for runs in a worker process.

With REDIS_URL set, a request that finds a user's insights stale queues their recompute and
answers at once with the insights it has; `metrics-tracker worker` runs the queue. Without
Redis, or with no worker listening, there is nowhere to send the job, and the caller does the
work itself, in its own request, as a single-process install always has.
"""

from __future__ import annotations

import logging
import os
from functools import cache

from flask import Flask, current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, Worker
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job, JobStatus

from dashboard_app.config import load_settings
from dashboard_app.services.insights import ensure_insights
from db.session import create_db_engine, create_session_factory, transaction

EXTENSION_KEY = "metrics_tracker.background"
QUEUE_NAME = "metrics-tracker"
JOB_TIMEOUT = 600  # seconds; ten years of history recompute in well under one
# A failed recompute keeps its job id this long, so visits meanwhile do not queue it again and
# again; after it a visit tries once more.
FAILURE_TTL = 60

log = logging.getLogger(__name__)


class BackgroundJobs:
    """The app's handle on the job queue."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self.queue = Queue(QUEUE_NAME, connection=redis)

    def schedule_insights(self, user_id: int) -> bool:
        """Queue a recompute of the user's insights; whether one is now queued or running.

        False means the caller must compute them itself: Redis is unreachable, no worker
        listens to the queue, or the last try failed.
        """
        job_id = f"insights-{user_id}"
        try:
            if not Worker.count(queue=self.queue):
                return False
            self.queue.enqueue_call(
                recompute_insights_job,
                args=(user_id,),
                job_id=job_id,
                unique=True,  # one recompute per user at a time, whichever worker asks
                result_ttl=0,
                failure_ttl=FAILURE_TTL,
                timeout=JOB_TIMEOUT,
                description=f"recompute insights of user {user_id}",
            )
        except DuplicateJobError:
            return self._pending(job_id)
        except RedisError as exc:
            log.warning("job queue unreachable, insights computed in the request: %s", exc)
            return False
        return True

    def _pending(self, job_id: str) -> bool:
        try:
            status = Job.fetch(job_id, connection=self.redis).get_status()
        except NoSuchJobError:  # the job ended between the enqueue and the fetch
            return False
        return status in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.DEFERRED)


def init_app(server: Flask, redis_url: str | None) -> None:
    """Give the app a job queue when Redis is configured."""
    if redis_url:
        server.extensions[EXTENSION_KEY] = BackgroundJobs(Redis.from_url(redis_url))


def get_background(app: Flask | None = None) -> BackgroundJobs | None:
    """The app's job queue, or None when it runs without Redis."""
    return (app or current_app).extensions.get(EXTENSION_KEY)


def insights_scheduler(app: Flask | None = None):
    """What services call to move an insights recompute to the background (None: no queue)."""
    background = get_background(app)
    return background.schedule_insights if background is not None else None


@cache
def _worker_session_factory(pid: int, database_url: str):
    # Keyed by process id too: RQ forks a work horse per job, and a connection pool must
    # never cross a fork.
    return create_session_factory(create_db_engine(database_url))


def recompute_insights_job(user_id: int) -> bool:
    """The job: recompute the user's insights if still stale; whether it did."""
    database_url = load_settings(os.environ).database_url
    if database_url is None:
        raise RuntimeError("the worker needs DATABASE_URL, the same one the app uses")
    with transaction(_worker_session_factory(os.getpid(), database_url)) as session:
        return ensure_insights(session, user_id)
