"""A user's whole data as a zip: one CSV per table plus one JSON document, and its restore.

The columns come from the models, so a new column is exported without touching this module;
only the deny list below keeps secrets and internal counters out. Every query goes through
services.scope, so no other user's row can be selected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata
from typing import IO, Any, BinaryIO

from sqlalchemy import Column, func, select
from sqlalchemy.orm import Session, aliased

from dashboard_app.schemas.accounts import ProfileInput
from dashboard_app.schemas.dashboard import PlacementInput, WidgetSettingsInput
from dashboard_app.schemas.exercises import ExerciseInput
from dashboard_app.services.dashboard import DEFAULT_VIEW, WidgetSpec, reset_layout
from dashboard_app.services.exercises import create_custom_exercise
from dashboard_app.services.preferences import save_profile, save_timezone
from dashboard_app.services.scope import select_owned, select_owned_columns
from db.models import (
    ApiToken,
    CorrelationInsight,
    DailyMetric,
    DashboardPreference,
    DashboardWidget,
    Equipment,
    Exercise,
    MuscleGroup,
    PersonalRecord,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)

FORMAT = "metrics-tracker-export"
FORMAT_VERSION = 1
DOCUMENT_NAME = "metrics-tracker.json"
# (name in the export, model): one CSV each, and one list each in the JSON document.
EXPORTED_TABLES: tuple[tuple[str, type], ...] = (
    ("daily_metrics", DailyMetric),
    ("training_sessions", TrainingSession),
    ("workout_details", WorkoutDetail),
    ("personal_records", PersonalRecord),
    ("user_exercise_history", UserExerciseHistory),
    ("correlation_insights", CorrelationInsight),
    ("dashboard_widgets", DashboardWidget),
    ("dashboard_preferences", DashboardPreference),
    ("custom_exercises", Exercise),  # select_owned never reaches the shared catalogue
    ("api_tokens", ApiToken),
)
# Never exported: credentials, and counters that only mean something inside this database.
DENIED_COLUMNS = frozenset(
    {
        "users.password_hash",
        "users.session_token",
        "users.data_version",
        "users.insights_version",
        "users.insights_engine",
        "users.id",
        "api_tokens.token_hash",
    }
)
OWNER_COLUMN = "user_id"  # the same in every row of a one-user export
# A column whose model comment names a unit is exported as <name>_<unit>: weight -> weight_kg
# (a name that says its unit already, like sleep_minutes, stays).
UNIT_SUFFIXES = {"kg": "kg", "kcal": "kcal", "grams": "g", "millilitres": "ml", "minutes": "min"}
# Ids of shared rows mean nothing in another database: their names go beside them.
NAMED_REFERENCES = {"exercises": Exercise, "muscle_groups": MuscleGroup, "equipment": Equipment}
TIMES_NOTE = (
    "Dates and times are ISO 8601. Sleep and session times are the user's local wall-clock "
    "time without a zone; created_at, updated_at, computed_at and other audit times are UTC "
    "without a zone; exported_at carries its zone."
)
UNITS_NOTE = (
    "SI as stored: a column holding a measure ends in its unit (_kg, _kcal, _g, _ml, _cm, "
    "_minutes); "
    "display units are the user's preference, not a conversion of the data. "
    "personal_records.value is in kg, but in repetitions for record_type max_reps."
)


@dataclass(frozen=True)
class _Column:
    name: str  # as exported
    expression: Any
    unit: str | None = None


def _unit(column: Column) -> tuple[str, str | None]:
    """The exported name and unit: weight ("body weight in kg") -> ("weight_kg", "kg")."""
    words = re.findall(r"[a-z]+", (column.comment or "").lower())
    word = next((word for word in words if word in UNIT_SUFFIXES), None)
    if word is None:
        return column.name, None
    unit = UNIT_SUFFIXES[word]
    named = column.name.endswith((f"_{word}", f"_{unit}"))  # sleep_minutes says it already
    return (column.name if named else f"{column.name}_{unit}"), unit


def _plan(model: type, user_id: int):
    """The query of the user's rows of model and the exported columns it selects."""
    table = model.__table__
    columns: list[_Column] = []
    joins = []
    for column in table.columns:
        if column.name == OWNER_COLUMN or f"{table.name}.{column.name}" in DENIED_COLUMNS:
            continue
        exported, unit = _unit(column)
        attribute = getattr(model, column.key)
        columns.append(_Column(exported, attribute, unit))
        for key in column.foreign_keys:
            target = NAMED_REFERENCES.get(key.column.table.name)
            label = column.name.removesuffix("_id") + "_name"
            if target is not None and label not in table.columns:
                alias = aliased(target)
                joins.append((alias, alias.id == attribute))
                columns.append(_Column(label, alias.name))
    query = select_owned_columns(model, user_id, *(c.expression for c in columns))
    for alias, on in joins:
        query = query.outerjoin_from(model, alias, on)
    return query.order_by(model.id).execution_options(yield_per=2000), columns


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    return _json_value(value)


