#!/usr/bin/env python3
"""Extract cohort-component model inputs from the wpp2024 R data package (GitHub:
PPgp/wpp2024, UN World Population Prospects 2024) for the countries the shipped models name:
each model folder's profile.toml gives its country's WPP name (`[country] wpp`), so a new
country is a folder with that name, then a re-run of this script; no code changes.

Reads the package's .rda datasets (and a few raw .txt files for cross-checks)
straight out of a bare git copy of PPgp/wpp2024, without R.

Usage:
    python tools/extract_wpp2024.py --git-dir PATH/TO/wpp2024.git --out OUTDIR

Needs: pandas, rdata (pip install pandas rdata), git on PATH.
No projected population is read or written.
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile
import tomllib
import warnings
from pathlib import Path

import pandas as pd
import rdata

warnings.filterwarnings("ignore")

# Commits of PPgp/wpp2024 that were read.
MAIN = "2da7768ae64fc74105d3f9e98f9a74d37b62f99a"  # branch main (HEAD), package version 1.1-3
EXPLORER = (
    "490f4091c7f63126cf1a17bdbab2437a4099c336"  # branch wppExplorer, holds data/popAge5dt.rda
)

MODELS = Path(__file__).resolve().parents[1] / "src" / "doomloop" / "models"
COUNTRIES: list[tuple[int, str]] = []  # (UN country_code, name), set by main from the profiles
CODES: list[int] = []
AGE5 = [f"{a}-{a + 4}" for a in range(0, 100, 5)] + ["100+"]
MX_AGES = ["0", "1"] + [str(a) for a in range(5, 100, 5)] + ["100+"]
MX_LABEL = {
    "0": "0",
    "1": "1-4",
    **{str(a): f"{a}-{a + 4}" for a in range(5, 100, 5)},
    "100+": "100+",
}
PASFR_AGES = [f"{a}-{a + 4}" for a in range(15, 50, 5)]
POP_YEARS = list(range(1970, 2021, 5))
LAST_ESTIMATE_YEAR = 2023  # last calendar year of WPP 2024 estimates


def git_bytes(git_dir, commit, path):
    return subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout


def load_rda(git_dir, commit, path):
    raw = git_bytes(git_dir, commit, path)
    with tempfile.NamedTemporaryFile(suffix=".rda", delete=False) as fh:
        fh.write(raw)
        tmp = fh.name
    try:
        conv = rdata.conversion.convert(rdata.parser.parse_file(tmp), default_encoding="utf8")
    finally:
        os.unlink(tmp)
    ((name, df),) = conv.items()
    df = pd.DataFrame(df).reset_index(drop=True)
    for col in df.columns:
        if str(df[col].dtype) in ("Int32", "Int64"):
            df[col] = df[col].astype("int64")
        elif str(df[col].dtype).startswith("string"):
            df[col] = df[col].astype(object)
    df.columns = [str(c) for c in df.columns]
    return df


def load_txt(git_dir, commit, path):
    return pd.read_csv(io.BytesIO(git_bytes(git_dir, commit, path)), sep="\t", comment=None)


def wpp_names(models=MODELS):
    """The WPP country names the model folders' profiles ask for, in folder order, once each."""
    out = []
    for p in sorted(models.glob("*/profile.toml")):
        name = tomllib.loads(p.read_text(encoding="utf-8")).get("country", {}).get("wpp")
        if name and name not in out:
            out.append(name)
    return out


def names(git_dir):
    """Sets COUNTRIES and CODES from the profiles' WPP names and the package's location list."""
    loc = load_txt(git_dir, MAIN, "data/UNlocations.txt")
    by_name = dict(zip(loc["name"], loc["country_code"], strict=True))
    wanted = wpp_names()
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        sys.exit(
            f"profile.toml names a country the WPP location list lacks: {unknown}; "
            "use the `name` column of data/UNlocations.txt in PPgp/wpp2024"
        )
    COUNTRIES[:] = [(int(by_name[n]), n) for n in wanted]
    CODES[:] = [c for c, _ in COUNTRIES]
    return {c: n for c, n in COUNTRIES}


