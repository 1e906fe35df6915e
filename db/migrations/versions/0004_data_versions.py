"""users.data_version and users.insights_version: recompute insights only after a change

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("data_version", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("insights_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("insights_engine", sa.SmallInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("insights_engine")
        batch_op.drop_column("insights_version")
        batch_op.drop_column("data_version")
