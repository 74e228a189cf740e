#!/usr/bin/env bash
# Create .venv (if needed) and install the pinned requirements into it. Idempotent and quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
# compile the DynamoDB planner's programme once (numba keeps it in models/dynamodb_planner/__pycache__)
.venv/bin/python -c "from models.dynamodb_planner.compiled import warm_up; warm_up()"
