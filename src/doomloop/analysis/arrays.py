"""Arrayed variables as a dimension of an ensemble Dataset.

The engine reports each element of an arrayed variable as a column of its own,
``population_by_age[b1970]``; an ensemble Dataset holds it as one variable ``population_by_age``
with dims ``(member, <dimension>, time)``, the model's own dimension name (``cohort``) and its
elements as the coordinate, so that ``ds["population_by_age"].sel(cohort="b1970")`` reads it and
``xarray.open_zarr`` sees the array as the model has it. Scalars stay ``(member, time)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import xarray as xr

#: One element of an arrayed variable, as the engine names it.
ELEMENT = re.compile(r"^(?P<base>[^\[\]]+)\[(?P<element>[^\[\]]+)\]$")
#: The dimension of an arrayed variable whose model does not name it.
DEFAULT_DIM = "element"


@dataclass(frozen=True)
class Arrayed:
    """An arrayed variable: its name, dimension and elements, and its columns in that order."""

    name: str
    dim: str
    elements: tuple[str, ...]
    columns: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"dim": self.dim, "elements": list(self.elements), "columns": list(self.columns)}


def arrayed(
    variables: Sequence[str], dims_of: Mapping[str, str] | None = None
) -> tuple[list[str], list[Arrayed]]:
    """Split *variables* into scalars and arrayed variables (each in first-seen order).

    *dims_of* names each arrayed variable's dimension (``Model.array_dimensions``); one it
    does not name gets :data:`DEFAULT_DIM`. Two variables on one dimension name with other
    elements (or a dimension named like a variable) get the dimension ``<dim>_<variable>``.
    """
    dims_of = dims_of or {}
    scalars: list[str] = []
    groups: dict[str, list[tuple[str, str]]] = {}
    for v in variables:
        m = ELEMENT.match(v)
        if m is None:
            scalars.append(v)
        else:
            groups.setdefault(m["base"], []).append((m["element"], v))
    taken: dict[str, tuple[str, ...]] = {}
    names = set(scalars) | set(groups)
    out = []
    for base, items in groups.items():
        elements = tuple(e for e, _ in items)
        dim = dims_of.get(base, DEFAULT_DIM)
        if dim in names or taken.get(dim, elements) != elements:
            dim = f"{dim}_{base}"
        taken[dim] = elements
        out.append(Arrayed(base, dim, elements, tuple(c for _, c in items)))
    return scalars, out


def stack_elements(ds: xr.Dataset, dims_of: Mapping[str, str] | None = None) -> xr.Dataset:
    """*ds* with each arrayed variable's ``(member, time)`` columns joined into one
    ``(member, <dim>, time)`` variable (the first element's attributes kept)."""
    import xarray as xr

    flat = [str(k) for k, v in ds.data_vars.items() if v.dims == ("member", "time")]
    _, groups = arrayed(flat, dims_of)
    if not groups:
        return ds
    out = ds
    for g in groups:
        joined = xr.concat([ds[c] for c in g.columns], dim=g.dim).transpose("member", g.dim, "time")
        joined = joined.assign_coords({g.dim: list(g.elements)})
        joined.attrs = dict(ds[g.columns[0]].attrs)
        out = out.drop_vars(list(g.columns)).assign({g.name: joined})
    return out
