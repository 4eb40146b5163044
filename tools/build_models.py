"""Build the shipped XMILE models from one structure, each country's data and parameters.

The model file of every country (``src/doomloop/models/<country>/model.xmile``) is generated
here from:

* the structure below (:func:`structure`): the same stocks, flows and equations for all;
* the country's UN WPP 2024 demographic inputs (``src/doomloop/data/wpp2024``), which become
  graphical functions of time and initial cohort sizes;
* the country's ``parameters.csv``, whose values become the constants of the file.

The XMILE files are committed so that Simlin, Stella and PySD open them as they are; a test
checks that they are what this script writes (no drift). Run after editing the structure or
a parameter table::

    python tools/build_models.py            # all countries
    python tools/build_models.py japan      # one
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demography import (  # noqa: E402
    COHORTS,
    COUNTRIES,
    DT,
    START,
    STOP,
    demography,
    population_sector,
)
from sdvar import A, F, S, Var  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "src" / "doomloop"


def activation(lever: str) -> str:
    """Share of a lever in force: 0 before start + delay, rising linearly over the ramp."""
    return f"MIN(1, MAX(0, (TIME - {lever}_start - {lever}_delay) / MAX({lever}_ramp_years, 0.01)))"


LEVERS = (
    "meiji",
    "pay_reform",
    "career_track",
    "visa",
    "english_education",
    "risk_capital",
    "compute",
    "post_training",
    "family_policy",
)


def system_sectors() -> list[Var]:
    v: list[Var] = []
    on = "technology_era_active"
    v.append(
        A(
            on,
            "IF TIME >= technology_start_year THEN 1 ELSE 0",
            "dmnl",
            "1 once the strategic-technology era of this run has begun (AI era: 2012; "
            "hardware era in the VLSI back-test: 1976). Before it the sectors below hold "
            "their initial values.",
        )
    )
    for lever in LEVERS:
        v.append(
            A(
                f"{lever}_activation",
                activation(lever),
                "dmnl",
                f"Share of the {lever.replace('_', ' ')} lever in force (0 before its start "
                "plus delay, rising linearly over its ramp).",
            )
        )
    # ---------------------------------------------------------------- education, IT workforce
    v += [
        A(
            "new_graduates",
            "population_20_24 / cohort_width * tertiary_graduation_rate",
            "people/year",
            "University graduates per year: one year of age of the 20-24 group times the share "
            "of a cohort that graduates.",
        ),
        A(
            "stem_graduates",
            "new_graduates * stem_share",
            "people/year",
            "Graduates in science, technology, engineering and mathematics.",
        ),
        A(
            "doctoral_graduates",
            "population_20_24 / cohort_width * doctoral_rate",
            "people/year",
            "Doctorates per year (all fields).",
        ),
        A(
            "it_worker_demand",
            "it_worker_demand_2016 * EXP(it_demand_growth * (TIME - 2016))",
            "people",
            "IT workers that firms want (METI definition), growing at the demand growth rate.",
        ),
        F(
            "it_hiring",
            "MIN(new_graduates * it_graduate_share_max + foreign_workers * "
            "foreign_it_share / foreign_worker_stay, MAX(0, it_worker_demand - it_workers) / "
            "it_hiring_time + it_workers / it_career_length)",
            "people/year",
            "Hiring into IT: what the gap and replacement call for, capped by the graduates and "
            "foreign workers IT can attract.",
        ),
        F(
            "it_exits",
            "it_workers / it_career_length",
            "people/year",
            "Retirement and exits from IT work.",
        ),
        S(
            "it_workers",
            "it_worker_demand_2016 * EXP(it_demand_growth * (1970 - 2016)) * "
            "(1 - it_initial_shortfall_share)",
            "people",
            "IT workforce (METI definition).",
            ["it_hiring"],
            ["it_exits"],
        ),
        A(
            "it_worker_shortfall",
            "MAX(0, it_worker_demand - it_workers)",
            "people",
            "IT-worker demand minus supply (METI: 171k in 2016, 160k-790k by 2030).",
        ),
    ]
    # ---------------------------------------------------------------- pay (B1, R1)
    v += [
        A(
            "specialists_total",
            "ai_specialists_domestic + ai_specialists_foreign + meiji_experts",
            "people",
            "Deep specialists working in the country.",
        ),
        A(
            "specialist_demand",
            "specialist_demand_at_full_adoption * ai_adoption * "
            "EXP(specialist_demand_growth * (TIME - 2024))",
            "people",
            "Deep specialists the economy's AI use calls for.",
        ),
        A(
            "specialist_shortage_ratio",
            "MAX(0, specialist_demand - specialists_total) / MAX(specialist_demand, 1)",
            "dmnl",
            "Share of specialist demand unfilled.",
        ),
        A(
            "capability_revenue_effect",
            "(capability_ratio / capability_ratio_reference) ^ revenue_pay_elasticity",
            "dmnl",
            "R1: stronger domestic labs earn more per specialist and can pay more.",
        ),
        A(
            "indicated_relative_pay",
            "MAX(pay_norm * (1 + shortage_pay_sensitivity * "
            "specialist_shortage_ratio) * capability_revenue_effect, pay_reform_target * "
            "pay_reform_activation)",
            "dmnl",
            "Pay the market and institutions would settle on: the seniority norm raised by "
            "shortage (B1) and by lab revenue (R1), or the pay-reform target where higher.",
        ),
        F(
            "pay_change",
            f"{on} * (indicated_relative_pay - relative_specialist_pay) / pay_adjustment_time",
            "1/year",
            "Seniority pay adjusts slowly towards the indicated level.",
        ),
        Var(
            "stock",
            "relative_specialist_pay",
            "relative_pay_initial",
            "dmnl",
            "Domestic specialist pay / US specialist pay.",
            inflows=["pay_change"],
        ),
        A(
            "pay_push",
            "(pay_ratio_reference / relative_specialist_pay) ^ emigration_pay_elasticity",
            "dmnl",
            "Emigration pressure from low pay relative to the reference ratio.",
        ),
    ]
    # ---------------------------------------------------------------- language, foreign talent
    v += [
        A(
            "english_target",
            "english_youth_level + english_education_gain * english_education_activation",
            "dmnl",
            "English proficiency of the cohorts now leaving school.",
        ),
        F(
            "english_change",
            f"{on} * (english_target - english_proficiency) / english_replacement_time",
            "1/year",
            "The working population's English moves towards that of new cohorts as they replace "
            "older ones.",
        ),
        Var(
            "stock",
            "english_proficiency",
            "english_initial",
            "dmnl",
            "English ability of the working population, EF EPI 0-100 scale (pre-2020 scale; "
            "later editions mapped by proficiency band).",
            inflows=["english_change"],
        ),
        A(
            "english_mobility",
            "english_proficiency / english_reference",
            "dmnl",
            "How easily specialists can work abroad and absorb global research.",
        ),
        A(
            "visa_openness",
            "1 + visa_openness_trend * MAX(0, MIN(TIME, visa_trend_end) - "
            "technology_start_year) + "
            "visa_reform_gain * visa_activation",
            "dmnl",
            "Openness of visa rules relative to the era's start.",
        ),
        A(
            "working_age_gap",
            "MAX(0, working_age_peak - population_15_64)",
            "people",
            "Working-age people missing relative to the peak: the labour pull for foreign workers.",
        ),
        F(
            "foreign_worker_inflow",
            f"{on} * foreign_recruitment_rate * working_age_gap * visa_openness",
            "people/year",
            "Foreign workers arriving.",
        ),
        F(
            "foreign_worker_outflow",
            f"{on} * foreign_workers / foreign_worker_stay",
            "people/year",
            "Foreign workers leaving at the end of their stay.",
        ),
        S(
            "foreign_workers",
            "foreign_workers_initial",
            "people",
            "Foreign workers (MHLW employer reports).",
            ["foreign_worker_inflow"],
            ["foreign_worker_outflow"],
        ),
        A(
            "reputation_effect",
            "(capability_ratio / capability_ratio_reference) ^ reputation_elasticity",
            "dmnl",
            "R3: capability attracts talent; weak labs pull fewer specialists.",
        ),
        A(
            "foreign_attractiveness",
            "(relative_specialist_pay / pay_ratio_reference) ^ "
            "foreign_pay_elasticity * (english_proficiency / english_reference) ^ "
            "english_work_elasticity * visa_openness * reputation_effect",
            "dmnl",
            "Pull on foreign specialists relative to the era's start.",
        ),
        F(
            "foreign_specialist_inflow",
            f"{on} * foreign_specialist_inflow_base * foreign_attractiveness",
            "people/year",
            "Foreign specialists arriving.",
        ),
        F(
            "foreign_specialist_outflow",
            f"{on} * ai_specialists_foreign / foreign_specialist_stay",
            "people/year",
            "Foreign specialists leaving.",
        ),
        S(
            "ai_specialists_foreign",
            "foreign_specialists_initial",
            "people",
            "Foreign deep AI specialists working in the country.",
            ["foreign_specialist_inflow"],
            ["foreign_specialist_outflow"],
        ),
        # Meiji playbook
        A(
            "meiji_hiring_open",
            "IF (meiji_activation > 0) AND (TIME < meiji_start + "
            "meiji_delay + meiji_duration_years) AND (capability_ratio < meiji_exit_capability) "
            "THEN 1 ELSE 0",
            "dmnl",
            "1 while the Meiji programme hires: after its start, within its term, until "
            "capability reaches the exit level.",
        ),
        F(
            "meiji_hiring",
            "meiji_experts_per_year * meiji_hiring_open",
            "people/year",
            "Imported experts hired (oyatoi gaikokujin).",
        ),
        F(
            "meiji_dismissal",
            "meiji_experts / meiji_contract_years + meiji_experts * "
            "(1 - meiji_hiring_open) / meiji_wind_down_years",
            "people/year",
            "Experts leave at the end of contracts, and are dismissed once the programme stops "
            "hiring (the Meiji loop).",
        ),
        S(
            "meiji_experts",
            "0",
            "people",
            "Imported experts under the Meiji programme.",
            ["meiji_hiring"],
            ["meiji_dismissal"],
        ),
        F(
            "meiji_trainees_trained",
            "meiji_experts * meiji_trainees_per_expert / meiji_training_years",
            "people/year",
            "Domestic trainees trained by imported experts, joining the domestic specialists.",
        ),
    ]
    # ---------------------------------------------------------------- specialists (R1)
    v += [
        A(
            "domestic_opportunity",
            "MIN(2, (relative_specialist_pay / pay_ratio_reference) ^ "
            "entry_pay_elasticity * reputation_effect)",
            "dmnl",
            "How attractive a specialist career at home is, relative to the era's start.",
        ),
        A(
            "specialist_track_share",
            "specialist_track_share_base * (1 + career_track_entry_gain * career_track_activation)",
            "dmnl",
            "Share of STEM graduates entering the deep-specialist track.",
        ),
        F(
            "specialist_entry",
            f"{on} * (stem_graduates * specialist_track_share + "
            "doctoral_graduates * ai_doctorate_share) * domestic_opportunity",
            "people/year",
            "New domestic specialists from the specialist track and doctorates.",
        ),
        F(
            "reskilling",
            f"{on} * it_workers * reskilling_rate",
            "people/year",
            "IT workers retrained into deep specialists.",
        ),
        F(
            "returnees",
            f"{on} * specialists_abroad * return_rate * domestic_opportunity",
            "people/year",
            "Specialists coming home.",
        ),
        A(
            "rotation_rate",
            "rotation_rate_base * (1 - career_track_activation * career_track_rotation_cut)",
            "1/year",
            "Share of specialists rotated into generalist roles each year (shushin koyo).",
        ),
        A(
            "emigration_rate",
            "base_emigration_rate * pay_push * english_mobility * global_talent_demand",
            "1/year",
            "Share of specialists emigrating per year.",
        ),
        A(
            "specialist_exit_scale",
            "MIN(1, max_exit_hazard / (rotation_rate + 1 / specialist_career_years + "
            "emigration_rate))",
            "dmnl",
            "1 unless the exit rates add up to more than the largest possible hazard, when all "
            "exits are scaled down together (keeps the stock non-negative at extreme settings).",
        ),
        F(
            "rotation_out",
            f"{on} * ai_specialists_domestic * rotation_rate * specialist_exit_scale",
            "people/year",
            "Specialists rotated into generalist posts.",
        ),
        F(
            "specialist_retirement",
            f"{on} * ai_specialists_domestic / specialist_career_years * specialist_exit_scale",
            "people/year",
            "Specialists retiring or leaving the field.",
        ),
        F(
            "specialist_emigration",
            f"{on} * ai_specialists_domestic * emigration_rate * specialist_exit_scale",
            "people/year",
            "Specialists leaving for abroad (R1 brain drain).",
        ),
        S(
            "ai_specialists_domestic",
            "domestic_specialists_initial",
            "people",
            "Domestic deep AI specialists working in the country.",
            ["specialist_entry", "reskilling", "returnees", "meiji_trainees_trained"],
            ["rotation_out", "specialist_retirement", "specialist_emigration"],
        ),
        F(
            "abroad_retirement",
            f"{on} * specialists_abroad / specialist_career_years",
            "people/year",
            "Specialists abroad retiring.",
        ),
        S(
            "specialists_abroad",
            "specialists_abroad_initial",
            "people",
            "The country's specialists working abroad.",
            ["specialist_emigration"],
            ["returnees", "abroad_retirement"],
        ),
    ]
    # ---------------------------------------------------------------- entrepreneurship (R2)
    v += [
        A(
            "success_visibility",
            "2 * recent_ai_successes / (recent_ai_successes + successes_reference)",
            "dmnl",
            "Visible AI successes relative to a reference count: 1 at the reference, at most 2 "
            "(attention saturates).",
        ),
        A(
            "risk_tolerance_target",
            "MIN(0.95, risk_tolerance_base + success_risk_gain * "
            "success_visibility + failure_tolerance_gain * risk_capital_activation)",
            "dmnl",
            "Risk tolerance the culture moves towards, raised by visible successes (R2) and by "
            "failure-tolerance reform.",
        ),
        F(
            "risk_tolerance_change",
            f"{on} * (risk_tolerance_target - risk_tolerance) / culture_adjustment_time",
            "1/year",
            "Culture changes slowly.",
        ),
        Var(
            "stock",
            "risk_tolerance",
            "risk_tolerance_initial",
            "dmnl",
            "1 - fear of failure among those who see opportunities.",
            inflows=["risk_tolerance_change"],
        ),
        A(
            "capital_availability",
            "(private_ai_investment + risk_capital_fund_usd * "
            "risk_capital_activation) / capital_reference",
            "dmnl",
            "Risk capital for AI relative to a reference level.",
        ),
        A(
            "capital_effect",
            "(2 * capital_availability / (1 + capital_availability)) ^ capital_founding_elasticity",
            "dmnl",
            "Effect of risk capital on founding: 1 at the reference level, saturating (capital "
            "cannot found more companies than there are founders).",
        ),
        F(
            "startup_formation",
            f"{on} * specialists_total * founding_rate * "
            "(risk_tolerance / risk_tolerance_reference) ^ risk_founding_elasticity * "
            "capital_effect",
            "companies/year",
            "AI startups founded.",
        ),
        F(
            "startup_failure",
            f"{on} * ai_startups * startup_failure_rate",
            "companies/year",
            "AI startups failing.",
        ),
        F(
            "startup_scale_up",
            f"{on} * ai_startups * scale_up_rate * reputation_effect",
            "companies/year",
            "AI startups scaling up (unicorn-like successes).",
        ),
        S(
            "ai_startups",
            "ai_startups_initial",
            "companies",
            "Active AI startups.",
            ["startup_formation"],
            ["startup_failure", "startup_scale_up"],
        ),
        F(
            "success_fading",
            "recent_ai_successes / success_memory_years",
            "companies/year",
            "Successes fading from view.",
        ),
        S(
            "recent_ai_successes",
            "successes_initial",
            "companies",
            "Recent visible successes (memory of scale-ups).",
            ["startup_scale_up"],
            ["success_fading"],
        ),
        A(
            "private_ai_investment",
            f"{on} * ai_startups * investment_per_startup * "
            "(1 + success_investment_gain * success_visibility) * "
            "EXP(investment_growth * (TIME - 2024))",
            "USD/year",
            "Private AI investment in domestic companies.",
        ),
        A(
            "domestic_capital_invested_abroad",
            "private_ai_investment * overseas_investment_ratio",
            "USD/year",
            "Domestic capital put into foreign AI (the essay's SoftBank 25:1 ratio, "
            "applied as an illustration to all private AI investment).",
        ),
    ]
    # ---------------------------------------------------------------- government, compute
    v += [
        A(
            "gov_programme_on",
            "IF (TIME >= gov_programme_start) AND (TIME < gov_programme_end) THEN 1 ELSE 0",
            "dmnl",
            "1 while the committed AI/semiconductor programme runs.",
        ),
        A(
            "gov_ai_spend",
            "gov_ai_spend_base * technology_era_active + gov_commitment_usd * "
            "gov_ai_share * gov_programme_on / MAX(gov_programme_end - gov_programme_start, 1)",
            "USD/year",
            "Government spending on AI compute and models.",
        ),
        A(
            "adoption_compute_demand",
            "ai_adoption / adoption_reference",
            "dmnl",
            "Private compute build-out driven by AI use.",
        ),
        A(
            "compute_spend",
            "gov_ai_spend * gov_compute_share + private_compute_spend_2024 * "
            "adoption_compute_demand + compute_buildout_usd * compute_activation",
            "USD/year",
            "Spending on domestic AI compute.",
        ),
        A(
            "cost_per_h100e",
            "h100e_cost_2024 / price_performance_growth ^ ((TIME - 2024) / one_year)",
            "USD/H100e",
            "Cost of one H100-equivalent, falling with price-performance.",
        ),
        F(
            "compute_additions",
            f"{on} * compute_spend / cost_per_h100e",
            "H100e/year",
            "Accelerators installed.",
        ),
        F(
            "compute_retirement",
            f"{on} * domestic_ai_compute / compute_lifetime",
            "H100e/year",
            "Accelerators retired.",
        ),
        S(
            "domestic_ai_compute",
            "domestic_compute_initial",
            "H100e",
            "AI compute in the country, H100-equivalents.",
            ["compute_additions"],
            ["compute_retirement"],
        ),
        A(
            "compute_concentration",
            "MAX(compute_concentration_base, national_lab_share * compute_activation)",
            "dmnl",
            "Share of national compute the largest effort can use.",
        ),
        A(
            "talent_concentration",
            "MAX(talent_concentration_base, national_lab_share * compute_activation)",
            "dmnl",
            "Share of the country's specialists the largest "
            "effort gathers (one national lab or consortium versus many recipients).",
        ),
        A(
            "largest_cluster",
            "domestic_ai_compute * compute_concentration",
            "H100e",
            "Largest cluster one lab can use.",
        ),
    ]
    # ---------------------------------------------------------------- capability
    v += [
        A(
            "frontier_log10_compute",
            "LOG10(frontier_compute_2024 / flop) + (MIN(TIME, "
            "frontier_slowdown_year) - 2024) / one_year * LOG10(frontier_growth) + MAX(0, TIME - "
            "frontier_slowdown_year) / one_year * LOG10(frontier_growth_late)",
            "dmnl",
            "log10 of frontier effective training compute (FLOP), exogenous.",
        ),
        A(
            "frontier_growth_now",
            "IF TIME < frontier_slowdown_year THEN frontier_growth ELSE frontier_growth_late",
            "dmnl",
            "Frontier compute growth factor per year now.",
        ),
        A(
            "lab_talent",
            "(specialists_total + generalist_weight * it_workers) * talent_concentration",
            "people",
            "Specialists one effort can gather (generalists count by the technology's "
            "generalist weight).",
        ),
        A(
            "frontier_next_log10",
            "frontier_log10_compute + LOG10(frontier_growth_now) * "
            "model_development_years / one_year",
            "dmnl",
            "log10 frontier compute when a run started now would be finished.",
        ),
        A(
            "talent_limited_log10",
            "frontier_next_log10 + talent_exponent * LOG10(MAX(lab_talent, 1) / frontier_lab_size)",
            "dmnl",
            "log10 FLOP of the largest run that gathered talent can use well: a lab of the "
            "frontier's size keeps pace with the frontier; smaller labs fall behind by the "
            "talent exponent.",
        ),
        A(
            "cost_per_flop",
            "cost_per_flop_2024 / price_performance_growth ^ ((TIME - 2024) / one_year)",
            "USD/FLOP",
            "Cost of training compute, falling with price-performance.",
        ),
        A(
            "frontier_run_cost",
            "10 ^ frontier_next_log10 * flop * cost_per_flop",
            "USD",
            "What a frontier training run started now (finishing at the next frontier) costs.",
        ),
        A(
            "capital_attraction",
            "MIN(capital_attraction_max, global_capital_openness * "
            "(lab_talent / "
            "frontier_lab_size) ^ capital_talent_elasticity * (risk_tolerance / "
            "frontier_risk_tolerance) ^ capital_risk_elasticity)",
            "dmnl",
            "Share of a frontier run's budget that global and domestic investors will put "
            "behind the country's largest effort: capital follows talent and risk-taking (the "
            "essay: SoftBank's money goes where the ecosystem can absorb it).",
        ),
        A(
            "capital_for_largest_run",
            "gov_ai_spend * (1 - gov_compute_share) * "
            "talent_concentration + (private_ai_investment + risk_capital_fund_usd * "
            "risk_capital_activation) * private_run_share + frontier_run_cost / run_budget_years "
            "* capital_attraction",
            "USD/year",
            "Money one effort can put into a training run each year: its share of government "
            "and private AI money plus the frontier-scale capital it attracts.",
        ),
        A(
            "capital_limited_log10",
            "LOG10(MAX(capital_for_largest_run * run_budget_years / cost_per_flop / flop, 1))",
            "dmnl",
            "log10 FLOP a year's budget of the largest effort buys.",
        ),
        A(
            "compute_limited_log10",
            "LOG10((MAX(largest_cluster, 1) * flop_per_h100e_year * "
            "training_run_years * utilisation + rental_share * capital_for_largest_run * "
            "run_budget_years / cost_per_flop) / flop)",
            "dmnl",
            "log10 FLOP of the largest run that compute allows: the biggest domestic cluster plus "
            "what may be rented elsewhere.",
        ),
        A(
            "knowhow_log10",
            "english_absorption_elasticity * LOG10(english_proficiency / "
            "english_reference) - rotation_knowhow_penalty * rotation_rate * "
            "specialist_career_years",
            "dmnl",
            "Algorithmic know-how relative to frontier labs, in orders of magnitude: "
            "absorption of global research (English) and depth lost to rotation.",
        ),
        A(
            "domestic_target_log10",
            "MIN(frontier_next_log10 + max_lead_oom, "
            "MIN(compute_limited_log10, MIN(talent_limited_log10, capital_limited_log10)) + "
            "knowhow_log10)",
            "dmnl",
            "Best effective run the country can make now: the "
            "weakest of compute, talent and capital, times know-how.",
        ),
        F(
            "capability_growth",
            f"IF {on} > 0 THEN MAX(0, domestic_target_log10 - "
            "domestic_capability_log10) / model_development_years ELSE LOG10(frontier_growth_now)"
            " / one_year",
            "1/year",
            "The best domestic model improves as new runs finish (before the era it keeps its "
            "initial distance from the frontier).",
        ),
        Var(
            "stock",
            "domestic_capability_log10",
            "frontier_log10_compute - initial_frontier_gap",
            "dmnl",
            "log10 effective training compute of the best domestic model (FLOP).",
            inflows=["capability_growth"],
        ),
        A(
            "frontier_gap_oom",
            "frontier_log10_compute - domestic_capability_log10",
            "dmnl",
            "Orders of magnitude between the frontier and the best domestic model.",
        ),
        A(
            "years_since_slowdown",
            "MAX(0, TIME - frontier_slowdown_year) / one_year",
            "dmnl",
            "Years since frontier growth slowed (0 before).",
        ),
        A(
            "frontier_rise_since_slowdown",
            "years_since_slowdown * LOG10(frontier_growth_late)",
            "dmnl",
            "Orders of magnitude the frontier has risen since it slowed.",
        ),
        A(
            "frontier_gap_years",
            "(IF frontier_gap_oom <= frontier_rise_since_slowdown THEN frontier_gap_oom / "
            "MAX(LOG10(frontier_growth_late), 1e-6) ELSE years_since_slowdown + "
            "(frontier_gap_oom - frontier_rise_since_slowdown) / MAX(LOG10(frontier_growth), "
            "1e-6)) * one_year",
            "year",
            "How many years ago the frontier stood where the best domestic model stands now "
            "(continuous through the slowdown).",
        ),
        A(
            "capability_ratio",
            "10 ^ (-frontier_gap_oom)",
            "dmnl",
            "Best domestic / frontier capability.",
        ),
    ]
    # ---------------------------------------------------------------- outcomes
    v += [
        F(
            "adoption_growth",
            f"{on} * adoption_rate * ai_adoption * (1 - ai_adoption / adoption_ceiling)",
            "1/year",
            "Diffusion of AI use among firms.",
        ),
        Var(
            "stock",
            "ai_adoption",
            "adoption_initial",
            "dmnl",
            "Share of firms using AI.",
            inflows=["adoption_growth"],
        ),
        A(
            "inference_demand",
            "inference_demand_2024 * ai_adoption / adoption_reference * "
            "inference_demand_growth ^ ((TIME - 2024) / one_year)",
            "H100e",
            "Compute the country's AI use needs.",
        ),
        A(
            "domestic_hosting_share",
            "MIN(1, domestic_ai_compute * inference_share / inference_demand)",
            "dmnl",
            "Share of AI use the country can host.",
        ),
        A(
            "deployment_index",
            "ai_adoption * domestic_hosting_share",
            "dmnl",
            "Domestically hosted share of AI use times adoption.",
        ),
        A(
            "deployment_sovereignty",
            "1 / (1 + EXP(-(deployment_index - deployment_threshold) / "
            "verdict_softness_deployment))",
            "dmnl",
            "Deployment sovereignty, 0-1; 'achieved' at >= 0.5, i.e. deployment_index above "
            "its threshold.",
        ),
        A(
            "specialised_gap_oom",
            "frontier_gap_oom - post_training_lift - "
            "post_training_lift_extra * post_training_activation",
            "dmnl",
            "Gap of the best domestic Japanese-language specialised model, after post-training "
            "and model merging lift it (the Sakana path).",
        ),
        A(
            "specialised_model_sovereignty",
            "1 / (1 + EXP(-(specialised_threshold_oom - "
            "specialised_gap_oom) / verdict_softness_oom))",
            "dmnl",
            "Specialised-model sovereignty, 0-1; 'achieved' at >= 0.5, i.e. the specialised gap "
            "within its threshold.",
        ),
        A(
            "frontier_sovereignty",
            "1 / (1 + EXP(-(frontier_threshold_oom - frontier_gap_oom) / verdict_softness_oom))",
            "dmnl",
            "Frontier sovereignty, 0-1; 'achieved' at >= 0.5, i.e. gap within half an order of "
            "magnitude.",
        ),
        A(
            "care_workers_needed",
            "population_75_plus * care_need_per_75_plus",
            "people",
            "Care workers the elderly population needs.",
        ),
        F(
            "care_hiring",
            f"{on} * (care_hiring_rate * population_15_64 + foreign_workers * "
            "foreign_care_share / foreign_worker_stay)",
            "people/year",
            "Care workers recruited (domestic and foreign).",
        ),
        F(
            "care_exits",
            f"{on} * care_workers * care_exit_rate",
            "people/year",
            "Care workers leaving.",
        ),
        S(
            "care_workers",
            "care_workers_initial",
            "people",
            "Care workforce.",
            ["care_hiring"],
            ["care_exits"],
        ),
        A(
            "care_robot_readiness",
            "1 / (1 + EXP(-(domestic_capability_log10 - care_robot_threshold_log10) / 0.25))",
            "dmnl",
            "Readiness of care robots, which need domestic capability above a threshold.",
        ),
        F(
            "care_robot_rollout",
            f"{on} * (care_robot_readiness - care_robot_deployment) / care_robot_deployment_years",
            "1/year",
            "Care robots are built and deployed some years after they are ready.",
        ),
        Var(
            "stock",
            "care_robot_deployment",
            "0",
            "dmnl",
            "Share of the possible robot substitution deployed.",
            inflows=["care_robot_rollout"],
        ),
        A(
            "care_robot_substitution",
            "care_workers_needed * max_robot_substitution * care_robot_deployment",
            "people",
            "Care work done by robots, in worker-equivalents.",
        ),
        A(
            "care_worker_shortfall",
            "MAX(0, care_workers_needed - care_workers - care_robot_substitution)",
            "people",
            "Care workers needed minus available.",
        ),
    ]
    # ---------------------------------------------------------------- cost ledger
    costs = {
        "meiji": "meiji_experts * meiji_cost_per_expert",
        "pay_reform": "pay_reform_activation * MAX(0, pay_reform_target - pay_norm) * "
        "us_specialist_pay * ai_specialists_domestic",
        "career_track": "career_track_activation * career_track_rotation_cut * "
        "career_track_cost_usd",
        "visa": "visa_activation * visa_reform_gain * visa_cost_usd",
        "english_education": "english_education_activation * english_education_gain / 10 * "
        "english_education_cost_usd",
        "risk_capital": "risk_capital_activation * (risk_capital_fund_usd + "
        "failure_tolerance_gain / 0.1 * failure_reform_cost_usd)",
        "compute": "compute_activation * compute_buildout_usd",
        "post_training": "post_training_activation * post_training_lift_extra / 0.5 * "
        "post_training_cost_usd",
        "family_policy": "family_policy_activation * family_policy_tfr_gain / 0.1 * "
        "family_policy_cost_per_tenth_usd",
    }
    for lever, eqn in costs.items():
        v.append(
            A(
                f"{lever}_cost",
                eqn,
                "USD/year",
                f"Yearly cost of the {lever.replace('_', ' ')} lever.",
            )
        )
    v.append(
        F(
            "policy_spending",
            " + ".join(f"{k}_cost" for k in costs),
            "USD/year",
            "Yearly cost of all levers.",
        )
    )
    v.append(
        Var(
            "stock",
            "cumulative_policy_cost",
            "0",
            "USD",
            "Cumulative cost of all levers.",
            inflows=["policy_spending"],
        )
    )
    return v


# --------------------------------------------------------------------------------------------
# parameters and XMILE
# --------------------------------------------------------------------------------------------


def read_parameters(country: str) -> list[dict[str, str]]:
    with (PKG / "models" / country / "parameters.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def constants(params: list[dict[str, str]]) -> list[Var]:
    return [
        Var(
            "aux",
            p["name"],
            repr(float(p["value"])) if "e" not in p["value"].lower() else p["value"],
            p["units"] or "dmnl",
            f"{p['note']} Source: {p['source']}. Range (5th-95th): {p['low']} to {p['high']}.",
        )
        for p in params
    ]


def _units(u: str) -> str:
    return "" if u in ("", "dmnl") else u


def portable(eqn: str) -> str:
    """Rewrite LOG10(x) as LN(x) / LN(10): PySD's XMILE reader lacks LOG10."""
    while "LOG10(" in eqn:
        i = eqn.index("LOG10(")
        depth, j = 0, i + 5
        for j in range(i + 5, len(eqn)):
            depth += {"(": 1, ")": -1}.get(eqn[j], 0)
            if depth == 0:
                break
        eqn = f"{eqn[:i]}(LN{eqn[i + 5 : j + 1]} / {math.log(10)!r}){eqn[j + 1 :]}"
    return eqn


