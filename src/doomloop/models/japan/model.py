"""
Python model 'model.py'
Translated using PySD
"""

from pathlib import Path
import numpy as np
import xarray as xr

from pysd.py_backend.functions import if_then_else
from pysd.py_backend.statefuls import Integ, NonNegativeInteg
from pysd import Component

__pysd_version__ = "3.14.3"

__data = {"scope": None, "time": lambda: 0}

_root = Path(__file__).parent


_subscript_dict = {
    "Cohort": [
        "b1870",
        "b1875",
        "b1880",
        "b1885",
        "b1890",
        "b1895",
        "b1900",
        "b1905",
        "b1910",
        "b1915",
        "b1920",
        "b1925",
        "b1930",
        "b1935",
        "b1940",
        "b1945",
        "b1950",
        "b1955",
        "b1960",
        "b1965",
        "b1970",
        "b1975",
        "b1980",
        "b1985",
        "b1990",
        "b1995",
        "b2000",
        "b2005",
        "b2010",
        "b2015",
        "b2020",
        "b2025",
        "b2030",
        "b2035",
        "b2040",
        "b2045",
        "b2050",
        "b2055",
    ]
}

component = Component()

#######################################################################
#                          CONTROL VARIABLES                          #
#######################################################################

_control_vars = {
    "initial_time": lambda: 1970,
    "final_time": lambda: 2060,
    "time_step": lambda: 0.0625,
    "saveper": lambda: time_step(),
}


def _init_outer_references(data):
    for key in data:
        __data[key] = data[key]


@component.add(name="Time")
def time():
    """
    Current time of the model.
    """
    return __data["time"]()


@component.add(
    name="INITIAL TIME", units="year", comp_type="Constant", comp_subtype="Normal"
)
def initial_time():
    """
    The initial time for the simulation.
    """
    return __data["time"].initial_time()


@component.add(
    name="FINAL TIME", units="year", comp_type="Constant", comp_subtype="Normal"
)
def final_time():
    """
    The final time for the simulation.
    """
    return __data["time"].final_time()


@component.add(
    name="TIME STEP", units="year", comp_type="Constant", comp_subtype="Normal"
)
def time_step():
    """
    The time step for the simulation.
    """
    return __data["time"].time_step()


@component.add(
    name="SAVEPER",
    units="year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time_step": 1},
)
def saveper():
    """
    The save time step for the simulation.
    """
    return __data["time"].saveper()


#######################################################################
#                           MODEL VARIABLES                           #
#######################################################################


@component.add(
    name="cohort_width", units="year", comp_type="Constant", comp_subtype="Normal"
)
def cohort_width():
    """
    Width of a birth cohort and of the age groups of the WPP inputs (structure).
    """
    return 5


@component.add(
    name="cohort_birth_start",
    units="year",
    subscripts=["Cohort"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def cohort_birth_start():
    """
    First birth year of each five-year birth cohort (cohort bY is born in [Y, Y+5)).
    """
    value = xr.DataArray(np.nan, {"Cohort": _subscript_dict["Cohort"]}, ["Cohort"])
    value.loc[["b1870"]] = 1870
    value.loc[["b1875"]] = 1875
    value.loc[["b1880"]] = 1880
    value.loc[["b1885"]] = 1885
    value.loc[["b1890"]] = 1890
    value.loc[["b1895"]] = 1895
    value.loc[["b1900"]] = 1900
    value.loc[["b1905"]] = 1905
    value.loc[["b1910"]] = 1910
    value.loc[["b1915"]] = 1915
    value.loc[["b1920"]] = 1920
    value.loc[["b1925"]] = 1925
    value.loc[["b1930"]] = 1930
    value.loc[["b1935"]] = 1935
    value.loc[["b1940"]] = 1940
    value.loc[["b1945"]] = 1945
    value.loc[["b1950"]] = 1950
    value.loc[["b1955"]] = 1955
    value.loc[["b1960"]] = 1960
    value.loc[["b1965"]] = 1965
    value.loc[["b1970"]] = 1970
    value.loc[["b1975"]] = 1975
    value.loc[["b1980"]] = 1980
    value.loc[["b1985"]] = 1985
    value.loc[["b1990"]] = 1990
    value.loc[["b1995"]] = 1995
    value.loc[["b2000"]] = 2000
    value.loc[["b2005"]] = 2005
    value.loc[["b2010"]] = 2010
    value.loc[["b2015"]] = 2015
    value.loc[["b2020"]] = 2020
    value.loc[["b2025"]] = 2025
    value.loc[["b2030"]] = 2030
    value.loc[["b2035"]] = 2035
    value.loc[["b2040"]] = 2040
    value.loc[["b2045"]] = 2045
    value.loc[["b2050"]] = 2050
    value.loc[["b2055"]] = 2055
    return value


@component.add(
    name="cohort_age",
    units="year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "cohort_birth_start": 1},
)
def cohort_age():
    """
    Age of the middle of each birth cohort. Cohorts never age by flowing from stock to stock: age is time minus birth year, so ageing is exact at any dt (no aging-chain dispersion). Cohorts still being born have a negative value here; rates use it clamped.
    """
    return time() - cohort_birth_start() - 2.5


@component.add(
    name="log_mx_f_00",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_00():
    """
    Natural log of the female central death rate (per person-year) at age 0-4 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.1501,
            -5.61721,
            -5.90975,
            -6.21134,
            -6.46854,
            -6.7123,
            -6.80714,
            -6.9805,
            -7.19302,
            -7.35121,
            -7.45004,
            -7.60409,
            -7.73598,
            -7.8245,
            -7.9706,
            -8.10945,
            -8.2433,
            -8.37419,
            -8.502,
            -8.63021,
            -8.75825,
            -8.88606,
        ],
    )


@component.add(
    name="log_mx_f_01",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_01():
    """
    Natural log of the female central death rate (per person-year) at age 5-9 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -7.46473,
            -7.83347,
            -8.04398,
            -8.33901,
            -8.60706,
            -8.80488,
            -8.83047,
            -9.00333,
            -9.24493,
            -9.3496,
            -9.36349,
            -9.65976,
            -9.75317,
            -9.89532,
            -10.037,
            -10.1722,
            -10.3028,
            -10.4311,
            -10.557,
            -10.6839,
            -10.8108,
            -10.938,
        ],
    )


@component.add(
    name="log_mx_f_02",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_02():
    """
    Natural log of the female central death rate (per person-year) at age 10-14 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -7.94508,
            -8.16936,
            -8.41373,
            -8.70714,
            -8.91916,
            -9.04313,
            -9.08812,
            -9.21234,
            -9.39426,
            -9.54442,
            -9.49536,
            -9.56132,
            -9.57735,
            -9.76861,
            -9.88624,
            -10.0015,
            -10.1159,
            -10.2309,
            -10.3463,
            -10.4649,
            -10.5859,
            -10.7096,
        ],
    )


@component.add(
    name="log_mx_f_03",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_03():
    """
    Natural log of the female central death rate (per person-year) at age 15-19 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -7.42851,
            -7.72976,
            -7.86915,
            -8.14023,
            -8.25872,
            -8.34501,
            -8.44585,
            -8.48865,
            -8.58019,
            -8.6485,
            -8.77862,
            -8.90876,
            -8.80601,
            -9.12279,
            -9.23668,
            -9.34903,
            -9.46098,
            -9.57404,
            -9.68773,
            -9.80509,
            -9.92532,
            -10.0483,
        ],
    )


@component.add(
    name="log_mx_f_04",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_04():
    """
    Natural log of the female central death rate (per person-year) at age 20-24 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.86292,
            -7.21575,
            -7.39526,
            -7.71928,
            -7.95134,
            -8.04472,
            -8.14356,
            -8.17431,
            -8.20975,
            -8.17435,
            -8.29409,
            -8.47893,
            -8.38227,
            -8.67233,
            -8.7822,
            -8.89109,
            -9.00024,
            -9.11104,
            -9.22302,
            -9.33908,
            -9.45816,
            -9.58053,
        ],
    )


@component.add(
    name="log_mx_f_05",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_05():
    """
    Natural log of the female central death rate (per person-year) at age 25-29 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.66929,
            -6.98384,
            -7.22223,
            -7.51403,
            -7.72878,
            -7.86594,
            -8.008,
            -8.03356,
            -8.07254,
            -8.03851,
            -8.1091,
            -8.30774,
            -8.28149,
            -8.48686,
            -8.59656,
            -8.70533,
            -8.81439,
            -8.92516,
            -9.03706,
            -9.15311,
            -9.27222,
            -9.39462,
        ],
    )


@component.add(
    name="log_mx_f_06",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_06():
    """
    Natural log of the female central death rate (per person-year) at age 30-34 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.48787,
            -6.77457,
            -6.9969,
            -7.26795,
            -7.4433,
            -7.62608,
            -7.71166,
            -7.709,
            -7.76771,
            -7.81911,
            -7.85608,
            -8.05349,
            -8.06065,
            -8.21052,
            -8.31724,
            -8.42352,
            -8.53053,
            -8.63959,
            -8.75026,
            -8.86519,
            -8.98352,
            -9.10553,
        ],
    )


@component.add(
    name="log_mx_f_07",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_07():
    """
    Natural log of the female central death rate (per person-year) at age 35-39 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.23475,
            -6.47617,
            -6.68368,
            -6.92099,
            -7.07771,
            -7.2185,
            -7.34451,
            -7.39202,
            -7.40807,
            -7.44846,
            -7.52735,
            -7.69265,
            -7.72905,
            -7.85771,
            -7.96331,
            -8.06864,
            -8.17488,
            -8.28331,
            -8.39343,
            -8.50804,
            -8.62612,
            -8.74787,
        ],
    )


@component.add(
    name="log_mx_f_08",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_08():
    """
    Natural log of the female central death rate (per person-year) at age 40-44 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.91859,
            -6.11839,
            -6.29299,
            -6.51475,
            -6.66519,
            -6.77378,
            -6.87067,
            -6.94377,
            -7.0222,
            -7.0578,
            -7.11393,
            -7.25235,
            -7.30178,
            -7.41116,
            -7.51373,
            -7.61658,
            -7.72079,
            -7.82753,
            -7.93635,
            -8.04994,
            -8.16724,
            -8.28854,
        ],
    )


@component.add(
    name="log_mx_f_09",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_09():
    """
    Natural log of the female central death rate (per person-year) at age 45-49 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.51382,
            -5.70025,
            -5.87855,
            -6.07136,
            -6.22353,
            -6.35397,
            -6.41995,
            -6.46299,
            -6.57669,
            -6.63156,
            -6.68005,
            -6.78894,
            -6.84823,
            -6.93993,
            -7.03943,
            -7.13971,
            -7.24179,
            -7.34682,
            -7.45428,
            -7.56683,
            -7.68337,
            -7.80424,
        ],
    )


@component.add(
    name="log_mx_f_10",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_10():
    """
    Natural log of the female central death rate (per person-year) at age 50-54 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.08856,
            -5.26979,
            -5.44197,
            -5.64568,
            -5.79619,
            -5.92461,
            -6.01483,
            -6.04958,
            -6.12559,
            -6.2191,
            -6.27146,
            -6.36384,
            -6.41168,
            -6.51502,
            -6.61307,
            -6.71216,
            -6.81326,
            -6.91748,
            -7.02431,
            -7.13638,
            -7.25256,
            -7.37321,
        ],
    )


@component.add(
    name="log_mx_f_11",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_11():
    """
    Natural log of the female central death rate (per person-year) at age 55-59 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -4.67293,
            -4.83369,
            -5.02047,
            -5.23067,
            -5.40384,
            -5.53849,
            -5.61971,
            -5.70845,
            -5.78151,
            -5.85903,
            -5.92521,
            -6.02237,
            -6.06436,
            -6.17165,
            -6.2706,
            -6.37041,
            -6.47211,
            -6.57682,
            -6.68404,
            -6.79639,
            -6.91279,
            -7.03357,
        ],
    )


@component.add(
    name="log_mx_f_12",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_12():
    """
    Natural log of the female central death rate (per person-year) at age 60-64 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -4.21709,
            -4.3492,
            -4.53058,
            -4.75983,
            -4.9277,
            -5.09804,
            -5.1848,
            -5.28305,
            -5.42596,
            -5.5064,
            -5.54788,
            -5.65976,
            -5.70512,
            -5.80916,
            -5.90993,
            -6.01146,
            -6.11477,
            -6.22103,
            -6.32972,
            -6.44354,
            -6.56137,
            -6.68354,
        ],
    )


@component.add(
    name="log_mx_f_13",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_13():
    """
    Natural log of the female central death rate (per person-year) at age 65-69 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -3.67794,
            -3.82013,
            -3.98577,
            -4.20639,
            -4.40269,
            -4.58877,
            -4.70775,
            -4.81945,
            -4.96317,
            -5.08856,
            -5.14273,
            -5.22566,
            -5.27781,
            -5.38239,
            -5.4867,
            -5.59178,
            -5.69871,
            -5.80868,
            -5.92116,
            -6.03893,
            -6.16086,
            -6.28727,
        ],
    )


@component.add(
    name="log_mx_f_14",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_14():
    """
    Natural log of the female central death rate (per person-year) at age 70-74 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -3.11208,
            -3.23742,
            -3.39955,
            -3.59206,
            -3.7964,
            -4.00964,
            -4.13555,
            -4.29355,
            -4.44167,
            -4.55941,
            -4.65996,
            -4.74978,
            -4.78739,
            -4.91518,
            -5.02488,
            -5.13539,
            -5.24786,
            -5.36352,
            -5.48183,
            -5.60572,
            -5.73398,
            -5.86695,
        ],
    )


@component.add(
    name="log_mx_f_15",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_15():
    """
    Natural log of the female central death rate (per person-year) at age 75-79 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -2.5322,
            -2.65591,
            -2.78589,
            -2.96503,
            -3.14613,
            -3.3528,
            -3.4998,
            -3.66804,
            -3.8551,
            -3.96661,
            -4.05739,
            -4.17328,
            -4.21909,
            -4.33596,
            -4.44518,
            -4.55521,
            -4.6672,
            -4.78239,
            -4.90023,
            -5.02362,
            -5.15138,
            -5.28385,
        ],
    )


@component.add(
    name="log_mx_f_16",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_16():
    """
    Natural log of the female central death rate (per person-year) at age 80-84 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -2.01757,
            -2.10953,
            -2.21004,
            -2.34569,
            -2.50829,
            -2.67074,
            -2.81674,
            -3.00598,
            -3.19183,
            -3.30215,
            -3.36939,
            -3.48006,
            -3.53245,
            -3.62029,
            -3.71679,
            -3.81402,
            -3.91296,
            -4.01472,
            -4.1188,
            -4.2278,
            -4.34062,
            -4.4576,
        ],
    )


@component.add(
    name="log_mx_f_17",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_17():
    """
    Natural log of the female central death rate (per person-year) at age 85-89 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -1.56155,
            -1.62513,
            -1.7043,
            -1.80125,
            -1.92688,
            -2.06901,
            -2.18182,
            -2.35978,
            -2.53314,
            -2.61575,
            -2.65993,
            -2.75075,
            -2.79589,
            -2.86027,
            -2.93694,
            -3.01419,
            -3.09278,
            -3.17361,
            -3.25627,
            -3.34283,
            -3.43242,
            -3.52532,
        ],
    )


@component.add(
    name="log_mx_f_18",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_18():
    """
    Natural log of the female central death rate (per person-year) at age 90-94 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -1.15403,
            -1.21026,
            -1.25157,
            -1.33233,
            -1.43252,
            -1.54208,
            -1.63111,
            -1.78382,
            -1.92869,
            -1.97435,
            -1.98101,
            -2.04819,
            -2.07238,
            -2.1289,
            -2.18555,
            -2.2426,
            -2.30061,
            -2.36026,
            -2.42125,
            -2.48509,
            -2.55114,
            -2.61962,
        ],
    )


@component.add(
    name="log_mx_f_19",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_19():
    """
    Natural log of the female central death rate (per person-year) at age 95-99 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -0.812612,
            -0.85493,
            -0.879294,
            -0.933783,
            -1.00474,
            -1.08808,
            -1.15445,
            -1.27989,
            -1.39497,
            -1.41084,
            -1.3913,
            -1.43383,
            -1.44143,
            -1.4862,
            -1.52383,
            -1.56166,
            -1.60007,
            -1.63951,
            -1.67977,
            -1.72185,
            -1.76533,
            -1.81034,
        ],
    )


@component.add(
    name="log_mx_f_20",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_f_20():
    """
    Natural log of the female central death rate (per person-year) at age 100+ (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -0.536228,
            -0.566038,
            -0.572832,
            -0.606572,
            -0.65066,
            -0.704075,
            -0.745824,
            -0.833075,
            -0.908677,
            -0.90204,
            -0.869252,
            -0.889017,
            -0.885006,
            -0.915461,
            -0.934737,
            -0.953948,
            -0.973265,
            -0.992905,
            -1.01274,
            -1.03326,
            -1.0542,
            -1.07563,
        ],
    )


@component.add(
    name="death_rate_f",
    units="1/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "log_mx_f_00": 1,
        "mortality_weight_00": 1,
        "age_weight_01": 1,
        "log_mx_f_01": 1,
        "age_weight_02": 1,
        "log_mx_f_02": 1,
        "log_mx_f_03": 1,
        "age_weight_03": 1,
        "log_mx_f_04": 1,
        "age_weight_04": 1,
        "log_mx_f_05": 1,
        "age_weight_05": 1,
        "age_weight_06": 1,
        "log_mx_f_06": 1,
        "age_weight_07": 1,
        "log_mx_f_07": 1,
        "age_weight_08": 1,
        "log_mx_f_08": 1,
        "age_weight_09": 1,
        "log_mx_f_09": 1,
        "age_weight_10": 1,
        "log_mx_f_10": 1,
        "log_mx_f_11": 1,
        "age_weight_11": 1,
        "log_mx_f_12": 1,
        "age_weight_12": 1,
        "log_mx_f_13": 1,
        "age_weight_13": 1,
        "log_mx_f_14": 1,
        "age_weight_14": 1,
        "age_weight_15": 1,
        "log_mx_f_15": 1,
        "log_mx_f_16": 1,
        "age_weight_16": 1,
        "age_weight_17": 1,
        "log_mx_f_17": 1,
        "age_weight_18": 1,
        "log_mx_f_18": 1,
        "log_mx_f_19": 1,
        "age_weight_19": 1,
        "mortality_weight_20": 1,
        "log_mx_f_20": 1,
        "mortality_multiplier": 1,
    },
)
def death_rate_f():
    """
    Central death rate of each female cohort: WPP log-rates interpolated linearly in age between five-year knots, times the mortality multiplier.
    """
    return (
        np.exp(
            log_mx_f_00() * mortality_weight_00()
            + log_mx_f_01() * age_weight_01()
            + log_mx_f_02() * age_weight_02()
            + log_mx_f_03() * age_weight_03()
            + log_mx_f_04() * age_weight_04()
            + log_mx_f_05() * age_weight_05()
            + log_mx_f_06() * age_weight_06()
            + log_mx_f_07() * age_weight_07()
            + log_mx_f_08() * age_weight_08()
            + log_mx_f_09() * age_weight_09()
            + log_mx_f_10() * age_weight_10()
            + log_mx_f_11() * age_weight_11()
            + log_mx_f_12() * age_weight_12()
            + log_mx_f_13() * age_weight_13()
            + log_mx_f_14() * age_weight_14()
            + log_mx_f_15() * age_weight_15()
            + log_mx_f_16() * age_weight_16()
            + log_mx_f_17() * age_weight_17()
            + log_mx_f_18() * age_weight_18()
            + log_mx_f_19() * age_weight_19()
            + log_mx_f_20() * mortality_weight_20()
        )
        * mortality_multiplier()
    )


@component.add(
    name="log_mx_m_00",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_00():
    """
    Natural log of the male central death rate (per person-year) at age 0-4 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -4.93289,
            -5.36359,
            -5.65057,
            -5.96604,
            -6.25329,
            -6.52175,
            -6.62072,
            -6.81058,
            -7.04906,
            -7.19941,
            -7.35777,
            -7.5351,
            -7.64028,
            -7.71521,
            -7.83022,
            -7.93524,
            -8.03443,
            -8.12863,
            -8.21859,
            -8.30607,
            -8.38882,
            -8.47033,
        ],
    )


@component.add(
    name="log_mx_m_01",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_01():
    """
    Natural log of the male central death rate (per person-year) at age 5-9 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -7.06955,
            -7.35326,
            -7.57508,
            -7.87208,
            -8.115,
            -8.36357,
            -8.45793,
            -8.68201,
            -8.93726,
            -9.126,
            -9.12416,
            -9.44101,
            -9.56302,
            -9.62162,
            -9.73273,
            -9.83452,
            -9.93127,
            -10.0236,
            -10.112,
            -10.1984,
            -10.2807,
            -10.362,
        ],
    )


@component.add(
    name="log_mx_m_02",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_02():
    """
    Natural log of the male central death rate (per person-year) at age 10-14 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -7.52916,
            -7.73331,
            -7.95818,
            -8.25333,
            -8.43382,
            -8.6039,
            -8.67274,
            -8.77986,
            -9.01642,
            -9.12784,
            -9.10418,
            -9.27435,
            -9.35919,
            -9.43774,
            -9.52999,
            -9.61726,
            -9.70202,
            -9.78517,
            -9.86696,
            -9.94869,
            -10.0281,
            -10.1083,
        ],
    )


@component.add(
    name="log_mx_m_03",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_03():
    """
    Natural log of the male central death rate (per person-year) at age 15-19 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.78912,
            -6.93523,
            -6.90225,
            -7.13843,
            -7.2329,
            -7.3184,
            -7.46419,
            -7.5999,
            -7.80589,
            -7.99084,
            -8.10191,
            -8.24119,
            -8.27194,
            -8.40543,
            -8.49538,
            -8.58067,
            -8.66413,
            -8.74617,
            -8.82705,
            -8.90824,
            -8.98736,
            -9.06745,
        ],
    )


@component.add(
    name="log_mx_m_04",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_04():
    """
    Natural log of the male central death rate (per person-year) at age 20-24 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.32324,
            -6.5721,
            -6.73146,
            -6.96283,
            -7.07284,
            -7.13132,
            -7.20479,
            -7.29577,
            -7.38744,
            -7.42364,
            -7.46749,
            -7.64383,
            -7.67705,
            -7.79441,
            -7.88109,
            -7.9638,
            -8.04519,
            -8.12562,
            -8.20531,
            -8.28572,
            -8.36439,
            -8.44431,
        ],
    )


@component.add(
    name="log_mx_m_05",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_05():
    """
    Natural log of the male central death rate (per person-year) at age 25-29 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.23771,
            -6.47109,
            -6.68626,
            -6.95466,
            -7.07572,
            -7.16162,
            -7.23933,
            -7.25988,
            -7.30558,
            -7.34352,
            -7.39521,
            -7.59295,
            -7.64808,
            -7.73322,
            -7.81981,
            -7.90247,
            -7.9838,
            -8.06421,
            -8.14391,
            -8.2243,
            -8.30293,
            -8.38284,
        ],
    )


@component.add(
    name="log_mx_m_06",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_06():
    """
    Natural log of the male central death rate (per person-year) at age 30-34 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -6.12727,
            -6.30281,
            -6.4957,
            -6.75469,
            -6.90546,
            -7.05104,
            -7.11584,
            -7.08314,
            -7.08292,
            -7.17518,
            -7.26619,
            -7.40835,
            -7.47001,
            -7.55375,
            -7.63802,
            -7.71883,
            -7.79872,
            -7.87797,
            -7.95681,
            -8.03659,
            -8.1149,
            -8.19468,
        ],
    )


@component.add(
    name="log_mx_m_07",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_07():
    """
    Natural log of the male central death rate (per person-year) at age 35-39 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.87002,
            -5.95577,
            -6.09783,
            -6.36006,
            -6.5183,
            -6.67275,
            -6.77218,
            -6.764,
            -6.76556,
            -6.84777,
            -6.99148,
            -7.15914,
            -7.20253,
            -7.29301,
            -7.37638,
            -7.45647,
            -7.53579,
            -7.6146,
            -7.69313,
            -7.77269,
            -7.85085,
            -7.93057,
        ],
    )


@component.add(
    name="log_mx_m_08",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_08():
    """
    Natural log of the male central death rate (per person-year) at age 40-44 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.53864,
            -5.63149,
            -5.68046,
            -5.85691,
            -6.03338,
            -6.18779,
            -6.28971,
            -6.33815,
            -6.3441,
            -6.42019,
            -6.55933,
            -6.75953,
            -6.81975,
            -6.88765,
            -6.96867,
            -7.04691,
            -7.12476,
            -7.20244,
            -7.2801,
            -7.35905,
            -7.4369,
            -7.51647,
        ],
    )


