"""Main journeys in headless Chromium (Debian's /usr/bin/chromium driven by Playwright)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading

import pytest

from dashboard_app.ui import ids

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

CHROMIUM = os.environ.get("METRICS_CHROMIUM", "/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"{CHROMIUM} is not installed"),
]
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000


@pytest.fixture
def live_app(tmp_path):
    """The app on a fresh SQLite database, served on a free localhost port."""
    from werkzeug.serving import make_server

    from dashboard_app import create_app
    from db.base import Base
    from db.session import create_db_engine

    url = f"sqlite:///{tmp_path / 'browser.db'}"
    engine = create_db_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    app = create_app(
        {
            "METRICS_ENV": "testing",
            "DATABASE_URL": url,
            "SECRET_KEY": "b" * 40,
            "METRICS_INSTANCE_PATH": str(tmp_path / "instance"),
            "REDIS_URL": "",
            "MAIL_SERVER": "",
        }
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{port}"
    server.shutdown()
    thread.join(timeout=5)
    app.extensions["metrics_tracker.db"].engine.dispose()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def _login(page, base, login="alice", password=None, navigate=True):
    from tests.helpers import PASSWORD

    if navigate:
        page.goto(f"{base}/login")
    page.get_by_label("Username or email").fill(login)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector(".app-navbar")


def test_login_shows_the_navbar_with_every_page_and_no_console_errors(live_app, page):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice", first_name="Alice")
    page.goto(f"{base}/settings")
    assert "/login?next=" in page.url  # logged out: sent to log in first, then back
    _login(page, base, navigate=False)
    assert page.url.rstrip("/") == f"{base}/settings"
    navbar = page.locator(".app-navbar")
    for name in ("Dashboard", "Daily log", "Workouts", "Exercises", "Insights"):
        assert navbar.get_by_role("link", name=name).is_visible()
    assert navbar.get_by_text("Alice").is_visible()
    navbar.get_by_role("link", name="Dashboard").click()
    page.get_by_text("Nothing logged yet").wait_for()
    assert page.console_errors == []


def test_register_settings_theme_logout_login_journey(live_app, page):
    _app, base = live_app
    page.goto(f"{base}/register")
    page.get_by_label("Username").fill("newlifter")
    page.get_by_label("Email").fill("newlifter@example.com")
    page.get_by_label("Password", exact=True).fill("squat heavy sleep well")
    page.get_by_label("Password again").fill("squat heavy sleep well")
    page.get_by_label("First name (optional)").fill("Nina")
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Nothing logged yet").wait_for()

    page.locator(".app-navbar").get_by_text("Nina").click()
    page.get_by_role("link", name="Settings").click()
    page.get_by_role("heading", name="Settings").wait_for()
    expect(page.get_by_label("Weight unit")).to_have_value("kg")
    page.get_by_label("Weight unit").select_option("lb")
    page.get_by_label("Theme", exact=True).select_option("dark")
    page.get_by_role("button", name="Save profile").click()
    page.get_by_text("Profile saved.").wait_for()
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"

    page.locator(".app-navbar").get_by_text("Nina").click()
    page.get_by_role("button", name="Log out", exact=True).click()
    page.get_by_text("You are logged out.").wait_for()
    _login(page, base, "newlifter@example.com", "squat heavy sleep well")
    assert page.locator("html").get_attribute("data-bs-theme") == "dark"
    page.goto(f"{base}/settings")
    expect(page.get_by_label("Weight unit")).to_have_value("lb")
    assert page.console_errors == []


def test_theme_switch_applies_at_once_and_survives_a_reload(live_app, page):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice")
    _login(page, base)
    html = page.locator("html")
    assert html.get_attribute("data-bs-theme") == "light"
    with page.expect_response(
        lambda r: "_dash-update-component" in r.url and "shell-theme-saved" in r.request.post_data
    ) as saved:
        page.get_by_label("Dark theme").check()
    assert saved.value.status in (200, 204)
    expect(html).to_have_attribute("data-bs-theme", "dark")
    page.reload()
    page.wait_for_selector(".app-navbar")
    assert html.get_attribute("data-bs-theme") == "dark"


def test_phone_width_collapses_the_navbar_and_never_scrolls_sideways(live_app, browser):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice")
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _login(page, base)
    daily_log = page.locator(".app-navbar").get_by_role("link", name="Daily log")
    assert not daily_log.is_visible()
    page.get_by_role("button", name="Show or hide the navigation").click()
    daily_log.wait_for(state="visible")
    daily_log.click()
    page.wait_for_url(re.compile(r".*/daily-log$"))
    for path in ("/", "/daily-log", "/settings", "/login", "/register"):
        page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    context.close()


def _choose_day(page, day):
    """Pick a day and wait until the form has loaded it (typing earlier would be overwritten)."""
    expect(page.get_by_label("Day", exact=True)).not_to_have_value("")  # today has loaded
    expected = f'"id":"daily-date","property":"value","value":"{day}"'
    with page.expect_response(
        lambda r: (
            "_dash-update-component" in r.url
            and expected in (r.request.post_data or "").replace(" ", "")
        )
    ):
        page.get_by_label("Day", exact=True).fill(day)


def test_daily_log_enter_reload_edit_delete(live_app, page):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice")
    _login(page, base)
    page.goto(f"{base}/daily-log")
    day = page.get_by_label("Day", exact=True)
    expect(day).not_to_have_value("")  # today, in the browser's time zone
    _choose_day(page, "2026-03-10")
    page.get_by_label("Fell asleep").fill("2026-03-09T23:30")
    page.get_by_label("Woke up").fill("2026-03-10T07:00")
    expect(page.get_by_text("7 h 30 min of sleep")).to_be_visible()
    page.get_by_role("group", name="Energy").get_by_text("8", exact=True).click()
    page.get_by_label("Body weight").fill("80.5")
    page.get_by_role("button", name="Save day").click()
    expect(page.get_by_text("Saved Tuesday 10 March 2026.")).to_be_visible()

    page.reload()
    # The pinned day column and the other cells are separate row elements in AG Grid.
    grid_row = page.locator('.daily-history-grid .ag-center-cols-container [row-id="2026-03-10"]')
    expect(grid_row).to_be_visible()
    expect(grid_row).to_contain_text("80.5")
    weight_points = page.locator(f"#{ids.DAILY_CHARTS['weight']} .scatterlayer .point")
    expect(weight_points).to_have_count(0)  # March is outside the default 90 days
    page.get_by_role("group", name="Trend range").get_by_text("All").click()
    expect(weight_points).to_have_count(1)

    grid_row.click()
    expect(page.get_by_label("Day", exact=True)).to_have_value("2026-03-10")
    expect(page.get_by_label("Body weight")).to_have_value("80.5")
    page.get_by_label("Body weight").fill("81")
    page.get_by_role("button", name="Save day").click()
    expect(page.get_by_text("Updated Tuesday 10 March 2026.")).to_be_visible()
    expect(grid_row).to_contain_text("81")

    page.get_by_role("button", name="Delete day").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Deleted Tuesday 10 March 2026.")).to_be_visible()
    expect(grid_row).to_have_count(0)
    assert page.console_errors == []


def test_daily_log_shows_errors_next_to_fields_and_keeps_what_was_typed(live_app, page):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice")
    _login(page, base)
    page.goto(f"{base}/daily-log")
    _choose_day(page, "2026-03-10")
    page.get_by_label("Body weight").fill("2000")
    page.get_by_label("Calories (kcal)").fill("2500")
    page.get_by_role("button", name="Save day").click()
    expect(page.get_by_text("Not saved: correct the marked fields.")).to_be_visible()
    expect(page.get_by_text("Enter a value from 20 to 400 kg")).to_be_visible()
    expect(page.get_by_label("Body weight")).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_label("Calories (kcal)")).to_have_value("2500")


def _alice_with_the_catalogue(app):
    """Alice, in an app whose exercise catalogue is loaded."""
    from dashboard_app.database import get_database
    from dashboard_app.services.catalogue import seed_catalogue
    from tests.helpers import make_user

    alice = make_user(app, "alice")
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        session.commit()
    return alice


def test_exercise_library_search_and_own_exercise(live_app, page):
    app, base = live_app
    _alice_with_the_catalogue(app)
    _login(page, base)
    page.goto(f"{base}/exercises")
    page.get_by_label("Search by name").fill("bech press")
    page.get_by_label("Search by name").press("Enter")
    expect(page.locator(".list-group-item").first).to_contain_text("Bench Press")
    page.get_by_role("button", name="New exercise").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Name").fill("Spoto Press")
    dialog.get_by_label("Muscle group").select_option(label="Chest")
    dialog.get_by_role("button", name="Create").click()
    expect(page.get_by_role("heading", name="Spoto Press")).to_be_visible()
    expect(page.get_by_text("Yours")).to_be_visible()
    page.get_by_role("link", name="All exercises").click()
    page.get_by_label("Search by name").fill("spoto")
    page.get_by_label("Search by name").press("Enter")
    expect(page.locator(".list-group-item").first).to_contain_text("Spoto Press")
    assert page.console_errors == []


UPPER_A = (
    # (exercise, sets, rep range, superset, last time's sets as (reps, kg) or seconds)
    ("Barbell Bench Press - Medium Grip", 4, (6, 8), None, [(8, 80.0)] * 4),
    ("Bent Over Barbell Row", 3, (8, 10), 1, [(9, 60.0)] * 3),
    ("Seated Dumbbell Press", 3, (8, 10), 1, [(10, 20.0)] * 3),
    ("Plank", 4, None, None, [45] * 4),
)


def _seed_routine(app):
    """alice's routine "Upper A" (14 sets, a superset, a timed plank), done once last week."""
    from datetime import date, timedelta

    from sqlalchemy import select

    from dashboard_app.database import get_database
    from dashboard_app.schemas.routines import RoutineExerciseInput, RoutineInput
    from dashboard_app.schemas.workouts import LineInput
    from dashboard_app.services import routines, session_sets
    from dashboard_app.services.catalogue import seed_catalogue
    from db.models import Exercise
    from tests.helpers import make_user

    user = make_user(app, "alice")
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        exercise = {
            name: session.scalar(select(Exercise.id).where(Exercise.name == name))
            for name, *_ in UPPER_A
        }
        routine_id, _ = routines.create_routine(
            session,
            user.id,
            RoutineInput(
                name="Upper A",
                mesocycle="Block 1",
                exercises=[
                    RoutineExerciseInput(
                        exercise_id=exercise[name],
                        target_sets=sets,
                        rep_min=reps[0] if reps else None,
                        rep_max=reps[1] if reps else None,
                        target_rir=2 if reps else None,
                        target_seconds=None if reps else 45,
                        superset_group=group,
                    )
                    for name, sets, reps, group, _last in UPPER_A
                ],
            ),
        )
        last_week = date.today() - timedelta(days=7)
        first = routines.start_routine(session, user.id, routine_id, last_week)
        for block in session_sets.session_blocks(session, user.id, first):
            done = next(item[4] for item in UPPER_A if item[0] == block.exercise.name)
            for row, values in zip(block.sets, done, strict=True):
                data = (
                    LineInput(exercise_id=block.exercise.id, duration_seconds=values)
                    if isinstance(values, int)
                    else LineInput(
                        exercise_id=block.exercise.id, reps=values[0], load_kg=values[1], rir=2
                    )
                )
                session_sets.log_planned(session, user.id, row.id, data)
        session.commit()
    return user.id


