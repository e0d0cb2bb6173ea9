"""No import cycles between modules.

`lint-imports` (the `acyclic_siblings` contract in pyproject.toml) compares the children of
each package, so it cannot see a package's ``__init__`` and one of its own submodules
importing each other. This test looks at every module, function-level imports included,
with the exceptions that contract lists (and only those).
"""

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def _importlinter_config() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]


def _acyclic_exceptions(config: dict) -> list[tuple[str, str]]:
    (contract,) = [c for c in config["contracts"] if c["type"] == "acyclic_siblings"]
    pairs = []
    for expression in contract.get("ignore_imports", []):
        importer, imported = (part.strip() for part in expression.split("->"))
        assert "*" not in importer + imported, "name each exception exactly"
        pairs.append((importer, imported))
    return pairs


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    edges = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges[node]
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _describe(graph: grimp.ImportGraph, component: list[str]) -> str:
    members = set(component)
    lines = []
    for importer in component:
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
            for detail in graph.get_import_details(importer=importer, imported=imported):
                lines.append(f"  {importer}:{detail['line_number']} -> {imported}")
    return "\n".join(lines)


def test_no_module_imports_itself_through_others():
    config = _importlinter_config()
    graph = grimp.build_graph(*config["root_packages"], cache_dir=None)
    for importer, imported in _acyclic_exceptions(config):
        assert graph.direct_import_exists(importer=importer, imported=imported), (
            f"{importer} -> {imported} is gone: drop the exception from pyproject.toml"
        )
        graph.remove_import(importer=importer, imported=imported)
    cycles = _cycles(graph)
    assert not cycles, "Import cycles:\n" + "\n\n".join(_describe(graph, c) for c in cycles)
