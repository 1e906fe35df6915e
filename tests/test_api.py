"""The REST API: tokens, every route, problem documents, isolation, and the OpenAPI document."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from dashboard_app.database import get_database
from dashboard_app.services import api_tokens
from db.models import DailyMetric, Exercise, PersonalRecord, TrainingSession
from tests.helpers import make_user

PROBLEM = "application/problem+json"


def _token(app, user_id, name="script") -> str:
    with get_database(app).session_factory() as session:
        _view, secret = api_tokens.create_token(session, user_id, name)
        session.commit()
    return secret


class Api:
    """A test client that sends one user's token with every request."""

    def __init__(self, client, token: str) -> None:
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def __getattr__(self, method):
        def call(path, **kwargs):
            return getattr(self.client, method)(f"/api/v1{path}", headers=self.headers, **kwargs)

        return call


@pytest.fixture
def alice(app, user):
    return Api(app.test_client(), _token(app, user.id))


@pytest.fixture
def bob(app):
    bob = make_user(app, "bob")
    return Api(app.test_client(), _token(app, bob.id))


def _count(app, model, user_id) -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(func.count(model.id)).where(model.user_id == user_id))


def _exercise_id(app, name="Barbell Squat") -> int:
    with get_database(app).session_factory() as session:
        return session.scalar(select(Exercise.id).where(Exercise.name == name))


@pytest.fixture
def catalogue(app):
    from dashboard_app.services.catalogue import seed_catalogue

    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()


# --- authentication ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/daily-metrics", "/sessions", "/exercises", "/records", "/insights", "/nowhere"]
)
def test_without_a_token_every_path_is_401_problem(client, path):
    reply = client.get(f"/api/v1{path}")
    assert reply.status_code == 401
    assert reply.content_type == PROBLEM
    assert reply.headers["WWW-Authenticate"].startswith("Bearer")
    assert reply.get_json()["title"] == "Unauthorized"


def test_a_session_cookie_never_authenticates_the_api(logged_in):
    assert logged_in.get("/").status_code == 200  # the cookie works for the app
    assert logged_in.get("/api/v1/daily-metrics").status_code == 401


def test_revoked_and_made_up_tokens_are_refused(app, user, client):
    token = _token(app, user.id)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/daily-metrics", headers=headers).status_code == 200
    with get_database(app).session_factory() as session:
        (view,) = api_tokens.list_tokens(session, user.id)
        assert view.last_used_at is not None and token.startswith(view.prefix)
        assert api_tokens.revoke_token(session, user.id, view.id)
        session.commit()
    assert client.get("/api/v1/daily-metrics", headers=headers).status_code == 401
    for header in ("Bearer mt_madeup", "Basic abc", "Bearer ", token):
        assert client.get("/api/v1/records", headers={"Authorization": header}).status_code == 401


def test_tokens_are_stored_hashed_and_listed_per_user(app, user):
    bob = make_user(app, "bob")
    token = _token(app, user.id, "phone shortcut")
    with get_database(app).session_factory() as session:
        from db.models import ApiToken

        stored = session.scalars(select(ApiToken.token_hash)).all()
        assert token not in stored and len(stored[0]) == 64
        assert [t.name for t in api_tokens.list_tokens(session, user.id)] == ["phone shortcut"]
        assert api_tokens.list_tokens(session, bob.id) == []
        (view,) = api_tokens.list_tokens(session, user.id)
        assert not api_tokens.revoke_token(session, bob.id, view.id)  # not his


# --- daily metrics -------------------------------------------------------------------------


@pytest.mark.parametrize("number", [-0.0, 0, 1764806400, True])
def test_numbers_are_never_read_as_dates_or_times(app, user, alice, number):
    day = alice.post("/daily-metrics", json={"date": number, "energy_level": 6})
    sleep = alice.post("/daily-metrics", json={"date": "2026-03-02", "sleep_start": number})
    session = alice.post("/sessions", json={"date": "2026-03-02", "start_time": number})
    for reply, field in ((day, "date"), (sleep, "sleep_start"), (session, "start_time")):
        assert reply.status_code == 422, field
        errors = {error["field"]: error["message"] for error in reply.get_json()["errors"]}
        assert "not as a number" in errors[field]
    assert _count(app, DailyMetric, user.id) == 0