def _profile(session: Session, user_id: int) -> dict[str, Any]:
    user = session.get(User, user_id)
    return {
        column.name: _json_value(getattr(user, column.key))
        for column in User.__table__.columns
        if f"users.{column.name}" not in DENIED_COLUMNS
    }


def _app_version() -> str:
    try:
        return metadata.version("metrics-tracker")
    except metadata.PackageNotFoundError:
        return "unknown"


def account_origin(user_id: int, created_at: datetime) -> str:
    """A short mark of one account in one database, the same in each of its exports.

    Ids repeat across databases; the account's creation instant with its id does not.
    """
    return hashlib.sha256(f"{user_id}|{created_at.isoformat()}".encode()).hexdigest()[:12]


def _head(session: Session, user_id: int, units: dict[str, str]) -> dict[str, Any]:
    profile = _profile(session, user_id)
    created_at = session.scalar(select(User.created_at).where(User.id == user_id))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        # Marks the account the sessions were logged in (see own_export.session_key).
        "account": account_origin(user_id, created_at),
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": _app_version(),
        "profile": profile,
        "units": {
            "note": UNITS_NOTE,
            "columns": units,
            "display": {"weight": profile["weight_unit"], "height": profile["height_unit"]},
        },
        "times": TIMES_NOTE,
    }


def _write_table(session, zf, document: IO[bytes], name, model, user_id) -> int:
    """Write one table as CSV into zf and as a JSON list into document; its row count."""
    query, columns = _plan(model, user_id)
    names = [c.name for c in columns]
    count = 0
    with (
        zf.open(f"{name}.csv", "w") as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="") as text,
    ):
        writer = csv.writer(text)
        writer.writerow(names)
        document.write(b"[")
        for row in session.execute(query):
            writer.writerow([_csv_value(v) for v in row])
            item = dict(zip(names, map(_json_value, row), strict=True))
            document.write((b",\n" if count else b"\n") + json.dumps(item).encode())
            count += 1
        document.write(b"]")
    return count


def _units(user_id: int) -> dict[str, str]:
    return {
        f"{name}.{column.name}": column.unit
        for name, model in EXPORTED_TABLES
        for column in _plan(model, user_id)[1]
        if column.unit
    }


def write_export(session: Session, user_id: int, target: BinaryIO) -> dict[str, int]:
    """Write the user's export zip to target; the row count of every table."""
    counts = {}
    head = _head(session, user_id, _units(user_id))
    # The JSON document grows table by table beside the CSVs (on disk past 16 MB) and is
    # copied into the zip last: memory holds one row at a time, not the whole history.
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf,
        tempfile.SpooledTemporaryFile(16 * 2**20) as document,
    ):
        document.write(json.dumps(head, indent=1)[:-2].encode() + b',\n "tables": {')
        for index, (name, model) in enumerate(EXPORTED_TABLES):
            document.write(f'{"," if index else ""}\n  "{name}": '.encode())
            counts[name] = _write_table(session, zf, document, name, model, user_id)
        document.write(b"\n }\n}\n")
        document.seek(0)
        with zf.open(DOCUMENT_NAME, "w") as entry:
            shutil.copyfileobj(document, entry)
    return counts


def export_user(session: Session, user_id: int) -> bytes:
    """All of the user's data as a zip: a CSV per table and metrics-tracker.json."""
    buffer = io.BytesIO()
    write_export(session, user_id, buffer)
    return buffer.getvalue()


