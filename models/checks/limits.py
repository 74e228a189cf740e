"""Limits: AWS's published defaults (data, with sources) and which value applies to a design."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from models.design.schema import Design


@dataclass(frozen=True)
class LimitValue:
    """One limit's value and where it came from."""

    key: str
    value: float
    unit: str
    source: str          # a URL for AWS's default, or "design limits block" / the snapshot's label
    as_of: date | None = None
    adjustable: bool = False
    note: str = ""
    from_account: bool = False


def applicable_limits(design: Design, defaults: dict[str, LimitValue]) -> dict[str, LimitValue]:
    """The defaults, with the design's `limits:` block (e.g. from a live account) overriding them."""
    result = dict(defaults)
    overrides = design.limits.model_dump(exclude_none=True)
    label = overrides.pop("source", None)
    for key, value in overrides.items():
        base = defaults.get(key)
        result[key] = LimitValue(
            key=key, value=float(value), unit=base.unit if base else "", adjustable=bool(base and base.adjustable),
            source=label or "design file (limits block)", from_account=bool(label and "account" in label.lower()),
        )
    return result
