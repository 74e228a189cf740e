"""The tables every export shares, as header + rows of plain values (numbers stay numbers).

CSV, XLSX and HTML lay these out differently but never compute anything of their own.
"""

from __future__ import annotations

from decimal import Decimal

from i18n.aws_terms import dimension_text, line_dimension_text, service_text, unit_price_text, unit_rate_text, unit_text
from i18n.catalog import check_name, component_shown, format_date, limit_source_text
from i18n.design_fields import field_value_text
from i18n.engine_ja import say
from i18n.format import format_money, rate_note, rounding_rule
from render.labels import component_names, field_path_words
from render.quote.report import QuoteReport
from render.quote.words import currency_word, status_word, w
from render.readiness import STATUS_ORDER
from service import expected_data


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def line_header(report: QuoteReport) -> list[str]:
    """The line-item columns. The last, the engine's formula ("3,019,470 requests × …"), is English
    engine text: only English exports carry it (a Japanese quote has quantity, unit and unit price)."""
    lg, cur = report.lang, report.settings.currency
    header = [w("col_component", lg), w("col_service", lg), w("col_dimension", lg), w("col_quantity", lg),
              w("col_unit", lg), w("col_unit_price", lg), w("col_unit_price_usd", lg), w("col_cost_usd", lg),
              w("col_amount", lg, cur=currency_word(cur, lg)), w("col_as_of", lg), w("col_source", lg)]
    return header + [w("col_formula", lg)] if _with_formula(report) else header


def _with_formula(report: QuoteReport) -> bool:
    return report.lang != "ja"


#: positions in `line_header` (for number formats)
QUANTITY, UNIT_PRICE_TEXT, UNIT_PRICE_USD, COST_USD, AMOUNT, AS_OF, SOURCE, FORMULA = 3, 5, 6, 7, 8, 9, 10, 11


def line_label(report: QuoteReport, li) -> str:
    """A line's dimension in the report's language, composed from its structured fields (price id, tier,
    free-tier credit, cost component); English keeps the engine's own label."""
    if report.lang != "ja":
        return li.dimension
    return line_dimension_text(report.catalog.get(li.price_id), li.price_id, li.tier, li.free, report.lang,
                               li.price_dimension or li.dimension, li.cost_component)


def unit_price_words(report: QuoteReport, li) -> str:
    """"USD 4.25 per million requests" / 「100 万リクエストあたり 4.25 USD」 (empty where no price was found)."""
    price = report.catalog.get(li.price_id)
    if li.unit_price_usd is None:
        return ""
    if price is None:
        return unit_rate_text(li.unit_price_usd, li.unit, Decimal(1), report.lang)
    return unit_rate_text(li.unit_price_usd, price.unit, price.per, report.lang)


def line_rows(report: QuoteReport, case: str = "expected") -> list[list]:
    """One row per line item: the engine's USD figures unrounded (Decimal: each writer keeps them out of
    scientific notation), and the quote's rounded amount (Decimal; whole yen in JPY)."""
    rows = []
    lg = report.lang
    names = component_names(report.design, lg)
    for ql in report.quotes[case].lines:
        li = ql.item
        formula = li.formula if li.cost_usd is not None else f"{w('no_price', lg)}: {li.formula}"
        rows.append([names.get(li.component, li.component), service_text(li.service, lg), line_label(report, li),
                     li.quantity, unit_text(li.unit, lg), unit_price_words(report, li), li.unit_price_usd,
                     li.cost_usd, ql.amount, li.as_of.isoformat() if li.as_of else "", li.source]
                    + ([formula] if _with_formula(report) else []))
    return rows


def service_rows(report: QuoteReport) -> list[tuple[str, Decimal]]:
    """(service name, amount in the quote's currency): the rounded lines of each service summed, dearest first;
    they add up to the subtotal."""
    totals: dict[str, Decimal] = {}
    for ql in report.quote.lines:
        name = service_text(ql.item.service, report.lang)
        totals[name] = totals.get(name, Decimal(0)) + (ql.amount or Decimal(0))
    return sorted(totals.items(), key=lambda kv: kv[1], reverse=True)


def assumption_rows(report: QuoteReport) -> list[tuple[str, str]]:
    """The few assumptions a customer needs, in plain words."""
    lg, s = report.lang, report.settings
    plain = expected_data(report.design)
    rows = []
    requests = (plain.get("workload") or {}).get("requests_per_month")
    if requests:
        rows.append((w("requests_month", lg), f"{float(requests):,.0f}"))
    rows += [(w("region", lg), report.region_label),
             (w("free_tier", lg), w(f"free_{report.estimate.free_tier}", lg)),
             (w("prices_as_of", lg), report.price_dates_text)]
    if s.currency == "JPY":
        rows.append((w("rate", lg), rate_note(s, lg)))
    if s.tax_pct:
        rows.append((w("tax_pct", lg), f"{s.tax_pct.normalize():f} %"))
    rows.append((w("rounding", lg), rounding_rule(s, lg)))
    return rows


