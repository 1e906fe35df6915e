"""Fuzz every route of the REST API with junk and malformed requests (issue 9).

Every reply is below 500; a 4xx is a problem document with a reason and leaves the database
exactly as it was; a 2xx never touches the other user's rows. Derandomized, as the callbacks'.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote, urlencode

from hypothesis import example, given
from hypothesis import strategies as st

from tests.test_fuzz_callbacks import (
    DATE_TEXT,
    HUGE_INTS,
    JSON_TYPE,
    Ledger,
    Seeded,
    backend,
    call_safely,
    describe_failure,
    dumps,
    fuzz_settings,
    junk,
    scalars,
    seed_two_users,
)

API_PREFIX = "/api/v1"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
CONTENT_TYPES = [
    JSON_TYPE,
    "application/json; charset=utf-8",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "",
]


@dataclass(frozen=True)
class ApiCall:
    """One API request, printed in full when it fails."""

    method: str
    path: str
    query: str = ""
    body: bytes = b""
    content_type: str = JSON_TYPE
    authorization: str = ""
    token_of: str = "nobody"  # whose token authorization carries: alice, bob or nobody

    def send(self, client):
        return client.open(
            self.path,
            method=self.method,
            query_string=self.query,
            data=self.body,
            headers={"Authorization": self.authorization, "Content-Type": self.content_type},
        )


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    query_names: tuple[str, ...]
    body_schema: dict | None


def api_operations(document: dict) -> list[Operation]:
    """Every documented operation: its method, path template, query names and body schema."""
    operations = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            query = tuple(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
            content = (operation.get("requestBody") or {}).get("content", {})
            body = content.get(JSON_TYPE, {}).get("schema")
            operations.append(Operation(method.upper(), path, query, body))
    return operations


def from_schema(schema: dict, components: dict, depth: int = 0) -> st.SearchStrategy:
    """Values that mostly fit a JSON schema (the plausible half of the API's bodies)."""
    if "$ref" in schema:
        return from_schema(components[schema["$ref"].rsplit("/", 1)[1]], components, depth)
    if "anyOf" in schema:
        return st.one_of([from_schema(option, components, depth) for option in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "object" and depth < 3:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        values = {name: from_schema(sub, components, depth + 1) for name, sub in properties.items()}
        return st.fixed_dictionaries(
            {name: values[name] for name in properties if name in required},
            optional={name: values[name] for name in properties if name not in required},
        )
    if kind == "array":
        return st.lists(from_schema(schema.get("items", {}), components, depth + 1), max_size=3)
    if kind == "integer":
        low, high = schema.get("minimum", -5), schema.get("maximum", 10_000)
        return st.integers(low, min(high, low + 10_000))
    if kind == "number":
        return st.floats(schema.get("minimum", -1e3), schema.get("maximum", 1e6), allow_nan=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        formats = {
            "date": st.dates(date(2025, 12, 1), date(2026, 2, 1)).map(date.isoformat),
            "date-time": st.sampled_from(["2026-01-04T23:00:00", "2026-01-05T07:00:00"]),
            "time": st.sampled_from(["07:30", "18:00:00", "23:59"]),
        }
        return formats.get(
            schema.get("format"), st.text(max_size=min(schema.get("maxLength", 30), 30))
        )
    return st.none()


def _path_value(name: str, seeded: Seeded) -> st.SearchStrategy:
    if name == "day":
        known = st.sampled_from([*seeded.alice.days, *seeded.bob.days])
        return known | st.sampled_from(DATE_TEXT) | st.text(max_size=12)
    sessions = [*seeded.alice.rows["training_sessions"], *seeded.bob.rows["training_sessions"]]
    numbers = st.sampled_from(sessions) | st.sampled_from(HUGE_INTS) | st.integers()
    return numbers.map(str) | st.sampled_from(["abc", "1.5", "1e3", " 1", "0x1", "", "%00"])


def _fill_path(draw, template: str, seeded: Seeded) -> str:
    path = template
    while "{" in path:
        name = path[path.index("{") + 1 : path.index("}")]
        value = quote(str(draw(_path_value(name, seeded))), safe="")
        path = path.replace("{" + name + "}", value, 1)
    return path


def _query(draw, names: tuple[str, ...], seeded: Seeded) -> str:
    chosen = draw(st.lists(st.sampled_from([*names, "x", "page", "page[]"]), max_size=4))
    pairs = [(name, draw(scalars(seeded))) for name in chosen]
    return urlencode([(name, "" if value is None else str(value)) for name, value in pairs])


def _body(draw, operation: Operation, components: dict, seeded: Seeded) -> bytes:
    if operation.body_schema is None and draw(st.booleans()):
        return b""
    way = draw(st.sampled_from(["plausible", "plausible", "one field junk", "junk", "not JSON"]))
    if way == "not JSON":
        return draw(st.binary(max_size=100) | st.sampled_from([b"{", b"[1,", b'{"a":1}}']))
    if way == "junk" or operation.body_schema is None:
        return dumps(draw(junk(seeded)))
    value = draw(from_schema(operation.body_schema, components))
    if way == "one field junk" and isinstance(value, dict):
        value[draw(st.sampled_from([*value, "unknown"]))] = draw(junk(seeded))
    return dumps(value)


@st.composite
def api_calls(draw, operations: list[Operation], components: dict, seeded: Seeded) -> ApiCall:
    """A request to a documented route (now and then another address or method) with junk."""
    operation = draw(st.sampled_from(operations))
    path = _fill_path(draw, operation.path, seeded)
    if draw(st.integers(0, 9)) == 0:
        path = API_PREFIX + "/" + quote(draw(st.text(max_size=20)))
    method = operation.method if draw(st.integers(0, 4)) else draw(st.sampled_from(METHODS))
    token_of = draw(st.sampled_from(["alice"] * 6 + ["bob", "nobody"]))
    tokens = {"alice": seeded.alice.token, "bob": seeded.bob.token}
    authorization = (
        f"Bearer {tokens[token_of]}"
        if token_of in tokens
        else draw(st.sampled_from(["", "Bearer", "Bearer mt_nope", "Basic YTpi", "bearer  "]))
    )
    content_type = draw(st.sampled_from([JSON_TYPE] * 4 + CONTENT_TYPES))
    return ApiCall(
        method,
        path,
        _query(draw, operation.query_names, seeded),
        _body(draw, operation, components, seeded),
        content_type,
        authorization,
        token_of,
    )


def assert_problem(call: ApiCall, reply) -> None:
    """A 4xx is application/problem+json with a title and a reason."""
    text = reply.get_data(as_text=True)
    where = describe_failure(f"route {call.method} {call.path}", call, reply.status_code, text)
    assert reply.mimetype == "application/problem+json", where
    if call.method == "HEAD":
        return
    problem = json.loads(text)
    assert problem.get("status") == reply.status_code and problem.get("title"), where
    assert problem.get("detail") or problem.get("errors"), where


def explicit_api_calls(seeded: Seeded) -> list[ApiCall]:
    """Cases a random search might miss: Bob's rows through Alice's token, huge and odd ids."""
    alice = f"Bearer {seeded.alice.token}"
    bobs_session = seeded.bob.rows["training_sessions"][0]
    nan_day = b'{"date": "2026-01-07", "weight_kg": NaN, "water_ml": Infinity}'
    form = "application/x-www-form-urlencoded"
    return [
        ApiCall(
            "DELETE", f"{API_PREFIX}/sessions/{bobs_session}", authorization=alice, token_of="alice"
        ),
        ApiCall(
            "PUT",
            f"{API_PREFIX}/sessions/{bobs_session}",
            body=b'{"date": "2026-01-07"}',
            authorization=alice,
            token_of="alice",
        ),
        ApiCall(
            "DELETE",
            f"{API_PREFIX}/daily-metrics/{seeded.bob.days[0]}",
            authorization=alice,
            token_of="alice",
        ),
        ApiCall("GET", f"{API_PREFIX}/sessions/{2**70}", authorization=alice, token_of="alice"),
        ApiCall("GET", f"{API_PREFIX}/sessions/-1", authorization=alice, token_of="alice"),
        ApiCall(
            "POST",
            f"{API_PREFIX}/daily-metrics",
            body=nan_day,
            authorization=alice,
            token_of="alice",
        ),
        ApiCall(
            "POST",
            f"{API_PREFIX}/daily-metrics/bulk",
            body=b"[" * 5000,
            authorization=alice,
            token_of="alice",
        ),
        ApiCall(
            "POST",
            f"{API_PREFIX}/sessions",
            body=b'{"date": "2026-01-07"',
            authorization=alice,
            token_of="alice",
        ),
        ApiCall(
            "PUT",
            f"{API_PREFIX}/dashboard/widgets",
            body=b'{"widgets": "all"}',
            content_type="text/plain",
            authorization=alice,
            token_of="alice",
        ),
        ApiCall(
            "POST",
            f"{API_PREFIX}/daily-metrics",
            body=b'{"date": "2026-01-07"}',
            content_type=form,
            authorization=alice,
            token_of="alice",
        ),
        ApiCall("GET", f"{API_PREFIX}//sessions", authorization=alice, token_of="alice"),
    ]


API_EXAMPLES = {"sqlite": 300, "postgresql": 60}


def test_every_api_route_answers_junk_below_500_and_refusals_change_nothing(
    app, client, user, database_url
):
    seeded = seed_two_users(app, user.id)
    document = client.get(f"{API_PREFIX}/openapi.json").get_json()
    operations = api_operations(document)
    assert len(operations) >= 16, operations
    components = document["components"]["schemas"]
    ledger = Ledger(app, seeded)
    others = {"alice": {None, seeded.bob.user_id}, "bob": {None, seeded.alice.user_id}}

    @fuzz_settings(API_EXAMPLES[backend(database_url)])
    @given(call=api_calls(operations, components, seeded))
    def check(call: ApiCall) -> None:
        before = ledger.before()
        reply, crash = call_safely(lambda: call.send(client))
        where = f"route {call.method} {call.path}"
        ledger.check(where, call, reply, crash, before, others.get(call.token_of, {None}))
        if 400 <= reply.status_code < 500:
            assert_problem(call, reply)

    for call in explicit_api_calls(seeded):
        check = example(call=call)(check)
    check()
