"""The settings page's callbacks, through the real Flask stack."""

import pytest
from sqlalchemy import func, select

from dashboard_app.database import get_database
from dashboard_app.services.dashboard import default_view
from dashboard_app.ui import ids
from dashboard_app.ui.ids import feedback_id
from db.models import DailyMetric, User
from tests.helpers import PASSWORD, callback_payload, callback_response, make_user, post_callback

PROFILE = ids.SETTINGS_PROFILE_FIELDS
PASSWORD_FIELDS = ids.SETTINGS_PASSWORD_FIELDS
EMAIL = ids.SETTINGS_EMAIL_FIELDS
DELETE = ids.SETTINGS_DELETE_FIELDS


def _feedback(fields):
    return [(f, "invalid") for f in fields.values()] + [
        (feedback_id(f), "children") for f in fields.values()
    ]


def _post_form(client, fields, values, button, extra_outputs):
    payload = callback_payload(
        [*_feedback(fields), *extra_outputs],
        [(button, "n_clicks", 1)],
        state=[(fields[name], "value", values.get(name)) for name in fields],
    )
    return post_callback(client, payload)


def _profile(client, **values):
    base = {
        "first_name": "Alice",
        "last_name": "Liddell",
        "gender": "female",
        "weight_unit": "lb",
        "height_unit": "in",
        "theme": "dark",
        "e1rm_formula": "brzycki",
        "dashboard_view": "90d",
    }
    base.update(values)
    return _post_form(
        client,
        PROFILE,
        base,
        ids.SETTINGS_PROFILE_SAVE,
        [(ids.SETTINGS_PROFILE_STATUS, "children"), (ids.THEME_SWITCH, "value")],
    )


def _user(app, username="alice"):
    with get_database(app).session_factory() as session:
        return session.scalar(select(User).where(User.username == username))


def test_profile_form_is_filled_from_the_database(logged_in):
    payload = callback_payload(
        [(f, "value") for f in PROFILE.values()], [(ids.SETTINGS_LOAD, "data", True)]
    )
    reply = callback_response(post_callback(logged_in, payload))
    assert reply[PROFILE["weight_unit"]]["value"] == "kg"
    assert reply[PROFILE["theme"]]["value"] == "light"
    assert reply[PROFILE["first_name"]]["value"] == ""


def test_profile_saves_units_and_theme_and_applies_the_theme(app, logged_in):
    reply = callback_response(_profile(logged_in))
    assert reply[ids.THEME_SWITCH]["value"] is True
    assert "Profile saved" in str(reply[ids.SETTINGS_PROFILE_STATUS])
    user = _user(app)
    assert (user.first_name, user.weight_unit, user.height_unit, user.theme) == (
        "Alice",
        "lb",
        "in",
        "dark",
    )
    page = logged_in.get("/").get_data(as_text=True)
    assert 'data-bs-theme="dark"' in page  # applied server-side on the next page load
    with get_database(app).session_factory() as session:
        assert default_view(session, user.id) == "90d"


