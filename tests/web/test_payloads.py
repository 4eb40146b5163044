"""Property tests: whatever JSON arrives, the API answers 200, 413 or 422, never 500."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NAMES = st.sampled_from(["growth_rate", "carrying_capacity", "initial_population", "x", ""])
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
PARAMS = st.one_of(
    st.dictionaries(st.one_of(NAMES, st.text(max_size=30)), SCALARS, max_size=5), JSONISH
)
BODIES = st.fixed_dictionaries(
    {},
    optional={
        "params": PARAMS,
        "outputs": st.one_of(
            st.lists(st.sampled_from(["population", "net_growth", "zz"])), JSONISH
        ),
        "members": st.one_of(st.integers(min_value=-5, max_value=300), JSONISH),
        "seed": st.one_of(st.integers(min_value=-5, max_value=2**40), JSONISH),
        "start": st.one_of(st.floats(min_value=-100, max_value=100), JSONISH),
        "stop": st.one_of(st.floats(min_value=-100, max_value=100), JSONISH),
        "junk": JSONISH,
    },
)
OK = {200, 413, 422}


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # tests write only into tmp_path: no .hypothesis folder
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=BODIES, path=st.sampled_from(["/api/run", "/api/ensemble", "/api/loops"]))
def test_structured_payloads_never_500(client: TestClient, body: dict, path: str) -> None:
    text = json.dumps(body, allow_nan=True)
    r = client.post(path, content=text, headers={"content-type": "application/json"})
    assert r.status_code in OK, (r.status_code, r.text[:300])
    if r.status_code == 422:
        detail = r.json()["detail"]
        assert detail and all("loc" in d and d["msg"] for d in detail)


@settings(
    max_examples=60,
    deadline=None,
    database=None,  # tests write only into tmp_path: no .hypothesis folder
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_raw_bytes_never_500(client: TestClient, raw: bytes) -> None:
    r = client.post("/api/run", content=raw, headers={"content-type": "application/json"})
    assert r.status_code in {200, 400, 413, 422}, (r.status_code, r.text[:300])


def test_deep_nesting_is_refused_cleanly(client: TestClient) -> None:
    raw = b'{"params":' + b"[" * 30000 + b"]" * 30000 + b"}"
    r = client.post("/api/run", content=raw, headers={"content-type": "application/json"})
    assert r.status_code in {400, 413, 422}
