"""Reconcile an estimate with the bill: Cost Explorer's month by service and usage type against the
estimate's line items, per service, with the likely reason for each difference in words.

    result = reconcile(rows, estimate.line_items, region="ap-northeast-1", month="2026-10",
                       usage_types=..., ce_services=..., price_services=...)
    result.services[0].billed_usd, .estimated_usd, .difference_usd, .reasons

A billed row is matched to a price id by its usage type without the region prefix
("APN1-Lambda-GB-Second" → "Lambda-GB-Second" → lambda.duration.x86_64, through the Price List map
of the service Cost Explorer names). What the comparison says, per usage type:

- **the design lacks a dimension**: billed, but the estimate has no line for it;
- **not on the bill**: estimated, but nothing billed under its usage type;
- **volume off by a factor**: both, and billed/estimated is outside ±10 % (the quantities are
  compared when Cost Explorer's unit is the catalog's, else the costs);
- **free tier**: AWS billed nothing where the estimate charges, or the estimate's free tier covers what
  AWS billed (the account's free tier is shared with everything else in it);
- **excluded**: taxes, credits and refunds (the estimate is before tax and credits) and usage in other
  regions are listed apart and not compared.

Pure: rows and line items in, a `Reconciliation` out (USD as Decimal).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from models.costs.estimate import LineItem
from models.messages import Message, msg
from models.units import HOURS_PER_MONTH

#: the region prefix of usage types in the regions the planner prices (other prefixes: another region)
REGION_PREFIXES = {"us-east-1": "USE1", "ap-northeast-1": "APN1", "ap-northeast-3": "APN3"}
# ---- pricemap
#: a usage type headed by the Region code itself ("eu-west-1-KMS-Keys": KMS)
_REGION_CODE_HEAD = re.compile(r"^([a-z]{2}(?:-[a-z]+)+-\d+)-(?=.)")
# ---- end pricemap
#: services Cost Explorer bills without a region (compared whatever their usage type's prefix)
GLOBAL_SERVICES = ("cloudfront", "route53")
#: billed/estimated within this share is a match (no reason given)
MATCH_SHARE = Decimal("0.10")
#: differences below this (USD) are not worth a reason
MIN_USD = Decimal("0.01")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_ZERO = Decimal(0)


@dataclass(frozen=True)
class BilledRow:
    """One group of Cost Explorer's answer: a service (Cost Explorer's name) and usage type, USD and usage."""

    service: str
    usage_type: str
    cost_usd: Decimal
    quantity: Decimal = _ZERO
    unit: str = ""


@dataclass(frozen=True)
class Finding:
    """One reason for a difference: its kind, the usage type / price id it is about, the amounts, in words."""

    kind: str  # lacks_dimension | not_billed | volume_factor | free_tier | excluded
    key: str   # the price id, or the usage type when no price id matches it
    billed_usd: Decimal
    estimated_usd: Decimal
    text: Message


@dataclass(frozen=True)
class ServiceLine:
    """One service's billed and estimated USD for the month and the reasons they differ."""

    service: str
    billed_usd: Decimal
    estimated_usd: Decimal
    reasons: tuple[Finding, ...]

    @property
    def difference_usd(self) -> Decimal:
        """Billed − estimated (positive: AWS billed more than the estimate)."""
        return self.billed_usd - self.estimated_usd


@dataclass(frozen=True)
class Reconciliation:
    """The per-service comparison, what was left out of it, and notes on the comparison itself."""

    month: str
    region: str
    services: tuple[ServiceLine, ...]
    excluded: tuple[Finding, ...]
    notes: tuple[Message, ...] = field(default_factory=tuple)

    @property
    def billed_usd(self) -> Decimal:
        return sum((s.billed_usd for s in self.services), _ZERO)

    @property
    def estimated_usd(self) -> Decimal:
        return sum((s.estimated_usd for s in self.services), _ZERO)


class MonthError(ValueError):
    """A month that is not YYYY-MM."""


