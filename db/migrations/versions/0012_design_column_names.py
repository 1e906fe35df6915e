"""The design's column names: primary/secondary metric, mesocycle name, training start/end,
record value and date

correlation_insights.metric_x/metric_y -> primary_metric/secondary_metric,
training_sessions.mesocycle/start_time/end_time -> mesocycle_name/training_start/training_end,
personal_records.value/achieved_on -> record_value/date. Every row is kept. The checks, the
index and the unique constraint that name the old columns are recreated under the new names
(SQLite rebuilds each table in batch mode and would copy a check's old text as it is).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_PAIR = "uq_correlation_insights_user_id_metric_x_metric_y_lag_days"
NEW_PAIR = "uq_correlation_insights_user_id_pair"
OLD_ORDER = "start_time IS NULL OR end_time IS NULL OR end_time >= start_time"
NEW_ORDER = "training_start IS NULL OR training_end IS NULL OR training_end >= training_start"


def upgrade() -> None:
    with op.batch_alter_table("correlation_insights", schema=None) as batch_op:
        batch_op.drop_constraint(OLD_PAIR, type_="unique")
        batch_op.alter_column("metric_x", new_column_name="primary_metric")
        batch_op.alter_column("metric_y", new_column_name="secondary_metric")
    with op.batch_alter_table("correlation_insights", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            NEW_PAIR, ["user_id", "primary_metric", "secondary_metric", "lag_days"]
        )
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_training_sessions_user_id_mesocycle")
        batch_op.drop_constraint(batch_op.f("ck_training_sessions_time_order"), type_="check")
        batch_op.alter_column("mesocycle", new_column_name="mesocycle_name")
        batch_op.alter_column("start_time", new_column_name="training_start")
        batch_op.alter_column("end_time", new_column_name="training_end")
    # A second batch: SQLite's rebuild looks the new names up in the table as it was.
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f("ck_training_sessions_time_order"), NEW_ORDER)
        batch_op.create_index(
            "ix_training_sessions_user_id_mesocycle_name", ["user_id", "mesocycle_name"]
        )
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_personal_records_value"), type_="check")
        batch_op.alter_column("value", new_column_name="record_value")
        batch_op.alter_column("achieved_on", new_column_name="date")
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.create_check_constraint(
            batch_op.f("ck_personal_records_record_value"), "record_value >= 0"
        )


def downgrade() -> None:
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_personal_records_record_value"), type_="check")
        batch_op.alter_column("record_value", new_column_name="value")
        batch_op.alter_column("date", new_column_name="achieved_on")
    with op.batch_alter_table("personal_records", schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f("ck_personal_records_value"), "value >= 0")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_training_sessions_user_id_mesocycle_name")
        batch_op.drop_constraint(batch_op.f("ck_training_sessions_time_order"), type_="check")
        batch_op.alter_column("mesocycle_name", new_column_name="mesocycle")
        batch_op.alter_column("training_start", new_column_name="start_time")
        batch_op.alter_column("training_end", new_column_name="end_time")
    with op.batch_alter_table("training_sessions", schema=None) as batch_op:
        batch_op.create_check_constraint(batch_op.f("ck_training_sessions_time_order"), OLD_ORDER)
        batch_op.create_index("ix_training_sessions_user_id_mesocycle", ["user_id", "mesocycle"])
    with op.batch_alter_table("correlation_insights", schema=None) as batch_op:
        batch_op.drop_constraint(NEW_PAIR, type_="unique")
        batch_op.alter_column("primary_metric", new_column_name="metric_x")
        batch_op.alter_column("secondary_metric", new_column_name="metric_y")
    with op.batch_alter_table("correlation_insights", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f(OLD_PAIR), ["user_id", "metric_x", "metric_y", "lag_days"]
        )
