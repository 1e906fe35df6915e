"""A browser over HTTP for benchmarks: logs in through the form, speaks Dash's callback protocol.

Callback payloads are built from the server's own /_dash-dependencies and from the component
props of the layouts it sent, as the Dash renderer builds them; initial callbacks of a page are
found and chained the way the renderer fires them (a callback waits for those whose outputs it
takes as inputs). Callbacks that a component fires by itself (an AG Grid asking for rows) or
that run in the browser (clientside) are not emulated: the bench adds those requests by hand.
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import requests

_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
PAGES_OUTPUT = "_pages_content"
Key = tuple[str, str]  # (component key, property)


class _PlainHttpSession(requests.Session):
    """A session that sends Secure cookies back over plain HTTP.

    The server believes it sits behind a TLS proxy and marks its cookies Secure; the bench
    talks to it in plain HTTP on 127.0.0.1, so it unmarks them as they arrive.
    """

    def send(self, request, **kwargs):
        response = super().send(request, **kwargs)
        for cookie in self.cookies:
            cookie.secure = False
        return response


@dataclass
class Sample:
    """One request: wall time, status code and response body size."""

    ms: float
    status: int
    size: int


def component_key(component_id: str | dict) -> str:
    """A component id as Dash writes it in callback keys: dict ids as sorted, compact JSON."""
    if isinstance(component_id, dict):
        return json.dumps(component_id, separators=(",", ":"), sort_keys=True)
    return component_id


class BrowserClient:
    """One browser: its own cookie jar, its own client address (seen through the proxy)."""

    def __init__(self, base_url: str, address: str) -> None:
        self.base_url = base_url
        self.http = _PlainHttpSession()
        self.http.headers.update({"X-Forwarded-For": address, "X-Forwarded-Proto": "https"})
        # Over https flask-wtf wants a same-origin Referer on forms, as a browser sends it.
        self.http.headers["Referer"] = base_url.replace("http://", "https://", 1) + "/login"
        self.last: requests.Response | None = None

    def login(self, login: str, password: str) -> None:
        """GET /login, take the form's CSRF token, POST the form; raise unless it redirects."""
        page = self.http.get(f"{self.base_url}/login", timeout=30)
        match = _CSRF_FIELD.search(page.text)
        if not match:
            raise RuntimeError(f"no csrf_token field on /login ({page.status_code})")
        form = {"login": login, "password": password, "csrf_token": match.group(1), "next": ""}
        reply = self.http.post(
            f"{self.base_url}/login", data=form, allow_redirects=False, timeout=60
        )
        if reply.status_code != 302:
            raise RuntimeError(f"login as {login} failed: {reply.status_code} {reply.text[:300]}")

    def request(self, method: str, path: str, **kwargs) -> Sample:
        """Send one request, keep the response in self.last, and return its sample."""
        started = time.perf_counter()
        reply = self.http.request(method, f"{self.base_url}{path}", timeout=300, **kwargs)
        ms = (time.perf_counter() - started) * 1000
        self.last = reply
        return Sample(ms, reply.status_code, len(reply.content))

    def callback(self, payload: dict[str, Any]) -> Sample:
        """POST a callback payload as the renderer does (JSON, same origin)."""
        return self.request("POST", "/_dash-update-component", json=payload)

    def reply_props(self) -> dict[str, dict[str, Any]]:
        """The {component key: {property: value}} of the last callback reply (none for 204)."""
        if self.last is None or self.last.status_code != 200:
            return {}
        return self.last.json().get("response", {})