def month_period(month: str) -> tuple[str, str]:
    """Cost Explorer's TimePeriod of a calendar month: its first day and the next month's (End is exclusive).

    >>> month_period("2026-10"), month_period("2026-12")
    (('2026-10-01', '2026-11-01'), ('2026-12-01', '2027-01-01'))
    """
    found = _MONTH.match(month or "")
    if not found:
        raise MonthError(msg("reconcile.month", "--month: {value!r} is not a month; give YYYY-MM (e.g. 2026-10)",
                             value=month))
    year, number = int(found.group(1)), int(found.group(2))
    following = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{year:04d}-{number:02d}-01", f"{following[0]:04d}-{following[1]:02d}-01"


def month_hours(month: str) -> int:
    """Hours in a calendar month (October: 31 × 24 = 744)."""
    start, _ = month_period(month)
    year, number = int(start[:4]), int(start[5:7])
    return calendar.monthrange(year, number)[1] * 24


def split_usage_type(usage_type: str) -> tuple[str | None, str]:
    """(region prefix or None, the usage type without it).

    >>> split_usage_type("APN1-Lambda-GB-Second"), split_usage_type("Request"), split_usage_type("IA-ReadRequestUnits")
    (('APN1', 'Lambda-GB-Second'), (None, 'Request'), (None, 'IA-ReadRequestUnits'))
    >>> split_usage_type("ap-northeast-1-KMS-Requests")  # KMS writes the Region code itself
    ('ap-northeast-1', 'KMS-Requests')
    """
    region_code = _REGION_CODE_HEAD.match(usage_type)
    if region_code:
        return region_code.group(1), usage_type[region_code.end():]
    head, sep, rest = usage_type.partition("-")
    if sep and rest and head.isupper() and head.isalnum() and 2 <= len(head) <= 5 and head != "IA":
        return head, rest
    return None, usage_type


def _in_region(prefix: str | None, region: str, service: str | None) -> bool:
    """Is a row with this prefix usage in `region`? (No prefix: us-east-1, where AWS's oldest usage types
    carry none.) CloudFront and Route 53 are compared wherever billed."""
    if service in GLOBAL_SERVICES:
        return True
    if prefix is None:
        return region == "us-east-1"
    return REGION_PREFIXES.get(region) == prefix or prefix == region


def _excluded(row: BilledRow, prefix: str | None, region: str, service: str | None) -> Finding | None:
    """The finding that keeps a row out of the comparison (tax, credit or refund, another region), or None."""
    if row.service == "Tax" or "Tax" in row.usage_type.split("-"):
        return Finding("excluded", row.usage_type, row.cost_usd, _ZERO, msg(
            "reconcile.tax", "{usage}: tax USD {usd:,.2f} — excluded (the estimate is before tax)",
            usage=row.usage_type, usd=row.cost_usd))
    if row.cost_usd < 0:
        return Finding("excluded", row.usage_type, row.cost_usd, _ZERO, msg(
            "reconcile.credit", "{service} {usage}: credit or refund USD {usd:,.2f} — excluded (the estimate "
            "has no credits)", service=row.service, usage=row.usage_type, usd=row.cost_usd))
    if not _in_region(prefix, region, service):
        return Finding("excluded", row.usage_type, row.cost_usd, _ZERO, msg(
            "reconcile.other_region", "{service} {usage}: USD {usd:,.2f} in another region (prefix {prefix}) — "
            "excluded (the design is in {region})", service=row.service, usage=row.usage_type, usd=row.cost_usd,
            prefix=prefix or msg("word.none", "none"), region=region))
    return None


@dataclass
class _Billed:
    """The billed rows of one key (price id or usage type) summed."""

    service: str
    usage_types: list[str] = field(default_factory=list)
    cost_usd: Decimal = _ZERO
    quantity: Decimal = _ZERO
    unit: str = ""