def test_daily_metrics_create_replace_get_list_delete(app, user, alice):
    created = alice.post("/daily-metrics", json={"date": "2026-03-02", "weight_kg": 80.25})
    assert created.status_code == 201
    assert created.get_json()["weight_kg"] == 80.25 and "weight" not in created.get_json()
    replaced = alice.post("/daily-metrics", json={"date": "2026-03-02", "energy_level": 6})
    assert replaced.status_code == 200
    assert replaced.get_json()["weight_kg"] is None  # replace: fields left out are cleared
    for day in range(3, 8):
        alice.post("/daily-metrics", json={"date": f"2026-03-0{day}", "water_ml": 2000.0})
    page = alice.get("/daily-metrics?start=2026-03-03&end=2026-03-06&page=2&page_size=3")
    body = page.get_json()
    assert (body["total"], body["page"], [d["date"] for d in body["items"]]) == (
        4,
        2,
        ["2026-03-03"],
    )
    assert alice.get("/daily-metrics/2026-03-02").get_json()["energy_level"] == 6
    assert alice.delete("/daily-metrics/2026-03-02").get_json() == {"deleted": True}
    assert alice.get("/daily-metrics/2026-03-02").status_code == 404
    assert _count(app, DailyMetric, user.id) == 5


def test_bad_daily_input_is_a_problem_naming_the_field_and_saves_nothing(app, user, alice):
    cases = [
        ({"date": "2026-03-02", "weight_kg": 4000}, "weight_kg"),
        ({"date": "2026-03-02", "energy_level": 11}, "energy_level"),
        ({"date": "2026-03-02", "weight": 80}, "weight"),  # the unit belongs in the name
        ({"date": "2026-13-02"}, "date"),
        (
            {
                "date": "2026-03-02",
                "sleep_start": "2026-03-01T23:00",
                "sleep_end": "2026-03-01T22:00",
            },
            "sleep_end",
        ),
    ]
    for body, field in cases:
        reply = alice.post("/daily-metrics", json=body)
        assert reply.status_code == 422, body
        assert reply.content_type == PROBLEM
        assert field in [e["field"] for e in reply.get_json()["errors"]], reply.get_json()
    assert alice.post(
        "/daily-metrics", data="not json", content_type="application/json"
    ).status_code in (400, 422)
    assert alice.get("/daily-metrics/yesterday").status_code == 404
    assert alice.get("/daily-metrics?start=2026-03-05&end=2026-03-01").get_json()["total"] == 0
    assert _count(app, DailyMetric, user.id) == 0


def test_bulk_upsert_saves_all_days_or_none(app, user, alice):
    days = [{"date": f"2026-04-{d:02d}", "weight_kg": 70.0 + d / 10} for d in range(1, 31)]
    reply = alice.post("/daily-metrics/bulk", json={"items": days})
    assert reply.get_json() == {"created": 30, "replaced": 0}
    days[3]["weight_kg"] = 1.0
    reply = alice.post("/daily-metrics/bulk", json={"items": days})
    assert reply.status_code == 422
    assert reply.get_json()["errors"][0]["field"] == "items.3.weight_kg"
    days[3]["weight_kg"] = 71.0
    assert alice.post("/daily-metrics/bulk", json={"items": days}).get_json() == {
        "created": 0,
        "replaced": 30,
    }
    assert alice.post("/daily-metrics/bulk", json={"items": days[:2] + days[:1]}).status_code == 422
    assert _count(app, DailyMetric, user.id) == 30


# --- sessions ------------------------------------------------------------------------------


