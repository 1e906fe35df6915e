"""Full export of a user's data, and its round trip into a fresh account."""

from __future__ import annotations

import base64
import csv
import io
import json
import zipfile
from datetime import date, time, timedelta

import pytest
from click.testing import CliRunner
from plotly.utils import PlotlyJSONEncoder
from sqlalchemy import select

from dashboard_app.database import get_database
from dashboard_app.importers.batch import NotThisFormat
from dashboard_app.importers.own_export import read_own_document, read_own_export
from dashboard_app.importers.own_format import VERSION_1_NAMES
from dashboard_app.schemas.accounts import EquipmentInput, ProfileInput
from dashboard_app.schemas.dashboard import WidgetSettingsInput
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services import dashboard, workout_lines, workouts
from dashboard_app.services.accounts import issue_reset_token
from dashboard_app.services.api_tokens import create_token
from dashboard_app.services.demo import create_demo_user
from dashboard_app.services.exercises import create_custom_exercise
from dashboard_app.services.export import (
    DOCUMENT_NAME,
    EXPORTED_TABLES,
    FORMAT_VERSION,
    export_filename,
    export_user,
)
from dashboard_app.services.imports import apply_import
from dashboard_app.services.preferences import save_equipment, save_profile, save_timezone
from dashboard_app.services.restore import restore_preferences
from dashboard_app.services.users import create_user
from dashboard_app.ui import ids
from dashboard_app.widget_catalogue import default_layout
from db.models import (
    ApiToken,
    DailyMetric,
    Equipment,
    MuscleGroup,
    PasswordResetToken,
    User,
)
from tests.helpers import callback_response, find_components, payload_for, post_callback

END = date(2026, 3, 1)
# create_demo_user(seed=42, days=60, end=END), counted once by hand from its CSVs.
DEMO_COUNTS = {
    "daily_metrics": 44,
    "training_sessions": 24,
    "workout_details": 361,  # a row per set
    "personal_records": 229,
    "user_exercise_history": 21,
    "correlation_insights": 0,
    "dashboard_widgets": len(default_layout()),  # laid out when the account is made
    "dashboard_preferences": 1,
    "custom_exercises": 0,
    "routines": 4,  # the latest block's weekly plan
    "routine_exercises": 22,
    "planned_sets": 0,
    "api_tokens": 0,
}
# Differ by construction between two accounts holding the same data.
VOLATILE = {"id", "created_at", "updated_at", "computed_at", "import_key"}


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _document(data: bytes) -> dict:
    return json.loads(_zip(data).read(DOCUMENT_NAME))


def _csv(data: bytes, table: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(_zip(data).read(f"{table}.csv").decode("utf-8"))))


def _demo(session, username: str, seed: int = 42) -> int:
    create_demo_user(session, username=username, seed=seed, days=60, end=END)
    session.commit()
    return session.scalar(select(User.id).where(User.username == username))


def _restore(session, user_id: int, data: bytes):
    """Import an export the way the round trip does: read, restore preferences, apply."""
    batch = read_own_export(data)
    restore_preferences(session, user_id, read_own_document(data))
    report = apply_import(session, user_id, batch)
    session.commit()
    return report


def _comparable(data: bytes) -> dict[str, list]:
    """Every table with ids, owner and creation times replaced by what they point at."""
    tables = _document(data)["tables"]
    sessions = {
        row["id"]: (row["date"], row["training_start"], row["session_number"])
        for row in tables["training_sessions"]
    }
    lines = {
        row["id"]: (sessions[row["session_id"]], row["position"])
        for row in tables["workout_details"]
    }
    result = {}
    for name, rows in tables.items():
        kept = []
        for row in rows:
            item = {k: v for k, v in row.items() if k not in VOLATILE and not k.endswith("_id")}
            if "session_id" in row:
                item["session"] = sessions[row["session_id"]]
            if row.get("workout_detail_id") is not None:
                item["line"] = lines[row["workout_detail_id"]]
            kept.append(item)
        result[name] = sorted(kept, key=lambda item: json.dumps(item, sort_keys=True))
    return result