def order_countries(df):
    df["_o"] = df["country_code"].map({c: i for i, c in enumerate(CODES)})
    return df


def split_period(df):
    df["year_start"] = df["period"].str.slice(0, 4).astype(int)
    df["year_end"] = df["period"].str.slice(5, 9).astype(int)
    assert (df.year_end - df.year_start == 5).all()
    return df


def period_variant(df):
    # legacy 5-year periods run mid-year to mid-year; 2015-2020 is the last wholly
    # estimated period, 2020-2025 onwards come from the package's projection files
    # (2020-2025 mixes estimates to end-2023 with the medium projection).
    return df.assign(variant=(df.year_start >= 2020).map({True: "medium", False: "estimate"}))


def to_persons(x):
    return (x * 1000).round().astype("int64")


def population(g, write):
    """Population by age and sex (estimates only), checked against package totals."""
    # ---------- 1. population by age (estimates only) ----------
    pop = load_rda(g, EXPLORER, "data/popAge5dt.rda")
    pop = pop[pop.country_code.isin(CODES)]
    assert pop.year.max() <= 2020, "popAge5dt unexpectedly holds years after 2020"
    assert (abs(pop.popM + pop.popF - pop["pop"]) < 1e-6).all()
    pop = pop[pop.year.isin(POP_YEARS)]
    long = pd.concat(
        [
            pop.assign(sex="male", population=to_persons(pop.popM)),
            pop.assign(sex="female", population=to_persons(pop.popF)),
        ]
    )
    long = long.rename(columns={"age": "age_group"})
    assert set(long.age_group) == set(AGE5)
    long["_a"] = long.age_group.map({x: i for i, x in enumerate(AGE5)})
    long["_s"] = long.sex.map({"male": 0, "female": 1})
    popout = write(
        long,
        "population_by_age.csv",
        ["country", "country_code", "year", "sex", "age_group", "population"],
        ["year", "_s", "_a"],
    )
    assert len(popout) == len(CODES) * len(POP_YEARS) * 2 * 21

    # validation: 2020 sum by age vs package totals and vs person-years from misc1dt
    misc = load_rda(g, MAIN, "data/misc1dt.rda")
    misc = misc[misc.country_code.isin(CODES) & (misc.year == 2020)].set_index("country_code")
    full2020 = load_rda(g, EXPLORER, "data/popAge5dt.rda")
    full2020 = full2020[full2020.country_code.isin(CODES) & (full2020.year == 2020)]
    tot_pkg = full2020.groupby("country_code")["pop"].sum() * 1000
    val = []
    for code, cname in COUNTRIES:
        s = popout[(popout.country_code == code) & (popout.year == 2020)].population.sum()
        py_b = (
            misc.loc[code, "births"] / misc.loc[code, "cbr"] * 1e6
        )  # thousands / per-1000 -> persons
        py_d = misc.loc[code, "deaths"] / misc.loc[code, "cdr"] * 1e6
        val.append(
            dict(
                country=cname,
                sum_by_age_2020=int(s),
                pkg_total_pop5dt=round(float(tot_pkg[code])),
                diff_vs_pkg_total=int(s - round(float(tot_pkg[code]))),
                person_years_2020_from_births_cbr=round(py_b),
                diff_vs_births_cbr_pct=round(100 * (s - py_b) / py_b, 3),
                person_years_2020_from_deaths_cdr=round(py_d),
                diff_vs_deaths_cdr_pct=round(100 * (s - py_d) / py_d, 3),
            )
        )
    valdf = pd.DataFrame(val)
    print(valdf.to_string(index=False))


