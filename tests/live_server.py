"""A real gunicorn server on a free port, and HTTP clients that use it as a browser does."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.conftest import TEST_SECRET_KEY

REPO_ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
REQUEST_TIMEOUT_S = 30.0
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    """A running gunicorn master: its address, process and log."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self, last_chars: int = 6000) -> str:
        """The tail of gunicorn's stderr (tracebacks of failed requests land here)."""
        text = self.log_path.read_text("utf-8", errors="replace")
        return text[-last_chars:]

    def worker_pids(self) -> list[int]:
        """The pids of the master's live worker processes."""
        children: list[int] = []
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                children += [int(pid) for pid in (task / "children").read_text().split()]
            except (FileNotFoundError, ProcessLookupError):
                continue
        return sorted(pid for pid in set(children) if _is_running(pid))

    def wait_for_workers(self, count: int, timeout: float, exclude: set[int] = frozenset()) -> None:
        """Poll until count workers run, none of them in exclude (e.g. one just killed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == count and not exclude & set(pids):
                return
            time.sleep(0.05)
        raise AssertionError(f"workers {self.worker_pids()}, wanted {count}\n{self.log()}")


def _is_running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state not in ("Z", "X")  # a killed worker is a zombie until the master reaps it


def server_environment(database_url: str, instance_path: Path) -> dict[str, str]:
    """The environment the tests' app runs with (tests/conftest.py app_factory), plus one proxy
    hop so each client, sending its own X-Forwarded-For, has its own login rate limit."""
    return {
        **os.environ,
        "METRICS_ENV": "testing",
        "DATABASE_URL": database_url,
        "SECRET_KEY": TEST_SECRET_KEY,
        "METRICS_INSTANCE_PATH": str(instance_path),
        "REDIS_URL": "",
        "MAIL_SERVER": "",
        "METRICS_PROXY_HOPS": "1",
        "METRICS_LOG_LEVEL": "WARNING",
    }


@contextmanager
def live_server(
    database_url: str, work_dir: Path, *, workers: int = 2, threads: int = 4
) -> Iterator[LiveServer]:
    """gunicorn serving dashboard_app.wsgi:server on database_url until the block ends."""
    port = free_port()
    log_path = work_dir / "gunicorn.log"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        f"--workers={workers}",
        f"--threads={threads}",
        f"--bind=127.0.0.1:{port}",
        "--no-control-socket",  # the default socket path is shared by every gunicorn here
        "dashboard_app.wsgi:server",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=server_environment(database_url, work_dir / "instance"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log_path)
    try:
        _wait_until_serving(server)
        yield server
    finally:
        _stop(server)


def _stop(server: LiveServer) -> None:
    """Quick shutdown (SIGQUIT: the tests have their replies, nothing is left to finish)."""
    workers = server.worker_pids()
    server.process.send_signal(signal.SIGQUIT)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while any(_is_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        # Once its workers are gone the master only tidies up, which takes seconds.
        server.process.wait(0.5)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def _wait_until_serving(server: LiveServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while (left := deadline - time.monotonic()) > 0:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise AssertionError(f"gunicorn exited with {code}\n{server.log()}")
        try:
            # Once listening, a request waits in the queue until a worker has imported the
            # app: one request at a time, so the poll never lands as a burst on a new worker.
            reply = requests.get(f"{server.url}/login", timeout=(1, left))
        except requests.ConnectionError:
            time.sleep(0.1)
            continue
        except requests.Timeout:
            break
        assert reply.status_code == 200, f"GET /login: {reply.status_code}\n{server.log()}"
        return
    raise AssertionError(f"gunicorn did not serve /login in {START_TIMEOUT_S} s\n{server.log()}")


class BrowserClient:
    """One browser: its own cookies and keep-alive connection, and its own client address."""

    def __init__(self, base_url: str, address: str, cookies: Any = None) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self.http.headers["X-Forwarded-For"] = address
        if cookies is not None:
            self.http.cookies.update(cookies)  # another tab of a browser that logged in

    def login(self, username: str, password: str) -> None:
        """Log in through the form, with the CSRF token the page hands out."""
        page = self.http.get(f"{self.base_url}/login", timeout=REQUEST_TIMEOUT_S)
        token = _CSRF_FIELD.search(page.text)
        assert token, f"no csrf_token on /login ({page.status_code})"
        reply = self.http.post(
            f"{self.base_url}/login",
            data={"login": username, "password": password, "csrf_token": token.group(1)},
            allow_redirects=False,
            timeout=REQUEST_TIMEOUT_S,
        )
        assert reply.status_code == 302, f"login as {username}: {reply.status_code} {reply.text}"

    def post_callback(self, payload: dict[str, Any]) -> requests.Response:
        """POST a Dash callback payload as the renderer does (JSON, same origin)."""
        return self.http.post(
            f"{self.base_url}/_dash-update-component",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Origin": self.base_url},
            timeout=REQUEST_TIMEOUT_S,
        )

    def close(self) -> None:
        self.http.close()