def _rich_user(session) -> int:
    """The demo user plus own exercises, a session with one, a customised dashboard, units."""
    user_id = _demo(session, "alice")
    group = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == "Hamstrings"))
    barbell = session.scalar(select(Equipment.id).where(Equipment.name == "Barbell"))
    hinge, _ = create_custom_exercise(
        session,
        user_id,
        ExerciseInput(name="Zercher Hip Hinge", muscle_group_id=group, equipment_id=barbell),
    )
    create_custom_exercise(
        session,
        user_id,
        ExerciseInput(name="Sled Drag Intervals", muscle_group_id=group, description="Outdoor"),
    )
    day = SessionInput(date=END, start_time=time(7, 30), end_time=time(8, 40), notes="Felt fast")
    session_id = workouts.create_session(session, user_id, day)
    line = LineInput(
        exercise_id=hinge["id"], sets=3, reps=6, load_kg=90.0, rir=2, stimulus=4, fatigue_level=3
    )
    workout_lines.add_line(session, user_id, session_id, line)
    profile = ProfileInput(first_name="Alice", weight_unit="lb", theme="dark", e1rm_formula="epley")
    save_profile(session, user_id, profile)
    save_equipment(session, user_id, EquipmentInput(bar_weight_kg=15, plates_kg=(20, 10, 1.25)))
    save_timezone(session, user_id, "Europe/Berlin")
    widgets = dashboard.load_widgets(session, user_id)
    first, second = widgets[0], widgets[1]
    settings = WidgetSettingsInput(title="My numbers", range="90d", w=first.w, h=first.h)
    dashboard.update_settings(session, user_id, first.id, settings)
    dashboard.set_visible(session, user_id, second.id, False)
    dashboard.store_default_view(session, user_id, "1y")
    session.commit()
    return user_id


def test_the_zip_holds_a_csv_per_table_and_the_document(db_session):
    data = export_user(db_session, _demo(db_session, "alice"))
    names = {f"{name}.csv" for name, _model in EXPORTED_TABLES} | {DOCUMENT_NAME}
    assert set(_zip(data).namelist()) == names
    header = _csv(data, "daily_metrics")[0]
    assert header[:3] == ["id", "date", "sleep_start"]
    for column in ("weight_kg", "calories_kcal", "protein_g", "water_ml", "meals"):
        assert column in header
    assert "user_id" not in header and "weight" not in header
    lines = _csv(data, "workout_details")[0]
    assert {"load_weight_kg", "exercise_name", "stimulus", "fatigue_level"} <= set(lines)
    assert "exercise_name" in _csv(data, "user_exercise_history")[0]
    assert {"muscle_group_name", "equipment_name"} <= set(_csv(data, "custom_exercises")[0])
    assert "token_hash" not in _csv(data, "api_tokens")[0]
    document = _document(data)
    assert document["format_version"] == FORMAT_VERSION
    assert document["app_version"] == "0.1.0"
    assert document["units"]["columns"]["daily_metrics.weight_kg"] == "kg"
    assert document["profile"]["username"] == "alice"
    assert set(document["tables"]) == {name for name, _model in EXPORTED_TABLES}
    first_session = document["tables"]["training_sessions"][0]
    assert date.fromisoformat(first_session["date"]) >= date(2026, 1, 1)


def test_exact_row_counts_for_a_demo_user(db_session):
    data = export_user(db_session, _demo(db_session, "alice"))
    tables = _document(data)["tables"]
    assert {name: len(rows) for name, rows in tables.items()} == DEMO_COUNTS
    for name, count in DEMO_COUNTS.items():
        assert len(_csv(data, name)) == count + 1, name  # and the header


