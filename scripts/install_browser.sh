#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (tests/webapp/test_browser.py). Idempotent and quiet.
# Playwright's own browser download is not used: the tests drive /usr/bin/chromium.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
# Japanese and emoji fonts, so screenshots show the Japanese UI instead of empty boxes
FONTS="fonts-noto-cjk fonts-noto-color-emoji"

if [ ! -x "$CHROMIUM" ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install_browser.sh: $CHROMIUM is missing and I am not root (and there is no sudo)" >&2
    exit 1
  fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium $FONTS >/dev/null
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "install_browser.sh: $CHROMIUM is still missing after apt-get install" >&2
  exit 1
fi
