"""Uploads of 5, 20 and 50 MB through the settings page's import job: time and worker memory.

A Strong CSV of the wanted size is made from the real 2023 export, its workouts repeated
with dates moved back a week per copy (so each copy is new workouts), and zipped when it is
larger than the upload cap. Each size runs in a process of its own (peak RSS is per process):
start the job (read and check the file), then advance it a slice after a slice as the
page's ticks do, each committed, until done. Reported per size: the seconds to start, the
ticks, the median seconds per tick, the total, and the process's peak RSS growth over the
run (what the worker would have grown by).

Usage: python bench/bench_upload_jobs.py [--sizes 5 20 50] [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import statistics
import subprocess
import sys
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SOURCE = ROOT.parent / "shared" / "data" / "strong_export_2023.csv"
UPLOAD_CAP = 12 * 2**20


def strong_csv(megabytes: float) -> bytes:
    """A Strong export of about this size, real rows repeated a week earlier per copy."""
    rows = list(csv.reader(io.StringIO(SOURCE.read_text(encoding="utf-8-sig"))))
    header, body = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    copy = 0
    while out.tell() < megabytes * 2**20:
        for row in body:
            moved = datetime.strptime(row[0], "%Y-%m-%d %H:%M:%S") - timedelta(weeks=copy)
            writer.writerow([moved.strftime("%Y-%m-%d %H:%M:%S"), *row[1:]])
        copy += 1
    return out.getvalue().encode()


def upload(megabytes: float) -> bytes:
    data = strong_csv(megabytes)
    if len(data) <= UPLOAD_CAP:
        return data
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("strong.csv", data)
    return packed.getvalue()


def run_one(megabytes: float) -> dict:
    from common import fresh_app

    from dashboard_app.services import import_jobs
    from dashboard_app.services.catalogue import seed_catalogue
    from dashboard_app.services.users import create_user

    content = upload(megabytes)
    _app, database = fresh_app()
    with database.session_factory.begin() as session:
        seed_catalogue(session)
        user_id = create_user(
            session, username="bench", email="bench@example.com", password="bench pass 1234"
        ).id
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with database.session_factory() as session:
        job = import_jobs.start_job(session, user_id, "strong", "strong.csv", content, "lb")
        session.commit()
    start_seconds = time.perf_counter() - started
    ticks = []
    while job.status == "running":
        tick = time.perf_counter()
        with database.session_factory() as session:
            tick_started = time.monotonic()
            while True:  # as the page's tick: slices until the budget is spent
                job = import_jobs.import_next_slice(session, user_id, job.id)
                session.commit()
                if job.status != "running":
                    break
                if time.monotonic() - tick_started >= import_jobs.BUDGET_SECONDS:
                    break
        ticks.append(time.perf_counter() - tick)
    total = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "megabytes": megabytes,
        "upload_mb": round(len(content) / 2**20, 2),
        "workouts": job.total,
        "start_s": round(start_seconds, 2),
        "ticks": len(ticks),
        "median_tick_s": round(statistics.median(ticks), 3) if ticks else 0,
        "total_s": round(total, 1),
        "rss_growth_mb": round((peak - before) / 1024, 1),
        "status": job.status,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=float, nargs="+", default=[5, 20, 50])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(run_one(args.one)))
        return
    results = []
    for size in args.sizes:
        reply = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        result = json.loads(reply.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{size:>4g} MB CSV ({result['upload_mb']} MB upload, {result['workouts']} workouts): "
            f"start {result['start_s']} s, {result['ticks']} ticks of {result['median_tick_s']} s "
            f"(median), {result['total_s']} s in all, peak RSS +{result['rss_growth_mb']} MB, "
            f"{result['status']}"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