@component.add(
    name="log_mx_m_09",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_09():
    """
    Natural log of the male central death rate (per person-year) at age 45-49 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -5.12251,
            -5.24172,
            -5.34078,
            -5.39519,
            -5.50886,
            -5.70006,
            -5.77265,
            -5.8143,
            -5.87798,
            -5.96324,
            -6.10924,
            -6.26934,
            -6.33408,
            -6.39274,
            -6.47134,
            -6.54768,
            -6.62399,
            -6.70048,
            -6.77726,
            -6.85563,
            -6.93309,
            -7.01253,
        ],
    )


@component.add(
    name="log_mx_m_10",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_10():
    """
    Natural log of the male central death rate (per person-year) at age 50-54 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -4.65051,
            -4.79068,
            -4.92483,
            -5.04022,
            -5.04638,
            -5.17297,
            -5.3087,
            -5.31768,
            -5.38023,
            -5.50812,
            -5.62754,
            -5.77579,
            -5.82773,
            -5.89943,
            -5.97689,
            -6.05234,
            -6.12794,
            -6.20388,
            -6.28024,
            -6.35831,
            -6.43561,
            -6.51497,
        ],
    )


@component.add(
    name="log_mx_m_11",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_11():
    """
    Natural log of the male central death rate (per person-year) at age 55-59 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -4.14389,
            -4.27451,
            -4.45029,
            -4.61399,
            -4.67783,
            -4.71098,
            -4.79399,
            -4.89582,
            -4.94331,
            -5.03939,
            -5.1758,
            -5.30538,
            -5.35317,
            -5.42838,
            -5.50653,
            -5.5825,
            -5.65853,
            -5.7348,
            -5.81141,
            -5.88963,
            -5.96703,
            -6.04641,
        ],
    )


@component.add(
    name="log_mx_m_12",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_12():
    """
    Natural log of the male central death rate (per person-year) at age 60-64 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -3.66911,
            -3.76806,
            -3.94272,
            -4.13801,
            -4.26033,
            -4.33071,
            -4.31227,
            -4.4109,
            -4.55039,
            -4.60868,
            -4.69464,
            -4.82106,
            -4.87473,
            -4.9491,
            -5.02867,
            -5.10593,
            -5.18314,
            -5.2605,
            -5.33814,
            -5.41736,
            -5.49566,
            -5.57593,
        ],
    )


@component.add(
    name="log_mx_m_13",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_13():
    """
    Natural log of the male central death rate (per person-year) at age 65-69 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -3.18204,
            -3.27432,
            -3.41336,
            -3.60654,
            -3.76323,
            -3.88739,
            -3.90243,
            -3.94022,
            -4.08816,
            -4.20796,
            -4.25234,
            -4.33623,
            -4.38828,
            -4.46813,
            -4.55043,
            -4.63033,
            -4.71019,
            -4.7902,
            -4.87049,
            -4.9524,
            -5.03338,
            -5.11638,
        ],
    )


@component.add(
    name="log_mx_m_14",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_14():
    """
    Natural log of the male central death rate (per person-year) at age 70-74 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -2.69062,
            -2.77184,
            -2.90607,
            -3.06456,
            -3.21396,
            -3.36407,
            -3.42627,
            -3.49336,
            -3.5886,
            -3.7164,
            -3.81426,
            -3.87236,
            -3.89835,
            -4.01568,
            -4.10217,
            -4.18615,
            -4.27009,
            -4.35419,
            -4.4386,
            -4.52473,
            -4.60987,
            -4.69714,
        ],
    )


@component.add(
    name="log_mx_m_15",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_15():
    """
    Natural log of the male central death rate (per person-year) at age 75-79 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -2.20012,
            -2.28983,
            -2.39763,
            -2.545,
            -2.6604,
            -2.79904,
            -2.88082,
            -2.98677,
            -3.09739,
            -3.16492,
            -3.27533,
            -3.38557,
            -3.4154,
            -3.5266,
            -3.61272,
            -3.69634,
            -3.77993,
            -3.8637,
            -3.94777,
            -4.03356,
            -4.11838,
            -4.20532,
        ],
    )


@component.add(
    name="log_mx_m_16",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_16():
    """
    Natural log of the male central death rate (per person-year) at age 80-84 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -1.75437,
            -1.83427,
            -1.92743,
            -2.04838,
            -2.15235,
            -2.25614,
            -2.32288,
            -2.43331,
            -2.54866,
            -2.60369,
            -2.66628,
            -2.79907,
            -2.84241,
            -2.91657,
            -2.99262,
            -3.06646,
            -3.14025,
            -3.21421,
            -3.28842,
            -3.36415,
            -3.43902,
            -3.51577,
        ],
    )


@component.add(
    name="log_mx_m_17",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_17():
    """
    Natural log of the male central death rate (per person-year) at age 85-89 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -1.36631,
            -1.41939,
            -1.49482,
            -1.59709,
            -1.69639,
            -1.77649,
            -1.82232,
            -1.92455,
            -2.02866,
            -2.06926,
            -2.09549,
            -2.18384,
            -2.22601,
            -2.27617,
            -2.33669,
            -2.39545,
            -2.45415,
            -2.51297,
            -2.57197,
            -2.63217,
            -2.69167,
            -2.75266,
        ],
    )


@component.add(
    name="log_mx_m_18",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_18():
    """
    Natural log of the male central death rate (per person-year) at age 90-94 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -1.02221,
            -1.06922,
            -1.12397,
            -1.19945,
            -1.28269,
            -1.35835,
            -1.39113,
            -1.46047,
            -1.55446,
            -1.574,
            -1.57672,
            -1.63054,
            -1.65476,
            -1.69931,
            -1.74434,
            -1.78802,
            -1.83163,
            -1.87529,
            -1.91907,
            -1.96371,
            -2.00779,
            -2.05296,
        ],
    )


@component.add(
    name="log_mx_m_19",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_19():
    """
    Natural log of the male central death rate (per person-year) at age 95-99 (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -0.739201,
            -0.778757,
            -0.811376,
            -0.868053,
            -0.937244,
            -0.996343,
            -1.01304,
            -1.06112,
            -1.14185,
            -1.14261,
            -1.12612,
            -1.15078,
            -1.16015,
            -1.19605,
            -1.22639,
            -1.25578,
            -1.28507,
            -1.31436,
            -1.34367,
            -1.37353,
            -1.40296,
            -1.43309,
        ],
    )


@component.add(
    name="log_mx_m_20",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def log_mx_m_20():
    """
    Natural log of the male central death rate (per person-year) at age 100+ (ages 0 and 1-4 combined as (m0 + 4 m1-4)/5), by five-year period, interpolated between period midpoints. Source: S01 UN WPP 2024 mx5 (medium variant after 2023).
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            -0.505975,
            -0.536426,
            -0.552857,
            -0.58908,
            -0.640054,
            -0.683928,
            -0.689413,
            -0.714896,
            -0.775941,
            -0.764633,
            -0.73877,
            -0.74124,
            -0.7387,
            -0.76503,
            -0.781586,
            -0.797534,
            -0.813338,
            -0.829048,
            -0.844678,
            -0.860494,
            -0.87599,
            -0.891742,
        ],
    )


@component.add(
    name="death_rate_m",
    units="1/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "log_mx_m_00": 1,
        "mortality_weight_00": 1,
        "age_weight_01": 1,
        "log_mx_m_01": 1,
        "age_weight_02": 1,
        "log_mx_m_02": 1,
        "log_mx_m_03": 1,
        "age_weight_03": 1,
        "log_mx_m_04": 1,
        "age_weight_04": 1,
        "age_weight_05": 1,
        "log_mx_m_05": 1,
        "log_mx_m_06": 1,
        "age_weight_06": 1,
        "age_weight_07": 1,
        "log_mx_m_07": 1,
        "log_mx_m_08": 1,
        "age_weight_08": 1,
        "log_mx_m_09": 1,
        "age_weight_09": 1,
        "age_weight_10": 1,
        "log_mx_m_10": 1,
        "age_weight_11": 1,
        "log_mx_m_11": 1,
        "age_weight_12": 1,
        "log_mx_m_12": 1,
        "log_mx_m_13": 1,
        "age_weight_13": 1,
        "age_weight_14": 1,
        "log_mx_m_14": 1,
        "age_weight_15": 1,
        "log_mx_m_15": 1,
        "age_weight_16": 1,
        "log_mx_m_16": 1,
        "age_weight_17": 1,
        "log_mx_m_17": 1,
        "age_weight_18": 1,
        "log_mx_m_18": 1,
        "log_mx_m_19": 1,
        "age_weight_19": 1,
        "log_mx_m_20": 1,
        "mortality_weight_20": 1,
        "mortality_multiplier": 1,
    },
)
def death_rate_m():
    """
    Central death rate of each male cohort: WPP log-rates interpolated linearly in age between five-year knots, times the mortality multiplier.
    """
    return (
        np.exp(
            log_mx_m_00() * mortality_weight_00()
            + log_mx_m_01() * age_weight_01()
            + log_mx_m_02() * age_weight_02()
            + log_mx_m_03() * age_weight_03()
            + log_mx_m_04() * age_weight_04()
            + log_mx_m_05() * age_weight_05()
            + log_mx_m_06() * age_weight_06()
            + log_mx_m_07() * age_weight_07()
            + log_mx_m_08() * age_weight_08()
            + log_mx_m_09() * age_weight_09()
            + log_mx_m_10() * age_weight_10()
            + log_mx_m_11() * age_weight_11()
            + log_mx_m_12() * age_weight_12()
            + log_mx_m_13() * age_weight_13()
            + log_mx_m_14() * age_weight_14()
            + log_mx_m_15() * age_weight_15()
            + log_mx_m_16() * age_weight_16()
            + log_mx_m_17() * age_weight_17()
            + log_mx_m_18() * age_weight_18()
            + log_mx_m_19() * age_weight_19()
            + log_mx_m_20() * mortality_weight_20()
        )
        * mortality_multiplier()
    )


@component.add(
    name="age_weight_00",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_00():
    """
    Weight of the age group 0-4 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 2.5) / cohort_width(), 0)


@component.add(
    name="age_weight_01",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_01():
    """
    Weight of the age group 5-9 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 7.5) / cohort_width(), 0)


@component.add(
    name="age_weight_02",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_02():
    """
    Weight of the age group 10-14 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 12.5) / cohort_width(), 0)


@component.add(
    name="age_weight_03",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_03():
    """
    Weight of the age group 15-19 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 17.5) / cohort_width(), 0)


@component.add(
    name="age_weight_04",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_04():
    """
    Weight of the age group 20-24 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 22.5) / cohort_width(), 0)


@component.add(
    name="age_weight_05",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_05():
    """
    Weight of the age group 25-29 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 27.5) / cohort_width(), 0)


@component.add(
    name="age_weight_06",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_06():
    """
    Weight of the age group 30-34 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 32.5) / cohort_width(), 0)


@component.add(
    name="age_weight_07",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_07():
    """
    Weight of the age group 35-39 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 37.5) / cohort_width(), 0)


@component.add(
    name="age_weight_08",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_08():
    """
    Weight of the age group 40-44 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 42.5) / cohort_width(), 0)


@component.add(
    name="age_weight_09",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_09():
    """
    Weight of the age group 45-49 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 47.5) / cohort_width(), 0)


@component.add(
    name="age_weight_10",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_10():
    """
    Weight of the age group 50-54 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 52.5) / cohort_width(), 0)


@component.add(
    name="age_weight_11",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_11():
    """
    Weight of the age group 55-59 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 57.5) / cohort_width(), 0)


@component.add(
    name="age_weight_12",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_12():
    """
    Weight of the age group 60-64 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 62.5) / cohort_width(), 0)


@component.add(
    name="age_weight_13",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_13():
    """
    Weight of the age group 65-69 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 67.5) / cohort_width(), 0)


@component.add(
    name="age_weight_14",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_14():
    """
    Weight of the age group 70-74 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 72.5) / cohort_width(), 0)


@component.add(
    name="age_weight_15",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_15():
    """
    Weight of the age group 75-79 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 77.5) / cohort_width(), 0)


@component.add(
    name="age_weight_16",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_16():
    """
    Weight of the age group 80-84 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 82.5) / cohort_width(), 0)


@component.add(
    name="age_weight_17",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_17():
    """
    Weight of the age group 85-89 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 87.5) / cohort_width(), 0)


@component.add(
    name="age_weight_18",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_18():
    """
    Weight of the age group 90-94 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 92.5) / cohort_width(), 0)


@component.add(
    name="age_weight_19",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_19():
    """
    Weight of the age group 95-99 for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 97.5) / cohort_width(), 0)


@component.add(
    name="age_weight_20",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_age": 1, "cohort_width": 1},
)
def age_weight_20():
    """
    Weight of the age group 100+ for each cohort: linear interpolation between five-year knots (weights of one knot over all cohorts sum to 1).
    """
    return np.maximum(1 - np.abs(cohort_age() - 102.5) / cohort_width(), 0)


@component.add(
    name="mortality_weight_00",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"age_weight_00": 2, "cohort_width": 1, "cohort_age": 1},
)
def mortality_weight_00():
    """
    Age weight for death rates, holding the end knot's rate beyond the end of the WPP ages.
    """
    return np.minimum(
        np.maximum(
            age_weight_00() + (2.5 - cohort_age()) / cohort_width(), age_weight_00()
        ),
        1,
    )


@component.add(
    name="mortality_weight_20",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"age_weight_20": 2, "cohort_width": 1, "cohort_age": 1},
)
def mortality_weight_20():
    """
    Age weight for death rates, holding the end knot's rate beyond the end of the WPP ages.
    """
    return np.minimum(
        np.maximum(
            age_weight_20() + (cohort_age() - 102.5) / cohort_width(), age_weight_20()
        ),
        1,
    )


@component.add(
    name="fertility_share_0",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_0():
    """
    Share of the total fertility rate borne at mothers' ages 15-19 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.00914843,
            0.0108725,
            0.0114882,
            0.00985134,
            0.0115957,
            0.0110204,
            0.0136809,
            0.0168285,
            0.0224393,
            0.019343,
            0.015817,
            0.011928,
            0.00750832,
            0.00547846,
            0.00421961,
            0.0034209,
            0.0028721,
            0.00257569,
            0.00244945,
            0.00242067,
            0.00239531,
            0.00236764,
        ],
    )


@component.add(
    name="fertility_share_1",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_1():
    """
    Share of the total fertility rate borne at mothers' ages 20-24 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.253236,
            0.236656,
            0.268575,
            0.252244,
            0.202033,
            0.162333,
            0.143723,
            0.144404,
            0.147819,
            0.139254,
            0.114716,
            0.0953481,
            0.0756088,
            0.0614122,
            0.051824,
            0.0449559,
            0.040342,
            0.036432,
            0.0345309,
            0.0340852,
            0.0342165,
            0.0343663,
        ],
    )


@component.add(
    name="fertility_share_2",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_2():
    """
    Share of the total fertility rate borne at mothers' ages 25-29 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.47162,
            0.490316,
            0.47417,
            0.499178,
            0.519529,
            0.492077,
            0.435939,
            0.382134,
            0.346334,
            0.322673,
            0.308388,
            0.287767,
            0.275966,
            0.258336,
            0.242014,
            0.229331,
            0.219423,
            0.21283,
            0.207109,
            0.205205,
            0.204854,
            0.204856,
        ],
    )


@component.add(
    name="fertility_share_3",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_3():
    """
    Share of the total fertility rate borne at mothers' ages 30-34 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.204254,
            0.206156,
            0.196835,
            0.195143,
            0.215433,
            0.272814,
            0.320692,
            0.340204,
            0.336953,
            0.334556,
            0.347911,
            0.361961,
            0.373029,
            0.379653,
            0.380266,
            0.378232,
            0.375813,
            0.374374,
            0.374399,
            0.374297,
            0.373861,
            0.372989,
        ],
    )


@component.add(
    name="fertility_share_4",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_4():
    """
    Share of the total fertility rate borne at mothers' ages 35-39 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.0505769,
            0.0486038,
            0.0427242,
            0.0383569,
            0.0460299,
            0.0547701,
            0.0778736,
            0.104729,
            0.12931,
            0.158791,
            0.176897,
            0.201529,
            0.217227,
            0.233721,
            0.248552,
            0.259171,
            0.266174,
            0.270527,
            0.273755,
            0.274673,
            0.275893,
            0.275857,
        ],
    )


@component.add(
    name="fertility_share_5",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_5():
    """
    Share of the total fertility rate borne at mothers' ages 40-44 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.00997419,
            0.00703125,
            0.00602163,
            0.00501827,
            0.00521744,
            0.00682061,
            0.00785581,
            0.011434,
            0.0167545,
            0.0247885,
            0.0353065,
            0.0398949,
            0.048548,
            0.0582141,
            0.0685769,
            0.0786706,
            0.0872695,
            0.0937218,
            0.0977354,
            0.0995503,
            0.0992864,
            0.100299,
        ],
    )


@component.add(
    name="fertility_share_6",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def fertility_share_6():
    """
    Share of the total fertility rate borne at mothers' ages 45-49 (percent ASFR / 100), by five-year period. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1962.5,
            1967.5,
            1972.5,
            1977.5,
            1982.5,
            1987.5,
            1992.5,
            1997.5,
            2002.5,
            2007.5,
            2012.5,
            2017.5,
            2022.5,
            2027.5,
            2032.5,
            2037.5,
            2042.5,
            2047.5,
            2052.5,
            2057.5,
            2062.5,
            2067.5,
        ],
        [
            0.00119042,
            0.00036444,
            0.00018615,
            0.00020832,
            0.00016222,
            0.00016515,
            0.00023552,
            0.00026713,
            0.00039064,
            0.00059491,
            0.00096495,
            0.00157141,
            0.00211282,
            0.00318628,
            0.00454708,
            0.00621785,
            0.00810706,
            0.00953962,
            0.0100213,
            0.00976956,
            0.009493,
            0.00926564,
        ],
    )


@component.add(
    name="fertility_age_weight",
    units="1/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "fertility_share_0": 1,
        "cohort_width": 8,
        "cohort_age": 7,
        "fertility_share_1": 1,
        "fertility_share_2": 1,
        "fertility_share_3": 1,
        "fertility_share_4": 1,
        "fertility_share_5": 1,
        "fertility_share_6": 1,
    },
)
def fertility_age_weight():
    """
    Births per woman per year at each cohort's age per unit of TFR: the WPP age pattern spread over the five years of each age group.
    """
    return (
        fertility_share_0()
        * np.maximum(1 - np.abs(cohort_age() - 17.5) / cohort_width(), 0)
        + fertility_share_1()
        * np.maximum(1 - np.abs(cohort_age() - 22.5) / cohort_width(), 0)
        + fertility_share_2()
        * np.maximum(1 - np.abs(cohort_age() - 27.5) / cohort_width(), 0)
        + fertility_share_3()
        * np.maximum(1 - np.abs(cohort_age() - 32.5) / cohort_width(), 0)
        + fertility_share_4()
        * np.maximum(1 - np.abs(cohort_age() - 37.5) / cohort_width(), 0)
        + fertility_share_5()
        * np.maximum(1 - np.abs(cohort_age() - 42.5) / cohort_width(), 0)
        + fertility_share_6()
        * np.maximum(1 - np.abs(cohort_age() - 47.5) / cohort_width(), 0)
    ) / cohort_width()


@component.add(
    name="tfr_projection",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def tfr_projection():
    """
    Total fertility rate, calendar year (estimates to 2023, medium variant after). Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1965.0,
            1966.0,
            1967.0,
            1968.0,
            1969.0,
            1970.0,
            1971.0,
            1972.0,
            1973.0,
            1974.0,
            1975.0,
            1976.0,
            1977.0,
            1978.0,
            1979.0,
            1980.0,
            1981.0,
            1982.0,
            1983.0,
            1984.0,
            1985.0,
            1986.0,
            1987.0,
            1988.0,
            1989.0,
            1990.0,
            1991.0,
            1992.0,
            1993.0,
            1994.0,
            1995.0,
            1996.0,
            1997.0,
            1998.0,
            1999.0,
            2000.0,
            2001.0,
            2002.0,
            2003.0,
            2004.0,
            2005.0,
            2006.0,
            2007.0,
            2008.0,
            2009.0,
            2010.0,
            2011.0,
            2012.0,
            2013.0,
            2014.0,
            2015.0,
            2016.0,
            2017.0,
            2018.0,
            2019.0,
            2020.0,
            2021.0,
            2022.0,
            2023.0,
            2024.0,
            2025.0,
            2026.0,
            2027.0,
            2028.0,
            2029.0,
            2030.0,
            2031.0,
            2032.0,
            2033.0,
            2034.0,
            2035.0,
            2036.0,
            2037.0,
            2038.0,
            2039.0,
            2040.0,
            2041.0,
            2042.0,
            2043.0,
            2044.0,
            2045.0,
            2046.0,
            2047.0,
            2048.0,
            2049.0,
            2050.0,
            2051.0,
            2052.0,
            2053.0,
            2054.0,
            2055.0,
            2056.0,
            2057.0,
            2058.0,
            2059.0,
            2060.0,
            2061.0,
            2062.0,
            2063.0,
            2064.0,
            2065.0,
        ],
        [
            2.08903,
            1.6321,
            2.15772,
            2.06504,
            2.0258,
            2.03498,
            2.08896,
            2.1138,
            2.14538,
            2.06509,
            1.92059,
            1.84116,
            1.78938,
            1.7857,
            1.76914,
            1.73921,
            1.7176,
            1.73844,
            1.77013,
            1.7802,
            1.73646,
            1.69785,
            1.66583,
            1.62511,
            1.54671,
            1.5087,
            1.50415,
            1.47769,
            1.44009,
            1.46757,
            1.40668,
            1.40302,
            1.37606,
            1.37068,
            1.33965,
            1.34596,
            1.32466,
            1.30761,
            1.28509,
            1.27729,
            1.24548,
            1.28489,
            1.305,
            1.33016,
            1.33301,
            1.35732,
            1.36266,
            1.37554,
            1.38935,
            1.38758,
            1.41531,
            1.40781,
            1.38985,
            1.37342,
            1.32341,
            1.30357,
            1.27451,
            1.25583,
            1.20791,
            1.21679,
            1.22501,
            1.23149,
            1.23963,
            1.24612,
            1.25377,
            1.26058,
            1.26614,
            1.27263,
            1.27712,
            1.28366,
            1.28975,
            1.2945,
            1.29923,
            1.3052,
            1.30966,
            1.3126,
            1.31461,
            1.31703,
            1.32154,
            1.32445,
            1.33089,
            1.33434,
            1.3372,
            1.34157,
            1.34518,
            1.34908,
            1.3527,
            1.35761,
            1.36054,
            1.36475,
            1.36845,
            1.36931,
            1.37322,
            1.37647,
            1.38028,
            1.38469,
            1.38918,
            1.39147,
            1.39406,
            1.39706,
            1.40169,
        ],
    )


@component.add(
    name="total_fertility_rate",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "tfr_projection": 1,
        "fertility_multiplier": 1,
        "family_policy_activation": 1,
        "family_policy_tfr_gain": 1,
    },
)
def total_fertility_rate():
    """
    Total fertility rate used: the WPP path times the fertility assumption, plus the family-policy lever's gain once it acts.
    """
    return (
        tfr_projection() * fertility_multiplier()
        + family_policy_tfr_gain() * family_policy_activation()
    )


@component.add(
    name="births_by_cohort",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "population_female": 1,
        "fertility_age_weight": 1,
        "total_fertility_rate": 1,
    },
)
def births_by_cohort():
    """
    Births to the women of each cohort.
    """
    return population_female() * fertility_age_weight() * total_fertility_rate()


@component.add(
    name="births",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"births_by_cohort": 38},
)
def births():
    """
    Births in the country (sum over mothers' cohorts).
    """
    return (
        float(births_by_cohort().loc["b1870"])
        + float(births_by_cohort().loc["b1875"])
        + float(births_by_cohort().loc["b1880"])
        + float(births_by_cohort().loc["b1885"])
        + float(births_by_cohort().loc["b1890"])
        + float(births_by_cohort().loc["b1895"])
        + float(births_by_cohort().loc["b1900"])
        + float(births_by_cohort().loc["b1905"])
        + float(births_by_cohort().loc["b1910"])
        + float(births_by_cohort().loc["b1915"])
        + float(births_by_cohort().loc["b1920"])
        + float(births_by_cohort().loc["b1925"])
        + float(births_by_cohort().loc["b1930"])
        + float(births_by_cohort().loc["b1935"])
        + float(births_by_cohort().loc["b1940"])
        + float(births_by_cohort().loc["b1945"])
        + float(births_by_cohort().loc["b1950"])
        + float(births_by_cohort().loc["b1955"])
        + float(births_by_cohort().loc["b1960"])
        + float(births_by_cohort().loc["b1965"])
        + float(births_by_cohort().loc["b1970"])
        + float(births_by_cohort().loc["b1975"])
        + float(births_by_cohort().loc["b1980"])
        + float(births_by_cohort().loc["b1985"])
        + float(births_by_cohort().loc["b1990"])
        + float(births_by_cohort().loc["b1995"])
        + float(births_by_cohort().loc["b2000"])
        + float(births_by_cohort().loc["b2005"])
        + float(births_by_cohort().loc["b2010"])
        + float(births_by_cohort().loc["b2015"])
        + float(births_by_cohort().loc["b2020"])
        + float(births_by_cohort().loc["b2025"])
        + float(births_by_cohort().loc["b2030"])
        + float(births_by_cohort().loc["b2035"])
        + float(births_by_cohort().loc["b2040"])
        + float(births_by_cohort().loc["b2045"])
        + float(births_by_cohort().loc["b2050"])
        + float(births_by_cohort().loc["b2055"])
    )


