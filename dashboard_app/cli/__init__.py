"""The metrics-tracker command: one group, its commands in the modules beside this one."""

from __future__ import annotations

import sys

import click

from dashboard_app.cli.backup import backup_command, restore_command
from dashboard_app.cli.database import db
from dashboard_app.cli.derived import insights, records
from dashboard_app.cli.development import demo, run
from dashboard_app.cli.export import export_command
from dashboard_app.cli.imports import import_file
from dashboard_app.cli.users import users
from dashboard_app.cli.worker import worker_command


@click.group(help="Metrics Tracker: a self-hosted fitness and well-being tracker.")
def main() -> None:
    """Entry point of the console script."""


for command in (
    db,
    demo,
    run,
    users,
    records,
    insights,
    import_file,
    export_command,
    backup_command,
    restore_command,
    worker_command,
):
    main.add_command(command)


if __name__ == "__main__":
    sys.exit(main())