@dataclass
class _Estimated:
    """An estimate's lines of one price id: net (after the free tier) and before it, and the usage."""

    service: str
    net_usd: Decimal = _ZERO
    gross_usd: Decimal = _ZERO
    quantity: Decimal = _ZERO
    unit: str = ""


def _billed_by_key(rows: Iterable[BilledRow], region: str, usage_types: Mapping[str, Mapping[str, str]],
                   ce_services: Mapping[str, tuple[str, str]],
                   price_services: Mapping[str, str]) -> tuple[dict[str, _Billed], list[Finding]]:
    billed: dict[str, _Billed] = {}
    excluded: list[Finding] = []
    for row in rows:
        code, service = ce_services.get(row.service, ("", row.service))
        prefix, bare = split_usage_type(row.usage_type)
        left_out = _excluded(row, prefix, region, service)
        if left_out:
            excluded.append(left_out)
            continue
        price_id = usage_types.get(code, {}).get(bare) or usage_types.get("*", {}).get(bare)
        key = price_id or f"{service}:{bare}"
        entry = billed.setdefault(key, _Billed(price_services.get(price_id, service) if price_id else service))
        entry.usage_types.append(row.usage_type)
        entry.cost_usd += row.cost_usd
        entry.quantity += row.quantity
        entry.unit = entry.unit or row.unit
    return billed, excluded


def _estimated_by_price(line_items: Iterable[LineItem]) -> dict[str, _Estimated]:
    found: dict[str, _Estimated] = {}
    for item in line_items:
        entry = found.setdefault(item.price_id, _Estimated(item.service, unit=item.unit))
        cost = item.cost_usd or _ZERO
        entry.net_usd += cost
        if not item.free:
            entry.gross_usd += cost
            entry.quantity += item.quantity
    return found


def _same_unit(billed_unit: str, catalog_unit: str) -> bool:
    """Cost Explorer's unit and the catalog's name the same thing ("Requests" and "requests")."""
    def plain(unit: str) -> str:
        return unit.lower().replace("-", "").replace(" ", "").rstrip("s")
    return bool(billed_unit) and plain(billed_unit) == plain(catalog_unit)


def _factor(billed: _Billed, estimated: _Estimated) -> tuple[Decimal, bool]:
    """billed / estimated, by quantity when the units agree (True), else by cost (False)."""
    if _same_unit(billed.unit, estimated.unit) and estimated.quantity > 0:
        return billed.quantity / estimated.quantity, True
    return billed.cost_usd / estimated.net_usd, False


