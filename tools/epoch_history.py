"""Write each country model's ``history_ai.csv`` from the Epoch record and ``figures.csv``.

    python tools/epoch_history.py          # rewrites src/doomloop/models/*/history_ai.csv

The rows come from :func:`doomloop.epoch.history_rows`; a test checks that the committed files
are what this writes.
"""

from __future__ import annotations

from doomloop.engine import MODELS_DIR
from doomloop.epoch import COUNTRIES, history_rows


def main() -> int:
    for country in COUNTRIES:
        path = MODELS_DIR / country / "history_ai.csv"
        history_rows(country).to_csv(path, index=False, lineterminator="\n")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
