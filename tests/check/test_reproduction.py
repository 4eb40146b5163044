"""Behaviour reproduction: Theil statistics, and reference-data CSVs that are refused."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doomloop import DataError, load_model
from doomloop.check import run_checks
from doomloop.check.checksfile import parse_checks
from doomloop.check.reproduction import load_reference
from doomloop.fitstats import fit_statistics


def closed_form(t: np.ndarray, r: float = 0.3, k: float = 1000.0, p0: float = 10.0) -> np.ndarray:
    return k / (1 + (k / p0 - 1) * np.exp(-r * t))


def test_theil_statistics_sum_to_one_and_match_hand_values() -> None:
    a = np.array([1.0, 2.0, 3.0, 4.0])
    s = np.array([2.0, 3.0, 4.0, 5.0])  # pure bias
    st = fit_statistics(s, a)
    assert st.rmse == pytest.approx(1.0) and st.um == pytest.approx(1.0)
    assert st.us == pytest.approx(0.0) and st.uc == pytest.approx(0.0)
    assert st.mape == pytest.approx(np.mean(1 / a))
    s2 = 2 * a - 2.5  # same mean, twice the spread, perfectly correlated: all variance error
    st2 = fit_statistics(s2, a)
    assert st2.um == pytest.approx(0.0, abs=1e-12)
    assert st2.us == pytest.approx(1.0) and st2.uc == pytest.approx(0.0, abs=1e-12)
    s3 = a[::-1].copy()  # same mean and spread, anti-correlated: all covariance error
    st4 = fit_statistics(s3, a)
    assert st4.uc == pytest.approx(1.0) and st4.um == pytest.approx(0.0, abs=1e-12)
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=50), rng.normal(size=50)
    st3 = fit_statistics(x, y)
    assert st3.um + st3.us + st3.uc == pytest.approx(1.0)


def test_perfect_fit_and_zero_observations() -> None:
    st = fit_statistics(np.array([1.0, 2.0]), np.array([1.0, 2.0]))
    assert st.rmse == 0 and math.isnan(st.um)
    assert math.isnan(fit_statistics(np.array([1.0]), np.array([0.0])).mape)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "ref.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_logistic_reproduces_its_closed_form(logistic: Path, tmp_path: Path) -> None:
    model = load_model(logistic, strict=False)
    years = np.arange(0, 41, 5)
    rows = "".join(
        f"population,{y},{float(v)!r}\n" for y, v in zip(years, closed_form(years), strict=True)
    )
    ref = load_reference(_write(tmp_path, "name,year,value\n" + rows), model)
    checks = parse_checks("[options]\nmax_mape = 0.05\n", model, "c.toml")
    report = run_checks(model, checks, ref, "ref.csv")
    sec = report.section("reproduction")
    assert sec.status == "pass"
    assert sec.tables[0].rows[0][0] == "population" and sec.tables[0].rows[0][1] == len(years)
    strict = parse_checks("[options]\nmax_mape = 0.0001\n", model, "c.toml")
    assert run_checks(model, strict, ref).section("reproduction").status == "fail"


def test_the_card_draws_the_run_against_the_data(logistic: Path, tmp_path: Path) -> None:
    """The fit chart holds the observed points and the run on the same years, which here is
    the logistic's closed form; the Markdown card shows it from a file, the HTML inline."""
    import xml.etree.ElementTree as ET

    from doomloop.check.card import card_figures, to_html, to_markdown

    model = load_model(logistic, strict=False)
    years = np.arange(0, 41, 5)
    points = zip(years, closed_form(years), strict=True)
    rows = "".join(f"population,{y},{float(v)!r}\n" for y, v in points)
    ref = load_reference(_write(tmp_path, "name,year,value\n" + rows), model)
    report = run_checks(model, parse_checks("[options]\nmax_mape = 0.05\n", model, "c.toml"), ref)
    (panel,) = report.section("reproduction").fits
    assert panel.observed == tuple(closed_form(years))
    t = np.asarray(panel.model_times)
    assert t[0] <= 0 and t[-1] >= 40 and np.all(t == np.round(t))  # yearly, over the data
    # the run (Euler at the model's step) within the 5% the check passed it at
    assert np.asarray(panel.model_values) == pytest.approx(closed_form(t), rel=0.05)
    assert panel.result.endswith(": pass") and not panel.log
    ((name, svg),) = card_figures(report).items()
    assert name == "logistic-fit.svg" and f"]({name})" in to_markdown(report)
    ET.fromstring(svg)  # well-formed SVG
    assert card_figures(report)[name] == svg  # reproducible: no ids or dates that change
    page = to_html(report)
    assert "<figure><svg" in page and "<?xml" not in page[page.index("<figure>") :]
    # a card without reference data has no chart and names no file
    bare = run_checks(model, None, None)
    assert card_figures(bare) == {} and ".svg" not in to_markdown(bare)


