#!/usr/bin/env bash
# CI hook: run `doomloop check` on every shipped model and write its card to
# docs/model-cards/<name>.md (and .html), or to DIR. Exits non-zero if any model fails a check.
#   bash scripts/check-models.sh [DIR]      # uses .venv/bin/python, or $PYTHON
set -uo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-.venv/bin/python}"
[ -x "$py" ] || py=python3
export PYTHONPATH="${PWD}/src${PYTHONPATH:+:$PYTHONPATH}"
models=$("$py" -c 'import doomloop; print("\n".join(doomloop.available_models()))') || exit 1
if [ -z "$models" ]; then
  echo "check-models: no shipped models found" >&2
  exit 0
fi
out="${1:-docs/model-cards}"
status=0
for m in $models; do
  echo "== doomloop check $m"
  "$py" -m doomloop check --model "$m" --out "$out" --force || status=1
done
exit $status