def mortality(g, write):
    """Death rates by age, sex and five-year period, checked against the raw text files."""
    # ---------- 2. mortality: mx by age, 5-year periods, estimates + medium ----------
    mx = load_rda(g, MAIN, "data/mx5dt.rda")
    mx = mx[mx.country_code.isin(CODES)]
    assert set(mx.age) == set(MX_AGES)
    # cross-check against the raw text files
    for sx, col in (("M", "mxM"), ("F", "mxF")):
        raw = load_txt(g, MAIN, f"data-raw/mx{sx}5.txt")
        raw = raw[raw.country_code.isin(CODES)].drop(columns="country")
        raw = raw.melt(id_vars=["country_code", "age"], var_name="period", value_name="raw")
        raw["age"] = raw["age"].astype(str)
        m = mx.merge(raw, on=["country_code", "age", "period"])
        assert len(m) == len(mx) and (abs(m[col] - m.raw) < 1e-7).all(), f"mx{sx} mismatch"
    mxl = pd.concat([mx.assign(sex="male", mx=mx.mxM), mx.assign(sex="female", mx=mx.mxF)])
    mxl["age_group"] = mxl.age.map(MX_LABEL)
    mxl["_a"] = mxl.age.map({x: i for i, x in enumerate(MX_AGES)})
    mxl["_s"] = mxl.sex.map({"male": 0, "female": 1})
    mxl = period_variant(split_period(mxl))
    write(
        mxl,
        "mortality_by_age.csv",
        [
            "country",
            "country_code",
            "period",
            "year_start",
            "year_end",
            "variant",
            "sex",
            "age_group",
            "mx",
        ],
        ["year_start", "_s", "_a"],
    )


def fertility(g, write):
    """TFR (five-year and annual) and its age pattern."""
    # ---------- 3a. TFR, 5-year periods ----------
    t5 = load_rda(g, MAIN, "data/tfr5dt.rda")
    t5p = load_rda(g, MAIN, "data/tfrproj5dt.rda")
    t5 = pd.concat(
        [
            t5[t5.country_code.isin(CODES)][["country_code", "period", "tfr"]].assign(
                variant="estimate"
            ),
            t5p[t5p.country_code.isin(CODES)][["country_code", "period", "tfr"]].assign(
                variant="medium"
            ),
        ]
    )
    t5 = split_period(t5)
    assert t5.groupby("country_code").size().eq(30).all()
    write(
        t5,
        "fertility.csv",
        ["country", "country_code", "period", "year_start", "year_end", "variant", "tfr"],
        ["year_start"],
    )

    # ---------- 3b. TFR, annual ----------
    t1 = load_rda(g, MAIN, "data/tfr1dt.rda")
    t1p = load_rda(g, MAIN, "data/tfrproj1dt.rda")
    t1 = pd.concat(
        [
            t1[t1.country_code.isin(CODES)][["country_code", "year", "tfr"]].assign(
                variant="estimate"
            ),
            t1p[t1p.country_code.isin(CODES)][["country_code", "year", "tfr"]].assign(
                variant="medium"
            ),
        ]
    )
    assert t1[t1.variant == "estimate"].year.max() == LAST_ESTIMATE_YEAR
    write(
        t1, "fertility_annual.csv", ["country", "country_code", "year", "variant", "tfr"], ["year"]
    )

    # ---------- 3c. percent ASFR, 5-year periods ----------
    pa = load_rda(g, MAIN, "data/percentASFR5dt.rda")
    pa = pa[pa.country_code.isin(CODES)].rename(
        columns={"age": "age_group", "pasfr": "percent_asfr"}
    )
    assert set(pa.age_group) == set(PASFR_AGES)
    pa["_a"] = pa.age_group.map({x: i for i, x in enumerate(PASFR_AGES)})
    pa = period_variant(split_period(pa))
    sums = pa.groupby(["country_code", "period"]).percent_asfr.sum()
    assert (abs(sums - 100) < 0.01).all(), sums[abs(sums - 100) >= 0.01]
    write(
        pa,
        "fertility_age_pattern.csv",
        [
            "country",
            "country_code",
            "period",
            "year_start",
            "year_end",
            "variant",
            "age_group",
            "percent_asfr",
        ],
        ["year_start", "_a"],
    )


