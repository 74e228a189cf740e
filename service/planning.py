"""The application layer shared by app.py and cli.py: gather inputs, call the pure core.

A number the app shows and the CLI prints comes from `estimate_data` / `check_data` here.
"""

from __future__ import annotations

from decimal import Decimal

from models.checks.dynamodb import index_demands
from models.checks.readiness import Context, Readiness
from models.costs.estimate import Estimate
from models.costs.sweep import cost_sweep, projection
from models.design.ranges import has_ranges, scenario
from models.design.schema import Design, DesignError
from models.design.text import load_design_data
from models.dynamodb_planner.plan import PlannerSettings, TableDemand, free_used_elsewhere, plan_table
from models.messages import Message, msg
from models.run.run import Run
from models.run.traffic import client_monthly_requests, spike_extras
from pricing.catalog import load_facts
from service.inputs import catalog_for
from service.plan import Plan, case_design, plan
from service.plan import plan as plan_of


def expected_data(data: dict) -> dict:
    """The design with every `{low, expected, high}` range at its expected value (unchanged without ranges)."""
    return scenario(data, "expected") if has_ranges(data) else data


def estimate_data(data: dict) -> Estimate:
    """Validate a design mapping and price it with its region's catalog (DesignError if invalid).

    A design with ranges is priced at its expected values (a warning says so); see `scenario_estimates`."""
    return plan(data, readiness=False, case="expected").expected.estimate


def scenario_estimates(data: dict) -> dict[str, Estimate]:
    """{"expected": Estimate} for a plain design; {"low", "expected", "high"} for one with ranges,
    each case priced as a design of its own."""
    return {case: c.estimate for case, c in plan(data, readiness=False).cases.items()}


def estimate_text(text: str) -> Estimate:
    """Price a YAML/JSON design text (DesignError with a one-line reason if it is invalid)."""
    return estimate_data(load_design_data(text))


def projection_data(data: dict, months: int = 12) -> list[dict]:
    """Month-by-month totals (USD) of a design mapping with its workload's growth_per_month."""
    design = case_design(data)
    return projection(design, catalog_for(design.region), months, load_facts())


def sweep_data(data: dict, volumes, case: str = "expected") -> list:
    """Monthly totals (USD, Decimal) of one case of a design at each client volume (requests per month)."""
    design = case_design(data, case)
    return cost_sweep(design, catalog_for(design.region), volumes, load_facts())


def client_requests(data) -> float:
    """Client requests per month of a design's expected case (spikes included); `data` is a design
    mapping or its `Plan`."""
    design = data.expected.design if _is_plan(data) else case_design(data)
    return client_monthly_requests(design.workload)


def spike_note(design: Design) -> Message | None:
    """Why the client requests differ from the volume given: "spikes add 19,470 requests (day 12
    20:00, ×6 for 30 min)", with the extra rounded to whole requests; None without spikes (or when
    they add nothing)."""
    together, alone = spike_extras(design.workload)
    if not design.workload.spikes or round(together) == 0:
        return None
    parts = [msg("traffic.spike", "day {day} {at}, ×{multiplier:g} for {minutes:,} min", day=s.day, at=s.at,
                 multiplier=s.multiplier, minutes=s.minutes) for s in design.workload.spikes]
    return msg("traffic.spikes_add", "spikes add {extra:,} requests ({spikes})", extra=int(round(together)),
               spikes=_listed(parts))


def _listed(parts: list[Message]) -> Message:
    found = parts[0]
    for part in parts[1:]:
        found = msg("traffic.spike_and", "{first}; {second}", first=found, second=part)
    return found


def year_total_usd(data) -> Decimal:
    """The next 12 months' total (USD) by the projection of the expected case; `data` is a design
    mapping or its `Plan`. Without growth every month is month 1, the monthly total: the expected
    case's estimate (of the Plan, when given) counted 12 times."""
    if _is_plan(data):
        design, total = data.expected.design, data.expected.estimate.total_usd
    else:
        design, total = case_design(data), None
    if design.workload.growth_per_month:
        rows = projection(design, catalog_for(design.region), 12, load_facts())
        return sum((row["total_usd"] for row in rows), Decimal(0))
    if total is None:
        total = projection(design, catalog_for(design.region), 1, load_facts())[0]["total_usd"]
    return total * 12


