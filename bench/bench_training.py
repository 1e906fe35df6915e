"""The training page's server time for a heavy user (10 years of demo data: 1,851 sessions).

Times the page's one callback (the whole report: loading, analytics, figures, layout) over
HTTP in process, for the current block and for an old one, and the service alone.

Usage: python bench/bench_training.py [--days 3650] [--repeat 10] [--json FILE]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import demo_arguments, demo_user, fresh_app, report, timed  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from dashboard_app.services.training import mesocycle_names, training_report  # noqa: E402
from dashboard_app.ui import ids  # noqa: E402
from db.models import TrainingSession  # noqa: E402
from tests.helpers import AuthActions, payload_for, post_callback  # noqa: E402


def main() -> None:
    args = demo_arguments(__doc__, days=3650, repeat=10)

    app, database = fresh_app()
    started = time.perf_counter()
    demo, user_id = demo_user(database, args.days)
    results: dict[str, object] = {"demo_user_ms": (time.perf_counter() - started) * 1000}
    with database.session_factory() as session:
        sessions = session.scalar(select(func.count()).where(TrainingSession.user_id == user_id))
        names = mesocycle_names(session, user_id)
    blocks = {"current block": names[0], "old block": names[len(names) // 2]}

    for label, name in blocks.items():

        def service_only(name=name):
            with database.session_factory() as session:
                training_report(session, user_id, name)

        results[f"service: report, {label}"] = timed(service_only, args.repeat)

    client = AuthActions(app.test_client())
    client.login(demo.username, demo.password)
    for label, name in blocks.items():
        payload = payload_for(app, (ids.TRAINING_MESOCYCLE, "value"), name)
        reply = post_callback(client.client, payload)
        assert reply.status_code == 200, reply.get_data(as_text=True)[:300]
        assert "training-suggestion" in reply.get_data(as_text=True)
        results[f"page callback: {label}"] = timed(
            lambda p=payload: post_callback(client.client, p), args.repeat
        )

    backend = database.engine.url.get_backend_name()
    title = f"Training page, {backend}: {sessions} sessions, {len(names)} blocks"
    report(title, results, args.json, backend=backend, sessions=sessions, blocks=len(names))


if __name__ == "__main__":
    main()