def life_expectancy(g, write):
    """Life expectancy at birth by sex, annual (estimates 1950-2023, medium 2024-2100)."""
    # ---------- 3d. e0, annual ----------
    e1 = load_rda(g, MAIN, "data/e01dt.rda")
    e1p = load_rda(g, MAIN, "data/e0proj1dt.rda")
    e1 = pd.concat([e1[e1.country_code.isin(CODES)].assign(variant="estimate"),
                    e1p[e1p.country_code.isin(CODES)].assign(variant="medium")])  # fmt: skip
    assert e1[e1.variant == "estimate"].year.max() == LAST_ESTIMATE_YEAR
    e1 = pd.concat(
        [e1.assign(sex="male", e0=e1.e0M, _s=0), e1.assign(sex="female", e0=e1.e0F, _s=1)]
    )
    write(
        e1,
        "life_expectancy_annual.csv",
        ["country", "country_code", "year", "variant", "sex", "e0"],
        ["year", "_s"],
    )


def sex_ratio(g, write):
    """Sex ratio at birth, five-year and annual."""
    # ---------- 4a. sex ratio at birth ----------
    sr5 = load_rda(g, MAIN, "data/sexRatio5dt.rda")
    sr5 = period_variant(split_period(sr5[sr5.country_code.isin(CODES)].copy()))
    write(
        sr5,
        "sex_ratio_at_birth.csv",
        ["country", "country_code", "period", "year_start", "year_end", "variant", "srb"],
        ["year_start"],
    )
    sr1 = load_rda(g, MAIN, "data/sexRatio1dt.rda")
    sr1 = sr1[sr1.country_code.isin(CODES)].copy()
    sr1["variant"] = (sr1.year > LAST_ESTIMATE_YEAR).map({True: "medium", False: "estimate"})
    write(
        sr1,
        "sex_ratio_at_birth_annual.csv",
        ["country", "country_code", "year", "variant", "srb"],
        ["year"],
    )