class Taps:
    """Counts what the lifter does: a tap, or typing into a field."""

    def __init__(self):
        self.count = 0

    def tap(self, locator):
        locator.click()
        self.count += 1

    def type(self, locator, text):
        locator.fill(text)  # the field was tapped first (counted): typing is one more
        self.count += 1


def test_a_routine_session_of_14_sets_on_a_phone_takes_a_tap_a_set(live_app, browser):
    from dashboard_app.database import get_database
    from db.models import PlannedSet, TrainingSession, WorkoutDetail

    app, base = live_app
    user_id = _seed_routine(app)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _login(page, base)
    page.goto(f"{base}/workouts")
    taps = Taps()
    taps.tap(page.get_by_role("button", name="Start Upper A"))
    page.wait_for_url(re.compile(r".*/workouts/\d+$"))
    expect(page.get_by_role("heading", name="Upper A", exact=True)).to_be_visible()

    blocks = page.locator(".session-block")
    expect(blocks).to_have_count(4)
    bench, row, press, plank = (blocks.nth(i) for i in range(4))
    bench_set = "Barbell Bench Press - Medium Grip, set {}: {}"
    # Every set of last time reached 8 reps at RIR 2: a step heavier, back to 6 reps, and
    # the plates for it; the superset's pair is framed together; the plank is timed.
    expect(bench).to_contain_text("Heavier: every set reached 8 reps last time")
    expect(bench.get_by_label(bench_set.format(1, "Load (kg)"))).to_have_value("82.5")
    expect(bench.get_by_label(bench_set.format(1, "Reps"))).to_have_value("6")
    expect(bench.locator(".plate-calc")).to_have_text("Each side: 25 + 5 + 1.25 kg (20 kg bar)")
    expect(page.locator(".superset .session-block")).to_have_count(2)
    expect(row).to_contain_text("Same load, a rep more a set")
    expect(plank.get_by_label("Plank, set 1: Time (m:ss)")).to_have_value("0:50")

    def log(block, index):
        taps.tap(block.locator(".set-check").nth(index))
        expect(block.locator(".set-row").nth(index)).to_have_class(re.compile("set-done"))

    for index in range(3):
        log(bench, index)
    expect(page.locator("#rest-timer")).to_be_visible()
    expect(page.locator("#rest-timer")).to_contain_text(re.compile(r"[12]:\d\d"))
    # The fourth set at a lighter load: the field, the new load, the tick.
    load = bench.get_by_label(bench_set.format(4, "Load (kg)"))
    taps.tap(load)
    taps.type(load, "80")
    expect(bench.locator(".plate-calc")).to_have_text("Each side: 25 + 5 kg (20 kg bar)")
    log(bench, 3)
    for index in range(3):
        log(row, index)
        log(press, index)
    for index in range(4):
        log(plank, index)
    expect(page.locator("#session-summary")).to_contain_text("14 working sets done")
    taps.tap(page.get_by_role("button", name="Finish workout"))
    expect(page.locator("#session-live-status")).to_contain_text("Workout finished.")
    assert taps.count <= 45
    assert taps.count == 1 + 14 + 2 + 1  # start, a tap a set, field and typing once, finish
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    with get_database(app).session_factory() as session:
        started = (
            session.query(TrainingSession)
            .filter_by(user_id=user_id)
            .order_by(TrainingSession.id.desc())
            .first()
        )
        sets = (
            session.query(WorkoutDetail)
            .filter_by(session_id=started.id)
            .order_by(WorkoutDetail.block, WorkoutDetail.position)
            .all()
        )
        assert session.query(PlannedSet).filter_by(session_id=started.id).count() == 0
    assert started.title == "Upper A" and started.training_end is not None
    assert len(sets) == 14 and all(line.sets == 1 for line in sets)
    by_name = {}
    for line in sets:
        by_name.setdefault(line.exercise_name, []).append(line)
    bench_sets = by_name["Barbell Bench Press - Medium Grip"]
    assert [(s.reps, s.load_weight) for s in bench_sets] == [(6, 82.5)] * 3 + [(6, 80.0)]
    assert [s.reps for s in by_name["Bent Over Barbell Row"]] == [10, 10, 10]
    assert [s.load_weight for s in by_name["Seated Dumbbell Press"]] == [22.5] * 3
    assert [s.duration_seconds for s in by_name["Plank"]] == [50] * 4
    assert [s.reps for s in by_name["Plank"]] == [None] * 4
    groups = {name: {s.superset_group for s in lines} for name, lines in by_name.items()}
    assert groups["Bent Over Barbell Row"] == groups["Seated Dumbbell Press"] == {1}
    assert groups["Plank"] == {None}
    assert errors == []
    context.close()


