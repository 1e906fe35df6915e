"""The training page: a block's weeks, next week's sets with reasons, deloads, retrospective."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_page_header
from dashboard_app.ui.training_landmarks import build_landmarks_card
from dashboard_app.units import format_weight

if TYPE_CHECKING:
    from dashboard_app.services.training import TrainingReport

GRAPH_CONFIG = {"displaylogo": False, "responsive": True}
ACTION_COLOURS = {"add": "success", "hold": "secondary", "cut": "warning", "deload": "info"}
DASH = "—"


def build_training_layout() -> html.Div:
    """The page's frame: the block select and the report below it (filled by a callback)."""
    select = dbc.Row(
        dbc.Col(
            [
                dbc.Label("Mesocycle", html_for=ids.TRAINING_MESOCYCLE),
                dbc.Select(id=ids.TRAINING_MESOCYCLE, options=[]),
            ],
            md=6,
            lg=4,
        ),
        class_name="mb-3",
    )
    return html.Div(
        [
            create_page_header(
                "Training",
                "Your mesocycles week by week: hard sets per muscle against your volume "
                "landmarks, RIR against its target, and next week's sets with the reasons.",
                "bar-chart-line",
            ),
            select,
            dcc.Loading(html.Div(id=ids.TRAINING_CONTENT), type="dot"),
            build_landmarks_card(),
        ]
    )


def build_block_without_sets(mesocycle: str) -> dbc.Alert:
    """A block whose sessions have no sets logged yet."""
    return dbc.Alert(
        [
            html.Strong(f"No sets logged in {mesocycle} yet. "),
            "Log the exercises of its sessions on the ",
            html.A("Workouts", href="/workouts"),
            " page to see its weeks and next week's suggestions.",
        ],
        color="info",
    )


def build_training_empty() -> html.Div:
    """What to log before the page has anything to show."""
    return html.Div(
        [
            html.H2("No mesocycles yet", className="h5"),
            html.P(
                "This page follows training blocks. Give your sessions a mesocycle name on the "
                "Workouts page (for example “Spring bulk”) and log each exercise's sets, "
                "reps and load; rate RIR, stimulus and fatigue to get suggestions for next "
                "week. Logging sleep and stress in the daily log lets the suggestions take your "
                "recovery into account."
            ),
            dbc.Button("Go to Workouts", href="/workouts", color="primary"),
        ],
        className="training-empty",
    )


def _number(value: float | None, digits: int = 1) -> str:
    return DASH if value is None else f"{value:.{digits}f}"


def _sets(value: float) -> str:
    return f"{value:g}"


def _card(title: str, body: list[Any], class_name: str = "mb-4") -> dbc.Card:
    return dbc.Card(
        [dbc.CardHeader(html.H2(title, className="h6 mb-0")), dbc.CardBody(body)],
        class_name=class_name,
    )


def _table(header: list[str], rows: list[list[Any]], empty: str) -> html.Div:
    """A striped table in a .table-responsive wrapper (phones scroll it, not the page)."""
    if not rows:
        return html.P(empty, className="text-body-secondary mb-0")
    return html.Div(
        dbc.Table(
            [
                html.Thead(html.Tr([html.Th(cell, scope="col") for cell in header])),
                html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
            ],
            striped=True,
            hover=True,
            size="sm",
            class_name="mb-0",
        ),
        className="table-responsive",
    )


def _reasons(reasons: tuple[str, ...]) -> html.Ul:
    return html.Ul([html.Li(reason) for reason in reasons], className="small mb-0 training-reasons")


def create_suggestion(suggestion: Any) -> html.Li:
    """One muscle group's suggestion: last week's sets, next week's, the action and why."""
    badge = dbc.Badge(
        "held back" if suggestion.held_back else suggestion.action,
        color="danger" if suggestion.held_back else ACTION_COLOURS.get(suggestion.action),
        class_name="ms-2",
    )
    return html.Li(
        [
            html.Div(
                [
                    html.Strong(suggestion.muscle),
                    f": {_sets(suggestion.last_sets)} → {_sets(suggestion.suggested_sets)} sets",
                    badge,
                ]
            ),
            _reasons(suggestion.reasons),
        ],
        className="list-group-item training-suggestion",
    )


def _next_week_card(report: TrainingReport) -> dbc.Card:
    title = "Next week" if report.is_current else "After this block's last week"
    ready = report.readiness
    verdict = (
        "Readiness: added sets are held back."
        if ready and ready.hold_added_volume
        else "Readiness: recovery allows added sets."
        if ready and ready.can_judge
        else "Readiness: not enough sleep or stress data to judge."
    )
    deload = report.deload
    deload_body: list[Any] = [
        html.P(
            "Deload check: a deload is due." if deload.flagged else "Deload check: no deload due.",
            className="fw-semibold mb-1",
        )
    ]
    if deload.reasons:
        deload_body.append(_reasons(deload.reasons))
    if deload.advice:
        deload_body.append(html.P(deload.advice, className="small mt-2 mb-0"))
    return _card(
        title,
        [
            html.Div(
                [html.P(verdict, className="fw-semibold mb-1"), _reasons(ready.reasons)]
                if ready
                else [],
                className="mb-3 training-readiness",
            ),
            html.Div(deload_body, className="mb-3 training-deload"),
            html.Ul(
                [create_suggestion(item) for item in report.suggestions],
                className="list-group list-group-flush training-suggestions",
            ),
        ],
    )