def test_changing_the_e1rm_formula_re_rates_the_records(app, logged_in, user):
    from datetime import date

    from dashboard_app.schemas.workouts import LineInput, SessionInput
    from dashboard_app.services import workout_lines, workouts
    from dashboard_app.services.catalogue import seed_catalogue
    from db.models import Exercise, PersonalRecord

    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        squat = session.scalar(select(Exercise.id).where(Exercise.name == "Barbell Squat"))
        day = workouts.create_session(session, user.id, SessionInput(date=date(2026, 3, 2)))
        workout_lines.add_line(
            session, user.id, day, LineInput(exercise_id=squat, sets=3, reps=5, load_kg=100.0)
        )
        session.commit()

    def e1rm():
        with get_database(app).session_factory() as session:
            return session.scalar(
                select(PersonalRecord.record_value).where(PersonalRecord.record_type == "e1rm")
            )

    assert e1rm() == pytest.approx(112.5)  # Brzycki: 100 x 36 / 32
    callback_response(_profile(logged_in, e1rm_formula="epley"))
    assert e1rm() == pytest.approx(116.667, abs=0.001)  # Epley: 100 x (1 + 5 / 30)
    assert _user(app).e1rm_formula == "epley"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"weight_unit": "stone"}, "weight_unit"),
        ({"theme": "neon"}, "theme"),
        ({"first_name": "x" * 81}, "first_name"),
        ({"height_unit": 7}, "height_unit"),
        ({"e1rm_formula": "lombardi"}, "e1rm_formula"),
        ({"dashboard_view": "2w"}, "dashboard_view"),
        ({"first_name": ["not", "text"]}, "first_name"),
    ],
)
def test_profile_errors_are_shown_at_the_field_and_nothing_is_saved(app, logged_in, values, field):
    reply = callback_response(_profile(logged_in, **values))
    assert reply[PROFILE[field]]["invalid"] is True
    assert reply[feedback_id(PROFILE[field])]["children"]
    assert "Nothing was saved" in str(reply[ids.SETTINGS_PROFILE_STATUS])
    user = _user(app)
    assert (user.first_name, user.weight_unit, user.theme) == (None, "kg", "light")


def _password(client, current, new, confirm=None):
    values = {"current_password": current, "password": new, "password_confirm": confirm or new}
    return _post_form(
        client,
        PASSWORD_FIELDS,
        values,
        ids.SETTINGS_PASSWORD_SAVE,
        [
            (ids.SETTINGS_PASSWORD_STATUS, "children"),
            *[(f, "value") for f in PASSWORD_FIELDS.values()],
            (ids.TOKEN_LOAD, "data"),
            (ids.LOGINS_LOAD, "data"),
        ],
    )


def test_password_change_needs_the_current_password(app, logged_in, auth):
    reply = callback_response(_password(logged_in, "wrong current", "a fresh passphrase"))
    assert reply[PASSWORD_FIELDS["current_password"]]["invalid"] is True
    assert "wrong" in reply[feedback_id(PASSWORD_FIELDS["current_password"])]["children"]
    reply = callback_response(_password(logged_in, PASSWORD, "a fresh passphrase"))
    assert "Password changed" in str(reply[ids.SETTINGS_PASSWORD_STATUS])
    assert reply[PASSWORD_FIELDS["password"]]["value"] == ""
    auth.logout()
    assert auth.login("alice", PASSWORD).status_code == 401
    assert auth.login("alice", "a fresh passphrase").status_code == 302


def test_password_change_applies_the_password_policy(logged_in):
    reply = callback_response(_password(logged_in, PASSWORD, "iloveyou1", "iloveyou1"))
    assert "most common" in reply[feedback_id(PASSWORD_FIELDS["password"])]["children"]
    reply = callback_response(_password(logged_in, PASSWORD, "one long phrase", "another one"))
    assert reply[PASSWORD_FIELDS["password_confirm"]]["invalid"] is True


def _email(client, email, password):
    return _post_form(
        client,
        EMAIL,
        {"email": email, "password": password},
        ids.SETTINGS_EMAIL_SAVE,
        [(ids.SETTINGS_EMAIL_STATUS, "children"), (EMAIL["password"], "value")],
    )


def test_email_change(app, logged_in):
    make_user(app, "bob")
    taken = callback_response(_email(logged_in, "BOB@example.com", PASSWORD))
    assert "Another account" in taken[feedback_id(EMAIL["email"])]["children"]
    wrong = callback_response(_email(logged_in, "new@example.com", "bad password"))
    assert wrong[EMAIL["password"]]["invalid"] is True
    invalid = callback_response(_email(logged_in, "no-at-sign", PASSWORD))
    assert invalid[EMAIL["email"]]["invalid"] is True
    assert _user(app).email == "alice@example.com"
    done = callback_response(_email(logged_in, "New@Example.com", PASSWORD))
    assert "new@example.com" in str(done[ids.SETTINGS_EMAIL_STATUS])
    assert _user(app).email == "new@example.com"


