"""The layering rule of ARCHITECTURE.md, enforced on the imports of every product module.

    shells (webapp, commands, app.py, cli.py)
      → render
        → service
          → adapters (aws, importers, storage), pricing, i18n, templates
            → the core, models/: checks | dynamodb_planner | calibrate → costs → run → design → units, facts, messages

A module may import its own layer or a lower one, never a higher one; the import graph (function-local
imports included) has no circle; the core imports no AWS SDK, no UI, no i18n and does no file or
network I/O; the root holds only the two launchers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "service", "aws", "importers", "storage", "render", "i18n", "webapp", "commands", "pricing",
            "templates")
#: layers from the bottom up; a module may import from its own layer or any layer below it
LAYERS: tuple[tuple[str, ...], ...] = (
    ("models", "models.units", "models.facts", "models.messages"),
    ("models.design",),
    ("models.run",),
    ("models.costs",),
    ("models.checks", "models.dynamodb_planner", "models.calibrate"),
    ("aws", "importers", "storage", "pricing", "i18n", "templates"),
    ("service",),
    ("render",),
    ("webapp", "commands", "app", "cli"),
)
FORBIDDEN_IN_CORE = {"boto3", "botocore", "streamlit", "requests", "urllib", "http", "socket", "os", "pathlib",
                     "shutil", "subprocess", "sqlite3", "time", "i18n"}
FORBIDDEN_CALLS = {"open", "input", "print"}


def product_files() -> list[Path]:
    files = [ROOT / "app.py", ROOT / "cli.py"]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in product_files()}


def imports_of(path: Path) -> set[str]:
    """The product modules `path` imports (module level and inside functions)."""
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES}


def layer_of(module: str) -> int:
    best = -1, 0
    for index, layer in enumerate(LAYERS):
        for prefix in layer:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best[1]:
                best = index, len(prefix)
    return best[0]


GRAPH = {name: imports_of(path) - {name} for name, path in MODULES.items()}


def test_every_product_module_has_a_layer():
    assert [m for m in MODULES if layer_of(m) < 0] == []


def test_no_module_imports_a_higher_layer():
    upward = {f"{a} -> {b}" for a, targets in GRAPH.items() for b in targets if layer_of(b) > layer_of(a)}
    assert sorted(upward) == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_circle():
    # a package's __init__ re-exporting its own submodules is not a circle of design
    graph = {a: {b for b in targets if not (a.startswith(b + ".") and MODULES[b].name == "__init__.py")}
             for a, targets in GRAPH.items()}
    assert cycles(graph) == []


def test_the_checks_find_an_upward_import_and_a_circle():
    assert layer_of("render.quote.tables") > layer_of("service.planning") > layer_of("models.costs.estimate")
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def imported_top_level(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "models").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_is_pure(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not imported_top_level(tree) & FORBIDDEN_IN_CORE
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & FORBIDDEN_CALLS
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not attrs & {"read_text", "write_text", "read_bytes", "now", "today", "environ", "getenv"}


def test_the_purity_check_catches_a_forbidden_import():
    tree = ast.parse("import boto3\nfrom streamlit import write\nfrom i18n.catalog import t\n")
    assert imported_top_level(tree) & FORBIDDEN_IN_CORE == {"boto3", "streamlit", "i18n"}


def test_the_root_holds_only_the_launchers():
    assert sorted(p.name for p in ROOT.glob("*.py")) == ["app.py", "cli.py"]
    for launcher in ("app.py", "cli.py"):
        assert len((ROOT / launcher).read_text(encoding="utf-8").splitlines()) <= 12
