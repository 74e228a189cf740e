"""Estimate outputs shared by the CLI and the app: the JSON contract, CSV and a text table."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from decimal import Decimal

from models.costs.estimate import Estimate, LineItem, billed_lines
from models.costs.money import round_money

CONTRACT_FIELDS = ("component", "service", "dimension", "quantity", "unit", "unit_price_usd", "cost_usd", "price_id")
EXTRA_FIELDS = ("formula", "source", "as_of", "confidence")


def _num(value: Decimal | None, places: int | None = None) -> float | None:
    """A JSON number (rounded to `places`); a value that rounds to zero is 0.0, never -0.0."""
    if value is None:
        return None
    return (float(round(value, places)) if places is not None else float(value)) + 0.0  # -0.0 + 0.0 is 0.0


def usd_number(value: Decimal) -> float:
    """USD for JSON: rounded to 1e-6, and 0.0 (not -0.0) when it rounds to zero."""
    number = _num(value, 6)
    return 0.0 if number is None else number


def usd_cents(value: Decimal) -> str:
    """USD to the cent for people, rounded half up like every quote line (`round_money`: README, "Quotes"),
    not by float formatting's half-even; a credit smaller than half a cent shows as 0.00, never -0.00.

    >>> usd_cents(Decimal("1.425")), usd_cents(Decimal("-0.165")), usd_cents(Decimal("-0.004"))
    ('1.43', '-0.17', '0.00')
    """
    text = f"{round_money(value, 'USD'):,.2f}"
    return text[1:] if text == "-0.00" else text


def line_dict(li: LineItem) -> dict:
    """One line item as plain JSON values (costs rounded to 1e-6 USD). The CSV leaves out the last three:
    `cost_component` (the declared component the line bills), `tier` (the price tier's index) and `free`."""
    return {
        "component": li.component, "service": li.service, "dimension": li.dimension,
        "quantity": _num(li.quantity, 6), "unit": li.unit, "unit_price_usd": _num(li.unit_price_usd),
        "cost_usd": _num(li.cost_usd, 6), "price_id": li.price_id, "formula": li.formula,
        "source": li.source, "as_of": li.as_of.isoformat() if li.as_of else None, "confidence": li.confidence,
        "cost_component": li.cost_component, "tier": li.tier, "free": li.free,
    }


def range_totals(cases: Mapping[str, Estimate] | None) -> dict[str, Decimal] | None:
    """{"low", "high"} → the total (USD per month) of a ranged design's low and high cases, each priced as a
    design of its own (`service.scenario_estimates` / `service.plan`); None for a plain design's one case."""
    if not cases or not {"low", "high"} <= set(cases):
        return None
    return {case: cases[case].total_usd for case in ("low", "high")}


def contract_dict(est: Estimate, cases: Mapping[str, Estimate] | None = None) -> dict:
    """The stable `estimate --format json` document (see README, "JSON contract"). `est` is the expected case;
    `cases` every case of the design, for `range_total_usd` (null without ranges)."""
    dates = est.price_dates()
    totals = range_totals(cases)
    return {
        "name": est.name,
        "region": est.region,
        "currency": "USD",
        "total_usd": _num(est.total_usd, 6),
        "free_tier": est.free_tier,
        "prices_as_of": {"oldest": dates[0].isoformat(), "newest": dates[1].isoformat()} if dates else None,
        "line_items": [line_dict(li) for li in est.line_items],
        "warnings": list(est.warnings),
        "range_total_usd": None if totals is None else {case: _num(usd, 6) for case, usd in totals.items()},
    }


def csv_text(est: Estimate) -> str:
    """Line items as CSV (one header row, then one row per line item, then a total row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CONTRACT_FIELDS + EXTRA_FIELDS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for li in est.line_items:
        writer.writerow(line_dict(li))
    writer.writerow({"component": "TOTAL", "unit": "USD per month", "cost_usd": _num(est.total_usd, 6)})
    return out.getvalue()


def table_text(est: Estimate, cases: Mapping[str, Estimate] | None = None) -> str:
    """A plain-text table for the terminal, costs to the cent. `est` is the expected case; with `cases` (every
    case of a ranged design) the low and high cases' totals follow the total."""
    rows = [("Component", "Dimension", "Quantity", "Unit", "Unit price (USD)", "Cost (USD)")]
    for li in billed_lines(est.line_items):  # one line per bill line (the JSON and CSV keep every usage's line)
        price = "n/a" if li.unit_price_usd is None else f"{li.unit_price_usd.normalize():f}"
        cost = "no price" if li.cost_usd is None else usd_cents(li.cost_usd)
        quantity = f"{float(li.quantity):,.2f}".rstrip("0").rstrip(".")
        rows.append((li.component, li.dimension, quantity, li.unit, price, cost))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {2, 4, 5}

    def fmt_row(row):
        cells = enumerate(zip(row, widths, strict=False))
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in cells)

    lines = [f"{est.name} — {est.region} — free tier: {est.free_tier}", fmt_row(rows[0]),
             "  ".join("-" * w for w in widths)]
    lines += [fmt_row(r) for r in rows[1:]]
    lines.append(f"Total: USD {usd_cents(est.total_usd)} per month (costs rounded to the cent for display)")
    totals = range_totals(cases)
    if totals is not None:
        lines.append(f"Range: low case USD {usd_cents(totals['low'])} – high case USD {usd_cents(totals['high'])} "
                     "per month")
    dates = est.price_dates()
    if dates:
        lines.append(f"Prices as of {dates[0].isoformat()} to {dates[1].isoformat()} (sources: --format csv or json)")
    lines += [f"warning: {w}" for w in est.warnings]
    return "\n".join(lines) + "\n"
