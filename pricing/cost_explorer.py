"""The data `cli.py reconcile` matches a bill with: Cost Explorer's service names and the Price List usage types.

    ce_services()      # {"AWS Lambda": ("AWSLambda", "lambda"), ...}  (cost_explorer_services.yaml)
    usage_types()      # {"AWSLambda": {"Request": "lambda.requests", ...}, ..., "*": {...}}  (price_list_map.yaml,
                       # and under "*" the usage types matched in any service: cost_explorer_services.yaml)
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from pricing import price_list_map

HERE = Path(__file__).parent
SERVICES_FILE = HERE / "cost_explorer_services.yaml"
USAGE_MAP_FILE = HERE / "price_list_map.yaml"


def _read(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def ce_services() -> dict[str, tuple[str, str]]:
    """Cost Explorer's service name → (Price List service code, the catalog's service key)."""
    entries = _read(SERVICES_FILE).get("services") or {}
    return {name: (str(entry["price_list"]), str(entry["catalog"])) for name, entry in entries.items()}


@lru_cache(maxsize=1)
def usage_types() -> dict[str, dict[str, str]]:
    """Price List service code → {usage type without its region prefix → price id}; "*" → the usage types
    matched whichever service bills them. A bill's row names no operation, so a map key qualified by one
    ("Event-64K-Chunks@PutEvents") matches its usage type; a usage type pricing several ids bills the first."""
    found = {code: dict(mapping) for code, mapping in price_list_map.bare_usage_types().items()}
    found["*"] = dict(_read(SERVICES_FILE).get("any_service") or {})
    return found
