"""daily_metrics: steps, active minutes, calories burned and minutes asleep (trackers)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.add_column(sa.Column("steps", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "active_minutes",
                sa.SmallInteger(),
                nullable=True,
                comment="very + fairly + lightly active",
            )
        )
        batch_op.add_column(
            sa.Column(
                "calories_burned", sa.Float(), nullable=True, comment="kcal burned, not eaten"
            )
        )
        batch_op.add_column(
            sa.Column("sleep_minutes", sa.SmallInteger(), nullable=True, comment="minutes asleep")
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_daily_metrics_steps"),
            "steps IS NULL OR (steps >= 0 AND steps <= 500000)",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_daily_metrics_active_minutes"),
            "active_minutes IS NULL OR (active_minutes >= 0 AND active_minutes <= 1440)",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_daily_metrics_calories_burned"),
            "calories_burned IS NULL OR (calories_burned >= 0 AND calories_burned <= 50000)",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_daily_metrics_sleep_minutes"),
            "sleep_minutes IS NULL OR (sleep_minutes >= 0 AND sleep_minutes <= 1440)",
        )


def downgrade() -> None:
    with op.batch_alter_table("daily_metrics", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_daily_metrics_sleep_minutes"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_daily_metrics_calories_burned"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_daily_metrics_active_minutes"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_daily_metrics_steps"), type_="check")
        batch_op.drop_column("sleep_minutes")
        batch_op.drop_column("calories_burned")
        batch_op.drop_column("active_minutes")
        batch_op.drop_column("steps")