def walk_components(tree: Any, found: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Props of every component with an id in a serialised layout, by component key."""
    if isinstance(tree, dict):
        props = tree.get("props")
        if "type" in tree and isinstance(props, dict):
            if "id" in props:
                found[component_key(props["id"])] = props
            for value in props.values():
                walk_components(value, found)
        else:
            for value in tree.values():
                walk_components(value, found)
    elif isinstance(tree, list):
        for item in tree:
            walk_components(item, found)
    return found


def _pattern(dep_id: str) -> dict[str, Any] | None:
    return json.loads(dep_id) if dep_id.startswith("{") else None


def _output_parts(output: str) -> list[Key]:
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    return [(part.rsplit(".", 1)[0], part.rsplit(".", 1)[1].split("@")[0]) for part in parts]


@dataclass
class Call:
    """One callback to fire: its dependency entry and, for MATCH, the matched wildcard values."""

    spec: dict[str, Any]
    match: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The first output (and how many more), and the matched index of a MATCH callback."""
        parts = _output_parts(self.spec["output"])
        first = f"{_pattern_type(parts[0][0])}.{parts[0][1]}"
        more = f" +{len(parts) - 1} outputs" if len(parts) > 1 else ""
        return first + more + "".join(f" #{value}" for value in self.match.values())


def _pattern_type(dep_id: str) -> str:
    pattern = _pattern(dep_id)
    return pattern.get("type", dep_id) if pattern else dep_id


class DashCallbacks:
    """The server's callback map and the props a browser holds, to build and chain payloads."""

    def __init__(self, dependencies: list[dict[str, Any]]) -> None:
        self.server = [spec for spec in dependencies if not spec.get("clientside_function")]
        self.props: dict[str, dict[str, Any]] = {}

    def find(self, trigger: tuple[str | dict, str], output: str | None = None) -> Call:
        """The server callback that trigger (component id, property) fires."""
        component, prop = trigger
        kind = component["type"] if isinstance(component, dict) else component
        found = [
            spec
            for spec in self.server
            if (output is None or output in spec["output"])
            and (kind, prop) in {(_pattern_type(d["id"]), d["property"]) for d in spec["inputs"]}
        ]
        if len(found) != 1:
            raise LookupError(f"{len(found)} server callbacks match {trigger} and {output}")
        match = {"index": component["index"]} if isinstance(component, dict) else {}
        return Call(found[0], match)

    def _matching(self, pattern: dict[str, Any], match: dict[str, Any]) -> list[dict]:
        ids = []
        for props in self.props.values():
            candidate = props.get("id")
            if not isinstance(candidate, dict) or candidate.keys() != pattern.keys():
                continue
            if all(
                candidate[k] == (match.get(k) if v == ["MATCH"] else v)
                for k, v in pattern.items()
                if v != ["ALL"] and v != ["ALLSMALLER"]
            ):
                ids.append(candidate)
        return sorted(ids, key=component_key)

    def _value(self, component_id: str | dict, prop: str) -> Any:
        if prop == "id":
            return component_id
        return self.props.get(component_key(component_id), {}).get(prop)

    def _expand(self, dep_id: str, prop: str, match: dict[str, Any], with_value: bool):
        def one(component_id):
            item = {"id": component_id, "property": prop}
            if with_value:
                item["value"] = self._value(component_id, prop)
            return item

        pattern = _pattern(dep_id)
        if pattern is None:
            return one(dep_id)
        found = [one(c) for c in self._matching(pattern, match)]
        if ["MATCH"] in pattern.values():
            return found[0] if found else one({k: match.get(k, v) for k, v in pattern.items()})
        return found

    def payload(self, call: Call, changed: list[str] | None = None) -> dict[str, Any]:
        """The body the renderer posts for call, with the values the browser holds now."""
        spec, match = call.spec, call.match
        outputs = [self._expand(c, p, match, False) for c, p in _output_parts(spec["output"])]
        return {
            "output": spec["output"],
            "outputs": outputs if spec["output"].startswith("..") else outputs[0],
            "inputs": [self._expand(d["id"], d["property"], match, True) for d in spec["inputs"]],
            "state": [self._expand(d["id"], d["property"], match, True) for d in spec["state"]],
            "changedPropIds": changed or [],
        }

    def apply(self, reply: dict[str, dict[str, Any]]) -> list[str]:
        """Store a reply's outputs as the browser would; return the "key.prop" ids it set."""
        changed = []
        for key, values in reply.items():
            self.props.setdefault(key, {}).update(values)
            changed.extend(f"{key}.{prop}" for prop in values)
            for value in values.values():
                walk_components(value, self.props)
        return changed

    def initial_calls(self, new_keys: set[str]) -> list[list[Call]]:
        """The callbacks a freshly added layout fires, in waves: a wave waits for the one before.

        A callback fires if one of its inputs is in the new layout and it is not
        prevent_initial_call; a MATCH callback fires once per matched component. A callback
        whose input is another one's output waits for it (it fires once, after).
        """
        calls: list[Call] = []
        for spec in self.server:
            if spec.get("prevent_initial_call"):
                continue
            calls.extend(self._calls_in(spec, new_keys))
        outputs = [
            {(_pattern_type(c), p) for c, p in _output_parts(call.spec["output"])} for call in calls
        ]
        inputs = [
            {(_pattern_type(d["id"]), d["property"]) for d in call.spec["inputs"]} for call in calls
        ]
        waves: dict[int, int] = {}
        for _ in calls:  # longest-path levels; the graph is acyclic in a working app
            for i in range(len(calls)):
                before = [
                    waves.get(j, 0) + 1
                    for j in range(len(calls))
                    if j != i and outputs[j] & inputs[i]
                ]
                waves[i] = max(before, default=0)
        grouped: list[list[Call]] = [[] for _ in range(max(waves.values(), default=-1) + 1)]
        for i, call in enumerate(calls):
            grouped[waves[i]].append(call)
        return grouped

    def _calls_in(self, spec: dict[str, Any], new_keys: set[str]) -> list[Call]:
        new_types = {_pattern_type(key) for key in new_keys}
        triggered = False
        match_pattern = None
        for dep in spec["inputs"]:
            pattern = _pattern(dep["id"])
            if pattern is None:
                if dep["id"] in new_keys:
                    triggered = True
                elif dep["id"] not in self.props:
                    return []  # an input the page does not have: the renderer would not fire
            elif pattern.get("type") in new_types:
                triggered = True
                if ["MATCH"] in pattern.values():
                    match_pattern = pattern
        if not triggered:
            return []
        if match_pattern is None:
            return [Call(spec)]
        wildcards = [k for k, v in match_pattern.items() if v == ["MATCH"]]
        matched = self._matching({**match_pattern, **dict.fromkeys(wildcards, ["ALL"])}, {})
        return [Call(spec, {k: found[k] for k in wildcards}) for found in matched]
