"""Personal records as progressions, warm-up lines, the user's e1RM formula

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

personal_records held no rows before this revision (nothing wrote them), so it is rebuilt
rather than altered; the services derive its rows from the logged lines.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORD_TYPES = "'e1rm', 'max_load', 'max_reps', 'max_volume', 'session_volume'"


def _create_personal_records() -> None:
    op.create_table(
        "personal_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=False),
        sa.Column("exercise_name", sa.String(length=120), nullable=False),
        sa.Column("record_type", sa.String(length=14), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("sets", sa.SmallInteger(), nullable=True),
        sa.Column("reps", sa.SmallInteger(), nullable=True),
        sa.Column("load_weight", sa.Float(), nullable=True, comment="kg"),
        sa.Column("achieved_on", sa.Date(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("workout_detail_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"record_type IN ({RECORD_TYPES})", name=op.f("ck_personal_records_record_type")
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_personal_records_value")),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_personal_records_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["training_sessions.id"],
            name=op.f("fk_personal_records_session_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_personal_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_detail_id"],
            ["workout_details.id"],
            name=op.f("fk_personal_records_workout_detail_id_workout_details"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_records")),
    )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_personal_records_user_id_exercise_id", ["user_id", "exercise_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_personal_records_session_id"), ["session_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_personal_records_workout_detail_id"), ["workout_detail_id"], unique=False
        )


def upgrade() -> None:
    op.drop_table("personal_records")
    _create_personal_records()
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("e1rm_formula", sa.String(length=8), server_default="brzycki", nullable=False)
        )
        batch_op.create_check_constraint("e1rm_formula", "e1rm_formula IN ('brzycki', 'epley')")
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_warmup", sa.Boolean(), server_default=sa.text("false"), nullable=False)
        )
        batch_op.create_index(
            "ix_workout_details_user_id_session_id", ["user_id", "session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("workout_details", schema=None) as batch_op:
        batch_op.drop_index("ix_workout_details_user_id_session_id")
        batch_op.drop_column("is_warmup")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_users_e1rm_formula"), type_="check")
        batch_op.drop_column("e1rm_formula")
    op.drop_table("personal_records")
    op.create_table(
        "personal_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.Integer(), nullable=True),
        sa.Column("exercise_name", sa.String(length=120), nullable=False),
        sa.Column("record_type", sa.String(length=12), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("reps", sa.SmallInteger(), nullable=True),
        sa.Column("load_weight", sa.Float(), nullable=True, comment="kg"),
        sa.Column("achieved_on", sa.Date(), nullable=False),
        sa.Column("workout_detail_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "record_type IN ('e1rm', 'max_load', 'max_reps', 'max_volume')",
            name=op.f("ck_personal_records_record_type"),
        ),
        sa.CheckConstraint("value >= 0", name=op.f("ck_personal_records_value")),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_personal_records_exercise_id_exercises"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_personal_records_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workout_detail_id"],
            ["workout_details.id"],
            name=op.f("fk_personal_records_workout_detail_id_workout_details"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_personal_records")),
    )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_personal_records_user_id_exercise_id", ["user_id", "exercise_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_personal_records_workout_detail_id"), ["workout_detail_id"], unique=False
        )
