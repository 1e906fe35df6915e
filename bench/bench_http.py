"""The app under gunicorn (2 workers, 4 threads), measured over HTTP as a logged-in browser.

Times, for one user of an already filled database: the first load of each page (its HTML, the
Dash layout and dependencies, the page's layout callback and the data callbacks it fires), each
dashboard widget over 30 days and over everything, saving a daily entry, saving a workout line,
an insights recompute, and the REST API lists; then a mixed read workload at concurrency 1 and
8 (requests/s). Prints median and p95 latency and response sizes, and the workers' peak memory.
Creates no data: writes are undone, and the API token it makes is revoked at the end.

Usage:
  python bench/bench_http.py --database-url URL [--user heavy --password P] [--repeat 20]
      [--duration 15] [--json FILE] [--compare OTHER.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import compare_rows, git_commit, print_rows, summarise  # noqa: E402
from http_client import (  # noqa: E402
    PAGES_OUTPUT,
    BrowserClient,
    DashCallbacks,
    Sample,
    component_key,
    walk_components,
)
from http_server import (  # noqa: E402
    GunicornServer,
    database_facts,
    undo_leftovers,
    user_id_of,
    widget_types,
)

from dashboard_app.ui import ids  # noqa: E402

PAGES = [
    "/",
    "/daily-log",
    "/workouts",
    "/workouts/{session}",
    "/exercises",
    "/exercises/{exercise}",
    "/records",
    "/insights",
    "/training",
    "/settings",
]
API_LISTS = {
    "API daily metrics, page of 100": "/api/v1/daily-metrics",
    "API daily metrics, page of 500": "/api/v1/daily-metrics?page_size=500",
    "API sessions, page of 50": "/api/v1/sessions",
    "API records": "/api/v1/records",
    "API insights": "/api/v1/insights",
}
GRID_ROWS = {"startRow": 0, "endRow": 100, "sortModel": [], "filterModel": {}}


class Recorder:
    """Samples by row name; failures (any status but 200 and 204) kept for the report."""

    def __init__(self) -> None:
        self.samples: dict[str, list[Sample]] = {}
        self.failures: list[str] = []

    def add(self, name: str, sample: Sample, client: BrowserClient) -> Sample:
        self.samples.setdefault(name, []).append(sample)
        if sample.status not in (200, 204):
            self.failures.append(f"{name}: {sample.status} {client.last.text[:300]!r}")
        return sample

    def rows(self) -> dict[str, dict[str, float]]:
        return {
            name: {
                **summarise([s.ms for s in samples]),
                "n": len(samples),
                "bytes": sorted(s.size for s in samples)[len(samples) // 2],
            }
            for name, samples in self.samples.items()
        }


def load_page(
    client: BrowserClient, path: str, rec: Recorder, label: str, kinds: dict | None = None
) -> DashCallbacks:
    """A browser's first load of path: HTML, layout, dependencies, the page, its data callbacks."""
    steps = [rec.add(f"{label}: GET html", client.request("GET", path), client)]
    steps.append(rec.add("GET /_dash-layout", client.request("GET", "/_dash-layout"), client))
    shell = client.last.json()
    steps.append(
        rec.add("GET /_dash-dependencies", client.request("GET", "/_dash-dependencies"), client)
    )
    dash = DashCallbacks(client.last.json())
    walk_components(shell, dash.props)
    dash.props["_pages_location"].update(pathname=path, search="")
    frame = dash.find(("_pages_location", "pathname"), output=PAGES_OUTPUT)
    steps.append(
        rec.add(f"{label}: page layout callback", client.callback(dash.payload(frame)), client)
    )
    before = set(dash.props)
    changed = set(dash.apply(client.reply_props()))
    if ids.DAILY_DATE in dash.props:  # set in the browser (clientside) to the local today
        dash.props[ids.DAILY_DATE]["value"] = datetime.now(UTC).date().isoformat()
    waits = [s.ms for s in steps]  # what the browser waits for: one after another, then ...
    for wave in dash.initial_calls(set(dash.props) - before):
        waits.append(0.0)  # ... the slowest of each wave, whose requests it sends together
        for call in wave:
            payload = dash.payload(call)
            flat = [
                i
                for item in payload["inputs"]
                for i in (item if isinstance(item, list) else [item])
            ]
            payload["changedPropIds"] = [
                f"{component_key(i['id'])}.{i['property']}"
                for i in flat
                if f"{component_key(i['id'])}.{i['property']}" in changed
            ]
            # A dashboard widget is named by its kind, not by its row id (which differs by user).
            name = (kinds or {}).get(call.match.get("index"), call.name)
            steps.append(rec.add(f"{label}: {name}", client.callback(payload), client))
            waits[-1] = max(waits[-1], steps[-1].ms)
            changed |= set(dash.apply(client.reply_props()))
    if ids.DAILY_GRID in dash.props:  # the grid asks for its first block by itself
        dash.props[ids.DAILY_GRID]["getRowsRequest"] = GRID_ROWS
        rows = dash.payload(
            dash.find((ids.DAILY_GRID, "getRowsRequest")), [f"{ids.DAILY_GRID}.getRowsRequest"]
        )
        steps.append(rec.add(f"{label}: history grid rows 0-100", client.callback(rows), client))
        waits.append(steps[-1].ms)
    rec.samples.setdefault(f"{label}: FIRST LOAD, sequential total", []).append(
        Sample(sum(s.ms for s in steps), 200, sum(s.size for s in steps))
    )
    rec.samples.setdefault(f"{label}: FIRST LOAD, waves in parallel", []).append(
        Sample(sum(waits), 200, sum(s.size for s in steps))
    )
    return dash


