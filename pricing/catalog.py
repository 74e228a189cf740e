"""Load the price catalog files into `models.prices.Catalog` objects.

Each region file in `pricing/catalog/` is merged with `global.yaml` (CloudFront, Route 53).
Files are read with yaml.safe_load and checked; a malformed entry raises `CatalogError`
naming the file, the price id and the field.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from models.checks.limits import LimitValue
from models.costs.prices import Catalog, FreeTier, Price, Tier
from models.facts import Facts, RuntimeFacts, Sla

CATALOG_DIR = Path(__file__).parent / "catalog"
CONFIDENCE = ("aws", "price_list", "third_party", "assumed")
FREE_KINDS = ("always", "first_year")


#: libyaml's safe loader when PyYAML has it (10x faster on the catalog files), else the pure one
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_load(text: str):
    """yaml.safe_load, through libyaml when available (the same SafeLoader rules)."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


class CatalogError(ValueError):
    """A catalog file that does not follow pricing/README.md."""


def available_regions(directory: Path = CATALOG_DIR) -> list[str]:
    """Regions that have a catalog file."""
    return sorted(p.stem for p in directory.glob("*.yaml") if p.stem != "global")


@lru_cache(maxsize=16)
def load_catalog(region: str, directory: Path = CATALOG_DIR) -> Catalog:
    """The prices that apply in `region`: its own file plus the global services."""
    path = directory / f"{region}.yaml"
    if not path.exists():
        raise CatalogError(f"no price catalog for region {region!r}; "
                           f"available: {', '.join(available_regions(directory))}")
    regional = _read(path)
    prices = {p.id: p for p in _prices(regional, path)}
    global_path = directory / "global.yaml"
    if global_path.exists():
        for p in _prices(_read(global_path), global_path):
            prices.setdefault(p.id, p)
    return Catalog(region=region, compiled=_date(regional.get("compiled"), path, "compiled"), prices=prices)


def unpriced_ids(region: str, directory: Path) -> dict[str, str]:
    """The price ids a refreshed catalog lists with `tiers: null` (the Price List has no product the map
    finds), each with its note: estimates that need one say it has no price."""
    path = directory / f"{region}.yaml"
    if not path.exists():
        return {}
    return {str(e.get("id")): str(e.get("note") or "") for e in _read(path)["prices"]
            if isinstance(e, dict) and "tiers" in e and e["tiers"] is None}


def assumed_prices(regions: list[str] | None = None, directory: Path = CATALOG_DIR) -> list[Price]:
    """Every price marked `confidence: assumed` in `regions` (default: every bundled region), each
    once: a global price (CloudFront, Route 53) is listed once with region "global", not per region.
    Sorted by region, then id."""
    found: dict[tuple[str, str], Price] = {}
    for region in regions or available_regions(directory):
        for price in load_catalog(region, directory).prices.values():
            if price.confidence == "assumed":
                found.setdefault((price.region, price.id), price)
    return [found[key] for key in sorted(found)]


def _read(path: Path) -> dict:
    data = _safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("prices"), list):
        raise CatalogError(f"{path.name}: expected a mapping with a 'prices' list")
    return data


def _prices(data: dict, path: Path) -> list[Price]:
    region = str(data.get("region", path.stem))
    seen: set[str] = set()
    prices = []
    for i, entry in enumerate(data["prices"]):
        where = f"{path.name}: prices[{i}] ({entry.get('id', '?') if isinstance(entry, dict) else '?'})"
        if isinstance(entry, dict) and "tiers" in entry and entry["tiers"] is None:
            continue  # a refreshed catalog's price the Price List does not have (see unpriced_ids): no price
        price = _price(entry, region, where)
        if price.id in seen:
            raise CatalogError(f"{where}: id listed twice")
        seen.add(price.id)
        prices.append(price)
    return prices


def _price(entry: dict, region: str, where: str) -> Price:
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}: expected a mapping")
    for field in ("id", "service", "dimension", "unit", "tiers", "source", "as_of", "confidence"):
        if field not in entry:
            raise CatalogError(f"{where}: missing field '{field}'")
    if entry["confidence"] not in CONFIDENCE:
        raise CatalogError(f"{where}: confidence {entry['confidence']!r} not in {CONFIDENCE}")
    per = _decimal(entry.get("per", 1), where, "per")
    tiers = tuple(_tier(t, per, where) for t in entry["tiers"])
    if not tiers or tiers[-1].up_to is not None:
        raise CatalogError(f"{where}: the last tier must have up_to: null")
    bounds = [t.up_to for t in tiers[:-1] if t.up_to is not None]
    if len(bounds) != len(tiers) - 1 or bounds != sorted(bounds):
        raise CatalogError(f"{where}: tier bounds must ascend")
    return Price(
        id=str(entry["id"]), service=str(entry["service"]), dimension=str(entry["dimension"]),
        unit=str(entry["unit"]), per=per, tiers=tiers, source=str(entry["source"]),
        as_of=_date(entry["as_of"], where, "as_of"), confidence=entry["confidence"], region=region,
        free_tier=_free(entry.get("free_tier"), str(entry["id"]), where), note=str(entry.get("note") or "").strip(),
    )