def test_sessions_crud_with_lines_updates_records(app, user, alice, catalogue):
    squat = _exercise_id(app)
    body = {
        "date": "2026-05-01",
        "mesocycle": "Block A",
        "start_time": "18:00:00",
        "end_time": "19:10:00",
        "lines": [
            {"exercise_id": squat, "sets": 1, "reps": 5, "load_kg": 60, "is_warmup": True},
            {"exercise_id": squat, "sets": 3, "reps": 5, "load_kg": 120.5, "rir": 2},
        ],
    }
    created = alice.post("/sessions", json=body)
    assert created.status_code == 201, created.get_json()
    session = created.get_json()
    assert [(line["load_kg"], line["is_warmup"]) for line in session["lines"]] == [
        (60.0, True),
        (120.5, False),
    ]
    assert session["duration_minutes"] == 70
    assert _count(app, PersonalRecord, user.id) > 0
    listed = alice.get("/sessions").get_json()
    assert listed["total"] == 1 and listed["items"][0]["volume_kg"] == 3 * 5 * 120.5
    body["lines"] = body["lines"][1:]
    body["notes"] = "heavy"
    replaced = alice.put(f"/sessions/{session['id']}", json=body).get_json()
    assert len(replaced["lines"]) == 1 and replaced["notes"] == "heavy"
    assert alice.get(f"/sessions/{session['id']}").get_json() == replaced
    assert alice.delete(f"/sessions/{session['id']}").get_json() == {"deleted": True}
    assert _count(app, TrainingSession, user.id) == 0
    assert _count(app, PersonalRecord, user.id) == 0


def test_a_refused_line_saves_nothing_of_the_session(app, user, alice, catalogue):
    body = {
        "date": "2026-05-01",
        "lines": [{"exercise_id": 999_999, "sets": 3, "reps": 5, "load_kg": 50}],
    }
    reply = alice.post("/sessions", json=body)
    assert reply.status_code == 422
    assert reply.get_json()["errors"][0]["field"] == "lines.0.exercise_id"
    body["lines"][0].update(exercise_id=_exercise_id(app), load_kg=7000)
    assert alice.post("/sessions", json=body).get_json()["errors"][0]["field"] == "lines.0.load_kg"
    assert _count(app, TrainingSession, user.id) == 0


def test_a_hold_and_a_run_are_sets_of_time_and_distance(app, user, alice, catalogue):
    plank, run = _exercise_id(app, "Plank"), _exercise_id(app, "Running, Treadmill")
    body = {
        "date": "2026-05-01",
        "title": "Conditioning",
        "lines": [
            {"exercise_id": plank, "duration_seconds": 60},
            {"exercise_id": run, "duration_seconds": 1500, "distance_m": 5000},
        ],
    }
    created = alice.post("/sessions", json=body)
    assert created.status_code == 201, created.get_json()
    session = created.get_json()
    assert session["title"] == "Conditioning"
    assert [
        (line["reps"], line["duration_seconds"], line["distance_m"], line["block"])
        for line in session["lines"]
    ] == [(None, 60, None, 0), (None, 1500, 5000.0, 1)]
    body["lines"] = [{"exercise_id": plank}]  # neither reps nor a time: nothing was done
    refused = alice.put(f"/sessions/{session['id']}", json=body)
    assert refused.status_code == 422
    assert alice.get(f"/sessions/{session['id']}").get_json() == session


def _routine_body(app) -> dict:
    squat, plank = _exercise_id(app), _exercise_id(app, "Plank")
    return {
        "name": "Legs  A",
        "mesocycle": "Block A",
        "weekday": 0,
        "exercises": [
            {"exercise_id": squat, "target_sets": 3, "rep_min": 5, "rep_max": 8, "target_rir": 2},
            {"exercise_id": plank, "target_sets": 2, "target_seconds": 45},
        ],
    }


