"""A session's blocks as the lifter works through them: one card per exercise, a row per set.

A row shows its set's numbers in inputs, pre-filled from the plan, and a check button that
logs it exactly as shown. Rows are keyed "p<id>" (planned) or "l<id>" (logged) as rendered.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard_app.analytics.plates import BARBELL_EQUIPMENT, Equipment, load_plates
from dashboard_app.services.session_sets import Block, SetRow
from dashboard_app.ui import ids
from dashboard_app.ui.common import create_icon, dom_id
from dashboard_app.ui.records import RECORD_NAMES
from dashboard_app.units import (
    distance_from_m,
    distance_unit,
    format_clock,
    format_distance,
    format_weight,
    weight_from_kg,
)

# The inputs of a row by the exercise's kind, in the order they stand.
KIND_FIELDS = {
    "weight": ("load", "reps", "rir"),
    "bodyweight": ("load", "reps", "rir"),
    "duration": ("time",),
    "distance": ("distance", "time"),
}
FIELD_NAMES = {
    "load": "Load",
    "reps": "Reps",
    "rir": "RIR",
    "time": "Time",
    "distance": "Distance",
}
RATING_HELP = (
    "After the last set: stimulus is how well the target muscle was trained (1 barely, "
    "5 as much as it could be); fatigue is the cost to joints and the whole body."
)


def row_key(row: SetRow) -> str:
    return f"{'l' if row.logged else 'p'}{row.id}"


def plain_number(value: float | None, digits: int = 2) -> float | int | None:
    """A value for an input: 82.5, 100 (not 100.0), None."""
    if value is None:
        return None
    rounded = round(value, digits)
    return int(rounded) if rounded == int(rounded) else rounded


def field_values(row: SetRow, unit: str) -> dict[str, Any]:
    """What a row's inputs show, in the user's units."""
    return {
        "load": plain_number(weight_from_kg(row.load_kg, unit)),
        "reps": row.reps,
        "rir": row.rir,
        "time": format_clock(row.duration_seconds) if row.duration_seconds else "",
        "distance": plain_number(distance_from_m(row.distance_m, unit), 3),
        "warmup": row.is_warmup,
        "notes": row.notes or "",
    }


def describe_set(values: dict[str, Any], unit: str) -> str:
    """A done set in words: "8 × 80 kg", "1:00", "5 km in 25:00" (values as line_dict's)."""
    if values.get("distance_m"):
        text = format_distance(values["distance_m"], unit)
        if values.get("duration_seconds"):
            text += f" in {format_clock(values['duration_seconds'])}"
        return text
    if values.get("reps") is None:
        return format_clock(values.get("duration_seconds"))
    text = f"{values['reps']} × {format_weight(values['load_kg'], unit, 2)}"
    if values.get("sets", 1) > 1:
        text = f"{values['sets']} × {text}"
    return text


def _field_label(name: str, unit: str) -> str:
    if name == "load":
        return f"Load ({unit})"
    if name == "distance":
        return f"Distance ({distance_unit(unit)})"
    if name == "time":
        return "Time (m:ss)"
    return FIELD_NAMES[name]


def _input(key: str, name: str, value: Any, label: str, kind: str) -> list[Any]:
    """A set's input with its label (read by screen readers, the column head shows it)."""
    field_id = {"type": ids.SET_FIELD, "index": key, "field": name}
    number = name in ("load", "reps", "rir", "distance")
    props: dict[str, Any] = {
        "id": field_id,
        "value": value,
        "debounce": True,  # saved when the field is left or Enter is pressed, not per key
        "className": "form-control set-input",
        "autoComplete": "off",
        "n_submit": 0,
    }
    if number:
        # No min or max: dcc.Input sends a number outside them as None, which would read as
        # "cleared"; the schema refuses it instead, with a message, keeping what was stored.
        props.update(type="number", step="any")
        props["inputMode"] = "numeric" if name in ("reps", "rir") else "decimal"
        if name == "load" and kind == "bodyweight":
            props["placeholder"] = "0"
    else:
        props.update(type="text", inputMode="numeric", placeholder="0:00", maxLength=9)
    return [
        html.Label(label, htmlFor=dom_id(field_id), className="visually-hidden"),
        dcc.Input(**props),
    ]


def _set_label(row: SetRow, number: int | None) -> str:
    if row.is_warmup:
        return "W"
    if row.sets > 1:
        return f"{row.sets}×"
    return str(number)


def _record_badges(types: tuple[str, ...]) -> list[Any]:
    return [
        dbc.Badge(
            [create_icon("trophy-fill", "me-1"), RECORD_NAMES[record_type]],
            color="warning",
            text_color="dark",
            class_name="me-1",
        )
        for record_type in types
    ]


def record_message(types: tuple[str, ...]) -> list[Any] | None:
    """The PR badges a set shows beside itself, or nothing."""
    if not types:
        return None
    return [html.Span("New PR: ", className="visually-hidden"), *_record_badges(types)]


def check_button(logged: bool) -> dict[str, Any]:
    """The check button's class and pressed state: a toggle, named once for its set."""
    return {
        "className": "btn set-check " + ("btn-success" if logged else "btn-outline-secondary"),
        "aria-pressed": "true" if logged else "false",
    }


def set_row(row: SetRow, block: Block, number: int | None, unit: str, previous: str) -> html.Div:
    """One set: its number, last time's, its inputs, the check button; details folded."""
    key = row_key(row)
    kind = block.exercise.kind
    values = field_values(row, unit)
    name = block.exercise.name
    label = f"{name}, set {_set_label(row, number)}"
    inputs = [
        html.Div(
            _input(key, field, values[field], f"{label}: {_field_label(field, unit)}", kind),
            className=f"set-cell set-{field}",
        )
        for field in KIND_FIELDS[kind]
    ]
    check = check_button(row.logged)
    more_id = f"set-more-{key}"
    return html.Div(
        [
            dcc.Store(
                id={"type": ids.SET_STATE, "index": key},
                data={"logged": row.id} if row.logged else {"planned": row.id},
            ),
            html.Div(
                [
                    html.Button(
                        _set_label(row, number),
                        className="btn btn-light set-number",
                        type="button",
                        title=f"More for {label}: warm-up, note, delete",
                        # app.js opens and closes the details (Bootstrap's own JS is not loaded).
                        **{"aria-controls": more_id, "aria-expanded": "false"},
                    ),
                    html.Div(previous, className="set-previous small text-body-secondary"),
                    *inputs,
                    html.Button(
                        create_icon("check-lg"),
                        id={"type": ids.SET_LOG, "index": key},
                        n_clicks=0,
                        type="button",
                        title=f"Log {label} as shown (tap again to undo)",
                        **{"aria-label": f"{label} done"},
                        **check,
                    ),
                ],
                className=f"set-line set-kind-{kind}",
            ),
            html.Div(
                [
                    dbc.Checkbox(
                        id={"type": ids.SET_WARMUP, "index": key},
                        label="Warm-up (no records, no volume)",
                        value=bool(row.is_warmup),
                        class_name="mb-2",
                    ),
                    html.Label(
                        f"{label}: note",
                        htmlFor=dom_id({"type": ids.SET_FIELD, "index": key, "field": "notes"}),
                        className="visually-hidden",
                    ),
                    dcc.Input(
                        id={"type": ids.SET_FIELD, "index": key, "field": "notes"},
                        value=values["notes"],
                        debounce=True,
                        n_submit=0,
                        type="text",
                        maxLength=500,
                        placeholder="Note (optional)",
                        className="form-control mb-2",
                    ),
                    html.Button(
                        [create_icon("trash", "me-1"), "Delete set"],
                        id={"type": ids.SET_DELETE, "index": key},
                        n_clicks=0,
                        type="button",
                        className="btn btn-outline-danger btn-sm",
                    ),
                ],
                id=more_id,
                className="collapse set-more",
            ),
            html.Div(
                record_message(row.records),
                id={"type": ids.SET_MESSAGE, "index": key},
                className="set-message small",
                role="status",
                **{"aria-live": "polite"},
            ),
        ],
        id={"type": ids.SET_ROW, "index": key},
        className="set-row" + (" set-done" if row.logged else ""),
    )


def previous_text(line: dict[str, Any], unit: str) -> str:
    """A set of last time in the column's few characters: "10×27.5", "1:00", "5 km"."""
    if line.get("distance_m"):
        return format_distance(line["distance_m"], unit)
    if line.get("reps") is None:
        return format_clock(line.get("duration_seconds"))
    load = plain_number(weight_from_kg(line["load_kg"], unit))
    # A zero-width space lets a phone's narrow column break after the ×, not inside the load.
    return f"{line['reps']}×\u200b{load}" if load else f"{line['reps']}"


def _previous_texts(block: Block, unit: str) -> list[str]:
    """Last time's sets in order, one per set (an old line of 3 sets counts three times)."""
    texts = []
    for line in block.previous:
        texts.extend([previous_text(line, unit)] * line["sets"])
    return texts


def plate_text(load_kg: float, equipment: Equipment) -> str:
    """ "Each side: 25 + 10 + 2.5 (20 kg bar)" for a barbell load."""
    loaded = load_plates(load_kg, equipment.bar_kg, equipment.plates_kg)
    unit = equipment.unit
    bar = format_weight(equipment.bar_kg, unit)
    if not loaded.per_side:
        return f"The bar alone ({bar})"
    plates = " + ".join(format_weight(p, unit, 2).removesuffix(f" {unit}") for p in loaded.per_side)
    return f"Each side: {plates} {unit} ({bar} bar)"


def _plates(block: Block, equipment: Equipment) -> html.Div | None:
    if block.exercise.equipment not in BARBELL_EQUIPMENT:
        return None
    upcoming = next((row for row in block.sets if not row.logged), None) or block.sets[-1]
    return html.Div(
        plate_text(upcoming.load_kg, equipment),
        className="plate-calc small text-body-secondary",
        **{
            "data-bar": str(weight_from_kg(equipment.bar_kg, equipment.unit)),
            "data-plates": ",".join(
                str(round(weight_from_kg(p, equipment.unit), 4)) for p in equipment.plates_kg
            ),
            "data-unit": equipment.unit,
            "aria-live": "polite",
        },
    )


def rest_label(seconds: int) -> str:
    return f"Rest {format_clock(seconds)}"


def _menu(block: Block, first: bool, last: bool, in_superset: bool) -> dbc.DropdownMenu:
    def item(action: str, icon: str, text: str, disabled: bool = False):
        return dbc.DropdownMenuItem(
            [create_icon(icon, "me-2"), text],
            id={"type": ids.BLOCK_ACTION, "index": block.number, "action": action},
            n_clicks=0,
            disabled=disabled,
        )

    return dbc.DropdownMenu(
        [
            item("up", "arrow-up", "Move up", first),
            item("down", "arrow-down", "Move down", last),
            item(
                "superset",
                "link-45deg",
                "Leave the superset" if in_superset else "Superset with the next",
                last and not in_superset,
            ),
            dbc.DropdownMenuItem(divider=True),
            item("remove", "trash", "Remove exercise"),
        ],
        label=html.Span(
            [
                create_icon("three-dots"),
                html.Span(f"More for {block.exercise.name}", className="visually-hidden"),
            ]
        ),
        color="light",
        align_end=True,
        caret=False,
        toggle_class_name="block-menu",
    )


def _rest(block: Block) -> html.Div:
    def step(delta: int, text: str, name: str):
        return html.Button(
            text,
            id={"type": ids.BLOCK_REST, "index": block.number, "step": delta},
            n_clicks=0,
            type="button",
            className="btn btn-light btn-sm block-rest-step",
            title=f"{name} the rest after {block.exercise.name}",
        )

    return html.Div(
        [
            step(-15, "−15", "Shorten"),
            html.Span(
                rest_label(block.rest_seconds),
                id={"type": ids.BLOCK_REST_LABEL, "index": block.number},
                className="small px-1",
            ),
            step(15, "+15", "Lengthen"),
        ],
        className="d-flex align-items-center block-rest",
        role="group",
        **{"aria-label": f"Rest between sets of {block.exercise.name}"},
    )


def _scale(kind: str, block: Block, label: str, value: int | None) -> html.Div:
    radio_id = {"type": kind, "index": block.number}
    return html.Fieldset(
        [
            html.Legend(label, className="small mb-1 fw-semibold"),
            dbc.RadioItems(
                id=radio_id,
                options=[{"label": str(n), "value": n} for n in range(1, 6)],
                value=value,
                inline=True,
                class_name="btn-group scale-group",
                input_class_name="btn-check",
                label_class_name="btn btn-outline-secondary",
                label_checked_class_name="active",
            ),
        ],
        className="me-3 mb-2",
    )


def _ratings(block: Block) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    _scale(ids.BLOCK_STIMULUS, block, "Stimulus", block.stimulus),
                    _scale(ids.BLOCK_FATIGUE, block, "Fatigue", block.fatigue_level),
                ],
                className="d-flex flex-wrap",
            ),
            html.Div(RATING_HELP, className="form-text mt-0"),
            html.Div(
                id={"type": ids.BLOCK_RATING_STATUS, "index": block.number},
                className="small",
                role="status",
            ),
        ],
        className="block-ratings mt-2",
    )