def test_what_is_typed_survives_a_redraw_and_a_refused_value_keeps_the_stored_one(live_app, page):
    app, base = live_app
    _seed_routine(app)
    _login(page, base)
    page.goto(f"{base}/workouts")
    page.get_by_role("button", name="Start Upper A").click()
    page.wait_for_url(re.compile(r".*/workouts/\d+$"))
    reps_label = "Barbell Bench Press - Medium Grip, set 2: Reps"
    load_label = "Barbell Bench Press - Medium Grip, set 1: Load (kg)"
    bench = page.locator(".session-block").first
    reps = bench.get_by_label(reps_label)
    reps.fill("7")  # typed, not ticked, and straight to a button that redraws the blocks
    bench.get_by_role("button", name="Add set").click()
    expect(bench.locator(".set-row")).to_have_count(5)
    expect(bench.get_by_label(reps_label)).to_have_value("7")
    page.reload()
    expect(page.locator(".session-block").first.get_by_label(reps_label)).to_have_value("7")

    bench = page.locator(".session-block").first
    bench.locator(".set-check").first.click()
    expect(bench.locator(".set-row").first).to_have_class(re.compile("set-done"))
    load = bench.get_by_label(load_label)
    load.fill("-5")
    load.press("Tab")
    message = bench.locator(".set-message").first
    expect(message).to_contain_text("Not saved: Load: 0 to 700 kg (the stored value is kept)")
    # Dash 4 wraps its input: the wrapper carries the classes, the red frame included.
    expect(bench.locator(".set-load .is-invalid")).to_have_count(1)
    page.reload()
    expect(page.locator(".session-block").first.get_by_label(load_label)).to_have_value("82.5")
    # The tick again takes the set back into the plan, its values kept.
    bench = page.locator(".session-block").first
    bench.locator(".set-check").first.click()
    expect(bench.locator(".set-row").first).not_to_have_class(re.compile("set-done"))
    assert page.console_errors == []