def test_routines_crud_and_starting_one_plans_its_sets(app, user, alice, catalogue):
    created = alice.post("/routines", json=_routine_body(app))
    assert created.status_code == 201, created.get_json()
    routine = created.get_json()
    assert routine["name"] == "Legs A" and routine["last_done"] is None
    assert [(e["exercise_name"], e["target_sets"]) for e in routine["exercises"]] == [
        ("Barbell Squat", 3),
        ("Plank", 2),
    ]
    assert alice.get("/routines").get_json() == {"items": [routine]}

    started = alice.post(f"/routines/{routine['id']}/start", json={"date": "2026-05-04"})
    assert started.status_code == 201, started.get_json()
    session = started.get_json()
    assert (session["title"], session["routine_id"], session["lines"]) == (
        "Legs A",
        routine["id"],
        [],
    )
    # First time: the top of the rep range, no load yet; the plank's time as the target.
    assert [(p["block"], p["reps"], p["duration_seconds"]) for p in session["planned"]] == [
        (0, 8, None),
        (0, 8, None),
        (0, 8, None),
        (1, None, 45),
        (1, None, 45),
    ]
    assert alice.get(f"/sessions/{session['id']}").get_json() == session
    listed = alice.get("/sessions").get_json()["items"][0]
    assert (listed["title"], listed["sets"]) == ("Legs A", 0)
    assert alice.get(f"/routines/{routine['id']}").get_json()["last_done"] == "2026-05-04"

    body = _routine_body(app)
    body["exercises"] = body["exercises"][:1]
    replaced = alice.put(f"/routines/{routine['id']}", json=body).get_json()
    assert len(replaced["exercises"]) == 1
    assert alice.delete(f"/routines/{routine['id']}").get_json() == {"deleted": True}
    assert alice.get("/routines").get_json() == {"items": []}
    kept = alice.get(f"/sessions/{session['id']}").get_json()  # its session stays, unlinked
    assert kept["routine_id"] is None and len(kept["planned"]) == 5


def test_a_refused_routine_saves_nothing_and_another_users_is_404(app, user, alice, bob, catalogue):
    body = _routine_body(app)
    body["exercises"][0]["exercise_id"] = 999_999
    refused = alice.post("/routines", json=body)
    assert refused.status_code == 422
    assert refused.get_json()["errors"][0]["field"] == "exercises.0.exercise_id"
    body = _routine_body(app)
    body["exercises"][0].update(rep_min=10, rep_max=6)
    assert alice.post("/routines", json=body).status_code == 422
    assert alice.get("/routines").get_json() == {"items": []}

    mine = alice.post("/routines", json=_routine_body(app)).get_json()
    path = f"/routines/{mine['id']}"
    assert bob.get(path).status_code == 404
    assert bob.put(path, json=_routine_body(app)).status_code == 404
    assert bob.post(f"{path}/start", json={}).status_code == 404
    assert bob.delete(path).status_code == 404
    assert bob.get("/routines").get_json() == {"items": []}
    assert alice.get(path).get_json() == mine
    assert alice.post(f"{path}/start", json={"date": "1899-12-31"}).status_code == 422
    assert _count(app, TrainingSession, user.id) == 0


# --- isolation -----------------------------------------------------------------------------


def test_another_users_ids_are_404_and_untouched(app, user, alice, bob, catalogue):
    squat = _exercise_id(app)
    mine = alice.post(
        "/sessions",
        json={
            "date": "2026-05-01",
            "lines": [{"exercise_id": squat, "sets": 1, "reps": 1, "load_kg": 100}],
        },
    ).get_json()
    alice.post("/daily-metrics", json={"date": "2026-05-01", "weight_kg": 61.0})
    path = f"/sessions/{mine['id']}"
    assert bob.get(path).status_code == 404
    assert bob.put(path, json={"date": "2026-05-02"}).status_code == 404
    assert bob.delete(path).status_code == 404
    assert bob.get("/daily-metrics/2026-05-01").status_code == 404
    assert bob.get("/daily-metrics").get_json()["total"] == 0
    assert bob.get("/sessions").get_json()["total"] == 0
    assert bob.get("/records").get_json() == []
    assert alice.get(path).get_json() == mine
    assert "61.0" not in bob.get("/insights").get_data(as_text=True)


# --- exercises, records, insights, widgets -------------------------------------------------


