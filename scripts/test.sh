#!/usr/bin/env bash
# The whole check a fresh clone must pass: lint, format, the test suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [ ! -x "$PY" ]; then
  python3 -m venv .venv
  .venv/bin/pip install -q -e '.[test]'
fi
if [ -f scripts/ensure-chromium.sh ]; then
  bash scripts/ensure-chromium.sh || echo "warning: could not install Chromium; browser tests will be skipped" >&2
fi
.venv/bin/ruff check .
.venv/bin/ruff format --check .
"$PY" -m pytest -q "$@"
