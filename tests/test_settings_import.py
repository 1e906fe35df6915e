"""The import card through real callback payloads: upload, progress to the end, report."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from sqlalchemy import func, select

from dashboard_app.database import get_database
from dashboard_app.services import import_jobs
from dashboard_app.ui import ids
from db.models import ImportJob, TrainingSession
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
        assert (job.status, job.done, job.total, job.content) == ("done", job.total, job.total, b"")
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
