"""pyproject.toml's [project] table: the console script resolves, the runtime dependencies are
requirements.txt's pins, and every data file a package reads at run time is declared package data
(so `pip install .` gives a working `serverless-planner`). Reads the files; builds nothing."""

from __future__ import annotations

import importlib
import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = ("models", "service", "aws", "importers", "storage", "render", "i18n", "webapp", "commands",
            "pricing", "templates")


def test_console_script_is_the_cli_main():
    target = PROJECT["project"]["scripts"]["serverless-planner"]
    module_name, _, attr = target.partition(":")
    assert target == "commands.main:main"
    assert callable(getattr(importlib.import_module(module_name), attr))


def test_dependencies_are_the_runtime_pins_of_requirements_txt():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    pins = []
    for line in lines:
        if line.startswith("# tests"):
            break
        if line and not line.startswith("#"):
            pins.append(line)
    assert PROJECT["project"]["dependencies"] == pins
    assert PROJECT["project"]["requires-python"] == ">=3.11"


def test_every_package_is_found_and_every_data_file_is_package_data():
    include = PROJECT["tool"]["setuptools"]["packages"]["find"]["include"]
    assert sorted(pattern.rstrip("*") for pattern in include) == sorted(PACKAGES)
    package_data = PROJECT["tool"]["setuptools"]["package-data"]
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_dir() or path.suffix in (".py", ".pyc", ".md") or "__pycache__" in path.parts:
                continue
            relative = path.relative_to(ROOT / package).as_posix()
            assert any(fnmatch(relative, glob) for glob in package_data.get(package, [])), \
                f"{package}/{relative} is not declared package data in pyproject.toml"