def test_country_column_is_filtered_to_the_model(logistic: Path, tmp_path: Path) -> None:
    model = load_model(logistic, strict=False)
    text = "name,year,value,country\npopulation,0,10,logistic\npopulation,0,99,other\n"
    ref = load_reference(_write(tmp_path, text), model)
    assert ref[0].values == (10.0,)
    with pytest.raises(DataError, match="none is the model 'logistic'"):
        load_reference(
            _write(tmp_path, "name,year,value,country\npopulation,0,1,a\npopulation,0,1,b\n"), model
        )


BAD = [
    ("name,value\npopulation,3\n", "missing column(s) year"),
    ("variable,year,value\npopulation,1,3\n", "missing column(s) name"),
    ("", "missing column(s) name, year, value"),
    ("name,year,value\n", "no data rows"),
    (
        "name,year,value\npopulation,1850,3\n",
        "ref.csv:2: year 1850 of 'population' is outside the run",
    ),
    ("name,year,value\npopulation,41,3\n", "outside the run (0 to 40)"),
    (
        "name,year,value\npopulation,ten,3\n",
        "ref.csv:2: year 'ten' of 'population' is not a finite",
    ),
    ("name,year,value\npopulation,1,abc\n", "value 'abc' of 'population' is not a finite number"),
    ("name,year,value\npopulation,1,\n", "value '' of 'population'"),
    ("name,year,value\npopulation,1,nan\n", "is not a finite number"),
    ("name,year,value\npopulaton,1,3\n", "no variable 'populaton'"),
    ("name,year,value\n,1,3\n", "empty name"),
    (
        "name,year,value\npopulation,1,3\npopulation,1,4\n",
        "ref.csv:3: 'population' has a second value for 1",
    ),
    ("name,year,value\npopulation,1,3,extra\n", "more fields than the header"),
]


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_reference_data_is_refused(
    logistic: Path, tmp_path: Path, text: str, message: str
) -> None:
    model = load_model(logistic, strict=False)
    with pytest.raises(DataError) as info:
        load_reference(_write(tmp_path, text), model)
    assert message in str(info.value)


def test_reference_file_errors(logistic: Path, tmp_path: Path) -> None:
    model = load_model(logistic, strict=False)
    with pytest.raises(DataError, match="does not exist"):
        load_reference(tmp_path / "none.csv", model)
    p = tmp_path / "latin.csv"
    p.write_bytes("name,year,value\ncaf\xe9,1,2\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_reference(p, model)


_CELLS = st.sampled_from(
    [
        "population",
        "net_growth",
        "nope",
        "",
        "0",
        "40",
        "41",
        "-1",
        "2.5",
        "1e3",
        "nan",
        "inf",
        "x",
        '"a,b"',
        "japan",
        "logistic",
        " 7 ",
    ]
)
_HEADERS = st.sampled_from(
    ["name,year,value", "name,year,value,country", "name,value", "year,name,value", ""]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_HEADERS, st.lists(st.lists(_CELLS, min_size=0, max_size=5).map(",".join), max_size=6))
def test_property_reference_loader_raises_only_data_errors(
    logistic: Path, tmp_path: Path, header: str, lines: list[str]
) -> None:
    model = load_model(logistic, strict=False)
    p = tmp_path / "prop.csv"
    p.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    try:
        series = load_reference(p, model)
    except DataError:
        return
    for s in series:
        assert s.variable in model.variable_names
        assert all(0 <= y <= 40 for y in s.years)
        assert all(math.isfinite(v) for v in s.values)