def test_no_secret_is_in_the_export(db_session):
    user_id = _rich_user(db_session)
    _view, secret = create_token(db_session, user_id, "phone")
    _user, reset = issue_reset_token(db_session, "alice@example.com")
    db_session.commit()
    user = db_session.get(User, user_id)
    secrets = [user.password_hash, secret, reset]
    secrets += db_session.scalars(select(ApiToken.token_hash)).all()
    secrets += db_session.scalars(select(PasswordResetToken.token_hash)).all()
    data = export_user(db_session, user_id)
    archive = _zip(data)
    contents = [data] + [archive.read(name) for name in archive.namelist()]
    for value in secrets:
        assert all(value.encode() not in content for content in contents)
    assert _document(data)["tables"]["api_tokens"][0]["name"] == "phone"
    assert not {"password_hash", "data_version"} & set(_document(data)["profile"])
    assert not {"login_sessions", "password_failures"} & set(_document(data)["tables"])


def _rich_user_named(session, username: str) -> int:
    user_id = _demo(session, username, seed=7)
    group = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == "Chest"))
    create_custom_exercise(
        session, user_id, ExerciseInput(name="Bob's own lift", muscle_group_id=group)
    )
    widget = dashboard.load_widgets(session, user_id)[0]
    settings = WidgetSettingsInput(title="Bob's board", w=widget.w, h=widget.h)
    dashboard.update_settings(session, user_id, widget.id, settings)
    session.commit()
    return user_id


def test_another_users_rows_are_never_exported(db_session):
    alice = _demo(db_session, "alice")
    bob = _rich_user_named(db_session, "bob")
    data = export_user(db_session, alice)
    tables = _document(data)["tables"]
    assert {name: len(rows) for name, rows in tables.items()} == DEMO_COUNTS
    archive = _zip(data)
    for text in (b"Bob's own lift", b"Bob's board", b"bob@example.com"):
        assert all(text not in archive.read(name) for name in archive.namelist())
    bobs = _document(export_user(db_session, bob))["tables"]
    for name in ("daily_metrics", "training_sessions", "workout_details", "personal_records"):
        assert not {row["id"] for row in bobs[name]} & {row["id"] for row in tables[name]}


def test_round_trip_into_a_fresh_account_gives_the_same_data(db_session):
    alice = _rich_user(db_session)
    exported = export_user(db_session, alice)
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    report = _restore(db_session, bob.id, exported)
    assert (report.sessions_added, report.lines_added, report.days_added) == (25, 362, 44)
    assert report.errors == [] and report.exercises_created == []
    again = export_user(db_session, bob.id)
    before, after = _comparable(exported), _comparable(again)
    for name in (
        "daily_metrics",
        "training_sessions",
        "workout_details",
        "personal_records",
        "user_exercise_history",
        "dashboard_widgets",
        "dashboard_preferences",
        "custom_exercises",
        "routines",
        "routine_exercises",
    ):
        assert after[name] == before[name], name
    # Derived insights are recomputed on the next visit; tokens are credentials of one account.
    assert after["correlation_insights"] == after["api_tokens"] == []
    profile, original = _document(again)["profile"], _document(exported)["profile"]
    fields = ("first_name", "weight_unit", "theme", "timezone", "e1rm_formula", "bar_weight_kg")
    for field in (*fields, "plates_kg"):
        assert profile[field] == original[field], field
    assert (profile["bar_weight_kg"], profile["plates_kg"]) == (15.0, [20.0, 10.0, 1.25])
    keys = {row["import_key"] for row in _document(again)["tables"]["training_sessions"]}
    assert all(key.startswith("export:") for key in keys)


def _as_version_1(data: bytes) -> bytes:
    """The export as version 1 wrote it: the columns under their names before 0012."""
    document = _document(data)
    for table, renames in VERSION_1_NAMES.items():
        old_name = {new: old for old, new in renames.items()}
        document["tables"][table] = [
            {old_name.get(key, key): value for key, value in row.items()}
            for row in document["tables"][table]
        ]
    return _with_document(data, format_version=1, tables=document["tables"])