def migration(g, write, checks):
    """Net migration by age and sex, and its annual and five-year totals."""
    # ---------- 4b. migration by age and sex (only exists for 2020-2025 onwards) ----------
    mg = load_rda(g, MAIN, "data/migprojAge5dt.rda")
    mg = mg[mg.country_code.isin(CODES)]
    assert set(mg.age) == set(AGE5)
    for sx, col in (("M", "migM"), ("F", "migF")):
        raw = load_txt(g, MAIN, f"data-raw/migration{sx}5.txt")
        raw = raw[raw.country_code.isin(CODES)].drop(columns="country")
        raw = raw.melt(id_vars=["country_code", "age"], var_name="period", value_name="raw")
        m = mg.merge(raw, on=["country_code", "age", "period"])
        assert len(m) == len(mg) and (abs(m[col] - m.raw) < 1e-9).all(), f"migration{sx}5 mismatch"
    mgl = pd.concat(
        [
            mg.assign(sex="male", net_migrants=to_persons(mg.migM)),
            mg.assign(sex="female", net_migrants=to_persons(mg.migF)),
        ]
    )
    mgl = mgl.rename(columns={"age": "age_group"})
    mgl["_a"] = mgl.age_group.map({x: i for i, x in enumerate(AGE5)})
    mgl["_s"] = mgl.sex.map({"male": 0, "female": 1})
    mgl = period_variant(split_period(mgl))
    write(
        mgl,
        "migration_by_age.csv",
        [
            "country",
            "country_code",
            "period",
            "year_start",
            "year_end",
            "variant",
            "sex",
            "age_group",
            "net_migrants",
        ],
        ["year_start", "_s", "_a"],
    )

    # ---------- 4b'. migration by single age and sex, annual (2023 on) ----------
    # migprojAge1dt (from data-raw/migrationMproj.txt, migrationFproj.txt, whose objects are
    # missing from the repository): net migrants of each calendar year by single age 0, ...,
    # 99 and 100+, age at the end of the year. One row per country, year and sex, the ages
    # as columns. Its five-year sums, half of each edge year, are migprojAge5dt.
    m1a = load_rda(g, MAIN, "data/migprojAge1dt.rda")
    m1a = m1a[m1a.country_code.isin(CODES)]
    assert sorted(set(m1a.age)) == list(range(101))
    wide = []
    for sex, col in (("male", "migM"), ("female", "migF")):
        w = m1a.pivot_table(index=["country_code", "year"], columns="age", values=col)
        w = (w * 1000).round().astype("int64")
        w.columns = [f"age_{a}" for a in w.columns]
        wide.append(w.reset_index().assign(sex=sex, _s=0 if sex == "male" else 1))
    m1a = pd.concat(wide)
    m1a["variant"] = (m1a.year > LAST_ESTIMATE_YEAR).map({True: "medium", False: "estimate"})
    by5 = []
    for code in CODES:  # check: its mid-year five-year sums are the five-year table
        for sex in ("male", "female"):
            ages = [f"age_{a}" for a in range(101)]
            w = m1a[(m1a.country_code == code) & (m1a.sex == sex)].set_index("year")[ages]
            for y0 in range(2025, 2095, 5):
                v = (
                    0.5 * w.loc[y0]
                    + sum(w.loc[y] for y in range(y0 + 1, y0 + 5))
                    + 0.5 * w.loc[y0 + 5]
                )
                five = [v[ages[5 * k : 5 * k + 5]].sum() for k in range(20)] + [v["age_100"]]
                ref = mgl[(mgl.country_code == code) & (mgl.sex == sex) & (mgl.year_start == y0)]
                by5.append(max(abs(a - b) for a, b in zip(five, ref.net_migrants, strict=True)))
    checks.append(("max |five-year sums of migprojAge1dt - migprojAge5dt| (persons)", max(by5)))
    write(
        m1a,
        "migration_by_single_age_annual.csv",
        ["country", "country_code", "year", "variant", "sex"] + [f"age_{a}" for a in range(101)],
        ["year", "_s"],
    )

    # ---------- 4c. migration totals, annual (estimates 1950-2023 + medium 2024-2100) ----------
    m1 = load_rda(g, MAIN, "data/mig1dt.rda")
    m1p = load_rda(g, MAIN, "data/migproj1dt.rda")
    m1 = pd.concat(
        [
            m1[m1.country_code.isin(CODES)][["country_code", "year", "mig"]].assign(
                variant="estimate"
            ),
            m1p[m1p.country_code.isin(CODES)][["country_code", "year", "mig"]].assign(
                variant="medium"
            ),
        ]
    )
    m1["net_migrants"] = to_persons(m1.mig)
    write(
        m1,
        "migration_totals_annual.csv",
        ["country", "country_code", "year", "variant", "net_migrants"],
        ["year"],
    )

    # ---------- 4d. migration totals, 5-year periods ----------
    # estimates 1950-1955..2015-2020: the package's own data/mig5dt.R rule (calendar
    # years wholly inside the mid-year-to-mid-year period count fully, the two edge
    # years count half); 2020-2025..2095-2100: sum over age and sex of migprojAge5dt.
    est = m1[m1.variant == "estimate"]
    rows = []
    for code in CODES:
        s = est[est.country_code == code].set_index("year").mig
        for y0 in range(1950, 2020, 5):
            v = 0.5 * s.get(y0, 0.0) + sum(s[y] for y in range(y0 + 1, y0 + 5)) + 0.5 * s[y0 + 5]
            rows.append(dict(country_code=code, period=f"{y0}-{y0 + 5}", mig=v))
    m5e = pd.DataFrame(rows).assign(variant="estimate")
    m5p = (
        mg.groupby(["country_code", "period"], as_index=False)
        .apply(lambda d: pd.Series({"mig": d.migM.sum() + d.migF.sum()}), include_groups=False)
        .assign(variant="medium")
    )
    rawtot = load_txt(g, MAIN, "data-raw/migrationprojMed5.txt")
    rawtot = (
        rawtot[rawtot.country_code.isin(CODES)]
        .drop(columns="country")
        .melt(id_vars="country_code", var_name="period", value_name="raw")
    )
    chk = m5p.merge(rawtot, on=["country_code", "period"])
    checks.append(
        (
            "max |sum(migprojAge5dt) - migrationprojMed5.txt| (thousands)",
            float((chk.mig - chk.raw).abs().max()),
        )
    )
    m5 = split_period(pd.concat([m5e, m5p]))
    m5["net_migrants"] = to_persons(m5.mig)
    write(
        m5,
        "migration_totals.csv",
        ["country", "country_code", "period", "year_start", "year_end", "variant", "net_migrants"],
        ["year_start"],
    )


