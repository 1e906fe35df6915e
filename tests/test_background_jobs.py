"""Scaling out on Redis: the insights recompute as a background job, a shared cache and shared
rate limits; and without Redis (or with it down) the same pages still work in one process."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta

import pytest
from click.testing import CliRunner
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker, Worker
from sqlalchemy import select

from callbacks.insights import RECOMPUTING_NOTE
from dashboard_app.background import QUEUE_NAME, get_background
from dashboard_app.cli import main as cli
from dashboard_app.database import get_database
from dashboard_app.services import insights
from dashboard_app.services.api_tokens import create_token
from dashboard_app.ui import ids
from db.models import CorrelationInsight, DailyMetric, User
from tests.helpers import AuthActions, callback_response, make_user, payload_for, post_callback

REDIS_URL = os.environ.get("METRICS_TEST_REDIS_URL", "redis://localhost:6379/13")
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
WINDOW = (ids.INSIGHTS_WINDOW, "value")
POLL = (ids.INSIGHTS_POLL, "n_intervals")
DAYS = 40


def _redis_or_skip() -> Redis:
    redis = Redis.from_url(REDIS_URL)
    try:
        redis.ping()
    except RedisError as exc:
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}); set METRICS_TEST_REDIS_URL")
    return redis


@pytest.fixture
def redis():
    """The test Redis database, emptied before and after (it is ours alone)."""
    connection = _redis_or_skip()
    connection.flushdb()
    yield connection
    connection.flushdb()


@pytest.fixture
def listening(redis):
    """A worker registered on the queue (as `metrics-tracker worker` is), not yet working."""
    worker = Worker([Queue(QUEUE_NAME, connection=redis)], connection=redis)
    worker.register_birth()
    yield worker
    worker.register_death()


def _log_days(app, username: str, days: int = DAYS) -> int:
    """`days` daily entries ending today whose energy follows sleep; the user's id."""
    today = datetime.now(UTC).date()
    with get_database(app).session_factory() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        for offset in range(days):
            sleep = 5.5 + (offset * 7 % 11) / 4
            start = datetime.combine(today - timedelta(days=offset + 1), datetime.min.time())
            session.add(
                DailyMetric(
                    user_id=user_id,
                    date=today - timedelta(days=offset),
                    sleep_start=start + timedelta(hours=23),
                    sleep_end=start + timedelta(hours=23 + sleep),
                    energy_level=min(10, max(1, round(sleep))),
                    stress_level=1 + offset % 9,
                )
            )
        session.commit()
    return user_id


def _logged_in(app, username: str = "alice"):
    make_user(app, username)
    client = app.test_client()
    assert AuthActions(client).login(username).status_code == 302
    return client, _log_days(app, username)


def _is_stale(app, user_id: int) -> bool:
    with get_database(app).session_factory() as session:
        return insights.is_stale(session, user_id)


def _stored_count(app, user_id: int) -> int:
    with get_database(app).session_factory() as session:
        rows = session.scalars(
            select(CorrelationInsight).where(CorrelationInsight.user_id == user_id)
        )
        return len(rows.all())


def _insights_page(app, client, trigger=WINDOW, value="all"):
    return post_callback(client, payload_for(app, trigger, value, {WINDOW: "all", POLL: 1}))


def _cards(app, client, recomputing: bool, data=None):
    values = {
        (ids.INSIGHTS_DATA, "data"): data or [],
        (ids.INSIGHTS_RECOMPUTING, "is_open"): recomputing,
    }
    payload = payload_for(app, (ids.INSIGHTS_DATA, "data"), data or [], values)
    return callback_response(post_callback(client, payload))[ids.INSIGHTS_CARDS]["children"]


def _heatmap_message(app, client, recomputing: bool) -> str:
    values = {(ids.INSIGHTS_DATA, "data"): [], (ids.INSIGHTS_RECOMPUTING, "is_open"): recomputing}
    payload = payload_for(app, (ids.INSIGHTS_LAG, "value"), 0, values)
    figure = callback_response(post_callback(client, payload))[ids.INSIGHTS_HEATMAP]["figure"]
    return figure["layout"]["annotations"][0]["text"]


# The service, with a stand-in for the queue.


def test_a_scheduler_that_takes_the_job_leaves_the_recompute_to_it(app):
    _client, alice = _logged_in(app)
    asked = []
    with get_database(app).session_factory() as session:
        found = insights.insights_for(
            session, alice, None, date.today(), lambda u: not asked.append(u)
        )
    assert found == insights.Findings([], recomputing=True)
    assert asked == [alice] and _is_stale(app, alice)