def design_mau(plain: dict) -> float | None:
    """Monthly active users of a design (plain values): `workload.users.mau`, else the MAU of its Cognito user
    pools (summed: each pool bills its own users), else None.

    >>> design_mau({"workload": {"users": {"mau": 5000}}})
    5000
    >>> design_mau({"components": [{"type": "cognito", "mau": 800}, {"type": "cognito", "mau": 200}]})
    1000.0
    """
    users = (plain.get("workload") or {}).get("users")
    if isinstance(users, dict) and users.get("mau"):
        return users["mau"]
    pools = [c.get("mau") for c in plain.get("components") or [] if isinstance(c, dict) and c.get("type") == "cognito"]
    counts = [float(m) for m in pools if isinstance(m, (int, float))]
    return sum(counts) if counts and len(counts) == len(pools) else None


def design_summary(data: dict, plan=None) -> dict:
    """What the Compare page shows of one design, in USD: monthly totals per case, client requests,
    MAU, the 12-month total and the worst readiness status per case (from its `plan(data)`, built
    here when not given)."""
    if plan is None:
        plan = plan_of(data)
    plain = expected_data(data)
    return {
        "name": plain.get("name", ""), "region": plain.get("region", "us-east-1"),
        "totals_usd": {case: c.estimate.total_usd for case, c in plan.cases.items()},
        "line_items": {case: c.estimate.line_items for case, c in plan.cases.items()},
        "requests_per_month": client_requests(plan),
        "mau": design_mau(plain),
        "year_usd": year_total_usd(plan),
        "growth_per_month": float((plain.get("workload") or {}).get("growth_per_month") or 0),
        "status": {case: report.worst_status for case, report in plan.readiness.items()},
    }


def _is_plan(value) -> bool:
    return isinstance(value, Plan)


def check_data(data: dict, account_limits: dict | None = None) -> tuple[Readiness, Estimate]:
    """The readiness report and the estimate of a design mapping's expected case, both of one Run.
    `account_limits` (from a live account snapshot) override the design's own limits and AWS's defaults."""
    expected = plan(data, account_limits=account_limits, case="expected")
    return expected.readiness["expected"], expected.expected.estimate


def dynamodb_plan_data(data: dict, table_id: str, settings=None, start_utc=None, index: str | None = None,
                       lower_bound: bool = True, cache=None):
    """The DynamoDB capacity plan for one table of a design mapping — its base table, or one of its
    GSIs (`index`), each of which has its own capacity and decrease budget. DesignError if either
    does not exist. `lower_bound=False`: without the one-time lower bound, which
    `models.dynamodb_planner.plan.with_lower_bound` adds to the plan later (the app shows the rest first).
    `cache` (a `StrategyCache`): reuse the strategies already worked out for the same demand, prices and settings."""
    design = case_design(data)
    tables = [c.id for c in design.components if c.type == "dynamodb"]
    if table_id not in tables:
        raise DesignError([msg("dynamodb_plan.not_a_table", "--table: {table!r} is not a DynamoDB table of this "
                               "design; tables: {tables}", table=table_id,
                               tables=", ".join(tables) if tables else msg("word.none", "none"))])
    table = design.component(table_id)
    run = Run(design)  # the table's volumes and traffic series, as its estimate and checks see them
    traffic = run.traffic
    owners = index_demands(Context.of(run, {}), table)
    if index and index not in owners:
        names = ", ".join(n for n in owners if n) or msg("word.none", "none")
        raise DesignError([msg("dynamodb_plan.not_an_index", "--index: {index!r} is not a GSI of table {table!r}; its "
                               "GSIs: {names}", index=index, table=table_id, names=names)])
    read_units, write_units, reads, writes = owners[index or ""]
    label = f"{table_id}/index/{index}" if index else table_id
    demand = TableDemand(label, read_units, write_units, reads, writes, table.table_class, traffic.utc_offset_minutes)
    settings = settings or PlannerSettings()
    # the always-free 25 RCU/WCU are shared: the design's other provisioned Standard tables/GSIs use theirs first
    used_rcu, used_wcu = free_used_elsewhere(design, table_id, index)
    settings = type(settings)(**{**settings.__dict__, "growth_per_month": design.workload.growth_per_month,
                                 "free_tier": settings.free_tier and design.free_tier != "none",
                                 "free_rcu_hours_used_elsewhere": used_rcu, "free_wcu_hours_used_elsewhere": used_wcu})
    return plan_table(demand, catalog_for(design.region), settings, start_utc, lower_bound=lower_bound,
                      cache=cache)