def test_insights_page_shows_the_demo_users_planted_relationships(live_app, page):
    from dashboard_app.database import get_database
    from dashboard_app.services.catalogue import seed_catalogue
    from dashboard_app.services.demo import create_demo_user

    app, base = live_app
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        report = create_demo_user(session, days=200, seed=3)
        session.commit()
    _login(page, base, report.username, report.password)
    page.goto(f"{base}/insights")
    expect(
        page.get_by_text(re.compile(r"\d+ findings hold up, out of \d+ pairs tested"))
    ).to_be_visible()
    cards = page.locator(".insight-card")
    expect(cards.first).to_be_visible()
    top = " | ".join(cards.all_inner_texts()[:12])
    assert "On days you sleep an hour more than usual, your energy is about" in top
    assert "On days your stress is 1 point above your usual, your motivation is about" in top
    assert "causes" not in top.lower() and "adjusted p" not in top  # numbers stay folded
    assert "to be chance" in top  # how sure, in words
    expect(cards.first.locator(".js-plotly-plot")).to_be_visible()  # its days as a scatter
    numbers = cards.first.locator("details")
    numbers.locator("summary").click()
    expect(numbers).to_contain_text("95% interval")
    expect(numbers).to_contain_text("independent ones")
    # The graph draws empty axes before its figure arrives: wait for the series' labels.
    expect(page.locator(f"#{ids.INSIGHTS_HEATMAP} .xtick", has_text="Energy")).to_have_count(1)
    heatmap = page.locator(f"#{ids.INSIGHTS_HEATMAP} .nsewdrag").first
    heatmap.scroll_into_view_if_needed()
    box = heatmap.bounding_box()
    columns = page.locator(f"#{ids.INSIGHTS_HEATMAP} .xtick").evaluate_all(
        "els => els.map(e => e.textContent)"
    )  # left to right
    sleep_row = page.locator(f"#{ids.INSIGHTS_HEATMAP} .ytick", has_text="Sleep").bounding_box()
    # The cell of last night's sleep (row) and today's energy (column): its days open below.
    cell_x = box["x"] + box["width"] * (columns.index("Energy") + 0.5) / len(columns)
    cell_y = sleep_row["y"] + sleep_row["height"] / 2
    page.mouse.click(cell_x, cell_y)
    pair = page.locator(f"#{ids.INSIGHTS_PAIR}")
    expect(pair).to_contain_text("Sleep and Energy")
    expect(pair).to_contain_text("On days you sleep an hour more than usual, your energy is")
    expect(page.locator(f"#{ids.INSIGHTS_PAIR_CHART} .js-plotly-plot")).to_be_visible()
    page.get_by_label("Next day").check()
    expect(page.locator(f"#{ids.INSIGHTS_HEATMAP}")).to_contain_text("yesterday")
    assert page.console_errors == []