def widget_calls(client: BrowserClient, dash: DashCallbacks, types: dict[int, str]) -> dict:
    """Payloads of each dashboard widget's body callback for 30 days and for everything."""
    calls = {}
    for range_key in ("30d", "all"):
        dash.props[ids.DASHBOARD_RANGE]["value"] = range_key
        for widget_id, kind in types.items():
            reload_id = {"index": widget_id, "type": ids.WIDGET_RELOAD}
            call = dash.find((reload_id, "data"))
            changed = [f"{component_key(reload_id)}.data"]
            calls[f"widget {kind}, {range_key}"] = dash.payload(call, changed)
    return calls


def repeat(rec: Recorder, client: BrowserClient, name: str, send, times: int, undo=None) -> None:
    """Time send() times times (one warm-up first); undo runs untimed after each."""
    send()
    if undo:
        undo()
    for _ in range(times):
        rec.add(name, send(), client)
        if undo:
            undo()


def measure_writes(client, dash_daily, dash_session, facts, rec, times) -> None:
    """Save a daily entry and a workout line (each undone), then an insights recompute."""
    free_day = facts["free_day"]
    form = {field_id: None for field_id in ids.DAILY_FIELDS.values()}
    form.update({ids.DAILY_FIELDS[n]: "" for n in ids.DAILY_FIELDS if n.endswith("_level")})
    form.update({ids.DAILY_FIELDS["weight"]: 80.4, ids.DAILY_FIELDS["energy_level"]: 7})
    props = dash_daily.props
    for field_id, value in {**form, ids.DAILY_DATE: free_day}.items():
        props.setdefault(field_id, {})["value"] = value
    props.setdefault(ids.DAILY_CHANGED, {})["data"] = 0
    props.setdefault(ids.DAILY_SAVE, {})["n_clicks"] = 1
    props.setdefault(ids.DAILY_DELETE_CONFIRM, {})["n_clicks"] = 1
    save = dash_daily.payload(
        dash_daily.find((ids.DAILY_SAVE, "n_clicks")), [f"{ids.DAILY_SAVE}.n_clicks"]
    )
    delete_call = dash_daily.find((ids.DAILY_DELETE_CONFIRM, "n_clicks"))

    def save_day() -> Sample:
        sample = client.callback(save)
        entry_id = client.reply_props().get(ids.DAILY_ENTRY_ID, {}).get("data")
        props.setdefault(ids.DAILY_ENTRY_ID, {})["data"] = entry_id
        return sample

    def delete_day() -> None:
        payload = dash_daily.payload(delete_call, [f"{ids.DAILY_DELETE_CONFIRM}.n_clicks"])
        sample = client.callback(payload)
        assert sample.status == 200, (sample.status, client.last.text[:300], payload)

    save_day()
    assert (
        client.request("GET", f"/api/v1/daily-metrics/{free_day}", headers=facts["api"]).status
        == 200
    ), "the daily save did not land"
    delete_day()
    assert (
        client.request("GET", f"/api/v1/daily-metrics/{free_day}", headers=facts["api"]).status
        == 404
    ), "the daily delete did not land"
    repeat(rec, client, "save a daily entry (new day)", save_day, times, delete_day)

    session_id = facts["session"]
    sp = dash_session.props
    line = {
        "exercise_id": facts["exercise"],
        "sets": 3,
        "reps": 5,
        "load_kg": 60,
        "rir": "2",
        "stimulus": "",
        "fatigue_level": "",
        "is_warmup": False,
    }
    for name, value in line.items():
        sp.setdefault(ids.SESSION_LINE_FIELDS[name], {})["value"] = value
    sp.setdefault(ids.LINE_EDITING, {})["data"] = None
    sp.setdefault(ids.LINE_SAVE, {})["n_clicks"] = 1
    save_line = dash_session.payload(
        dash_session.find((ids.LINE_SAVE, "n_clicks")), [f"{ids.LINE_SAVE}.n_clicks"]
    )

    def line_ids() -> list[int]:
        client.request("GET", f"/api/v1/sessions/{session_id}", headers=facts["api"])
        return [item["id"] for item in client.last.json()["lines"]]

    def delete_new_line() -> None:
        (new_line,) = set(line_ids()) - kept
        button = {"index": new_line, "type": ids.DELETE_LINE}
        sp[component_key(button)] = {"id": button, "n_clicks": 1}
        payload = dash_session.payload(delete_line_call, [f"{component_key(button)}.n_clicks"])
        del sp[component_key(button)]
        sample = client.callback(payload)
        assert sample.status == 200, (sample.status, client.last.text[:300], payload)

    kept = set(line_ids())
    delete_line_call = dash_session.find(({"index": 0, "type": ids.DELETE_LINE}, "n_clicks"))
    client.callback(save_line)
    assert len(line_ids()) == len(kept) + 1, f"the line save did not land: {client.last.text[:300]}"
    delete_new_line()
    assert set(line_ids()) == kept, "the line delete did not land"
    repeat(
        rec,
        client,
        "save a workout line (newest session)",
        lambda: client.callback(save_line),
        times,
        delete_new_line,
    )

    dash_insights = load_page(client, "/insights", Recorder(), "")
    window = dash_insights.find((ids.INSIGHTS_WINDOW, "value"))
    dash_insights.props[ids.INSIGHTS_WINDOW]["value"] = "all"
    findings = dash_insights.payload(window, [f"{ids.INSIGHTS_WINDOW}.value"])

    def make_stale() -> None:  # a save changes the user's data: stored insights go stale
        save_day()
        delete_day()

    make_stale()
    repeat(
        rec,
        client,
        "insights recompute (findings, all, after a save)",
        lambda: client.callback(findings),
        max(3, times // 4),
        make_stale,
    )
    repeat(
        rec,
        client,
        "insights findings, all, nothing changed",
        lambda: client.callback(findings),
        times,
    )


def mixed_workload(clients, operations, duration, concurrency) -> dict:
    """Each of concurrency threads cycles through its client's reads for duration seconds."""
    rec = Recorder()

    def worker(index: int) -> None:
        client, ops = clients[index % len(clients)], operations[index % len(operations)]
        deadline, step = time.monotonic() + duration, index
        while time.monotonic() < deadline:
            name, send = ops[step % len(ops)]
            rec.add(name, send(client), client)
            step += 1

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(worker, range(concurrency)))
    elapsed = time.monotonic() - started
    everything = [s for samples in rec.samples.values() for s in samples]
    return {
        **summarise([s.ms for s in everything]),
        "n": len(everything),
        "requests_per_s": len(everything) / elapsed,
        "non_2xx": sum(s.status not in (200, 204) for s in everything),
        "failures": rec.failures[:20],
    }


