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

from sqlalchemy import Column, select
from sqlalchemy.orm import Session, aliased

from dashboard_app.importers.own_format import DOCUMENT_NAME, FORMAT, FORMAT_VERSION
from dashboard_app.services.scope import select_owned_columns
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
    PlannedSet,
    Routine,
    RoutineExercise,
    TrainingSession,
    User,
    UserExerciseHistory,
    WorkoutDetail,
)

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
    ("routines", Routine),
    ("routine_exercises", RoutineExercise),
    ("planned_sets", PlannedSet),
    ("api_tokens", ApiToken),
)
# Never exported: credentials, and counters that only mean something inside this database.
DENIED_COLUMNS = frozenset(
    {
        "users.password_hash",
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
    "personal_records.record_value is in kg, but in repetitions for record_type max_reps."
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


# A spreadsheet runs a cell that starts with one of these as a formula: text cells that do
# get a leading apostrophe in the CSV files (OWASP's rule); the JSON document stays exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
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