def subscript_references(eqn: str, arrayed: set[str]) -> str:
    """Write references to arrayed variables as ``name[Cohort]`` (PySD needs it in calls)."""
    import re

    return re.sub(
        r"\b([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*[\[(])",
        lambda m: f"{m.group(1)}[Cohort]" if m.group(1) in arrayed else m.group(1),
        eqn,
    )


def xml_var(v: Var) -> str:
    tag = v.kind
    out = [f'      <{tag} name="{escape(v.name)}">']
    if v.arrayed or v.elements:
        out.append('        <dimensions><dim name="Cohort"/></dimensions>')
    if v.elements:
        for e, eq in v.elements.items():
            out.append(f'        <element subscript="{e}"><eqn>{escape(eq)}</eqn></element>')
    else:
        out.append(f"        <eqn>{escape(portable(v.eqn))}</eqn>")
    for f in v.inflows:
        out.append(f"        <inflow>{f}</inflow>")
    for f in v.outflows:
        out.append(f"        <outflow>{f}</outflow>")
    if v.non_negative:
        out.append("        <non_negative/>")
    if v.gf:
        xs, ys = v.gf
        out.append('        <gf type="continuous">')
        out.append(f"          <xpts>{','.join(f'{x:g}' for x in xs)}</xpts>")
        out.append(f"          <ypts>{','.join(f'{y:.6g}' for y in ys)}</ypts>")
        out.append("        </gf>")
    u = _units(v.units)
    if u:
        out.append(f"        <units>{escape(u)}</units>")
    out.append(f"        <doc>{escape(v.doc)}</doc>")
    out.append(f"      </{tag}>")
    return "\n".join(out)


