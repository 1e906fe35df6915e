"""The import card through real callback payloads: upload, progress to the end, report."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard_app.database import get_database
from dashboard_app.services import import_jobs
from dashboard_app.ui import ids
from db.models import ImportJob, ImportJobItem, TrainingSession
from tests.helpers import callback_response, make_user, pattern_payload, post_callback

FIXTURES = Path(__file__).parent / "fixtures" / "imports"


def _data_url(path: Path) -> str:
    return "data:text/csv;base64," + base64.b64encode(path.read_bytes()).decode()


def _start(app, client, contents, kind="strong", unit="kg", filename="strong.csv"):
    values = {
        (ids.IMPORT_UPLOAD, "contents"): contents,
        (ids.IMPORT_UPLOAD, "filename"): filename,
        (ids.IMPORT_KIND, "value"): kind,
        (ids.IMPORT_UNIT, "value"): unit,
        (ids.IMPORT_PERSON, "value"): "",
    }
    payload = pattern_payload(app, (ids.IMPORT_START, "n_clicks"), 1, values=values)
    return post_callback(client, payload)


def _tick(app, client, job_id):
    payload = pattern_payload(
        app, (ids.IMPORT_TICK, "n_intervals"), 1, values={(ids.IMPORT_JOB, "data"): job_id}
    )
    return callback_response(post_callback(client, payload))


def _run(app, client, contents, **options):
    reply = callback_response(_start(app, client, contents, **options))
    job_id = reply[ids.IMPORT_JOB]["data"]
    assert reply[ids.IMPORT_TICK]["disabled"] is False
    seen = []
    for _ in range(200):
        reply = _tick(app, client, job_id)
        seen.append(reply[ids.IMPORT_PROGRESS]["value"])
        if reply[ids.IMPORT_TICK]["disabled"]:
            return job_id, reply, seen
    raise AssertionError("the import never finished")


def _sessions(app, user_id) -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(
            select(func.count(TrainingSession.id)).where(TrainingSession.user_id == user_id)
        )


def test_an_upload_imports_with_progress_and_a_second_time_changes_nothing(
    app, logged_in, user, monkeypatch
):
    monkeypatch.setattr(import_jobs, "SLICE", 1)  # several ticks even for a small file
    monkeypatch.setattr(import_jobs, "BUDGET_SECONDS", 0)
    contents = _data_url(FIXTURES / "strong_quirks.csv")
    job_id, reply, seen = _run(app, logged_in, contents)
    assert reply[ids.IMPORT_PROGRESS]["value"] == 100
    assert seen == sorted(seen) and 0 < seen[0] < 100  # it went up a slice at a time
    text = str(reply[ids.IMPORT_STATUS])
    assert "Imported strong.csv" in text and "workouts added" in text
    added = _sessions(app, user.id)
    assert added > 0
    with get_database(app).session_factory() as session:
        job = session.get(ImportJob, job_id)
        assert (job.status, job.done, job.total) == ("done", job.total, job.total)
        items = select(func.count()).select_from(ImportJobItem)
        assert session.scalar(items) == 0  # the staged workouts go as they are imported
    _job, reply, _seen = _run(app, logged_in, contents)
    assert f"{added} already there" in str(reply[ids.IMPORT_STATUS])
    assert _sessions(app, user.id) == added


@pytest.mark.parametrize(
    ("contents", "kind", "message"),
    [
        (None, "strong", "Choose a file first"),
        ("data:text/csv;base64,@@@", "strong", "Choose a file first"),
        (_data_url(FIXTURES / "not_an_export.csv"), "strong", "Nothing was imported"),
        (_data_url(FIXTURES / "strong_quirks.csv"), "spreadsheet", "Unknown kind"),
        (_data_url(FIXTURES / "strong_quirks.csv"), "hevy", "Nothing was imported"),
    ],
)
def test_a_wrong_file_is_refused_and_nothing_is_kept(app, logged_in, user, contents, kind, message):
    reply = callback_response(_start(app, logged_in, contents, kind=kind))
    assert message in str(reply[ids.IMPORT_STATUS])
    assert reply[ids.IMPORT_TICK]["disabled"] is True
    with get_database(app).session_factory() as session:
        assert session.scalar(select(func.count(ImportJob.id))) == 0
    assert _sessions(app, user.id) == 0


def test_another_users_job_is_not_advanced_or_shown(app, logged_in, user):
    bob = make_user(app, "bob")
    content = (FIXTURES / "strong_quirks.csv").read_bytes()
    with get_database(app).session_factory() as session:
        job = import_jobs.start_job(session, bob.id, "strong", "bobs.csv", content, "kg")
    reply = _tick(app, logged_in, job.id)
    assert "There is no such import" in str(reply[ids.IMPORT_STATUS])
    assert "bobs.csv" not in str(reply)
    assert _sessions(app, bob.id) == 0 and _sessions(app, user.id) == 0


def test_two_requests_advancing_one_job_at_once_import_each_workout_once(
    db_engine, db_session, user_pair, monkeypatch
):
    import threading

    from db.session import create_session_factory

    alice, _bob = user_pair
    monkeypatch.setattr(import_jobs, "SLICE", 1)
    content = (FIXTURES / "strong_quirks.csv").read_bytes()
    job = import_jobs.start_job(db_session, alice, "strong", "s.csv", content, "kg")
    db_session.commit()
    factory = create_session_factory(db_engine)
    barrier, errors = threading.Barrier(2), []

    def advance():
        try:
            with factory() as session:
                barrier.wait()
                for _ in range(job.total + 2):  # as the tick callback does, a slice a commit
                    import_jobs.import_next_slice(session, alice, job.id)
                    session.commit()
        except Exception as error:  # reported below; a thread's exception is otherwise lost
            errors.append(error)

    threads = [threading.Thread(target=advance) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    db_session.expire_all()
    finished = import_jobs.load_job(db_session, alice, job.id)
    assert (finished.status, finished.done) == ("done", job.total)
    assert finished.report["sessions_added"] == job.total  # every workout counted once
    sessions = db_session.scalar(
        select(func.count(TrainingSession.id)).where(TrainingSession.user_id == alice)
    )
    assert sessions == job.total


def test_the_file_is_parsed_once_and_each_tick_reads_only_its_slice(
    app, logged_in, user, monkeypatch
):
    from dashboard_app.services.catalogue import seed_catalogue

    with get_database(app).session_factory() as session:
        seed_catalogue(session)  # the file's exercises are found, so its sets are kept
        session.commit()
    monkeypatch.setattr(import_jobs, "SLICE", 2)
    monkeypatch.setattr(import_jobs, "BUDGET_SECONDS", 0)
    reads = []
    real_read = import_jobs.read_upload
    monkeypatch.setattr(
        import_jobs, "read_upload", lambda *args: reads.append(args[0]) or real_read(*args)
    )
    reply = callback_response(_start(app, logged_in, _data_url(FIXTURES / "strong_quirks.csv")))
    job_id = reply[ids.IMPORT_JOB]["data"]
    with get_database(app).session_factory() as session:
        job = session.get(ImportJob, job_id)
        staged = session.scalar(select(func.count()).select_from(ImportJobItem))
        assert staged == job.total > 2
    reply = _tick(app, logged_in, job_id)
    with get_database(app).session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ImportJobItem)) == staged - 2
    while not reply[ids.IMPORT_TICK]["disabled"]:
        reply = _tick(app, logged_in, job_id)
    assert reads == ["strong"]  # once, at the start
    assert _sessions(app, user.id) > 0
    # Records and usage were rebuilt once, at the end: as a full recomputation has them.
    from dashboard_app.services.records import rebuild_records
    from db.models import PersonalRecord

    def records():
        with get_database(app).session_factory() as session:
            rows = session.scalars(select(PersonalRecord).order_by(PersonalRecord.id))
            return sorted((r.exercise_id, r.record_type, r.record_value) for r in rows)

    imported = records()
    assert imported
    with get_database(app).session_factory() as session:
        rebuild_records(session, user.id)
        session.commit()
    assert records() == imported


def _zip_of(name: str, data: bytes) -> str:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return "data:application/zip;base64," + base64.b64encode(buffer.getvalue()).decode()


@pytest.mark.parametrize("kind", ["fitbit", "metrics-tracker"])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(app, logged_in, user, kind):
    name = "metrics-tracker.json" if kind == "metrics-tracker" else "sleep.csv"
    bomb = _zip_of(name, b"0" * (20 * 2**20))  # 20 MB of one byte: about 20 KB zipped
    assert len(bomb) < 100_000
    reply = callback_response(_start(app, logged_in, bomb, kind=kind, filename="x.zip"))
    assert "times its size, which no export does" in str(reply[ids.IMPORT_STATUS])
    with get_database(app).session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ImportJob)) == 0


def test_nul_characters_are_refused_in_a_csv_and_taken_out_of_an_export(app, logged_in, user):
    import io
    import zipfile
    from datetime import date

    from dashboard_app.services.export import export_user
    from db.models import DailyMetric

    text = (FIXTURES / "strong_quirks.csv").read_text(encoding="utf-8")
    poisoned = text.replace("Bench Press", "Bench\x00 Press", 1)
    contents = "data:text/csv;base64," + base64.b64encode(poisoned.encode()).decode()
    reply = callback_response(_start(app, logged_in, contents))
    assert "binary file, not a CSV export" in str(reply[ids.IMPORT_STATUS])

    source = make_user(app, "source")
    with get_database(app).session_factory() as session:
        session.add(DailyMetric(user_id=source.id, date=date(2026, 3, 2), meals="porridge"))
        session.commit()
        exported = export_user(session, source.id)
    packed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(exported)) as original, zipfile.ZipFile(packed, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "metrics-tracker.json":
                data = data.replace(b'"porridge"', b'"por\\u0000ridge"')
                assert b"\\u0000" in data
            out.writestr(info, data)
    contents = "data:application/zip;base64," + base64.b64encode(packed.getvalue()).decode()
    _job, reply, _seen = _run(app, logged_in, contents, kind="metrics-tracker", filename="x.zip")
    assert "Imported x.zip" in str(reply[ids.IMPORT_STATUS])
    with get_database(app).session_factory() as session:
        meals = session.scalar(select(DailyMetric.meals).where(DailyMetric.user_id == user.id))
    assert meals == "porridge"


def test_a_slice_the_database_refuses_ends_the_job_failed_and_frees_the_next(
    app, logged_in, user, monkeypatch
):
    from sqlalchemy.exc import DataError

    def refuse(*_args, **_kwargs):
        raise DataError("INSERT", {}, ValueError("invalid byte sequence"))

    reply = callback_response(_start(app, logged_in, _data_url(FIXTURES / "strong_quirks.csv")))
    job_id = reply[ids.IMPORT_JOB]["data"]
    monkeypatch.setattr(import_jobs, "apply_import", refuse)
    reply = _tick(app, logged_in, job_id)
    assert reply[ids.IMPORT_TICK]["disabled"] is True
    status = str(reply[ids.IMPORT_STATUS])
    assert "Stopped importing strong.csv" in status and "(ValueError)" in status
    with get_database(app).session_factory() as session:
        assert session.get(ImportJob, job_id).status == "failed"
        assert session.scalar(select(func.count()).select_from(ImportJobItem)) == 0
    monkeypatch.undo()
    _job, reply, _seen = _run(app, logged_in, _data_url(FIXTURES / "strong_quirks.csv"))
    assert "Imported strong.csv" in str(reply[ids.IMPORT_STATUS])


def test_a_zipped_strong_csv_imports_as_the_csv_does(app, logged_in, user):
    zipped = _zip_of("strong.csv", (FIXTURES / "strong_quirks.csv").read_bytes())
    _job, reply, _seen = _run(app, logged_in, zipped, filename="strong.zip")
    assert "Imported strong.zip" in str(reply[ids.IMPORT_STATUS])
    added = _sessions(app, user.id)
    assert added > 0
    _job, reply, _seen = _run(app, logged_in, _data_url(FIXTURES / "strong_quirks.csv"))
    assert f"{added} already there" in str(reply[ids.IMPORT_STATUS])
    two = _zip_of("a.txt", b"not a csv")
    reply = callback_response(_start(app, logged_in, two, filename="two.zip"))
    assert "exactly one CSV file" in str(reply[ids.IMPORT_STATUS])


def test_staged_items_read_back_equal_to_what_was_staged():
    import json
    from datetime import date, datetime

    from dashboard_app.importers.batch import (
        ImportedDay,
        ImportedLine,
        ImportedSession,
        staged_item,
        unstaged_item,
    )

    workout = ImportedSession(
        import_key="strong:1",
        date=date(2026, 3, 2),
        start_time=datetime(2026, 3, 2, 18, 0),
        title="Upper A",
        lines=(
            ImportedLine("Bench", 1, 5, 100.0, rir=2, line=2, block=0),
            ImportedLine("Plank", 1, None, 0.0, duration_seconds=60, line=3),
        ),
        line=2,
    )
    day = ImportedDay(
        date(2026, 3, 2),
        {"sleep_start": datetime(2026, 3, 1, 23, 10), "weight": 80.5, "meals": "oats"},
        line=4,
    )
    for item in (workout, day):
        assert unstaged_item(json.loads(json.dumps(staged_item(item)))) == item
