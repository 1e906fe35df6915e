"""Uploads imported a slice at a time, so the settings page can show real progress.

A job parses its file once, when it starts, into staged items (one row per workout or day
in the database, importers.batch's staged form); each call of import_next_slice reads back
only the next slice of them and applies it through services.imports.apply_import; the caller
commits each slice and asks again while its time budget lasts. Any worker can take the next
slice, and a slice applied twice changes nothing (imports are idempotent), so an interrupted
job simply goes on where it stopped. A slice that fails ends its job as failed, with the
reason, rather than leaving it running.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, insert, update
from sqlalchemy.orm import Session

from dashboard_app.importers.batch import (
    ImportBatch,
    ImportedSession,
    NotThisFormat,
    RowError,
    staged_item,
    unstaged_item,
    without_nul,
)
from dashboard_app.importers.common import checked_members
from dashboard_app.importers.own_export import read_own_document
from dashboard_app.importers.registry import IMPORT_READERS
from dashboard_app.schemas import field_errors
from dashboard_app.services.imports import ImportReport, apply_import, refresh_derived
from dashboard_app.services.restore import restore_preferences
from dashboard_app.services.scope import delete_owned, get_owned, select_owned_columns
from db.base import utcnow
from db.models import ImportJob, ImportJobItem

MAX_UPLOAD_BYTES = 12 * 1024 * 1024
KEEP_JOBS = timedelta(days=1)  # a job untouched this long is finished or abandoned: dropped
MAX_RUNNING = 3
SLICE = 100  # workouts or days per apply: small enough to report progress often
BUDGET_SECONDS = 0.6  # per request; the page asks again at once
STAGE_CHUNK = 1000  # items per INSERT when a job starts
# A Strong or Hevy CSV may come zipped (a 50 MB CSV is a few MB zipped): its one CSV is read.
ZIPPED_CSV_KINDS = frozenset({"strong", "hevy"})
ZIP_MAGIC = b"PK\x03\x04"


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
    if kind in ZIPPED_CSV_KINDS and content.startswith(ZIP_MAGIC):
        content = single_csv(content)
    if takes_unit:
        batch = reader(content, unit)
    elif kind == "fitbit":
        batch = reader(content, person_id=person or None)
    else:
        batch = reader(content)
    # A NUL can arrive raw or JSON-escaped (the upload is base64, past the request filter):
    # no text of ours holds one, so it is taken out rather than refused with the file.
    if b"\x00" in content or b"\\u0000" in content:
        batch = without_nul(batch)
    return batch


def single_csv(content: bytes) -> bytes:
    """The one CSV file of a zip (checked as every zip is), or NotThisFormat."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = [m for m in checked_members(archive) if m.filename.lower().endswith(".csv")]
            if len(members) != 1:
                raise NotThisFormat("the zip must hold exactly one CSV file, the export")
            return archive.read(members[0])
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError) as exc:
        raise NotThisFormat(f"the zip cannot be unpacked ({exc})") from None


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
    merged["exercises_touched"] = sorted(
        {*report.get("exercises_touched", []), *part.exercises_touched}
    )
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
    items = [*batch.sessions, *batch.days]
    job = ImportJob(
        user_id=user_id,
        kind=kind,
        unit=unit,
        person=person or None,
        filename=filename[:200],
        status="running",
        total=len(items),
        done=0,
        report=_empty_report(batch),
    )
    session.add(job)
    session.flush()
    for start in range(0, len(items), STAGE_CHUNK):
        session.execute(
            insert(ImportJobItem),
            [
                {"job_id": job.id, "user_id": user_id, "position": position, "item": staged}
                for position, staged in enumerate(
                    map(staged_item, items[start : start + STAGE_CHUNK]), start
                )
            ],
        )
    return _view(job)


def _drop_old_jobs(session: Session, user_id: int) -> None:
    """Forget the user's jobs untouched for a day (their reports were shown; files go too)."""
    session.execute(
        delete_owned(ImportJob, user_id).where(ImportJob.updated_at < utcnow() - KEEP_JOBS)
    )


def _staged_slice(session: Session, job: ImportJob, start: int, stop: int) -> ImportBatch:
    """The job's items start..stop-1 as a batch of their own (sessions first, as staged)."""
    rows = session.scalars(
        select_owned_columns(ImportJobItem, job.user_id, ImportJobItem.item)
        .where(
            ImportJobItem.job_id == job.id,
            ImportJobItem.position >= start,
            ImportJobItem.position < stop,
        )
        .order_by(ImportJobItem.position)
    )
    batch = ImportBatch(kind=job.kind)
    for item in map(unstaged_item, rows):
        (batch.sessions if isinstance(item, ImportedSession) else batch.days).append(item)
    return batch


def _drop_items(session: Session, job: ImportJob, before: int | None = None) -> None:
    query = delete(ImportJobItem).where(ImportJobItem.job_id == job.id)
    if before is not None:
        query = query.where(ImportJobItem.position < before)
    session.execute(query)


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
        stop = min(job.done + SLICE, job.total)
        batch = _staged_slice(session, job, job.done, stop)
        part = apply_import(session, user_id, batch, refresh=False)
        job.report = _merge(job.report, part)
        job.done = stop
        _drop_items(session, job, before=stop)
    if job.status == "running" and job.done >= job.total:
        _finish(session, job, "done")
    session.flush()
    return _view(job)


def _finish(session: Session, job: ImportJob, status: str) -> None:
    """Records and usage of every exercise the job added sets to, rebuilt once, at the end."""
    touched = job.report.get("exercises_touched", [])
    if touched:
        refresh_derived(session, job.user_id, touched)
    job.status = status


def fail_job(session: Session, user_id: int, job_id: object, reason: str) -> JobView | None:
    """End the user's job as failed with its reason (after the caller rolled a slice back)."""
    job = get_owned(session, ImportJob, user_id, job_id)
    if job is None:
        return None
    job.report = {**job.report, "failure": reason}
    _finish(session, job, "failed")  # what was imported before gets its records
    _drop_items(session, job)
    session.flush()
    return _view(job)


def load_job(session: Session, user_id: int, job_id: object) -> JobView | None:
    job = get_owned(session, ImportJob, user_id, job_id)
    return _view(job) if job else None


def report_errors(view: JobView) -> list[RowError]:
    return [RowError(**error) for error in view.report.get("errors", [])]