def read_operations(client: BrowserClient, api: dict, database, user_id: int) -> list:
    """The mixed read workload of one logged-in client: pages, widgets, API lists."""
    dash = load_page(client, "/", Recorder(), "")
    ops = []
    for path in ("/", "/daily-log", "/workouts", "/records", "/insights", "/training"):
        dash.props["_pages_location"].update(pathname=path, search="")
        frame = dash.payload(dash.find(("_pages_location", "pathname"), output=PAGES_OUTPUT))
        ops.append((f"page {path}", lambda c, p=frame: c.callback(p)))
    dash.props["_pages_location"].update(pathname="/", search="")
    widgets = widget_calls(client, dash, widget_types(database, user_id))
    ops += [(n, lambda c, p=p: c.callback(p)) for n, p in widgets.items() if n.endswith("30d")]
    ops += [(n, lambda c, u=u: c.request("GET", u, headers=api)) for n, u in API_LISTS.items()]
    return ops


def run(server: GunicornServer, args, facts: dict, database) -> dict:
    """Every measurement against the running server: the timed rows and the mixed workload."""
    rec, times, api = Recorder(), args.repeat, facts["api"]
    addresses = iter(f"10.9.{n // 250}.{n % 250 + 1}" for n in range(10**4))
    client = BrowserClient(server.base_url, next(addresses))
    client.login(args.user, args.password)
    for _ in range(min(times, 5)):  # a fresh client each time: the limit counts per address
        fresh = BrowserClient(server.base_url, next(addresses))
        started = time.perf_counter()
        fresh.login(args.user, args.password)
        rec.samples.setdefault("login (form GET + POST, argon2id)", []).append(
            Sample((time.perf_counter() - started) * 1000, 302, 0)
        )
    pages = [p.format(session=facts["session"], exercise=facts["exercise"]) for p in PAGES]
    loaded = {}
    for path, template in zip(pages, PAGES, strict=True):
        label = "page " + template.replace("{session}", "<newest>").replace("{exercise}", "<id>")
        load_page(client, path, Recorder(), label)  # warm-up (the first visit lays out widgets)
        kinds = {i: f"widget {k}" for i, k in widget_types(database, facts["user_id"]).items()}
        for _ in range(times):
            loaded[path] = load_page(client, path, rec, label, kinds)
    widgets = widget_calls(client, loaded["/"], widget_types(database, facts["user_id"]))
    for name, payload in widgets.items():
        repeat(rec, client, name, lambda p=payload: client.callback(p), times)
    session_page = loaded[pages[3]]
    measure_writes(client, loaded["/daily-log"], session_page, facts, rec, times)
    for name, url in API_LISTS.items():
        repeat(rec, client, name, lambda u=url: client.request("GET", u, headers=api), times)

    workload_users = facts["workload_users"] or [args.user]
    passwords = {
        u: args.workload_password if u != args.user else args.password for u in workload_users
    }
    clients, operations = [], []
    for index in range(8):
        user = workload_users[index % len(workload_users)]
        reader = BrowserClient(server.base_url, next(addresses))
        reader.login(user, passwords[user])
        clients.append(reader)
        if index < len(workload_users):  # each user's dashboard laid out and warmed once
            user_id = user_id_of(database, user)
            operations.append(read_operations(reader, api, database, user_id))
    workload = {
        f"concurrency {n}": mixed_workload(clients, operations, args.duration, n) for n in (1, 8)
    }
    return {
        "rows": rec.rows(),
        "failures": rec.failures,
        "workload": workload,
        "workload_users": workload_users,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--user", default="heavy")
    parser.add_argument("--password", default="bench-password-2026")
    parser.add_argument(
        "--workload-password",
        default="bench-password-2026",
        help="password of the user0000N accounts of the mixed workload",
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--compare", type=Path, help="a JSON of another run: print ratios")
    args = parser.parse_args()

    facts, database = database_facts(args.database_url, args.user)
    try:
        with GunicornServer(args.database_url) as server:
            try:
                results = run(server, args, facts, database)
            except BaseException:
                print(server.log_tail(), file=sys.stderr)
                raise
            memory = server.worker_memory()
    finally:
        for leftover in undo_leftovers(database, facts):
            print(f"an interrupted write was undone: {leftover}", file=sys.stderr)
        database.engine.dispose()

    metadata = {
        key: facts[key]
        for key in ("backend", "users_in_database", "user", "user_rows", "rows_in_database")
    }
    metadata.update(
        commit=git_commit(),
        date=datetime.now(UTC).isoformat(timespec="seconds"),
        repeat=args.repeat,
        duration_s=args.duration,
    )
    peak = max(m["VmHWM"] for m in memory.values())
    output = {**metadata, **results, "workers_memory_kib": memory, "peak_worker_kib": peak}
    print(
        f"{facts['backend']}, user {args.user} {facts['user_rows']}, "
        f"{facts['users_in_database']} users in the database, commit {metadata['commit'][:12]}"
    )
    print_rows(results["rows"])
    for name, figures in results["workload"].items():
        print(
            f"mixed reads ({', '.join(results['workload_users'])}), {name}: "
            f"{figures['requests_per_s']:.1f} requests/s, median {figures['median_ms']:.1f} ms, "
            f"p95 {figures['p95_ms']:.1f} ms, n {figures['n']}, non-2xx {figures['non_2xx']}"
        )
        for failure in figures["failures"]:
            print(f"  FAILED {failure}")
    print(
        "worker memory (KiB): "
        + ", ".join(f"pid {pid}: peak {m['VmHWM']}, now {m['VmRSS']}" for pid, m in memory.items())
        + f"; max peak {peak / 1024:.0f} MiB"
    )
    for failure in results["failures"]:
        print(f"FAILED {failure}")
    if args.json:
        args.json.write_text(json.dumps(output, indent=2, default=str))
    if args.compare:
        other = json.loads(args.compare.read_text())
        compare_rows(results["rows"], other["rows"], f"this run / {args.compare.name}")
    failed = results["failures"] or any(w["non_2xx"] for w in results["workload"].values())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
