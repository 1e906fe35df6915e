"""correlation_insights: effective sample size, correlation interval, groups, preliminary

Insights are now computed on deviations from each person's baseline with autocorrelation-aware
tests (engine 4). The stored rows of the old engine are derived data that claimed links the
new engine does not find, so they are deleted rather than shown until the recompute; every
user's insights are recomputed on their next visit (the engine version changed).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "correlation_insights"


def upgrade() -> None:
    op.execute(sa.text(f"DELETE FROM {TABLE}"))
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.add_column(sa.Column("correlation_ci_low", sa.Float(), nullable=False))
        batch_op.add_column(sa.Column("correlation_ci_high", sa.Float(), nullable=False))
        batch_op.add_column(sa.Column("effective_sample_size", sa.Float(), nullable=False))
        batch_op.add_column(sa.Column("days_with", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("days_without", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("is_preliminary", sa.Boolean(), nullable=False))
        batch_op.drop_constraint(batch_op.f("ck_correlation_insights_method"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_correlation_insights_method"),
            "method IN ('pearson', 'spearman', 'groups')",
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_correlation_insights_effective_sample_size"),
            "effective_sample_size > 0 AND effective_sample_size <= sample_size",
        )


def downgrade() -> None:
    op.execute(sa.text(f"DELETE FROM {TABLE}"))
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("ck_correlation_insights_effective_sample_size"), type_="check"
        )
        batch_op.drop_constraint(batch_op.f("ck_correlation_insights_method"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_correlation_insights_method"), "method IN ('pearson', 'spearman')"
        )
        batch_op.drop_column("is_preliminary")
        batch_op.drop_column("days_without")
        batch_op.drop_column("days_with")
        batch_op.drop_column("effective_sample_size")
        batch_op.drop_column("correlation_ci_high")
        batch_op.drop_column("correlation_ci_low")
