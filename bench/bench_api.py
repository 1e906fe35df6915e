"""REST API latency for a user with N days of history (10 years by default).

Times listing the daily metrics (a page of 100, of 500, the last page), one day, a bulk upsert
of 100 days, the sessions list and one session, records and insights, over the WSGI stack
with a bearer token, as a script would call them.

Usage: python bench/bench_api.py [--days 3650] [--repeat 20] [--json FILE]
"""

from __future__ import annotations

from datetime import date, timedelta

from common import demo_arguments, demo_user, fresh_app, report, timed

from dashboard_app.services import api_tokens


def main() -> None:
    args = demo_arguments(__doc__, days=3650, repeat=20)

    app, database = fresh_app()
    demo, user_id = demo_user(database, args.days)
    with database.session_factory() as session:
        _view, token = api_tokens.create_token(session, user_id, "bench")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}

    def get(path):
        reply = client.get(f"/api/v1{path}", headers=headers)
        assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
        return reply.get_json()

    total = get("/daily-metrics?page_size=1")["total"]
    last_page = -(-total // 500)
    newest = date.fromisoformat(get("/daily-metrics?page_size=1")["items"][0]["date"])
    session_id = get("/sessions?page_size=1")["items"][0]["id"]
    get("/insights")  # computed once here, as on a first visit; then stored
    days = [
        {"date": (newest + timedelta(days=n)).isoformat(), "weight_kg": 80.0, "energy_level": 7}
        for n in range(1, 101)
    ]

    def bulk():
        reply = client.post("/api/v1/daily-metrics/bulk", headers=headers, json={"items": days})
        assert reply.status_code == 200, reply.get_data(as_text=True)[:300]

    requests = {
        "daily metrics, first page of 100": lambda: get("/daily-metrics"),
        "daily metrics, first page of 500": lambda: get("/daily-metrics?page_size=500"),
        f"daily metrics, last page of 500 (page {last_page})": lambda: get(
            f"/daily-metrics?page_size=500&page={last_page}"
        ),
        "daily metrics, one year by range": lambda: get(
            f"/daily-metrics?start={newest - timedelta(days=364)}&end={newest}&page_size=500"
        ),
        "one day": lambda: get(f"/daily-metrics/{newest}"),
        "bulk upsert of 100 days": bulk,
        "sessions, first page of 50": lambda: get("/sessions"),
        "one session with its lines": lambda: get(f"/sessions/{session_id}"),
        "records": lambda: get("/records"),
        "insights (stored)": lambda: get("/insights"),
        "openapi.json": lambda: client.get("/api/v1/openapi.json"),
    }
    results: dict[str, object] = {}
    for name, request in requests.items():
        request()
        results[name] = timed(request, args.repeat)

    backend = database.engine.url.get_backend_name()
    title = (
        f"{backend}: demo user with {total} daily entries, {demo.sessions} sessions "
        f"({args.days} days)"
    )
    report(title, results, args.json, backend=backend, days=args.days)
    database.engine.dispose()


if __name__ == "__main__":
    main()