def test_a_scheduler_that_cannot_take_it_means_computing_in_the_request(app):
    _client, alice = _logged_in(app)
    with get_database(app).session_factory() as session:
        found = insights.insights_for(session, alice, None, date.today(), lambda _user: False)
        session.commit()  # as the request that asked does
    assert found.recomputing is False and found.insights
    assert not _is_stale(app, alice) and _stored_count(app, alice) == len(found.insights)


def test_fresh_insights_ask_nothing_of_the_scheduler(app):
    _client, alice = _logged_in(app)
    with get_database(app).session_factory() as session:
        insights.ensure_insights(session, alice)
        found = insights.insights_for(session, alice, None, date.today(), pytest.fail)
    assert found.recomputing is False and found.insights


# Without Redis.


def test_without_redis_there_is_no_queue_and_the_page_computes_in_the_request(app):
    client, alice = _logged_in(app)
    assert get_background(app) is None
    reply = callback_response(_insights_page(app, client))
    assert reply[ids.INSIGHTS_RECOMPUTING] == {"is_open": False}
    assert reply[ids.INSIGHTS_POLL] == {"disabled": True}
    assert reply[ids.INSIGHTS_DATA]["data"] and not _is_stale(app, alice)


def test_with_redis_down_pages_compute_in_the_request_and_logins_still_work(app_factory):
    app = app_factory(REDIS_URL=UNREACHABLE_REDIS)
    client, alice = _logged_in(app)  # the login's rate limit falls back to memory
    reply = callback_response(_insights_page(app, client))
    assert reply[ids.INSIGHTS_RECOMPUTING] == {"is_open": False}
    assert not _is_stale(app, alice)
    window = callback_response(_insights_page(app, client, value="90d"))  # cache misses
    assert window[ids.INSIGHTS_DATA]["data"]


# With Redis: the recompute as a background job.


def test_with_no_worker_listening_the_request_computes_itself(app_factory, redis):
    app = app_factory(REDIS_URL=REDIS_URL)
    client, alice = _logged_in(app)
    reply = callback_response(_insights_page(app, client))
    assert reply[ids.INSIGHTS_RECOMPUTING] == {"is_open": False}
    assert not _is_stale(app, alice)
    assert Queue(QUEUE_NAME, connection=redis).count == 0  # nothing left waiting forever


def test_a_stale_visit_queues_one_job_answers_at_once_and_polls_until_it_ran(
    app_factory, redis, listening, monkeypatch, database_url
):
    app = app_factory(REDIS_URL=REDIS_URL)
    client, alice = _logged_in(app)
    queue = Queue(QUEUE_NAME, connection=redis)

    reply = callback_response(_insights_page(app, client))
    assert reply[ids.INSIGHTS_RECOMPUTING] == {"is_open": True}
    assert reply[ids.INSIGHTS_POLL] == {"disabled": False}
    assert reply[ids.INSIGHTS_DATA]["data"] == []  # nothing computed before: nothing to show
    assert reply[ids.INSIGHTS_RECOMPUTING_TEXT]["children"] == RECOMPUTING_NOTE
    assert reply[ids.INSIGHTS_COUNT]["children"].startswith("Computing your insights for the first")
    assert _cards(app, client, recomputing=True) is None  # no "keep logging" meanwhile
    assert "Keep logging" in str(_cards(app, client, recomputing=False))
    assert _heatmap_message(app, client, recomputing=True) == "Computing your insights…"
    assert _heatmap_message(app, client, recomputing=False).startswith("Not enough days")
    assert _is_stale(app, alice) and queue.job_ids == [f"insights-{alice}"]

    # Another visit and a poll while it waits: no second job, and the page is left alone.
    callback_response(_insights_page(app, client))
    assert _insights_page(app, client, POLL, 2).status_code == 204
    assert queue.count == 1

    monkeypatch.setenv("DATABASE_URL", database_url)  # as `metrics-tracker worker` sets it
    assert SimpleWorker([queue], connection=redis).work(burst=True)
    assert not _is_stale(app, alice) and _stored_count(app, alice) > 0
    assert queue.count == 0

    polled = callback_response(_insights_page(app, client, POLL, 3))
    assert polled[ids.INSIGHTS_RECOMPUTING] == {"is_open": False}
    assert polled[ids.INSIGHTS_RECOMPUTING_TEXT] == {"children": ""}
    assert polled[ids.INSIGHTS_POLL] == {"disabled": True}
    assert len(polled[ids.INSIGHTS_DATA]["data"]) == _stored_count(app, alice)


