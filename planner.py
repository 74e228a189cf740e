"""The application layer shared by app.py and cli.py: gather inputs, call the pure core.

A number the app shows and the CLI prints comes from `estimate_data` / `check_data` here.
"""

from __future__ import annotations

from models.design import Design, assumed_defaults, parse_design
from models.design_text import load_design_data
from models.estimate import Estimate, estimate
from models.limits import applicable_limits
from models.readiness import Readiness, readiness
from pricing.catalog import load_catalog, load_limit_defaults


def _priced(design: Design, data: dict) -> Estimate:
    return estimate(design, load_catalog(design.region), notes=tuple(assumed_defaults(data)))


def estimate_data(data: dict) -> Estimate:
    """Validate a design mapping and price it with its region's catalog (DesignError if invalid)."""
    return _priced(parse_design(data), data)


def estimate_text(text: str) -> Estimate:
    """Price a YAML/JSON design text (DesignError with a one-line reason if it is invalid)."""
    return estimate_data(load_design_data(text))


def projection_data(data: dict, months: int = 12) -> list[dict]:
    """Month-by-month totals (USD) of a design mapping with its workload's growth_per_month."""
    from models.sweep import projection

    design = parse_design(data)
    return projection(design, load_catalog(design.region), months)


def with_account_limits(data: dict, account_limits: dict | None) -> dict:
    """The design with a live account's limits merged over its own `limits:` block."""
    if not account_limits:
        return data
    return {**data, "limits": {**(data.get("limits") or {}), **account_limits}}


def check_data(data: dict, account_limits: dict | None = None) -> tuple[Readiness, Estimate]:
    """The readiness report and the estimate of a design mapping. `account_limits` (from a live
    account snapshot) override the design's own limits and AWS's defaults."""
    data = with_account_limits(data, account_limits)
    design = parse_design(data)
    est = _priced(design, data)
    return readiness(design, est.events, applicable_limits(design, load_limit_defaults())), est
