"""casework's shared modules name no case kind: no identifier, attribute, import or string
(docstrings included) of theirs says "advisory" or "opinion", and neither do their templates.
A kind's own package (``casework/kinds/<kind>/``) and the migrations (history) are exempt."""

import ast
import re
from pathlib import Path

CASEWORK = Path(__file__).resolve().parents[2] / "casework"
KIND_WORDS = re.compile(r"advisory|opinion", re.IGNORECASE)


def shared_modules() -> list[Path]:
    return sorted(
        path
        for path in CASEWORK.rglob("*.py")
        if not {"kinds", "migrations"} & set(path.relative_to(CASEWORK).parts[:-1])
    )


def shared_templates() -> list[Path]:
    return sorted(p for p in (CASEWORK / "templates").rglob("*") if p.is_file())


def names_in(node: ast.AST) -> list[str]:
    """Every name a node spells: identifiers, attributes, imports, definitions, strings."""
    if isinstance(node, ast.Name):
        return [node.id]
    if isinstance(node, ast.Attribute):
        return [node.attr]
    if isinstance(node, ast.alias):
        return [node.name, node.asname or ""]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.keyword):
        return [node.arg or ""]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    return []


def kind_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        for name in names_in(node):
            if KIND_WORDS.search(name):
                line = getattr(node, "lineno", "?")
                found.append(f"{path.relative_to(CASEWORK.parent)}:{line}: {name[:60]!r}")
    return found


def test_the_scan_covers_the_shared_modules_and_skips_the_kinds():
    scanned = {p.relative_to(CASEWORK).as_posix() for p in shared_modules()}
    assert {"views.py", "services.py", "permissions.py", "registry.py"} <= scanned
    assert any(name.startswith("queues/") for name in scanned)
    assert any(name.startswith("flows/") for name in scanned)
    assert not any(name.startswith(("kinds/", "migrations/")) for name in scanned)


def test_the_scan_would_see_a_kind_name():
    source = '"""About the opinion."""\nfrom x import AdvisoryRequest as A\ny.advisory = 1\n'
    hits = []
    for node in ast.walk(ast.parse(source)):
        hits += [name for name in names_in(node) if KIND_WORDS.search(name)]
    assert sorted(hits) == ["About the opinion.", "AdvisoryRequest", "advisory"]


def test_no_shared_module_names_a_kind():
    found = [hit for path in shared_modules() for hit in kind_names(path)]
    assert found == [], "\n".join(found)


def test_no_shared_template_names_a_kind():
    found = []
    for path in shared_templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if KIND_WORDS.search(line):
                found.append(f"{path.relative_to(CASEWORK.parent)}:{number}: {line.strip()[:80]}")
    assert found == [], "\n".join(found)
