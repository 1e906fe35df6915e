"""Server time to render the dashboard: the page's frame and each widget's own callback.

For the demo user with N days of history (365 by default; --days 3650 for 10 years), the
default layout, over the default range and over everything. "Full dashboard" adds the frame
and every widget once, as one browser visit costs the server; the browser asks for the
widgets in parallel, so the slowest one bounds what the user waits for. Also times the edits
(add a widget, a drag saved, settings saved) and the first visit's insights recompute.

Usage: python bench/bench_dashboard.py [--days 365] [--repeat 20] [--json FILE]
"""

from __future__ import annotations

import time

from common import demo_arguments, demo_user, fresh_app, report, timed

from dashboard_app.services import dashboard
from dashboard_app.ui import ids
from dashboard_app.widget_catalogue import WIDGET_KINDS
from tests.helpers import (
    AuthActions,
    callback_payload,
    component_key,
    pattern_payload,
    post_callback,
)


def _ok(reply) -> None:
    assert reply.status_code in (200, 204), reply.get_data(as_text=True)[:300]


def main() -> None:
    args = demo_arguments(__doc__, days=365, repeat=20)

    app, database = fresh_app()
    demo, user_id = demo_user(database, args.days)
    with database.session_factory() as session:
        widgets = dashboard.load_widgets(session, user_id)
    client = app.test_client()
    AuthActions(client).login(demo.username, demo.password)

    def body(widget, range_key):
        body_id = {"type": ids.WIDGET_BODY, "index": widget.id}
        reload_id = {"type": ids.WIDGET_RELOAD, "index": widget.id}
        values = {
            (ids.DASHBOARD_RANGE, "value"): range_key,
            (component_key(body_id), "id"): body_id,
        }
        return pattern_payload(app, (reload_id, "data"), 0, values=values)

    results: dict[str, object] = {}
    top_insights = next(w for w in widgets if w.widget_type == "top_insights")
    started = time.perf_counter()
    _ok(post_callback(client, body(top_insights, "30d")))  # stale: computes every pair
    results["first visit: insights computed"] = (time.perf_counter() - started) * 1000

    frame = callback_payload(
        [("_pages_content", "children"), ("_pages_store", "data")],
        [("_pages_location", "pathname", "/"), ("_pages_location", "search", "")],
    )
    _ok(post_callback(client, frame))
    results["page frame (layout, no data)"] = timed(
        lambda: post_callback(client, frame), args.repeat
    )
    for range_key in ("30d", "all"):
        total = results["page frame (layout, no data)"]["median_ms"]
        slowest = 0.0
        for widget in widgets:
            payload = body(widget, range_key)
            _ok(post_callback(client, payload))
            timing = timed(lambda p=payload: post_callback(client, p), args.repeat)
            results[f"{widget.widget_type}, {range_key}"] = timing
            total += timing["median_ms"]
            slowest = max(slowest, timing["median_ms"])
        results[f"full dashboard, {range_key} (sum of medians)"] = total
        results[f"slowest widget, {range_key}"] = slowest

    for key in ("nutrition", "correlation_heatmap"):  # offered, not in the default layout
        with database.session_factory() as session:
            extra = dashboard.add_widget(session, user_id, dashboard.WidgetSpec(key, key, 6, 5))
        payload = body(extra, "30d")
        _ok(post_callback(client, payload))
        results[f"{key}, 30d"] = timed(lambda p=payload: post_callback(client, p), args.repeat)

    with database.session_factory() as session:
        widgets = dashboard.load_widgets(session, user_id)
    shown = [w.id for w in sorted(widgets, key=lambda w: (w.y, w.x, w.id)) if w.is_visible]
    add = pattern_payload(
        app,
        ({"type": ids.WIDGET_ADD, "index": "body_weight"}, "n_clicks"),
        1,
        present={ids.WIDGET_ADD: list(WIDGET_KINDS)},
        values={(ids.DASHBOARD_ORDER, "data"): shown},
        output=ids.DASHBOARD_GRID,
    )

    def remove_added():
        with database.session_factory() as session:
            newest = max(w.id for w in dashboard.load_widgets(session, user_id))
            dashboard.remove_widget(session, user_id, newest)

    results["edit: add a widget"] = timed(
        lambda: _ok(post_callback(client, add)), args.repeat, undo=remove_added
    )
    first = widgets[0]
    layouts = [
        {
            "lg": [
                {"i": f"widget-{w.id}", "x": w.x, "y": w.y + (step if w is first else 0)}
                | {"w": w.w, "h": w.h}
                for w in widgets
                if w.is_visible
            ]
        }
        for step in (0, 40)
    ]
    drags = iter(range(10**6))

    def drag():
        payload = pattern_payload(app, (ids.DASHBOARD_GRID, "layouts"), layouts[next(drags) % 2])
        _ok(post_callback(client, payload))

    results["edit: a drag saved"] = timed(drag, args.repeat)
    fields = ids.DASHBOARD_SETTINGS_FIELDS
    settings = pattern_payload(
        app,
        (ids.DASHBOARD_SETTINGS_SAVE, "n_clicks"),
        1,
        values={
            (ids.DASHBOARD_SETTINGS_WIDGET, "data"): widgets[1].id,
            (ids.DASHBOARD_ORDER, "data"): shown,
            (fields["title"], "value"): "Weight",
            (fields["range"], "value"): "90d",
            (fields["w"], "value"): widgets[1].w,
            (fields["h"], "value"): widgets[1].h,
        },
    )
    results["edit: settings saved"] = timed(lambda: post_callback(client, settings), args.repeat)

    backend = database.engine.url.get_backend_name()
    title = (
        f"{backend}: demo user with {demo.daily_entries} daily entries, {demo.sessions} "
        f"sessions, {demo.workout_lines} lines ({args.days} days); {len(shown)} widgets"
    )
    report(title, results, args.json, backend=backend, days=args.days)
    database.engine.dispose()


if __name__ == "__main__":
    main()
