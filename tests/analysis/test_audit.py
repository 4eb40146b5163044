"""The essay audit: verdict rules on hand-made runs, and the shipped claims file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from doomloop.analysis.audit import (
    Claim,
    Rule,
    Runs,
    audit_table,
    counts,
    load_claims,
    validate,
    verdict,
)
from doomloop.errors import ClaimsFileError

YEARS = np.arange(2020.0, 2061.0)


def frame(**series: object) -> pd.DataFrame:
    cols = {}
    for name, v in series.items():
        cols[name] = np.interp(YEARS, *v) if isinstance(v, tuple) else np.full(YEARS.size, v)
    return pd.DataFrame(cols, index=pd.Index(YEARS, name="time"))


class HandRuns(Runs):
    """Runs made by hand: keyed by (scenario, frozen params); links map to params."""

    def __init__(self, frames: dict[tuple[str | None, str], pd.DataFrame]) -> None:
        super().__init__()
        self.frames = frames
        self.asked: list[tuple[str | None, str]] = []

    def link_overrides(self, model: str, link: str) -> Mapping[str, float]:
        return {f"knock_{link}": 1.0}

    def get(self, model: str, scenario: str | None, params: Mapping[str, float]) -> pd.DataFrame:
        key = (scenario, ",".join(sorted(params)))
        self.asked.append(key)
        return self.frames[key]


def claim(*rules: Rule, why_not: str = "") -> Claim:
    return Claim("T1", "s", "c", "[1]", "causal", "unverified", rules=rules, why_not=why_not)


def test_a_level_rule_supports_or_not() -> None:
    rule = Rule("frontier_gap_oom at 2040 > 0.5")
    gap_wide = HandRuns({(None, ""): frame(frontier_gap_oom=2.0)})
    gap_closed = HandRuns({(None, ""): frame(frontier_gap_oom=0.2)})
    assert verdict(claim(rule), gap_wide)[0] == "supports"
    v, why = verdict(claim(rule), gap_closed)
    assert v == "does not support" and "= 0.2" in why


def test_a_knockout_rule_built_to_contradict_the_claim() -> None:
    # "low pay drives specialists abroad": the knock-out must close >= 10% of the gap
    rule = Rule("relative change frontier_gap_oom at 2040 <= -0.10", links=("C2",))
    runs = HandRuns(
        {
            (None, ""): frame(frontier_gap_oom=2.0),
            (None, "knock_C2"): frame(frontier_gap_oom=1.95),  # closes 2.5% only
        }
    )
    v, why = verdict(claim(rule), runs)
    assert v == "does not support" and "-0.025" in why
    runs.frames[(None, "knock_C2")] = frame(frontier_gap_oom=1.0)
    assert verdict(claim(rule), runs)[0] == "supports"


def test_versus_scenario_is_the_reference() -> None:
    rule = Rule("change frontier_gap_oom at 2040 < 0", scenario="early", versus="late")
    runs = HandRuns(
        {("early", ""): frame(frontier_gap_oom=2.1), ("late", ""): frame(frontier_gap_oom=2.0)}
    )
    assert verdict(claim(rule), runs)[0] == "does not support"  # acting early did worse here


def test_layers_trends_ratios_and_spans() -> None:
    f = frame(
        frontier_sovereignty=((2020, 2050, 2060), (0.0, 0.4, 0.6)),
        english_proficiency=((2020, 2060), (50.0, 40.0)),
        a=2.0,
        b=8.0,
    )
    runs = HandRuns({(None, ""): f})
    assert verdict(claim(Rule("frontier_sovereignty achieved between 2024 and 2060")), runs)[0] == (
        "supports"
    )
    never = Rule("frontier_sovereignty not achieved between 2024 and 2050")
    assert verdict(claim(never), runs)[0] == "supports"
    assert verdict(claim(Rule("frontier_sovereignty not achieved between 2024 and 2060")), runs)[
        0
    ] == ("does not support")
    assert verdict(claim(Rule("english_proficiency falls from 2025 to 2040")), runs)[0] == (
        "supports"
    )
    assert verdict(claim(Rule("english_proficiency rises from 2025 to 2040")), runs)[0] == (
        "does not support"
    )
    assert verdict(claim(Rule("a / b at 2030 between 0.24 and 0.26")), runs)[0] == "supports"
    span = Rule("change english_proficiency from 2024 to 2050 <= -10")
    assert verdict(claim(span), runs)[0] == "does not support"  # -7.5


def test_together_against_the_sum_alone() -> None:
    rule = Rule(
        "together closes frontier_gap_oom at 2040 more than the links alone", links=("A", "B")
    )
    runs = HandRuns(
        {
            (None, ""): frame(frontier_gap_oom=2.0),
            (None, "knock_A"): frame(frontier_gap_oom=1.5),
            (None, "knock_B"): frame(frontier_gap_oom=1.5),
            (None, "knock_A,knock_B"): frame(frontier_gap_oom=0.5),  # -1.5 < -1.0: reinforce
        }
    )
    assert verdict(claim(rule), runs)[0] == "supports"
    runs.frames[(None, "knock_A,knock_B")] = frame(frontier_gap_oom=1.2)  # -0.8: less
    assert verdict(claim(rule), runs)[0] == "does not support"


def test_no_rule_cannot_tell_and_all_rules_must_hold() -> None:
    runs = HandRuns({(None, ""): frame(frontier_gap_oom=2.0)})
    assert verdict(claim(why_not="a statistic"), runs) == ("cannot tell", "a statistic")
    ok, bad = Rule("frontier_gap_oom at 2040 > 1"), Rule("frontier_gap_oom at 2040 > 3")
    assert verdict(claim(ok, bad), runs)[0] == "does not support"


GOOD = """[[claim]]
id = "X1"
section = "s"
claim = "c"
note = "[1]"
kind = "causal"
source = "unverified"
"""


@pytest.mark.parametrize(
    ("text", "match"),
    [
        (GOOD, "needs a rule or why_not"),
        (GOOD + 'why_not = "x"\nverdict = "supports"\n', "unknown key 'verdict'"),
        (GOOD.replace("unverified", "true"), "source 'true'"),
        (GOOD.replace('"causal"', '"vague"'), "kind 'vague'"),
        (GOOD + '[claim.rule]\ntest = "frontier gap is big"\n', "matches no form"),
        (GOOD + '[claim.rule]\ntest = "x at 2040 > 1"\ncolour = 1\n', "unknown rule key"),
        (
            GOOD + '[claim.rule]\ntest = "together closes x at 2040 more than the links alone"\n',
            "two or more",
        ),
        (GOOD + 'why_not = "x"\n' + GOOD.replace("[[claim]]", "\n[[claim]]"), "used twice"),
        ("", "holds no"),
    ],
)
def test_bad_claims_files_are_refused(tmp_path: Path, text: str, match: str) -> None:
    p = tmp_path / "claims.toml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ClaimsFileError, match=match):
        load_claims(p)


def test_validate_names_unknown_variables_links_and_scenarios() -> None:
    runs = Runs()
    for rule, match in (
        (Rule("frontier_gap at 2040 > 1"), "no variable 'frontier_gap'"),
        (Rule("frontier_gap_oom at 2040 > 1", links=("C9",)), "no link 'C9'"),
        (Rule("frontier_gap_oom at 2040 > 1", scenario="moon"), "no shipped scenario"),
    ):
        with pytest.raises(ClaimsFileError, match=match):
            validate([claim(rule)], runs)


def test_the_shipped_claims_file() -> None:
    claims = load_claims()
    assert 40 <= len(claims) <= 70
    assert {c.source for c in claims} == {"verified", "conflicts", "unverified"}
    sections = [c.section for c in claims]
    assert sections[0] == "Opening" and sections[-1] == "The Meiji Question"
    assert sum(1 for c in claims if c.rules) >= 25
    validate(claims, Runs())  # every model, scenario, link and variable exists


def test_audit_table_and_counts_on_hand_made_runs() -> None:
    rule = Rule("frontier_gap_oom at 2040 > 0.5")
    claims = [claim(rule), Claim("T2", "s", "c", "[2]", "quantitative", "verified", why_not="x")]
    seen: list[tuple[int, int]] = []
    runs = HandRuns({(None, ""): frame(frontier_gap_oom=2.0)})
    t = audit_table(claims, runs, progress=lambda done, total: seen.append((done, total)))
    assert list(t["verdict"]) == ["supports", "cannot tell"]
    assert seen == [(1, 2), (2, 2)]  # one step per claim judged, for the CLI's bar
    assert counts(t)["verdict"] == {"supports": 1, "does not support": 0, "cannot tell": 1}
