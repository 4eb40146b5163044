"""Bad model files: each is refused with a clear ModelFileError, and `check` writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkkit import logistic_xml, write_model

from doomloop import ModelFileError, load_model
from doomloop.cli import main
from doomloop.xmlsafety import MAX_MODEL_BYTES, check_model_file

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><name>&lol4;</name></header></xmile>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE xmile [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
<header><name>&secret;</name></header></xmile>
"""


def _bad_models(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (model path, text the error must contain)."""
    d = tmp_path / "bad"
    d.mkdir()
    cases: dict[str, tuple[Path, str]] = {}

    def add(name: str, text: str | None, expect: str) -> None:
        p = d / f"{name}.xmile"
        if text is not None:
            p.write_text(text, encoding="utf-8")
        cases[name] = (p, expect)

    add("billion_laughs", BILLION_LAUGHS, "refused, the XML declares entities")
    add("external_entity", EXTERNAL_ENTITY, "refused, the XML declares entities")
    add("truncated", logistic_xml()[:300], "malformed XML")
    add("not_xml", "this is not a model\n", "malformed XML")
    add("empty", "", "malformed XML")
    add("missing", None, "does not exist")
    add(
        "undefined",
        logistic_xml(**{"growth_rate * population": "growth_rate * population * mystery"}),
        "mystery",
    )
    add(
        "circular",
        logistic_xml(**{"<eqn>1000</eqn>": "<eqn>initial_population + carrying_capacity</eqn>"}),
        "circular",
    )
    add("syntax", logistic_xml(**{"<eqn>0.3</eqn>": "<eqn>0.3 +* (</eqn>"}), "growth")
    add(
        "engine_rejects",
        '<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">'
        "<model><variables><stock name='s'><eqn>1</eqn><inflow>nope</inflow></stock>"
        "</variables></model></xmile>",
        "engine",
    )
    big = d / "huge.xmile"
    with open(big, "wb") as fh:  # sparse: no disk used
        fh.truncate(MAX_MODEL_BYTES + 1)
    cases["huge"] = (big, f"{MAX_MODEL_BYTES + 1:,} bytes is larger than the")
    return cases


CASES = [
    "billion_laughs",
    "external_entity",
    "truncated",
    "not_xml",
    "empty",
    "missing",
    "undefined",
    "circular",
    "syntax",
    "engine_rejects",
    "huge",
]


@pytest.mark.parametrize("case", CASES)
def test_bad_model_is_refused_with_a_clear_error(tmp_path: Path, case: str) -> None:
    path, expect = _bad_models(tmp_path)[case]
    with pytest.raises(ModelFileError) as info:
        load_model(path, strict=False)
    msg = str(info.value)
    assert expect in msg
    assert str(path) in msg or path.name in msg  # says where


@pytest.mark.parametrize("case", CASES)
def test_check_command_on_bad_model_writes_nothing(
    tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path, expect = _bad_models(tmp_path)[case]
    out = tmp_path / "cards"
    assert main(["check", "--model", str(path), "--out", str(out)]) == 1
    assert expect in " ".join(capsys.readouterr().err.split())
    assert not out.exists()


def test_hostile_xml_is_refused_before_the_engine_sees_it(tmp_path: Path) -> None:
    for text in (BILLION_LAUGHS, EXTERNAL_ENTITY):
        p = tmp_path / "h.xmile"
        p.write_text(text, encoding="utf-8")
        with pytest.raises(ModelFileError, match="DOCTYPE/ENTITY"):
            check_model_file(p)


def test_undeclared_vendor_prefix_is_accepted(tmp_path: Path) -> None:
    """Stella/xmutil files use an undeclared isee: prefix; that is well-formed XML."""
    xml = logistic_xml(**{"<header>": '<isee:prefs show_module_prefix="true"/><header>'})
    path = write_model(tmp_path / "m", xml)
    check_model_file(path)
    assert load_model(path, strict=False).run().shape[0] == 41


def test_unknown_model_name(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="no model named 'atlantis'"):
        load_model("atlantis")
