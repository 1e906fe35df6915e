"""The daily log service: one entry per day, edits, deletes, history pages, isolation."""

from datetime import date, datetime, time, timedelta

import pytest

from dashboard_app.schemas.daily_log import DailyEntryInput
from dashboard_app.services import daily_log
from dashboard_app.services.users import create_user

DAY = date(2026, 3, 10)


@pytest.fixture
def users(db_session):
    alice = create_user(
        db_session, username="alice", email="a@example.com", password="a long passphrase"
    )
    bob = create_user(
        db_session, username="bob", email="b@example.com", password="b long passphrase"
    )
    db_session.commit()
    return alice.id, bob.id


def save(session, user_id, **fields):
    saved = daily_log.save_entry(session, user_id, DailyEntryInput(**{"date": DAY, **fields}))
    session.commit()
    return saved


def test_saving_a_day_twice_updates_it_instead_of_duplicating(db_session, users):
    alice, _ = users
    first = save(db_session, alice, energy_level=5, weight=80.0)
    second = save(db_session, alice, energy_level=7)
    assert first.created and not second.created
    assert first.entry["id"] == second.entry["id"]
    loaded = daily_log.load_entry(db_session, alice, DAY)
    assert loaded["energy_level"] == 7
    assert loaded["weight"] is None  # the form sends every field: an emptied field is cleared
    assert daily_log.history_page(db_session, alice)[1] == 1


def test_one_users_day_never_touches_anothers(db_session, users):
    alice, bob = users
    save(db_session, alice, energy_level=9)
    save(db_session, bob, energy_level=2)
    assert daily_log.load_entry(db_session, alice, DAY)["energy_level"] == 9
    assert daily_log.load_entry(db_session, bob, DAY)["energy_level"] == 2


def test_delete_only_deletes_the_owners_entry(db_session, users):
    alice, bob = users
    entry_id = save(db_session, alice, energy_level=9).entry["id"]
    assert daily_log.delete_entry(db_session, bob, entry_id) is None
    assert daily_log.delete_entry(db_session, alice, str(entry_id)) is None
    assert daily_log.load_entry(db_session, alice, DAY) is not None
    assert daily_log.delete_entry(db_session, alice, entry_id) == DAY
    db_session.commit()
    assert daily_log.load_entry(db_session, alice, DAY) is None


def test_history_pages_sort_and_filter_on_the_server(db_session, users):
    alice, bob = users
    for offset in range(30):
        day = DAY - timedelta(days=offset)
        daily_log.save_entry(
            db_session,
            alice,
            DailyEntryInput(date=day, energy_level=offset % 10 + 1, weight=70 + offset / 10),
        )
    daily_log.save_entry(db_session, bob, DailyEntryInput(date=DAY, energy_level=1))
    db_session.commit()

    page, total = daily_log.history_page(db_session, alice, offset=0, limit=10)
    assert total == 30
    assert [row["date"] for row in page] == [DAY - timedelta(days=i) for i in range(10)]
    page, _ = daily_log.history_page(db_session, alice, offset=25, limit=10)
    assert len(page) == 5

    page, total = daily_log.history_page(
        db_session,
        alice,
        start=DAY - timedelta(days=4),
        end=DAY - timedelta(days=2),
        descending=False,
    )
    assert total == 3 and [row["date"] for row in page] == [
        DAY - timedelta(days=4),
        DAY - timedelta(days=3),
        DAY - timedelta(days=2),
    ]

    page, _ = daily_log.history_page(db_session, alice, sort="weight", descending=True, limit=1)
    assert page[0]["weight"] == pytest.approx(72.9)
    page, _ = daily_log.history_page(db_session, alice, sort="no_such_column; DROP", limit=1)
    assert page[0]["date"] == DAY  # unknown columns fall back to date
    assert daily_log.history_page(db_session, alice, limit=10**9, offset=-5)[0][0]["date"] == DAY


def test_copy_takes_meals_and_nutrition_from_the_week_before(db_session, users):
    alice, _ = users
    assert daily_log.repeated_fields_before(db_session, alice, DAY) is None
    daily_log.save_entry(
        db_session,
        alice,
        DailyEntryInput(
            date=DAY - timedelta(days=2),
            meals="oats",
            calories=2500,
            protein=150,
            weight=80,
            energy_level=4,
        ),
    )
    daily_log.save_entry(
        db_session, alice, DailyEntryInput(date=DAY - timedelta(days=9), meals="old")
    )
    db_session.commit()
    copied = daily_log.repeated_fields_before(db_session, alice, DAY)
    assert copied["date"] == DAY - timedelta(days=2)
    assert (copied["meals"], copied["calories"], copied["protein"]) == ("oats", 2500, 150)
    assert "weight" not in copied and "energy_level" not in copied
    assert daily_log.repeated_fields_before(db_session, alice, DAY + timedelta(days=6)) is None


def test_trend_rows_cover_the_range_oldest_first(db_session, users):
    alice, bob = users
    for offset in (0, 5, 40):
        day = DAY - timedelta(days=offset)
        woke = datetime.combine(day, time(7))
        entry = DailyEntryInput(date=day, sleep_start=woke - timedelta(hours=8), sleep_end=woke)
        daily_log.save_entry(db_session, alice, entry)
    daily_log.save_entry(db_session, bob, DailyEntryInput(date=DAY))
    db_session.commit()
    rows = daily_log.trend_rows(db_session, alice, DAY - timedelta(days=30))
    assert [row["date"] for row in rows] == [DAY - timedelta(days=5), DAY]
    assert "meals" not in rows[0] and rows[0]["sleep_end"].hour == 7
    assert len(daily_log.trend_rows(db_session, alice, None)) == 3