def _finding(key: str, billed: _Billed | None, estimated: _Estimated | None) -> Finding | None:
    """The reason billed and estimated differ for one key, or None when they agree (±10 %, or < USD 0.01)."""
    billed_usd = billed.cost_usd if billed else _ZERO
    net = estimated.net_usd if estimated else _ZERO
    if abs(billed_usd - net) < MIN_USD:
        return None
    if billed is not None and estimated is None and ":" in key:  # no price id matches the usage type
        return Finding("lacks_dimension", key, billed_usd, net, msg(
            "reconcile.lacks_unpriced", "{usage}: billed USD {usd:,.2f}, not in the estimate — a dimension (or "
            "service) the design lacks; the planner prices no such usage type", usage=", ".join(billed.usage_types),
            usd=billed_usd))
    if billed is not None and (estimated is None or estimated.gross_usd <= 0):
        return Finding("lacks_dimension", key, billed_usd, net, msg(
            "reconcile.lacks_dimension", "{usage}: billed USD {usd:,.2f}, not in the estimate — a dimension the "
            "design lacks ({key})", usage=", ".join(billed.usage_types), usd=billed_usd, key=key))
    if estimated is None:  # (covered above: billed without an estimate lacks the dimension)
        return None
    if billed is None:
        return Finding("not_billed", key, _ZERO, net, msg(
            "reconcile.not_billed", "{key}: estimated USD {usd:,.2f}, nothing billed under its usage type — not "
            "used that month, or billed under a usage type the planner does not map", key=key, usd=net))
    if billed_usd == 0:
        return Finding("free_tier", key, _ZERO, net, msg(
            "reconcile.billed_nothing", "{key}: AWS billed USD 0.00 for {quantity:,.0f} {unit} — within the free tier "
            "on the bill (or a credit), the estimate charges USD {usd:,.2f}", key=key, quantity=billed.quantity,
            unit=billed.unit, usd=net))
    if net <= 0:
        return Finding("free_tier", key, billed_usd, net, msg(
            "reconcile.free_tier_used", "{key}: billed USD {usd:,.2f}; the estimate's free tier covers it — the "
            "account's free tier is shared with its other workloads (or its first year is over)",
            key=key, usd=billed_usd))
    ratio, by_quantity = _factor(billed, estimated)
    if abs(ratio - 1) <= MATCH_SHARE:
        return None
    if by_quantity:
        return Finding("volume_factor", key, billed_usd, net, msg(
            "reconcile.volume_factor", "{key}: billed {billed:,.0f} {unit}, estimated {estimated:,.0f} — the "
            "volume is off by ×{ratio:.2f} (USD {billed_usd:,.2f} billed, {usd:,.2f} estimated)", key=key,
            billed=billed.quantity, unit=estimated.unit, estimated=estimated.quantity, ratio=ratio,
            billed_usd=billed_usd, usd=net))
    return Finding("volume_factor", key, billed_usd, net, msg(
        "reconcile.cost_factor", "{key}: billed USD {billed_usd:,.2f}, estimated USD {usd:,.2f} — off by ×{ratio:.2f} "
        "(a volume or setting off by that factor)", key=key, billed_usd=billed_usd, usd=net, ratio=ratio))


def reconcile(rows: Sequence[BilledRow], line_items: Sequence[LineItem], *, region: str, month: str,
              usage_types: Mapping[str, Mapping[str, str]], ce_services: Mapping[str, tuple[str, str]],
              price_services: Mapping[str, str]) -> Reconciliation:
    """The per-service comparison of a month's billed rows with an estimate's line items.

    `usage_types`: Price List service code → {usage type without prefix → price id} (pricing/price_list_map.yaml),
    and "*" → the usage types matched in any service's rows (data transfer out);
    `ce_services`: Cost Explorer's service name → (Price List service code, the catalog's service key);
    `price_services`: price id → the catalog's service key."""
    billed, excluded = _billed_by_key(rows, region, usage_types, ce_services, price_services)
    estimated = _estimated_by_price(line_items)
    services: dict[str, list[str]] = {}
    owners = [(key, entry.service) for key, entry in billed.items()]
    owners += [(key, entry.service) for key, entry in estimated.items()]
    for key, service in owners:
        keys = services.setdefault(service, [])
        if key not in keys:
            keys.append(key)
    lines = []
    for service, keys in services.items():
        findings = [_finding(key, billed.get(key), estimated.get(key)) for key in keys]
        lines.append(ServiceLine(
            service=service, billed_usd=sum((billed[k].cost_usd for k in keys if k in billed), _ZERO),
            estimated_usd=sum((estimated[k].net_usd for k in keys if k in estimated), _ZERO),
            reasons=tuple(f for f in findings if f is not None)))
    lines.sort(key=lambda line: -abs(line.difference_usd))
    return Reconciliation(month=month, region=region, services=tuple(lines), excluded=tuple(excluded),
                          notes=_notes(month))


def _notes(month: str) -> tuple[Message, ...]:
    """What the comparison itself assumes: the month's length against the estimate's 730 hours."""
    hours = month_hours(month)
    return (msg("reconcile.month_hours", "the estimate is a {estimate:,.0f}-hour month; {month} has {hours} hours "
                "({change:+.1%} for anything billed by the hour: storage, provisioned capacity)",
                estimate=HOURS_PER_MONTH, month=month, hours=hours, change=hours / HOURS_PER_MONTH - 1),)
