"""The Price List map (`price_list_map.yaml`) read once: which Price List product prices which catalog id.

    ids_for("AWSEvents", "Event-64K-Chunks", "PutEvents")   # (("eventbridge.custom_events",), 0)
    ids_for("AmazonS3", "Requests-Tier4", "")               # (three lifecycle transition ids, 1)
    scale("sfn.express.duration")                           # Scale(price_list_unit="GB-Seconds", factor=3600)
    unmapped()["eventbridge.cross_account_events"]          # why the map leaves it out

A key is a usage type without its Region prefix, optionally followed by "@<operation>" when one usage type
prices two things (EventBridge bills custom and partner events as Event-64K-Chunks); a value is one price id
or a list of them (S3 bills lifecycle transitions into three classes as one usage type at one price).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

MAP_FILE = Path(__file__).parent / "price_list_map.yaml"
QUALIFIER = "@"  # "Event-64K-Chunks@PutEvents": the usage type, then the product's operation


@dataclass(frozen=True)
class Scale:
    """A Price List unit that is not the catalog's: `factor` Price List units make one catalog unit."""

    price_list_unit: str
    factor: Decimal


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    data = yaml.safe_load(MAP_FILE.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _ids(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


@lru_cache(maxsize=1)
def services() -> dict[str, dict[str, tuple[str, ...]]]:
    """Service code → {usage type key (maybe "@operation") → price ids}."""
    return {str(code): {str(key): _ids(value) for key, value in (mapping or {}).items()}
            for code, mapping in (_raw().get("services") or {}).items()}


def ids_for(code: str, usagetype: str, operation: str = "") -> tuple[tuple[str, ...], int]:
    """The price ids a product of `code` prices, and how closely it matched: 0 by usage type and operation,
    1 by usage type alone (a closer match wins over a looser one for the same id); ((), 2) when none.

    >>> ids_for("AWSEvents", "Event-64K-Chunks", "PutEvents"), ids_for("AWSEvents", "Event-64K-Chunks", "X")
    ((('eventbridge.custom_events',), 0), ((), 2))
    """
    mapping = services().get(code, {})
    if operation and f"{usagetype}{QUALIFIER}{operation}" in mapping:
        return mapping[f"{usagetype}{QUALIFIER}{operation}"], 0
    if usagetype in mapping:
        return mapping[usagetype], 1
    return (), 2


def service_of(price_id: str) -> str | None:
    """The Price List service code whose products the map sends to `price_id` (None: no product does)."""
    return next((code for code, mapping in services().items() if any(price_id in ids for ids in mapping.values())),
                None)


def keys_of(code: str, price_id: str) -> list[str]:
    """The usage type keys of `code` that price `price_id`, sorted."""
    return sorted(key for key, ids in services().get(code, {}).items() if price_id in ids)


def bare_usage_types() -> dict[str, dict[str, str]]:
    """Service code → {usage type (the operation dropped) → its first price id}: what a bill's row, which
    names a usage type and no operation, is matched on (`cli.py reconcile`). A qualified key gives its bare
    usage type only when no key of that usage type alone exists."""
    found: dict[str, dict[str, str]] = {}
    for code, mapping in services().items():
        bare = found.setdefault(code, {})
        for key, ids in mapping.items():
            if QUALIFIER not in key:
                bare[key] = ids[0]
        for key, ids in mapping.items():
            bare.setdefault(key.split(QUALIFIER, 1)[0], ids[0])
    return found


@lru_cache(maxsize=1)
def scales() -> dict[str, Scale]:
    """Price id → the unit conversion its Price List product needs."""
    return {str(pid): Scale(str(entry["price_list_unit"]), Decimal(str(entry["factor"])))
            for pid, entry in (_raw().get("scale") or {}).items()}


def scale(price_id: str) -> Scale | None:
    """The unit conversion of `price_id`'s product, or None (the Price List's unit is the catalog's)."""
    return scales().get(price_id)


@lru_cache(maxsize=1)
def unmapped() -> dict[str, str]:
    """Price ids the map leaves out on purpose → the reason (ambiguous usage types)."""
    return {str(pid): " ".join(str(reason).split()) for pid, reason in (_raw().get("unmapped") or {}).items()}


def same_unit(price_list_unit: str, expected: str) -> bool:
    """Two spellings of one unit ("GB-Seconds", "GB-Second", "gb seconds").

    >>> same_unit("GB-Second", "GB-Seconds"), same_unit("GB-Hours", "GB-Seconds")
    (True, False)
    """
    def plain(unit: str) -> str:
        return unit.lower().replace("-", "").replace(" ", "").rstrip("s")
    return plain(price_list_unit) == plain(expected)
