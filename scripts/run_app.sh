#!/usr/bin/env bash
# Set up everything on a fresh machine, then start the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Chromium (Debian's) and the CJK fonts make the PDF quote; without them the app starts anyway and says so
bash scripts/install_browser.sh || echo "run_app.sh: no Chromium, so no PDF download (the other downloads work)" >&2
exec .venv/bin/python -m streamlit run app.py "$@"