def test_the_dashboard_widget_and_the_api_do_not_wait_either(app_factory, redis, listening):
    app = app_factory(REDIS_URL=REDIS_URL)
    _client, alice = _logged_in(app)
    from dashboard_app.widgets.base import WidgetContext
    from dashboard_app.widgets.registry import RENDERERS

    today = datetime.now(UTC).date()
    context = WidgetContext(
        alice, today, None, "all", "kg", "light", get_background(app).schedule_insights
    )
    with get_database(app).session_factory() as session:
        found = RENDERERS["top_insights"].load(session, context)
        matrix = RENDERERS["correlation_heatmap"].load(session, context)
        _view, token = create_token(session, alice, "bench")
        session.commit()
    assert found == {"items": [], "recomputing": True} and matrix["recomputing"] is True
    assert "Updating with your latest entries" in str(
        RENDERERS["top_insights"].render(found, context)
    )
    reply = app.test_client().get("/api/v1/insights", headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 200 and reply.get_json() == []
    assert reply.headers["Insights-Status"] == "recomputing"
    assert _is_stale(app, alice)


def test_a_failed_job_is_not_waited_for(app_factory, redis, listening, monkeypatch):
    app = app_factory(REDIS_URL=REDIS_URL)
    client, alice = _logged_in(app)
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the job cannot open the database
    queue = Queue(QUEUE_NAME, connection=redis)
    callback_response(_insights_page(app, client))
    SimpleWorker([queue], connection=redis).work(burst=True)
    assert queue.failed_job_registry.count == 1
    # The next visit sees the failure and does the work itself instead of polling for ever.
    reply = callback_response(_insights_page(app, client))
    assert reply[ids.INSIGHTS_RECOMPUTING] == {"is_open": False}
    assert not _is_stale(app, alice)


def test_the_worker_command_runs_queued_jobs(app_factory, redis, listening, database_url, tmp_path):
    app = app_factory(REDIS_URL=REDIS_URL)
    client, alice = _logged_in(app)
    callback_response(_insights_page(app, client))
    assert _is_stale(app, alice)
    env = {
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "METRICS_ENV": "testing",
        "SECRET_KEY": "worker-test-" + "x" * 32,
        "METRICS_INSTANCE_PATH": str(tmp_path / "worker"),
    }
    result = CliRunner().invoke(cli, ["worker", "--burst"], env=env)
    assert result.exit_code == 0, result.output
    assert not _is_stale(app, alice)


def test_the_worker_command_explains_that_it_needs_redis(tmp_path):
    env = {"REDIS_URL": "", "METRICS_INSTANCE_PATH": str(tmp_path), "METRICS_ENV": "testing"}
    result = CliRunner().invoke(cli, ["worker", "--burst"], env=env)
    assert result.exit_code != 0 and "REDIS_URL is not set" in result.output


# With Redis: one cache and one set of rate limits for every worker.


def test_window_insights_are_computed_once_for_all_workers(app_factory, redis, monkeypatch):
    first, second = app_factory(REDIS_URL=REDIS_URL), app_factory(REDIS_URL=REDIS_URL)
    client, alice = _logged_in(first)
    other = second.test_client()
    assert AuthActions(other).login("alice").status_code == 302
    computed = []
    real = insights.compute_insights
    monkeypatch.setattr(
        insights, "compute_insights", lambda *a, **k: computed.append(1) or real(*a, **k)
    )

    one = callback_response(_insights_page(first, client, value="90d"))
    two = callback_response(_insights_page(second, other, value="90d"))
    assert one[ids.INSIGHTS_DATA] == two[ids.INSIGHTS_DATA] and len(computed) == 1

    # New data changes the key: the next visit computes again, never shows the old result.
    with get_database(first).session_factory() as session:
        row = session.scalar(select(DailyMetric).where(DailyMetric.user_id == alice).limit(1))
        row.energy_level = 1 if row.energy_level != 1 else 2
        session.commit()
    callback_response(_insights_page(second, other, value="90d"))
    assert len(computed) == 2


def test_login_attempts_count_across_workers(app_factory, redis):
    from dashboard_app.services.password_guard import PAIR_LIMIT

    first, second = app_factory(REDIS_URL=REDIS_URL), app_factory(REDIS_URL=REDIS_URL)
    make_user(first, "alice")
    codes = [
        AuthActions((first if i % 2 else second).test_client()).login("alice", "wrong").status_code
        for i in range(PAIR_LIMIT + 2)
    ]
    assert codes == [401] * PAIR_LIMIT + [429, 429]
