"""Uploads imported a slice at a time, so the settings page can show real progress.

A job keeps the uploaded file in the database; each call of import_next_slice reads it again
and applies the next slice of workouts and days through services.imports.apply_import; the
caller commits each slice and asks again while its time budget lasts. Any worker can take the
next slice, and a slice applied twice changes nothing (imports are idempotent), so an
interrupted job simply goes on where it stopped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, update
from sqlalchemy.orm import Session

from dashboard_app.importers.batch import ImportBatch, NotThisFormat, RowError
from dashboard_app.importers.own_export import read_own_document
from dashboard_app.importers.registry import IMPORT_READERS
from dashboard_app.schemas import field_errors
from dashboard_app.services.imports import ImportReport, apply_import
from dashboard_app.services.restore import restore_preferences
from dashboard_app.services.scope import delete_owned, get_owned, select_owned_columns
from db.base import utcnow
from db.models import ImportJob

MAX_UPLOAD_BYTES = 12 * 1024 * 1024
KEEP_JOBS = timedelta(days=1)  # a job untouched this long is finished or abandoned: dropped
MAX_RUNNING = 3
SLICE = 25  # workouts or days per apply: small enough to report progress often
BUDGET_SECONDS = 0.6  # per request; the page asks again at once


@dataclass(frozen=True)
class JobView:
    id: int
    kind: str
    filename: str
    status: str
    total: int
    done: int
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)


def read_upload(kind: str, content: bytes, unit: str | None, person: str | None) -> ImportBatch:
    """The file read by its kind's reader; NotThisFormat for an unknown kind or a wrong file."""
    if kind not in IMPORT_READERS:
        raise NotThisFormat(f"Unknown kind of file: {kind!r}.")
    reader, takes_unit, _description = IMPORT_READERS[kind]
    if takes_unit:
        return reader(content, unit)
    if kind == "fitbit":
        return reader(content, person_id=person or None)
    return reader(content)


def prepare_account(session: Session, user_id: int, kind: str, content: bytes) -> None:
    """What a kind needs before its rows: this app's own export restores the profile, own
    exercises and dashboard first, so its lines find those exercises.

    NotThisFormat when the export's settings cannot be restored: the caller must not commit
    what was restored before the refusal.
    """
    if kind != "metrics-tracker":
        return
    document = read_own_document(content)
    try:
        restore_preferences(session, user_id, document)
    except ValidationError as refusal:
        problems = "; ".join(f"{name}: {text}" for name, text in field_errors(refusal).items())
        raise NotThisFormat(f"The export's settings are not valid ({problems}).") from None
    except (ValueError, TypeError, AttributeError, KeyError) as refusal:
        # A hand-edited document (a list where a row belongs, a number for a name) ends here.
        raise NotThisFormat(f"The export's settings cannot be read ({refusal}).") from None


def _view(job: ImportJob) -> JobView:
    return JobView(job.id, job.kind, job.filename, job.status, job.total, job.done, job.report)


def _empty_report(batch: ImportBatch) -> dict[str, Any]:
    report = asdict(ImportReport(rows_read=batch.rows_read))
    report["errors"] = [asdict(error) for error in batch.errors]
    report["skipped"] = [asdict(row) for row in getattr(batch, "skipped", [])]
    return report


def _merge(report: dict[str, Any], part: ImportReport) -> dict[str, Any]:
    """report plus one slice's outcome (the file's own errors are counted once, at the start)."""
    merged = dict(report)
    for name in ("sessions_added", "sessions_already_there", "lines_added"):
        merged[name] += getattr(part, name)
    for name in ("days_added", "days_updated", "days_unchanged"):
        merged[name] += getattr(part, name)
    merged["exercises_matched"] = {**report["exercises_matched"], **part.exercises_matched}
    merged["exercises_created"] = sorted({*report["exercises_created"], *part.exercises_created})
    merged["created_muscle_groups"] = {
        **report["created_muscle_groups"],
        **part.created_muscle_groups,
    }
    known = {(e["line"], e["reason"]) for e in report["errors"]}
    merged["errors"] = report["errors"] + [
        asdict(e) for e in part.errors if (e.line, e.reason) not in known
    ]
    return merged


def start_job(
    session: Session,
    user_id: int,
    kind: str,
    filename: str,
    content: bytes,
    unit: str | None = None,
    person: str | None = None,
) -> JobView:
    """Check the file and keep it for importing; NotThisFormat (commit nothing) if it is wrong."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise NotThisFormat(f"The file is larger than {MAX_UPLOAD_BYTES // 2**20} MB.")
    _drop_old_jobs(session, user_id)
    running = session.scalar(
        select_owned_columns(ImportJob, user_id, func.count(ImportJob.id)).where(
            ImportJob.status == "running"
        )
    )
    if running >= MAX_RUNNING:
        raise NotThisFormat(f"{running} imports are still running; let them finish first.")
    batch = read_upload(kind, content, unit, person)
    prepare_account(session, user_id, kind, content)
    job = ImportJob(
        user_id=user_id,
        kind=kind,
        unit=unit,
        person=person or None,
        filename=filename[:200],
        content=content,
        status="running",
        total=len(batch.sessions) + len(batch.days),
        done=0,
        report=_empty_report(batch),
    )
    session.add(job)
    session.flush()
    return _view(job)


def _drop_old_jobs(session: Session, user_id: int) -> None:
    """Forget the user's jobs untouched for a day (their reports were shown; files go too)."""
    session.execute(
        delete_owned(ImportJob, user_id).where(ImportJob.updated_at < utcnow() - KEEP_JOBS)
    )


def _slice(batch: ImportBatch, start: int, stop: int) -> ImportBatch:
    sessions = batch.sessions[start:stop]
    days = batch.days[max(0, start - len(batch.sessions)) : max(0, stop - len(batch.sessions))]
    return ImportBatch(kind=batch.kind, sessions=sessions, days=days)


def import_next_slice(session: Session, user_id: int, job_id: object) -> JobView | None:
    """Import the next slice of the user's job; None if it is not theirs.

    IntegrityError when another import (the CLI, another tab) added the same workouts
    meanwhile: the caller rolls back, and the next slice finds them as already there.
    """
    job = get_owned(session, ImportJob, user_id, job_id)
    if job is None:
        return None
    # Writing the job row first takes its lock (a row lock on PostgreSQL, the write lock on
    # SQLite) until the caller commits the slice: a second request for the same job (the page
    # asks again while one is running) waits, then sees the new `done`.
    session.execute(update(ImportJob).where(ImportJob.id == job.id).values(updated_at=utcnow()))
    session.refresh(job)
    if job.status == "running" and job.done < job.total:
        batch = read_upload(job.kind, job.content, job.unit, job.person)
        stop = min(job.done + SLICE, job.total)
        part = apply_import(session, user_id, _slice(batch, job.done, stop))
        job.report = _merge(job.report, part)
        job.done = stop
    if job.status == "running" and job.done >= job.total:
        job.status = "done"
        job.content = b""  # the data is imported; the file need not be kept
    session.flush()
    return _view(job)


def load_job(session: Session, user_id: int, job_id: object) -> JobView | None:
    job = get_owned(session, ImportJob, user_id, job_id)
    return _view(job) if job else None


def report_errors(view: JobView) -> list[RowError]:
    return [RowError(**error) for error in view.report.get("errors", [])]