def _delete(client, password, confirm):
    return _post_form(
        client,
        DELETE,
        {"password": password, "confirm": confirm},
        ids.SETTINGS_DELETE_SAVE,
        [(ids.SETTINGS_DELETE_STATUS, "children"), (ids.SETTINGS_REDIRECT, "href")],
    )


def test_delete_account_needs_password_and_confirmation_and_removes_everything(app, logged_in):
    from datetime import date

    with get_database(app).session_factory() as session:
        alice = session.scalar(select(User).where(User.username == "alice"))
        session.add(DailyMetric(user_id=alice.id, date=date(2026, 1, 1), energy_level=7))
        session.commit()
    unconfirmed = callback_response(_delete(logged_in, PASSWORD, False))
    assert unconfirmed[DELETE["confirm"]]["invalid"] is True
    wrong = callback_response(_delete(logged_in, "bad password", True))
    assert wrong[DELETE["password"]]["invalid"] is True
    assert _user(app) is not None

    done = callback_response(_delete(logged_in, PASSWORD, True))
    assert done[ids.SETTINGS_REDIRECT]["href"] == "/login"
    assert _user(app) is None
    with get_database(app).session_factory() as session:
        assert session.scalar(select(func.count()).select_from(DailyMetric)) == 0
    assert logged_in.get("/settings").status_code == 302


def test_theme_switch_is_remembered_for_the_user(app, logged_in):
    payload = callback_payload((ids.THEME_SAVED, "clear_data"), [(ids.THEME_SAVED, "data", "dark")])
    assert post_callback(logged_in, payload).status_code in (200, 204)
    assert _user(app).theme == "dark"
    crafted = callback_payload(
        (ids.THEME_SAVED, "clear_data"), [(ids.THEME_SAVED, "data", "<script>")]
    )
    assert post_callback(logged_in, crafted).status_code in (200, 204)
    assert _user(app).theme == "dark"


def test_browser_time_zone_is_remembered_and_unknown_zones_are_ignored(app, logged_in):
    for zone, expected in (
        ("Europe/Berlin", "Europe/Berlin"),
        ("Mars/Olympus", "Europe/Berlin"),
        (42, "Europe/Berlin"),
    ):
        payload = callback_payload(
            (ids.BROWSER_TIMEZONE, "clear_data"), [(ids.BROWSER_TIMEZONE, "data", zone)]
        )
        assert post_callback(logged_in, payload).status_code in (200, 204)
        assert _user(app).timezone == expected


def test_today_is_the_users_today(app, user):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from dashboard_app.services.preferences import save_timezone, user_today

    with get_database(app).session_factory() as session:
        assert save_timezone(session, user.id, "Pacific/Kiritimati")  # UTC+14
        expected = datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
        assert user_today(session, user.id) == expected


# Bar and plates.

EQUIPMENT = ids.SETTINGS_EQUIPMENT_FIELDS


def _equipment_form(client):
    payload = callback_payload(
        [(f, "value") for f in EQUIPMENT.values()]
        + [(unit_id, "children") for unit_id in ids.SETTINGS_EQUIPMENT_UNITS],
        [(ids.SETTINGS_LOAD, "data", True), (ids.SETTINGS_PROFILE_STATUS, "children", None)],
    )
    reply = callback_response(post_callback(client, payload))
    return (
        reply[EQUIPMENT["bar_weight_kg"]]["value"],
        reply[EQUIPMENT["plates_kg"]]["value"],
        *(reply[unit_id]["children"] for unit_id in ids.SETTINGS_EQUIPMENT_UNITS),
    )


