"""Conservation: accounting identities hold at every Euler step.

For doomloop's own models the identity is people through the aging chain: the change in
``population_total`` over a step equals dt x (births - deaths + net migration). Any model can
declare its own identities with ``[[conservation]]`` in a checks file. The baseline and the
all-lower and all-upper extremes are run with Euler integration and every step saved; a
residual above a millionth of the stock's scale fails (a leak or a double count in the chain).

References
----------
Sterman, J. D. (2000). *Business Dynamics*, ch. 12 ("Coflows and Aging Chains") and ch. 21.4.1
("Boundary Adequacy" and structure assessment: conservation of material).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import DoomloopError
from .checksfile import ChecksFile
from .extremes import (
    CONSERVATION_TOL,
    ExtremeRun,
    conservation_residual,
    conservation_rules,
    plan_runs,
)
from .results import Section, Table

if TYPE_CHECKING:
    from ..engine import Model
    from ._common import RunBudget


def check_conservation(model: Model, checks: ChecksFile, budget: RunBudget) -> Section:
    """Accounting identities (e.g. people through the aging chain) at every Euler step.

    Runs the baseline and the all-lower and all-upper extremes with Euler integration and
    every step saved, and compares each step's change in the stock with dt times its net flow.
    """
    sec = Section(
        "conservation",
        "Conservation",
        "Change in the stock over each Euler step compared with dt x (inflows - outflows); a "
        f"residual above {CONSERVATION_TOL:g} of the stock's scale fails.",
    )
    rules, origin = conservation_rules(model, checks)
    sec.notes.append(f"identities: {origin}")
    if not rules:
        sec.add("conservation", "skip", origin)
        return sec
    runs, _ = plan_runs(model)
    table = Table("Largest residual", ["identity", "run", "residual", "at time", "result"])
    sec.tables.append(table)
    dt = model.time_spec.dt
    for r in [ExtremeRun("baseline (defaults)", {}), *runs[:2]]:
        if budget.left <= 0:
            sec.add("coverage", "warn", f"run cap {budget.cap} reached before '{r.label}'")
            break
        try:
            frame = budget.run(r.params, save_every=None, method="euler")
        except DoomloopError as exc:
            sec.add("conservation", "fail", f"{r.label}: {exc}")
            continue
        for rule in rules:
            resid, t, scale = conservation_residual(frame, rule, dt)
            ok = resid <= CONSERVATION_TOL * scale
            table.rows.append(
                [rule.name, r.label, f"{resid:.3g}", f"{t:g}", "pass" if ok else "fail"]
            )
            if ok:
                sec.add("conservation", "pass", f"{rule.name} holds in {r.label}")
            else:
                sec.add(
                    "conservation",
                    "fail",
                    f"{rule.name}: in {r.label}, {rule.stock} changed by {resid:.6g} more than "
                    f"dt x ({' + '.join(rule.inflows) or '0'} - "
                    f"{' - '.join(rule.outflows) or '0'}) at time {t:g}",
                )
    return sec
