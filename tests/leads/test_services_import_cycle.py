"""The leads services import one way: no module reaches back up through a chain of others
(claims, intake, slips and states once did, hidden by a deferred import)."""

import ast
from pathlib import Path

import leads.services

SERVICES = Path(leads.services.__file__).parent


def sibling_imports() -> dict[str, set[str]]:
    """Each services module and the sibling modules it imports, wherever the import stands."""
    names = {path.stem for path in SERVICES.glob("*.py")}
    graph = {}
    for path in SERVICES.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.ImportFrom) and node.level == 1):
                continue
            if node.module:  # from .states import lock_lead
                found.add(node.module.split(".")[0])
            else:  # from . import slips
                found |= {alias.name for alias in node.names}
        graph[path.stem] = found & names
    return graph


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle, as the chain of modules; [] when there is none."""
    done: set[str] = set()

    def visit(name: str, chain: list[str]) -> list[str]:
        if name in chain:
            return [*chain[chain.index(name) :], name]
        if name in done:
            return []
        for target in sorted(graph[name]):
            if found := visit(target, [*chain, name]):
                return found
        done.add(name)
        return []

    return next((found for name in sorted(graph) if (found := visit(name, []))), [])


def test_leads_services_import_without_a_cycle():
    assert cycle_in(sibling_imports()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