def test_a_version_1_export_imports_as_the_same_sessions(db_session):
    alice = _rich_user(db_session)
    exported = export_user(db_session, alice)
    old = _as_version_1(exported)
    assert "mesocycle" in _document(old)["tables"]["training_sessions"][0]
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    report = _restore(db_session, bob.id, old)
    assert (report.sessions_added, report.lines_added, report.days_added) == (25, 362, 44)
    again = _comparable(export_user(db_session, bob.id))
    assert again["training_sessions"] == _comparable(exported)["training_sessions"]


def test_importing_the_same_export_twice_changes_nothing(db_session):
    exported = export_user(db_session, _rich_user(db_session))
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    _restore(db_session, bob.id, exported)
    first = _document(export_user(db_session, bob.id))["tables"]
    report = _restore(db_session, bob.id, exported)
    assert not report.changed
    assert (report.sessions_added, report.sessions_already_there) == (0, 25)
    assert report.days_unchanged == 44
    assert _document(export_user(db_session, bob.id))["tables"] == first  # ids and times too


def test_importing_an_export_into_the_account_it_came_from_changes_nothing(db_session):
    alice = _rich_user(db_session)
    exported = export_user(db_session, alice)
    first = _document(exported)["tables"]
    report = _restore(db_session, alice, exported)
    assert (report.sessions_added, report.sessions_already_there) == (0, 25)
    assert not report.changed
    assert _document(export_user(db_session, alice))["tables"] == first


def test_a_session_of_another_server_with_the_same_id_and_date_is_still_imported(db_session):
    from datetime import date as day

    from dashboard_app.schemas.workouts import SessionInput
    from dashboard_app.services.workouts import create_session

    exported = export_user(db_session, _rich_user(db_session))
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    bobs = create_session(db_session, bob.id, SessionInput(date=day(2026, 1, 5)))
    db_session.commit()
    # As if the export came from another database where a session had Bob's id and date.
    document = _document(exported)
    first = document["tables"]["training_sessions"][0]
    for line in document["tables"]["workout_details"]:
        if line["session_id"] == first["id"]:
            line["session_id"] = bobs
    first.update(id=bobs, date="2026-01-05", import_key=None)
    report = _restore(db_session, bob.id, _with_document(exported, tables=document["tables"]))
    assert report.sessions_added == len(document["tables"]["training_sessions"])
    assert report.sessions_already_there == 0


def _foreign_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("workouts.csv", "Date,Exercise\n2024-01-01,Squat\n")
        archive.writestr("other.json", "{}")
    return buffer.getvalue()


def _with_document(data: bytes, **changes) -> bytes:
    document = {**_document(data), **changes}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(DOCUMENT_NAME, json.dumps(document))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda _data: b"Date,Exercise Name\n2024-01-01,Squat\n", "zip"),
        (lambda _data: b"", "zip"),
        (lambda _data: _foreign_zip(), "not a Metrics Tracker export"),
        (lambda data: _with_document(data, format_version=FORMAT_VERSION + 1), "version"),
        (lambda data: _with_document(data, format="strong"), "not a Metrics Tracker"),
        (lambda data: data.replace(b"PK", b"XX"), "zip"),
    ],
)
def test_other_files_are_refused_and_import_nothing(db_session, make, message):
    data = make(export_user(db_session, _demo(db_session, "alice")))
    bob = create_user(db_session, username="bob", email="b@example.com", password="b pass 1234")
    db_session.commit()
    with pytest.raises(NotThisFormat, match=message):
        _restore(db_session, bob.id, data)
    tables = _document(export_user(db_session, bob.id))["tables"]
    assert {name: len(rows) for name, rows in tables.items() if rows} == {
        "dashboard_widgets": len(default_layout()),
        "dashboard_preferences": 1,
    }


def test_export_filename_is_safe():
    assert export_filename("alice", date(2026, 3, 1)) == "metrics-tracker-alice-2026-03-01.zip"
    assert export_filename("../x y", date(2026, 3, 1)) == "metrics-tracker-_x_y-2026-03-01.zip"