def _weeks_table(report: TrainingReport, weight_unit: str) -> html.Div:
    rows = [
        [
            week.week,
            f"{week.start:%d %b}–{week.end:%d %b}",
            week.sessions,
            _number(week.mean_rir),
            DASH if week.target_rir is None else week.target_rir,
            _number(week.mean_stimulus),
            _number(week.mean_fatigue),
            format_weight(week.volume_kg, weight_unit, 0),
        ]
        for week in report.weeks
    ]
    header = ["Week", "Days", "Sessions", "Mean RIR", "Target RIR", "Stimulus", "Fatigue"]
    return _table([*header, "Volume"], rows, "No weeks logged.")


def _e1rm_table(report: TrainingReport, weight_unit: str) -> html.Div:
    rows = [
        [
            change.exercise_name,
            f"{format_weight(change.first_e1rm_kg, weight_unit)} (week {change.first_week})",
            f"{format_weight(change.last_e1rm_kg, weight_unit)} (week {change.last_week})",
            DASH if change.change_pct is None else f"{change.change_pct:+.1f}%",
        ]
        for change in report.e1rm_changes
    ]
    return _table(
        ["Exercise", "First", "Last", "Change"], rows, "No exercise had an e1RM in this block."
    )


def _sfr_table(report: TrainingReport) -> html.Div:
    rows = [
        [
            item.rank,
            item.exercise_name,
            f"{item.mean_stimulus:.1f}",
            f"{item.mean_fatigue:.1f}",
            f"{item.ratio:.2f}",
            item.lines,
        ]
        for item in report.sfr
    ]
    return _table(
        ["Rank", "Exercise", "Stimulus", "Fatigue", "Ratio", "Lines"],
        rows,
        "Rate stimulus and fatigue on your lines to rank exercises.",
    )


def _acute_table(report: TrainingReport) -> html.Div:
    rows = [
        [
            item.muscle,
            _sets(item.acute_sets),
            _number(item.chronic_sets_per_week),
            _number(item.ratio, 2),
        ]
        for item in report.acute_chronic
    ]
    return _table(
        ["Muscle", "Last 7 days", "Weekly mean, 28 days", "Ratio"],
        rows,
        "No training in the 28 days before this date.",
    )


def _retro_table(report: TrainingReport, weight_unit: str) -> html.Div:
    rows = []
    for block in reversed(report.retrospective):
        lifts = "; ".join(
            f"{change.exercise_name} "
            + (DASH if change.change_pct is None else f"{change.change_pct:+.1f}%")
            for change in block.main_lifts
        )
        sets = ", ".join(f"{muscle} {value:.1f}" for muscle, value in block.sets_per_week.items())
        rows.append(
            [
                block.mesocycle,
                f"{block.start:%d %b %Y}",
                block.weeks,
                lifts or DASH,
                html.Span(sets, className="small"),
                block.pr_count,
                _number(block.mean_sleep_h),
                _number(block.mean_stress),
                _number(block.mean_energy),
            ]
        )
    return _table(
        [
            "Block",
            "Start",
            "Weeks",
            "Main lifts' e1RM",
            "Sets per muscle per week",
            "PRs",
            "Sleep (h)",
            "Stress",
            "Energy",
        ],
        rows,
        "No finished blocks before this one.",
    )


def _graph(figure: Any) -> dcc.Graph:
    return dcc.Graph(figure=figure, config=GRAPH_CONFIG)


def build_training_report(
    report: TrainingReport, figures: dict[str, Any], weight_unit: str
) -> html.Div:
    """The block's cards; figures: "sets", "rir" and "e1rm" from figures.training."""
    first, last = report.weeks[0], report.weeks[-1]
    summary = html.P(
        f"{report.mesocycle}: {len(report.weeks)} week{'s' * (len(report.weeks) != 1)}, "
        f"{first.start:%d %b %Y} to {last.end:%d %b %Y}"
        + (" (current block)." if report.is_current else "."),
        className="text-body-secondary",
        role="status",
    )
    return html.Div(
        [
            summary,
            _next_week_card(report),
            _card(
                "Weekly hard sets per muscle",
                [
                    html.P(
                        "A line counts in full for its exercise's primary muscle and half for "
                        "each secondary one. Shaded: from the minimum effective to the maximum "
                        "recoverable volume (default landmarks from published hypertrophy "
                        "guidance).",
                        className="small text-body-secondary",
                    ),
                    _graph(figures["sets"]),
                ],
            ),
            _card("RIR against the target", [_graph(figures["rir"])]),
            _card("Week by week", [_weeks_table(report, weight_unit)]),
            _card(
                "e1RM change per exercise",
                [_graph(figures["e1rm"]), _e1rm_table(report, weight_unit)],
            ),
            _card("Stimulus to fatigue, best first", [_sfr_table(report)]),
            _card(
                f"Acute:chronic load to {report.as_of:%d %b %Y}",
                [
                    html.P(
                        "Hard sets of the last 7 days against the weekly mean of the last 28; "
                        "well above 1 is a sharp rise in load.",
                        className="small text-body-secondary",
                    ),
                    _acute_table(report),
                ],
            ),
            _card("Finished blocks side by side", [_retro_table(report, weight_unit)]),
        ]
    )
