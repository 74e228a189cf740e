"""The estimate: a design and a price catalog in, priced line items out.

Steps: monthly volumes flow along the design; each service module turns its component's volume
into usage records, one per declared cost component (its `COMPONENTS`); usage is priced per price
id across all components, so volume tiers and the free tier apply once per account, then shared
back to the components. Each line item names its `cost_component`, `tier` and whether it is `free`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, localcontext
from typing import Any, Protocol

from models.costs import (
    api_gateway,
    cloudfront,
    cognito,
    dynamodb,
    eventbridge,
    lambda_function,
    route53,
    s3,
    ses,
    sns,
    sqs,
    step_functions,
)
from models.costs import cloudwatch as cloudwatch_costs  # s3x
from models.costs import firehose as firehose_costs  # ---- kinesis
from models.costs import kinesis as kinesis_costs  # ---- kinesis
from models.costs import kms as kms_costs  # ---- kms
from models.costs import secrets_manager as secrets_manager_costs  # s3x
from models.costs import waf as waf_costs  # ---- kms
from models.costs.prices import Catalog, FreeTier, Price
from models.costs.tiers import split_into_tiers, split_range_into_tiers
from models.costs.usage import ComponentUsage, Usage, fmt
from models.design.schema import Component, Design
from models.facts import Facts
from models.messages import msg
from models.run.run import Run


class CostModule(Protocol):
    """A service's cost module: `usage(comp, run)` for a component of its type (the one it is keyed by)."""

    def usage(self, comp: Any, run: Run, /) -> ComponentUsage: ...


#: the cost module of each component type
SERVICE_MODULES: dict[str, CostModule] = {
    "api_gateway": api_gateway, "lambda": lambda_function, "dynamodb": dynamodb, "s3": s3,
    "sqs": sqs, "sns": sns, "ses": ses, "cognito": cognito, "cloudfront": cloudfront,
    "route53": route53,
    # ---- kinesis
    "kinesis": kinesis_costs, "firehose": firehose_costs,
    # ---- end kinesis
    # ---- kms
    "kms": kms_costs, "waf": waf_costs,
    # ---- end kms
    # ---- sfn
    "step_functions": step_functions, "eventbridge": eventbridge,
    # ---- end sfn
    # ---- s3x
    "secrets_manager": secrets_manager_costs, "cloudwatch": cloudwatch_costs,
    # ---- end s3x
}
FREE_KINDS = {"none": (), "always": ("always",), "first_year": ("always", "first_year")}


#: digits the sums of line items are taken with: enough to add any line costs (28 significant digits each,
#: from a dollar-scale charge down to 1e-30 of a free-tier share) without rounding
_SUM_DIGITS = 120


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of line costs without the rounding of Decimal's 28-digit context (so a free-tier credit
    cancels its charge to exactly 0, never -2.8E-28), rounded once at the end; a zero is +0.

    >>> parts = [Decimal("0.2"), Decimal("0.02821830854023972602739726028"), Decimal("-0.2"),
    ...          Decimal("-0.02821830854023972602739726028")]
    >>> sum(parts, Decimal(0)) == 0, exact_sum(parts)
    (False, Decimal('0'))
    """
    with localcontext() as wide:
        wide.prec = _SUM_DIGITS
        total = sum(values, Decimal(0))
    total = +total  # back to the ordinary context's precision
    return total if total else Decimal(0)


@dataclass(frozen=True)
class LineItem:
    """One priced line: `quantity` × `unit_price_usd` = `cost_usd` (USD per month; None where no price
    was found).

    `cost_component` names the declared component the line bills, "<type>.<key>": the function `key`
    in the type's cost module (models/costs/components.py). `tier` is the index of the price's
    volume tier the line falls in (None where no price was found); `free` is True for a free-tier
    credit (a negative line). `dimension` is the price's own `price_dimension`, with the tier, the
    usage's label and a "Free tier: " mark added for people."""

    component: str
    service: str
    dimension: str
    quantity: Decimal
    unit: str
    unit_price_usd: Decimal | None
    cost_usd: Decimal | None
    price_id: str
    formula: str
    source: str = ""
    as_of: date | None = None
    confidence: str = ""
    cost_component: str = ""
    tier: int | None = None
    free: bool = False
    price_dimension: str = ""
    label: str = ""


