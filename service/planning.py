"""The application layer shared by app.py and cli.py: gather inputs, call the pure core.

A number the app shows and the CLI prints comes from `estimate_data` / `check_data` here.
"""

from __future__ import annotations

import os
from decimal import Decimal

from models.checks.limits import applicable_limits
from models.checks.readiness import Readiness, readiness
from models.costs.estimate import Estimate, estimate
from models.design.ranges import has_ranges, ranged_paths, scenario, scenarios
from models.design.schema import Design, assumed_defaults, parse_design, traffic_notes
from models.design.text import load_design_data
from models.messages import msg
from pricing.catalog import load_catalog, load_facts, load_limit_defaults

PRICES_ENV = "SERVERLESS_PLANNER_PRICES"  # "refreshed": use the catalog `cli.py prices refresh` wrote


def catalog_for(region: str):
    """The catalog estimates use: the bundled one, or — with SERVERLESS_PLANNER_PRICES=refreshed and a
    refreshed file present — the one refreshed from the AWS Price List."""
    if os.environ.get(PRICES_ENV, "bundled") == "refreshed":
        from aws.price_list import cached_catalog_path, catalog_dir

        if cached_catalog_path(region):
            return load_catalog(region, catalog_dir())
    return load_catalog(region)


def _catalog_note(region: str) -> list[str]:
    catalog = catalog_for(region)
    if catalog is load_catalog(region):
        return []
    return [msg("estimate.refreshed_catalog.warning", "prices from the catalog refreshed from the AWS Price List on "
                "{date} ({env}=refreshed), not the bundled one", date=catalog.compiled.isoformat(), env=PRICES_ENV)]


def _priced(design: Design, data: dict, case: str = "expected") -> Estimate:
    notes = tuple(assumed_defaults(data) + traffic_notes(design) + _range_notes(data, case)
                  + _catalog_note(design.region))
    return estimate(design, catalog_for(design.region), notes=notes, facts=load_facts())


def _range_notes(data: dict, case: str) -> list[str]:
    """A warning naming the ranged numbers and which case this estimate is."""
    paths = ranged_paths(data) if isinstance(data, dict) else []
    if not paths:
        return []
    word = {"low": msg("word.low", "low"), "expected": msg("word.expected", "expected"),
            "high": msg("word.high", "high")}.get(case, case)
    if len(paths) > 5:
        return [msg("design.ranges_more.warning", "ranges given for {shown} and {more} more: this is the {case} case; "
                    "the low, expected and high cases are three designs evaluated separately",
                    shown=", ".join(paths[:5]), more=len(paths) - 5, case=word)]
    return [msg("design.ranges.warning", "ranges given for {shown}: this is the {case} case; the low, expected and "
                "high cases are three designs evaluated separately", shown=", ".join(paths), case=word)]


def expected_data(data: dict) -> dict:
    """The design with every `{low, expected, high}` range at its expected value (unchanged without ranges)."""
    return scenario(data, "expected") if has_ranges(data) else data


def estimate_data(data: dict) -> Estimate:
    """Validate a design mapping and price it with its region's catalog (DesignError if invalid).

    A design with ranges is priced at its expected values (a warning says so); see `scenario_estimates`."""
    plain = expected_data(data)
    return _priced(parse_design(plain), data)


def scenario_estimates(data: dict) -> dict[str, Estimate]:
    """{"expected": Estimate} for a plain design; {"low", "expected", "high"} for one with ranges,
    each case priced as a design of its own."""
    return {case: _priced(parse_design(plain), data, case) for case, plain in scenarios(data).items()}


def estimate_text(text: str) -> Estimate:
    """Price a YAML/JSON design text (DesignError with a one-line reason if it is invalid)."""
    return estimate_data(load_design_data(text))


def projection_data(data: dict, months: int = 12) -> list[dict]:
    """Month-by-month totals (USD) of a design mapping with its workload's growth_per_month."""
    from models.costs.sweep import projection

    design = parse_design(expected_data(data))
    return projection(design, catalog_for(design.region), months)


