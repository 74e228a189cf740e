"""The pure core stays pure: models/ imports no AWS SDK, no UI and does no file or network I/O."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

MODELS = Path(__file__).resolve().parent.parent / "models"
FORBIDDEN_MODULES = {"boto3", "botocore", "streamlit", "requests", "urllib", "http", "socket", "os",
                     "pathlib", "shutil", "subprocess", "sqlite3", "datetime.datetime.now", "time"}
FORBIDDEN_CALLS = {"open", "input", "print"}


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.py")), ids=lambda p: p.name)
def test_models_module_is_pure(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not imported_modules(tree) & FORBIDDEN_MODULES
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & FORBIDDEN_CALLS
    attrs = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not attrs & {"read_text", "write_text", "read_bytes", "now", "today", "environ", "getenv"}


def test_the_purity_check_catches_a_forbidden_import():
    tree = ast.parse("import boto3\nfrom streamlit import write\n")
    assert imported_modules(tree) & FORBIDDEN_MODULES == {"boto3", "streamlit"}
