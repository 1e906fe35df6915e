"""The metrics-tracker command, run as a user would."""

import re

from click.testing import CliRunner
from sqlalchemy import func, select

from dashboard_app import create_app
from dashboard_app.cli import main
from dashboard_app.database import get_database
from db.models import DailyMetric, Exercise, TrainingSession, User


def run(*args):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result


def _counts(env):
    app = create_app({"METRICS_INSTANCE_PATH": env["METRICS_INSTANCE_PATH"]})
    with get_database(app).session_factory() as session:
        counts = {
            model.__name__: session.scalar(select(func.count()).select_from(model))
            for model in (User, DailyMetric, TrainingSession, Exercise)
        }
    get_database(app).engine.dispose()
    return counts


def test_db_upgrade_then_seed_twice(cli_env):
    upgraded = run("db", "upgrade")
    assert upgraded.exit_code == 0, upgraded.output
    assert re.search(r"database at revision \d{4} ", upgraded.output)
    first = run("db", "seed")
    assert re.search(r"catalogue: \d{3} exercises added", first.output)
    again = run("db", "seed")
    assert "catalogue: 0 exercises added, 0 updated" in again.output
    assert _counts(cli_env)["Exercise"] >= 800


def test_demo_creates_a_user_with_history_and_can_be_reset(cli_env):
    result = run("demo", "--days", "60", "--seed", "7")
    assert result.exit_code == 0, result.output
    assert "username: demo" in result.output
    password = re.search(r"password: (\S+)", result.output).group(1)
    counts = _counts(cli_env)
    assert counts["User"] == 1
    assert 30 <= counts["DailyMetric"] <= 60
    assert counts["TrainingSession"] >= 10

    again = run("demo", "--days", "60")
    assert "use --reset" in again.output
    reset = run("demo", "--days", "30", "--reset")
    assert reset.exit_code == 0
    assert _counts(cli_env)["DailyMetric"] <= 30

    app = create_app({"METRICS_INSTANCE_PATH": cli_env["METRICS_INSTANCE_PATH"]})
    client = app.test_client()
    from tests.helpers import AuthActions

    assert AuthActions(client).login("demo", password).status_code == 302
    get_database(app).engine.dispose()


def test_reset_link_for_an_admin(cli_env):
    run("demo", "--days", "14")
    result = run("users", "reset-link", "demo", "--base-url", "https://tracker.example/")
    assert result.exit_code == 0
    link = result.output.strip()
    assert re.fullmatch(r"https://tracker\.example/reset-password/[A-Za-z0-9_-]{43,}", link)
    app = create_app({"METRICS_INSTANCE_PATH": cli_env["METRICS_INSTANCE_PATH"]})
    client = app.test_client()
    opened = client.get(link.removeprefix("https://tracker.example"))
    assert opened.headers["Location"] == "/reset-password"
    assert client.get("/reset-password").status_code == 200
    get_database(app).engine.dispose()
    missing = CliRunner().invoke(main, ["users", "reset-link", "nobody"])
    assert missing.exit_code == 1
    assert "no active user named 'nobody'" in missing.output


def test_bad_configuration_is_a_clear_error_not_a_traceback(cli_env, monkeypatch):
    monkeypatch.setenv("METRICS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "")
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1
    assert "configuration error: SECRET_KEY is required" in result.output


def test_demo_reset_never_deletes_a_real_account(cli_env):
    from dashboard_app.services.users import create_user

    run("db", "upgrade")
    app = create_app({"METRICS_INSTANCE_PATH": cli_env["METRICS_INSTANCE_PATH"]})
    with get_database(app).session_factory.begin() as session:
        create_user(
            session, username="alice", email="alice@real.test", password="a real passphrase"
        )
    get_database(app).engine.dispose()
    result = CliRunner().invoke(main, ["demo", "--username", "alice", "--reset", "--days", "14"])
    assert result.exit_code == 1
    assert "is a real account" in result.output
    assert _counts(cli_env)["User"] == 1 and _counts(cli_env)["DailyMetric"] == 0


def test_records_rebuild_restores_records_and_usage_from_the_lines(cli_env):
    from sqlalchemy import delete

    from db.models import PersonalRecord, UserExerciseHistory

    assert run("demo", "--days", "60", "--seed", "7").exit_code == 0
    app = create_app({"METRICS_INSTANCE_PATH": cli_env["METRICS_INSTANCE_PATH"]})
    database = get_database(app)

    def derived():
        with database.session_factory() as session:
            records = session.execute(
                select(
                    PersonalRecord.exercise_id,
                    PersonalRecord.record_type,
                    PersonalRecord.session_id,
                    PersonalRecord.record_value,
                )
            ).all()
            usage = session.execute(
                select(UserExerciseHistory.exercise_id, UserExerciseHistory.usage_count)
            ).all()
            return sorted(records), sorted(usage)

    built_by_demo = derived()
    assert built_by_demo[0] and built_by_demo[1]
    with database.session_factory() as session:  # as after upgrading to revision 0003
        session.execute(delete(PersonalRecord))
        session.execute(delete(UserExerciseHistory))
        session.commit()
    assert derived() == ([], [])
    result = run("records", "rebuild")
    assert result.exit_code == 0, result.output
    assert "rebuilt demo" in result.output and "1 user(s)" in result.output
    assert derived() == built_by_demo
    assert "no user named 'nobody'" in run("records", "rebuild", "--user", "nobody").output
    database.engine.dispose()


def test_insights_recompute_runs_only_for_changed_users_unless_forced(cli_env):
    assert run("demo", "--days", "60", "--seed", "7").exit_code == 0
    first = run("insights", "recompute")
    assert first.exit_code == 0, first.output
    assert re.search(r"^demo: \d+ pairs$", first.output, re.MULTILINE)
    assert "recomputed 1 user(s), 0 unchanged" in first.output
    again = run("insights", "recompute")
    assert "recomputed 0 user(s), 1 unchanged" in again.output
    forced = run("insights", "recompute", "--user", "demo", "--force")
    assert "recomputed 1 user(s), 0 unchanged" in forced.output
    assert "no user named 'nobody'" in run("insights", "recompute", "--user", "nobody").output