def billed_lines(items: Iterable[LineItem]) -> tuple[LineItem, ...]:
    """The lines as a bill lists them: one per component, price, tier and free-tier mark. The engine keeps a
    line per usage (a function's duration and the INIT phase of its cold starts are two usages of one price);
    here they become one line, its quantity and cost the sums (unrounded), its formulas joined with " + ". The
    quote rounds these lines, so the tiny INIT and free-tier sub-lines no longer round to 0.00 on their own;
    the total is unchanged (the sum of the same costs). Order: where each group first appears.

    >>> a = LineItem("f", "lambda", "Duration", Decimal(3), "GB-s", Decimal("0.004"), Decimal("0.012"), "d", "3 GB-s")
    >>> b = LineItem("f", "lambda", "Duration, INIT phase", Decimal(1), "GB-s", Decimal("0.004"), Decimal("0.004"),
    ...              "d", "1 GB-s INIT", label="INIT phase")
    >>> [(li.dimension, str(li.quantity), str(li.cost_usd), li.formula) for li in billed_lines([a, b])]
    [('Duration', '4', '0.016', '3 GB-s + 1 GB-s INIT')]
    """
    groups: dict[tuple[str, str, int | None, bool], list[LineItem]] = {}
    for li in items:
        groups.setdefault((li.component, li.price_id, li.tier, li.free), []).append(li)
    return tuple(_one_line(group) for group in groups.values())


def _one_line(group: list[LineItem]) -> LineItem:
    """One bill line for lines of one component, price, tier and free-tier mark (see `billed_lines`)."""
    first = group[0]
    if len(group) == 1:
        return first
    labels = {li.label for li in group}
    dimension = first.dimension
    if len(labels) > 1 and first.label:  # the usages' own labels differ: the price's dimension alone
        dimension = dimension.removesuffix(f", {first.label}")
    costs = [li.cost_usd for li in group]
    formulas = list(dict.fromkeys(li.formula for li in group if li.formula))
    return replace(first, dimension=dimension, quantity=exact_sum(li.quantity for li in group),
                   cost_usd=None if None in costs else exact_sum(c for c in costs if c is not None),
                   formula=" + ".join(formulas), label=first.label if len(labels) == 1 else "")


@dataclass(frozen=True)
class Estimate:
    """A priced design: line items (USD per month), their total and what the reader must know."""

    name: str
    region: str
    free_tier: str
    line_items: tuple[LineItem, ...]
    warnings: tuple[str, ...]
    events: dict[str, Decimal]

    @property
    def total_usd(self) -> Decimal:
        """USD per month: the sum of every priced line (free-tier credits included)."""
        return exact_sum(li.cost_usd for li in self.line_items if li.cost_usd is not None)

    def cost_by_component(self) -> dict[str, Decimal]:
        """USD per month per component id, net of its share of free-tier credits."""
        groups: dict[str, list[Decimal]] = defaultdict(list)
        for li in self.line_items:
            groups[li.component].append(li.cost_usd or Decimal(0))
        return {key: exact_sum(values) for key, values in groups.items()}

    def cost_by_service(self) -> dict[str, Decimal]:
        """USD per month per service, free-tier credits netted into their service."""
        groups: dict[str, list[Decimal]] = defaultdict(list)
        for li in self.line_items:
            groups[li.service].append(li.cost_usd or Decimal(0))
        return {key: exact_sum(values) for key, values in groups.items()}

    def price_dates(self) -> tuple[date, date] | None:
        """Oldest and newest as-of date of the prices used."""
        dates = [li.as_of for li in self.line_items if li.as_of]
        return (min(dates), max(dates)) if dates else None


