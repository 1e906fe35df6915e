"""Alembic environment: runs on the engine handed over in config.attributes."""

from alembic import context
from sqlalchemy import text

from db import models  # noqa: F401  (registers every table on Base.metadata)
from db.base import Base

config = context.config
engine = config.attributes["engine"]


class ForeignKeyViolation(RuntimeError):
    """A migration left rows that point at nothing."""


with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # Batch mode rebuilds a table and drops the old one; with foreign keys on, that DROP
        # deletes every row that references the table through ON DELETE CASCADE (a session's
        # lines and records). The pragma only takes effect outside a transaction.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        compare_type=True,
        compare_server_default=True,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=sqlite,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise ForeignKeyViolation(f"rows referencing nothing after migrating: {broken}")
    connection.commit()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