def _drag(page, locator, dx, dy):
    """Press on locator's centre, move by (dx, dy) in small steps, release."""
    box = locator.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + dx, y + dy, steps=20)
    page.mouse.up()


def _settled_box(page, locator):
    """The locator's box once the grid's move transition has ended (two equal readings)."""
    import time

    deadline = time.monotonic() + TIMEOUT_MS / 1000
    box = locator.bounding_box()
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        again = locator.bounding_box()
        if again == box:
            return box
        box = again
    return box


def _stored_box(app, user_id, widget_type):
    from dashboard_app.database import get_database
    from dashboard_app.services.dashboard import load_widgets

    with get_database(app).session_factory() as session:
        widget = next(w for w in load_widgets(session, user_id) if w.widget_type == widget_type)
    return widget.x, widget.y, widget.w, widget.h


def _wait_for_stored(app, user_id, widget_type, changed_from):
    import time

    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while (box := _stored_box(app, user_id, widget_type)) == changed_from:
        assert time.monotonic() < deadline, f"{widget_type} stayed at {box}"
        time.sleep(0.1)
    return box


def test_dashboard_drag_and_resize_a_widget_and_find_it_there_after_a_reload(live_app, page):
    from tests.helpers import make_user

    app, base = live_app
    alice = make_user(app, "alice")
    _login(page, base)
    card = page.locator(".dashboard-widget", has=page.get_by_role("heading", name="Body weight"))
    card.wait_for()
    start = _stored_box(app, alice.id, "body_weight")
    assert start[:3] == (0, 2, 6)  # the default: left half, below the tiles

    # Outside edit mode the title bar does not drag.
    _drag(page, card.locator(".widget-drag-handle"), 640, 0)
    page.wait_for_timeout(300)
    assert _stored_box(app, alice.id, "body_weight") == start

    page.get_by_role("button", name="Customize").click()
    expect(page.get_by_role("button", name="Add widget")).to_be_visible()
    grid_width = page.locator(".react-grid-layout").bounding_box()["width"]
    _drag(page, card.locator(".widget-drag-handle"), grid_width / 2, 0)
    moved = _wait_for_stored(app, alice.id, "body_weight", start)
    assert moved[0] == 6 and moved[2:] == start[2:]  # now the right half, same size

    handle = card.locator(
        "xpath=ancestor::*[contains(@class,'react-grid-item')][1]"
        "/*[contains(@class,'react-resizable-handle-se')]"
    )
    page.wait_for_timeout(300)  # the grid's move transition
    page.evaluate("window.scrollBy(0, 300)")  # room below the handle to drag into
    _drag(page, handle, 0, 2 * 72)  # two rows of 60 px plus their 12 px gaps
    resized = _wait_for_stored(app, alice.id, "body_weight", moved)
    assert resized[2:] == (6, start[3] + 2)
    placed = _settled_box(page, card)

    page.reload()
    card.wait_for()
    page.get_by_role("button", name="Customize").wait_for()
    expect(card).to_have_js_property("offsetHeight", round(placed["height"]))
    after = _settled_box(page, card)
    assert abs(after["x"] - placed["x"]) < 2 and abs(after["width"] - placed["width"]) < 2
    assert _stored_box(app, alice.id, "body_weight") == resized
    assert page.console_errors == []


