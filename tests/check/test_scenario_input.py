"""Bad scenario files are refused with a clear ScenarioError (and a property test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doomloop import DoomloopError, ScenarioError, load_model, parse_scenario
from doomloop.scenarios import load_scenario


@pytest.fixture
def model(logistic: Path):  # type: ignore[no-untyped-def]
    return load_model(logistic, strict=False)


def test_good_scenario(model) -> None:  # type: ignore[no-untyped-def]
    sc = parse_scenario(
        'name = "fast"\n[policy]\ninitial_population = 15\n[assumptions]\ngrowth_rate = 0.5\n',
        model,
        "fast.toml",
    )
    assert sc.overrides == {"growth_rate": 0.5, "initial_population": 15.0}


BAD = [
    ("[policy]\npopulation_size = 3\n", "s.toml:2: unknown parameter 'population_size'"),
    ("[assumptions]\ngrowth_rat = 0.2\n", "Did you mean: growth_rate"),
    ("colour = 1\n", "s.toml:1: unknown top-level key 'colour'"),
    ("[policy]\ninitial_population = 1\ninitial_population = 2\n", "not valid TOML"),
    (
        "[policy]\ninitial_population = 1\n[assumptions]\ninitial_population = 2\n",
        "s.toml:4: 'initial_population' is set in both [policy] and [assumptions]",
    ),
    ("[assumptions]\ngrowth_rate = 9\n", "outside its possible range [0, 1]"),
    (
        'description = "growth_rate = 0.1"\n[policy]\ninitial_population = 1\n'
        "[assumptions]\ncarrying_capacity = 100\n",
        "s.toml:5: parameter 'carrying_capacity'",
    ),
    ("[assumptions]\ngrowth_rate = -1\n", "outside its possible range"),
    ("[assumptions]\ngrowth_rate = nan\n", "outside its possible range"),
    ("[assumptions]\ngrowth_rate = inf\n", "outside its possible range"),
    ("[assumptions]\ngrowth_rate = '0.3'\n", "is not a number"),
    ("[assumptions]\ngrowth_rate = true\n", "is not a number"),
    ("[assumptions]\ngrowth_rate = [0.3]\n", "is not a number"),
    ("[assumptions]\ngrowth_rate = 0.3.1\n", "not valid TOML"),
    ("[assumptions]\ngrowth_rate = " + "9" * 400 + "\n", "too large for a float"),
    ("[policy]\ngrowth_rate = 0.3\n", "is a assumption parameter; move it to [assumptions]"),
    ("[assumptions]\ninitial_population = 3\n", "move it to [policy]"),
    ("policy = 3\n", "'policy' must be a table"),
    ("name = 5\n", "'name' must be a non-empty string"),
    ("name = ''\n", "'name' must be a non-empty string"),
    ("description = 1\n", "'description' must be a string"),
    ("model = 1\n", "'model' must be a model name"),
    ("[policy\n", "not valid TOML"),
    ('title = "Fast"\n', "s.toml:1: 'title' must give English and Japanese text"),
    ('question = { en = "Why?" }\n', "'question' must give English and Japanese text"),
    ("description_ja = 3\n", "'description_ja' must be a string"),
    ('start_here = "yes"\n', "'start_here' must be true or false"),
    ("axis = [1995, 1970]\n", "s.toml:1: 'axis' must be two years, first before last"),
    ("axis = [1970]\n", "'axis' must be two years"),
]


def test_how_the_page_shows_a_scenario_is_read_with_it(model) -> None:  # type: ignore[no-untyped-def]
    sc = parse_scenario(
        'title = { en = "Fast", ja = "速い" }\nstart_here = true\naxis = [1970, 1995]\n'
        "[policy]\ninitial_population = 15\n",
        model,
        "fast.toml",
    )
    assert sc.title == {"en": "Fast", "ja": "速い"} and sc.start_here
    assert sc.axis == (1970.0, 1995.0) and sc.question == {} and sc.description_ja == ""


@pytest.mark.parametrize(("text", "message"), BAD, ids=[m for _, m in BAD])
def test_bad_scenarios_are_refused(model, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, model, "s.toml")
    assert message in str(info.value)
    assert str(info.value).startswith("s.toml")


def test_scenario_file_errors(model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenario(tmp_path / "nope.toml", model)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes("name = 'caf\xe9'".encode("latin-1"))
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(bad, model)


_VALUES = st.one_of(
    st.integers(-(10**400), 10**400).map(str),
    st.floats(allow_nan=True, allow_infinity=True)
    .map(repr)
    .map(lambda r: r.replace("nan", "nan").replace("inf", "inf")),
    st.text(max_size=10).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.booleans().map(lambda b: str(b).lower()),
    st.just("[1, 2]"),
    st.just("{ a = 1 }"),
)
_KEYS = st.sampled_from(
    [
        "growth_rate",
        "initial_population",
        "carrying_capacity",
        "name",
        "description",
        "model",
        "policy",
        "assumptions",
        "x",
        '"growth rate"',
    ]
)
_HEADERS = st.sampled_from(["", "[policy]", "[assumptions]", "[other]", "[policy.sub]"])


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_HEADERS, _KEYS, _VALUES), max_size=6) | st.text(max_size=200))
def test_property_scenario_parser_raises_only_doomloop_errors(model, doc) -> None:  # type: ignore[no-untyped-def]
    text = doc if isinstance(doc, str) else "\n".join(f"{h}\n{k} = {v}" for h, k, v in doc)
    try:
        sc = parse_scenario(text, model, "prop.toml")
    except DoomloopError:
        return
    for key, value in sc.overrides.items():
        p = model.parameters[key]
        assert p.lower_bound <= value <= p.upper_bound
