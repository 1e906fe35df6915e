"""The demo account: a user with a year of generated logs and training, for trying the app."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from dashboard_app.schemas.routines import RoutineExerciseInput, RoutineInput
from dashboard_app.services.catalogue import seed_catalogue
from dashboard_app.services.demo_data import DemoData, DemoSession, generate_demo_data
from dashboard_app.services.exercise_usage import rebuild_usage
from dashboard_app.services.exercises import with_muscle_and_equipment
from dashboard_app.services.records import rebuild_records
from dashboard_app.services.routines import create_routine
from dashboard_app.services.users import create_user, normalise_email
from db.data_version import bump_data_version
from db.models import (
    DailyMetric,
    Exercise,
    TrainingSession,
    User,
    WorkoutDetail,
)

# Printed by the CLI; deliberately not a common password, so a breached-password check passes.
DEFAULT_DEMO_PASSWORD = "demo-lifter-2026"


class DemoUserExists(ValueError):
    """The demo username (or its e-mail address) is already taken."""


@dataclass(frozen=True)
class DemoReport:
    username: str
    password: str
    daily_entries: int
    sessions: int
    workout_lines: int
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class CatalogueExercise:
    id: int
    name: str
    muscle_group: str
    equipment: str | None


def create_demo_user(
    session: Session,
    *,
    username: str = "demo",
    password: str = DEFAULT_DEMO_PASSWORD,
    seed: int = 42,
    days: int = 365,
    end: date | None = None,
) -> DemoReport:
    """Add a user with `days` days of demo data ending on `end` (today); the caller commits."""
    email = demo_email(username.strip())
    _refuse_taken(session, username.strip(), email)
    data = generate_demo_data(seed, end or date.today(), days)
    exercises = catalogue_exercises(
        session, {line.exercise for s in data.sessions for line in s.lines}
    )
    user = create_user(
        session, username=username, email=email, password=password, first_name="Demo"
    )
    _insert_daily(session, user.id, data)
    session_ids = _insert_sessions(session, user.id, data.sessions)
    lines = _insert_lines(session, user.id, data.sessions, session_ids, exercises)
    _insert_routines(session, user.id, data, exercises)
    # Usage and records are derived from the lines, exactly as after a logged session.
    rebuild_usage(session, user.id)
    rebuild_records(session, user.id)
    bump_data_version(session, [user.id])  # the bulk inserts bypassed the flush hook
    dates = [e.date for e in data.daily] + [s.date for s in data.sessions]
    return DemoReport(
        username=user.username,
        password=password,
        daily_entries=len(data.daily),
        sessions=len(data.sessions),
        workout_lines=lines,
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
    )


def demo_email(username: str) -> str:
    """The address demo users get (example.com never delivers mail)."""
    return f"{username}@example.com"


def delete_user_by_username(session: Session, username: str) -> bool:
    """Delete the demo user named exactly `username` and, by cascade, all their data.

    Only accounts with the demo's own address are deleted, so `demo --reset` can never wipe a
    real account that happens to have the name; ValueError says so.
    """
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        return False
    if user.email != demo_email(user.username):
        raise DemoUserExists(f"{user.username!r} is a real account, not a demo user; not deleted")
    # passive_deletes: the database's ON DELETE CASCADE removes the rows, none are loaded.
    # Rows of theirs this session did load (the demo's routines) go from its identity map
    # too, or new rows that reuse their ids would collide with them.
    owned = [
        row for row in session.identity_map.values() if getattr(row, "user_id", None) == user.id
    ]
    session.delete(user)
    session.flush()
    for row in owned:
        if row in session:  # a routine takes its exercises with it
            session.expunge(row)
    return True


def _refuse_taken(session: Session, username: str, email: str) -> None:
    # Logins match usernames case-insensitively, so "Demo" beside "demo" would be ambiguous.
    taken = session.scalar(
        select(User.username).where(
            or_(func.lower(User.username) == username.lower(), User.email == normalise_email(email))
        )
    )
    if taken is not None:
        raise DemoUserExists(
            f"user {taken!r} already exists (username {username!r} or e-mail {email!r} is "
            "taken); delete it first or choose another username"
        )


def catalogue_exercises(session: Session, names: set[str]) -> dict[str, CatalogueExercise]:
    """The catalogue rows for `names`, seeding the catalogue into an empty database first."""
    if session.scalar(select(Exercise.id).where(Exercise.user_id.is_(None)).limit(1)) is None:
        seed_catalogue(session)
    catalogue = select(Exercise).where(Exercise.user_id.is_(None), Exercise.name.in_(sorted(names)))
    rows = session.execute(with_muscle_and_equipment(catalogue, Exercise.id, Exercise.name))
    found = {row[1]: CatalogueExercise(*row) for row in rows}
    missing = sorted(names - found.keys())
    if missing:
        raise LookupError(f"the exercise catalogue lacks {', '.join(missing)}")
    return found


def _insert_daily(session: Session, user_id: int, data: DemoData) -> None:
    if data.daily:
        session.execute(
            insert(DailyMetric), [{"user_id": user_id, **asdict(e)} for e in data.daily]
        )


def _insert_sessions(
    session: Session, user_id: int, sessions: tuple[DemoSession, ...]
) -> list[int]:
    """Insert the sessions in one statement; their ids, in the order given."""
    if not sessions:
        return []
    rows = [
        {
            "user_id": user_id,
            "date": s.date,
            "title": s.title,
            "mesocycle_name": s.mesocycle,
            "session_number": s.session_number,
            "training_start": s.start_time,
            "training_end": s.end_time,
        }
        for s in sessions
    ]
    # sort_by_parameter_order: ids come back matched to rows even when batched.
    statement = insert(TrainingSession).returning(TrainingSession.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows))


def _insert_lines(
    session: Session,
    user_id: int,
    sessions: tuple[DemoSession, ...],
    session_ids: list[int],
    exercises: dict[str, CatalogueExercise],
) -> int:
    """Each set a row, each exercise of a session a block (as the session page logs them)."""
    rows = []
    for demo_session, session_id in zip(sessions, session_ids, strict=True):
        position = 0
        for block, line in enumerate(demo_session.lines):
            exercise = exercises[line.exercise]
            for _ in range(line.sets):
                rows.append(
                    {
                        "session_id": session_id,
                        "user_id": user_id,
                        "exercise_id": exercise.id,
                        "position": position,
                        "block": block,
                        "exercise_name": exercise.name,
                        "muscle_group": exercise.muscle_group,
                        "equipment": exercise.equipment,
                        "sets": 1,
                        "reps": line.reps,
                        "load_weight": line.load_weight,
                        "rir": line.rir,
                        "stimulus": line.stimulus,
                        "fatigue_level": line.fatigue_level,
                    }
                )
                position += 1
    if rows:
        session.execute(insert(WorkoutDetail), rows)
    return len(rows)


def _insert_routines(
    session: Session, user_id: int, data: DemoData, exercises: dict[str, CatalogueExercise]
) -> None:
    """The latest block's weekly plan as routines; that block's sessions were started from them."""
    for plan in data.routines:
        routine_id, _ = create_routine(
            session,
            user_id,
            RoutineInput(
                name=plan.name,
                mesocycle=plan.mesocycle,
                weekday=plan.weekday,
                exercises=[
                    RoutineExerciseInput(
                        exercise_id=exercises[name].id,
                        target_sets=sets,
                        rep_min=reps,
                        rep_max=reps + 2,
                        target_rir=2,
                    )
                    for name, reps, sets in plan.exercises
                ],
            ),
        )
        session.execute(
            update(TrainingSession)
            .where(
                TrainingSession.user_id == user_id,
                TrainingSession.mesocycle_name == plan.mesocycle,
                TrainingSession.title == plan.name,
            )
            .values(routine_id=routine_id)
        )
