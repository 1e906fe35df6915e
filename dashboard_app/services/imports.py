"""Apply an ImportBatch (from any reader) to one user's data: sessions, lines and days.

One function for every source. Sessions whose import_key the user already has are skipped
whole, so importing a file twice changes nothing; day fields are merged into the user's entry
and written only when they differ. Every row is validated with the same schemas the forms use,
and a row that fails becomes a RowError instead of stopping the import. Nothing is committed
here: the caller commits (or rolls back) the one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dashboard_app.importers.batch import (
    MAX_IMPORT_KEY,
    ImportBatch,
    ImportedDay,
    ImportedSession,
    RowError,
)
from dashboard_app.importers.own_export import KEY_PREFIX, session_key
from dashboard_app.schemas import field_errors
from dashboard_app.schemas.daily_log import ENTRY_FIELDS, validate_entry
from dashboard_app.schemas.workouts import LineInput, SessionInput
from dashboard_app.services.exercise_usage import refresh_usage
from dashboard_app.services.export import account_origin
from dashboard_app.services.import_exercises import ExerciseMatcher
from dashboard_app.services.records import refresh_records
from dashboard_app.services.scope import select_owned, select_owned_columns
from db.data_version import bump_data_version
from db.models import DailyMetric, TrainingSession, User, WorkoutDetail

# Checked with a stand-in id: the exercise is matched (or created) only for lines that pass.
_PLACEHOLDER_EXERCISE_ID = 1


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the CLI and the upload page."""

    sessions_added: int = 0
    sessions_already_there: int = 0
    lines_added: int = 0
    days_added: int = 0
    days_updated: int = 0
    days_unchanged: int = 0
    exercises_matched: dict[str, str] = field(default_factory=dict)  # file name -> ours
    exercises_created: list[str] = field(default_factory=list)  # new custom exercises
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    skipped: list[RowError] = field(default_factory=list)  # fine rows with nothing to log
    created_muscle_groups: dict[str, str] = field(default_factory=dict)  # created -> group
    # Exercises whose sets were added; with refresh=False their records and usage wait.
    exercises_touched: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.sessions_added or self.days_added or self.days_updated)


def _message(exc: ValidationError) -> str:
    return "; ".join(f"{name}: {text}" for name, text in field_errors(exc).items())


def _valid_header(imported: ImportedSession) -> tuple[SessionInput | None, str | None]:
    if not imported.import_key or len(imported.import_key) > MAX_IMPORT_KEY:
        return None, f"the workout's key must have 1 to {MAX_IMPORT_KEY} characters"
    start, end = imported.start_time, imported.end_time
    try:
        header = SessionInput(
            date=imported.date,
            title=imported.title,
            mesocycle=imported.mesocycle,
            session_number=imported.session_number,
            start_time=start.timetz() if start else None,
            end_time=end.timetz() if end else None,
            notes=imported.notes,
        )
    except ValidationError as exc:
        return None, f"workout of {imported.date}: {_message(exc)}"
    return header, None


def _valid_lines(
    imported: ImportedSession, errors: list[RowError]
) -> list[tuple[str, LineInput, int]]:
    """(file name, checked line, file line) of each line that passes; errors for the rest."""
    valid = []
    for line in imported.lines:
        try:
            checked = LineInput(
                exercise_id=_PLACEHOLDER_EXERCISE_ID,
                sets=line.sets,
                reps=line.reps,
                load_kg=line.load_kg,
                duration_seconds=line.duration_seconds,
                distance_m=line.distance_m,
                rir=line.rir,
                stimulus=line.stimulus,
                fatigue_level=line.fatigue_level,
                is_warmup=line.is_warmup,
                notes=line.notes,
                block=line.block,
                superset_group=line.superset_group,
                rest_seconds=line.rest_seconds,
            )
        except ValidationError as exc:
            errors.append(RowError(line.line, f"{line.exercise_name}: {_message(exc)}"))
            continue
        valid.append((line.exercise_name, checked, line.line))
    return valid


