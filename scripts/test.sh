#!/usr/bin/env bash
# The test command: lint, type-check, tests. Called by `bash scripts/dev.sh test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
$bin/ruff check src tests benchmarks
$bin/mypy
$bin/python -m pytest -q -m "not slow" "$@"