def estimate(design: Design | Run, catalog: Catalog, notes: tuple[str, ...] = (),
             facts: Facts | None = None) -> Estimate:
    """Price a design case with `catalog` (prices of the design's region). Pass the case's `Run` to share
    its traffic series and cold starts with the readiness checks; a bare `Design` gets a Run of its own
    (with `facts`, runtimes' INIT times, the INIT phase of cold starts is billed too). `notes` are extra
    warnings."""
    run = design if isinstance(design, Run) else Run(design, facts)
    design = run.design
    usages: list[Usage] = []
    warnings: list[str] = list(notes)
    for comp in design.components:
        result = _component_usage(comp, run)
        usages += [u for u in result.usages if u.quantity > 0]
        warnings += result.warnings
    if catalog.region != design.region:
        warnings.append(msg("estimate.catalog_region.warning", "catalog region {catalog} differs from the design's "
                            "region {design}", catalog=catalog.region, design=design.region))
    lines, price_warnings = price_usage(usages, catalog, FREE_KINDS[design.free_tier])
    return Estimate(design.name, design.region, design.free_tier, tuple(lines),
                    tuple(warnings + price_warnings), run.events)


def _component_usage(comp: Component, run: Run) -> ComponentUsage:
    return SERVICE_MODULES[comp.type].usage(comp, run)


def price_usage(usages: list[Usage], catalog: Catalog, free_kinds: tuple[str, ...]) -> tuple[list[LineItem], list[str]]:
    """Line items for `usages`: tiers on each price's total, shared back pro rata; free tier once per pool."""
    by_price: dict[str, list[Usage]] = defaultdict(list)
    for u in usages:
        by_price[u.price_id].append(u)
    lines: list[LineItem] = []
    warnings: list[str] = []
    assumed: list[Price] = []
    for price_id, group in by_price.items():
        price = catalog.get(price_id)
        if price is None:
            warnings.append(msg("estimate.no_price.warning", "no price for {price} in {region}: {components} not fully "
                                "priced", price=price_id, region=catalog.region,
                                components=", ".join(sorted({u.component for u in group}))))
            lines += [LineItem(u.component, price_id.split(".")[0], price_id, u.quantity, "", None, None,
                               price_id, u.formula, cost_component=u.cost_component) for u in group]
            continue
        priced = _tier_lines(price, group)
        lines += priced
        if any(li.confidence == "assumed" for li in priced):  # only the tiers this usage reaches count
            assumed.append(price)
    if assumed:
        warnings.append(msg("estimate.assumed_prices.warning", "{n} price(s) assumed for {region}, no source found "
                            "that states them: {dimensions} (see each price's note)", n=len(assumed),
                            region=catalog.region,
                            dimensions=", ".join(p.dimension for p in assumed),
                            price_dimensions=tuple((p.id, p.dimension) for p in assumed)))
    lines += _free_tier_lines(by_price, catalog, free_kinds)
    order = {u.component: i for i, u in enumerate(usages)}
    lines.sort(key=lambda li: (order.get(li.component, len(order)), li.cost_usd is not None and li.cost_usd < 0))
    return lines, warnings


def price_of(usages: list[Usage], catalog: Catalog, free_kinds: tuple[str, ...] = ()) -> Decimal | None:
    """USD per month of `usages` on their own, priced by `price_usage` (tiers; a free tier only of
    `free_kinds`, none by default); None when the catalog lacks any of their prices."""
    if any(catalog.get(u.price_id) is None for u in usages):
        return None
    lines, _ = price_usage(usages, catalog, free_kinds)
    return exact_sum(li.cost_usd for li in lines if li.cost_usd is not None)


