"""Limits: AWS's published defaults (data, with sources) and which value applies to a design."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    # ---- sfn
    #: (region, value) where a Region's default differs from `value` (the value of every other Region)
    by_region: tuple[tuple[str, float], ...] = ()

    def in_region(self, region: str) -> LimitValue:
        """This limit as it applies in `region` (its own value there, if the data lists one)."""
        values = dict(self.by_region)
        if region not in values or values[region] == self.value:
            return self
        return replace(self, value=values[region])
    # ---- end sfn
    # ---- quotas
    #: for a value read from an account: the read it came from ("Service Quotas L-6E3AF000 (applied)",
    #: "Service Quotas L-6E3AF000 (AWS default)", "Lambda GetAccountSettings"); "" otherwise
    account_read: str = ""
    # ---- end quotas


def applicable_limits(design: Design, defaults: dict[str, LimitValue]) -> dict[str, LimitValue]:
    """The defaults, with the design's `limits:` block (e.g. from a live account) overriding them."""
    result = {key: limit.in_region(design.region) for key, limit in defaults.items()}
    overrides = design.limits.model_dump(exclude_none=True)
    label = overrides.pop("source", None)
    reads = overrides.pop("sources", None) or {}  # ---- quotas
    for key, value in overrides.items():
        base = defaults.get(key)
        result[key] = LimitValue(
            key=key, value=float(value), unit=base.unit if base else "", adjustable=bool(base and base.adjustable),
            source=label or "design file (limits block)", from_account=bool(label and "account" in label.lower()),
            account_read=str(reads.get(key, "")),  # ---- quotas
        )
    return result
