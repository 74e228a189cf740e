"""The tables every export shares, as header + rows of plain values (numbers stay numbers).

CSV, XLSX and HTML lay these out differently but never compute anything of their own.
"""

from __future__ import annotations

from decimal import Decimal

from i18n.engine_ja import say
from i18n.format import format_money, rate_note, rounding_rule
from render.quote.report import QuoteReport
from render.quote.words import currency_word, status_word, w
from render.readiness import STATUS_ORDER


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def line_header(report: QuoteReport) -> list[str]:
    lg, cur = report.lang, report.settings.currency
    return [w("col_component", lg), w("col_service", lg), w("col_dimension", lg), w("col_quantity", lg),
            w("col_unit", lg), w("col_unit_price_usd", lg), w("col_cost_usd", lg),
            w("col_amount", lg, cur=currency_word(cur, lg)),
            w("col_as_of", lg), w("col_confidence", lg), w("col_source", lg), w("col_formula", lg)]


#: positions in `line_header` (for number formats)
QUANTITY, UNIT_PRICE_USD, COST_USD, AMOUNT, SOURCE = 3, 5, 6, 7, 10


def line_rows(report: QuoteReport, case: str = "expected") -> list[list]:
    """One row per line item: the engine's USD figures unrounded, and the quote's rounded amount."""
    rows = []
    for ql in report.quotes[case].lines:
        li = ql.item
        rows.append([li.component, li.service, li.dimension, float(li.quantity), li.unit,
                     _float(li.unit_price_usd), _float(li.cost_usd), _float(ql.amount),
                     li.as_of.isoformat() if li.as_of else "", li.confidence, li.source,
                     li.formula if li.cost_usd is not None else f"{w('no_price', report.lang)}: {li.formula}"])
    return rows


def total_rows(report: QuoteReport) -> list[tuple[str, float, str]]:
    """(label, amount in the quote's currency, note): subtotal, tax and total when taxed, else the total."""
    lg, q = report.lang, report.quote
    rule = rounding_rule(report.settings, lg)
    if q.settings.tax_pct:
        pct = f"{q.settings.tax_pct.normalize():f} %"
        tax = f"{w('tax', lg)}（{pct}）" if lg == "ja" else f"{w('tax', lg)} ({pct})"
        return [(w("subtotal", lg), float(q.subtotal), rule), (tax, float(q.tax), ""),
                (w("total", lg), float(q.total), "")]
    return [(w("total_no_tax", lg), float(q.total), rule)]


def summary_rows(report: QuoteReport) -> list[tuple[str, str]]:
    """(label, text) pairs for the report's first page: design, settings, totals, rounding, dates."""
    lg, s, q = report.lang, report.settings, report.quote
    cur = s.currency

    def money(amount: Decimal) -> str:
        return format_money(amount, cur, lg)

    rows = [(w("design", lg), report.name)]
    if report.design.get("description"):
        rows.append((w("description", lg), str(report.design["description"]).strip()))
    rows += [(w("region", lg), report.region_label), (w("free_tier", lg), report.estimate.free_tier),
             (w("currency", lg), cur), (w("rate", lg), rate_note(s, lg)),
             (w("tax_pct", lg), f"{s.tax_pct.normalize():f} %")]
    for label, amount, _ in total_rows(report):
        rows.append((label, money(Decimal(str(amount)))))
    if report.ranged:
        lows, highs = report.quotes["low"], report.quotes["high"]
        rows.append((w("range", lg), f"{w('case_low', lg)} {money(lows.total)} – {w('case_expected', lg)} "
                                     f"{money(q.total)} – {w('case_high', lg)} {money(highs.total)}"))
    rows += [(w("exact", lg), format_money(q.exact_subtotal, cur, lg, places=4)),
             (w("rounding", lg), rounding_rule(s, lg)),
             (w("year", lg), money(report.money(report.year_usd))),
             (w("readiness_overall", lg), status_word(report.readiness.worst_status, lg)),
             (w("prices_as_of", lg), report.price_dates_text)]
    if q.unpriced:
        rows.append((w("warnings", lg), w("unpriced", lg, n=q.unpriced)))
    return rows


def settings_rows(report: QuoteReport) -> list[list[str]]:
    """The quote's settings: currency, exchange rate, tax and the rounding rule."""
    lg, s = report.lang, report.settings
    return [[w("currency", lg), s.currency], [w("rate", lg), rate_note(s, lg)],
            [w("tax_pct", lg), f"{s.tax_pct.normalize():f} %"], [w("rounding", lg), rounding_rule(s, lg)]]


def check_header(lang: str) -> list[str]:
    return [w(k, lang) for k in ("col_status", "col_check", "col_component", "col_limit", "col_limit_value",
                                 "col_limit_source", "col_peak", "col_unit", "col_headroom", "col_affected",
                                 "col_consequence", "col_action")]


def check_rows(report: QuoteReport) -> list[list]:
    """The readiness checks of the expected case, failures first (the engine's texts in the report's language)."""
    rows, lg = [], report.lang
    for c in sorted(report.readiness.checks, key=lambda c: STATUS_ORDER[c.status]):
        rows.append([status_word(c.status, lg), c.id, c.component, say(c.limit, lg), c.limit_value,
                     c.limit_source, c.peak_demand, say(c.unit, lg), c.headroom_pct, c.affected_requests_per_month,
                     say(c.consequence, lg), say(c.action, lg)])
    return rows


def price_header(lang: str) -> list[str]:
    return [w(k, lang) for k in ("col_price_id", "col_service", "col_dimension", "col_unit", "col_as_of",
                                 "col_confidence", "col_source")]


#: position of the source URL in `price_header`
PRICE_SOURCE = 6


def price_rows(report: QuoteReport) -> list[list]:
    return [[p["price_id"], p["service"], p["dimension"], p["unit"], p["as_of"].isoformat(), p["confidence"],
             p["source"]] for p in report.prices]


def scenario_header(lang: str) -> list[str]:
    return [w("col_component", lang), w("col_low", lang), w("col_expected", lang), w("col_high", lang)]


def scenario_rows(report: QuoteReport) -> list[list]:
    """Per component and for the total: the amount in each case (quote currency, rounded lines summed)."""
    if not report.ranged:
        return []
    per_case = {case: report.component_amounts(case) for case in ("low", "expected", "high")}
    rows = [[comp, float(per_case["low"].get(comp, 0)), float(amount), float(per_case["high"].get(comp, 0))]
            for comp, amount in per_case["expected"].items()]
    label = w("subtotal", report.lang) if report.settings.tax_pct else w("total_no_tax", report.lang)
    rows.append([label] + [float(report.quotes[c].subtotal) for c in ("low", "expected", "high")])
    if report.settings.tax_pct:
        rows.append([w("total", report.lang)] + [float(report.quotes[c].total) for c in ("low", "expected", "high")])
    return rows


def notes(report: QuoteReport) -> list[str]:
    """The footnotes every export carries."""
    lg = report.lang
    items = [rounding_rule(report.settings, lg), rate_note(report.settings, lg), w("tax_note", lg), w("month_note", lg)]
    if report.ranged:
        items.append(w("range_method", lg))
    items += [w("engine_note", lg), w("dates_note", lg)]
    return items