def test_exercises_search_and_custom_ones(app, user, alice, bob, catalogue):
    found = alice.get("/exercises?q=bech%20press&page_size=5").get_json()
    assert found["total"] > 5 and "Bench Press" in found["items"][0]["name"]
    with get_database(app).session_factory() as session:
        from db.models import MuscleGroup

        chest = session.scalar(select(MuscleGroup.id).where(MuscleGroup.name == "Chest"))
    created = alice.post("/exercises", json={"name": "Landmine Press", "muscle_group_id": chest})
    assert created.status_code == 201
    again = alice.post("/exercises", json={"name": "landmine press", "muscle_group_id": chest})
    assert again.status_code == 422 and again.get_json()["errors"][0]["field"] == "name"

    def customs(api):
        items = api.get("/exercises?q=Landmine%20Press&page_size=100").get_json()["items"]
        return [item["name"] for item in items if item["is_custom"]]

    assert customs(alice) == ["Landmine Press"]
    assert customs(bob) == []


def test_records_and_insights_lists(app, user, alice, catalogue):
    squat = _exercise_id(app)
    alice.post(
        "/sessions",
        json={
            "date": "2026-05-01",
            "lines": [{"exercise_id": squat, "sets": 3, "reps": 5, "load_kg": 100}],
        },
    )
    (entry,) = alice.get("/records").get_json()
    assert entry["name"] == "Barbell Squat"
    assert entry["current"]["max_load"]["load_kg"] == 100.0
    assert alice.get("/insights").get_json() == []  # a day of data tests no pair


def test_dashboard_widgets_get_and_replace(app, user, alice, bob):
    got = alice.get("/dashboard/widgets").get_json()
    assert got["default_view"] == "30d" and len(got["widgets"]) == 9
    new = [
        {
            "widget_type": "body_weight",
            "title": "Weight",
            "x": 0,
            "y": 0,
            "w": 6,
            "h": 5,
            "range": "1y",
        },
        {
            "widget_type": "sleep",
            "title": "Sleep",
            "x": 6,
            "y": 0,
            "w": 6,
            "h": 5,
            "is_visible": False,
        },
    ]
    replaced = alice.put("/dashboard/widgets", json={"widgets": new}).get_json()
    assert [(w["widget_type"], w["range"], w["is_visible"]) for w in replaced["widgets"]] == [
        ("body_weight", "1y", True),
        ("sleep", None, False),
    ]
    bad = alice.put("/dashboard/widgets", json={"widgets": [{**new[0], "widget_type": "stocks"}]})
    assert bad.status_code == 422
    bad = alice.put("/dashboard/widgets", json={"widgets": [{**new[0], "x": 10}]})
    assert bad.status_code == 422
    assert len(alice.get("/dashboard/widgets").get_json()["widgets"]) == 2
    assert len(bob.get("/dashboard/widgets").get_json()["widgets"]) == 9


# --- the document --------------------------------------------------------------------------


def test_the_openapi_document_is_public_and_names_units(client):
    reply = client.get("/api/v1/openapi.json")
    assert reply.status_code == 200
    document = reply.get_json()
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/daily-metrics",
        "/api/v1/sessions/{session_id}",
        "/api/v1/routines/{routine_id}/start",
        "/api/v1/dashboard/widgets",
    } <= set(document["paths"])
    schemas = document["components"]["schemas"]
    daily = next(s for name, s in schemas.items() if name.startswith("DailyMetricIn"))
    assert {"weight_kg", "water_ml", "calories_kcal"} <= set(daily["properties"])
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("path", ["/", "/nowhere", "/sessions/abc", "/daily-metrics/2026-01-01/x"])
def test_unknown_api_addresses_are_404_problems(alice, path):
    reply = alice.get(path)
    assert reply.status_code == 404 and reply.content_type == PROBLEM


