"""Test helpers: logging in through the real forms, and Dash callback payloads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dashboard_app.database import get_database
from dashboard_app.services.users import create_user

PASSWORD = "correct horse battery staple"
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_user(app, username: str, password: str = PASSWORD, **fields):
    """Create and commit a user directly in the app's database."""
    with get_database(app).session_factory() as session:
        user = create_user(
            session,
            username=username,
            email=f"{username}@example.com",
            password=password,
            **fields,
        )
        session.commit()
        return user


def csrf_token(client, path: str = "/login") -> str:
    """The CSRF token a browser would find in the form at path."""
    page = client.get(path).get_data(as_text=True)
    match = _CSRF_FIELD.search(page)
    assert match, f"no csrf_token field on {path}"
    return match.group(1)


class AuthActions:
    """Log in and out through the real views, as a browser does."""

    PASSWORD = PASSWORD

    def __init__(self, client) -> None:
        self.client = client

    def login(self, login: str = "alice", password: str = PASSWORD, **extra):
        token = csrf_token(self.client, "/login")
        return self.client.post(
            "/login", data={"login": login, "password": password, "csrf_token": token, **extra}
        )

    def logout(self):
        layout = self.client.get("/_dash-layout").get_json()
        (token_input,) = find_components(layout, lambda props: props.get("name") == "csrf_token")
        return self.client.post("/logout", data={"csrf_token": token_input["value"]})


def find_components(tree: Any, predicate) -> list[dict[str, Any]]:
    """Props of every component in a serialised Dash layout for which predicate(props) holds."""
    found = []
    if isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict) and "type" in tree and predicate(props):
            found.append(props)
        for value in (props or {}).values() if isinstance(props, dict) else tree.values():
            found.extend(find_components(value, predicate))
    elif isinstance(tree, list):
        for item in tree:
            found.extend(find_components(item, predicate))
    return found


def callback_payload(
    outputs: list[tuple[str, str]] | tuple[str, str],
    inputs: list[tuple[str | dict, str, Any]],
    state: list[tuple[str | dict, str, Any]] | None = None,
    changed: list[str] | None = None,
) -> dict[str, Any]:
    """The JSON body the Dash renderer posts to /_dash-update-component.

    outputs: (component id, property) pairs; inputs and state: (id, property, value).
    """
    many = isinstance(outputs, list)
    output_list = outputs if many else [outputs]

    def output_key(component_id: str | dict, prop: str) -> str:
        key = (
            json.dumps(component_id, separators=(",", ":"), sort_keys=True)
            if isinstance(component_id, dict)
            else component_id
        )
        return f"{key}.{prop}"

    output_spec = [{"id": cid, "property": prop} for cid, prop in output_list]
    body: dict[str, Any] = {
        "output": (
            ".." + "...".join(output_key(c, p) for c, p in output_list) + ".."
            if many
            else output_key(*output_list[0])
        ),
        "outputs": output_spec if many else output_spec[0],
        "inputs": [{"id": cid, "property": prop, "value": value} for cid, prop, value in inputs],
        "changedPropIds": changed
        if changed is not None
        else [output_key(cid, prop) for cid, prop, _ in inputs[:1]],
    }
    if state:
        body["state"] = [
            {"id": cid, "property": prop, "value": value} for cid, prop, value in state
        ]
    return body


def post_callback(client, payload: dict[str, Any]):
    """POST a callback payload the way the browser does (JSON, same origin)."""
    return client.post(
        "/_dash-update-component",
        data=json.dumps(payload),
        content_type="application/json",
    )


def callback_response(response) -> dict[str, Any]:
    """The {component id: {property: value}} part of a successful callback reply."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()["response"]


def payload_for(
    app,
    trigger: tuple[str, str],
    value: Any,
    values: dict[tuple[str, str], Any] | None = None,
) -> dict[str, Any]:
    """The payload for the server callback that trigger (component id, property) fires.

    Outputs, inputs and state come from the app's own callback map; values gives the other
    inputs' and states' values by (id, property) (None where not given).
    """
    from dashboard_app.dash_app import DASH_EXTENSION_KEY

    values = {**(values or {}), trigger: value}
    callback_map = app.extensions[DASH_EXTENSION_KEY].callback_map
    for key, spec in callback_map.items():
        if "callback" not in spec:
            continue
        inputs = [(dep["id"], dep["property"]) for dep in spec["inputs"]]
        if trigger not in inputs:
            continue
        parts = key.strip(".").split("...") if key.startswith("..") else [key]
        outputs = []
        for part in parts:
            component, prop = part.rsplit(".", 1)
            outputs.append({"id": component, "property": prop.split("@")[0]})
        return {
            "output": key,
            "outputs": outputs if key.startswith("..") else outputs[0],
            "inputs": [{"id": c, "property": p, "value": values.get((c, p))} for c, p in inputs],
            "state": [
                {
                    "id": dep["id"],
                    "property": dep["property"],
                    "value": values.get((dep["id"], dep["property"])),
                }
                for dep in spec["state"]
            ],
            "changedPropIds": [f"{trigger[0]}.{trigger[1]}"],
        }
    raise LookupError(f"no server callback is triggered by {trigger}")


def component_key(component_id: str | dict) -> str:
    """A component id as Dash writes it in callback keys: dict ids as sorted, compact JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, separators=(",", ":"), sort_keys=True)
    return component_id


def _pattern_type(dep_id: str) -> str:
    return json.loads(dep_id)["type"] if dep_id.startswith("{") else dep_id


