"""The application service every shell calls: the app's pages, the CLI's commands, the quote exports.

A number the app shows and the CLI prints comes from one function here (`estimate_data`,
`check_data`, ...), which gathers the inputs (catalog, limits, ranges) and calls the pure core.
`plan(data)` builds every case of a design once (parse, Run, estimate, readiness on the same Run);
`validate(data)` parses only.
"""

from service.inputs import catalog_for, with_account_limits
from service.plan import Case, Plan, case_design, plan, validate
from service.planning import (
    check_data,
    client_requests,
    design_summary,
    dynamodb_plan_data,
    estimate_data,
    estimate_text,
    expected_data,
    projection_data,
    scenario_estimates,
    spike_note,
    sweep_data,
    year_total_usd,
)

__all__ = ["Case", "Plan", "case_design", "catalog_for", "check_data", "client_requests", "design_summary",
           "dynamodb_plan_data", "estimate_data", "estimate_text", "expected_data", "plan", "projection_data",
           "scenario_estimates", "spike_note", "sweep_data", "validate", "with_account_limits", "year_total_usd"]