def _tier(tier: dict, per: Decimal, where: str) -> Tier:
    """One tier: `usd` per `per` units up to `up_to`; optionally its own `confidence`, `source` and `as_of`
    (all three together: a tier with its own evidence names where and when it was read)."""
    if not isinstance(tier, dict) or "usd" not in tier:
        raise CatalogError(f"{where}: each tier needs 'usd' (and 'up_to')")
    up_to = tier.get("up_to")
    own = [key for key in ("confidence", "source", "as_of") if key in tier]
    if own and len(own) != 3:
        raise CatalogError(f"{where}: a tier with its own evidence needs confidence, source and as_of together")
    if own and tier["confidence"] not in CONFIDENCE:
        raise CatalogError(f"{where}: tier confidence {tier['confidence']!r} not in {CONFIDENCE}")
    return Tier(None if up_to is None else _decimal(up_to, where, "up_to"), _decimal(tier["usd"], where, "usd") / per,
                confidence=tier["confidence"] if own else None, source=str(tier["source"]) if own else None,
                as_of=_date(tier["as_of"], where, "as_of") if own else None)


def _free(free: dict | None, price_id: str, where: str) -> FreeTier | None:
    if free is None:
        return None
    if free.get("kind") not in FREE_KINDS:
        raise CatalogError(f"{where}: free_tier.kind must be one of {FREE_KINDS}")
    return FreeTier(kind=free["kind"], amount=_decimal(free.get("amount"), where, "free_tier.amount"),
                    pool=str(free.get("pool") or price_id))


def _decimal(value, where: str, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError):
        raise CatalogError(f"{where}: {field} {value!r} is not a number") from None
    if not number.is_finite() or number < 0:
        raise CatalogError(f"{where}: {field} {value!r} must be a number ≥ 0")
    return number


def _date(value, where, field: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CatalogError(f"{where}: {field} {value!r} is not a date (YYYY-MM-DD)") from None


LIMITS_FILE = Path(__file__).parent / "limits.yaml"


@lru_cache(maxsize=4)
def load_limit_defaults(path: Path = LIMITS_FILE) -> dict[str, LimitValue]:
    """AWS's published default limits, each with its unit and source."""
    data = _safe_load(path.read_text(encoding="utf-8"))
    limits = {}
    for key, entry in (data.get("limits") or {}).items():
        for field in ("value", "unit", "source", "as_of"):
            if field not in entry:
                raise CatalogError(f"{path.name}: limits.{key}: missing field '{field}'")
        limits[key] = LimitValue(key=key, value=float(entry["value"]), unit=str(entry["unit"]),
                                 source=str(entry["source"]), as_of=_date(entry["as_of"], path.name, "as_of"),
                                 adjustable=bool(entry.get("adjustable")), note=str(entry.get("note") or ""),
                                 by_region=_by_region(entry.get("by_region"), f"{path.name}: limits.{key}"))
    return limits


# ---- sfn
def _by_region(values: Any, where: str) -> tuple[tuple[str, float], ...]:
    """A limit's `by_region: {region: value}` (Regions whose default differs), sorted by region."""
    if values is None:
        return ()
    if not isinstance(values, dict):
        raise CatalogError(f"{where}: by_region must map region codes to values")
    return tuple(sorted((str(region), float(_decimal(value, where, f"by_region.{region}")))
                        for region, value in values.items()))
# ---- end sfn


def _range_ms(value: Any) -> tuple[float, float]:
    """A runtime's `range_ms: [low, high]`."""
    low, high = value
    return float(low), float(high)


@lru_cache(maxsize=2)
def load_facts(directory: Path = Path(__file__).parent) -> Facts:
    """Runtimes' cold-start times and AWS's SLAs (pricing/runtimes.yaml, pricing/slas.yaml)."""
    runtimes_data = _safe_load((directory / "runtimes.yaml").read_text(encoding="utf-8"))
    slas_data = _safe_load((directory / "slas.yaml").read_text(encoding="utf-8"))
    runtimes = {name: RuntimeFacts(name, float(v["init_ms"]), _range_ms(v["range_ms"]), str(v["source"]),
                                   str(v.get("note") or "")) for name, v in runtimes_data["runtimes"].items()}
    slas = {name: Sla(name, float(v["sla_pct"]), str(v["source"]), str(v.get("note") or ""))
            for name, v in slas_data["slas"].items()}
    return Facts(runtimes, slas, float(runtimes_data.get("idle_reclaim_s", 600)))