def _blocks(lines: list[tuple[str, LineInput, int]]) -> list[int]:
    """Each line's block: the file's, else consecutive lines of one exercise are one."""
    blocks, previous = [], None
    for index, (name, checked, _line) in enumerate(lines):
        if checked.block is not None:
            blocks.append(checked.block)
        elif index and name == previous:
            blocks.append(blocks[-1])
        else:
            blocks.append(blocks[-1] + 1 if blocks else 0)
        previous = name
    return blocks


def _kind(line: LineInput) -> str:
    if line.distance_m:
        return "distance"
    return "duration" if line.duration_seconds and not line.reps else "weight"


def _insert_sessions(
    session: Session, user_id: int, headers: list[tuple[ImportedSession, SessionInput]]
) -> list[int]:
    rows = [
        {
            "user_id": user_id,
            "date": header.date,
            "title": header.title,
            "import_key": imported.import_key,
            "mesocycle_name": header.mesocycle,
            "session_number": header.session_number,
            "training_start": header.starts_at,
            "training_end": header.ends_at,
            "notes": header.notes,
        }
        for imported, header in headers
    ]
    # sort_by_parameter_order: ids come back matched to rows even when batched.
    statement = insert(TrainingSession).returning(TrainingSession.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _apply_sessions(
    session: Session, user_id: int, batch: ImportBatch, errors: list[RowError]
) -> tuple[dict[str, int], ExerciseMatcher, set[int]]:
    """Add the sessions the user does not have yet; counts, the matcher, exercises touched."""
    known = set(
        session.scalars(
            select_owned_columns(TrainingSession, user_id, TrainingSession.import_key).where(
                TrainingSession.import_key.is_not(None)
            )
        )
    )
    # A session logged here is known by the key its export gives it, so this app's export
    # imported back into the account it came from adds nothing.
    if any(imported.import_key.startswith(KEY_PREFIX) for imported in batch.sessions):
        created_at = session.scalar(select(User.created_at).where(User.id == user_id))
        origin = account_origin(user_id, created_at)
        logged_here = session.execute(
            select_owned_columns(
                TrainingSession, user_id, TrainingSession.id, TrainingSession.date
            ).where(TrainingSession.import_key.is_(None))
        )
        known |= {
            session_key({"id": row.id, "date": row.date.isoformat()}, origin) for row in logged_here
        }
    counts = {"sessions_added": 0, "sessions_already_there": 0, "lines_added": 0}
    headers, lines = [], []
    for imported in batch.sessions:
        if imported.import_key in known:
            counts["sessions_already_there"] += 1
            continue
        header, problem = _valid_header(imported)
        if header is None:
            errors.append(RowError(imported.line, problem))
            continue
        known.add(imported.import_key)
        headers.append((imported, header))
        lines.append(_valid_lines(imported, errors))
    matcher = ExerciseMatcher(session, user_id)
    if not headers:
        return counts, matcher, set()
    session_ids = _insert_sessions(session, user_id, headers)
    rows, touched = [], set()
    for session_id, session_lines in zip(session_ids, lines, strict=True):
        position = 0
        for (name, checked, file_line), block in zip(
            session_lines, _blocks(session_lines), strict=True
        ):
            target = matcher.resolve(name, _kind(checked))
            if target is None:
                errors.append(RowError(file_line, matcher.refusal(name)))
                continue
            touched.add(target.id)
            rows.append(
                {
                    "session_id": session_id,
                    "user_id": user_id,
                    "exercise_id": target.id,
                    "position": position,
                    "exercise_name": target.name,
                    "muscle_group": target.muscle_group,
                    "equipment": target.equipment,
                    **checked.model_dump(exclude={"exercise_id", "load_kg", "block"}),
                    "block": block,
                    "load_weight": checked.load_kg,
                }
            )
            position += 1
    if rows:
        # A Core insert of the table, one executemany: the ORM's bulk insert splits the rows
        # into hundreds of batches (by which values are None), several times slower.
        session.execute(insert(WorkoutDetail.__table__), rows)
    counts["sessions_added"] = len(session_ids)
    counts["lines_added"] = len(rows)
    return counts, matcher, touched


def _merged_day(
    day: ImportedDay, current: dict[str, Any]
) -> tuple[dict[str, Any] | None, str | None]:
    unknown = sorted(set(day.fields) - set(ENTRY_FIELDS))
    if unknown:
        return None, f"{day.date}: no daily-log field called {', '.join(unknown)}"
    entry, problems = validate_entry({**current, **day.fields, "date": day.date})
    if entry is None:
        return None, f"{day.date}: " + "; ".join(f"{k}: {v}" for k, v in problems.items())
    return entry.model_dump(), None


def _apply_days(
    session: Session, user_id: int, days: list[ImportedDay], errors: list[RowError]
) -> dict[str, int]:
    """Merge each day's fields into the user's entry; write only values that differ."""
    counts = {"days_added": 0, "days_updated": 0, "days_unchanged": 0}
    if not days:
        return counts
    stored: dict[date, DailyMetric] = {
        row.date: row
        for row in session.scalars(
            select_owned(DailyMetric, user_id).where(
                DailyMetric.date.between(min(d.date for d in days), max(d.date for d in days))
            )
        )
    }
    wanted: dict[date, dict[str, Any]] = {}
    for day in days:
        row = stored.get(day.date)
        if day.date in wanted:
            current = wanted[day.date]
        elif row is not None:
            current = {name: getattr(row, name) for name in ENTRY_FIELDS}
        else:
            current = {"date": day.date}
        values, problem = _merged_day(day, current)
        if values is None:
            errors.append(RowError(day.line, problem))
            continue
        wanted[day.date] = values
    new_rows = []
    for day, values in wanted.items():
        row = stored.get(day)
        if row is None:
            new_rows.append({"user_id": user_id, **values})
            continue
        changes = {k: v for k, v in values.items() if getattr(row, k) != v}
        for name, value in changes.items():
            setattr(row, name, value)
        counts["days_updated" if changes else "days_unchanged"] += 1
    if new_rows:
        session.execute(insert(DailyMetric), new_rows)
    counts["days_added"] = len(new_rows)
    session.flush()
    return counts


def apply_import(
    session: Session, user_id: int, batch: ImportBatch, refresh: bool = True
) -> ImportReport:
    """Add the batch to the user's data in the caller's transaction (the caller commits).

    Records and usage history of the exercises it touched are rebuilt (refresh=False: left
    to the caller, through refresh_derived, once for a file imported in slices: rebuilding
    them per slice would read the whole history again each time), and the user's
    data_version is bumped when anything was written.
    """
    errors = list(batch.errors)
    session_counts, matcher, touched = _apply_sessions(session, user_id, batch, errors)
    day_counts = _apply_days(session, user_id, batch.days, errors)
    if touched and refresh:
        refresh_derived(session, user_id, touched)
    report = ImportReport(
        **session_counts,
        **day_counts,
        exercises_matched=dict(sorted(matcher.matched.items())),
        exercises_created=sorted(matcher.created),
        errors=sorted(errors, key=lambda e: e.line),
        rows_read=batch.rows_read,
        skipped=list(batch.skipped),
        created_muscle_groups=dict(sorted(matcher.created.items())),
        exercises_touched=sorted(touched),
    )
    if report.changed:
        bump_data_version(session, [user_id])
    session.flush()
    return report


def refresh_derived(session: Session, user_id: int, exercise_ids) -> None:
    """Rebuild the usage history and personal records of these exercises of the user."""
    refresh_usage(session, user_id, exercise_ids)
    refresh_records(session, user_id, exercise_ids)
