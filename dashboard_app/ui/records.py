"""The personal records page: current records per exercise, each with its history."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon, create_page_header
from dashboard_app.ui.forms import create_input
from dashboard_app.units import format_clock, format_distance, format_pace, format_weight

RECORD_COLUMNS = (
    ("e1rm", "Est. 1RM"),
    ("max_load", "Heaviest"),
    ("max_reps", "Most reps"),
    ("max_volume", "Best set"),
    ("max_duration", "Longest"),
    ("max_distance", "Farthest"),
    ("best_pace", "Best pace"),
    ("session_volume", "Best session"),
)
RECORD_NAMES = {
    "e1rm": "est. 1RM",
    "max_load": "heaviest load",
    "max_reps": "most reps",
    "max_volume": "best set volume",
    "max_duration": "longest hold",
    "max_distance": "farthest",
    "best_pace": "best pace",
    "session_volume": "best session volume",
}


def history_item_id(exercise_id: int) -> str:
    return f"records-{exercise_id}"


def build_records_layout() -> html.Div:
    return html.Div(
        [
            dcc.Store(id=ids.RECORDS_LOAD, data=True),
            html.A(
                [create_icon("arrow-left", "me-1"), "Workouts"],
                href="/workouts",
                className="d-inline-block mb-3",
            ),
            create_page_header(
                "Personal records",
                "Your best per exercise, and the sessions that set each one.",
                "trophy",
            ),
            create_input(
                ids.RECORDS_QUERY,
                "Find an exercise",
                "search",
                debounce=True,
                autoComplete="off",
                placeholder="e.g. squat",
            ),
            html.P(id=ids.RECORDS_COUNT, className="text-body-secondary small", role="status"),
            dcc.Loading(html.Div(id=ids.RECORDS_LIST), type="dot"),
        ]
    )


def format_record(record_type: str, value: float, unit: str) -> str:
    """A record's value for display: reps, a time, a distance, a pace, or a weight."""
    if record_type == "max_reps":
        return f"{value:.0f} reps"
    if record_type == "max_duration":
        return format_clock(value)
    if record_type == "max_distance":
        return format_distance(value, unit)
    if record_type == "best_pace":
        return format_pace(value, unit)
    digits = 0 if record_type in ("max_volume", "session_volume") else 1
    return format_weight(value, unit, digits)


def describe_record(item: dict[str, Any], unit: str) -> str:
    """The set that made a record: "5 × 102.5 kg" (an old line of 3: "3 × 5 × 102.5 kg")."""
    if item["sets"] is None or item["reps"] is None:
        return ""
    text = f"{item['reps']} × {format_weight(item['load_kg'], unit, 2)}"
    return f"{item['sets']} × {text}" if item["sets"] > 1 else text


def _current_table(entry: dict[str, Any], unit: str) -> dbc.Table:
    rows = []
    for record_type, label in RECORD_COLUMNS:
        item = entry["current"].get(record_type)
        if item is None:
            continue
        rows.append(
            html.Tr(
                [
                    html.Th(label, scope="row"),
                    html.Td(format_record(record_type, item["value"], unit)),
                    html.Td(describe_record(item, unit), className="text-body-secondary"),
                    html.Td(
                        html.A(
                            f"{item['achieved_on']:%d %b %Y}",
                            href=f"/workouts/{item['session_id']}",
                        )
                    ),
                ]
            )
        )
    return dbc.Table(html.Tbody(rows), size="sm", class_name="mb-3", responsive=True)


def build_history_table(history: list[dict[str, Any]], unit: str) -> dbc.Table:
    """How an exercise's records progressed, newest first."""
    rows = [
        html.Tr(
            [
                html.Td(f"{item['achieved_on']:%d %b %Y}"),
                html.Td(RECORD_NAMES[item["record_type"]]),
                html.Td(format_record(item["record_type"], item["value"], unit)),
                html.Td(describe_record(item, unit), className="text-body-secondary"),
            ]
        )
        for item in history
    ]
    head = html.Thead(
        html.Tr([html.Th("Day"), html.Th("Record"), html.Th("Value"), html.Th("Set")])
    )
    return dbc.Table([head, html.Tbody(rows)], size="sm", striped=True, responsive=True)


def build_records_list(entries: list[dict[str, Any]], unit: str, query: str = "") -> Any:
    """One accordion item per exercise: current records on top, the progression below."""
    if not entries and query:
        return dbc.Alert(f"No exercise with records matches “{query}”.", color="secondary")
    if not entries:
        return dbc.Alert(
            ["No records yet. ", html.A("Log a session", href="/workouts"), " to set some."],
            color="info",
        )
    items = []
    for entry in entries:
        e1rm = entry["current"].get("e1rm")
        heading = entry["name"] + (
            f" · {format_record('e1rm', e1rm['value'], unit)} e1RM" if e1rm else ""
        )
        items.append(
            dbc.AccordionItem(
                [
                    _current_table(entry, unit),
                    html.H3("How it got there", className="h6"),
                    # Filled when the item is opened: only opened histories are built.
                    html.Div(
                        html.Span("Loading…", className="text-body-secondary small"),
                        id={"type": ids.RECORDS_HISTORY, "index": entry["exercise_id"]},
                    ),
                    html.A("Exercise page", href=f"/exercises/{entry['exercise_id']}"),
                ],
                title=heading,
                item_id=history_item_id(entry["exercise_id"]),
            )
        )
    return dbc.Accordion(items, id=ids.RECORDS_ACCORDION, start_collapsed=True, always_open=True)