def test_dashboard_on_a_phone_is_one_column_and_edits_with_buttons(live_app, browser):
    from tests.helpers import make_user

    app, base = live_app
    alice = make_user(app, "alice")
    context = browser.new_context(viewport={"width": 390, "height": 800}, is_mobile=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _login(page, base)
    cards = page.locator(".dashboard-widget")
    expect(cards.first).to_be_visible()
    lefts = {round(cards.nth(i).bounding_box()["x"]) for i in range(cards.count())}
    assert len(lefts) == 1  # one column
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.get_by_role("button", name="Customize").click()
    weight = _stored_box(app, alice.id, "body_weight")
    page.get_by_role("button", name="Move Body weight later").click()
    _wait_for_stored(app, alice.id, "body_weight", weight)
    titles = page.locator(".dashboard-widget .widget-title")
    expect(titles.nth(1)).to_have_text("Sleep")  # the two swapped places
    expect(titles.nth(2)).to_have_text("Body weight")

    page.get_by_role("button", name="Settings of Sleep").click()
    page.get_by_label("Title").fill("Nights")
    page.get_by_role("button", name="Save").click()
    expect(titles.nth(1)).to_have_text("Nights")
    page.get_by_role("button", name="Hide Nights").click()
    expect(page.get_by_role("button", name="Show Nights")).to_be_visible()
    page.reload()
    expect(page.locator(".dashboard-widget .widget-title").nth(1)).to_have_text("Body weight")
    assert "Nights" not in page.locator(".react-grid-layout").inner_text()
    context.close()


@pytest.mark.parametrize("width", [1024, 800, 780])
def test_dashboard_edit_buttons_stay_inside_narrow_widgets(live_app, browser, width):
    from tests.helpers import make_user

    app, base = live_app
    make_user(app, "alice")
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    _login(page, base)
    page.get_by_role("button", name="Customize").click()
    expect(page.get_by_role("button", name="Add widget")).to_be_visible()
    cards = page.locator(".widget-card")
    assert cards.count() >= 9
    for i in range(cards.count()):
        card = cards.nth(i).bounding_box()
        buttons = cards.nth(i).locator(".widget-action")
        assert buttons.count() == 5
        for j in range(5):
            button = buttons.nth(j).bounding_box()
            assert (
                button["x"] >= card["x"]
                and button["x"] + button["width"] <= card["x"] + card["width"]
            ), (i, j, width)
    # Dragging is on exactly when the grid itself is 768 px or wider (its 12 columns, the
    # stored layout); a narrower grid is one column, whatever the window's width.
    wide = page.locator(".react-grid-layout").bounding_box()["width"] >= 768
    assert page.locator(".widget-grip").first.is_visible() is wide
    assert (page.locator(".react-resizable-handle:visible").count() > 0) is wide
    context.close()


def test_import_a_strong_file_with_progress_then_see_its_workouts(live_app, page):
    from pathlib import Path

    app, base = live_app
    _alice_with_the_catalogue(app)
    _login(page, base)
    page.goto(f"{base}/settings")
    page.get_by_label("Kind of file").select_option("strong")
    page.get_by_label("Loads in the file are in").select_option("lb")
    sample = Path(__file__).parent / "fixtures" / "imports" / "strong_quirks.csv"
    upload = page.locator(f"#{ids.IMPORT_UPLOAD} input[type=file]")
    upload.set_input_files(str(sample))
    page.get_by_text("Chosen: strong_quirks.csv").wait_for()
    page.get_by_role("button", name="Import").click()
    page.get_by_text("Imported strong_quirks.csv").wait_for()
    expect(page.locator(f"#{ids.IMPORT_PROGRESS} .progress-bar")).to_have_text("100 %")
    report = page.locator(f"#{ids.IMPORT_STATUS}").inner_text()
    assert "workouts added" in report
    page.goto(f"{base}/workouts")
    page.get_by_text("01 Mar 2024").first.wait_for()
    assert page.console_errors == []


def test_training_page_shows_the_demo_users_suggestions_with_their_reasons(live_app, page):
    from dashboard_app.database import get_database
    from dashboard_app.services.catalogue import seed_catalogue
    from dashboard_app.services.demo import create_demo_user

    app, base = live_app
    with get_database(app).session_factory() as session:
        seed_catalogue(session)
        report = create_demo_user(session, days=200, seed=3)
        session.commit()
    _login(page, base, report.username, report.password)
    page.locator(".app-navbar").get_by_role("link", name="Training").click()
    expect(page.get_by_role("heading", name="Next week")).to_be_visible()
    suggestion = page.locator(".training-suggestion").first
    expect(suggestion).to_contain_text("sets")
    # Each suggestion says why: its stimulus, fatigue or performance, in words.
    reason = suggestion.locator(".training-reasons li").first
    expect(reason).to_contain_text(re.compile(r"stimulus|fatigue|e1RM", re.IGNORECASE))
    expect(page.get_by_label("Mesocycle")).not_to_have_value("")
    expect(page.locator(f"#{ids.TRAINING_CONTENT} .js-plotly-plot").first).to_be_visible()
    assert page.console_errors == []
