"""Record every variable of every shipped country baseline and scenario at a few years.

The file (``tests/fixtures/recorded/outputs.npz``) is a change detector: a test checks that
the shipped models still give these numbers within 1e-9 relative. Re-record only after a
change that is meant to move numbers, and say so in the commit::

    python tools/record_outputs.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "fixtures" / "recorded" / "outputs.npz"
YEARS = (1970.0, 1990.0, 2012.0, 2024.0, 2030.0, 2040.0, 2050.0, 2060.0)
COUNTRIES = ("japan", "india", "usa", "uk", "korea", "japan-vlsi")


def runs() -> list[tuple[str, str, str | None]]:
    """(key, country, scenario) of each recorded run: each baseline, each shipped scenario."""
    import tomllib

    from doomloop import available_scenarios
    from doomloop.scenarios import SCENARIOS_DIR

    out: list[tuple[str, str, str | None]] = [(c, c, None) for c in COUNTRIES]
    for s in available_scenarios():
        text = (SCENARIOS_DIR / f"{s}.toml").read_text(encoding="utf-8")
        model = tomllib.loads(text).get("model", "japan")
        out.append((f"{model}:{s}", model, s))
    return out


def simulate(country: str, scenario: str | None) -> tuple[list[str], np.ndarray]:
    from doomloop import load_model

    df = load_model(country).run(scenario=scenario)
    df = df.loc[list(YEARS)]
    cols = sorted(df.columns)
    return cols, df[cols].to_numpy(dtype=float)


def main() -> int:
    arrays: dict[str, np.ndarray] = {"years": np.array(YEARS)}
    for key, country, scenario in runs():
        cols, values = simulate(country, scenario)
        arrays[f"{key}|names"] = np.array(cols)
        arrays[f"{key}|values"] = values
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, **arrays)
    print(f"{OUT}: {len(arrays) // 2} runs, {OUT.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
