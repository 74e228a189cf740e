"""Reconcile a design's estimate with the month AWS billed: the one function `cli.py reconcile` calls.

    answer = fetch_month("2026-10")          # aws/cost_explorer.py (or the cached answer, storage/cost_cache.py)
    result = reconcile_data(data, answer)    # models/costs/reconcile.py on the design's estimate
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from models.costs.reconcile import BilledRow, Reconciliation, reconcile
from models.design.schema import DesignError
from models.messages import msg
from pricing.cost_explorer import ce_services, usage_types
from service.inputs import catalog_for
from service.plan import case_design
from service.planning import estimate_data


def _decimal(text: Any) -> Decimal:
    try:
        value = Decimal(str(text))
    except InvalidOperation:
        return Decimal(0)
    return value if value.is_finite() else Decimal(0)


def billed_rows(answer: dict[str, Any]) -> list[BilledRow]:
    """The rows of a Cost Explorer answer (aws.cost_explorer.fetch_month) as typed rows; amounts as Decimal
    (an amount that is not a number counts as 0)."""
    return [BilledRow(service=str(row.get("service", "")), usage_type=str(row.get("usage_type", "")),
                      cost_usd=_decimal(row.get("cost_usd")), quantity=_decimal(row.get("quantity")),
                      unit=str(row.get("unit", "")))
            for row in answer.get("rows") or [] if isinstance(row, dict)]


def reconcile_data(data: dict, answer: dict[str, Any]) -> Reconciliation:
    """The design's expected-case estimate against the month's billed rows, per service, with the reasons.
    DesignError if the design is invalid."""
    design = case_design(data)
    estimate = estimate_data(data)
    catalog = catalog_for(design.region)
    month = str(answer.get("month", ""))
    if not month:
        raise DesignError([msg("reconcile.no_month", "the Cost Explorer answer names no month")])
    result = reconcile(billed_rows(answer), estimate.line_items, region=design.region, month=month,
                       usage_types=usage_types(), ce_services=ce_services(),
                       price_services={p.id: p.service for p in catalog.prices.values()})
    if answer.get("complete") is False:
        note = msg("reconcile.incomplete", "Cost Explorer had more pages than the {pages} read: the billed figures "
                   "are short", pages=answer.get("requests", 0))
        result = type(result)(**{**result.__dict__, "notes": (*result.notes, note)})
    return result