def risk_rows(report: QuoteReport) -> list[tuple[str, str, str]]:
    """(status word, what happens, what to do) for every check that warns or fails, failures first."""
    lg = report.lang
    return [(status_word(c.status, lg), say(c.consequence, lg), say(c.action, lg))
            for c in sorted(report.readiness.checks, key=lambda c: STATUS_ORDER[c.status]) if c.status != "pass"]


def info_rows(report: QuoteReport) -> list[tuple[str, str]]:
    """The title block: customer, quote number, date, validity, prepared by (only the fields given; the date always)."""
    lg, info = report.lang, report.info
    rows = []
    if info.get("customer"):
        rows.append((w("customer", lg), w("customer_to", lg, customer=info["customer"])))
    if info.get("quote_number"):
        rows.append((w("quote_number", lg), str(info["quote_number"])))
    rows.append((w("quote_date", lg), format_date(report.quote_date, lg)))
    if info.get("valid_until"):
        rows.append((w("valid_until", lg), format_date(info["valid_until"], lg)))
    if info.get("prepared_by"):
        rows.append((w("prepared_by", lg), str(info["prepared_by"])))
    return rows


def customer_warnings(report: QuoteReport) -> list[str]:
    """The estimate's warnings a customer should read (not the catalog's internal notes on how a price was found)."""
    return [say(x, report.lang) for x in report.estimate.warnings
            if getattr(x, "id", "") not in INTERNAL_WARNINGS]


#: warnings about how the catalog was compiled: for the consultant (the app, the CLI), not the customer's quote
INTERNAL_WARNINGS = frozenset({"estimate.assumed_prices.warning", "estimate.refreshed_catalog.warning",
                               "estimate.no_refreshed_catalog.warning"})


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

    rows = info_rows(report) + [(w("design", lg), report.name)]
    if report.description:
        rows.append((w("description", lg), report.description))
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


def field_words(report: QuoteReport, path: str) -> str:
    """A design field path as the customer reads it, in the quote's language: the component by its label,
    the field by its words ("Upload function: Memory (MB)", 「upload：メモリ（MB）」), never a raw dotted path."""
    return field_path_words(path, report.lang, component_names(report.design, report.lang))


def input_rows(report: QuoteReport) -> list[list[str]]:
    """Every value the design gives, (field, value), in the report's language; the name and description as on
    the summary (an untouched template's Japanese words in Japanese)."""
    lg, words = report.lang, {"name": report.name, "description": report.description}
    return [[field_words(report, path), words.get(path, field_value_text(value, lg))] for path, value in report.inputs]


def default_rows(report: QuoteReport) -> list[list[str]]:
    """The defaults the estimate assumed, (field, default), in the report's language, and where limits come from."""
    lg = report.lang
    rows = [[field_words(report, path), field_value_text(value, lg)] for path, value in report.defaults]
    return rows + [[field_words(report, "limits"), w("limits_default", lg)]]


def range_table_rows(report: QuoteReport) -> list[list]:
    """(field, low, expected, high) for every range, the field in the report's language."""
    return [[field_words(report, path), *values] for path, *values in report.ranges]


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
        rows.append([status_word(c.status, lg), check_name(c.id, lg), component_shown(c.component, lg),
                     say(c.limit, lg), c.limit_value, limit_source_text(c.limit_source, lg), c.peak_demand,
                     say(c.unit, lg), c.headroom_pct, c.affected_requests_per_month,
                     say(c.consequence, lg), say(c.action, lg)])
    return rows


def price_header(lang: str) -> list[str]:
    return [w(k, lang) for k in ("col_price_id", "col_service", "col_dimension", "col_unit_price", "col_as_of",
                                 "col_source")]


#: position of the source URL in `price_header`
PRICE_SOURCE = 5


def price_rows(report: QuoteReport) -> list[list]:
    """Each price used: id, service, dimension and its first-tier unit price as AWS states it, as-of date, source."""
    lg, rows = report.lang, []
    for p in report.prices:
        price = report.catalog.get(p["price_id"])
        rows.append([p["price_id"], service_text(p["service"], lg), dimension_text(p["price_id"], lg, p["dimension"]),
                     unit_price_text(price, lg) if price else "", p["as_of"].isoformat(), p["source"]])
    return rows


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
