"""Insights for a demo user with N days of daily data and training (10 years by default).

Times the full recomputation (load the series, every pair's statistics, store the rows), a
page visit when nothing changed, the page's callbacks for each period, and the heatmap.

Usage: python bench/bench_insights.py [--days 3650] [--repeat 10] [--json FILE]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import demo_arguments, demo_user, fresh_app, report, timed  # noqa: E402

from dashboard_app.services import insights  # noqa: E402
from dashboard_app.ui import ids  # noqa: E402
from tests.helpers import AuthActions, payload_for, post_callback  # noqa: E402


def main() -> None:
    args = demo_arguments(__doc__, days=3650, repeat=10)

    app, database = fresh_app()
    results: dict[str, object] = {}
    started = time.perf_counter()
    demo, user_id = demo_user(database, args.days)
    results["demo_user_ms"] = (time.perf_counter() - started) * 1000

    def recompute():
        with database.session_factory() as session:
            insights.recompute_insights(session, user_id)
            session.commit()

    def load_only():
        with database.session_factory() as session:
            insights.load_frame(session, user_id)

    def unchanged_visit():
        with database.session_factory() as session:
            assert insights.ensure_insights(session, user_id) is False

    results["load the daily series"] = timed(load_only, args.repeat)
    results["full recompute (load, statistics, store)"] = timed(recompute, args.repeat)
    results["visit with no change (version check)"] = timed(unchanged_visit, args.repeat)
    with database.session_factory() as session:
        stored = len(insights.stored_insights(session, user_id))
        significant = sum(i.is_significant for i in insights.stored_insights(session, user_id))

    client = app.test_client()
    AuthActions(client).login(demo.username, demo.password)
    for window in ("all", "1y", "90d"):
        payload = payload_for(app, (ids.INSIGHTS_WINDOW, "value"), window)
        reply = post_callback(client, payload)
        assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
        data = reply.get_json()["response"][ids.INSIGHTS_DATA]["data"]
        results[f"page: findings, {window}"] = timed(
            lambda p=payload: post_callback(client, p), args.repeat
        )
        cards = payload_for(
            app,
            (ids.INSIGHTS_DATA, "data"),
            data,
            {(ids.INSIGHTS_SHOW_ALL, "value"): False, (ids.INSIGHTS_WINDOW, "value"): window},
        )
        results[f"page: cards with scatters, {window}"] = timed(
            lambda p=cards: post_callback(client, p), args.repeat
        )
    heatmap = payload_for(app, (ids.INSIGHTS_LAG, "value"), 0, {(ids.INSIGHTS_DATA, "data"): data})
    results["page: heatmap (90d data)"] = timed(lambda: post_callback(client, heatmap), args.repeat)

    backend = database.engine.url.get_backend_name()
    title = (
        f"{backend}: demo user with {demo.daily_entries} daily entries, {demo.sessions} "
        f"sessions, {demo.workout_lines} lines ({args.days} days); {stored} pairs stored, "
        f"{significant} significant"
    )
    report(title, results, args.json, backend=backend, days=args.days)


if __name__ == "__main__":
    main()
