#!/usr/bin/env bash
# Set up everything on a fresh machine, then lint and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/install_browser.sh   # Debian's chromium (and CJK fonts) for tests/webapp/test_browser.py
echo "== ruff (lint) =="
.venv/bin/python -m ruff check .
echo "== mypy (types) =="
.venv/bin/python -m mypy   # the tree but tests/ (see [tool.mypy] in pyproject.toml; --strict on the core, models/)
echo "== pytest =="
.venv/bin/python -m pytest "$@"   # every package (doctests) and tests/, see testpaths in pyproject.toml
