"""The structure, read from the code's own imports: no cycle, and every arrow points down.

The allowed directions are written once, in ALLOWED: a group of modules may import its own
modules and the groups listed for it, nothing else of this project's. A new module belongs to
a group (GROUPS) or the test says so.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("dashboard_app", "db", "callbacks", "pages")

# Group: the modules it holds (a name and everything below it), bottom of the house first.
GROUPS: dict[str, tuple[str, ...]] = {
    "vocabulary": ("db.vocabulary",),
    "db": ("db",),
    "pure": (
        "dashboard_app.units",
        "dashboard_app.ranges",
        "dashboard_app.grid",
        "dashboard_app.widget_catalogue",
        "dashboard_app.theme",
        "dashboard_app.data",
    ),
    "config": ("dashboard_app.config", "dashboard_app.passwords"),
    "analytics": ("dashboard_app.analytics",),
    "schemas": ("dashboard_app.schemas",),
    "importers": ("dashboard_app.importers",),
    "figures": ("dashboard_app.figures",),
    "services": ("dashboard_app.services",),
    "ui": ("dashboard_app.ui",),
    "widgets": ("dashboard_app.widgets",),
    "infrastructure": (
        "dashboard_app.database",
        "dashboard_app.cache",
        "dashboard_app.background",
        "dashboard_app.security",
        "dashboard_app.mail",
        "dashboard_app.backup",
        "dashboard_app.callback_requests",
    ),
    "auth": ("dashboard_app.auth",),
    "api": ("dashboard_app.api",),
    "callbacks": ("callbacks",),
    "pages": ("pages",),
    "dash_app": ("dashboard_app.dash_app",),
    "cli": ("dashboard_app.cli",),
    "factory": ("dashboard_app.__init__", "dashboard_app.wsgi"),
}
BASE = {"vocabulary", "pure"}
# What each group may import besides itself. Analytics is pure: plain data and units only.
ALLOWED: dict[str, set[str]] = {
    "vocabulary": set(),
    "db": {"vocabulary"},
    "pure": {"vocabulary"},
    "config": set(),
    "analytics": BASE,
    "schemas": BASE | {"db", "analytics"},
    "importers": BASE | {"schemas", "analytics"},
    "figures": BASE | {"analytics"},
    "services": BASE | {"db", "config", "analytics", "schemas", "importers"},
    "ui": BASE | {"services", "analytics", "schemas", "importers"},
    "widgets": BASE | {"ui", "services", "figures", "analytics", "schemas"},
    "infrastructure": BASE | {"db", "config", "services"},
    "auth": BASE | {"db", "config", "infrastructure", "services", "schemas"},
    "api": BASE
    | {"db", "config", "infrastructure", "services", "schemas", "analytics", "importers"},
    "callbacks": BASE
    | {
        "db",
        "config",
        "infrastructure",
        "auth",
        "services",
        "schemas",
        "analytics",
        "importers",
        "figures",
        "ui",
        "widgets",
    },
    "pages": BASE | {"infrastructure", "auth", "services", "ui"},
    "dash_app": BASE | {"config", "infrastructure", "auth", "ui", "callbacks"},
    "cli": BASE
    | {"db", "config", "infrastructure", "services", "schemas", "analytics", "importers"}
    | {"factory"},
    "factory": set(GROUPS),
}


@cache
def modules() -> dict[str, Path]:
    """Every module of this project by dotted name (a package by its __init__'s)."""
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if "versions" in parts:  # migrations are history, frozen as they were written
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imported(name: str, path: Path) -> set[str]:
    """The project modules a module imports, at its top or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    named = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                child = f"{base}.{alias.name}"
                named.add(child if child in modules() else base)
    return {_module_of(item) for item in named if item.split(".")[0] in PACKAGES} - {name}


def _module_of(name: str) -> str:
    while name not in modules() and "." in name:
        name = name.rpartition(".")[0]
    return name


@cache
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(_imported(name, path)) for name, path in modules().items()}


def group_of(name: str) -> str | None:
    """The group whose longest prefix holds the module (the package root is the factory)."""
    if name == "dashboard_app":
        return "factory"
    best = None
    for group, prefixes in GROUPS.items():
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and (
                best is None or len(prefix) > len(best[1])
            ):
                best = (group, prefix)
    return best[0] if best else None


def import_cycles() -> list[list[str]]:
    """The strongly connected parts of the import graph that hold more than one module."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph()[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph()):
        if node not in index:
            visit(node)
    return found


def test_the_walker_reads_the_imports_it_should():
    assert "dashboard_app.services.insights" in graph()["callbacks.insights"]
    assert "dashboard_app.analytics.baselines" in graph()["dashboard_app.analytics.insights"]
    assert "db.vocabulary" in graph()["db.models"]
    # An import inside a function counts too (the factory imports its parts that way).
    assert "dashboard_app.dash_app" in graph()["dashboard_app"]


def test_there_is_no_import_cycle():
    assert import_cycles() == []


def test_every_module_belongs_to_a_group():
    assert [name for name in modules() if group_of(name) is None] == []


def test_every_arrow_points_where_allowed():
    upward = sorted(
        f"{name} ({group_of(name)}) -> {other} ({group_of(other)})"
        for name, imported in graph().items()
        for other in imported
        if group_of(other) != group_of(name) and group_of(other) not in ALLOWED[group_of(name)]
    )
    assert upward == []


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("dashboard_app.services.export", "dashboard_app.widgets.registry"),
        ("dashboard_app.analytics.insights", "dashboard_app.services.insights"),
        ("dashboard_app.ui.dashboard", "dashboard_app.widgets.base"),
        ("db.models", "dashboard_app.units"),
        ("dashboard_app.services.dashboard", "callbacks.dashboard"),
    ],
)
def test_the_rules_refuse_an_upward_arrow(module, target):
    assert group_of(target) not in ALLOWED[group_of(module)]


def _calls(path: Path, method: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
    ]


def test_services_never_commit_or_roll_back():
    """The adapter that took the request commits once (README, Layout)."""
    found = {
        f"{name}:{line}"
        for name, path in modules().items()
        if group_of(name) == "services"
        for method in ("commit", "rollback")
        for line in _calls(path, method)
    }
    assert found == set()
