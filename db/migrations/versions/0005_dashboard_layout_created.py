"""dashboard_preferences.layout_created: lay out the default widgets once per user

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dashboard_preferences", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "layout_created", sa.Boolean(), server_default=sa.text("false"), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("dashboard_preferences", schema=None) as batch_op:
        batch_op.drop_column("layout_created")
