"""What a plan is made from besides the design: the catalog for its region (bundled or refreshed),
a live account's limits merged over the design's own, and the notes that say which was used."""

from __future__ import annotations

import os

from aws.price_list import cached_catalog_path, catalog_dir
from models.design.ranges import ranged_paths
from models.messages import msg
from pricing.catalog import load_catalog

PRICES_ENV = "SERVERLESS_PLANNER_PRICES"  # "refreshed": use the catalog `cli.py prices refresh` wrote


def catalog_for(region: str):
    """The catalog estimates use: the bundled one, or — with SERVERLESS_PLANNER_PRICES=refreshed and a
    refreshed file present — the one refreshed from the AWS Price List."""
    if os.environ.get(PRICES_ENV, "bundled") == "refreshed":
        if cached_catalog_path(region):
            return load_catalog(region, catalog_dir())
    return load_catalog(region)


def catalog_note(region: str) -> list[str]:
    catalog = catalog_for(region)
    if catalog is load_catalog(region):
        return []
    return [msg("estimate.refreshed_catalog.warning", "prices from the catalog refreshed from the AWS Price List on "
                "{date} ({env}=refreshed), not the bundled one", date=catalog.compiled.isoformat(), env=PRICES_ENV)]


def range_notes(data: dict, case: str) -> list[str]:
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


def with_account_limits(data: dict, account_limits: dict | None) -> dict:
    """The design with a live account's limits merged over its own `limits:` block."""
    if not account_limits:
        return data
    return {**data, "limits": {**(data.get("limits") or {}), **account_limits}}
