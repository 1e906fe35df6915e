"""Typed SQLAlchemy models for every table.

Units are SI throughout (kg, cm, ml, grams for macros); conversion to a user's preferred units
happens at the edges. User-facing times (sleep, session start/end) are the user's local wall-clock
time without a zone; audit timestamps (created_at, updated_at, expires_at) are naive UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from db.base import Base, utcnow
from db.vocabulary import (
    DASHBOARD_VIEWS,
    E1RM_FORMULAS,
    EXERCISE_KINDS,
    HEIGHT_UNITS,
    RECORD_TYPES,
    THEMES,
    WEIGHT_UNITS,
)


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


def _between(column: str, low: int, high: int) -> str:
    return f"{column} IS NULL OR ({column} >= {low} AND {column} <= {high})"


def _user_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(_in("weight_unit", WEIGHT_UNITS), name="weight_unit"),
        CheckConstraint(_in("height_unit", HEIGHT_UNITS), name="height_unit"),
        CheckConstraint(_in("theme", THEMES), name="theme"),
        CheckConstraint(_in("e1rm_formula", E1RM_FORMULAS), name="e1rm_formula"),
        CheckConstraint(_between("bar_weight_kg", 0, 100), name="bar_weight"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    # Stored lower-cased, so the unique constraint makes addresses unique case-insensitively.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    first_name: Mapped[str | None] = mapped_column(String(80))
    last_name: Mapped[str | None] = mapped_column(String(80))
    gender: Mapped[str | None] = mapped_column(String(30))
    height_cm: Mapped[float | None] = mapped_column(Float)
    weight_unit: Mapped[str] = mapped_column(String(2), default="kg", server_default="kg")
    height_unit: Mapped[str] = mapped_column(String(2), default="cm", server_default="cm")
    theme: Mapped[str] = mapped_column(String(5), default="light", server_default="light")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    e1rm_formula: Mapped[str] = mapped_column(
        String(8), default="brzycki", server_default="brzycki"
    )
    # Bumped whenever the user's logged data changes (db.data_version); insights remember the
    # version they were computed from, so an unchanged history is never recomputed.
    data_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    insights_version: Mapped[int | None] = mapped_column(Integer)
    # The engine's rules the stored insights follow (analytics.insights.ENGINE_VERSION).
    insights_engine: Mapped[int | None] = mapped_column(SmallInteger)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime)
    # The plate calculator's bar and the plates at hand, in kg (null: the usual bar and plates
    # of the user's unit, 20 kg or 45 lb).
    bar_weight_kg: Mapped[float | None] = mapped_column(Float, comment="kg")
    plates_kg: Mapped[list[float] | None] = mapped_column(JSON)
    # The rules the stored personal records follow (services.records.RECORDS_VERSION): after a
    # change of rules, `metrics-tracker db upgrade` rebuilds the users behind.
    records_version: Mapped[int | None] = mapped_column(SmallInteger)

    daily_metrics: Mapped[list[DailyMetric]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    training_sessions: Mapped[list[TrainingSession]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class PasswordResetToken(Base):
    __tablename__ = "password_reset_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    # Only a SHA-256 of the token is stored: a leaked table cannot reset anyone's password.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    used_at: Mapped[datetime | None] = mapped_column(DateTime)


class LoginSession(Base):
    """One login of one browser: its cookies carry the token, only its SHA-256 is kept here.

    Logging out deletes the row, so a session or remember-me cookie copied before stops
    working at once; a password change or "log out everywhere" deletes the others.
    """

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(Boolean, default=False)
    user_agent: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PasswordFailure(Base):
    """A wrong password, from an address, for an account (null: a name that is no account).

    Shared by every worker through the database; the guard counts recent rows per account,
    per address and per pair (services.password_guard).
    """

    __tablename__ = "password_failures"
    __table_args__ = (Index("ix_password_failures_address_failed_at", "address", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    address: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class IdempotencyKey(Base):
    """An API write sent with an Idempotency-Key, and its answer, replayed to a retry.

    The row is written in the same transaction as the write it guards: present means done.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    key: Mapped[str] = mapped_column(String(255))
    # SHA-256 of method, path and body: the same key with another request is refused.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(SmallInteger)
    body: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ApiToken(Base):
    """A personal API token: the API's only credential (session cookies never authenticate it)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    name: Mapped[str] = mapped_column(String(80))
    # Shown once at creation; only its SHA-256 is kept, like password-reset tokens.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The token's first characters, so a user can tell tokens apart in the list.
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class DailyMetric(Base):
    __tablename__ = "daily_metrics"
    __table_args__ = (
        UniqueConstraint("user_id", "date"),
        CheckConstraint(_between("stress_level", 1, 10), name="stress_level"),
        CheckConstraint(_between("energy_level", 1, 10), name="energy_level"),
        CheckConstraint(_between("motivation_level", 1, 10), name="motivation_level"),
        CheckConstraint("weight IS NULL OR (weight > 0 AND weight < 700)", name="weight"),
        CheckConstraint(
            "sleep_start IS NULL OR sleep_end IS NULL OR sleep_end > sleep_start",
            name="sleep_order",
        ),
        CheckConstraint(
            "(calories IS NULL OR calories >= 0) AND (protein IS NULL OR protein >= 0)"
            " AND (carbohydrate IS NULL OR carbohydrate >= 0) AND (fat IS NULL OR fat >= 0)"
            " AND (fibre IS NULL OR fibre >= 0) AND (water IS NULL OR water >= 0)",
            name="nutrition_non_negative",
        ),
        CheckConstraint(_between("steps", 0, 500000), name="steps"),
        CheckConstraint(_between("active_minutes", 0, 1440), name="active_minutes"),
        CheckConstraint(_between("calories_burned", 0, 50000), name="calories_burned"),
        CheckConstraint(_between("sleep_minutes", 0, 1440), name="sleep_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    sleep_start: Mapped[datetime | None] = mapped_column(DateTime)
    sleep_end: Mapped[datetime | None] = mapped_column(DateTime)
    stress_level: Mapped[int | None] = mapped_column(SmallInteger)
    energy_level: Mapped[int | None] = mapped_column(SmallInteger)
    motivation_level: Mapped[int | None] = mapped_column(SmallInteger)
    weight: Mapped[float | None] = mapped_column(Float, comment="body weight in kg")
    meals: Mapped[str | None] = mapped_column(Text)
    calories: Mapped[float | None] = mapped_column(Float, comment="kcal")
    protein: Mapped[float | None] = mapped_column(Float, comment="grams")
    carbohydrate: Mapped[float | None] = mapped_column(Float, comment="grams")
    fat: Mapped[float | None] = mapped_column(Float, comment="grams")
    fibre: Mapped[float | None] = mapped_column(Float, comment="grams")
    water: Mapped[float | None] = mapped_column(Float, comment="millilitres")
    # From trackers (Fitbit...): what they measure, never typed into the nutrition fields.
    steps: Mapped[int | None] = mapped_column(Integer)
    active_minutes: Mapped[int | None] = mapped_column(
        SmallInteger, comment="very + fairly + lightly active"
    )
    calories_burned: Mapped[float | None] = mapped_column(Float, comment="kcal burned, not eaten")
    # For sources that give a night's total but not when it began and ended.
    sleep_minutes: Mapped[int | None] = mapped_column(SmallInteger, comment="minutes asleep")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    user: Mapped[User] = relationship(back_populates="daily_metrics")


class CorrelationInsight(Base):
    __tablename__ = "correlation_insights"
    __table_args__ = (
        # Named here: the convention's name of four columns is over PostgreSQL's 63 characters.
        UniqueConstraint(
            "user_id",
            "primary_metric",
            "secondary_metric",
            "lag_days",
            name="uq_correlation_insights_user_id_pair",
        ),
        CheckConstraint(
            "correlation_value >= -1 AND correlation_value <= 1", name="correlation_range"
        ),
        CheckConstraint(_in("strength", ("none", "weak", "moderate", "strong")), name="strength"),
        CheckConstraint(_in("direction", ("positive", "negative")), name="direction"),
        CheckConstraint(_in("method", ("pearson", "spearman", "groups")), name="method"),
        CheckConstraint("sample_size >= 2", name="sample_size"),
        CheckConstraint(
            "effective_sample_size > 0 AND effective_sample_size <= sample_size",
            name="effective_sample_size",
        ),
        CheckConstraint("lag_days >= 0", name="lag_days"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    # The pair: the primary metric comes first (lag_days before the secondary one at lag 1).
    primary_metric: Mapped[str] = mapped_column(String(60))
    secondary_metric: Mapped[str] = mapped_column(String(60))
    lag_days: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    method: Mapped[str] = mapped_column(String(8))
    correlation_value: Mapped[float] = mapped_column(Float)
    # The correlation's 95% interval, on the effective number of independent days.
    correlation_ci_low: Mapped[float] = mapped_column(Float)
    correlation_ci_high: Mapped[float] = mapped_column(Float)
    # p-values on the effective sample size (autocorrelation taken into account).
    pearson_r: Mapped[float | None] = mapped_column(Float)
    pearson_p: Mapped[float | None] = mapped_column(Float)
    spearman_rho: Mapped[float | None] = mapped_column(Float)
    spearman_p: Mapped[float | None] = mapped_column(Float)
    p_value_adjusted: Mapped[float | None] = mapped_column(Float)
    sample_size: Mapped[int] = mapped_column(Integer)
    effective_sample_size: Mapped[float] = mapped_column(Float)
    slope: Mapped[float | None] = mapped_column(Float)
    slope_ci_low: Mapped[float | None] = mapped_column(Float)
    slope_ci_high: Mapped[float | None] = mapped_column(Float)
    # A yes/no x's two groups of paired days (method "groups"), else null.
    days_with: Mapped[int | None] = mapped_column(Integer)
    days_without: Mapped[int | None] = mapped_column(Integer)
    strength: Mapped[str] = mapped_column(String(8))
    direction: Mapped[str] = mapped_column(String(8))
    is_significant: Mapped[bool] = mapped_column(Boolean, default=False)
    is_preliminary: Mapped[bool] = mapped_column(Boolean, default=False)
    insight_text: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class MuscleGroup(Base):
    __tablename__ = "muscle_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class Equipment(Base):
    __tablename__ = "equipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)


class ExerciseSecondaryMuscle(Base):
    """A muscle an exercise trains besides its primary one (counts half in volume totals)."""

    __tablename__ = "exercise_secondary_muscles"

    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True
    )
    muscle_group_id: Mapped[int] = mapped_column(
        ForeignKey("muscle_groups.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Exercise(Base):
    """A catalogue exercise (user_id is NULL) or one a user created for themselves."""

    __tablename__ = "exercises"
    __table_args__ = (
        # Catalogue names are unique; a user's own names are unique among that user's.
        Index(
            "uq_exercises_catalogue_name",
            "name",
            unique=True,
            sqlite_where=text("user_id IS NULL"),
            postgresql_where=text("user_id IS NULL"),
        ),
        UniqueConstraint("user_id", "name"),
        CheckConstraint(_in("kind", EXERCISE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    catalogue_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    muscle_group_id: Mapped[int] = mapped_column(
        ForeignKey("muscle_groups.id", ondelete="RESTRICT"), index=True
    )
    equipment_id: Mapped[int | None] = mapped_column(
        ForeignKey("equipment.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[str] = mapped_column(String(30), default="strength")
    kind: Mapped[str] = mapped_column(String(10), default="weight", server_default="weight")
    mechanic: Mapped[str | None] = mapped_column(String(20))
    force: Mapped[str | None] = mapped_column(String(20))
    level: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    muscle_group: Mapped[MuscleGroup] = relationship()
    equipment: Mapped[Equipment | None] = relationship()
    secondary_muscles: Mapped[list[MuscleGroup]] = relationship(
        secondary="exercise_secondary_muscles", order_by="MuscleGroup.name"
    )


class TrainingSession(Base):
    __tablename__ = "training_sessions"
    __table_args__ = (
        Index("ix_training_sessions_user_id_date", "user_id", "date"),
        Index("ix_training_sessions_user_id_mesocycle_name", "user_id", "mesocycle_name"),
        CheckConstraint("session_number IS NULL OR session_number >= 1", name="session_number"),
        CheckConstraint(
            "training_start IS NULL OR training_end IS NULL OR training_end >= training_start",
            name="time_order",
        ),
        UniqueConstraint("user_id", "import_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    # Where an imported session came from ("strong:2023-01-01T10:00|Push Day"): importing the
    # same workout again finds it instead of doubling it. None for sessions logged here.
    import_key: Mapped[str | None] = mapped_column(String(200))
    mesocycle_name: Mapped[str | None] = mapped_column(String(80))
    # Its own name ("Upper A", a Strong workout's name); pages fall back to the mesocycle's.
    title: Mapped[str | None] = mapped_column(String(120))
    # The routine it was started from: "repeat last session" repeats the same routine.
    routine_id: Mapped[int | None] = mapped_column(
        ForeignKey("routines.id", ondelete="SET NULL"), index=True
    )
    session_number: Mapped[int | None] = mapped_column(Integer)
    training_start: Mapped[datetime | None] = mapped_column(DateTime)
    training_end: Mapped[datetime | None] = mapped_column(DateTime)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="training_sessions")
    details: Mapped[list[WorkoutDetail]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="WorkoutDetail.position",
    )


def _set_checks() -> tuple[CheckConstraint, ...]:
    """What a set must hold, logged or planned (a table each: constraints are not shared)."""
    return (
        CheckConstraint("reps IS NULL OR reps >= 1", name="reps"),
        CheckConstraint("load_weight >= 0", name="load_weight"),
        CheckConstraint(_between("rir", 0, 10), name="rir"),
        CheckConstraint(_between("duration_seconds", 1, 86_400), name="duration_seconds"),
        CheckConstraint(
            "distance_m IS NULL OR (distance_m > 0 AND distance_m <= 1000000)", name="distance_m"
        ),
        CheckConstraint(_between("rest_seconds", 0, 3600), name="rest_seconds"),
        CheckConstraint("position >= 0", name="position"),
        CheckConstraint("block >= 0", name="block"),
        # A set counts something: reps, a time, or a distance.
        CheckConstraint(
            "reps IS NOT NULL OR duration_seconds IS NOT NULL OR distance_m IS NOT NULL",
            name="measured",
        ),
    )


class WorkoutDetail(Base):
    """One logged set of a session (old lines may hold several equal sets: `sets` > 1).

    Sets of one exercise in a row form a block (its number orders the blocks); blocks that
    share a superset group are done as rounds. Stimulus, fatigue and the rest between sets
    belong to the block and are stored on each of its sets.
    """

    __tablename__ = "workout_details"
    __table_args__ = (
        Index("ix_workout_details_user_id_exercise_id", "user_id", "exercise_id"),
        # Per-session totals filter on both; without it SQLite scans all of a user's lines.
        Index("ix_workout_details_user_id_session_id", "user_id", "session_id"),
        CheckConstraint("sets >= 1", name="sets"),
        CheckConstraint(_between("stimulus", 1, 5), name="stimulus"),
        CheckConstraint(_between("fatigue_level", 1, 5), name="fatigue_level"),
        *_set_checks(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    # Denormalised owner: every user-data query filters on user_id without a join.
    user_id: Mapped[int] = _user_fk()
    exercise_id: Mapped[int | None] = mapped_column(ForeignKey("exercises.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    # Names are copied from the exercise so history stays readable if it is deleted.
    exercise_name: Mapped[str] = mapped_column(String(120))
    muscle_group: Mapped[str | None] = mapped_column(String(40))
    equipment: Mapped[str | None] = mapped_column(String(40))
    block: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    superset_group: Mapped[int | None] = mapped_column(SmallInteger)
    sets: Mapped[int] = mapped_column(SmallInteger, default=1)
    reps: Mapped[int | None] = mapped_column(SmallInteger)
    load_weight: Mapped[float] = mapped_column(Float, default=0.0, comment="kg")
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(SmallInteger)
    stimulus: Mapped[int | None] = mapped_column(SmallInteger)
    fatigue_level: Mapped[int | None] = mapped_column(SmallInteger)
    rest_seconds: Mapped[int | None] = mapped_column(SmallInteger)
    # Warm-up sets count in usage history, never in volume totals or personal records.
    is_warmup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    notes: Mapped[str | None] = mapped_column(Text)

    session: Mapped[TrainingSession] = relationship(back_populates="details")


class PlannedSet(Base):
    """A set of a session not done yet: what the plan or the set before suggests.

    Logging it moves it, with the values shown, into workout_details; everything that counts
    (records, volume, insights) reads only those, so a plan never counts as training.
    """

    __tablename__ = "planned_sets"
    __table_args__ = (
        Index("ix_planned_sets_user_id_session_id", "user_id", "session_id"),
        *_set_checks(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = _user_fk()
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"))
    block: Mapped[int] = mapped_column(SmallInteger, default=0)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    superset_group: Mapped[int | None] = mapped_column(SmallInteger)
    reps: Mapped[int | None] = mapped_column(SmallInteger)
    load_weight: Mapped[float] = mapped_column(Float, default=0.0, comment="kg")
    duration_seconds: Mapped[int | None] = mapped_column(Integer)
    distance_m: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[int | None] = mapped_column(SmallInteger)
    rest_seconds: Mapped[int | None] = mapped_column(SmallInteger)
    is_warmup: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    notes: Mapped[str | None] = mapped_column(Text)
    # Why these numbers: "+2.5 kg: every set reached 10 reps last time".
    hint: Mapped[str | None] = mapped_column(String(200))


class Routine(Base):
    """A named day of training ("Upper A"), in a mesocycle's weekly plan."""

    __tablename__ = "routines"
    __table_args__ = (
        CheckConstraint(_between("weekday", 0, 6), name="weekday"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    name: Mapped[str] = mapped_column(String(80))
    mesocycle_name: Mapped[str | None] = mapped_column(String(80))
    weekday: Mapped[int | None] = mapped_column(SmallInteger)  # Monday 0
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    exercises: Mapped[list[RoutineExercise]] = relationship(
        back_populates="routine",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RoutineExercise.position",
    )


class RoutineExercise(Base):
    """One exercise of a routine: how many sets, what rep range, at what RIR."""

    __tablename__ = "routine_exercises"
    __table_args__ = (
        CheckConstraint("target_sets >= 1 AND target_sets <= 20", name="target_sets"),
        CheckConstraint(_between("rep_min", 1, 100), name="rep_min"),
        CheckConstraint(_between("rep_max", 1, 100), name="rep_max"),
        CheckConstraint(
            "rep_min IS NULL OR rep_max IS NULL OR rep_min <= rep_max", name="rep_range"
        ),
        CheckConstraint(_between("target_rir", 0, 10), name="target_rir"),
        CheckConstraint(_between("target_seconds", 1, 86_400), name="target_seconds"),
        CheckConstraint(_between("rest_seconds", 0, 3600), name="rest_seconds"),
        CheckConstraint("position >= 0", name="position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    routine_id: Mapped[int] = mapped_column(
        ForeignKey("routines.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = _user_fk()
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    target_sets: Mapped[int] = mapped_column(SmallInteger, default=3)
    rep_min: Mapped[int | None] = mapped_column(SmallInteger)
    rep_max: Mapped[int | None] = mapped_column(SmallInteger)
    target_rir: Mapped[int | None] = mapped_column(SmallInteger)
    target_seconds: Mapped[int | None] = mapped_column(Integer)
    superset_group: Mapped[int | None] = mapped_column(SmallInteger)
    rest_seconds: Mapped[int | None] = mapped_column(SmallInteger)

    routine: Mapped[Routine] = relationship(back_populates="exercises")


class PersonalRecord(Base):
    """One step of a record's progression: the session that first beat the previous best.

    The current record of a type is the exercise's latest row of that type. Rows are derived
    data: services rebuild them from the logged lines whenever those change.
    """

    __tablename__ = "personal_records"
    __table_args__ = (
        Index("ix_personal_records_user_id_exercise_id", "user_id", "exercise_id"),
        CheckConstraint(_in("record_type", RECORD_TYPES), name="record_type"),
        CheckConstraint("record_value >= 0", name="record_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # Records go with their exercise; the logged lines of a deleted exercise stay readable.
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"))
    exercise_name: Mapped[str] = mapped_column(String(120))
    record_type: Mapped[str] = mapped_column(String(14))
    # kg, but repetitions for a max_reps record.
    record_value: Mapped[float] = mapped_column(Float)
    sets: Mapped[int | None] = mapped_column(SmallInteger)
    reps: Mapped[int | None] = mapped_column(SmallInteger)
    load_weight: Mapped[float | None] = mapped_column(Float, comment="kg")
    date: Mapped[date] = mapped_column(Date)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("training_sessions.id", ondelete="CASCADE"), index=True
    )
    # The line that set it; NULL for a session-volume record, which belongs to the session.
    workout_detail_id: Mapped[int | None] = mapped_column(
        ForeignKey("workout_details.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class UserExerciseHistory(Base):
    """How often and how recently a user logged an exercise (orders the exercise picker)."""

    __tablename__ = "user_exercise_history"
    __table_args__ = (
        UniqueConstraint("user_id", "exercise_id"),
        CheckConstraint("usage_count >= 0", name="usage_count"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    exercise_id: Mapped[int] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), index=True
    )
    usage_count: Mapped[int] = mapped_column(Integer, default=0)
    last_used: Mapped[date | None] = mapped_column(Date)


class DashboardPreference(Base):
    __tablename__ = "dashboard_preferences"
    __table_args__ = (CheckConstraint(_in("default_view", DASHBOARD_VIEWS), name="default_view"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    default_view: Mapped[str] = mapped_column(String(4), default="30d", server_default="30d")
    # False until the default widgets are laid out; removing every widget is then a choice.
    layout_created: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=text("false")
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class DashboardWidget(Base):
    __tablename__ = "dashboard_widgets"
    __table_args__ = (Index("ix_dashboard_widgets_user_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    widget_type: Mapped[str] = mapped_column(String(40))
    widget_title: Mapped[str] = mapped_column(String(80))
    # {"x": column, "y": row} and {"w": columns, "h": rows} on the dashboard grid.
    widget_position: Mapped[dict[str, Any]] = mapped_column(JSON)
    widget_size: Mapped[dict[str, Any]] = mapped_column(JSON)
    widget_config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    is_visible: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


IMPORT_JOB_STATES = ("running", "done", "failed")


class ImportJob(Base):
    """An uploaded file being imported a slice per request, so the page can show progress.

    The file is parsed once, at the start, into its items (ImportJobItem), kept in the
    database rather than a worker's memory: any worker can take the next slice, and a
    finished job's report stays readable.
    """

    __tablename__ = "import_jobs"
    __table_args__ = (CheckConstraint(_in("status", IMPORT_JOB_STATES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    kind: Mapped[str] = mapped_column(String(20))
    unit: Mapped[str | None] = mapped_column(String(2))
    person: Mapped[str | None] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(10), default="running")
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class ImportJobItem(Base):
    """One workout or day of an upload, parsed once when its job starts.

    The staged form of importers.batch: each slice reads back only its own items, never the
    file again, and drops them once applied.
    """

    __tablename__ = "import_job_items"
    __table_args__ = (UniqueConstraint("job_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("import_jobs.id", ondelete="CASCADE"))
    user_id: Mapped[int] = _user_fk()
    position: Mapped[int] = mapped_column(Integer)
    item: Mapped[dict[str, Any]] = mapped_column(JSON)


class VolumeLandmark(Base):
    """A user's own weekly-set landmarks for one muscle group (the defaults fill the rest)."""

    __tablename__ = "volume_landmarks"
    __table_args__ = (
        UniqueConstraint("user_id", "muscle_group"),
        CheckConstraint("0 <= mv AND mv <= mev AND mev <= mrv AND mrv <= 60", name="order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = _user_fk()
    muscle_group: Mapped[str] = mapped_column(String(40))  # casefolded, as the defaults
    mv: Mapped[int] = mapped_column(SmallInteger)
    mev: Mapped[int] = mapped_column(SmallInteger)
    mrv: Mapped[int] = mapped_column(SmallInteger)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
