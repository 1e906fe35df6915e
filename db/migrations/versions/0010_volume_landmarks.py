"""volume_landmarks: a user's own weekly-set landmarks per muscle group

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "volume_landmarks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("muscle_group", sa.String(length=40), nullable=False),
        sa.Column("mv", sa.SmallInteger(), nullable=False),
        sa.Column("mev", sa.SmallInteger(), nullable=False),
        sa.Column("mrv", sa.SmallInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "0 <= mv AND mv <= mev AND mev <= mrv AND mrv <= 60",
            name=op.f("ck_volume_landmarks_order"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_volume_landmarks_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volume_landmarks")),
        sa.UniqueConstraint(
            "user_id", "muscle_group", name=op.f("uq_volume_landmarks_user_id_muscle_group")
        ),
    )
    op.create_index("ix_volume_landmarks_user_id", "volume_landmarks", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_volume_landmarks_user_id", table_name="volume_landmarks")
    op.drop_table("volume_landmarks")