def _download_payload(app):
    return payload_for(app, (ids.SETTINGS_DATA_EXPORT, "n_clicks"), 1)


def test_the_download_button_sends_the_logged_in_users_export(app, logged_in, user):
    with get_database(app).session_factory() as session:
        session.add(DailyMetric(user_id=user.id, date=END, meals="Alice's porridge", weight=61.5))
        create_demo_user(session, username="bob", days=30, end=END)
        session.commit()
    reply = callback_response(post_callback(logged_in, _download_payload(app)))
    download = reply[ids.SETTINGS_DATA_DOWNLOAD]["data"]
    assert download["base64"] is True
    assert download["filename"].startswith("metrics-tracker-alice-")
    data = base64.b64decode(download["content"])
    document = _document(data)
    assert document["profile"]["username"] == "alice"
    (day,) = document["tables"]["daily_metrics"]
    assert (day["meals"], day["weight_kg"]) == ("Alice's porridge", 61.5)
    assert document["tables"]["training_sessions"] == []
    assert "1 days, 0 sessions" in reply[ids.SETTINGS_DATA_STATUS]["children"]


def test_the_download_refuses_anonymous_callers(app, client):
    response = post_callback(client, _download_payload(app))
    assert response.status_code == 401
    assert b"PK" not in response.get_data()


def test_cli_export_writes_the_zip(database_url, db_session, tmp_path, monkeypatch):
    from dashboard_app.cli.export import export_command

    _demo(db_session, "alice")
    for name, value in {
        "METRICS_ENV": "development",
        "METRICS_INSTANCE_PATH": str(tmp_path / "instance"),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "",
        "MAIL_SERVER": "",
        "REDIS_URL": "",
    }.items():
        monkeypatch.setenv(name, value)
    out = tmp_path / "alice.zip"
    result = CliRunner().invoke(export_command, ["--user", "alice", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output and "workout_details: 361" in result.output
    assert {n: len(r) for n, r in _document(out.read_bytes())["tables"].items()} == DEMO_COUNTS
    assert not list(tmp_path.glob("*.part"))
    missing = CliRunner().invoke(export_command, ["--user", "nobody", "--out", str(out)])
    assert missing.exit_code != 0 and "no user named 'nobody'" in missing.output


def test_the_data_card_has_the_button_the_download_and_a_status():
    from dashboard_app.ui.settings_data import build_data_card

    layout = json.loads(json.dumps(build_data_card().to_plotly_json(), cls=PlotlyJSONEncoder))
    found = {props["id"] for props in find_components(layout, lambda props: "id" in props)}
    assert found == {ids.SETTINGS_DATA_EXPORT, ids.SETTINGS_DATA_DOWNLOAD, ids.SETTINGS_DATA_STATUS}


FORMULAS = ['=HYPERLINK("https://evil.example","open")', "+SUM(1,2)", "-2+3", "@cmd", "\tx"]


def test_csv_cells_that_a_spreadsheet_would_run_are_defused_and_the_json_stays_exact(
    db_session,
):
    user = create_user(db_session, username="eve", email="e@example.com", password="e pass 1234")
    for offset, text in enumerate(FORMULAS):
        db_session.add(
            DailyMetric(user_id=user.id, date=END - timedelta(days=offset), meals=text, weight=60)
        )
    db_session.add(DailyMetric(user_id=user.id, date=END - timedelta(days=9), meals="Oats = good"))
    db_session.commit()
    data = export_user(db_session, user.id)
    rows = _csv(data, "daily_metrics")
    meals = [row[rows[0].index("meals")] for row in rows[1:]]
    assert sorted(meals) == sorted(["'" + text for text in FORMULAS] + ["Oats = good"])
    weights = {row[rows[0].index("weight_kg")] for row in rows[1:]}
    assert weights == {"60.0", ""}  # numbers, negative ones too, are never quoted
    document_meals = [day["meals"] for day in _document(data)["tables"]["daily_metrics"]]
    assert sorted(document_meals) == sorted([*FORMULAS, "Oats = good"])