@pytest.mark.parametrize(
    "body",
    ["not json", "[" * 100_000 + "]" * 100_000, '{"date": "2026-01-01"'],
    ids=["text", "deep", "cut"],
)
def test_a_body_that_is_not_json_is_a_400_problem(app, user, alice, body):
    reply = alice.post("/daily-metrics", data=body, content_type="application/json")
    assert reply.status_code == 400 and reply.content_type == PROBLEM
    assert reply.get_json()["detail"] == "The body is not valid JSON."
    assert _count(app, DailyMetric, user.id) == 0


def test_overlapping_shown_widgets_are_refused(app, user, alice):
    box = {"x": 0, "y": 0, "w": 6, "h": 5}
    widgets = [
        {"widget_type": "sleep", "title": "A", **box},
        {"widget_type": "sleep", "title": "B", **box},
    ]
    reply = alice.put("/dashboard/widgets", json={"widgets": widgets})
    assert reply.status_code == 422 and "overlaps" in reply.get_data(as_text=True)
    widgets[1]["is_visible"] = False  # a hidden widget keeps its old box: no overlap
    assert alice.put("/dashboard/widgets", json={"widgets": widgets}).status_code == 200


def test_a_refused_replacement_leaves_the_session_as_it_was(app, user, alice, catalogue):
    squat = _exercise_id(app)
    line = {"exercise_id": squat, "sets": 3, "reps": 5, "load_kg": 100}
    before = alice.post("/sessions", json={"date": "2026-05-01", "lines": [line]}).get_json()
    bad = {"date": "2026-05-02", "notes": "new", "lines": [line, {**line, "exercise_id": 999_999}]}
    reply = alice.put(f"/sessions/{before['id']}", json=bad)
    assert reply.status_code == 422
    assert reply.get_json()["errors"][0]["field"] == "lines.1.exercise_id"
    assert alice.get(f"/sessions/{before['id']}").get_json() == before


# --- idempotency keys ------------------------------------------------------------------------


def _keyed(api, path, key, **kwargs):
    headers = {**api.headers, "Idempotency-Key": key}
    return api.client.post(f"/api/v1{path}", headers=headers, **kwargs)


def test_a_retried_write_with_an_idempotency_key_is_applied_once(app, user, alice, bob):
    from db.models import TrainingSession

    body = {"date": "2026-03-02", "title": "Upper A"}
    first = _keyed(alice, "/sessions", "k1", json=body)
    again = _keyed(alice, "/sessions", "k1", json=body)
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert _count(app, TrainingSession, user.id) == 1
    # The same key for another request is refused; another user's key is their own.
    other = _keyed(alice, "/sessions", "k1", json={**body, "title": "Lower A"})
    assert other.status_code == 422 and "another request" in other.get_json()["detail"]
    bobs = _keyed(bob, "/sessions", "k1", json=body)
    assert bobs.status_code == 201 and bobs.get_json()["id"] != first.get_json()["id"]
    # Without a key, a second post is a second session.
    alice.post("/sessions", json=body)
    assert _count(app, TrainingSession, user.id) == 2


def test_an_idempotency_key_keeps_a_refusal_and_expires(app, user, alice):
    from datetime import timedelta

    from sqlalchemy import update

    from db.models import IdempotencyKey

    bad = {"date": "2026-03-02", "energy_level": 11}
    first = _keyed(alice, "/daily-metrics", "day-1", json=bad)
    again = _keyed(alice, "/daily-metrics", "day-1", json=bad)
    assert first.status_code == again.status_code == 422
    assert again.get_json() == first.get_json() and again.headers["Idempotent-Replayed"] == "true"
    with get_database(app).session_factory() as session:
        session.execute(
            update(IdempotencyKey).values(created_at=IdempotencyKey.created_at - timedelta(days=2))
        )
        session.commit()
    fixed = {"date": "2026-03-02", "energy_level": 7}
    assert _keyed(alice, "/daily-metrics", "day-1", json=fixed).status_code == 201
    for junk in ("", " ", "x" * 256, "a\tb"):
        reply = _keyed(alice, "/daily-metrics", junk, json=fixed)
        assert reply.status_code == 400, repr(junk)
    assert _count(app, DailyMetric, user.id) == 1
