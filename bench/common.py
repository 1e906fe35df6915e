"""What every benchmark shares: a fresh app on DATABASE_URL, timing, and printing results."""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from dashboard_app import create_app  # noqa: E402
from dashboard_app.database import get_database  # noqa: E402
from dashboard_app.services.catalogue import seed_catalogue  # noqa: E402
from dashboard_app.services.demo import create_demo_user  # noqa: E402
from db.base import Base  # noqa: E402
from db.models import User  # noqa: E402


def timed(
    function: Callable[[], object], repeat: int, undo: Callable[[], object] | None = None
) -> dict[str, float]:
    """Median and p95 of function's wall time in milliseconds; undo runs untimed after each."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
        if undo is not None:
            undo()
    samples.sort()
    return {
        "median_ms": statistics.median(samples),
        "p95_ms": samples[min(len(samples) - 1, int(len(samples) * 0.95))],
    }


def fresh_app():
    """The app on DATABASE_URL (SQLite in a temporary folder if unset), every table emptied."""
    if os.environ.get("DATABASE_URL"):
        print("warning: every table of the DATABASE_URL database is dropped and recreated")
    app = create_app(
        {
            "METRICS_ENV": "testing",
            "SECRET_KEY": "bench" * 10,
            "METRICS_INSTANCE_PATH": tempfile.mkdtemp(prefix="metrics-bench-"),
            "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        }
    )
    database = get_database(app)
    Base.metadata.drop_all(database.engine)
    Base.metadata.create_all(database.engine)
    return app, database


def demo_user(database, days: int):
    """Seed the catalogue and create the demo user with `days` of history: (report, user id)."""
    with database.session_factory.begin() as session:
        seed_catalogue(session)
        demo = create_demo_user(session, days=days)
    with database.session_factory() as session:
        user_id = session.scalar(select(User.id).where(User.username == demo.username))
    return demo, user_id


def report(title: str, results: dict[str, object], json_path: Path | None, **extra) -> None:
    """Print one line per result (timings as median and p95) and optionally write JSON."""
    print(title)
    width = max(len(name) for name in results)
    for name, value in results.items():
        if isinstance(value, dict):
            print(
                f"  {name:{width}s}  median {value['median_ms']:8.1f} ms"
                f"   p95 {value['p95_ms']:8.1f} ms"
            )
        else:
            print(f"  {name:{width}s}  {value:10.1f} ms")
    if json_path:
        json_path.write_text(json.dumps({**extra, **results}, indent=2))
