"""What a plan is made from besides the design: the catalog for its region (bundled or refreshed),
a live account's limits merged over the design's own, and the notes that say which was used."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from aws.price_list import cached_catalog_path, catalog_dir
from models.costs.prices import Catalog
from models.design.ranges import ranged_paths
from models.design.schema import COMMERCIAL_REGION, REGION_NAMES, DesignError
from models.messages import msg
from pricing.catalog import available_regions, load_catalog

PRICES_ENV = "SERVERLESS_PLANNER_PRICES"  # "refreshed": use the catalog `cli.py prices refresh` wrote
BUNDLED, REFRESHED = "bundled", "refreshed"  # which catalog a Region with a bundled one is priced from
PRICES_CHOICES = (BUNDLED, REFRESHED)

#: the web app's per-session choice (see `use_prices`); None: SERVERLESS_PLANNER_PRICES decides
_session_prices: ContextVar[str | None] = ContextVar("session_prices", default=None)


def prices_choice() -> str:
    """"refreshed" or "bundled": the choice `use_prices` made for this run (the web app's session), else
    the server's default (`default_prices`)."""
    return _session_prices.get() or default_prices()


def default_prices() -> str:
    """The catalog choice without a session's: SERVERLESS_PLANNER_PRICES=refreshed, else bundled."""
    return REFRESHED if os.environ.get(PRICES_ENV, BUNDLED) == REFRESHED else BUNDLED


@contextmanager
def use_prices(choice: str | None) -> Iterator[None]:
    """Price everything inside the block from `choice` ("bundled" or "refreshed"; None keeps the default).
    The web app wraps each page run in it with the choice its Prices page keeps for the session, so one
    visitor's choice never changes another's numbers."""
    if choice is not None and choice not in PRICES_CHOICES:
        raise ValueError(f"prices: {choice!r} is not one of {', '.join(PRICES_CHOICES)}")
    token = _session_prices.set(choice)
    try:
        yield
    finally:
        _session_prices.reset(token)


def catalog_for(region: str):
    """The catalog estimates use: the bundled one, or — when the prices choice is "refreshed" (`prices_choice`)
    and a refreshed file is present — the one refreshed from the AWS Price List. A Region with no bundled
    catalog uses the one `cli.py prices refresh --region R` built; without one, DesignError says how
    to build it."""
    if region not in available_regions():
        if cached_catalog_path(region) is None:
            raise DesignError([no_catalog_message(region)])
        return refreshed_catalog(region)
    if prices_choice() == REFRESHED and cached_catalog_path(region):
        return refreshed_catalog(region)
    return load_catalog(region)


def refreshed_catalog(region: str) -> Catalog:
    """The refreshed catalog file of `region` as it is now: a refresh by another process (the CLI beside a
    running app) is read anew, not answered from the cache. CatalogError if there is none."""
    path = cached_catalog_path(region)
    if path is None:
        return load_catalog(region, catalog_dir())  # raises CatalogError naming the Regions there are
    return _catalog_version(region, path.parent, path.stat().st_mtime_ns)


@lru_cache(maxsize=16)
def _catalog_version(region: str, directory: Path, version: int) -> Catalog:
    """The catalog file in `directory` at `version` (its modification time, ns)."""
    return load_catalog.__wrapped__(region, directory)


def catalog_key(region: str) -> str:
    """What decides the prices `catalog_for(region)` gives now: the choice and the refreshed file's version
    (its modification time in ns, 0 without one). A cache of priced results adds it to its key, so a refresh
    or a switch of catalog is never answered from the cache.

    >>> with use_prices("bundled"):
    ...     catalog_key("us-east-1").startswith("bundled:")
    True
    """
    path = cached_catalog_path(region) if isinstance(region, str) and COMMERCIAL_REGION.match(region) else None
    return f"{prices_choice()}:{path.stat().st_mtime_ns if path else 0}"


def no_catalog_message(region: str):
    """Why a design in `region` cannot be priced, and the command that fixes it."""
    return msg("design.region_no_catalog", "region: {region} has no price catalog yet; build it from the AWS "
               "Price List's public price files (no credentials needed) with the Prices page's \"Refresh prices\" "
               "or `python cli.py prices refresh --region {region}`, then price the design again; Regions with a "
               "catalog: {regions}",
               region=region, regions=", ".join(r.region for r in region_catalogs()))


def catalog_note(region: str) -> list[str]:
    """The warnings that say which catalog priced an estimate in `region` when it is not simply the bundled one
    (or when refreshed prices were asked for and there are none for this Region)."""
    catalog = catalog_for(region)
    if region not in available_regions():
        return [msg("estimate.built_catalog.warning", "prices for {region} from the catalog built from the AWS "
                    "Price List on {date} (no bundled catalog for this Region); a price the Price List did not "
                    "give is missing, not zero", region=region, date=catalog.compiled.isoformat())]
    if catalog is load_catalog(region):
        if prices_choice() != REFRESHED:
            return []
        return [msg("estimate.no_refreshed_catalog.warning", "refreshed prices were asked for, but {region} has no "
                    "refreshed catalog yet: priced from the bundled one (compiled {date})", region=region,
                    date=catalog.compiled.isoformat())]
    return [msg("estimate.refreshed_catalog.warning", "prices from the catalog refreshed from the AWS Price List on "
                "{date}, not the bundled one (compiled {bundled})", date=catalog.compiled.isoformat(),
                bundled=load_catalog(region).compiled.isoformat())]


@dataclass(frozen=True)
class RegionCatalog:
    """A Region the planner can price: its catalog's date and whether it is bundled or refreshed."""

    region: str
    name: str       # the English name ("Europe (Ireland)")
    as_of: date     # the catalog's compiled (or refresh) date
    source: str     # "bundled" | "refreshed" (built or refreshed from the AWS Price List)
    price_dates: tuple[date, date] | None = None  # its prices' oldest and newest as-of date (what a quote quotes)


def region_catalogs() -> list[RegionCatalog]:
    """Every Region with a catalog estimates would use (bundled first, then refreshed ones), each dated."""
    bundled = available_regions()
    found = []
    for region in bundled:
        catalog = catalog_for(region)
        source = "bundled" if catalog is load_catalog(region) else "refreshed"
        found.append(RegionCatalog(region, REGION_NAMES.get(region, region), catalog.compiled, source,
                                   catalog.price_dates()))
    directory = catalog_dir()
    extra = sorted(p.stem for p in directory.glob("*.yaml")
                   if p.stem not in bundled and COMMERCIAL_REGION.match(p.stem))
    for region in extra:
        built = refreshed_catalog(region)
        found.append(RegionCatalog(region, REGION_NAMES.get(region, region), built.compiled, "refreshed",
                                   built.price_dates()))
    return found


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