def _tier_lines(price: Price, group: list[Usage]) -> list[LineItem]:
    """Each usage's share of each tier the price's total falls into."""
    total = sum((u.quantity for u in group), Decimal(0))
    parts = split_into_tiers(total, price.tiers)
    lines = []
    given = [Decimal(0)] * len(parts)
    for position, u in enumerate(group):
        last = position == len(group) - 1
        for index, (part, tier) in enumerate(zip(parts, price.tiers, strict=True)):
            if part <= 0:
                continue
            # the last usage takes the remainder, so shares add up to the tier's quantity exactly
            qty = part - given[index] if last else part * u.quantity / total
            given[index] += qty
            if qty > 0:
                lines.append(_line(u, price, index, qty, tier.usd_per_unit, u.formula, label=u.label))
    return lines


def _free_tier_lines(by_price: dict[str, list[Usage]], catalog: Catalog,
                     free_kinds: tuple[str, ...]) -> list[LineItem]:
    """Negative lines for free allowances: each pool applied once per account across its prices,
    then shared among the components in proportion to their eligible use."""
    pools: dict[str, list[tuple[Price, FreeTier]]] = defaultdict(list)
    for price_id in by_price:
        price = catalog.get(price_id)
        if price and price.free_tier and price.free_tier.kind in free_kinds:
            pools[price.free_tier.pool].append((price, price.free_tier))
    lines: list[LineItem] = []
    for prices in pools.values():
        remaining = prices[0][1].amount
        # the allowance goes to the dearest dimension first (in the customer's favour)
        for price, free_tier in sorted(prices, key=lambda pf: (-pf[0].first_unit_price, pf[0].id)):
            eligible = [u for u in by_price[price.id] if u.free_tier_eligible]
            eligible_total = sum((u.quantity for u in eligible), Decimal(0))
            used = min(remaining, eligible_total)
            if used <= 0:
                continue
            remaining -= used
            how = f"{fmt(used)} of {fmt(free_tier.amount)} {price.unit} free per month ({free_tier.kind})"
            if len(eligible) > 1:
                how += ", shared in proportion to use"
            parts = split_range_into_tiers(Decimal(0), used, price.tiers)
            given = [Decimal(0)] * len(parts)
            for position, u in enumerate(eligible):
                for index, part in enumerate(parts):
                    if part <= 0:
                        continue
                    last = position == len(eligible) - 1
                    qty = part - given[index] if last else part * u.quantity / eligible_total
                    given[index] += qty
                    if qty > 0:
                        lines.append(_line(u, price, index, -qty, price.tiers[index].usd_per_unit,
                                           how, free=True))
    return lines


def _line(u: Usage, price: Price, tier_index: int, qty: Decimal, unit_price: Decimal, formula: str,
          free: bool = False, label: str = "") -> LineItem:
    dimension = price.dimension + _tier_label(price, tier_index) + (f", {label}" if label else "")
    if free:
        dimension = "Free tier: " + dimension
    source, as_of = price.tier_source(tier_index)
    return LineItem(u.component, price.service, dimension, qty, price.unit, unit_price, qty * unit_price,
                    price.id, formula, source, as_of, price.tier_confidence(tier_index),
                    cost_component=u.cost_component, tier=tier_index, free=free, price_dimension=price.dimension,
                    label=label)


def _tier_label(price: Price, index: int) -> str:
    """' (first 333M)', ' (next 667M)', ' (over 20B)' — empty for a single-tier price."""
    if len(price.tiers) == 1:
        return ""
    lower = price.tiers[index - 1].up_to if index else Decimal(0)
    if lower is None:
        raise ValueError(f"{price.id}: only the last tier may be unbounded")
    upper = price.tiers[index].up_to
    if upper is None:
        return f" (over {_short(lower)} {price.unit})"
    if index == 0:
        return f" (first {_short(upper)} {price.unit})"
    return f" (next {_short(upper - lower)} {price.unit})"


def _short(value: Decimal) -> str:
    """6000000000 → '6B', 333000000 → '333M', 51200 → '51,200'."""
    number = float(value)
    for size, suffix in ((1e9, "B"), (1e6, "M")):
        if number >= size and (number / size) * 100 == int((number / size) * 100):
            return f"{number / size:g}{suffix}"
    return f"{number:,.0f}"
