"""Crafted files and payloads: each is refused or reported; none crashes or half-saves."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from sqlalchemy import func, select

from dashboard_app.importers.batch import NotThisFormat
from dashboard_app.services import api_tokens, import_jobs
from dashboard_app.services.export import export_user
from dashboard_app.services.users import create_user
from db.models import ImportJob, TrainingSession

HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
    "Workout Notes,RPE\n"
)


def _strong(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_impossible_durations_and_dates_are_row_problems_not_crashes():
    batch = import_jobs.read_upload(
        "strong",
        _strong(
            '2024-03-01 18:00:00,"A",99999999999999999999,"Squat (Barbell)",1,100,5,0,0,,,',
            '9999-12-31 23:00:00,"B",2h,"Squat (Barbell)",1,100,5,0,0,,,',
        ),
        "kg",
        None,
    )
    first, last = batch.sessions
    assert first.end_time is None  # an absurd duration is dropped; the start places it
    assert last.end_time is None  # past the calendar's end


def test_rpe_outside_one_to_ten_is_a_bad_row():
    batch = import_jobs.read_upload(
        "strong",
        _strong('2024-03-01 18:00:00,"A",1h,"Squat (Barbell)",1,100,5,0,0,,,85'),
        "kg",
        None,
    )
    assert [error.line for error in batch.errors] == [2]
    assert "RPE" in batch.errors[0].reason


@pytest.mark.parametrize("kind", ["strong", "hevy"])
def test_a_cell_too_large_for_csv_refuses_the_file(kind):
    blob = "x" * 200_000
    data = _strong(f'2024-03-01 18:00:00,"{blob}",1h,"Squat (Barbell)",1,100,5,0,0,,,')
    with pytest.raises(NotThisFormat):
        import_jobs.read_upload(kind, data, "kg", None)


@pytest.fixture
def export_of_alice(db_session, user_pair):
    alice, bob = user_pair
    return export_user(db_session, alice), bob


def _edited(data: bytes, edit) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = json.loads(archive.read("metrics-tracker.json"))
    edit(document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("metrics-tracker.json", json.dumps(document))
    return buffer.getvalue()


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["tables"].update(dashboard_preferences=[1]),
        lambda d: d["tables"].update(dashboard_preferences=[{"default_view": "2w"}]),
        lambda d: d["tables"].update(custom_exercises=["x"]),
        lambda d: d["profile"].update(timezone=["x"]),
        lambda d: d["profile"].update(weight_unit="stone"),
        lambda d: d["tables"].update(
            dashboard_widgets=[
                {
                    "widget_type": "evil",
                    "widget_title": "x",
                    "widget_position": {"x": 0, "y": 0},
                    "widget_size": {"w": 3, "h": 3},
                }
            ]
        ),
    ],
    ids=[
        "preference-not-a-row",
        "bad-view",
        "exercise-not-a-row",
        "timezone-list",
        "unit",
        "widget-type",
    ],
)
def test_a_hand_edited_export_is_refused_and_nothing_is_kept(db_session, export_of_alice, edit):
    data, bob = export_of_alice
    with pytest.raises(NotThisFormat):
        import_jobs.start_job(db_session, bob, "metrics-tracker", "x.zip", _edited(data, edit))
    assert db_session.scalar(select(func.count(ImportJob.id))) == 0
    assert (
        db_session.scalar(
            select(func.count(TrainingSession.id)).where(TrainingSession.user_id == bob)
        )
        == 0
    )


def test_no_more_than_three_imports_run_at_once(db_session, user_pair):
    alice, _bob = user_pair
    data = _strong('2024-03-01 18:00:00,"A",1h,"Squat (Barbell)",1,100,5,0,0,,,')
    for _ in range(import_jobs.MAX_RUNNING):
        import_jobs.start_job(db_session, alice, "strong", "s.csv", data, "kg")
    with pytest.raises(NotThisFormat, match="still running"):
        import_jobs.start_job(db_session, alice, "strong", "s.csv", data, "kg")


@pytest.mark.parametrize("token_id", [2**70, -1, "1", None, True])
def test_revoking_a_crafted_token_id_revokes_nothing(db_session, user_pair, token_id):
    alice, _bob = user_pair
    api_tokens.create_token(db_session, alice, "keep")
    assert api_tokens.revoke_token(db_session, alice, token_id) is False
    assert len(api_tokens.list_tokens(db_session, alice)) == 1


def test_a_user_cannot_restore_into_another_users_account_by_crafted_ids(db_session, user_pair):
    alice, bob = user_pair
    other = create_user(db_session, username="carol", email="c@example.com", password="c pass 1234")
    db_session.commit()
    data = export_user(db_session, alice)
    job = import_jobs.start_job(db_session, bob, "metrics-tracker", "a.zip", data)
    assert import_jobs.import_next_slice(db_session, other.id, job.id) is None
    assert import_jobs.load_job(db_session, other.id, job.id) is None
