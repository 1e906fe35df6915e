"""Set by set: blocks and supersets, timed and distance sets, planned sets, routines, kinds

workout_details: a row is a set from now on (old multi-set lines stay as they are, `sets` > 1,
and show as such); each row gets its exercise block (consecutive rows of one exercise in a
session, numbered in logged order), a superset group, a duration and a distance (reps may
then be empty), and the rest between the block's sets. planned_sets holds what is still to
do. routines and routine_exercises are named day templates. training_sessions get a title and
the routine they came from; exercises a kind; users the plate calculator's bar and plates and
the version of the rules their records follow (NULL here, so `metrics-tracker db upgrade`
rebuilds them: a set's volume is now one set's reps x load); personal_records three more
types (longest hold, longest distance, best pace).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_RECORD_TYPES = "'e1rm', 'max_load', 'max_reps', 'max_volume', 'session_volume'"
RECORD_TYPES = (
    "'e1rm', 'max_load', 'max_reps', 'max_volume', 'max_duration', 'max_distance', "
    "'best_pace', 'session_volume'"
)
KINDS = "'weight', 'bodyweight', 'duration', 'distance'"
# The catalogue's holds: strength or plyometrics by category, but timed, not counted.
HOLDS = (
    "'Plank', 'Side Bridge', 'Isometric Chest Squeezes', "
    "'Isometric Neck Exercise - Front And Back', 'Isometric Neck Exercise - Sides'"
)
# Consecutive rows of one exercise in a session are one block, numbered from 0.
BLOCKS = """
UPDATE workout_details SET block = numbered.block
FROM (
    SELECT id, SUM(starts) OVER (
        PARTITION BY session_id ORDER BY position, id ROWS UNBOUNDED PRECEDING
    ) - 1 AS block
    FROM (
        SELECT id, session_id, position,
            CASE WHEN COALESCE(exercise_id, -1) = COALESCE(
                LAG(exercise_id) OVER (PARTITION BY session_id ORDER BY position, id), -2
            ) THEN 0 ELSE 1 END AS starts
        FROM workout_details
    ) AS changes
) AS numbered
WHERE numbered.id = workout_details.id
"""


def _set_columns() -> list[sa.Column]:
    return [
        sa.Column("duration_seconds", sa.Integer(), nullable=True),
        sa.Column("distance_m", sa.Float(), nullable=True),
        sa.Column("rest_seconds", sa.SmallInteger(), nullable=True),
    ]


def _set_checks(table: str) -> list[sa.CheckConstraint]:
    def named(name: str) -> str:
        return op.f(f"ck_{table}_{name}")

    return [
        sa.CheckConstraint("reps IS NULL OR reps >= 1", name=named("reps")),
        sa.CheckConstraint("load_weight >= 0", name=named("load_weight")),
        sa.CheckConstraint("rir IS NULL OR (rir >= 0 AND rir <= 10)", name=named("rir")),
        sa.CheckConstraint(
            "duration_seconds IS NULL OR (duration_seconds >= 1 AND duration_seconds <= 86400)",
            name=named("duration_seconds"),
        ),
        sa.CheckConstraint(
            "distance_m IS NULL OR (distance_m > 0 AND distance_m <= 1000000)",
            name=named("distance_m"),
        ),
        sa.CheckConstraint(
            "rest_seconds IS NULL OR (rest_seconds >= 0 AND rest_seconds <= 3600)",
            name=named("rest_seconds"),
        ),
        sa.CheckConstraint("position >= 0", name=named("position")),
        sa.CheckConstraint("block >= 0", name=named("block")),
        sa.CheckConstraint(
            "reps IS NOT NULL OR duration_seconds IS NOT NULL OR distance_m IS NOT NULL",
            name=named("measured"),
        ),
    ]


def _create_routines() -> None:
    op.create_table(
        "routines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("mesocycle_name", sa.String(length=80), nullable=True),
        sa.Column("weekday", sa.SmallInteger(), nullable=True),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "weekday IS NULL OR (weekday >= 0 AND weekday <= 6)", name=op.f("ck_routines_weekday")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_routines_position")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_routines_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routines")),
    )
    op.create_index("ix_routines_user_id", "routines", ["user_id"])
    op.create_table(
        "routine_exercises",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("routine_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("target_sets", sa.SmallInteger(), nullable=False),
        sa.Column("rep_min", sa.SmallInteger(), nullable=True),
        sa.Column("rep_max", sa.SmallInteger(), nullable=True),
        sa.Column("target_rir", sa.SmallInteger(), nullable=True),
        sa.Column("target_seconds", sa.Integer(), nullable=True),
        sa.Column("superset_group", sa.SmallInteger(), nullable=True),
        sa.Column("rest_seconds", sa.SmallInteger(), nullable=True),
        sa.CheckConstraint(
            "target_sets >= 1 AND target_sets <= 20", name=op.f("ck_routine_exercises_target_sets")
        ),
        sa.CheckConstraint(
            "rep_min IS NULL OR (rep_min >= 1 AND rep_min <= 100)",
            name=op.f("ck_routine_exercises_rep_min"),
        ),
        sa.CheckConstraint(
            "rep_max IS NULL OR (rep_max >= 1 AND rep_max <= 100)",
            name=op.f("ck_routine_exercises_rep_max"),
        ),
        sa.CheckConstraint(
            "rep_min IS NULL OR rep_max IS NULL OR rep_min <= rep_max",
            name=op.f("ck_routine_exercises_rep_range"),
        ),
        sa.CheckConstraint(
            "target_rir IS NULL OR (target_rir >= 0 AND target_rir <= 10)",
            name=op.f("ck_routine_exercises_target_rir"),
        ),
        sa.CheckConstraint(
            "target_seconds IS NULL OR (target_seconds >= 1 AND target_seconds <= 86400)",
            name=op.f("ck_routine_exercises_target_seconds"),
        ),
        sa.CheckConstraint(
            "rest_seconds IS NULL OR (rest_seconds >= 0 AND rest_seconds <= 3600)",
            name=op.f("ck_routine_exercises_rest_seconds"),
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_routine_exercises_position")),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_routine_exercises_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["routine_id"],
            ["routines.id"],
            name=op.f("fk_routine_exercises_routine_id_routines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_routine_exercises_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routine_exercises")),
    )
    op.create_index("ix_routine_exercises_routine_id", "routine_exercises", ["routine_id"])
    op.create_index("ix_routine_exercises_user_id", "routine_exercises", ["user_id"])


def _create_planned_sets() -> None:
    op.create_table(
        "planned_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("block", sa.SmallInteger(), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("superset_group", sa.SmallInteger(), nullable=True),
        sa.Column("reps", sa.SmallInteger(), nullable=True),
        sa.Column("load_weight", sa.Float(), nullable=False, comment="kg"),
        *_set_columns()[:2],
        sa.Column("rir", sa.SmallInteger(), nullable=True),
        _set_columns()[2],
        sa.Column("is_warmup", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("hint", sa.String(length=200), nullable=True),
        *_set_checks("planned_sets"),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_planned_sets_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_planned_sets_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_planned_sets_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_sets")),
    )
    op.create_index("ix_planned_sets_session_id", "planned_sets", ["session_id"])
    op.create_index("ix_planned_sets_user_id", "planned_sets", ["user_id"])
    op.create_index("ix_planned_sets_user_id_session_id", "planned_sets", ["user_id", "session_id"])


def upgrade() -> None:
    _create_routines()
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), server_default="weight", nullable=False)
        )
        batch_op.create_check_constraint(batch_op.f("ck_exercises_kind"), f"kind IN ({KINDS})")
    op.execute("UPDATE exercises SET kind = 'distance' WHERE category = 'cardio'")
    op.execute(
        f"UPDATE exercises SET kind = 'duration' WHERE category = 'stretching' OR name IN ({HOLDS})"
    )
    op.execute(
        "UPDATE exercises SET kind = 'bodyweight' WHERE kind = 'weight' AND equipment_id IN "
        "(SELECT id FROM equipment WHERE name = 'Body Only')"
    )
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_workout_details_reps"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_workout_details_load_weight"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_workout_details_rir"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_workout_details_position"), type_="check")
        batch_op.add_column(
            sa.Column("block", sa.SmallInteger(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("superset_group", sa.SmallInteger(), nullable=True))
        for column in _set_columns():
            batch_op.add_column(column)
        batch_op.alter_column("reps", existing_type=sa.SmallInteger(), nullable=True)
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        for check in _set_checks("workout_details"):
            batch_op.create_check_constraint(check.name, check.sqltext)
    op.execute(BLOCKS)
    _create_planned_sets()
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("routine_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_training_sessions_routine_id"), ["routine_id"])
        batch_op.create_foreign_key(
            batch_op.f("fk_training_sessions_routine_id_routines"),
            "routines",
            ["routine_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("bar_weight_kg", sa.Float(), nullable=True, comment="kg"))
        batch_op.add_column(sa.Column("plates_kg", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("records_version", sa.SmallInteger(), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_users_bar_weight"),
            "bar_weight_kg IS NULL OR (bar_weight_kg >= 0 AND bar_weight_kg <= 100)",
        )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_personal_records_record_type"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_personal_records_record_type"), f"record_type IN ({RECORD_TYPES})"
        )


def downgrade() -> None:
    op.execute(
        "DELETE FROM personal_records WHERE record_type IN "
        "('max_duration', 'max_distance', 'best_pace')"
    )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_personal_records_record_type"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_personal_records_record_type"), f"record_type IN ({OLD_RECORD_TYPES})"
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_users_bar_weight"), type_="check")
        batch_op.drop_column("records_version")
        batch_op.drop_column("plates_kg")
        batch_op.drop_column("bar_weight_kg")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_training_sessions_routine_id_routines"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_training_sessions_routine_id"))
        batch_op.drop_column("routine_id")
        batch_op.drop_column("title")
    op.drop_table("planned_sets")
    # Sets without reps (timed, distance) have no place in the old table.
    op.execute("DELETE FROM workout_details WHERE reps IS NULL")
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        for check in _set_checks("workout_details"):
            batch_op.drop_constraint(check.name, type_="check")
        batch_op.alter_column("reps", existing_type=sa.SmallInteger(), nullable=False)
        for name in ("rest_seconds", "distance_m", "duration_seconds", "superset_group", "block"):
            batch_op.drop_column(name)
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f("ck_workout_details_reps"), "reps >= 1")
        batch_op.create_check_constraint(
            batch_op.f("ck_workout_details_load_weight"), "load_weight >= 0"
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_workout_details_rir"), "rir IS NULL OR (rir >= 0 AND rir <= 10)"
        )
        batch_op.create_check_constraint(batch_op.f("ck_workout_details_position"), "position >= 0")
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_exercises_kind"), type_="check")
        batch_op.drop_column("kind")
    op.drop_table("routine_exercises")
    op.drop_table("routines")
