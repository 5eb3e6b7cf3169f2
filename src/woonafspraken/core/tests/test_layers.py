"""The floors of the house: ``core`` names no domain app, and no two apps import each other in a ring.

The graph is read from the ``woonafspraken.<app>`` imports in the source (type-checking imports included;
tests and migrations left out), so a new import that breaks a floor fails here, not in a later refactor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
IMPORT = re.compile(r"^\s*(?:from|import)\s+woonafspraken\.(\w+)", re.MULTILINE)
# What core may build on: nothing of the project but itself (conf and the WSGI entry point sit on top).
GROUND = "core"


def import_graph() -> dict[str, set[str]]:
    """app -> the other apps (packages under ``src/woonafspraken``) its source imports."""
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    graph: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if len(parts) < 2 or "tests" in parts or "migrations" in parts:
            continue
        for target in IMPORT.findall(path.read_text(encoding="utf-8")):
            if target != parts[0] and target in apps:
                graph[parts[0]].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every ring of imports, each once, starting from its smallest name."""
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for target in sorted(graph.get(path[-1], ())):
            if target == path[0]:
                found.add(tuple(path))
            elif target not in path and target > path[0]:
                walk([*path, target])

    for start in sorted(graph):
        walk([start])
    return sorted(list(ring) for ring in found)


def test_the_graph_is_read_from_the_source():
    graph = import_graph()
    assert "agreements" in graph["documents"] and "core" in graph["agreements"]
    assert {"core", "agreements", "documents"} <= graph["operations"]


def test_core_imports_no_domain_app():
    assert import_graph()[GROUND] == set()


def test_no_app_imports_the_top_floor():
    assert [app for app, targets in import_graph().items() if "operations" in targets] == []


def test_no_cycle_between_apps():
    assert cycles(import_graph()) == []


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
