"""Importing the largest real export (Strong, 9,065 sets) into a fresh account.

Times reading the file (pure parsing), applying the batch (sessions and lines bulk-inserted,
exercises matched, records and usage rebuilt, one commit), a second import of the same file
(every workout already there), and reports rows per second. Each timed import is undone,
untimed, before the next.

Usage: python bench/bench_imports.py [--file PATH] [--kind strong|hevy] [--unit lb]
       [--repeat 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import fresh_app, report, timed  # noqa: E402
from sqlalchemy import delete, func, select  # noqa: E402

from dashboard_app.importers.registry import IMPORT_READERS  # noqa: E402
from dashboard_app.services.catalogue import seed_catalogue  # noqa: E402
from dashboard_app.services.imports import apply_import  # noqa: E402
from dashboard_app.services.users import create_user  # noqa: E402
from db.models import (  # noqa: E402
    Exercise,
    PersonalRecord,
    TrainingSession,
    UserExerciseHistory,
    WorkoutDetail,
)

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=SHARED_DATA / "strong_export_2023.csv")
    parser.add_argument("--kind", choices=sorted(IMPORT_READERS), default="strong")
    parser.add_argument("--unit", choices=("kg", "lb"), default="lb")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    data = args.file.read_bytes()
    reader, takes_unit, _description = IMPORT_READERS[args.kind]

    def read():
        return reader(data, args.unit) if takes_unit else reader(data)

    app, database = fresh_app()
    with database.session_factory.begin() as session:
        seed_catalogue(session)
        user_id = create_user(
            session, username="bench", email="bench@example.com", password="bench pass 1234"
        ).id
    batch = read()

    def apply():
        with database.session_factory() as session:
            apply_import(session, user_id, batch)
            session.commit()

    def undo():
        with database.session_factory.begin() as session:
            for model in (
                PersonalRecord,
                UserExerciseHistory,
                WorkoutDetail,
                TrainingSession,
                Exercise,
            ):
                session.execute(delete(model).where(model.user_id == user_id))

    results: dict[str, object] = {
        "read the file": timed(read, args.repeat),
        "apply to an empty account": timed(apply, args.repeat, undo),
    }
    apply()
    results["import again (all already there)"] = timed(apply, args.repeat)
    with database.session_factory() as session:
        lines = session.scalar(select(func.count()).select_from(WorkoutDetail))
        sessions = session.scalar(select(func.count()).select_from(TrainingSession))
    assert sessions == len(batch.sessions), (sessions, len(batch.sessions))

    read_s = results["read the file"]["median_ms"] / 1000
    apply_s = results["apply to an empty account"]["median_ms"] / 1000
    rates = {
        "apply_rows_per_s": batch.rows_read / apply_s,
        "read_and_apply_rows_per_s": batch.rows_read / (read_s + apply_s),
    }
    backend = database.engine.url.get_backend_name()
    report(
        f"{args.file.name} on {backend}: {batch.rows_read} rows, {sessions} sessions, "
        f"{lines} lines",
        results,
        args.json,
        backend=backend,
        rows=batch.rows_read,
        **rates,
    )
    print(
        f"  throughput: {rates['apply_rows_per_s']:,.0f} rows/s applying, "
        f"{rates['read_and_apply_rows_per_s']:,.0f} rows/s reading and applying"
    )


if __name__ == "__main__":
    main()
