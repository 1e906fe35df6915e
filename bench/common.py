"""What every benchmark shares: a fresh app on DATABASE_URL, timing, and printing results."""

from __future__ import annotations

import argparse
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


def demo_arguments(description: str, days: int, repeat: int) -> argparse.Namespace:
    """The options of a benchmark on one demo user: --days of history, --repeat, --json."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--days", type=int, default=days)
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


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


def summarise(samples_ms: list[float]) -> dict[str, float]:
    """Median and p95 of samples in milliseconds, picked as timed() picks them."""
    ordered = sorted(samples_ms)
    return {
        "median_ms": statistics.median(ordered),
        "p95_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    }


def git_commit() -> str:
    """The checkout's commit (with "+changes" if the tree is dirty), or "unknown"."""
    import subprocess

    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + ("+changes" if dirty else "")


def print_rows(rows: dict[str, dict[str, float]]) -> None:
    """A table of timed rows: name, median, p95, count and (if given) response bytes."""
    width = max(len(name) for name in rows)
    print(f"  {'':{width}s}  {'median ms':>10s} {'p95 ms':>10s} {'n':>5s} {'bytes':>10s}")
    for name, row in rows.items():
        size = f"{row['bytes']:10,d}" if "bytes" in row else ""
        print(
            f"  {name:{width}s}  {row['median_ms']:10.1f} {row['p95_ms']:10.1f} "
            f"{row.get('n', 0):5d} {size}"
        )


def compare_rows(
    rows: dict[str, dict[str, float]], other: dict[str, dict[str, float]], title: str
) -> None:
    """Per row in both runs, the ratio of medians this/other, then the median of the ratios."""
    shared = [name for name in rows if name in other and other[name]["median_ms"] > 0]
    if not shared:
        print(f"{title}: no rows in common")
        return
    ratios = {name: rows[name]["median_ms"] / other[name]["median_ms"] for name in shared}
    width = max(len(name) for name in shared)
    print(title)
    print(f"  {'':{width}s}  {'this ms':>10s} {'other ms':>10s} {'ratio':>7s}")
    for name, ratio in ratios.items():
        print(
            f"  {name:{width}s}  {rows[name]['median_ms']:10.1f} "
            f"{other[name]['median_ms']:10.1f} {ratio:7.2f}"
        )
    print(f"  median of the {len(ratios)} ratios: {statistics.median(ratios.values()):.2f}")