def pattern_payload(
    app,
    trigger: tuple[str | dict, str],
    value: Any,
    *,
    present: dict[str, list] | None = None,
    values: dict[tuple[str | dict, str], Any] | None = None,
    output: str | None = None,
) -> dict[str, Any]:
    """dash_payload for one trigger, with the page described by pattern type and index.

    trigger: (component id, property); a dict id stands for one component of a pattern.
    present: {pattern type: [index, ...]}, the components of each pattern on the page (the
    trigger's own is added), which ALL inputs, states and outputs expand to; MATCH takes the
    trigger's index. values: other inputs' and states' values by (id, property), a dict id
    written as component_key(id).
    output: part of an output key, to choose between callbacks with the same input.
    """
    components: list[tuple[str | dict, str, Any]] = [
        ({"index": index, "type": kind}, "", None)
        for kind, indexes in (present or {}).items()
        for index in indexes
    ]
    for (component_id, prop), known in (values or {}).items():
        if isinstance(component_id, str) and component_id.startswith("{"):
            component_id = json.loads(component_id)
        components.append((component_id, prop, known))
    components.append((*trigger, value))  # last: the trigger's new value wins
    return dash_payload(app, trigger, components, output=output)


# Real exports of other apps live beside the checkout (CI always has them); small samples
# written for these tests live in tests/fixtures/imports and cover every format everywhere.
IMPORT_FIXTURES = Path(__file__).parent / "fixtures" / "imports"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason=f"the real export samples are not at {SHARED_DATA}"
)


def import_fixture(name: str) -> bytes:
    return (IMPORT_FIXTURES / name).read_bytes()


def shared_data(name: str) -> bytes:
    return (SHARED_DATA / name).read_bytes()


def _matches(pattern: dict, candidate: dict, trigger: dict | None) -> bool:
    """Whether a present component's id fits a callback's pattern (MATCH: the trigger's)."""
    if set(pattern) != set(candidate):
        return False
    for key, wanted in pattern.items():
        if wanted == ["ALL"]:
            continue
        if wanted == ["MATCH"]:
            if trigger is None or candidate[key] != trigger.get(key):
                return False
        elif candidate[key] != wanted:
            return False
    return True


def dash_payload(
    app,
    triggers: list[tuple[str | dict, str]] | tuple[str | dict, str],
    components: list[tuple[str | dict, str, Any]],
    *,
    output: str | None = None,
) -> dict[str, Any]:
    """The payload the renderer posts when triggers change, for any callback shape.

    components: (id, property, value) of what the page holds, the triggers' new values
    included; pattern-matching inputs, states and outputs expand over the ids given (several
    keys, ALL and MATCH alike). output: part of an output key, to choose between callbacks.
    """
    from dashboard_app.dash_app import DASH_EXTENSION_KEY

    triggers = [triggers] if isinstance(triggers, tuple) else list(triggers)
    values = {(component_key(c), p): v for c, p, v in components}
    present = {component_key(c): c for c, _p, _v in components}
    for component, _prop in triggers:
        present.setdefault(component_key(component), component)
    first = triggers[0][0]
    trigger_type = first["type"] if isinstance(first, dict) else first
    match = first if isinstance(first, dict) else None
    callback_map = app.extensions[DASH_EXTENSION_KEY].callback_map
    found = [
        (key, spec)
        for key, spec in callback_map.items()
        if "callback" in spec
        and (output is None or output in key)
        and any(
            _pattern_type(dep["id"]) == trigger_type and dep["property"] == triggers[0][1]
            for dep in spec["inputs"]
        )
    ]
    if len(found) != 1:
        raise LookupError(f"{len(found)} server callbacks match {triggers[0]} and {output}")
    key, spec = found[0]

    def expand(dep_id: str, prop: str, with_value: bool):
        def one(cid):
            item = {"id": cid, "property": prop}
            if with_value:
                item["value"] = values.get((component_key(cid), prop))
            return item

        if not dep_id.startswith("{"):
            return one(dep_id)
        pattern = json.loads(dep_id)
        if all(v != ["ALL"] for v in pattern.values()):  # MATCH alone: the trigger's one
            return one({k: match[k] if v == ["MATCH"] else v for k, v in pattern.items()})
        fitting = [
            c for c in present.values() if isinstance(c, dict) and _matches(pattern, c, match)
        ]
        return [one(c) for c in fitting]

    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    outputs = []
    for part in parts:
        dep_id, dep_prop = part.rsplit(".", 1)
        outputs.append(expand(dep_id, dep_prop.split("@")[0], with_value=False))
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [expand(d["id"], d["property"], True) for d in spec["inputs"]],
        "state": [expand(d["id"], d["property"], True) for d in spec["state"]],
        "changedPropIds": [f"{component_key(c)}.{p}" for c, p in triggers],
    }


def number(text: str | None) -> float:
    return float(text) if text else 0.0


def assert_every_row_kept_or_listed(batch, rows: int) -> None:
    """Each of the file's rows is a line, an error or a skipped row, once, with a reason."""
    kept = [line.line for s in batch.sessions for line in s.lines]
    listed = [e.line for e in batch.errors] + [s.line for s in batch.skipped]
    assert batch.rows_read == rows
    assert batch.rows_read == len(kept) + len(batch.errors) + len(batch.skipped)
    assert sorted(kept + listed) == list(range(2, rows + 2))  # every line within the file
    assert all(entry.reason.strip() for entry in batch.errors + batch.skipped)


def timed_without_reps(rows: dict[int, dict], seconds: str, reps: str) -> dict[int, dict]:
    """The CSV rows (by line) that hold a time and no reps: a plank, a timed warm-up."""
    return {
        line: row
        for line, row in rows.items()
        if number(row[seconds]) > 0 and not number(row[reps])
    }
