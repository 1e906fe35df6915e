"""metrics-tracker export: one user's whole data as a zip."""

from __future__ import annotations

import os
from pathlib import Path

import click

from dashboard_app.cli.common import accounts_named, database_of, load_app


def _write(session, username: str, out: Path | None) -> tuple[Path, dict[str, int]]:
    from dashboard_app.services.export import export_filename, write_export
    from dashboard_app.services.preferences import user_today

    ((user_id, name),) = accounts_named(session, username)
    out = out or Path(export_filename(name, user_today(session, user_id)))
    # Written beside the target and renamed at the end: a failure leaves no half a zip.
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as target:
            counts = write_export(session, user_id, target)
        os.replace(partial, out)
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return out, counts


@click.command("export")
@click.option("--user", "username", required=True, help="The username whose data to export.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The zip to write (default: metrics-tracker-<user>-<date>.zip here).",
)
def export_command(username: str, out: Path | None) -> None:
    """Write all of a user's data to a zip: a CSV per table and metrics-tracker.json."""
    database = database_of(load_app())
    try:
        with database.session_factory() as session:
            out, counts = _write(session, username, out)
    finally:
        database.engine.dispose()
    click.echo(f"wrote {out.resolve()} ({out.stat().st_size:,} bytes)")
    for table, count in counts.items():
        click.echo(f"  {table}: {count}")
