#!/usr/bin/env bash
# Set up doomloop in ./.venv from the project's own files, then run the main job or the tests.
#   bash scripts/dev.sh run     # set up, then `doomloop run` (Japan baseline table + charts)
#   bash scripts/dev.sh test    # set up, then the test suite (and `doomloop check` on models)
# Needs only python3 (3.11+). Debian's chromium is installed for the browser tests when
# apt-get is available and we are root; without it those tests skip and say why.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-run}"; shift || true
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
stamp=.venv/.doomloop-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[all,test]"
  touch "$stamp"
fi
case "$what" in
  run)
    exec .venv/bin/doomloop run "$@" ;;
  test)
    bash scripts/install-browser.sh || true
    exec bash scripts/test.sh "$@" ;;
  *)
    echo "usage: bash scripts/dev.sh [run|test] [args...]" >&2; exit 2 ;;
esac