def sweep_data(data: dict, volumes, case: str = "expected") -> list:
    """Monthly totals (USD, Decimal) of one case of a design at each client volume (requests per month)."""
    from models.costs.sweep import cost_sweep

    design = parse_design(scenario(data, case) if has_ranges(data) else data)
    return cost_sweep(design, catalog_for(design.region), volumes)


def client_requests(data: dict) -> float:
    """Client requests per month of a design's expected case (spikes included)."""
    from models.run.traffic import client_monthly_requests

    return client_monthly_requests(parse_design(expected_data(data)).workload)


def year_total_usd(data: dict) -> Decimal:
    """The next 12 months' total (USD) by `projection_data`; without growth every month is month 1,
    so it is priced once and counted 12 times."""
    growth = float((expected_data(data).get("workload") or {}).get("growth_per_month") or 0)
    rows = projection_data(data, 12 if growth else 1)
    return sum((row["total_usd"] for row in rows), Decimal(0)) * (1 if growth else 12)


def design_summary(data: dict) -> dict:
    """What the Compare page shows of one design, in USD: monthly totals per case, client requests,
    MAU, the 12-month total and the worst readiness status per case."""
    plain = expected_data(data)
    estimates = scenario_estimates(data)
    statuses = {case: check_data(case_data)[0].worst_status for case, case_data in scenarios(data).items()}
    users = (plain.get("workload") or {}).get("users") or {}
    return {
        "name": plain.get("name", ""), "region": plain.get("region", "us-east-1"),
        "totals_usd": {case: est.total_usd for case, est in estimates.items()},
        "line_items": {case: est.line_items for case, est in estimates.items()},
        "requests_per_month": client_requests(data),
        "mau": users.get("mau") if isinstance(users, dict) else None,
        "year_usd": year_total_usd(data),
        "growth_per_month": float((plain.get("workload") or {}).get("growth_per_month") or 0),
        "status": statuses,
    }


def with_account_limits(data: dict, account_limits: dict | None) -> dict:
    """The design with a live account's limits merged over its own `limits:` block."""
    if not account_limits:
        return data
    return {**data, "limits": {**(data.get("limits") or {}), **account_limits}}


def check_data(data: dict, account_limits: dict | None = None) -> tuple[Readiness, Estimate]:
    """The readiness report and the estimate of a design mapping. `account_limits` (from a live
    account snapshot) override the design's own limits and AWS's defaults."""
    data = with_account_limits(data, account_limits)
    design = parse_design(expected_data(data))
    est = _priced(design, data)
    limits = applicable_limits(design, load_limit_defaults())
    return readiness(design, est.events, limits, load_facts(), catalog_for(design.region)), est


def dynamodb_plan_data(data: dict, table_id: str, settings=None, start_utc=None, index: str | None = None):
    """The DynamoDB capacity plan for one table of a design mapping — its base table, or one of its
    GSIs (`index`), each of which has its own capacity and decrease budget. DesignError if either
    does not exist."""
    from models.checks.dynamodb import index_demands
    from models.checks.readiness import Context
    from models.design.schema import DesignError
    from models.dynamodb_planner.plan import PlannerSettings, TableDemand, free_used_elsewhere, plan_table
    from models.run.traffic import client_traffic, component_rates

    data = expected_data(data)
    design = parse_design(data)
    tables = [c.id for c in design.components if c.type == "dynamodb"]
    if table_id not in tables:
        raise DesignError([msg("dynamodb_plan.not_a_table", "--table: {table!r} is not a DynamoDB table of this design; "
                               "tables: {tables}", table=table_id,
                               tables=", ".join(tables) if tables else msg("word.none", "none"))])
    table = design.component(table_id)
    est = _priced(design, data)
    traffic = client_traffic(design.workload)
    ctx = Context(design, {}, est.events, traffic, component_rates(design, est.events, traffic))
    owners = index_demands(ctx, table)
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
                                 "free_tier": design.free_tier != "none",
                                 "free_rcu_hours_used_elsewhere": used_rcu, "free_wcu_hours_used_elsewhere": used_wcu})
    return plan_table(demand, catalog_for(design.region), settings, start_utc)
