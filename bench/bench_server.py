"""Server-side timings of the main requests for a demo user with N days of history.

Usage: python bench/bench_server.py [--days 365] [--repeat 40] [--json FILE]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import demo_arguments, report, timed  # noqa: E402

from dashboard_app import create_app  # noqa: E402
from dashboard_app.database import get_database  # noqa: E402
from dashboard_app.services.catalogue import seed_catalogue  # noqa: E402
from dashboard_app.services.demo import create_demo_user  # noqa: E402
from dashboard_app.ui import ids  # noqa: E402
from db.base import Base  # noqa: E402
from tests.helpers import AuthActions, callback_payload, payload_for, post_callback  # noqa: E402


def main() -> None:
    args = demo_arguments(__doc__, days=365, repeat=40)

    instance = tempfile.mkdtemp(prefix="metrics-bench-")
    config = {
        "METRICS_ENV": "testing",
        "SECRET_KEY": "bench" * 10,
        "METRICS_INSTANCE_PATH": instance,
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
    }
    started = time.perf_counter()
    app = create_app(config)
    results = {"create_app_ms": (time.perf_counter() - started) * 1000}
    database = get_database(app)
    Base.metadata.drop_all(database.engine)
    Base.metadata.create_all(database.engine)
    started = time.perf_counter()
    with database.session_factory.begin() as session:
        seed_catalogue(session)
    results["seed_catalogue_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    with database.session_factory.begin() as session:
        demo = create_demo_user(session, days=args.days)
    results["demo_user_ms"] = (time.perf_counter() - started) * 1000

    def fresh_login():
        AuthActions(app.test_client()).login(demo.username, demo.password)

    results["login (form + argon2id)"] = timed(fresh_login, 5)
    client = app.test_client()
    AuthActions(client).login(demo.username, demo.password)
    dashboard_frame = callback_payload(
        [("_pages_content", "children"), ("_pages_store", "data")],
        [("_pages_location", "pathname", "/"), ("_pages_location", "search", "")],
    )
    profile = payload_for(app, (ids.SETTINGS_LOAD, "data"), True)
    today = date.today().isoformat()
    form = {(field_id, "value"): None for field_id in ids.DAILY_FIELDS.values()}
    form.update(
        {
            (ids.DAILY_DATE, "value"): today,
            (ids.DAILY_FIELDS["weight"], "value"): 80.4,
            (ids.DAILY_FIELDS["energy_level"], "value"): 7,
        }
    )
    save_day = payload_for(app, (ids.DAILY_SAVE, "n_clicks"), 1, form)
    load_day = payload_for(app, (ids.DAILY_DATE, "value"), today)
    first_block = payload_for(
        app, (ids.DAILY_GRID, "getRowsRequest"), {"startRow": 0, "endRow": 100, "sortModel": []}
    )
    last_block = payload_for(
        app,
        (ids.DAILY_GRID, "getRowsRequest"),
        {"startRow": demo.daily_entries - 100, "endRow": demo.daily_entries, "sortModel": []},
    )
    trends = {span: payload_for(app, (ids.DAILY_RANGE, "value"), span) for span in ("90d", "all")}
    requests = {
        "daily log: load a day": lambda: post_callback(client, load_day),
        "daily log: save a day": lambda: post_callback(client, save_day),
        "daily log: history rows 0-100": lambda: post_callback(client, first_block),
        "daily log: history last 100 rows": lambda: post_callback(client, last_block),
        "daily log: trends 90 days": lambda: post_callback(client, trends["90d"]),
        "daily log: trends all": lambda: post_callback(client, trends["all"]),
        "GET / (index)": lambda: client.get("/"),
        "GET /_dash-layout": lambda: client.get("/_dash-layout"),
        "GET /_dash-dependencies": lambda: client.get("/_dash-dependencies"),
        "dashboard page frame": lambda: post_callback(client, dashboard_frame),
        "settings profile callback": lambda: post_callback(client, profile),
    }
    for name, request in requests.items():
        request()  # warm up
        results[name] = timed(request, args.repeat)

    backend = database.engine.url.get_backend_name()
    title = (
        f"{backend}, demo user with {demo.daily_entries} daily entries and "
        f"{demo.sessions} sessions ({args.days} days)"
    )
    report(title, results, args.json, backend=backend, days=args.days)
    database.engine.dispose()


if __name__ == "__main__":
    main()
