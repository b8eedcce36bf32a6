#!/usr/bin/env bash
# The whole check, from a clean checkout: install the project with its test tools, then lint, type-check
# and run the tests. Exits non-zero on any failure (pytest's exit 5, "no tests ran", included).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q -e ".[dev]"
python3 -m ruff check .
python3 -m mypy
python3 -m pytest "$@"