def build(country: str) -> str:
    params = read_parameters(country)
    vs = population_sector(demography(COUNTRIES[country])) + system_sectors() + constants(params)
    arrayed = {v.name for v in vs if v.arrayed or v.elements}
    for v in vs:
        if v.arrayed and v.eqn:
            v.eqn = subscript_references(v.eqn, arrayed)
    names = [v.name for v in vs]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        raise SystemExit(f"{country}: defined twice: {sorted(dup)}")
    head = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generated by tools/build_models.py from the doomloop structure, UN WPP 2024 data and
     src/doomloop/models/{country}/parameters.csv. Edit those, then rebuild. -->
<xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
  <header>
    <vendor>doomloop</vendor>
    <product version="0.1.0">doomloop</product>
    <name>doomloop {country}</name>
  </header>
  <sim_specs method="Euler" time_units="year">
    <start>{START}</start>
    <stop>{STOP}</stop>
    <dt>{DT}</dt>
  </sim_specs>
  <dimensions>
    <dim name="Cohort">
{chr(10).join(f'      <elem name="{c}"/>' for c in COHORTS)}
    </dim>
  </dimensions>
  <model>
    <variables>
"""
    body = "\n".join(xml_var(v) for v in vs)
    return head + body + "\n    </variables>\n  </model>\n</xmile>\n"


def main(argv: list[str]) -> int:
    targets = argv or [c for c in COUNTRIES if (PKG / "models" / c / "parameters.csv").exists()]
    for c in targets:
        (PKG / "models" / c / "model.xmile").write_text(build(c), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
