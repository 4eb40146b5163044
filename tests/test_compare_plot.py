"""compare's chart: small multiples with a difference-from-baseline panel, one legend; and
readable numbers for the report and the charts."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import doomloop
from doomloop.summary import comparison_figure, plot_comparison, readable

LOGISTIC = Path(__file__).resolve().parent / "fixtures" / "logistic"


@pytest.mark.parametrize(
    ("x", "long", "short"),
    [
        (1.25e8, "125 million", "125m"),
        (-5e9, "-5 billion", "-5bn"),
        (3.4e12, "3.4 trillion", "3.4tn"),
        (1250.0, "1250", "1250"),
        (12345.678, "12,346", "12,346"),
        (0.42, "0.42", "0.42"),
        (2.8e-18, "2.8×10⁻¹⁸", "2.8×10⁻¹⁸"),
        (7e15, "7×10¹⁵", "7×10¹⁵"),
        (0.0, "0", "0"),
        (math.nan, "", ""),
    ],
)
def test_readable_numbers(x, long, short):
    assert readable(x) == long
    assert readable(x, short=True) == short


def test_small_multiples_with_differences_and_one_legend(tmp_path):
    m = doomloop.load_model(LOGISTIC)
    base = m.run()
    more = m.run(params={"initial_population": 20.0})
    runs = {"baseline": base, "more": more}
    fig = comparison_figure(runs, m.profile, start=0)
    outputs = [o for g in m.profile.panel_graphs() for o in g.outputs if o in base]
    assert outputs and len(fig.axes) == 2 * len(outputs)  # a level and a difference each
    assert all(ax.get_legend() is None for ax in fig.axes)  # no crowded per-axis legends
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["baseline", "more"]
    level, diff = fig.axes[0], fig.axes[1]
    assert level.get_title() == m.profile.display(outputs[0]).label.en
    (line,) = diff.get_lines()[:1]  # the scenario's difference from the baseline
    want = (more[outputs[0]] - base[outputs[0]]).to_numpy()
    np.testing.assert_allclose(line.get_ydata(), want, rtol=0, atol=1e-12)
    assert np.max(np.abs(want)) > 1  # the scenario differs, so the panel shows something
    png = plot_comparison(runs, tmp_path / "c.png", m.profile, start=0)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
