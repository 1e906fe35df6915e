"""Refuse callback requests whose body Dash's dispatcher would trip over.

Dash reads `output`, `outputs`, `inputs`, `state` and `changedPropIds` by indexing before it
checks anything, so a crafted body of the wrong outline is a 500 there. The renderer always
sends the outline checked here; anything else is answered 400 before Dash sees it.
"""

from __future__ import annotations

from typing import Any

from dash import Dash
from flask import Flask, request

CALLBACK_PATH = "/_dash-update-component"


def _is_dependency(item: Any) -> bool:
    return (
        isinstance(item, dict)
        and isinstance(item.get("id"), str | dict)
        and isinstance(item.get("property"), str)
    )


def _is_slot(item: Any) -> bool:
    """One declared dependency: a component, or the list a wildcard (ALL) matched."""
    return _is_dependency(item) or (
        isinstance(item, list) and all(_is_dependency(each) for each in item)
    )


def _slots_match(items: Any, declared: list) -> bool:
    return isinstance(items, list) and len(items) == len(declared) and all(map(_is_slot, items))


def outline_problem(body: Any, callback_map: dict[str, dict]) -> str | None:
    """What is wrong with a callback request's outline, or None when Dash can dispatch it."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    spec = callback_map.get(body.get("output")) if isinstance(body.get("output"), str) else None
    if spec is None or "callback" not in spec:
        return "output names no callback of this app"
    outputs = body.get("outputs")
    many = body["output"].startswith("..")
    if not (_slots_match(outputs, body["output"].split("...")) if many else _is_slot(outputs)):
        return "outputs do not match the callback's outputs"
    if not _slots_match(body.get("inputs"), spec["inputs"]):
        return "inputs do not match the callback's inputs"
    if (spec["state"] or "state" in body) and not _slots_match(body.get("state"), spec["state"]):
        return "state does not match the callback's state"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(item, str) for item in changed):
        return "changedPropIds must be a list of text"
    return None


def init_app(server: Flask, dash_app: Dash) -> None:
    """Check every callback request's outline before Dash dispatches it."""

    def refuse_malformed():
        if request.path != CALLBACK_PATH or request.method != "POST" or not request.is_json:
            return None
        problem = outline_problem(request.get_json(silent=True), dash_app.callback_map)
        if problem is not None:
            return {"error": f"malformed callback request: {problem}"}, 400
        return None

    server.before_request(refuse_malformed)