def export_filename(username: str, today: date) -> str:
    """The download's name: metrics-tracker-<username>-<YYYY-MM-DD>.zip, safe on any disk."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", username).strip(".") or "user"
    return f"metrics-tracker-{safe}-{today.isoformat()}.zip"


@dataclass(frozen=True)
class _Widget:
    spec: WidgetSpec
    visible: bool
    config: dict[str, Any]


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected an object, found {value!r}")
    return value


def widget_types() -> frozenset[str]:
    """The widget types the dashboard knows (imported late: the registry renders them)."""
    from dashboard_app.widgets.registry import WIDGET_TYPES

    return frozenset(WIDGET_TYPES)


def _widget(row: dict[str, Any]) -> _Widget:
    """A widget row of an export, checked by the schemas that guard the dashboard's forms."""
    position, size = _mapping(row.get("widget_position")), _mapping(row.get("widget_size"))
    config, kind = _mapping(row.get("widget_config") or {}), row.get("widget_type")
    visible = row.get("is_visible", True)
    if not isinstance(kind, str) or not 0 < len(kind) <= 40 or not isinstance(visible, bool):
        raise ValueError(f"not a widget: {row!r}")
    if kind not in widget_types():
        raise ValueError(f"no such kind of widget: {kind!r}")
    box = {"w": size.get("w"), "h": size.get("h")}
    settings = WidgetSettingsInput(title=row.get("widget_title"), range=config.get("range"), **box)
    place = PlacementInput(id=1, x=position.get("x"), y=position.get("y"), **box)
    spec = WidgetSpec(kind, settings.title, w=place.w, h=place.h, x=place.x, y=place.y)
    return _Widget(spec, visible, config)


def _stored_widgets(session: Session, user_id: int) -> list[DashboardWidget]:
    query = select_owned(DashboardWidget, user_id).order_by(DashboardWidget.id)
    return list(session.scalars(query))


def _restore_layout(session: Session, user_id: int, widgets: list[_Widget]) -> None:
    stored = _stored_widgets(session, user_id)
    columns = DashboardWidget.__table__.columns
    if [_widget({c.name: getattr(row, c.key) for c in columns}) for row in stored] == widgets:
        return  # restoring the same document again changes nothing, not even the ids
    reset_layout(session, user_id, [widget.spec for widget in widgets])
    for row, widget in zip(_stored_widgets(session, user_id), widgets, strict=True):
        row.is_visible, row.widget_config = widget.visible, widget.config
    session.commit()


def _new_exercises(session: Session, user_id: int, rows: list[dict]) -> list[ExerciseInput]:
    """The export's own exercises the user lacks, checked as the library's form checks them."""
    names = select_owned_columns(Exercise, user_id, func.lower(Exercise.name))
    have = set(session.scalars(names))
    found = []
    for row in rows:
        if str(row.get("name")).lower() in have:
            continue
        group = session.scalar(
            select(MuscleGroup.id).where(MuscleGroup.name == row.get("muscle_group_name"))
        )
        equipment = session.scalar(
            select(Equipment.id).where(Equipment.name == row.get("equipment_name"))
        )
        found.append(
            ExerciseInput(
                name=row.get("name"),
                muscle_group_id=group,
                equipment_id=equipment,
                description=row.get("description"),
            )
        )
    return found


def restore_preferences(session: Session, user_id: int, document: dict[str, Any]) -> None:
    """Give the user the profile, units, own exercises and dashboard of an export's document.

    Run before apply_import: its lines then find the user's own exercises with their muscle
    groups, and records are rated by the export's e1RM formula. Every value is checked by the
    forms' schemas first (ValueError, nothing written); restoring twice changes nothing.
    """
    profile, tables = _mapping(document.get("profile")), _mapping(document.get("tables"))
    preference = next(iter(tables.get("dashboard_preferences") or []), {})
    fields = {k: profile[k] for k in ProfileInput.model_fields if profile.get(k) is not None}
    view = preference.get("default_view") or DEFAULT_VIEW
    profile_input = ProfileInput.model_validate({**fields, "dashboard_view": view})
    widgets = [_widget(_mapping(row)) for row in tables.get("dashboard_widgets") or []]
    exercises = _new_exercises(session, user_id, tables.get("custom_exercises") or [])
    timezone = profile.get("timezone")
    if timezone is not None and not save_timezone(session, user_id, timezone):
        raise ValueError(f"unknown time zone {timezone!r}")
    for exercise in exercises:
        create_custom_exercise(session, user_id, exercise)  # a name now in the catalogue: kept out
    save_profile(session, user_id, profile_input)
    if widgets or preference.get("layout_created"):
        _restore_layout(session, user_id, widgets)