def _save_equipment(client, bar, plates):
    return callback_response(
        _post_form(
            client,
            EQUIPMENT,
            {"bar_weight_kg": bar, "plates_kg": plates},
            ids.SETTINGS_EQUIPMENT_SAVE,
            [(ids.SETTINGS_EQUIPMENT_STATUS, "children")],
        )
    )


def _stored_equipment(app):
    user = _user(app)
    return user.bar_weight_kg, user.plates_kg


def test_bar_and_plates_are_saved_and_rounded_loads_follow_them(app, logged_in):
    from dashboard_app.services.routines import user_equipment

    assert _equipment_form(logged_in) == (None, "", "kg", "kg")  # the standard ones
    reply = _save_equipment(logged_in, 15, " 20, 10 5;2.5,20 ")
    status = str(reply[ids.SETTINGS_EQUIPMENT_STATUS])
    assert "Bar and plates saved. 100 kg: Each side: 20 + 20 + 2.5 kg (15 kg bar)." in status
    assert _stored_equipment(app) == (15.0, [20.0, 10.0, 5.0, 2.5])
    assert _equipment_form(logged_in) == (15.0, "20, 10, 5, 2.5", "kg", "kg")
    with get_database(app).session_factory() as session:
        equipment = user_equipment(session, _user(app).id)
    assert equipment.rounded(101.4, "Barbell") == 100.0  # 15 + 2 x (20 + 20 + 2.5)
    assert equipment.rounded(103.9, "Barbell") == 105.0
    assert equipment.step_kg("Barbell") == 5.0

    _save_equipment(logged_in, None, "")
    assert _stored_equipment(app) == (None, None)
    assert _equipment_form(logged_in) == (None, "", "kg", "kg")


def test_bar_and_plates_are_typed_and_shown_in_pounds(app, logged_in):
    _profile(logged_in)  # the profile's unit is lb
    reply = _save_equipment(logged_in, 45, "45, 25, 10, 5, 2.5")
    assert "225 lb: Each side: 45 + 45 lb (45 lb bar)" in str(reply[ids.SETTINGS_EQUIPMENT_STATUS])
    bar, plates = _stored_equipment(app)
    assert bar == pytest.approx(20.41166, abs=1e-4)
    assert plates == pytest.approx([20.4117, 11.3398, 4.5359, 2.2680, 1.1340], abs=1e-4)
    assert _equipment_form(logged_in) == (45.0, "45, 25, 10, 5, 2.5", "lb", "lb")


@pytest.mark.parametrize(
    ("bar", "plates", "field", "message"),
    [
        (20, "20, heavy", "plates_kg", "“heavy” is not a weight"),
        (20, "20, 0", "plates_kg", "Each plate weighs more than 0 and at most 50 kg (110 lb)"),
        (20, "-5", "plates_kg", "Each plate weighs more than 0"),
        (20, "60", "plates_kg", "at most 50 kg"),
        (20, ", ".join(str(n) for n in range(1, 14)), "plates_kg", "at most 12 plate sizes"),
        (20, ["20"], "plates_kg", "separated by commas"),  # a crafted payload
        (150, "20", "bar_weight_kg", "Enter a bar from 0 to 100 kg (220 lb)"),
        (-1, "20", "bar_weight_kg", "Enter a bar from 0"),
        ("heavy", "20", "bar_weight_kg", "Enter the bar's weight as a number"),
        (True, "20", "bar_weight_kg", "as a number"),
    ],
)
def test_a_refused_bar_or_plate_keeps_what_was_stored(app, logged_in, bar, plates, field, message):
    _save_equipment(logged_in, 15, "20, 10, 5")
    reply = _save_equipment(logged_in, bar, plates)
    assert reply[EQUIPMENT[field]]["invalid"] is True
    assert message in reply[feedback_id(EQUIPMENT[field])]["children"]
    assert "Nothing was saved" in str(reply[ids.SETTINGS_EQUIPMENT_STATUS])
    assert _stored_equipment(app) == (15.0, [20.0, 10.0, 5.0])