@component.add(
    name="sex_ratio_at_birth",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def sex_ratio_at_birth():
    """
    Male births per female birth. Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1965.0,
            1966.0,
            1967.0,
            1968.0,
            1969.0,
            1970.0,
            1971.0,
            1972.0,
            1973.0,
            1974.0,
            1975.0,
            1976.0,
            1977.0,
            1978.0,
            1979.0,
            1980.0,
            1981.0,
            1982.0,
            1983.0,
            1984.0,
            1985.0,
            1986.0,
            1987.0,
            1988.0,
            1989.0,
            1990.0,
            1991.0,
            1992.0,
            1993.0,
            1994.0,
            1995.0,
            1996.0,
            1997.0,
            1998.0,
            1999.0,
            2000.0,
            2001.0,
            2002.0,
            2003.0,
            2004.0,
            2005.0,
            2006.0,
            2007.0,
            2008.0,
            2009.0,
            2010.0,
            2011.0,
            2012.0,
            2013.0,
            2014.0,
            2015.0,
            2016.0,
            2017.0,
            2018.0,
            2019.0,
            2020.0,
            2021.0,
            2022.0,
            2023.0,
            2024.0,
            2025.0,
            2026.0,
            2027.0,
            2028.0,
            2029.0,
            2030.0,
            2031.0,
            2032.0,
            2033.0,
            2034.0,
            2035.0,
            2036.0,
            2037.0,
            2038.0,
            2039.0,
            2040.0,
            2041.0,
            2042.0,
            2043.0,
            2044.0,
            2045.0,
            2046.0,
            2047.0,
            2048.0,
            2049.0,
            2050.0,
            2051.0,
            2052.0,
            2053.0,
            2054.0,
            2055.0,
            2056.0,
            2057.0,
            2058.0,
            2059.0,
            2060.0,
            2061.0,
            2062.0,
            2063.0,
            2064.0,
            2065.0,
        ],
        [
            1.055,
            1.071,
            1.056,
            1.07,
            1.072,
            1.071,
            1.067,
            1.065,
            1.062,
            1.064,
            1.062,
            1.062,
            1.061,
            1.06,
            1.061,
            1.06,
            1.059,
            1.055,
            1.057,
            1.055,
            1.056,
            1.059,
            1.058,
            1.056,
            1.056,
            1.055,
            1.057,
            1.059,
            1.056,
            1.055,
            1.053,
            1.055,
            1.053,
            1.054,
            1.056,
            1.058,
            1.055,
            1.056,
            1.055,
            1.053,
            1.053,
            1.053,
            1.055,
            1.053,
            1.054,
            1.057,
            1.055,
            1.053,
            1.052,
            1.055,
            1.054,
            1.053,
            1.052,
            1.052,
            1.052,
            1.051,
            1.051,
            1.051,
            1.051,
            1.051,
            1.051,
            1.05,
            1.051,
            1.051,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
            1.05,
        ],
    )


@component.add(
    name="cohort_in_birth_window",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "cohort_birth_start": 2},
)
def cohort_in_birth_window():
    """
    1 for the cohort now being born, else 0.
    """
    return if_then_else(
        np.logical_and(
            time() >= cohort_birth_start(), time() < cohort_birth_start() + 5
        ),
        lambda: xr.DataArray(1, {"Cohort": _subscript_dict["Cohort"]}, ["Cohort"]),
        lambda: xr.DataArray(0, {"Cohort": _subscript_dict["Cohort"]}, ["Cohort"]),
    )


@component.add(
    name="net_migration_projection",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="with Lookup",
    depends_on={"time": 1},
)
def net_migration_projection():
    """
    Net international migrants per calendar year (estimates to 2023, medium variant after). Source: S01 UN WPP 2024.
    """
    return np.interp(
        time(),
        [
            1965.0,
            1966.0,
            1967.0,
            1968.0,
            1969.0,
            1970.0,
            1971.0,
            1972.0,
            1973.0,
            1974.0,
            1975.0,
            1976.0,
            1977.0,
            1978.0,
            1979.0,
            1980.0,
            1981.0,
            1982.0,
            1983.0,
            1984.0,
            1985.0,
            1986.0,
            1987.0,
            1988.0,
            1989.0,
            1990.0,
            1991.0,
            1992.0,
            1993.0,
            1994.0,
            1995.0,
            1996.0,
            1997.0,
            1998.0,
            1999.0,
            2000.0,
            2001.0,
            2002.0,
            2003.0,
            2004.0,
            2005.0,
            2006.0,
            2007.0,
            2008.0,
            2009.0,
            2010.0,
            2011.0,
            2012.0,
            2013.0,
            2014.0,
            2015.0,
            2016.0,
            2017.0,
            2018.0,
            2019.0,
            2020.0,
            2021.0,
            2022.0,
            2023.0,
            2024.0,
            2025.0,
            2026.0,
            2027.0,
            2028.0,
            2029.0,
            2030.0,
            2031.0,
            2032.0,
            2033.0,
            2034.0,
            2035.0,
            2036.0,
            2037.0,
            2038.0,
            2039.0,
            2040.0,
            2041.0,
            2042.0,
            2043.0,
            2044.0,
            2045.0,
            2046.0,
            2047.0,
            2048.0,
            2049.0,
            2050.0,
            2051.0,
            2052.0,
            2053.0,
            2054.0,
            2055.0,
            2056.0,
            2057.0,
            2058.0,
            2059.0,
            2060.0,
            2061.0,
            2062.0,
            2063.0,
            2064.0,
            2065.0,
        ],
        [
            -5.06670e04,
            6.89340e04,
            2.96320e04,
            4.35930e04,
            4.94470e04,
            3.37310e04,
            -1.07778e05,
            -7.39800e04,
            -3.46740e04,
            -1.01450e04,
            1.07000e02,
            -3.49760e04,
            -4.90820e04,
            -4.79960e04,
            -5.76920e04,
            -9.23140e04,
            -2.78525e05,
            -2.88550e05,
            -2.69755e05,
            -2.73686e05,
            -1.41323e05,
            2.79870e04,
            2.80010e04,
            5.11540e04,
            3.12020e04,
            1.24582e05,
            1.61331e05,
            1.70878e05,
            1.68836e05,
            1.54214e05,
            8.77140e04,
            2.50300e04,
            4.33660e04,
            4.59120e04,
            5.69010e04,
            2.34680e04,
            5.95630e04,
            6.08640e04,
            7.48750e04,
            6.90140e04,
            1.13017e05,
            1.30065e05,
            1.38024e05,
            1.42605e05,
            1.25450e05,
            1.31860e05,
            9.77200e04,
            6.79040e04,
            6.64490e04,
            5.81090e04,
            1.68896e05,
            3.14732e05,
            3.22564e05,
            3.20601e05,
            3.18190e05,
            4.20010e04,
            -3.49960e04,
            1.75003e05,
            1.75003e05,
            1.53357e05,
            1.40579e05,
            1.28619e05,
            1.27401e05,
            1.25079e05,
            1.28048e05,
            1.23993e05,
            1.24022e05,
            1.23178e05,
            1.24737e05,
            1.20872e05,
            1.16871e05,
            1.19219e05,
            1.18603e05,
            1.21736e05,
            1.20375e05,
            1.18186e05,
            1.12365e05,
            1.20719e05,
            1.19471e05,
            1.20231e05,
            1.13424e05,
            1.16330e05,
            1.15110e05,
            1.18534e05,
            1.16311e05,
            1.19363e05,
            1.18217e05,
            1.10491e05,
            1.17791e05,
            1.04077e05,
            1.10220e05,
            1.04105e05,
            1.06956e05,
            1.08132e05,
            9.78090e04,
            1.01711e05,
            1.05828e05,
            1.08193e05,
            1.08331e05,
            1.09551e05,
            9.91180e04,
        ],
    )


@component.add(
    name="net_migration",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"net_migration_projection": 1, "migration_multiplier": 1},
)
def net_migration():
    """
    Net migration used: the WPP path times the migration assumption.
    """
    return net_migration_projection() * migration_multiplier()


@component.add(
    name="migration_age_share_f",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "age_weight_00": 1,
        "age_weight_01": 1,
        "age_weight_02": 1,
        "age_weight_03": 1,
        "age_weight_04": 1,
        "age_weight_05": 1,
        "age_weight_06": 1,
        "age_weight_07": 1,
        "age_weight_08": 1,
        "age_weight_09": 1,
        "age_weight_10": 1,
        "age_weight_11": 1,
        "age_weight_12": 1,
        "age_weight_13": 1,
        "age_weight_14": 1,
        "age_weight_15": 1,
        "age_weight_16": 1,
        "age_weight_17": 1,
        "age_weight_18": 1,
        "age_weight_19": 1,
        "age_weight_20": 1,
    },
)
def migration_age_share_f():
    """
    Share of net migrants who are female and of each cohort's age: the WPP 2020-2025 age-sex pattern (S01), spread across cohorts so that the shares of all cohorts sum to the pattern's total.
    """
    return (
        0.0415755 * age_weight_00()
        + 0.0233518 * age_weight_01()
        + 0.0184988 * age_weight_02()
        + 0.119353 * age_weight_03()
        + 0.234288 * age_weight_04()
        + 0.0505828 * age_weight_05()
        + 0.00337886 * age_weight_06()
        + 0.00335205 * age_weight_07()
        + 0.00487263 * age_weight_08()
        + 0.00524071 * age_weight_09()
        + 0.0050799 * age_weight_10()
        + 0.00476899 * age_weight_11()
        + 0.00446345 * age_weight_12()
        + 0.004199 * age_weight_13()
        + 0.00400066 * age_weight_14()
        + 0.00147769 * age_weight_15()
        + 0.00067184 * age_weight_16()
        + 0.000521748 * age_weight_17()
        + 0.000432408 * age_weight_18()
        + 0.000373443 * age_weight_19()
        + 7.32592e-05 * age_weight_20()
    )


@component.add(
    name="migration_age_share_m",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "age_weight_00": 1,
        "age_weight_01": 1,
        "age_weight_02": 1,
        "age_weight_03": 1,
        "age_weight_04": 1,
        "age_weight_05": 1,
        "age_weight_06": 1,
        "age_weight_07": 1,
        "age_weight_08": 1,
        "age_weight_09": 1,
        "age_weight_10": 1,
        "age_weight_11": 1,
        "age_weight_12": 1,
        "age_weight_13": 1,
        "age_weight_14": 1,
        "age_weight_15": 1,
        "age_weight_16": 1,
        "age_weight_17": 1,
        "age_weight_18": 1,
        "age_weight_19": 1,
        "age_weight_20": 1,
    },
)
def migration_age_share_m():
    """
    Share of net migrants who are male and of each cohort's age: the WPP 2020-2025 age-sex pattern (S01), spread across cohorts so that the shares of all cohorts sum to the pattern's total.
    """
    return (
        0.0352502 * age_weight_00()
        + 0.0192797 * age_weight_01()
        + 0.0151593 * age_weight_02()
        + 0.106819 * age_weight_03()
        + 0.21065 * age_weight_04()
        + 0.0415165 * age_weight_05()
        + 0.000948795 * age_weight_06()
        + 0.00289284 * age_weight_07()
        + 0.00506382 * age_weight_08()
        + 0.00554983 * age_weight_09()
        + 0.00528717 * age_weight_10()
        + 0.00479579 * age_weight_11()
        + 0.00430621 * age_weight_12()
        + 0.00388452 * age_weight_13()
        + 0.00355218 * age_weight_14()
        + 0.00164386 * age_weight_15()
        + 0.000929141 * age_weight_16()
        + 0.000725444 * age_weight_17()
        + 0.000591434 * age_weight_18()
        + 0.000502093 * age_weight_19()
        + 9.47009e-05 * age_weight_20()
    )


@component.add(
    name="initial_population_female",
    units="people",
    subscripts=["Cohort"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_population_female():
    """
    Female population on 1 July 1970 by birth cohort (the age groups of S01 UN WPP 2024; 100+ joins the oldest cohort).
    """
    value = xr.DataArray(np.nan, {"Cohort": _subscript_dict["Cohort"]}, ["Cohort"])
    value.loc[["b1870"]] = 7539
    value.loc[["b1875"]] = 45233
    value.loc[["b1880"]] = 160452
    value.loc[["b1885"]] = 425515
    value.loc[["b1890"]] = 768642
    value.loc[["b1895"]] = 1230614
    value.loc[["b1900"]] = 1628229
    value.loc[["b1905"]] = 2077396
    value.loc[["b1910"]] = 2461536
    value.loc[["b1915"]] = 2728269
    value.loc[["b1920"]] = 3338406
    value.loc[["b1925"]] = 3809827
    value.loc[["b1930"]] = 4217652
    value.loc[["b1935"]] = 4360186
    value.loc[["b1940"]] = 4669835
    value.loc[["b1945"]] = 5705480
    value.loc[["b1950"]] = 4601722
    value.loc[["b1955"]] = 3917278
    value.loc[["b1960"]] = 3929347
    value.loc[["b1965"]] = 4275430
    value.loc[["b1970"]] = 0
    value.loc[["b1975"]] = 0
    value.loc[["b1980"]] = 0
    value.loc[["b1985"]] = 0
    value.loc[["b1990"]] = 0
    value.loc[["b1995"]] = 0
    value.loc[["b2000"]] = 0
    value.loc[["b2005"]] = 0
    value.loc[["b2010"]] = 0
    value.loc[["b2015"]] = 0
    value.loc[["b2020"]] = 0
    value.loc[["b2025"]] = 0
    value.loc[["b2030"]] = 0
    value.loc[["b2035"]] = 0
    value.loc[["b2040"]] = 0
    value.loc[["b2045"]] = 0
    value.loc[["b2050"]] = 0
    value.loc[["b2055"]] = 0
    return value


@component.add(
    name="initial_population_male",
    units="people",
    subscripts=["Cohort"],
    comp_type="Constant",
    comp_subtype="Normal",
)
def initial_population_male():
    """
    Male population on 1 July 1970 by birth cohort (the age groups of S01 UN WPP 2024; 100+ joins the oldest cohort).
    """
    value = xr.DataArray(np.nan, {"Cohort": _subscript_dict["Cohort"]}, ["Cohort"])
    value.loc[["b1870"]] = 2186
    value.loc[["b1875"]] = 16523
    value.loc[["b1880"]] = 71951
    value.loc[["b1885"]] = 246775
    value.loc[["b1890"]] = 544034
    value.loc[["b1895"]] = 987738
    value.loc[["b1900"]] = 1401220
    value.loc[["b1905"]] = 1795921
    value.loc[["b1910"]] = 2071198
    value.loc[["b1915"]] = 2172212
    value.loc[["b1920"]] = 2831868
    value.loc[["b1925"]] = 3801984
    value.loc[["b1930"]] = 4268182
    value.loc[["b1935"]] = 4394327
    value.loc[["b1940"]] = 4690255
    value.loc[["b1945"]] = 5679334
    value.loc[["b1950"]] = 4680854
    value.loc[["b1955"]] = 4081707
    value.loc[["b1960"]] = 4114481
    value.loc[["b1965"]] = 4501028
    value.loc[["b1970"]] = 0
    value.loc[["b1975"]] = 0
    value.loc[["b1980"]] = 0
    value.loc[["b1985"]] = 0
    value.loc[["b1990"]] = 0
    value.loc[["b1995"]] = 0
    value.loc[["b2000"]] = 0
    value.loc[["b2005"]] = 0
    value.loc[["b2010"]] = 0
    value.loc[["b2015"]] = 0
    value.loc[["b2020"]] = 0
    value.loc[["b2025"]] = 0
    value.loc[["b2030"]] = 0
    value.loc[["b2035"]] = 0
    value.loc[["b2040"]] = 0
    value.loc[["b2045"]] = 0
    value.loc[["b2050"]] = 0
    value.loc[["b2055"]] = 0
    return value


@component.add(
    name="cohort_population",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"population_female": 1, "population_male": 1},
)
def cohort_population():
    """
    Both sexes, by cohort.
    """
    return population_female() + population_male()


@component.add(
    name="cohort_in_0_14",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 1, "cohort_width": 2, "cohort_age": 2},
)
def cohort_in_0_14():
    """
    People of each cohort aged 0-14 (members spread evenly over the cohort's five years of age).
    """
    return cohort_population() * (
        np.minimum(np.maximum((cohort_age() + 2.5 - 0) / cohort_width(), 0), 1)
        - np.minimum(np.maximum((cohort_age() + 2.5 - 15) / cohort_width(), 0), 1)
    )


@component.add(
    name="population_0_14",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_in_0_14": 38},
)
def population_0_14():
    """
    Population aged 0-14.
    """
    return (
        float(cohort_in_0_14().loc["b1870"])
        + float(cohort_in_0_14().loc["b1875"])
        + float(cohort_in_0_14().loc["b1880"])
        + float(cohort_in_0_14().loc["b1885"])
        + float(cohort_in_0_14().loc["b1890"])
        + float(cohort_in_0_14().loc["b1895"])
        + float(cohort_in_0_14().loc["b1900"])
        + float(cohort_in_0_14().loc["b1905"])
        + float(cohort_in_0_14().loc["b1910"])
        + float(cohort_in_0_14().loc["b1915"])
        + float(cohort_in_0_14().loc["b1920"])
        + float(cohort_in_0_14().loc["b1925"])
        + float(cohort_in_0_14().loc["b1930"])
        + float(cohort_in_0_14().loc["b1935"])
        + float(cohort_in_0_14().loc["b1940"])
        + float(cohort_in_0_14().loc["b1945"])
        + float(cohort_in_0_14().loc["b1950"])
        + float(cohort_in_0_14().loc["b1955"])
        + float(cohort_in_0_14().loc["b1960"])
        + float(cohort_in_0_14().loc["b1965"])
        + float(cohort_in_0_14().loc["b1970"])
        + float(cohort_in_0_14().loc["b1975"])
        + float(cohort_in_0_14().loc["b1980"])
        + float(cohort_in_0_14().loc["b1985"])
        + float(cohort_in_0_14().loc["b1990"])
        + float(cohort_in_0_14().loc["b1995"])
        + float(cohort_in_0_14().loc["b2000"])
        + float(cohort_in_0_14().loc["b2005"])
        + float(cohort_in_0_14().loc["b2010"])
        + float(cohort_in_0_14().loc["b2015"])
        + float(cohort_in_0_14().loc["b2020"])
        + float(cohort_in_0_14().loc["b2025"])
        + float(cohort_in_0_14().loc["b2030"])
        + float(cohort_in_0_14().loc["b2035"])
        + float(cohort_in_0_14().loc["b2040"])
        + float(cohort_in_0_14().loc["b2045"])
        + float(cohort_in_0_14().loc["b2050"])
        + float(cohort_in_0_14().loc["b2055"])
    )


@component.add(
    name="cohort_in_15_64",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 1, "cohort_width": 2, "cohort_age": 2},
)
def cohort_in_15_64():
    """
    People of each cohort aged 15-64 (members spread evenly over the cohort's five years of age).
    """
    return cohort_population() * (
        np.minimum(np.maximum((cohort_age() + 2.5 - 15) / cohort_width(), 0), 1)
        - np.minimum(np.maximum((cohort_age() + 2.5 - 65) / cohort_width(), 0), 1)
    )


@component.add(
    name="population_15_64",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_in_15_64": 38},
)
def population_15_64():
    """
    Population aged 15-64.
    """
    return (
        float(cohort_in_15_64().loc["b1870"])
        + float(cohort_in_15_64().loc["b1875"])
        + float(cohort_in_15_64().loc["b1880"])
        + float(cohort_in_15_64().loc["b1885"])
        + float(cohort_in_15_64().loc["b1890"])
        + float(cohort_in_15_64().loc["b1895"])
        + float(cohort_in_15_64().loc["b1900"])
        + float(cohort_in_15_64().loc["b1905"])
        + float(cohort_in_15_64().loc["b1910"])
        + float(cohort_in_15_64().loc["b1915"])
        + float(cohort_in_15_64().loc["b1920"])
        + float(cohort_in_15_64().loc["b1925"])
        + float(cohort_in_15_64().loc["b1930"])
        + float(cohort_in_15_64().loc["b1935"])
        + float(cohort_in_15_64().loc["b1940"])
        + float(cohort_in_15_64().loc["b1945"])
        + float(cohort_in_15_64().loc["b1950"])
        + float(cohort_in_15_64().loc["b1955"])
        + float(cohort_in_15_64().loc["b1960"])
        + float(cohort_in_15_64().loc["b1965"])
        + float(cohort_in_15_64().loc["b1970"])
        + float(cohort_in_15_64().loc["b1975"])
        + float(cohort_in_15_64().loc["b1980"])
        + float(cohort_in_15_64().loc["b1985"])
        + float(cohort_in_15_64().loc["b1990"])
        + float(cohort_in_15_64().loc["b1995"])
        + float(cohort_in_15_64().loc["b2000"])
        + float(cohort_in_15_64().loc["b2005"])
        + float(cohort_in_15_64().loc["b2010"])
        + float(cohort_in_15_64().loc["b2015"])
        + float(cohort_in_15_64().loc["b2020"])
        + float(cohort_in_15_64().loc["b2025"])
        + float(cohort_in_15_64().loc["b2030"])
        + float(cohort_in_15_64().loc["b2035"])
        + float(cohort_in_15_64().loc["b2040"])
        + float(cohort_in_15_64().loc["b2045"])
        + float(cohort_in_15_64().loc["b2050"])
        + float(cohort_in_15_64().loc["b2055"])
    )


@component.add(
    name="cohort_in_65_plus",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 1, "cohort_width": 1, "cohort_age": 1},
)
def cohort_in_65_plus():
    """
    People of each cohort aged 65-plus (members spread evenly over the cohort's five years of age).
    """
    return cohort_population() * np.minimum(
        np.maximum((cohort_age() + 2.5 - 65) / cohort_width(), 0), 1
    )


@component.add(
    name="population_65_plus",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_in_65_plus": 38},
)
def population_65_plus():
    """
    Population aged 65+.
    """
    return (
        float(cohort_in_65_plus().loc["b1870"])
        + float(cohort_in_65_plus().loc["b1875"])
        + float(cohort_in_65_plus().loc["b1880"])
        + float(cohort_in_65_plus().loc["b1885"])
        + float(cohort_in_65_plus().loc["b1890"])
        + float(cohort_in_65_plus().loc["b1895"])
        + float(cohort_in_65_plus().loc["b1900"])
        + float(cohort_in_65_plus().loc["b1905"])
        + float(cohort_in_65_plus().loc["b1910"])
        + float(cohort_in_65_plus().loc["b1915"])
        + float(cohort_in_65_plus().loc["b1920"])
        + float(cohort_in_65_plus().loc["b1925"])
        + float(cohort_in_65_plus().loc["b1930"])
        + float(cohort_in_65_plus().loc["b1935"])
        + float(cohort_in_65_plus().loc["b1940"])
        + float(cohort_in_65_plus().loc["b1945"])
        + float(cohort_in_65_plus().loc["b1950"])
        + float(cohort_in_65_plus().loc["b1955"])
        + float(cohort_in_65_plus().loc["b1960"])
        + float(cohort_in_65_plus().loc["b1965"])
        + float(cohort_in_65_plus().loc["b1970"])
        + float(cohort_in_65_plus().loc["b1975"])
        + float(cohort_in_65_plus().loc["b1980"])
        + float(cohort_in_65_plus().loc["b1985"])
        + float(cohort_in_65_plus().loc["b1990"])
        + float(cohort_in_65_plus().loc["b1995"])
        + float(cohort_in_65_plus().loc["b2000"])
        + float(cohort_in_65_plus().loc["b2005"])
        + float(cohort_in_65_plus().loc["b2010"])
        + float(cohort_in_65_plus().loc["b2015"])
        + float(cohort_in_65_plus().loc["b2020"])
        + float(cohort_in_65_plus().loc["b2025"])
        + float(cohort_in_65_plus().loc["b2030"])
        + float(cohort_in_65_plus().loc["b2035"])
        + float(cohort_in_65_plus().loc["b2040"])
        + float(cohort_in_65_plus().loc["b2045"])
        + float(cohort_in_65_plus().loc["b2050"])
        + float(cohort_in_65_plus().loc["b2055"])
    )


@component.add(
    name="cohort_in_75_plus",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 1, "cohort_width": 1, "cohort_age": 1},
)
def cohort_in_75_plus():
    """
    People of each cohort aged 75-plus (members spread evenly over the cohort's five years of age).
    """
    return cohort_population() * np.minimum(
        np.maximum((cohort_age() + 2.5 - 75) / cohort_width(), 0), 1
    )


@component.add(
    name="population_75_plus",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_in_75_plus": 38},
)
def population_75_plus():
    """
    Population aged 75+.
    """
    return (
        float(cohort_in_75_plus().loc["b1870"])
        + float(cohort_in_75_plus().loc["b1875"])
        + float(cohort_in_75_plus().loc["b1880"])
        + float(cohort_in_75_plus().loc["b1885"])
        + float(cohort_in_75_plus().loc["b1890"])
        + float(cohort_in_75_plus().loc["b1895"])
        + float(cohort_in_75_plus().loc["b1900"])
        + float(cohort_in_75_plus().loc["b1905"])
        + float(cohort_in_75_plus().loc["b1910"])
        + float(cohort_in_75_plus().loc["b1915"])
        + float(cohort_in_75_plus().loc["b1920"])
        + float(cohort_in_75_plus().loc["b1925"])
        + float(cohort_in_75_plus().loc["b1930"])
        + float(cohort_in_75_plus().loc["b1935"])
        + float(cohort_in_75_plus().loc["b1940"])
        + float(cohort_in_75_plus().loc["b1945"])
        + float(cohort_in_75_plus().loc["b1950"])
        + float(cohort_in_75_plus().loc["b1955"])
        + float(cohort_in_75_plus().loc["b1960"])
        + float(cohort_in_75_plus().loc["b1965"])
        + float(cohort_in_75_plus().loc["b1970"])
        + float(cohort_in_75_plus().loc["b1975"])
        + float(cohort_in_75_plus().loc["b1980"])
        + float(cohort_in_75_plus().loc["b1985"])
        + float(cohort_in_75_plus().loc["b1990"])
        + float(cohort_in_75_plus().loc["b1995"])
        + float(cohort_in_75_plus().loc["b2000"])
        + float(cohort_in_75_plus().loc["b2005"])
        + float(cohort_in_75_plus().loc["b2010"])
        + float(cohort_in_75_plus().loc["b2015"])
        + float(cohort_in_75_plus().loc["b2020"])
        + float(cohort_in_75_plus().loc["b2025"])
        + float(cohort_in_75_plus().loc["b2030"])
        + float(cohort_in_75_plus().loc["b2035"])
        + float(cohort_in_75_plus().loc["b2040"])
        + float(cohort_in_75_plus().loc["b2045"])
        + float(cohort_in_75_plus().loc["b2050"])
        + float(cohort_in_75_plus().loc["b2055"])
    )


@component.add(
    name="cohort_in_20_24",
    units="people",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 1, "cohort_width": 2, "cohort_age": 2},
)
def cohort_in_20_24():
    """
    People of each cohort aged 20-24 (members spread evenly over the cohort's five years of age).
    """
    return cohort_population() * (
        np.minimum(np.maximum((cohort_age() + 2.5 - 20) / cohort_width(), 0), 1)
        - np.minimum(np.maximum((cohort_age() + 2.5 - 25) / cohort_width(), 0), 1)
    )


@component.add(
    name="population_20_24",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_in_20_24": 38},
)
def population_20_24():
    """
    Population aged 20-24.
    """
    return (
        float(cohort_in_20_24().loc["b1870"])
        + float(cohort_in_20_24().loc["b1875"])
        + float(cohort_in_20_24().loc["b1880"])
        + float(cohort_in_20_24().loc["b1885"])
        + float(cohort_in_20_24().loc["b1890"])
        + float(cohort_in_20_24().loc["b1895"])
        + float(cohort_in_20_24().loc["b1900"])
        + float(cohort_in_20_24().loc["b1905"])
        + float(cohort_in_20_24().loc["b1910"])
        + float(cohort_in_20_24().loc["b1915"])
        + float(cohort_in_20_24().loc["b1920"])
        + float(cohort_in_20_24().loc["b1925"])
        + float(cohort_in_20_24().loc["b1930"])
        + float(cohort_in_20_24().loc["b1935"])
        + float(cohort_in_20_24().loc["b1940"])
        + float(cohort_in_20_24().loc["b1945"])
        + float(cohort_in_20_24().loc["b1950"])
        + float(cohort_in_20_24().loc["b1955"])
        + float(cohort_in_20_24().loc["b1960"])
        + float(cohort_in_20_24().loc["b1965"])
        + float(cohort_in_20_24().loc["b1970"])
        + float(cohort_in_20_24().loc["b1975"])
        + float(cohort_in_20_24().loc["b1980"])
        + float(cohort_in_20_24().loc["b1985"])
        + float(cohort_in_20_24().loc["b1990"])
        + float(cohort_in_20_24().loc["b1995"])
        + float(cohort_in_20_24().loc["b2000"])
        + float(cohort_in_20_24().loc["b2005"])
        + float(cohort_in_20_24().loc["b2010"])
        + float(cohort_in_20_24().loc["b2015"])
        + float(cohort_in_20_24().loc["b2020"])
        + float(cohort_in_20_24().loc["b2025"])
        + float(cohort_in_20_24().loc["b2030"])
        + float(cohort_in_20_24().loc["b2035"])
        + float(cohort_in_20_24().loc["b2040"])
        + float(cohort_in_20_24().loc["b2045"])
        + float(cohort_in_20_24().loc["b2050"])
        + float(cohort_in_20_24().loc["b2055"])
    )


@component.add(
    name="population_total",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cohort_population": 38},
)
def population_total():
    """
    Total population (1 July of each year).
    """
    return (
        float(cohort_population().loc["b1870"])
        + float(cohort_population().loc["b1875"])
        + float(cohort_population().loc["b1880"])
        + float(cohort_population().loc["b1885"])
        + float(cohort_population().loc["b1890"])
        + float(cohort_population().loc["b1895"])
        + float(cohort_population().loc["b1900"])
        + float(cohort_population().loc["b1905"])
        + float(cohort_population().loc["b1910"])
        + float(cohort_population().loc["b1915"])
        + float(cohort_population().loc["b1920"])
        + float(cohort_population().loc["b1925"])
        + float(cohort_population().loc["b1930"])
        + float(cohort_population().loc["b1935"])
        + float(cohort_population().loc["b1940"])
        + float(cohort_population().loc["b1945"])
        + float(cohort_population().loc["b1950"])
        + float(cohort_population().loc["b1955"])
        + float(cohort_population().loc["b1960"])
        + float(cohort_population().loc["b1965"])
        + float(cohort_population().loc["b1970"])
        + float(cohort_population().loc["b1975"])
        + float(cohort_population().loc["b1980"])
        + float(cohort_population().loc["b1985"])
        + float(cohort_population().loc["b1990"])
        + float(cohort_population().loc["b1995"])
        + float(cohort_population().loc["b2000"])
        + float(cohort_population().loc["b2005"])
        + float(cohort_population().loc["b2010"])
        + float(cohort_population().loc["b2015"])
        + float(cohort_population().loc["b2020"])
        + float(cohort_population().loc["b2025"])
        + float(cohort_population().loc["b2030"])
        + float(cohort_population().loc["b2035"])
        + float(cohort_population().loc["b2040"])
        + float(cohort_population().loc["b2045"])
        + float(cohort_population().loc["b2050"])
        + float(cohort_population().loc["b2055"])
    )


@component.add(
    name="deaths",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"deaths_f": 38, "deaths_m": 38},
)
def deaths():
    """
    Deaths in all.
    """
    return (
        float(deaths_f().loc["b1870"])
        + float(deaths_m().loc["b1870"])
        + float(deaths_f().loc["b1875"])
        + float(deaths_m().loc["b1875"])
        + float(deaths_f().loc["b1880"])
        + float(deaths_m().loc["b1880"])
        + float(deaths_f().loc["b1885"])
        + float(deaths_m().loc["b1885"])
        + float(deaths_f().loc["b1890"])
        + float(deaths_m().loc["b1890"])
        + float(deaths_f().loc["b1895"])
        + float(deaths_m().loc["b1895"])
        + float(deaths_f().loc["b1900"])
        + float(deaths_m().loc["b1900"])
        + float(deaths_f().loc["b1905"])
        + float(deaths_m().loc["b1905"])
        + float(deaths_f().loc["b1910"])
        + float(deaths_m().loc["b1910"])
        + float(deaths_f().loc["b1915"])
        + float(deaths_m().loc["b1915"])
        + float(deaths_f().loc["b1920"])
        + float(deaths_m().loc["b1920"])
        + float(deaths_f().loc["b1925"])
        + float(deaths_m().loc["b1925"])
        + float(deaths_f().loc["b1930"])
        + float(deaths_m().loc["b1930"])
        + float(deaths_f().loc["b1935"])
        + float(deaths_m().loc["b1935"])
        + float(deaths_f().loc["b1940"])
        + float(deaths_m().loc["b1940"])
        + float(deaths_f().loc["b1945"])
        + float(deaths_m().loc["b1945"])
        + float(deaths_f().loc["b1950"])
        + float(deaths_m().loc["b1950"])
        + float(deaths_f().loc["b1955"])
        + float(deaths_m().loc["b1955"])
        + float(deaths_f().loc["b1960"])
        + float(deaths_m().loc["b1960"])
        + float(deaths_f().loc["b1965"])
        + float(deaths_m().loc["b1965"])
        + float(deaths_f().loc["b1970"])
        + float(deaths_m().loc["b1970"])
        + float(deaths_f().loc["b1975"])
        + float(deaths_m().loc["b1975"])
        + float(deaths_f().loc["b1980"])
        + float(deaths_m().loc["b1980"])
        + float(deaths_f().loc["b1985"])
        + float(deaths_m().loc["b1985"])
        + float(deaths_f().loc["b1990"])
        + float(deaths_m().loc["b1990"])
        + float(deaths_f().loc["b1995"])
        + float(deaths_m().loc["b1995"])
        + float(deaths_f().loc["b2000"])
        + float(deaths_m().loc["b2000"])
        + float(deaths_f().loc["b2005"])
        + float(deaths_m().loc["b2005"])
        + float(deaths_f().loc["b2010"])
        + float(deaths_m().loc["b2010"])
        + float(deaths_f().loc["b2015"])
        + float(deaths_m().loc["b2015"])
        + float(deaths_f().loc["b2020"])
        + float(deaths_m().loc["b2020"])
        + float(deaths_f().loc["b2025"])
        + float(deaths_m().loc["b2025"])
        + float(deaths_f().loc["b2030"])
        + float(deaths_m().loc["b2030"])
        + float(deaths_f().loc["b2035"])
        + float(deaths_m().loc["b2035"])
        + float(deaths_f().loc["b2040"])
        + float(deaths_m().loc["b2040"])
        + float(deaths_f().loc["b2045"])
        + float(deaths_m().loc["b2045"])
        + float(deaths_f().loc["b2050"])
        + float(deaths_m().loc["b2050"])
        + float(deaths_f().loc["b2055"])
        + float(deaths_m().loc["b2055"])
    )


@component.add(
    name="net_migration_realised",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"migration_f": 38, "migration_m": 38},
)
def net_migration_realised():
    """
    Net migration as applied to the cohorts (equals net_migration).
    """
    return (
        float(migration_f().loc["b1870"])
        + float(migration_m().loc["b1870"])
        + float(migration_f().loc["b1875"])
        + float(migration_m().loc["b1875"])
        + float(migration_f().loc["b1880"])
        + float(migration_m().loc["b1880"])
        + float(migration_f().loc["b1885"])
        + float(migration_m().loc["b1885"])
        + float(migration_f().loc["b1890"])
        + float(migration_m().loc["b1890"])
        + float(migration_f().loc["b1895"])
        + float(migration_m().loc["b1895"])
        + float(migration_f().loc["b1900"])
        + float(migration_m().loc["b1900"])
        + float(migration_f().loc["b1905"])
        + float(migration_m().loc["b1905"])
        + float(migration_f().loc["b1910"])
        + float(migration_m().loc["b1910"])
        + float(migration_f().loc["b1915"])
        + float(migration_m().loc["b1915"])
        + float(migration_f().loc["b1920"])
        + float(migration_m().loc["b1920"])
        + float(migration_f().loc["b1925"])
        + float(migration_m().loc["b1925"])
        + float(migration_f().loc["b1930"])
        + float(migration_m().loc["b1930"])
        + float(migration_f().loc["b1935"])
        + float(migration_m().loc["b1935"])
        + float(migration_f().loc["b1940"])
        + float(migration_m().loc["b1940"])
        + float(migration_f().loc["b1945"])
        + float(migration_m().loc["b1945"])
        + float(migration_f().loc["b1950"])
        + float(migration_m().loc["b1950"])
        + float(migration_f().loc["b1955"])
        + float(migration_m().loc["b1955"])
        + float(migration_f().loc["b1960"])
        + float(migration_m().loc["b1960"])
        + float(migration_f().loc["b1965"])
        + float(migration_m().loc["b1965"])
        + float(migration_f().loc["b1970"])
        + float(migration_m().loc["b1970"])
        + float(migration_f().loc["b1975"])
        + float(migration_m().loc["b1975"])
        + float(migration_f().loc["b1980"])
        + float(migration_m().loc["b1980"])
        + float(migration_f().loc["b1985"])
        + float(migration_m().loc["b1985"])
        + float(migration_f().loc["b1990"])
        + float(migration_m().loc["b1990"])
        + float(migration_f().loc["b1995"])
        + float(migration_m().loc["b1995"])
        + float(migration_f().loc["b2000"])
        + float(migration_m().loc["b2000"])
        + float(migration_f().loc["b2005"])
        + float(migration_m().loc["b2005"])
        + float(migration_f().loc["b2010"])
        + float(migration_m().loc["b2010"])
        + float(migration_f().loc["b2015"])
        + float(migration_m().loc["b2015"])
        + float(migration_f().loc["b2020"])
        + float(migration_m().loc["b2020"])
        + float(migration_f().loc["b2025"])
        + float(migration_m().loc["b2025"])
        + float(migration_f().loc["b2030"])
        + float(migration_m().loc["b2030"])
        + float(migration_f().loc["b2035"])
        + float(migration_m().loc["b2035"])
        + float(migration_f().loc["b2040"])
        + float(migration_m().loc["b2040"])
        + float(migration_f().loc["b2045"])
        + float(migration_m().loc["b2045"])
        + float(migration_f().loc["b2050"])
        + float(migration_m().loc["b2050"])
        + float(migration_f().loc["b2055"])
        + float(migration_m().loc["b2055"])
    )


@component.add(
    name="technology_era_active",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "technology_start_year": 1},
)
def technology_era_active():
    """
    1 once the strategic-technology era of this run has begun (AI era: 2012; hardware era in the VLSI back-test: 1976). Before it the sectors below hold their initial values.
    """
    return if_then_else(time() >= technology_start_year(), lambda: 1, lambda: 0)


@component.add(
    name="meiji_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "meiji_start": 1, "meiji_delay": 1, "meiji_ramp_years": 1},
)
def meiji_activation():
    """
    Share of the meiji lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - meiji_start() - meiji_delay())
                    / float(np.maximum(meiji_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="pay_reform_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "pay_reform_start": 1,
        "pay_reform_delay": 1,
        "pay_reform_ramp_years": 1,
    },
)
def pay_reform_activation():
    """
    Share of the pay reform lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - pay_reform_start() - pay_reform_delay())
                    / float(np.maximum(pay_reform_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="career_track_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "career_track_start": 1,
        "career_track_delay": 1,
        "career_track_ramp_years": 1,
    },
)
def career_track_activation():
    """
    Share of the career track lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - career_track_start() - career_track_delay())
                    / float(np.maximum(career_track_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="visa_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 1, "visa_start": 1, "visa_delay": 1, "visa_ramp_years": 1},
)
def visa_activation():
    """
    Share of the visa lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - visa_start() - visa_delay())
                    / float(np.maximum(visa_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="english_education_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "english_education_start": 1,
        "english_education_delay": 1,
        "english_education_ramp_years": 1,
    },
)
def english_education_activation():
    """
    Share of the english education lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - english_education_start() - english_education_delay())
                    / float(np.maximum(english_education_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="risk_capital_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "risk_capital_start": 1,
        "risk_capital_delay": 1,
        "risk_capital_ramp_years": 1,
    },
)
def risk_capital_activation():
    """
    Share of the risk capital lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - risk_capital_start() - risk_capital_delay())
                    / float(np.maximum(risk_capital_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="compute_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "compute_start": 1,
        "compute_delay": 1,
        "compute_ramp_years": 1,
    },
)
def compute_activation():
    """
    Share of the compute lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - compute_start() - compute_delay())
                    / float(np.maximum(compute_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="post_training_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "post_training_start": 1,
        "post_training_delay": 1,
        "post_training_ramp_years": 1,
    },
)
def post_training_activation():
    """
    Share of the post training lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - post_training_start() - post_training_delay())
                    / float(np.maximum(post_training_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="family_policy_activation",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "family_policy_start": 1,
        "family_policy_delay": 1,
        "family_policy_ramp_years": 1,
    },
)
def family_policy_activation():
    """
    Share of the family policy lever in force (0 before its start plus delay, rising linearly over its ramp).
    """
    return float(
        np.minimum(
            1,
            float(
                np.maximum(
                    0,
                    (time() - family_policy_start() - family_policy_delay())
                    / float(np.maximum(family_policy_ramp_years(), 0.01)),
                )
            ),
        )
    )


@component.add(
    name="new_graduates",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "population_20_24": 1,
        "cohort_width": 1,
        "tertiary_graduation_rate": 1,
    },
)
def new_graduates():
    """
    University graduates per year: one year of age of the 20-24 group times the share of a cohort that graduates.
    """
    return population_20_24() / cohort_width() * tertiary_graduation_rate()


@component.add(
    name="stem_graduates",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"new_graduates": 1, "stem_share": 1},
)
def stem_graduates():
    """
    Graduates in science, technology, engineering and mathematics.
    """
    return new_graduates() * stem_share()


@component.add(
    name="doctoral_graduates",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"population_20_24": 1, "cohort_width": 1, "doctoral_rate": 1},
)
def doctoral_graduates():
    """
    Doctorates per year (all fields).
    """
    return population_20_24() / cohort_width() * doctoral_rate()


@component.add(
    name="it_worker_demand",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"it_worker_demand_2016": 1, "time": 1, "it_demand_growth": 1},
)
def it_worker_demand():
    """
    IT workers that firms want (METI definition), growing at the demand growth rate.
    """
    return it_worker_demand_2016() * float(np.exp(it_demand_growth() * (time() - 2016)))


@component.add(
    name="it_worker_shortfall",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"it_worker_demand": 1, "it_workers": 1},
)
def it_worker_shortfall():
    """
    IT-worker demand minus supply (METI: 171k in 2016, 160k-790k by 2030).
    """
    return float(np.maximum(0, it_worker_demand() - it_workers()))


@component.add(
    name="specialists_total",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "ai_specialists_domestic": 1,
        "ai_specialists_foreign": 1,
        "meiji_experts": 1,
    },
)
def specialists_total():
    """
    Deep specialists working in the country.
    """
    return ai_specialists_domestic() + ai_specialists_foreign() + meiji_experts()


@component.add(
    name="specialist_demand",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "specialist_demand_at_full_adoption": 1,
        "ai_adoption": 1,
        "specialist_demand_growth": 1,
        "time": 1,
    },
)
def specialist_demand():
    """
    Deep specialists the economy's AI use calls for.
    """
    return (
        specialist_demand_at_full_adoption()
        * ai_adoption()
        * float(np.exp(specialist_demand_growth() * (time() - 2024)))
    )


@component.add(
    name="specialist_shortage_ratio",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"specialist_demand": 2, "specialists_total": 1},
)
def specialist_shortage_ratio():
    """
    Share of specialist demand unfilled.
    """
    return float(np.maximum(0, specialist_demand() - specialists_total())) / float(
        np.maximum(specialist_demand(), 1)
    )


@component.add(
    name="capability_revenue_effect",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "capability_ratio": 1,
        "capability_ratio_reference": 1,
        "revenue_pay_elasticity": 1,
    },
)
def capability_revenue_effect():
    """
    R1: stronger domestic labs earn more per specialist and can pay more.
    """
    return (
        capability_ratio() / capability_ratio_reference()
    ) ** revenue_pay_elasticity()


@component.add(
    name="indicated_relative_pay",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "pay_norm": 1,
        "specialist_shortage_ratio": 1,
        "shortage_pay_sensitivity": 1,
        "capability_revenue_effect": 1,
        "pay_reform_target": 1,
        "pay_reform_activation": 1,
    },
)
def indicated_relative_pay():
    """
    Pay the market and institutions would settle on: the seniority norm raised by shortage (B1) and by lab revenue (R1), or the pay-reform target where higher.
    """
    return float(
        np.maximum(
            pay_norm()
            * (1 + shortage_pay_sensitivity() * specialist_shortage_ratio())
            * capability_revenue_effect(),
            pay_reform_target() * pay_reform_activation(),
        )
    )


@component.add(
    name="pay_push",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "pay_ratio_reference": 1,
        "relative_specialist_pay": 1,
        "emigration_pay_elasticity": 1,
    },
)
def pay_push():
    """
    Emigration pressure from low pay relative to the reference ratio.
    """
    return (
        pay_ratio_reference() / relative_specialist_pay()
    ) ** emigration_pay_elasticity()


@component.add(
    name="english_target",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "english_youth_level": 1,
        "english_education_gain": 1,
        "english_education_activation": 1,
    },
)
def english_target():
    """
    English proficiency of the cohorts now leaving school.
    """
    return (
        english_youth_level()
        + english_education_gain() * english_education_activation()
    )


@component.add(
    name="english_mobility",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"english_proficiency": 1, "english_reference": 1},
)
def english_mobility():
    """
    How easily specialists can work abroad and absorb global research.
    """
    return english_proficiency() / english_reference()


@component.add(
    name="visa_openness",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "visa_openness_trend": 1,
        "visa_trend_end": 1,
        "time": 1,
        "technology_start_year": 1,
        "visa_reform_gain": 1,
        "visa_activation": 1,
    },
)
def visa_openness():
    """
    Openness of visa rules relative to the era's start.
    """
    return (
        1
        + visa_openness_trend()
        * float(
            np.maximum(
                0, float(np.minimum(time(), visa_trend_end())) - technology_start_year()
            )
        )
        + visa_reform_gain() * visa_activation()
    )


@component.add(
    name="working_age_gap",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"working_age_peak": 1, "population_15_64": 1},
)
def working_age_gap():
    """
    Working-age people missing relative to the peak: the labour pull for foreign workers.
    """
    return float(np.maximum(0, working_age_peak() - population_15_64()))


@component.add(
    name="reputation_effect",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "capability_ratio": 1,
        "capability_ratio_reference": 1,
        "reputation_elasticity": 1,
    },
)
def reputation_effect():
    """
    R3: capability attracts talent; weak labs pull fewer specialists.
    """
    return (
        capability_ratio() / capability_ratio_reference()
    ) ** reputation_elasticity()


@component.add(
    name="foreign_attractiveness",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "relative_specialist_pay": 1,
        "pay_ratio_reference": 1,
        "foreign_pay_elasticity": 1,
        "english_proficiency": 1,
        "english_work_elasticity": 1,
        "english_reference": 1,
        "visa_openness": 1,
        "reputation_effect": 1,
    },
)
def foreign_attractiveness():
    """
    Pull on foreign specialists relative to the era's start.
    """
    return (
        (relative_specialist_pay() / pay_ratio_reference()) ** foreign_pay_elasticity()
        * (english_proficiency() / english_reference()) ** english_work_elasticity()
        * visa_openness()
        * reputation_effect()
    )


@component.add(
    name="meiji_hiring_open",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "meiji_activation": 1,
        "time": 1,
        "meiji_start": 1,
        "meiji_duration_years": 1,
        "meiji_delay": 1,
        "capability_ratio": 1,
        "meiji_exit_capability": 1,
    },
)
def meiji_hiring_open():
    """
    1 while the Meiji programme hires: after its start, within its term, until capability reaches the exit level.
    """
    return if_then_else(
        np.logical_and(
            meiji_activation() > 0,
            np.logical_and(
                time() < meiji_start() + meiji_delay() + meiji_duration_years(),
                capability_ratio() < meiji_exit_capability(),
            ),
        ),
        lambda: 1,
        lambda: 0,
    )


@component.add(
    name="domestic_opportunity",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "relative_specialist_pay": 1,
        "pay_ratio_reference": 1,
        "entry_pay_elasticity": 1,
        "reputation_effect": 1,
    },
)
def domestic_opportunity():
    """
    How attractive a specialist career at home is, relative to the era's start.
    """
    return float(
        np.minimum(
            2,
            (relative_specialist_pay() / pay_ratio_reference())
            ** entry_pay_elasticity()
            * reputation_effect(),
        )
    )


@component.add(
    name="specialist_track_share",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "specialist_track_share_base": 1,
        "career_track_entry_gain": 1,
        "career_track_activation": 1,
    },
)
def specialist_track_share():
    """
    Share of STEM graduates entering the deep-specialist track.
    """
    return specialist_track_share_base() * (
        1 + career_track_entry_gain() * career_track_activation()
    )


@component.add(
    name="rotation_rate",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "rotation_rate_base": 1,
        "career_track_rotation_cut": 1,
        "career_track_activation": 1,
    },
)
def rotation_rate():
    """
    Share of specialists rotated into generalist roles each year (shushin koyo).
    """
    return rotation_rate_base() * (
        1 - career_track_activation() * career_track_rotation_cut()
    )


@component.add(
    name="success_visibility",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"recent_ai_successes": 2, "successes_reference": 1},
)
def success_visibility():
    """
    Visible AI successes relative to a reference count: 1 at the reference, at most 2 (attention saturates).
    """
    return 2 * recent_ai_successes() / (recent_ai_successes() + successes_reference())


@component.add(
    name="risk_tolerance_target",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "risk_tolerance_base": 1,
        "success_visibility": 1,
        "success_risk_gain": 1,
        "risk_capital_activation": 1,
        "failure_tolerance_gain": 1,
    },
)
def risk_tolerance_target():
    """
    Risk tolerance the culture moves towards, raised by visible successes (R2) and by failure-tolerance reform.
    """
    return float(
        np.minimum(
            0.95,
            risk_tolerance_base()
            + success_risk_gain() * success_visibility()
            + failure_tolerance_gain() * risk_capital_activation(),
        )
    )


@component.add(
    name="capital_availability",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "private_ai_investment": 1,
        "risk_capital_activation": 1,
        "risk_capital_fund_usd": 1,
        "capital_reference": 1,
    },
)
def capital_availability():
    """
    Risk capital for AI relative to a reference level.
    """
    return (
        private_ai_investment() + risk_capital_fund_usd() * risk_capital_activation()
    ) / capital_reference()


@component.add(
    name="private_ai_investment",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_startups": 1,
        "investment_per_startup": 1,
        "success_investment_gain": 1,
        "success_visibility": 1,
        "investment_growth": 1,
        "time": 1,
    },
)
def private_ai_investment():
    """
    Private AI investment in domestic companies.
    """
    return (
        technology_era_active()
        * ai_startups()
        * investment_per_startup()
        * (1 + success_investment_gain() * success_visibility())
        * float(np.exp(investment_growth() * (time() - 2024)))
    )


@component.add(
    name="domestic_capital_invested_abroad",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"private_ai_investment": 1, "overseas_investment_ratio": 1},
)
def domestic_capital_invested_abroad():
    """
    Domestic capital put into foreign AI (the essay's SoftBank 25:1 ratio, applied as an illustration to all private AI investment).
    """
    return private_ai_investment() * overseas_investment_ratio()


@component.add(
    name="gov_programme_on",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"time": 2, "gov_programme_start": 1, "gov_programme_end": 1},
)
def gov_programme_on():
    """
    1 while the committed AI/semiconductor programme runs.
    """
    return if_then_else(
        np.logical_and(time() >= gov_programme_start(), time() < gov_programme_end()),
        lambda: 1,
        lambda: 0,
    )


@component.add(
    name="gov_ai_spend",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "gov_ai_spend_base": 1,
        "technology_era_active": 1,
        "gov_commitment_usd": 1,
        "gov_programme_start": 1,
        "gov_programme_on": 1,
        "gov_ai_share": 1,
        "gov_programme_end": 1,
    },
)
def gov_ai_spend():
    """
    Government spending on AI compute and models.
    """
    return (
        gov_ai_spend_base() * technology_era_active()
        + gov_commitment_usd()
        * gov_ai_share()
        * gov_programme_on()
        / (gov_programme_end() - gov_programme_start())
    )


@component.add(
    name="adoption_compute_demand",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"ai_adoption": 1, "adoption_reference": 1},
)
def adoption_compute_demand():
    """
    Private compute build-out driven by AI use.
    """
    return ai_adoption() / adoption_reference()


@component.add(
    name="compute_spend",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "gov_ai_spend": 1,
        "gov_compute_share": 1,
        "adoption_compute_demand": 1,
        "private_compute_spend_2024": 1,
        "compute_buildout_usd": 1,
        "compute_activation": 1,
    },
)
def compute_spend():
    """
    Spending on domestic AI compute.
    """
    return (
        gov_ai_spend() * gov_compute_share()
        + private_compute_spend_2024() * adoption_compute_demand()
        + compute_buildout_usd() * compute_activation()
    )


@component.add(
    name="cost_per_h100e",
    units="USD/H100e",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"h100e_cost_2024": 1, "price_performance_growth": 1, "time": 1},
)
def cost_per_h100e():
    """
    Cost of one H100-equivalent, falling with price-performance.
    """
    return h100e_cost_2024() / price_performance_growth() ** (time() - 2024)


@component.add(
    name="compute_concentration",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "compute_concentration_base": 1,
        "national_lab_share": 1,
        "compute_activation": 1,
    },
)
def compute_concentration():
    """
    Share of national compute the largest effort can use.
    """
    return float(
        np.maximum(
            compute_concentration_base(), national_lab_share() * compute_activation()
        )
    )


@component.add(
    name="talent_concentration",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "talent_concentration_base": 1,
        "national_lab_share": 1,
        "compute_activation": 1,
    },
)
def talent_concentration():
    """
    Share of the country's specialists the largest effort gathers (one national lab or consortium versus many recipients).
    """
    return float(
        np.maximum(
            talent_concentration_base(), national_lab_share() * compute_activation()
        )
    )


@component.add(
    name="largest_cluster",
    units="H100e",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"domestic_ai_compute": 1, "compute_concentration": 1},
)
def largest_cluster():
    """
    Largest cluster one lab can use.
    """
    return domestic_ai_compute() * compute_concentration()


@component.add(
    name="frontier_log10_compute",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_compute_2024": 1,
        "frontier_growth": 1,
        "frontier_slowdown_year": 2,
        "time": 2,
        "frontier_growth_late": 1,
    },
)
def frontier_log10_compute():
    """
    log10 of frontier effective training compute (FLOP), exogenous.
    """
    return (
        float(np.log(frontier_compute_2024())) / 2.302585092994046
        + (float(np.minimum(time(), frontier_slowdown_year())) - 2024)
        * (float(np.log(frontier_growth())) / 2.302585092994046)
        + float(np.maximum(0, time() - frontier_slowdown_year()))
        * (float(np.log(frontier_growth_late())) / 2.302585092994046)
    )


@component.add(
    name="frontier_growth_now",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "time": 1,
        "frontier_slowdown_year": 1,
        "frontier_growth": 1,
        "frontier_growth_late": 1,
    },
)
def frontier_growth_now():
    """
    Frontier compute growth factor per year now.
    """
    return if_then_else(
        time() < frontier_slowdown_year(),
        lambda: frontier_growth(),
        lambda: frontier_growth_late(),
    )


@component.add(
    name="lab_talent",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "specialists_total": 1,
        "it_workers": 1,
        "generalist_weight": 1,
        "talent_concentration": 1,
    },
)
def lab_talent():
    """
    Specialists one effort can gather (generalists count by the technology's generalist weight).
    """
    return (
        specialists_total() + generalist_weight() * it_workers()
    ) * talent_concentration()


@component.add(
    name="frontier_next_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_log10_compute": 1,
        "frontier_growth_now": 1,
        "model_development_years": 1,
    },
)
def frontier_next_log10():
    """
    log10 frontier compute when a run started now would be finished.
    """
    return (
        frontier_log10_compute()
        + (float(np.log(frontier_growth_now())) / 2.302585092994046)
        * model_development_years()
    )


@component.add(
    name="talent_limited_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_next_log10": 1,
        "frontier_lab_size": 1,
        "talent_exponent": 1,
        "lab_talent": 1,
    },
)
def talent_limited_log10():
    """
    log10 FLOP of the largest run that gathered talent can use well: a lab of the frontier's size keeps pace with the frontier; smaller labs fall behind by the talent exponent.
    """
    return frontier_next_log10() + talent_exponent() * (
        float(np.log(float(np.maximum(lab_talent(), 1)) / frontier_lab_size()))
        / 2.302585092994046
    )


@component.add(
    name="cost_per_flop",
    units="USD/FLOP",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"cost_per_flop_2024": 1, "price_performance_growth": 1, "time": 1},
)
def cost_per_flop():
    """
    Cost of training compute, falling with price-performance.
    """
    return cost_per_flop_2024() / price_performance_growth() ** (time() - 2024)


@component.add(
    name="frontier_run_cost",
    units="USD",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"frontier_next_log10": 1, "cost_per_flop": 1},
)
def frontier_run_cost():
    """
    What a frontier training run started now (finishing at the next frontier) costs.
    """
    return 10 ** frontier_next_log10() * cost_per_flop()


@component.add(
    name="capital_attraction",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "global_capital_openness": 1,
        "frontier_lab_size": 1,
        "lab_talent": 1,
        "capital_talent_elasticity": 1,
        "frontier_risk_tolerance": 1,
        "capital_risk_elasticity": 1,
        "risk_tolerance": 1,
    },
)
def capital_attraction():
    """
    Share of a frontier run's budget that global and domestic investors will put behind the country's largest effort: capital follows talent and risk-taking (the essay: SoftBank's money goes where the ecosystem can absorb it).
    """
    return float(
        np.minimum(
            1,
            global_capital_openness()
            * (lab_talent() / frontier_lab_size()) ** capital_talent_elasticity()
            * (risk_tolerance() / frontier_risk_tolerance())
            ** capital_risk_elasticity(),
        )
    )


@component.add(
    name="capital_for_largest_run",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "gov_ai_spend": 1,
        "gov_compute_share": 1,
        "talent_concentration": 1,
        "risk_capital_activation": 1,
        "private_run_share": 1,
        "risk_capital_fund_usd": 1,
        "private_ai_investment": 1,
        "frontier_run_cost": 1,
        "capital_attraction": 1,
        "run_budget_years": 1,
    },
)
def capital_for_largest_run():
    """
    Money one effort can put into a training run each year: its share of government and private AI money plus the frontier-scale capital it attracts.
    """
    return (
        gov_ai_spend() * (1 - gov_compute_share()) * talent_concentration()
        + (
            private_ai_investment()
            + risk_capital_fund_usd() * risk_capital_activation()
        )
        * private_run_share()
        + frontier_run_cost() / run_budget_years() * capital_attraction()
    )


@component.add(
    name="capital_limited_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "capital_for_largest_run": 1,
        "run_budget_years": 1,
        "cost_per_flop": 1,
    },
)
def capital_limited_log10():
    """
    log10 FLOP a year's budget of the largest effort buys.
    """
    return (
        float(
            np.log(
                float(
                    np.maximum(
                        capital_for_largest_run()
                        * run_budget_years()
                        / cost_per_flop(),
                        1,
                    )
                )
            )
        )
        / 2.302585092994046
    )


@component.add(
    name="compute_limited_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "largest_cluster": 1,
        "flop_per_h100e_year": 1,
        "training_run_years": 1,
        "utilisation": 1,
        "capital_for_largest_run": 1,
        "rental_share": 1,
        "run_budget_years": 1,
        "cost_per_flop": 1,
    },
)
def compute_limited_log10():
    """
    log10 FLOP of the largest run that compute allows: the biggest domestic cluster plus what may be rented elsewhere.
    """
    return (
        float(
            np.log(
                float(np.maximum(largest_cluster(), 1))
                * flop_per_h100e_year()
                * training_run_years()
                * utilisation()
                + rental_share()
                * capital_for_largest_run()
                * run_budget_years()
                / cost_per_flop()
            )
        )
        / 2.302585092994046
    )


@component.add(
    name="knowhow_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "english_absorption_elasticity": 1,
        "english_proficiency": 1,
        "english_reference": 1,
        "rotation_knowhow_penalty": 1,
        "rotation_rate": 1,
        "specialist_career_years": 1,
    },
)
def knowhow_log10():
    """
    Algorithmic know-how relative to frontier labs, in orders of magnitude: absorption of global research (English) and depth lost to rotation.
    """
    return (
        english_absorption_elasticity()
        * (
            float(np.log(english_proficiency() / english_reference()))
            / 2.302585092994046
        )
        - rotation_knowhow_penalty() * rotation_rate() * specialist_career_years()
    )


@component.add(
    name="domestic_target_log10",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_next_log10": 1,
        "max_lead_oom": 1,
        "capital_limited_log10": 1,
        "talent_limited_log10": 1,
        "knowhow_log10": 1,
        "compute_limited_log10": 1,
    },
)
def domestic_target_log10():
    """
    Best effective run the country can make now: the weakest of compute, talent and capital, times know-how.
    """
    return float(
        np.minimum(
            frontier_next_log10() + max_lead_oom(),
            float(
                np.minimum(
                    compute_limited_log10(),
                    float(np.minimum(talent_limited_log10(), capital_limited_log10())),
                )
            )
            + knowhow_log10(),
        )
    )


@component.add(
    name="frontier_gap_oom",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"frontier_log10_compute": 1, "domestic_capability_log10": 1},
)
def frontier_gap_oom():
    """
    Orders of magnitude between the frontier and the best domestic model.
    """
    return frontier_log10_compute() - domestic_capability_log10()


@component.add(
    name="frontier_gap_years",
    units="year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"frontier_gap_oom": 1, "frontier_growth_now": 1},
)
def frontier_gap_years():
    """
    How many years behind the frontier the best domestic model is.
    """
    return frontier_gap_oom() / (
        float(np.log(frontier_growth_now())) / 2.302585092994046
    )


@component.add(
    name="capability_ratio",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"frontier_gap_oom": 1},
)
def capability_ratio():
    """
    Best domestic / frontier capability.
    """
    return 10 ** -frontier_gap_oom()


@component.add(
    name="inference_demand",
    units="H100e",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "inference_demand_2024": 1,
        "ai_adoption": 1,
        "adoption_reference": 1,
        "time": 1,
        "inference_demand_growth": 1,
    },
)
def inference_demand():
    """
    Compute the country's AI use needs.
    """
    return (
        inference_demand_2024()
        * ai_adoption()
        / adoption_reference()
        * inference_demand_growth() ** (time() - 2024)
    )


@component.add(
    name="domestic_hosting_share",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"domestic_ai_compute": 1, "inference_share": 1, "inference_demand": 1},
)
def domestic_hosting_share():
    """
    Share of AI use the country can host.
    """
    return float(
        np.minimum(1, domestic_ai_compute() * inference_share() / inference_demand())
    )


@component.add(
    name="deployment_index",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"ai_adoption": 1, "domestic_hosting_share": 1},
)
def deployment_index():
    """
    Domestically hosted share of AI use times adoption.
    """
    return ai_adoption() * domestic_hosting_share()


@component.add(
    name="deployment_sovereignty",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "deployment_index": 1,
        "deployment_threshold": 1,
        "verdict_softness_deployment": 1,
    },
)
def deployment_sovereignty():
    """
    Deployment sovereignty, 0-1; 'achieved' at >= 0.5, i.e. deployment_index above its threshold.
    """
    return 1 / (
        1
        + float(
            np.exp(
                -(deployment_index() - deployment_threshold())
                / verdict_softness_deployment()
            )
        )
    )


@component.add(
    name="specialised_gap_oom",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_gap_oom": 1,
        "post_training_lift": 1,
        "post_training_activation": 1,
        "post_training_lift_extra": 1,
    },
)
def specialised_gap_oom():
    """
    Gap of the best domestic Japanese-language specialised model, after post-training and model merging lift it (the Sakana path).
    """
    return (
        frontier_gap_oom()
        - post_training_lift()
        - post_training_lift_extra() * post_training_activation()
    )


@component.add(
    name="specialised_model_sovereignty",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "specialised_threshold_oom": 1,
        "specialised_gap_oom": 1,
        "verdict_softness_oom": 1,
    },
)
def specialised_model_sovereignty():
    """
    Specialised-model sovereignty, 0-1; 'achieved' at >= 0.5, i.e. the specialised gap within its threshold.
    """
    return 1 / (
        1
        + float(
            np.exp(
                -(specialised_threshold_oom() - specialised_gap_oom())
                / verdict_softness_oom()
            )
        )
    )


@component.add(
    name="frontier_sovereignty",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "frontier_threshold_oom": 1,
        "frontier_gap_oom": 1,
        "verdict_softness_oom": 1,
    },
)
def frontier_sovereignty():
    """
    Frontier sovereignty, 0-1; 'achieved' at >= 0.5, i.e. gap within half an order of magnitude.
    """
    return 1 / (
        1
        + float(
            np.exp(
                -(frontier_threshold_oom() - frontier_gap_oom())
                / verdict_softness_oom()
            )
        )
    )


@component.add(
    name="care_workers_needed",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"population_75_plus": 1, "care_need_per_75_plus": 1},
)
def care_workers_needed():
    """
    Care workers the elderly population needs.
    """
    return population_75_plus() * care_need_per_75_plus()


@component.add(
    name="care_robot_readiness",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"domestic_capability_log10": 1, "care_robot_threshold_log10": 1},
)
def care_robot_readiness():
    """
    Readiness of care robots, which need domestic capability above a threshold.
    """
    return 1 / (
        1
        + float(
            np.exp(-(domestic_capability_log10() - care_robot_threshold_log10()) / 0.25)
        )
    )


@component.add(
    name="care_robot_substitution",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "care_workers_needed": 1,
        "max_robot_substitution": 1,
        "care_robot_deployment": 1,
    },
)
def care_robot_substitution():
    """
    Care work done by robots, in worker-equivalents.
    """
    return care_workers_needed() * max_robot_substitution() * care_robot_deployment()


@component.add(
    name="care_worker_shortfall",
    units="people",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "care_workers_needed": 1,
        "care_workers": 1,
        "care_robot_substitution": 1,
    },
)
def care_worker_shortfall():
    """
    Care workers needed minus available.
    """
    return float(
        np.maximum(
            0, care_workers_needed() - care_workers() - care_robot_substitution()
        )
    )


@component.add(
    name="meiji_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"meiji_experts": 1, "meiji_cost_per_expert": 1},
)
def meiji_cost():
    """
    Yearly cost of the meiji lever.
    """
    return meiji_experts() * meiji_cost_per_expert()


@component.add(
    name="pay_reform_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "pay_reform_activation": 1,
        "pay_reform_target": 1,
        "pay_norm": 1,
        "us_specialist_pay": 1,
        "ai_specialists_domestic": 1,
    },
)
def pay_reform_cost():
    """
    Yearly cost of the pay reform lever.
    """
    return (
        pay_reform_activation()
        * float(np.maximum(0, pay_reform_target() - pay_norm()))
        * us_specialist_pay()
        * ai_specialists_domestic()
    )


@component.add(
    name="career_track_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "career_track_activation": 1,
        "career_track_rotation_cut": 1,
        "career_track_cost_usd": 1,
    },
)
def career_track_cost():
    """
    Yearly cost of the career track lever.
    """
    return (
        career_track_activation()
        * career_track_rotation_cut()
        * career_track_cost_usd()
    )


@component.add(
    name="visa_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"visa_activation": 1, "visa_reform_gain": 1, "visa_cost_usd": 1},
)
def visa_cost():
    """
    Yearly cost of the visa lever.
    """
    return visa_activation() * visa_reform_gain() * visa_cost_usd()


@component.add(
    name="english_education_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "english_education_activation": 1,
        "english_education_gain": 1,
        "english_education_cost_usd": 1,
    },
)
def english_education_cost():
    """
    Yearly cost of the english education lever.
    """
    return (
        english_education_activation()
        * english_education_gain()
        / 10
        * english_education_cost_usd()
    )


@component.add(
    name="risk_capital_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "risk_capital_activation": 1,
        "failure_tolerance_gain": 1,
        "risk_capital_fund_usd": 1,
        "failure_reform_cost_usd": 1,
    },
)
def risk_capital_cost():
    """
    Yearly cost of the risk capital lever.
    """
    return risk_capital_activation() * (
        risk_capital_fund_usd()
        + failure_tolerance_gain() / 0.1 * failure_reform_cost_usd()
    )


@component.add(
    name="compute_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"compute_activation": 1, "compute_buildout_usd": 1},
)
def compute_cost():
    """
    Yearly cost of the compute lever.
    """
    return compute_activation() * compute_buildout_usd()


@component.add(
    name="post_training_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "post_training_activation": 1,
        "post_training_lift_extra": 1,
        "post_training_cost_usd": 1,
    },
)
def post_training_cost():
    """
    Yearly cost of the post training lever.
    """
    return (
        post_training_activation()
        * post_training_lift_extra()
        / 0.5
        * post_training_cost_usd()
    )


@component.add(
    name="family_policy_cost",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "family_policy_activation": 1,
        "family_policy_tfr_gain": 1,
        "family_policy_cost_per_tenth_usd": 1,
    },
)
def family_policy_cost():
    """
    Yearly cost of the family policy lever.
    """
    return (
        family_policy_activation()
        * family_policy_tfr_gain()
        / 0.1
        * family_policy_cost_per_tenth_usd()
    )


@component.add(name="fertility_multiplier", comp_type="Constant", comp_subtype="Normal")
def fertility_multiplier():
    """
    Multiplies the WPP medium-variant TFR path. Range spans roughly the WPP low/high fertility variants (+-0.5 child is wider; this is a 5-95% band on the medium path). Source: S01 UN WPP 2024 medium TFR path; range assumption. Range (5th-95th): 0.85 to 1.1.
    """
    return 1.0


@component.add(name="mortality_multiplier", comp_type="Constant", comp_subtype="Normal")
def mortality_multiplier():
    """
    Multiplies every age-specific death rate of the WPP path. Source: S01 UN WPP 2024 mx5; range assumption. Range (5th-95th): 0.9 to 1.1.
    """
    return 1.0


@component.add(name="migration_multiplier", comp_type="Constant", comp_subtype="Normal")
def migration_multiplier():
    """
    Multiplies the WPP net-migration path (medium variant after 2023). Source: S01 UN WPP 2024 net migration; range assumption. Range (5th-95th): 0.5 to 1.5.
    """
    return 1.0


@component.add(
    name="migration_pattern_start",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def migration_pattern_start():
    """
    Year from which net migrants follow the WPP age-sex pattern; before it they are spread in proportion to the population (assumption). Source: S01 WPP 2024 gives net migration by age only from 2020-2025 (wpp2024 README). Range (5th-95th): 2020 to 2020.
    """
    return 2020.0


@component.add(
    name="migration_history_weight", comp_type="Constant", comp_subtype="Normal"
)
def migration_history_weight():
    """
    Weight of the WPP age pattern in net migration before 2020. Source: assumption: no age pattern of net migration before 2020 exists in S01; half the 2020-2025 pattern, half proportional to the population, fits WPP age groups 1970-2020 of all five countries best. Range (5th-95th): 0.2 to 0.8.
    """
    return 0.5


@component.add(
    name="technology_start_year",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def technology_start_year():
    """
    Year the strategic-technology sectors start to move. VLSI back-test: 1976 (essay note [64]). Source: assumption: deep-learning era begins (AlexNet, 2012); S15 Epoch dates the deep-learning era of compute growth from 2010. Range (5th-95th): 2010 to 2014.
    """
    return 2012.0


@component.add(
    name="tertiary_graduation_rate", comp_type="Constant", comp_subtype="Normal"
)
def tertiary_graduation_rate():
    """
    Share of a single-year age cohort that graduates from university. Source: assumption: about half of a Japanese age cohort completes a university degree (MEXT enrolment above 50%; not in figures.csv). Range (5th-95th): 0.4 to 0.6.
    """
    return 0.5


@component.add(name="stem_share", comp_type="Constant", comp_subtype="Normal")
def stem_share():
    """
    Share of graduates in STEM. Source: assumption: science and engineering are about a quarter of Japanese bachelor's degrees (OECD Education at a Glance order of magnitude; not in figures.csv). Range (5th-95th): 0.2 to 0.3.
    """
    return 0.25


@component.add(name="doctoral_rate", comp_type="Constant", comp_subtype="Normal")
def doctoral_rate():
    """
    Doctoral entrants per person of a single-year cohort (all fields). Source: S29 NISTEP/MEXT doctoral enrolment 14,382 (FY2022) / about 1.25m people per single year of age 20-24 (S01). Range (5th-95th): 0.009 to 0.014.
    """
    return 0.0115


@component.add(
    name="it_worker_demand_2016",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def it_worker_demand_2016():
    """
    IT workers firms wanted in 2016. Source: S21 METI 2016: 919k IT workers + 171k shortfall. Range (5th-95th): 1000000 to 1200000.
    """
    return 1090000.0


@component.add(
    name="it_demand_growth", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def it_demand_growth():
    """
    Growth of IT-worker demand. Source: S21 METI 2019 mid scenario: IT demand growth 2-5% a year (range low/high). Range (5th-95th): 0.02 to 0.05.
    """
    return 0.03


@component.add(
    name="it_graduate_share_max", comp_type="Constant", comp_subtype="Normal"
)
def it_graduate_share_max():
    """
    Most graduates IT can hire in a year, as a share of graduates. Source: assumption: calibrated so IT workers reach S21 METI 919k (2016) and 1.03m (2018). Range (5th-95th): 0.07 to 0.11.
    """
    return 0.09


@component.add(name="foreign_it_share", comp_type="Constant", comp_subtype="Normal")
def foreign_it_share():
    """
    Share of arriving foreign workers who join IT. Source: assumption: a few percent of foreign workers hold engineer/IT visas (S06 lists nationalities, not occupations). Range (5th-95th): 0.02 to 0.1.
    """
    return 0.05


@component.add(
    name="it_hiring_time", units="year", comp_type="Constant", comp_subtype="Normal"
)
def it_hiring_time():
    """
    Time to close the IT-worker gap if supply allowed. Source: assumption: firms take a couple of years to close an IT staffing gap. Range (5th-95th): 3 to 7.
    """
    return 5.0


@component.add(
    name="it_career_length", units="year", comp_type="Constant", comp_subtype="Normal"
)
def it_career_length():
    """
    Average years in IT work. Source: assumption: working life of an IT worker. Range (5th-95th): 25 to 40.
    """
    return 35.0


@component.add(
    name="it_initial_shortfall_share", comp_type="Constant", comp_subtype="Normal"
)
def it_initial_shortfall_share():
    """
    Share of 1970 IT demand unfilled. Source: assumption: small IT shortfall in 1970. Range (5th-95th): 0.05 to 0.15.
    """
    return 0.1


@component.add(name="pay_norm", comp_type="Constant", comp_subtype="Normal")
def pay_norm():
    """
    Pay seniority institutions settle on without shortage, relative to US pay; the yen/dollar rate is held at its 2024 level. Source: assumption calibrated so relative_specialist_pay is 0.27 in 2024: essay note [17] JPY 5.69m at JPY 157.86/USD (S26) / S22 BLS median USD 133,080 (gaps.md: ratio ~3.7x, not 3.5x). Range (5th-95th): 0.21 to 0.3.
    """
    return 0.245


@component.add(name="relative_pay_initial", comp_type="Constant", comp_subtype="Normal")
def relative_pay_initial():
    """
    Domestic specialist pay / US pay when the era starts (exchange rate held at 2024 level; the 2012-2024 yen depreciation is not modelled). Source: essay note [17] JPY 5.69m; S23 JPY 5.50m (2022); S26 JPY 157.86/USD (June 2024); S22 USD 133,080: 0.27 (gaps.md: the essay's 3.5x becomes ~3.7x at the better exchange rate). Range (5th-95th): 0.25 to 0.31.
    """
    return 0.27


@component.add(name="pay_ratio_reference", comp_type="Constant", comp_subtype="Normal")
def pay_ratio_reference():
    """
    Pay ratio at which pay-driven flows take their base values. Source: essay note [17]; S26; S22 (as relative_pay_initial). Range (5th-95th): 0.27 to 0.27.
    """
    return 0.27


@component.add(
    name="shortage_pay_sensitivity", comp_type="Constant", comp_subtype="Normal"
)
def shortage_pay_sensitivity():
    """
    How much a specialist shortage raises indicated pay. Source: assumption: B1; a fully unfilled demand would raise indicated pay by 30%. Range (5th-95th): 0.1 to 0.6.
    """
    return 0.3


@component.add(
    name="pay_adjustment_time",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def pay_adjustment_time():
    """
    Time for pay to move to its indicated level. Source: assumption: seniority pay is rigid (essay notes [15],[16]); a decade to adjust. Range (5th-95th): 6 to 15.
    """
    return 10.0


@component.add(
    name="revenue_pay_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def revenue_pay_elasticity():
    """
    Elasticity of indicated pay to capability ratio. Source: assumption: R1; labs nearer the frontier earn and pay more. Range (5th-95th): 0.02 to 0.1.
    """
    return 0.05


@component.add(
    name="capability_ratio_reference", comp_type="Constant", comp_subtype="Normal"
)
def capability_ratio_reference():
    """
    Capability ratio at which capability-driven effects take their base values. Source: S14 PLaMo-100B 1.2e24 FLOP / S13 frontier 5e25 FLOP (2024). Range (5th-95th): 0.024 to 0.024.
    """
    return 0.024


@component.add(
    name="emigration_pay_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def emigration_pay_elasticity():
    """
    Elasticity of emigration to the inverse pay ratio. Source: assumption: emigration pressure proportional to the pay gap. Range (5th-95th): 0.5 to 1.5.
    """
    return 1.0


@component.add(name="entry_pay_elasticity", comp_type="Constant", comp_subtype="Normal")
def entry_pay_elasticity():
    """
    Elasticity of specialist-track entry to the pay ratio. Source: assumption: students respond to specialist pay. Range (5th-95th): 0.2 to 1.
    """
    return 0.5


@component.add(
    name="foreign_pay_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def foreign_pay_elasticity():
    """
    Elasticity of foreign specialist arrivals to the pay ratio. Source: assumption: arrivals respond to pay about proportionally, like emigration (no estimate for Japan exists). Range (5th-95th): 0.5 to 1.5.
    """
    return 1.0


@component.add(
    name="us_specialist_pay",
    units="USD/person/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def us_specialist_pay():
    """
    US specialist pay, for the cost of pay reform. Source: S22 BLS OEWS May 2024 median, SOC 15-1252 (low/high = 25th/75th percentile). Range (5th-95th): 103050 to 169000.
    """
    return 133080.0


@component.add(name="english_initial", comp_type="Constant", comp_subtype="Normal")
def english_initial():
    """
    English proficiency when the era starts. Source: S07 EF EPI 2012 Japan score 55.14 (0-100 scale). Range (5th-95th): 54 to 56.
    """
    return 55.14


@component.add(name="english_youth_level", comp_type="Constant", comp_subtype="Normal")
def english_youth_level():
    """
    English of cohorts leaving school. Source: assumption calibrated to the S07 EF EPI decline 2012-2025 (55.1 to ~47.6 after band mapping); essay note [26]: 18-25s now score below 26+. Range (5th-95th): 33 to 43.
    """
    return 38.0


@component.add(
    name="english_replacement_time",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def english_replacement_time():
    """
    Time for the workforce's English to move to new cohorts' level. Source: assumption: working population renews over ~25 years. Range (5th-95th): 15 to 35.
    """
    return 25.0


@component.add(name="english_reference", comp_type="Constant", comp_subtype="Normal")
def english_reference():
    """
    English level at which English effects take their base values. Source: assumption: reference point of the index (EF 'low proficiency' band, S07). Range (5th-95th): 50 to 50.
    """
    return 50.0


@component.add(
    name="english_work_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def english_work_elasticity():
    """
    Elasticity of foreign arrivals to the English environment. Source: assumption: essay note [24]: corporate Japan works in Japanese. Range (5th-95th): 0.2 to 1.
    """
    return 0.5


@component.add(
    name="english_absorption_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def english_absorption_elasticity():
    """
    Orders of magnitude of know-how per order of magnitude of English ratio. Source: assumption: absorbing global research needs English. Range (5th-95th): 0.3 to 2.
    """
    return 1.0


@component.add(
    name="visa_openness_trend",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def visa_openness_trend():
    """
    Yearly loosening of visa rules since the era's start. Source: assumption calibrated to S06 foreign workers 788k (2014) to 2.30m (2024) (Specified Skilled Worker visas, 2019). Range (5th-95th): 0.03 to 0.09.
    """
    return 0.06


@component.add(
    name="visa_trend_end", units="year", comp_type="Constant", comp_subtype="Normal"
)
def visa_trend_end():
    """
    Last year of the observed visa-loosening trend. Source: assumption: the loosening observed to 2024 (S06 counts) is kept; more is the visa lever. Range (5th-95th): 2024 to 2024.
    """
    return 2024.0


@component.add(
    name="working_age_peak", units="people", comp_type="Constant", comp_subtype="Normal"
)
def working_age_peak():
    """
    Peak working-age population. Source: S01 WPP 2024: population 15-64 in 1995 (Japan's peak); low = WPP 2022. Range (5th-95th): 87110000 to 87597100.
    """
    return 87597100.0


@component.add(
    name="foreign_recruitment_rate",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_recruitment_rate():
    """
    Foreign workers recruited per missing working-age person per year. Source: assumption calibrated to S06 foreign worker counts 2014-2024. Range (5th-95th): 0.02 to 0.033.
    """
    return 0.0265


@component.add(
    name="foreign_worker_stay",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_worker_stay():
    """
    Average stay of a foreign worker. Source: assumption: Technical Intern Training lasts up to 5 years (20.4% of foreign workers, S06). Range (5th-95th): 3 to 8.
    """
    return 5.0


@component.add(
    name="foreign_workers_initial",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_workers_initial():
    """
    Foreign workers when the era starts. Source: assumption: extrapolated back from S06 788k (2014). Range (5th-95th): 640000 to 720000.
    """
    return 680000.0


@component.add(
    name="foreign_specialist_inflow_base",
    units="people/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_specialist_inflow_base():
    """
    Foreign specialist arrivals per year at era-start conditions. Source: assumption: no count of foreign AI specialists in Japan exists (gaps.md). Range (5th-95th): 80 to 400.
    """
    return 200.0


@component.add(
    name="foreign_specialist_stay",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_specialist_stay():
    """
    Average stay of a foreign specialist. Source: assumption: expatriate researchers stay a few years. Range (5th-95th): 2 to 7.
    """
    return 4.0


@component.add(
    name="foreign_specialists_initial",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def foreign_specialists_initial():
    """
    Foreign deep AI specialists when the era starts. Source: assumption (gaps.md: no count found). Range (5th-95th): 300 to 1200.
    """
    return 600.0


@component.add(
    name="reputation_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def reputation_elasticity():
    """
    Elasticity of talent pull to the capability ratio. Source: assumption: R3, capability attracts talent. Range (5th-95th): 0.05 to 0.4.
    """
    return 0.2


@component.add(
    name="meiji_experts_per_year",
    units="people/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_experts_per_year():
    """
    Imported experts hired per year (0 = off). Source: policy lever; essay note [63]: ~3,000 oyatoi experts 1868-1900 (~100 a year). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="meiji_duration_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_duration_years():
    """
    Years the programme hires. Source: policy lever; essay note [63]: the programme was deliberately temporary. Range (5th-95th): 10 to 10.
    """
    return 10.0


@component.add(
    name="meiji_trainees_per_expert", comp_type="Constant", comp_subtype="Normal"
)
def meiji_trainees_per_expert():
    """
    Domestic trainees each expert brings to specialist level over a training period. Source: assumption: essay note [63]: students trained alongside each expert. Range (5th-95th): 2 to 5.
    """
    return 3.0


@component.add(
    name="meiji_training_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_training_years():
    """
    Years to train a trainee. Source: assumption: a master's-to-doctorate span of specialist training. Range (5th-95th): 2 to 5.
    """
    return 3.0


@component.add(
    name="meiji_contract_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_contract_years():
    """
    Average contract of an imported expert. Source: assumption: contracts of a few years, not renewed once knowledge was transferred (essay note [63]). Range (5th-95th): 2 to 5.
    """
    return 3.0


@component.add(
    name="meiji_wind_down_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_wind_down_years():
    """
    Time to dismiss experts once hiring stops. Source: assumption: contracts are run down within about a year once hiring stops (essay note [63]). Range (5th-95th): 0.5 to 2.
    """
    return 1.0


@component.add(
    name="meiji_exit_capability", comp_type="Constant", comp_subtype="Normal"
)
def meiji_exit_capability():
    """
    Capability ratio at which the programme ends. Source: policy lever: programme stops hiring once capability_ratio reaches this (gap about 0.5 OOM). Range (5th-95th): 0.3 to 0.3.
    """
    return 0.3


@component.add(
    name="meiji_cost_per_expert",
    units="USD/person/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def meiji_cost_per_expert():
    """
    Yearly cost of one imported expert incl. research budget. Source: assumption: top researchers earn multiples of S22's USD 133k median (essay note [18] text). Range (5th-95th): 400000 to 1000000.
    """
    return 600000.0


@component.add(
    name="specialist_track_share_base", comp_type="Constant", comp_subtype="Normal"
)
def specialist_track_share_base():
    """
    Share of STEM graduates entering a deep-specialist track. Source: assumption: essay notes [15],[16]: generalist hiring dominates; calibrated with domestic_specialists_initial to ~10k specialists in 2024. Range (5th-95th): 0.0015 to 0.006.
    """
    return 0.003


@component.add(name="ai_doctorate_share", comp_type="Constant", comp_subtype="Normal")
def ai_doctorate_share():
    """
    Share of doctorates who become AI specialists. Source: assumption: share of doctorates in AI-relevant fields. Range (5th-95th): 0.015 to 0.06.
    """
    return 0.03


@component.add(
    name="reskilling_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def reskilling_rate():
    """
    Share of IT workers retrained into deep specialists each year. Source: assumption: very few IT workers retrain into deep AI research; METI (S21) expects most advanced-IT supply from reskilling, but at the deep-specialist level the flow is small. Range (5th-95th): 0.0002 to 0.001.
    """
    return 0.0005


@component.add(
    name="return_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def return_rate():
    """
    Share of specialists abroad returning each year at base conditions. Source: assumption: a few percent of expatriate specialists return each year (S29 notes Japanese researchers abroad are few). Range (5th-95th): 0.01 to 0.06.
    """
    return 0.03


@component.add(
    name="rotation_rate_base",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def rotation_rate_base():
    """
    Share of specialists rotated into generalist roles per year. Source: assumption: generalist rotation every few years moves specialists out (essay notes [15],[16]). Range (5th-95th): 0.03 to 0.08.
    """
    return 0.05


@component.add(
    name="specialist_career_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def specialist_career_years():
    """
    Average years a specialist stays in the field. Source: assumption: deep AI specialists are young and many move to management or leave research within ~25 years. Range (5th-95th): 20 to 30.
    """
    return 25.0


@component.add(
    name="base_emigration_rate",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def base_emigration_rate():
    """
    Share of specialists emigrating per year at reference pay and English. Source: assumption: S29: Japanese nationals earning US doctorates fell 45% (low mobility); essay: the pay pull is constant. Range (5th-95th): 0.01 to 0.04.
    """
    return 0.02


@component.add(name="global_talent_demand", comp_type="Constant", comp_subtype="Normal")
def global_talent_demand():
    """
    Scales emigration pull. Source: assumption: global demand for AI specialists relative to 2012-2024. Range (5th-95th): 0.7 to 1.5.
    """
    return 1.0


@component.add(
    name="domestic_specialists_initial",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def domestic_specialists_initial():
    """
    Domestic deep AI specialists when the era starts (2012). Source: assumption: gaps.md: no Japan count of AI specialists exists; S21 METI advanced-IT shortfall 15k (2016); S28 22,400 publishing AI researchers worldwide (2018). Range (5th-95th): 2000 to 8000.
    """
    return 4000.0


@component.add(
    name="specialists_abroad_initial",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def specialists_abroad_initial():
    """
    The country's specialists working abroad when the era starts. Source: assumption: no count of Japanese AI specialists abroad exists (gaps.md); a few per cent of Japanese-origin NeurIPS authors (S27 does not break Japan out). Range (5th-95th): 500 to 4000.
    """
    return 1500.0


@component.add(
    name="specialist_demand_at_full_adoption",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def specialist_demand_at_full_adoption():
    """
    Deep specialists the economy would call for at full AI adoption in 2024. Source: assumption: S21 METI projects an advanced-IT (AI/IoT) shortage of 550k by 2030 under a broad definition; deep specialists are a small fraction. Range (5th-95th): 20000 to 80000.
    """
    return 40000.0


@component.add(
    name="specialist_demand_growth",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def specialist_demand_growth():
    """
    Yearly growth of specialist demand at given adoption. Source: assumption: demand for specialists grows with AI use. Range (5th-95th): 0.02 to 0.1.
    """
    return 0.05


@component.add(
    name="risk_tolerance_initial", comp_type="Constant", comp_subtype="Normal"
)
def risk_tolerance_initial():
    """
    1 - fear of failure when the era starts. Source: S18 GEM Japan 2014: fear of failure 55%; essay note [28] (gaps.md: definitions differ). Range (5th-95th): 0.4 to 0.5.
    """
    return 0.45


@component.add(name="risk_tolerance_base", comp_type="Constant", comp_subtype="Normal")
def risk_tolerance_base():
    """
    Risk tolerance the culture holds without visible successes. Source: S18 GEM 2014 fear of failure 55%. Range (5th-95th): 0.4 to 0.5.
    """
    return 0.45


@component.add(
    name="risk_tolerance_reference", comp_type="Constant", comp_subtype="Normal"
)
def risk_tolerance_reference():
    """
    Risk tolerance at which founding takes its base rate. Source: S18 GEM Japan 2014: fear of failure 55% (as risk_tolerance_initial). Range (5th-95th): 0.45 to 0.45.
    """
    return 0.45


@component.add(name="success_risk_gain", comp_type="Constant", comp_subtype="Normal")
def success_risk_gain():
    """
    Rise in target risk tolerance per unit of success visibility. Source: assumption: R2; visible successes raise risk tolerance. Range (5th-95th): 0.02 to 0.1.
    """
    return 0.05


@component.add(
    name="successes_reference",
    units="companies",
    comp_type="Constant",
    comp_subtype="Normal",
)
def successes_reference():
    """
    Success count at which visibility is 1. Source: assumption: about ten visible successes (S17/S38: Japan has 6-11 unicorns in all sectors). Range (5th-95th): 10 to 10.
    """
    return 10.0


@component.add(
    name="culture_adjustment_time",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def culture_adjustment_time():
    """
    Time for risk tolerance to reach its target. Source: assumption: culture changes slowly. Range (5th-95th): 10 to 25.
    """
    return 15.0


@component.add(
    name="founding_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def founding_rate():
    """
    AI startups founded per specialist per year at base conditions. Source: assumption calibrated to S09/S10: 31 (2022) and 42 (2023) newly funded AI companies in Japan. Range (5th-95th): 0.002 to 0.006.
    """
    return 0.0035


@component.add(
    name="risk_founding_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def risk_founding_elasticity():
    """
    Elasticity of founding to risk tolerance. Source: assumption: essay note [27]-[29]: GEM TEA 3.4%, lowest. Range (5th-95th): 0.5 to 2.
    """
    return 1.0


@component.add(
    name="capital_founding_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def capital_founding_elasticity():
    """
    Elasticity of founding to risk capital. Source: assumption: founding responds less than proportionally to capital (capital follows founders). Range (5th-95th): 0.1 to 0.6.
    """
    return 0.3


@component.add(
    name="capital_reference",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def capital_reference():
    """
    Private AI investment at which capital availability is 1. Source: essay note [11] USD 0.93bn (2024, unverified); low S09 0.72bn (2022); high S12 CSET 1.51bn (2022). Range (5th-95th): 720000000 to 1510000000.
    """
    return 930000000.0


@component.add(
    name="startup_failure_rate",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def startup_failure_rate():
    """
    Share of AI startups failing each year. Source: assumption: about a tenth of venture-backed startups close each year. Range (5th-95th): 0.06 to 0.15.
    """
    return 0.1


@component.add(
    name="scale_up_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def scale_up_rate():
    """
    Share of AI startups scaling up each year at base capability. Source: assumption: few Japanese scale-ups (S17: 8 unicorns in all sectors, 2025). Range (5th-95th): 0.003 to 0.012.
    """
    return 0.006


@component.add(
    name="ai_startups_initial",
    units="companies",
    comp_type="Constant",
    comp_subtype="Normal",
)
def ai_startups_initial():
    """
    Active AI startups when the era starts. Source: assumption: a few dozen AI startups in 2012 (S09: 31 newly funded AI companies in 2022, fewer earlier). Range (5th-95th): 30 to 120.
    """
    return 60.0


@component.add(
    name="success_memory_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def success_memory_years():
    """
    How long a success stays visible. Source: assumption: a success shapes attitudes for about five years. Range (5th-95th): 3 to 8.
    """
    return 5.0


@component.add(
    name="successes_initial",
    units="companies",
    comp_type="Constant",
    comp_subtype="Normal",
)
def successes_initial():
    """
    Visible successes when the era starts. Source: assumption: one or two visible tech successes around 2012 (essay note [8]: Mercari founded 2013 became the first tech unicorn). Range (5th-95th): 0 to 5.
    """
    return 2.0


@component.add(
    name="investment_per_startup",
    units="USD/company/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def investment_per_startup():
    """
    Private investment per active AI startup per year (2024 dollars). Source: assumption calibrated so private AI investment is ~USD 0.7-0.9bn in 2022-2024 (S09, essay note [11]). Range (5th-95th): 2500000 to 6000000.
    """
    return 3850000.0


@component.add(
    name="success_investment_gain", comp_type="Constant", comp_subtype="Normal"
)
def success_investment_gain():
    """
    Rise in investment per startup per unit of success visibility. Source: assumption: successes attract capital. Range (5th-95th): 0.1 to 0.6.
    """
    return 0.3


@component.add(
    name="investment_growth",
    units="1/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def investment_growth():
    """
    Yearly growth of investment per startup. Source: assumption: round sizes grow with the global AI market (S08: +44.5% in 2024, not sustained). Range (5th-95th): 0 to 0.05.
    """
    return 0.02


@component.add(
    name="overseas_investment_ratio", comp_type="Constant", comp_subtype="Normal"
)
def overseas_investment_ratio():
    """
    Dollars put into foreign AI per dollar invested at home. Source: essay note [56]: SoftBank's ~25:1 US to Japan ratio (SoftBank only; applied here to all private AI capital as an illustration). Range (5th-95th): 10 to 40.
    """
    return 25.0


@component.add(
    name="gov_programme_start",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def gov_programme_start():
    """
    Start of the committed programme. Source: S32: JPY 10tn (~USD 65bn) through FY2030, pledged Nov 2024. Range (5th-95th): 2024 to 2024.
    """
    return 2024.0


@component.add(
    name="gov_programme_end", units="year", comp_type="Constant", comp_subtype="Normal"
)
def gov_programme_end():
    """
    End of the committed programme. Source: S32 Bloomberg: JPY 10tn through FY2030. Range (5th-95th): 2031 to 2031.
    """
    return 2031.0


@component.add(
    name="gov_commitment_usd", units="USD", comp_type="Constant", comp_subtype="Normal"
)
def gov_commitment_usd():
    """
    Committed AI and semiconductor budget. Source: S32 Bloomberg; essay note [9]. Range (5th-95th): 65000000000 to 65100000000.
    """
    return 65000000000.0


@component.add(name="gov_ai_share", comp_type="Constant", comp_subtype="Normal")
def gov_ai_share():
    """
    Share of the commitment spent on AI compute and models. Source: assumption: most of the JPY 10tn goes to chips (S32: JPY 0.92tn Rapidus; essay note [10]: JPY 1.05tn chips/quantum); AI compute subsidies JPY 72.5bn (essay note [49]). Range (5th-95th): 0.05 to 0.2.
    """
    return 0.1


@component.add(
    name="gov_ai_spend_base",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def gov_ai_spend_base():
    """
    Government AI spending outside the committed programme. Source: assumption: ABCI, GENIAC and AI research budgets before and besides the JPY 10tn programme (essay notes [49],[50]). Range (5th-95th): 100000000 to 400000000.
    """
    return 200000000.0


@component.add(name="gov_compute_share", comp_type="Constant", comp_subtype="Normal")
def gov_compute_share():
    """
    Share of government AI money spent on compute. Source: assumption: essay notes [47]-[50]: most AI money buys compute. Range (5th-95th): 0.4 to 0.8.
    """
    return 0.6


@component.add(
    name="private_compute_spend_2024",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def private_compute_spend_2024():
    """
    Private spending on domestic AI compute at 2024 adoption. Source: essay notes [52],[53],[56]: SoftBank JPY 150bn compute and JPY 250bn domestic infrastructure (~USD 1-1.6bn over a few years). Range (5th-95th): 400000000 to 1000000000.
    """
    return 600000000.0


@component.add(name="adoption_reference", comp_type="Constant", comp_subtype="Normal")
def adoption_reference():
    """
    Adoption at which adoption-driven demand is at its 2024 level. Source: S19 MIC 2025: 55.2% of Japanese companies use generative AI (gaps.md: not the essay's 78%). Range (5th-95th): 0.5 to 0.5.
    """
    return 0.5


@component.add(
    name="h100e_cost_2024",
    units="USD/H100e",
    comp_type="Constant",
    comp_subtype="Normal",
)
def h100e_cost_2024():
    """
    Cost of one H100-equivalent in 2024. Source: assumption: an installed H100-class accelerator with its share of servers, network and data centre. Range (5th-95th): 35000 to 70000.
    """
    return 50000.0


@component.add(
    name="price_performance_growth", comp_type="Constant", comp_subtype="Normal"
)
def price_performance_growth():
    """
    Yearly improvement of compute per dollar. Source: assumption: GPU price-performance doubles every ~2.5 years (Epoch AI trend; not in figures.csv). Range (5th-95th): 1.2 to 1.45.
    """
    return 1.3


@component.add(
    name="compute_lifetime", units="year", comp_type="Constant", comp_subtype="Normal"
)
def compute_lifetime():
    """
    Years an accelerator stays in service. Source: assumption: accelerators are replaced after about five years. Range (5th-95th): 4 to 7.
    """
    return 5.0


@component.add(
    name="domestic_compute_initial",
    units="H100e",
    comp_type="Constant",
    comp_subtype="Normal",
)
def domestic_compute_initial():
    """
    AI compute when the era starts. Source: assumption: Japan's AI compute in 2012 was small (ABCI came in 2018). Range (5th-95th): 300 to 3000.
    """
    return 1000.0


@component.add(
    name="compute_concentration_base", comp_type="Constant", comp_subtype="Normal"
)
def compute_concentration_base():
    """
    Share of national compute the largest effort can use. Source: assumption: the largest sites (SAKURA 2,000 to 10,800 GPUs, essay main text; NEC 928 A100, essay note [30]) hold a fifth of national compute. Range (5th-95th): 0.08 to 0.25.
    """
    return 0.15


@component.add(
    name="talent_concentration_base", comp_type="Constant", comp_subtype="Normal"
)
def talent_concentration_base():
    """
    Share of the country's specialists the largest effort gathers. Source: assumption: consensus fragmentation: GENIAC funds many recipients (essay note [50]); METI compute went to five companies (essay note [49]). Range (5th-95th): 0.01 to 0.04.
    """
    return 0.02


@component.add(name="national_lab_share", comp_type="Constant", comp_subtype="Normal")
def national_lab_share():
    """
    Share of compute and specialists concentrated in one national effort (0 = off). Source: policy lever: one national lab instead of many recipients (MODEL.md). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="compute_buildout_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def compute_buildout_usd():
    """
    Extra yearly public compute build-out. Source: policy lever: public compute build-out (MODEL.md levers; essay notes [47]-[49] for the scale of current programmes). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="frontier_compute_2024",
    units="FLOP",
    comp_type="Constant",
    comp_subtype="Normal",
)
def frontier_compute_2024():
    """
    Frontier training compute in 2024. Source: S13 Epoch: Gemini 1.0 Ultra 5e25 FLOP; low S14 Llama 3.1-405B 3.8e25. Range (5th-95th): 3.8e+25 to 1e+26.
    """
    return 5e25


@component.add(name="frontier_growth", comp_type="Constant", comp_subtype="Normal")
def frontier_growth():
    """
    Frontier compute growth per year until the slowdown. Source: S15 Epoch AI: frontier training compute grows 4-5x a year. Range (5th-95th): 4 to 5.
    """
    return 4.5


@component.add(
    name="frontier_slowdown_year",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def frontier_slowdown_year():
    """
    Year frontier growth slows. Source: assumption: power and chip supply may slow scaling around 2030 (slowdown scenario of MODEL.md). Range (5th-95th): 2027 to 2035.
    """
    return 2030.0


@component.add(name="frontier_growth_late", comp_type="Constant", comp_subtype="Normal")
def frontier_growth_late():
    """
    Frontier compute growth per year after the slowdown. Source: assumption: after the slowdown frontier compute grows with hardware price-performance (~1.3x) and modest spending growth. Range (5th-95th): 1.2 to 2.5.
    """
    return 1.5


@component.add(
    name="flop_per_h100e_year",
    units="FLOP/H100e/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def flop_per_h100e_year():
    """
    FLOP one H100-equivalent delivers in a year at peak. Source: assumption: H100 dense BF16 peak 989 TFLOP/s (NVIDIA specification) x 3.156e7 s. Range (5th-95th): 3.12e+22 to 3.12e+22.
    """
    return 3.12e22


@component.add(
    name="training_run_years", units="year", comp_type="Constant", comp_subtype="Normal"
)
def training_run_years():
    """
    Length of the largest training run. Source: assumption: frontier runs last ~3 months. Range (5th-95th): 0.15 to 0.4.
    """
    return 0.25


@component.add(name="utilisation", comp_type="Constant", comp_subtype="Normal")
def utilisation():
    """
    Share of peak FLOP a run achieves. Source: assumption: model FLOP utilisation of large runs. Range (5th-95th): 0.3 to 0.5.
    """
    return 0.4


@component.add(name="generalist_weight", comp_type="Constant", comp_subtype="Normal")
def generalist_weight():
    """
    Specialist-equivalents per IT worker. Source: assumption: the essay's thesis: in the AI era generalist engineers add little (hardware era: 0.02 in vlsi-1976). Range (5th-95th): 3e-05 to 0.0003.
    """
    return 0.0001


@component.add(name="talent_exponent", comp_type="Constant", comp_subtype="Normal")
def talent_exponent():
    """
    Orders of magnitude of run size per order of magnitude of lab talent relative to a frontier lab. Source: assumption calibrated so the 2024 gap is ~1.6 OOM (S14 PLaMo-100B 1.2e24 vs S13 5e25). Range (5th-95th): 1.1 to 1.8.
    """
    return 1.43


@component.add(
    name="frontier_lab_size",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def frontier_lab_size():
    """
    Deep specialists of a frontier lab. Source: assumption: essay: frontier work 'requires thousands of specialized researchers'. Range (5th-95th): 1000 to 4000.
    """
    return 2000.0


@component.add(name="private_run_share", comp_type="Constant", comp_subtype="Normal")
def private_run_share():
    """
    Share of private AI investment one training effort can use. Source: assumption: a single training run takes a small share of a country's private AI investment. Range (5th-95th): 0.02 to 0.1.
    """
    return 0.05


@component.add(
    name="run_budget_years", units="year", comp_type="Constant", comp_subtype="Normal"
)
def run_budget_years():
    """
    Years of budget behind one run. Source: assumption: a run is funded from one year's budget. Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="cost_per_flop_2024",
    units="USD/FLOP",
    comp_type="Constant",
    comp_subtype="Normal",
)
def cost_per_flop_2024():
    """
    Cost of training compute in 2024. Source: assumption: H100 rental ~USD 2-3 per hour at 40% utilisation of 989 TFLOP/s. Range (5th-95th): 1.2e-18 to 3e-18.
    """
    return 1.8e-18


@component.add(
    name="capital_talent_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def capital_talent_elasticity():
    """
    Elasticity of attracted frontier capital to lab talent relative to a frontier lab. Source: assumption: investors back labs by the depth of their talent, more than proportionally (the essay: the US ecosystem 'can absorb frontier-scale investment'). Range (5th-95th): 1.5 to 2.5.
    """
    return 2.0


@component.add(
    name="capital_risk_elasticity", comp_type="Constant", comp_subtype="Normal"
)
def capital_risk_elasticity():
    """
    Elasticity of attracted frontier capital to risk tolerance. Source: assumption: risk-taking cultures raise concentrated risk capital. Range (5th-95th): 0.5 to 2.
    """
    return 1.0


@component.add(
    name="frontier_risk_tolerance", comp_type="Constant", comp_subtype="Normal"
)
def frontier_risk_tolerance():
    """
    Risk tolerance at which risk does not hold capital back. Source: assumption: risk tolerance of the frontier ecosystem (US); essay note [28]: global fear of failure 49% in 2024. Range (5th-95th): 0.5 to 0.7.
    """
    return 0.6


@component.add(
    name="global_capital_openness", comp_type="Constant", comp_subtype="Normal"
)
def global_capital_openness():
    """
    Scales the frontier capital a country's largest effort can attract. Source: assumption: frontier capital is global (essay: SoftBank's USD 41bn, essay note [2]) and would reach a country with a frontier lab. Range (5th-95th): 0.5 to 1.5.
    """
    return 1.0


@component.add(name="rental_share", comp_type="Constant", comp_subtype="Normal")
def rental_share():
    """
    Share of a run's budget that can buy compute on the cloud market rather than on owned clusters. Source: assumption: about half of a Japanese run's compute can be bought on the cloud market (access, export rules and sovereignty requirements limit the rest). Range (5th-95th): 0.2 to 0.8.
    """
    return 0.5


@component.add(
    name="rotation_knowhow_penalty", comp_type="Constant", comp_subtype="Normal"
)
def rotation_knowhow_penalty():
    """
    Orders of magnitude of know-how lost per specialist-career rotated away. Source: assumption: essay: 'you cannot rotate a generalist through the LLM training division'; hardware era: 0. Range (5th-95th): 0.1 to 0.4.
    """
    return 0.2


@component.add(name="max_lead_oom", comp_type="Constant", comp_subtype="Normal")
def max_lead_oom():
    """
    Greatest lead over the frontier. Source: assumption: a leader is at most a little ahead of the rest of the frontier. Range (5th-95th): 0.1 to 0.1.
    """
    return 0.1


@component.add(
    name="model_development_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def model_development_years():
    """
    Time for a new best model to be built. Source: assumption: a model generation takes about a year. Range (5th-95th): 0.7 to 1.5.
    """
    return 1.0


@component.add(name="initial_frontier_gap", comp_type="Constant", comp_subtype="Normal")
def initial_frontier_gap():
    """
    Gap in orders of magnitude when the era starts. Source: assumption: Japan's best model in 2012 about an order of magnitude below the frontier. Range (5th-95th): 0.7 to 1.5.
    """
    return 1.0


@component.add(
    name="adoption_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def adoption_rate():
    """
    Logistic rate of AI diffusion among firms. Source: assumption calibrated to S19 MIC: 55.2% of companies using generative AI (2025). Range (5th-95th): 0.25 to 0.4.
    """
    return 0.33


@component.add(name="adoption_ceiling", comp_type="Constant", comp_subtype="Normal")
def adoption_ceiling():
    """
    Highest share of firms using AI. Source: assumption: S19: US 90.6%, China 95.8%. Range (5th-95th): 0.9 to 1.
    """
    return 0.95


@component.add(name="adoption_initial", comp_type="Constant", comp_subtype="Normal")
def adoption_initial():
    """
    Share of firms using AI when the era starts. Source: assumption: 2% of firms used AI in 2012; calibrated with adoption_rate to S19's 55.2% in 2025. Range (5th-95th): 0.01 to 0.04.
    """
    return 0.02


@component.add(
    name="inference_demand_2024",
    units="H100e",
    comp_type="Constant",
    comp_subtype="Normal",
)
def inference_demand_2024():
    """
    Inference compute demanded at 2024 adoption. Source: assumption: compute Japan's AI use needed in 2024. Range (5th-95th): 10000 to 40000.
    """
    return 20000.0


@component.add(
    name="inference_demand_growth", comp_type="Constant", comp_subtype="Normal"
)
def inference_demand_growth():
    """
    Yearly growth of inference compute demand. Source: assumption: AI use per adopting firm grows faster than efficiency. Range (5th-95th): 1.2 to 1.6.
    """
    return 1.35


@component.add(name="inference_share", comp_type="Constant", comp_subtype="Normal")
def inference_share():
    """
    Share of domestic compute serving inference. Source: assumption: most deployed compute serves inference rather than training. Range (5th-95th): 0.4 to 0.8.
    """
    return 0.6


@component.add(name="deployment_threshold", comp_type="Constant", comp_subtype="Normal")
def deployment_threshold():
    """
    Deployment index at which deployment sovereignty is 'achieved'. Source: assumption: verdict threshold: a quarter of all firms' AI use hosted domestically (MODEL.md: domestically hosted share x adoption). Range (5th-95th): 0.25 to 0.25.
    """
    return 0.25


@component.add(
    name="verdict_softness_deployment", comp_type="Constant", comp_subtype="Normal"
)
def verdict_softness_deployment():
    """
    Softness of the deployment verdict index. Source: assumption: width of the verdict index around its threshold. Range (5th-95th): 0.05 to 0.05.
    """
    return 0.05


@component.add(name="post_training_lift", comp_type="Constant", comp_subtype="Normal")
def post_training_lift():
    """
    OOM of effective capability post-training and merging add to the best specialised model. Source: assumption: without a deliberate strategy, post-training adds little. Range (5th-95th): 0 to 0.2.
    """
    return 0.0


@component.add(
    name="post_training_lift_extra", comp_type="Constant", comp_subtype="Normal"
)
def post_training_lift_extra():
    """
    Extra OOM from a post-training / model-merging strategy. Source: policy lever: the Sakana path (essay notes [58],[59]). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="specialised_threshold_oom", comp_type="Constant", comp_subtype="Normal"
)
def specialised_threshold_oom():
    """
    Specialised gap at which the verdict is 'achieved'. Source: MODEL.md: specialised-model sovereignty needs the gap within about 1.5 OOM. Range (5th-95th): 1.5 to 1.5.
    """
    return 1.5


@component.add(
    name="frontier_threshold_oom", comp_type="Constant", comp_subtype="Normal"
)
def frontier_threshold_oom():
    """
    Frontier gap at which the verdict is 'achieved'. Source: MODEL.md: frontier sovereignty needs the gap within about half an OOM. Range (5th-95th): 0.5 to 0.5.
    """
    return 0.5


@component.add(name="verdict_softness_oom", comp_type="Constant", comp_subtype="Normal")
def verdict_softness_oom():
    """
    Softness of the gap verdict indices. Source: assumption: width of the verdict index around its threshold. Range (5th-95th): 0.25 to 0.25.
    """
    return 0.25


@component.add(
    name="care_robot_deployment_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def care_robot_deployment_years():
    """
    Years from robot readiness to deployment. Source: assumption: essay note [39]: AIREC prototype 2025, deployment not before 2030. Range (5th-95th): 3 to 10.
    """
    return 5.0


@component.add(
    name="care_need_per_75_plus", comp_type="Constant", comp_subtype="Normal"
)
def care_need_per_75_plus():
    """
    Care workers needed per person aged 75+. Source: S20 MHLW: 2.53m needed in FY2025 (2015 est.), 2.72m in FY2040 (2024 est.) / 75+ population (S04: 20.8m in 2024). Range (5th-95th): 0.11 to 0.125.
    """
    return 0.115


@component.add(
    name="care_hiring_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def care_hiring_rate():
    """
    Care workers recruited per working-age person per year. Source: assumption calibrated to S20 care workers 1.77m (2013) and 2.15m (2022). Range (5th-95th): 0.0038 to 0.005.
    """
    return 0.0044


@component.add(name="foreign_care_share", comp_type="Constant", comp_subtype="Normal")
def foreign_care_share():
    """
    Share of arriving foreign workers who enter care. Source: assumption: Specified Skilled Worker care visas. Range (5th-95th): 0.01 to 0.06.
    """
    return 0.03


@component.add(
    name="care_exit_rate", units="1/year", comp_type="Constant", comp_subtype="Normal"
)
def care_exit_rate():
    """
    Share of care workers leaving each year. Source: assumption: care-worker turnover around 15% a year. Range (5th-95th): 0.12 to 0.18.
    """
    return 0.15


@component.add(
    name="care_workers_initial",
    units="people",
    comp_type="Constant",
    comp_subtype="Normal",
)
def care_workers_initial():
    """
    Care workers when the era starts. Source: assumption: extrapolated back from S20 1.77m (2013). Range (5th-95th): 1650000 to 1750000.
    """
    return 1700000.0


@component.add(
    name="care_robot_threshold_log10", comp_type="Constant", comp_subtype="Normal"
)
def care_robot_threshold_log10():
    """
    log10 FLOP of domestic capability at which care robots are half ready. Source: assumption: reliable embodied care in unstructured homes (essay notes [39],[40]: AIREC not before 2030, Pepper failed) needs capability about a thousand times the 2025 frontier (S13 ~3e26 FLOP), built and adapted domestically. Range (5th-95th): 27.5 to 30.5.
    """
    return 29.0


@component.add(
    name="max_robot_substitution", comp_type="Constant", comp_subtype="Normal"
)
def max_robot_substitution():
    """
    Share of care work robots could take over when ready. Source: assumption: robots could take over about a fifth of care tasks (lifting, monitoring, night rounds); essay notes [39],[40] on AIREC and Pepper. Range (5th-95th): 0.1 to 0.3.
    """
    return 0.2


@component.add(
    name="meiji_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def meiji_start():
    """
    Year the meiji lever is decided. Source: policy lever timing (essay note [63]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="meiji_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def meiji_delay():
    """
    Years from decision to first effect of the meiji lever. Source: assumption: implementation delay (essay note [63]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="meiji_ramp_years", units="year", comp_type="Constant", comp_subtype="Normal"
)
def meiji_ramp_years():
    """
    Years for the meiji lever to reach full strength. Source: assumption: phase-in (essay note [63]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="pay_reform_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def pay_reform_start():
    """
    Year the pay reform lever is decided. Source: policy lever timing (essay notes [15],[17]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="pay_reform_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def pay_reform_delay():
    """
    Years from decision to first effect of the pay reform lever. Source: assumption: implementation delay (essay notes [15],[17]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="pay_reform_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def pay_reform_ramp_years():
    """
    Years for the pay reform lever to reach full strength. Source: assumption: phase-in (essay notes [15],[17]). Range (5th-95th): 5 to 5.
    """
    return 5.0


@component.add(
    name="career_track_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def career_track_start():
    """
    Year the career track lever is decided. Source: policy lever timing (essay notes [15],[16]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="career_track_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def career_track_delay():
    """
    Years from decision to first effect of the career track lever. Source: assumption: implementation delay (essay notes [15],[16]). Range (5th-95th): 2 to 2.
    """
    return 2.0


@component.add(
    name="career_track_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def career_track_ramp_years():
    """
    Years for the career track lever to reach full strength. Source: assumption: phase-in (essay notes [15],[16]). Range (5th-95th): 5 to 5.
    """
    return 5.0


@component.add(
    name="visa_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def visa_start():
    """
    Year the visa lever is decided. Source: policy lever timing (essay note [23]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="visa_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def visa_delay():
    """
    Years from decision to first effect of the visa lever. Source: assumption: implementation delay (essay note [23]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="visa_ramp_years", units="year", comp_type="Constant", comp_subtype="Normal"
)
def visa_ramp_years():
    """
    Years for the visa lever to reach full strength. Source: assumption: phase-in (essay note [23]). Range (5th-95th): 3 to 3.
    """
    return 3.0


@component.add(
    name="english_education_start",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def english_education_start():
    """
    Year the english education lever is decided. Source: policy lever timing (essay notes [25],[26]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="english_education_delay",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def english_education_delay():
    """
    Years from decision to first effect of the english education lever. Source: assumption: implementation delay (essay notes [25],[26]). Range (5th-95th): 3 to 3.
    """
    return 3.0


@component.add(
    name="english_education_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def english_education_ramp_years():
    """
    Years for the english education lever to reach full strength. Source: assumption: phase-in (essay notes [25],[26]). Range (5th-95th): 10 to 10.
    """
    return 10.0


@component.add(
    name="risk_capital_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def risk_capital_start():
    """
    Year the risk capital lever is decided. Source: policy lever timing (essay notes [27]-[29]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="risk_capital_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def risk_capital_delay():
    """
    Years from decision to first effect of the risk capital lever. Source: assumption: implementation delay (essay notes [27]-[29]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="risk_capital_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def risk_capital_ramp_years():
    """
    Years for the risk capital lever to reach full strength. Source: assumption: phase-in (essay notes [27]-[29]). Range (5th-95th): 3 to 3.
    """
    return 3.0


@component.add(
    name="compute_start", units="year", comp_type="Constant", comp_subtype="Normal"
)
def compute_start():
    """
    Year the compute lever is decided. Source: policy lever timing (essay notes [47]-[49]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="compute_delay", units="year", comp_type="Constant", comp_subtype="Normal"
)
def compute_delay():
    """
    Years from decision to first effect of the compute lever. Source: assumption: implementation delay (essay notes [47]-[49]). Range (5th-95th): 2 to 2.
    """
    return 2.0


@component.add(
    name="compute_ramp_years", units="year", comp_type="Constant", comp_subtype="Normal"
)
def compute_ramp_years():
    """
    Years for the compute lever to reach full strength. Source: assumption: phase-in (essay notes [47]-[49]). Range (5th-95th): 4 to 4.
    """
    return 4.0


@component.add(
    name="post_training_start",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def post_training_start():
    """
    Year the post training lever is decided. Source: policy lever timing (essay notes [58],[59]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="post_training_delay",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def post_training_delay():
    """
    Years from decision to first effect of the post training lever. Source: assumption: implementation delay (essay notes [58],[59]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="post_training_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def post_training_ramp_years():
    """
    Years for the post training lever to reach full strength. Source: assumption: phase-in (essay notes [58],[59]). Range (5th-95th): 2 to 2.
    """
    return 2.0


@component.add(
    name="family_policy_start",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def family_policy_start():
    """
    Year the family policy lever is decided. Source: policy lever timing (essay note [20]). Range (5th-95th): 2026 to 2026.
    """
    return 2026.0


@component.add(
    name="family_policy_delay",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def family_policy_delay():
    """
    Years from decision to first effect of the family policy lever. Source: assumption: implementation delay (essay note [20]). Range (5th-95th): 1 to 1.
    """
    return 1.0


@component.add(
    name="family_policy_ramp_years",
    units="year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def family_policy_ramp_years():
    """
    Years for the family policy lever to reach full strength. Source: assumption: phase-in (essay note [20]). Range (5th-95th): 5 to 5.
    """
    return 5.0


@component.add(name="pay_reform_target", comp_type="Constant", comp_subtype="Normal")
def pay_reform_target():
    """
    Pay-reform target. Source: policy lever: target specialist pay relative to the US (0 = off; 1 = parity). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="career_track_rotation_cut", comp_type="Constant", comp_subtype="Normal"
)
def career_track_rotation_cut():
    """
    Share of generalist rotation removed. Source: policy lever: share of rotation a specialist career track removes. Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="career_track_entry_gain", comp_type="Constant", comp_subtype="Normal"
)
def career_track_entry_gain():
    """
    Rise in the specialist-track share (1 = doubles). Source: policy lever: relative rise in specialist-track entry. Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="career_track_cost_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def career_track_cost_usd():
    """
    Yearly cost of a full career-track reform. Source: assumption: retention pay and programme costs of a specialist track. Range (5th-95th): 100000000 to 400000000.
    """
    return 200000000.0


@component.add(name="visa_reform_gain", comp_type="Constant", comp_subtype="Normal")
def visa_reform_gain():
    """
    Rise in visa openness (1 = doubles the era-start openness). Source: policy lever: additional visa openness. Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="visa_cost_usd", units="USD/year", comp_type="Constant", comp_subtype="Normal"
)
def visa_cost_usd():
    """
    Yearly cost per unit of visa reform. Source: assumption: processing, integration and housing support per unit of openness. Range (5th-95th): 50000000 to 200000000.
    """
    return 100000000.0


@component.add(
    name="english_education_gain", comp_type="Constant", comp_subtype="Normal"
)
def english_education_gain():
    """
    Points added to the English of cohorts leaving school. Source: policy lever: essay notes [25],[26] (under 35% of teachers at B2). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="english_education_cost_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def english_education_cost_usd():
    """
    Yearly cost per 10 points of English education gain. Source: assumption: teacher training and native-speaker teachers at national scale per 10 points. Range (5th-95th): 800000000 to 3000000000.
    """
    return 1500000000.0


@component.add(
    name="risk_capital_fund_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def risk_capital_fund_usd():
    """
    Yearly public risk capital for AI startups. Source: policy lever: public risk-capital fund (S38: plan target JPY 10tn startup investment by FY2027). Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="failure_tolerance_gain", comp_type="Constant", comp_subtype="Normal"
)
def failure_tolerance_gain():
    """
    Rise in target risk tolerance. Source: policy lever: bankruptcy and re-entry reform. Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="failure_reform_cost_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def failure_reform_cost_usd():
    """
    Yearly cost of failure-tolerance reform per 0.1 gain. Source: assumption: per 0.1 of risk-tolerance gain. Range (5th-95th): 50000000 to 200000000.
    """
    return 100000000.0


@component.add(
    name="post_training_cost_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def post_training_cost_usd():
    """
    Yearly cost of the post-training strategy per 0.5 OOM. Source: assumption: per 0.5 OOM of lift (data, evaluation, merging research). Range (5th-95th): 150000000 to 600000000.
    """
    return 300000000.0


@component.add(
    name="family_policy_tfr_gain", comp_type="Constant", comp_subtype="Normal"
)
def family_policy_tfr_gain():
    """
    Rise in TFR from family policy at full strength. Source: policy lever: essay note [20]: TFR ~1.2. Range (5th-95th): 0 to 0.
    """
    return 0.0


@component.add(
    name="family_policy_cost_per_tenth_usd",
    units="USD/year",
    comp_type="Constant",
    comp_subtype="Normal",
)
def family_policy_cost_per_tenth_usd():
    """
    Yearly cost per 0.1 TFR gained. Source: assumption: Japan's 2023 child package (~JPY 3.6tn a year) as the price of ~0.2 TFR. Range (5th-95th): 6000000000 to 25000000000.
    """
    return 12000000000.0


@component.add(
    name="births_f",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"births": 1, "sex_ratio_at_birth": 1, "cohort_in_birth_window": 1},
)
def births_f():
    """
    Female births, into the cohort being born.
    """
    return births() * 1 / (1 + sex_ratio_at_birth()) * cohort_in_birth_window()


@component.add(
    name="deaths_f",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"population_female": 1, "death_rate_f": 1},
)
def deaths_f():
    """
    Female deaths by cohort.
    """
    return population_female() * death_rate_f()


@component.add(
    name="migration_f",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "net_migration": 1,
        "migration_pattern_start": 1,
        "time": 1,
        "population_total": 1,
        "population_female": 1,
        "migration_age_share_f": 2,
        "migration_history_weight": 2,
    },
)
def migration_f():
    """
    Female net migration by cohort (negative is emigration): by the WPP 2020-2025 age-sex pattern from 2020; before (WPP 2024 has migration by age only from 2020) by a blend of that pattern and the population's own age structure (assumption).
    """
    return net_migration() * if_then_else(
        time() < migration_pattern_start(),
        lambda: migration_history_weight() * migration_age_share_f()
        + (1 - migration_history_weight()) * population_female() / population_total(),
        lambda: migration_age_share_f(),
    )


@component.add(
    name="births_m",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"births": 1, "sex_ratio_at_birth": 2, "cohort_in_birth_window": 1},
)
def births_m():
    """
    Male births, into the cohort being born.
    """
    return (
        births()
        * sex_ratio_at_birth()
        / (1 + sex_ratio_at_birth())
        * cohort_in_birth_window()
    )


@component.add(
    name="deaths_m",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"population_male": 1, "death_rate_m": 1},
)
def deaths_m():
    """
    Male deaths by cohort.
    """
    return population_male() * death_rate_m()


@component.add(
    name="migration_m",
    units="people/year",
    subscripts=["Cohort"],
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "net_migration": 1,
        "migration_pattern_start": 1,
        "time": 1,
        "population_male": 1,
        "population_total": 1,
        "migration_history_weight": 2,
        "migration_age_share_m": 2,
    },
)
def migration_m():
    """
    Male net migration by cohort (negative is emigration): by the WPP 2020-2025 age-sex pattern from 2020; before (WPP 2024 has migration by age only from 2020) by a blend of that pattern and the population's own age structure (assumption).
    """
    return net_migration() * if_then_else(
        time() < migration_pattern_start(),
        lambda: migration_history_weight() * migration_age_share_m()
        + (1 - migration_history_weight()) * population_male() / population_total(),
        lambda: migration_age_share_m(),
    )


@component.add(
    name="it_hiring",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "new_graduates": 1,
        "it_graduate_share_max": 1,
        "foreign_workers": 1,
        "foreign_worker_stay": 1,
        "foreign_it_share": 1,
        "it_workers": 2,
        "it_hiring_time": 1,
        "it_worker_demand": 1,
        "it_career_length": 1,
    },
)
def it_hiring():
    """
    Hiring into IT: what the gap and replacement call for, capped by the graduates and foreign workers IT can attract.
    """
    return float(
        np.minimum(
            new_graduates() * it_graduate_share_max()
            + foreign_workers() * foreign_it_share() / foreign_worker_stay(),
            float(np.maximum(0, it_worker_demand() - it_workers())) / it_hiring_time()
            + it_workers() / it_career_length(),
        )
    )


@component.add(
    name="it_exits",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"it_workers": 1, "it_career_length": 1},
)
def it_exits():
    """
    Retirement and exits from IT work.
    """
    return it_workers() / it_career_length()


@component.add(
    name="pay_change",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "indicated_relative_pay": 1,
        "relative_specialist_pay": 1,
        "pay_adjustment_time": 1,
    },
)
def pay_change():
    """
    Seniority pay adjusts slowly towards the indicated level.
    """
    return (
        technology_era_active()
        * (indicated_relative_pay() - relative_specialist_pay())
        / pay_adjustment_time()
    )


@component.add(
    name="english_change",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "english_proficiency": 1,
        "english_target": 1,
        "english_replacement_time": 1,
    },
)
def english_change():
    """
    The working population's English moves towards that of new cohorts as they replace older ones.
    """
    return (
        technology_era_active()
        * (english_target() - english_proficiency())
        / english_replacement_time()
    )


@component.add(
    name="foreign_worker_inflow",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "foreign_recruitment_rate": 1,
        "working_age_gap": 1,
        "visa_openness": 1,
    },
)
def foreign_worker_inflow():
    """
    Foreign workers arriving.
    """
    return (
        technology_era_active()
        * foreign_recruitment_rate()
        * working_age_gap()
        * visa_openness()
    )


@component.add(
    name="foreign_worker_outflow",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "foreign_workers": 1,
        "foreign_worker_stay": 1,
    },
)
def foreign_worker_outflow():
    """
    Foreign workers leaving at the end of their stay.
    """
    return technology_era_active() * foreign_workers() / foreign_worker_stay()


@component.add(
    name="foreign_specialist_inflow",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "foreign_specialist_inflow_base": 1,
        "foreign_attractiveness": 1,
    },
)
def foreign_specialist_inflow():
    """
    Foreign specialists arriving.
    """
    return (
        technology_era_active()
        * foreign_specialist_inflow_base()
        * foreign_attractiveness()
    )


@component.add(
    name="foreign_specialist_outflow",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_specialists_foreign": 1,
        "foreign_specialist_stay": 1,
    },
)
def foreign_specialist_outflow():
    """
    Foreign specialists leaving.
    """
    return (
        technology_era_active() * ai_specialists_foreign() / foreign_specialist_stay()
    )


@component.add(
    name="meiji_hiring",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"meiji_experts_per_year": 1, "meiji_hiring_open": 1},
)
def meiji_hiring():
    """
    Imported experts hired (oyatoi gaikokujin).
    """
    return meiji_experts_per_year() * meiji_hiring_open()


@component.add(
    name="meiji_dismissal",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "meiji_experts": 2,
        "meiji_contract_years": 1,
        "meiji_wind_down_years": 1,
        "meiji_hiring_open": 1,
    },
)
def meiji_dismissal():
    """
    Experts leave at the end of contracts, and are dismissed once the programme stops hiring (the Meiji loop).
    """
    return (
        meiji_experts() / meiji_contract_years()
        + meiji_experts() * (1 - meiji_hiring_open()) / meiji_wind_down_years()
    )


@component.add(
    name="meiji_trainees_trained",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "meiji_experts": 1,
        "meiji_trainees_per_expert": 1,
        "meiji_training_years": 1,
    },
)
def meiji_trainees_trained():
    """
    Domestic trainees trained by imported experts, joining the domestic specialists.
    """
    return meiji_experts() * meiji_trainees_per_expert() / meiji_training_years()


@component.add(
    name="specialist_entry",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_doctorate_share": 1,
        "specialist_track_share": 1,
        "stem_graduates": 1,
        "doctoral_graduates": 1,
        "domestic_opportunity": 1,
    },
)
def specialist_entry():
    """
    New domestic specialists from the specialist track and doctorates.
    """
    return (
        technology_era_active()
        * (
            stem_graduates() * specialist_track_share()
            + doctoral_graduates() * ai_doctorate_share()
        )
        * domestic_opportunity()
    )


@component.add(
    name="reskilling",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"technology_era_active": 1, "it_workers": 1, "reskilling_rate": 1},
)
def reskilling():
    """
    IT workers retrained into deep specialists.
    """
    return technology_era_active() * it_workers() * reskilling_rate()


@component.add(
    name="returnees",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "specialists_abroad": 1,
        "return_rate": 1,
        "domestic_opportunity": 1,
    },
)
def returnees():
    """
    Specialists coming home.
    """
    return (
        technology_era_active()
        * specialists_abroad()
        * return_rate()
        * domestic_opportunity()
    )


@component.add(
    name="rotation_out",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_specialists_domestic": 1,
        "rotation_rate": 1,
    },
)
def rotation_out():
    """
    Specialists rotated into generalist posts.
    """
    return technology_era_active() * ai_specialists_domestic() * rotation_rate()


@component.add(
    name="specialist_retirement",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_specialists_domestic": 1,
        "specialist_career_years": 1,
    },
)
def specialist_retirement():
    """
    Specialists retiring or leaving the field.
    """
    return (
        technology_era_active() * ai_specialists_domestic() / specialist_career_years()
    )


@component.add(
    name="specialist_emigration",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_specialists_domestic": 1,
        "base_emigration_rate": 1,
        "pay_push": 1,
        "english_mobility": 1,
        "global_talent_demand": 1,
    },
)
def specialist_emigration():
    """
    Specialists leaving for abroad (R1 brain drain).
    """
    return (
        technology_era_active()
        * ai_specialists_domestic()
        * base_emigration_rate()
        * pay_push()
        * english_mobility()
        * global_talent_demand()
    )


@component.add(
    name="abroad_retirement",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "specialists_abroad": 1,
        "specialist_career_years": 1,
    },
)
def abroad_retirement():
    """
    Specialists abroad retiring.
    """
    return technology_era_active() * specialists_abroad() / specialist_career_years()


@component.add(
    name="risk_tolerance_change",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "risk_tolerance": 1,
        "risk_tolerance_target": 1,
        "culture_adjustment_time": 1,
    },
)
def risk_tolerance_change():
    """
    Culture changes slowly.
    """
    return (
        technology_era_active()
        * (risk_tolerance_target() - risk_tolerance())
        / culture_adjustment_time()
    )


@component.add(
    name="startup_formation",
    units="companies/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "specialists_total": 1,
        "founding_rate": 1,
        "risk_founding_elasticity": 1,
        "risk_tolerance_reference": 1,
        "risk_tolerance": 1,
        "capital_availability": 1,
        "capital_founding_elasticity": 1,
    },
)
def startup_formation():
    """
    AI startups founded.
    """
    return (
        technology_era_active()
        * specialists_total()
        * founding_rate()
        * (risk_tolerance() / risk_tolerance_reference()) ** risk_founding_elasticity()
        * capital_availability() ** capital_founding_elasticity()
    )


@component.add(
    name="startup_failure",
    units="companies/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_startups": 1,
        "startup_failure_rate": 1,
    },
)
def startup_failure():
    """
    AI startups failing.
    """
    return technology_era_active() * ai_startups() * startup_failure_rate()


@component.add(
    name="startup_scale_up",
    units="companies/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "ai_startups": 1,
        "scale_up_rate": 1,
        "reputation_effect": 1,
    },
)
def startup_scale_up():
    """
    AI startups scaling up (unicorn-like successes).
    """
    return (
        technology_era_active() * ai_startups() * scale_up_rate() * reputation_effect()
    )


@component.add(
    name="success_fading",
    units="companies/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"recent_ai_successes": 1, "success_memory_years": 1},
)
def success_fading():
    """
    Successes fading from view.
    """
    return recent_ai_successes() / success_memory_years()


@component.add(
    name="compute_additions",
    units="H100e/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"technology_era_active": 1, "compute_spend": 1, "cost_per_h100e": 1},
)
def compute_additions():
    """
    Accelerators installed.
    """
    return technology_era_active() * compute_spend() / cost_per_h100e()


@component.add(
    name="compute_retirement",
    units="H100e/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "domestic_ai_compute": 1,
        "compute_lifetime": 1,
    },
)
def compute_retirement():
    """
    Accelerators retired.
    """
    return technology_era_active() * domestic_ai_compute() / compute_lifetime()


@component.add(
    name="capability_growth",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "domestic_target_log10": 1,
        "domestic_capability_log10": 1,
        "model_development_years": 1,
        "frontier_growth_now": 1,
    },
)
def capability_growth():
    """
    The best domestic model improves as new runs finish (before the era it keeps its initial distance from the frontier).
    """
    return if_then_else(
        technology_era_active() > 0,
        lambda: float(
            np.maximum(0, domestic_target_log10() - domestic_capability_log10())
        )
        / model_development_years(),
        lambda: (float(np.log(frontier_growth_now())) / 2.302585092994046) / 1,
    )


@component.add(
    name="adoption_growth",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "adoption_rate": 1,
        "ai_adoption": 2,
        "adoption_ceiling": 1,
    },
)
def adoption_growth():
    """
    Diffusion of AI use among firms.
    """
    return (
        technology_era_active()
        * adoption_rate()
        * ai_adoption()
        * (1 - ai_adoption() / adoption_ceiling())
    )


@component.add(
    name="care_hiring",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "foreign_workers": 1,
        "foreign_care_share": 1,
        "foreign_worker_stay": 1,
        "care_hiring_rate": 1,
        "population_15_64": 1,
    },
)
def care_hiring():
    """
    Care workers recruited (domestic and foreign).
    """
    return technology_era_active() * (
        care_hiring_rate() * population_15_64()
        + foreign_workers() * foreign_care_share() / foreign_worker_stay()
    )


@component.add(
    name="care_exits",
    units="people/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={"technology_era_active": 1, "care_workers": 1, "care_exit_rate": 1},
)
def care_exits():
    """
    Care workers leaving.
    """
    return technology_era_active() * care_workers() * care_exit_rate()


@component.add(
    name="care_robot_rollout",
    units="1/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "technology_era_active": 1,
        "care_robot_readiness": 1,
        "care_robot_deployment": 1,
        "care_robot_deployment_years": 1,
    },
)
def care_robot_rollout():
    """
    Care robots are built and deployed some years after they are ready.
    """
    return (
        technology_era_active()
        * (care_robot_readiness() - care_robot_deployment())
        / care_robot_deployment_years()
    )


@component.add(
    name="policy_spending",
    units="USD/year",
    comp_type="Auxiliary",
    comp_subtype="Normal",
    depends_on={
        "meiji_cost": 1,
        "pay_reform_cost": 1,
        "career_track_cost": 1,
        "visa_cost": 1,
        "english_education_cost": 1,
        "risk_capital_cost": 1,
        "compute_cost": 1,
        "post_training_cost": 1,
        "family_policy_cost": 1,
    },
)
def policy_spending():
    """
    Yearly cost of all levers.
    """
    return (
        meiji_cost()
        + pay_reform_cost()
        + career_track_cost()
        + visa_cost()
        + english_education_cost()
        + risk_capital_cost()
        + compute_cost()
        + post_training_cost()
        + family_policy_cost()
    )


@component.add(
    name="population_female",
    units="people",
    subscripts=["Cohort"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_population_female": 1},
    other_deps={
        "_integ_population_female": {
            "initial": {"initial_population_female": 1},
            "step": {"births_f": 1, "migration_f": 1, "deaths_f": 1},
        }
    },
)
def population_female():
    """
    Female population by five-year birth cohort.
    """
    return _integ_population_female()


_integ_population_female = Integ(
    lambda: xr.DataArray(
        births_f() + migration_f() - deaths_f(),
        {"Cohort": _subscript_dict["Cohort"]},
        ["Cohort"],
    ),
    lambda: initial_population_female(),
    "_integ_population_female",
)


@component.add(
    name="population_male",
    units="people",
    subscripts=["Cohort"],
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_population_male": 1},
    other_deps={
        "_integ_population_male": {
            "initial": {"initial_population_male": 1},
            "step": {"births_m": 1, "migration_m": 1, "deaths_m": 1},
        }
    },
)
def population_male():
    """
    Male population by five-year birth cohort.
    """
    return _integ_population_male()


_integ_population_male = Integ(
    lambda: xr.DataArray(
        births_m() + migration_m() - deaths_m(),
        {"Cohort": _subscript_dict["Cohort"]},
        ["Cohort"],
    ),
    lambda: initial_population_male(),
    "_integ_population_male",
)


@component.add(
    name="it_workers",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_it_workers": 1},
    other_deps={
        "_integ_it_workers": {
            "initial": {
                "it_worker_demand_2016": 1,
                "it_demand_growth": 1,
                "it_initial_shortfall_share": 1,
            },
            "step": {"it_hiring": 1, "it_exits": 1},
        }
    },
)
def it_workers():
    """
    IT workforce (METI definition).
    """
    return _integ_it_workers()


_integ_it_workers = NonNegativeInteg(
    lambda: it_hiring() - it_exits(),
    lambda: it_worker_demand_2016()
    * float(np.exp(it_demand_growth() * (1970 - 2016)))
    * (1 - it_initial_shortfall_share()),
    "_integ_it_workers",
)


@component.add(
    name="relative_specialist_pay",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_relative_specialist_pay": 1},
    other_deps={
        "_integ_relative_specialist_pay": {
            "initial": {"relative_pay_initial": 1},
            "step": {"pay_change": 1},
        }
    },
)
def relative_specialist_pay():
    """
    Domestic specialist pay / US specialist pay.
    """
    return _integ_relative_specialist_pay()


_integ_relative_specialist_pay = Integ(
    lambda: pay_change(),
    lambda: relative_pay_initial(),
    "_integ_relative_specialist_pay",
)


@component.add(
    name="english_proficiency",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_english_proficiency": 1},
    other_deps={
        "_integ_english_proficiency": {
            "initial": {"english_initial": 1},
            "step": {"english_change": 1},
        }
    },
)
def english_proficiency():
    """
    English ability of the working population, EF EPI 0-100 scale (pre-2020 scale; later editions mapped by proficiency band).
    """
    return _integ_english_proficiency()


_integ_english_proficiency = Integ(
    lambda: english_change(), lambda: english_initial(), "_integ_english_proficiency"
)


@component.add(
    name="foreign_workers",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_foreign_workers": 1},
    other_deps={
        "_integ_foreign_workers": {
            "initial": {"foreign_workers_initial": 1},
            "step": {"foreign_worker_inflow": 1, "foreign_worker_outflow": 1},
        }
    },
)
def foreign_workers():
    """
    Foreign workers (MHLW employer reports).
    """
    return _integ_foreign_workers()


_integ_foreign_workers = NonNegativeInteg(
    lambda: foreign_worker_inflow() - foreign_worker_outflow(),
    lambda: foreign_workers_initial(),
    "_integ_foreign_workers",
)


@component.add(
    name="ai_specialists_foreign",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_ai_specialists_foreign": 1},
    other_deps={
        "_integ_ai_specialists_foreign": {
            "initial": {"foreign_specialists_initial": 1},
            "step": {"foreign_specialist_inflow": 1, "foreign_specialist_outflow": 1},
        }
    },
)
def ai_specialists_foreign():
    """
    Foreign deep AI specialists working in the country.
    """
    return _integ_ai_specialists_foreign()


_integ_ai_specialists_foreign = NonNegativeInteg(
    lambda: foreign_specialist_inflow() - foreign_specialist_outflow(),
    lambda: foreign_specialists_initial(),
    "_integ_ai_specialists_foreign",
)


@component.add(
    name="meiji_experts",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_meiji_experts": 1},
    other_deps={
        "_integ_meiji_experts": {
            "initial": {},
            "step": {"meiji_hiring": 1, "meiji_dismissal": 1},
        }
    },
)
def meiji_experts():
    """
    Imported experts under the Meiji programme.
    """
    return _integ_meiji_experts()


_integ_meiji_experts = NonNegativeInteg(
    lambda: meiji_hiring() - meiji_dismissal(), lambda: 0, "_integ_meiji_experts"
)


@component.add(
    name="ai_specialists_domestic",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_ai_specialists_domestic": 1},
    other_deps={
        "_integ_ai_specialists_domestic": {
            "initial": {"domestic_specialists_initial": 1},
            "step": {
                "specialist_entry": 1,
                "reskilling": 1,
                "returnees": 1,
                "meiji_trainees_trained": 1,
                "rotation_out": 1,
                "specialist_retirement": 1,
                "specialist_emigration": 1,
            },
        }
    },
)
def ai_specialists_domestic():
    """
    Domestic deep AI specialists working in the country.
    """
    return _integ_ai_specialists_domestic()


_integ_ai_specialists_domestic = NonNegativeInteg(
    lambda: specialist_entry()
    + reskilling()
    + returnees()
    + meiji_trainees_trained()
    - rotation_out()
    - specialist_retirement()
    - specialist_emigration(),
    lambda: domestic_specialists_initial(),
    "_integ_ai_specialists_domestic",
)


@component.add(
    name="specialists_abroad",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_specialists_abroad": 1},
    other_deps={
        "_integ_specialists_abroad": {
            "initial": {"specialists_abroad_initial": 1},
            "step": {
                "specialist_emigration": 1,
                "returnees": 1,
                "abroad_retirement": 1,
            },
        }
    },
)
def specialists_abroad():
    """
    The country's specialists working abroad.
    """
    return _integ_specialists_abroad()


_integ_specialists_abroad = NonNegativeInteg(
    lambda: specialist_emigration() - returnees() - abroad_retirement(),
    lambda: specialists_abroad_initial(),
    "_integ_specialists_abroad",
)


@component.add(
    name="risk_tolerance",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_risk_tolerance": 1},
    other_deps={
        "_integ_risk_tolerance": {
            "initial": {"risk_tolerance_initial": 1},
            "step": {"risk_tolerance_change": 1},
        }
    },
)
def risk_tolerance():
    """
    1 - fear of failure among those who see opportunities.
    """
    return _integ_risk_tolerance()


_integ_risk_tolerance = Integ(
    lambda: risk_tolerance_change(),
    lambda: risk_tolerance_initial(),
    "_integ_risk_tolerance",
)


@component.add(
    name="ai_startups",
    units="companies",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_ai_startups": 1},
    other_deps={
        "_integ_ai_startups": {
            "initial": {"ai_startups_initial": 1},
            "step": {
                "startup_formation": 1,
                "startup_failure": 1,
                "startup_scale_up": 1,
            },
        }
    },
)
def ai_startups():
    """
    Active AI startups.
    """
    return _integ_ai_startups()


_integ_ai_startups = NonNegativeInteg(
    lambda: startup_formation() - startup_failure() - startup_scale_up(),
    lambda: ai_startups_initial(),
    "_integ_ai_startups",
)


@component.add(
    name="recent_ai_successes",
    units="companies",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_recent_ai_successes": 1},
    other_deps={
        "_integ_recent_ai_successes": {
            "initial": {"successes_initial": 1},
            "step": {"startup_scale_up": 1, "success_fading": 1},
        }
    },
)
def recent_ai_successes():
    """
    Recent visible successes (memory of scale-ups).
    """
    return _integ_recent_ai_successes()


_integ_recent_ai_successes = NonNegativeInteg(
    lambda: startup_scale_up() - success_fading(),
    lambda: successes_initial(),
    "_integ_recent_ai_successes",
)


@component.add(
    name="domestic_ai_compute",
    units="H100e",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_domestic_ai_compute": 1},
    other_deps={
        "_integ_domestic_ai_compute": {
            "initial": {"domestic_compute_initial": 1},
            "step": {"compute_additions": 1, "compute_retirement": 1},
        }
    },
)
def domestic_ai_compute():
    """
    AI compute in the country, H100-equivalents.
    """
    return _integ_domestic_ai_compute()


_integ_domestic_ai_compute = NonNegativeInteg(
    lambda: compute_additions() - compute_retirement(),
    lambda: domestic_compute_initial(),
    "_integ_domestic_ai_compute",
)


@component.add(
    name="domestic_capability_log10",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_domestic_capability_log10": 1},
    other_deps={
        "_integ_domestic_capability_log10": {
            "initial": {"frontier_log10_compute": 1, "initial_frontier_gap": 1},
            "step": {"capability_growth": 1},
        }
    },
)
def domestic_capability_log10():
    """
    log10 effective training compute of the best domestic model (FLOP).
    """
    return _integ_domestic_capability_log10()


_integ_domestic_capability_log10 = Integ(
    lambda: capability_growth(),
    lambda: frontier_log10_compute() - initial_frontier_gap(),
    "_integ_domestic_capability_log10",
)


@component.add(
    name="ai_adoption",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_ai_adoption": 1},
    other_deps={
        "_integ_ai_adoption": {
            "initial": {"adoption_initial": 1},
            "step": {"adoption_growth": 1},
        }
    },
)
def ai_adoption():
    """
    Share of firms using AI.
    """
    return _integ_ai_adoption()


_integ_ai_adoption = Integ(
    lambda: adoption_growth(), lambda: adoption_initial(), "_integ_ai_adoption"
)


@component.add(
    name="care_workers",
    units="people",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_care_workers": 1},
    other_deps={
        "_integ_care_workers": {
            "initial": {"care_workers_initial": 1},
            "step": {"care_hiring": 1, "care_exits": 1},
        }
    },
)
def care_workers():
    """
    Care workforce.
    """
    return _integ_care_workers()


_integ_care_workers = NonNegativeInteg(
    lambda: care_hiring() - care_exits(),
    lambda: care_workers_initial(),
    "_integ_care_workers",
)


@component.add(
    name="care_robot_deployment",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_care_robot_deployment": 1},
    other_deps={
        "_integ_care_robot_deployment": {
            "initial": {},
            "step": {"care_robot_rollout": 1},
        }
    },
)
def care_robot_deployment():
    """
    Share of the possible robot substitution deployed.
    """
    return _integ_care_robot_deployment()


_integ_care_robot_deployment = Integ(
    lambda: care_robot_rollout(), lambda: 0, "_integ_care_robot_deployment"
)


@component.add(
    name="cumulative_policy_cost",
    units="USD",
    comp_type="Stateful",
    comp_subtype="Integ",
    depends_on={"_integ_cumulative_policy_cost": 1},
    other_deps={
        "_integ_cumulative_policy_cost": {"initial": {}, "step": {"policy_spending": 1}}
    },
)
def cumulative_policy_cost():
    """
    Cumulative cost of all levers.
    """
    return _integ_cumulative_policy_cost()


_integ_cumulative_policy_cost = Integ(
    lambda: policy_spending(), lambda: 0, "_integ_cumulative_policy_cost"
)
