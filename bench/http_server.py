"""What an HTTP benchmark runs against: the app under gunicorn (started on a free port,
watched, stopped) and the database behind it (counts, ids, an API token)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select

from dashboard_app import create_app
from dashboard_app.database import get_database
from dashboard_app.services import api_tokens, daily_log, workout_lines
from db.models import DailyMetric, DashboardWidget, TrainingSession, User, WorkoutDetail

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BENCH_SECRET_KEY = "bench-http-secret-key-" + "0123456789" * 4
START_TIMEOUT_S = 90


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database_url: str, base_url: str, instance: str) -> dict[str, str]:
    """The environment of a production server behind one TLS-terminating proxy.

    METRICS_PROXY_HOPS=1 makes the app trust X-Forwarded-For/-Proto as it would behind nginx:
    the bench says https (so the secure session cookie is issued as in production) and gives
    each client its own address, so the per-address login limit counts each client apart.
    REDIS_URL is dropped: the limiter then counts in memory, per worker, per run.
    """
    keep = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    return {
        **keep,
        "METRICS_ENV": "production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": BENCH_SECRET_KEY,
        "METRICS_BASE_URL": base_url,
        "METRICS_PROXY_HOPS": "1",
        "METRICS_INSTANCE_PATH": instance,
        "METRICS_LOG_LEVEL": "WARNING",
    }


class GunicornServer:
    """`gunicorn --workers N --threads T dashboard_app.wsgi:server` as a context manager."""

    def __init__(self, database_url: str, workers: int = 2, threads: int = 4) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.instance = tempfile.mkdtemp(prefix="metrics-bench-http-")
        self.log_path = Path(self.instance) / "gunicorn.log"
        self.command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{self.port}",
            # Several servers may run at once on this machine: none claims the shared socket.
            "--no-control-socket",
            "dashboard_app.wsgi:server",
        ]
        self.environment = server_environment(
            database_url, f"https://127.0.0.1:{self.port}", self.instance
        )
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> GunicornServer:
        log = self.log_path.open("w")
        self.process = subprocess.Popen(
            self.command, cwd=PROJECT_ROOT, env=self.environment, stdout=log, stderr=log
        )
        try:
            self._wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited at start:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.base_url}/login", timeout=10).status_code == 200:
                    return
            except requests.RequestException:  # listening, but the workers still import
                pass
            time.sleep(0.3)
        raise RuntimeError(
            f"gunicorn did not answer within {START_TIMEOUT_S} s:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        """The end of gunicorn's log (errors and tracebacks of the workers)."""
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def worker_pids(self) -> list[int]:
        """The pids of the master's children (the workers), from each process's stat in /proc."""
        workers = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # The command name may hold spaces; the parent pid is the 2nd field after ")".
                parent = int(stat.read_text().rpartition(")")[2].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # the process ended while we looked
            if parent == self.process.pid:
                workers.append(int(stat.parent.name))
        return sorted(workers)

    def worker_memory(self) -> dict[int, dict[str, int]]:
        """VmHWM (peak resident) and VmRSS of each worker, in KiB, by pid."""
        memory = {}
        for pid in self.worker_pids():
            fields = {}
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                name, _, value = line.partition(":")
                if name in ("VmHWM", "VmRSS"):
                    fields[name] = int(value.split()[0])
            memory[pid] = fields
        return memory

    def stop(self) -> None:
        """Ask the master to stop (it stops its workers); kill it if it does not within 20 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def database_facts(database_url: str, username: str) -> tuple[dict, object]:
    """Counts for the report, ids the bench needs, and a fresh API token of the user."""
    app = create_app(
        {
            "METRICS_ENV": "testing",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench" * 10,
            "METRICS_INSTANCE_PATH": tempfile.mkdtemp(prefix="metrics-bench-"),
        }
    )
    database = get_database(app)
    with database.session_factory() as session:
        user_id = session.scalar(select(User.id).where(User.username == username))
        if user_id is None:
            raise SystemExit(f"no user {username!r} in {database.engine.url!r}")

        def count(model) -> int:
            return session.scalar(select(func.count()).where(model.user_id == user_id))

        first_day = session.scalar(
            select(func.min(DailyMetric.date)).where(DailyMetric.user_id == user_id)
        )
        newest = session.scalars(
            select(TrainingSession.id)
            .where(TrainingSession.user_id == user_id)
            .order_by(TrainingSession.date.desc(), TrainingSession.id.desc())
            .limit(1)
        ).first()
        exercise = session.scalar(
            select(WorkoutDetail.exercise_id)
            .where(WorkoutDetail.user_id == user_id)
            .where(WorkoutDetail.exercise_id.is_not(None))
            .limit(1)
        )
        others = session.scalars(
            select(User.username)
            .where(User.username.like("user0%"))
            .order_by(User.username)
            .limit(8)
        ).all()
        if newest is None or exercise is None:
            raise SystemExit(f"{username} has no workout lines: the bench needs a training user")
        facts = {
            "last_line": session.scalar(
                select(func.max(WorkoutDetail.id)).where(WorkoutDetail.user_id == user_id)
            ),
            "backend": database.engine.url.get_backend_name(),
            "users_in_database": session.scalar(select(func.count()).select_from(User)),
            "user": username,
            "user_rows": {
                "daily_metrics": count(DailyMetric),
                "sessions": count(TrainingSession),
                "workout_lines": count(WorkoutDetail),
            },
            "rows_in_database": {
                "daily_metrics": session.scalar(select(func.count()).select_from(DailyMetric)),
                "workout_lines": session.scalar(select(func.count()).select_from(WorkoutDetail)),
            },
            "session": newest,
            "exercise": exercise,
            "free_day": ((first_day or datetime.now(UTC).date()) - timedelta(days=1)).isoformat(),
            "workload_users": list(others),
        }
        created = api_tokens.create_token(session, user_id, "bench_http")
        if created is None:
            raise SystemExit(f"{username} has {api_tokens.MAX_TOKENS} live API tokens: revoke one")
        view, secret = created
    facts.update(user_id=user_id, token_id=view.id, api={"Authorization": f"Bearer {secret}"})
    return facts, database


def widget_types(database, user_id: int) -> dict[int, str]:
    """The user's visible widgets (the first dashboard visit lays out the defaults)."""
    with database.session_factory() as session:
        rows = session.execute(
            select(DashboardWidget.id, DashboardWidget.widget_type)
            .where(DashboardWidget.user_id == user_id, DashboardWidget.is_visible)
            .order_by(DashboardWidget.id)
        )
        return {row.id: row.widget_type for row in rows}


def user_id_of(database, username: str) -> int:
    """The id of the user with this username."""
    with database.session_factory() as session:
        return session.scalar(select(User.id).where(User.username == username))


def undo_leftovers(database, facts: dict) -> list[str]:
    """Delete what an interrupted run left: the free day's entry, lines newer than the last.

    The bench undoes each save itself; this only finds something after a crash or Ctrl-C
    between a save and its undo. Goes through the services, so records are kept right.
    """
    user_id, undone = facts["user_id"], []
    with database.session_factory() as session:
        day = datetime.fromisoformat(facts["free_day"]).date()
        entry = session.scalar(
            select(DailyMetric.id).where(DailyMetric.user_id == user_id, DailyMetric.date == day)
        )
        if entry is not None and daily_log.delete_entry(session, user_id, entry):
            undone.append(f"daily entry of {day}")
        lines = session.scalars(
            select(WorkoutDetail.id).where(
                WorkoutDetail.user_id == user_id, WorkoutDetail.id > (facts["last_line"] or 0)
            )
        ).all()
        undone += [
            f"line {line}" for line in lines if workout_lines.delete_line(session, user_id, line)
        ]
        api_tokens.revoke_token(session, user_id, facts["token_id"])
        session.commit()
    return undone