def vital_events(g, write, checks):
    """Annual births, deaths and population change (estimates, calendar years to 2023)."""
    # ---------- 5. vital events (misc1dt: births, deaths, PopChange; estimates only) ----------
    mi = load_rda(g, MAIN, "data/misc1dt.rda")
    mi = mi[mi.country_code.isin(CODES) & (mi.year <= LAST_ESTIMATE_YEAR)].copy()
    assert mi.year.max() == LAST_ESTIMATE_YEAR
    for col, raw_name in (("births", "births"), ("deaths", "deaths"), ("PopChange", "PopChange")):
        raw = load_txt(g, MAIN, f"data-raw/{raw_name}.txt")
        raw = raw[raw.country_code.isin(CODES)].drop(columns="country")
        raw = raw.melt(id_vars="country_code", var_name="year", value_name="raw")
        raw["year"] = raw.year.astype(int)
        m = mi.merge(raw, on=["country_code", "year"])
        assert len(m) == len(mi) and (abs(m[col] - m.raw) < 1e-9).all(), f"{raw_name} mismatch"
    mig = load_rda(g, MAIN, "data/mig1dt.rda")
    bal = mi.merge(mig[["country_code", "year", "mig"]], on=["country_code", "year"])
    checks.append(
        (
            "max |PopChange - (births - deaths + net migration)|, 1950-2023 (thousands)",
            float((bal.PopChange - (bal.births - bal.deaths + bal.mig)).abs().max()),
        )
    )
    mi["variant"] = "estimate"
    mi["births"] = to_persons(mi.births)
    mi["deaths"] = to_persons(mi.deaths)
    mi["population_change"] = to_persons(mi.PopChange)
    write(
        mi,
        "vital_events_annual.csv",
        ["country", "country_code", "year", "variant", "births", "deaths", "population_change"],
        ["year"],
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--git-dir", required=True, help="bare git copy of PPgp/wpp2024")
    ap.add_argument("--out", required=True, help="output folder")
    a = ap.parse_args()
    g, out = a.git_dir, a.out
    os.makedirs(out, exist_ok=True)
    nm = names(g)
    checks = []

    def write(df, fname, cols, sort):
        df = order_countries(df.copy()).sort_values(["_o"] + sort, kind="stable")
        df["country"] = df["country_code"].map(nm)
        df[cols].to_csv(os.path.join(out, fname), index=False, lineterminator="\n")
        print(f"{fname}: {len(df)} rows")
        return df[cols]

    population(g, write)
    mortality(g, write)
    fertility(g, write)
    life_expectancy(g, write)
    sex_ratio(g, write)
    migration(g, write, checks)
    vital_events(g, write, checks)

    for k, v in checks:
        print(k, v)


if __name__ == "__main__":
    sys.exit(main())