def build_block(
    block: Block, unit: str, equipment: Equipment, first: bool, last: bool
) -> html.Section:
    """One exercise's card: header with rest and menu, its sets, add set, its ratings."""
    previous = _previous_texts(block, unit)
    rows, number = [], 0
    for index, row in enumerate(block.sets):
        if not row.is_warmup:
            number += 1
        rows.append(
            set_row(row, block, number, unit, previous[index] if index < len(previous) else "—")
        )
    fields = KIND_FIELDS[block.exercise.kind]
    heading_id = f"block-{block.number}-title"
    facts = " · ".join(filter(None, [block.exercise.muscle_group, block.exercise.equipment]))
    return html.Section(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.H2(
                                html.A(
                                    block.exercise.name,
                                    href=f"/exercises/{block.exercise.id}",
                                    className="link-body-emphasis text-decoration-none",
                                ),
                                id=heading_id,
                                className="h6 mb-0",
                            ),
                            html.Div(facts, className="small text-body-secondary"),
                        ]
                    ),
                    _menu(block, first, last, block.superset_group is not None),
                ],
                className="d-flex justify-content-between align-items-start gap-2 mb-1",
            ),
            html.Div(
                [
                    html.Div(block.hint, className="small text-info-emphasis me-auto"),
                    _rest(block),
                ],
                className="d-flex align-items-center flex-wrap gap-1 mb-1",
            ),
            _plates(block, equipment),
            html.Div(
                [
                    html.Span("Set"),
                    html.Span("Last time"),
                    *[html.Span(_field_label(f, unit)) for f in fields],
                    html.Span("Done", className="text-center"),
                ],
                className=f"set-line set-head set-kind-{block.exercise.kind} small",
                **{"aria-hidden": "true"},
            ),
            html.Div(rows, className="set-rows"),
            html.Button(
                [create_icon("plus-lg", "me-1"), "Add set"],
                id={"type": ids.BLOCK_ACTION, "index": block.number, "action": "add_set"},
                n_clicks=0,
                type="button",
                className="btn btn-outline-primary w-100 mt-1 add-set",
            ),
            _ratings(block),
        ],
        className="card card-body mb-3 session-block",
        **{"aria-labelledby": heading_id, "data-block": str(block.number)},
    )


def build_blocks(blocks: list[Block], unit: str, equipment: Equipment) -> list[Any]:
    """Every block in order; the blocks of a superset inside one frame."""
    if not blocks:
        return [
            html.P(
                "No exercises yet: add the first one below.",
                className="text-body-secondary",
            )
        ]
    cards = {
        block.number: build_block(block, unit, equipment, i == 0, i == len(blocks) - 1)
        for i, block in enumerate(blocks)
    }
    children: list[Any] = []
    for group, members in groupby(blocks, key=lambda b: b.superset_group):
        members = list(members)
        if group is None or len(members) < 2:
            children.extend(cards[b.number] for b in members)
            continue
        names = " and ".join(b.exercise.name for b in members)
        children.append(
            html.Div(
                [
                    html.Div(
                        [create_icon("link-45deg", "me-1"), "Superset: one set of each, then rest"],
                        className="superset-label small fw-semibold",
                    ),
                    *[cards[b.number] for b in members],
                ],
                className="superset mb-3",
                role="group",
                **{"aria-label": f"Superset of {names}"},
            )
        )
    return children
