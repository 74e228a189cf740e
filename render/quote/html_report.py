"""The printable quote: one self-contained HTML page (no scripts, no external files) that prints
cleanly to paper or PDF from the browser.

Every piece of user text (design name, description, component ids, ...) goes through
`html.escape` (quotes included), and only the price catalog's source URLs become links. The chart
is an inline SVG drawn here: monthly cost by component, with the low–high
range as a whisker when the design has ranges.
"""

from __future__ import annotations

from collections.abc import Collection
from decimal import Decimal
from html import escape
from urllib.parse import urlsplit

from i18n.catalog import check_name, component_shown, format_date
from i18n.format import format_money, rate_note, rounding_rule
from render.quote import tables
from render.quote.report import QuoteReport
from render.quote.words import status_word, w
from render.readiness import STATUS_ORDER

CSS = """
:root { --ink: #1b1f24; --muted: #5b6470; --line: #d5dbe1; --accent: #1f5f99; --soft: #eef3f8; }
* { box-sizing: border-box; }
body { font-family: "Hiragino Sans", "Noto Sans JP", "Yu Gothic", "Meiryo", system-ui, -apple-system, "Segoe UI",
       Roboto, Arial, sans-serif; color: var(--ink); margin: 24px auto; max-width: 1100px; padding: 0 16px;
       font-size: 13px; line-height: 1.45; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 2px solid var(--accent); padding-bottom: 2px; }
.meta, .note, .muted { color: var(--muted); }
.totals { border-collapse: collapse; margin: 8px 0; width: 100%; max-width: 520px; }
.design-name { font-size: 17px; font-weight: bold; margin: 2px 0 8px; overflow-wrap: anywhere; }
table.info { border-collapse: collapse; margin: 6px 0; max-width: 100%; }
table.info th { text-align: left; font-weight: normal; color: var(--muted); padding: 2px 14px 2px 0;
                vertical-align: top; white-space: nowrap; }
table.info td { padding: 2px 0; overflow-wrap: anywhere; }
.lead { margin: 8px 0; }
ul.risks li { margin-bottom: 4px; }
.scroll { overflow-x: auto; }
svg { max-width: 100%; height: auto; }
.appendix { break-before: page; page-break-before: always; }
@media (max-width: 600px) {
  body { margin: 12px auto; padding: 0 10px; }
  table.info th { white-space: normal; }
}
.totals th { text-align: left; font-weight: normal; padding: 3px 16px 3px 0; }
.totals td { text-align: right; padding: 3px 0; font-variant-numeric: tabular-nums; }
.totals tr.grand th, .totals tr.grand td { font-weight: bold; font-size: 16px; border-top: 1px solid var(--ink); }
table.grid { border-collapse: collapse; width: 100%; font-size: 11px; }
table.grid th { background: var(--soft); text-align: left; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: 3px 5px; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.src { word-break: break-all; max-width: 300px; }
td { overflow-wrap: break-word; }
td.nowrap { white-space: nowrap; }
.how { color: var(--muted); font-size: 10px; margin-top: 2px; }
table.lines td:nth-child(2) { min-width: 180px; }
.status-fail { color: #b3261e; font-weight: bold; } .status-warn { color: #8a5a00; font-weight: bold; }
.status-pass { color: #1e6b34; }
ul.notes { padding-left: 18px; color: var(--muted); }
figure { margin: 8px 0; } svg text { font-family: inherit; }
.print-hint { background: var(--soft); padding: 6px 10px; border-radius: 4px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5px; }
  .print-hint { display: none; }
  a { color: inherit; text-decoration: none; }
  h2 { break-after: avoid; }
  table.grid thead { display: table-header-group; }
  table.grid tr, figure, .totals { break-inside: avoid; }
  table.grid th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def quote_html(report: QuoteReport) -> str:
    """The whole report as an HTML document (UTF-8 text): the summary a customer reads first (title
    block, totals, cost per service, key assumptions, points to review, notes), then after a page
    break the appendix (line items, scenarios, prices used with their dates, limit checks)."""
    lg = report.lang
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"ja" if lg == "ja" else "en"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(w('title', lg))} — {escape(report.name)}</title><style>{CSS}</style></head><body>",
        f'<p class="print-hint">{escape(w("print_hint", lg))}</p>',
        '<section class="summary">',
        f"<header><h1>{escape(w('title', lg))}</h1>",
        f'<p class="design-name">{escape(report.name)}</p>',
        '<table class="info">' + "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>"
                                         for k, v in tables.info_rows(report)) + "</table>",
        f'<p class="meta">{escape(w("generated", lg, date=format_date(report.today, lg)))} · '
        f'{escape(report.region_label)} · {escape(w("prices_as_of", lg))} {escape(report.price_dates_text)}</p>',
    ]
    if report.description:
        parts.append(f'<p class="lead">{escape(report.description)}</p>')
    parts.append("</header>")
    parts += _totals(report)
    parts += [f"<h2>{escape(w('by_service', lg))}</h2>", '<table class="totals services">']
    parts += [f"<tr><th>{escape(name)}</th><td>{escape(_money(report, amount))}</td></tr>"
              for name, amount in tables.service_rows(report)]
    parts.append("</table>")
    parts += [f"<h2>{escape(w('key_assumptions', lg))}</h2>", '<table class="info assumptions">']
    parts += [f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in tables.assumption_rows(report)]
    parts.append("</table>")
    parts += [f"<h2>{escape(w('risks', lg))}</h2>", '<ul class="risks">']
    risks = tables.risk_rows(report)
    parts += [f'<li><span class="status-{"fail" if status == status_word("fail", lg) else "warn"}">{escape(status)}'
              f"</span> {escape(consequence)} <em>{escape(action)}</em></li>" for status, consequence, action in risks]
    if not risks:
        parts.append(f"<li>{escape(w('no_risks', lg))}</li>")
    parts.append("</ul>")
    warnings = tables.customer_warnings(report)
    if warnings:
        parts += [f"<h2>{escape(w('warnings', lg))}</h2>", "<ul>"] + [f"<li>{escape(x)}</li>" for x in warnings]
        parts.append("</ul>")
    notes = ([report.info["notes"]] if report.info.get("notes") else []) + [w("estimate_basis", lg),
                                                                           w("prices_basis", lg)]
    parts += [f"<h2>{escape(w('customer_notes', lg))}</h2>", '<ul class="customer-notes">']
    parts += [f"<li>{escape(n)}</li>" for n in notes] + ["</ul>", "</section>"]
    # the appendix: after a page break when printed
    parts += ['<section class="appendix">', f"<h2>{escape(w('breakdown', lg))}</h2>", "<figure>",
              bar_chart_svg(report), "</figure>"]
    parts += _line_table(report)
    if report.ranged:
        parts += _grid(w("scenarios", lg), tables.scenario_header(lg), tables.scenario_rows(report), report,
                       numeric={1, 2, 3}, money_cols={1, 2, 3}, note=w("range_method", lg))
    header = tables.price_header(lg)
    parts += _grid(w("appendix_prices", lg), header, tables.price_rows(report), report,
                   link_col=tables.PRICE_SOURCE, short_links=True, note=w("prices_basis", lg))
    parts += _check_table(report)
    parts += ['<ul class="notes">'] + [f"<li>{escape(n)}</li>" for n in tables.notes(report)] + ["</ul>"]
    parts.append("</section></body></html>")
    return "\n".join(parts)


def _line_table(report: QuoteReport) -> list[str]:
    """Line items sized for A4: the formula under the dimension; sources are in the prices table."""
    lg, header = report.lang, tables.line_header(report)
    cols = [header[0], header[1], header[2], header[3], header[4], header[5], header[tables.AMOUNT]]
    out = [f"<h2>{escape(w('appendix_lines', lg))}</h2>", '<div class="scroll"><table class="grid lines"><thead><tr>'
           + "".join(f"<th>{escape(h)}</th>" for h in cols) + "</tr></thead><tbody>"]
    for row in tables.line_rows(report):
        dimension = f'{escape(row[2])}<div class="how">{escape(row[tables.FORMULA])}</div>' if lg != "ja" \
            else escape(row[2])
        out.append("<tr>" + _cell(row[0], report, numeric=False, money=False) + f"<td>{escape(row[1])}</td>"
                   + f"<td>{dimension}</td>"
                   + _cell(row[3], report, numeric=True, money=False)
                   + _cell(row[4], report, numeric=False, money=False)
                   + _cell(row[tables.UNIT_PRICE_TEXT], report, numeric=False, money=False)
                   + _cell(row[tables.AMOUNT], report, numeric=True, money=True)
                   + "</tr>")
    out.append("</tbody></table></div>")
    return out


def _check_table(report: QuoteReport) -> list[str]:
    """Readiness checks sized for A4: peak and limit in one cell, consequence and action together."""
    lg, header = report.lang, tables.check_header(report.lang)
    cols = [header[0], header[1], header[2], f"{header[6]} / {header[4]}", header[8], header[9],
            f"{header[10]} · {header[11]}"]
    out = [f"<h2>{escape(w('appendix_checks', lg))}</h2>", '<div class="scroll"><table class="grid"><thead><tr>'
           + "".join(f"<th>{escape(h)}</th>" for h in cols) + "</tr></thead><tbody>"]
    for c, row in zip(sorted(report.readiness.checks, key=lambda c: STATUS_ORDER[c.status]), tables.check_rows(report),
                      strict=True):
        peak = "—" if c.peak_demand is None else _plain(c.peak_demand)
        limit = "—" if c.limit_value is None else _plain(c.limit_value)
        head = "—" if c.headroom_pct is None else f"{c.headroom_pct:,.1f}"
        out.append(f'<tr><td class="status-{c.status}">{escape(row[0])}</td><td>{escape(check_name(c.id, lg))}</td>'
                   f"<td>{escape(component_shown(c.component, lg))}</td><td>{escape(peak)} / {escape(limit)}"
                   f"<div class=\"how\">{escape(row[7])}</div></td>"
                   f'<td class="num">{escape(head)}</td><td class="num">{c.affected_requests_per_month:,.0f}</td>'
                   f"<td>{escape(row[10])}<div class=\"how\">{escape(row[11])}</div></td></tr>")
    out.append("</tbody></table></div>")
    return out


def _plain(value) -> str:
    """A figure with up to 6 significant digits, never in scientific notation: 12345678 → "12,345,678"."""
    number = Decimal(f"{float(value):.6g}")
    return f"{number:,.0f}" if abs(number) >= 1000 or number == number.to_integral_value() \
        else f"{number.normalize():f}"


def _money(report: QuoteReport, amount) -> str:
    return format_money(Decimal(str(amount)), report.settings.currency, report.lang)


def _totals(report: QuoteReport) -> list[str]:
    lg = report.lang
    rows = ['<table class="totals">']
    totals = tables.total_rows(report)
    for index, (label, amount, _) in enumerate(totals):
        grand = ' class="grand"' if index == len(totals) - 1 else ""
        rows.append(f"<tr{grand}><th>{escape(label)}</th><td>{escape(_money(report, amount))}</td></tr>")
    if report.ranged:
        low, high = report.quotes["low"].total, report.quotes["high"].total
        rows.append(f"<tr><th>{escape(w('range', lg))}</th><td>{escape(w('case_low', lg))} "
                    f"{escape(_money(report, low))} – {escape(w('case_high', lg))} "
                    f"{escape(_money(report, high))}</td></tr>")
    year = _money(report, report.money(report.year_usd))
    rows.append(f"<tr><th>{escape(w('year', lg))}</th><td>{escape(year)}</td></tr>")
    status = report.readiness.worst_status
    rows.append(f'<tr><th>{escape(w("readiness_overall", lg))}</th><td class="status-{status}">'
                f"{escape(status_word(status, lg))}</td></tr></table>")
    rows.append(f'<p class="note">{escape(rounding_rule(report.settings, lg))} '
                f'{escape(rate_note(report.settings, lg))}</p>')
    return rows


def _cell(value, report: QuoteReport, *, numeric: bool, money: bool, short_links: bool = False,
          link: bool = False) -> str:
    """One table cell; only a `link` cell (the price catalog's source) may become an <a href>: a URL
    typed into the design is shown as text, never as a live link."""
    if value is None:
        return '<td class="num">—</td>' if numeric else "<td></td>"
    if money:
        return f'<td class="num">{escape(_money(report, value))}</td>'
    if numeric and isinstance(value, (int, float, Decimal)):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        text = f"{number:,.2f}" if abs(number) >= 1 or number == 0 else f"{number.normalize():f}"
        return f'<td class="num">{escape(text.rstrip("0").rstrip(".") if "." in text else text)}</td>'
    text = str(value)
    if link and text.startswith("https://"):
        shown = urlsplit(text).netloc if short_links else text
        return f'<td class="src"><a href="{escape(text, quote=True)}">{escape(shown)}</a></td>'
    return f"<td>{escape(text)}</td>"


def _grid(title: str, header: list[str], rows: list[list], report: QuoteReport, *,
          numeric: Collection[int] = frozenset(),
          money_cols: set[int] | None = None, status_col: int | None = None, note: str = "",
          short_links: bool = False, link_col: int | None = None) -> list[str]:
    money_cols = {tables.AMOUNT} if money_cols is None and tables.AMOUNT in numeric else (money_cols or set())
    out = [f"<h2>{escape(title)}</h2>"]
    if note:
        out.append(f'<p class="note">{escape(note)}</p>')
    out.append('<table class="grid"><thead><tr>' + "".join(f"<th>{escape(h)}</th>" for h in header)
               + "</tr></thead><tbody>")
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            if index == status_col:
                status = next((s for s in ("fail", "warn", "pass") if status_word(s, report.lang) == value), "pass")
                cells.append(f'<td class="status-{status}">{escape(str(value))}</td>')
            else:
                cells.append(_cell(value, report, numeric=index in numeric, money=index in money_cols,
                                   short_links=short_links, link=index == link_col))
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out


def bar_chart_svg(report: QuoteReport, width: int = 720) -> str:
    """Horizontal bars of monthly cost per component in the quote's currency (rounded lines summed),
    with a low–high whisker per component when the design has ranges."""
    amounts = report.component_amounts()
    lows = report.component_amounts("low") if report.ranged else {}
    highs = report.component_amounts("high") if report.ranged else {}
    items = sorted(amounts.items(), key=lambda kv: kv[1], reverse=True)
    if not items:
        return "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'></svg>"
    label_w, value_w, bar_h, gap, top = 170, 110, 20, 8, 8
    plot_w = width - label_w - value_w
    values = [float(v) for _, v in items] + [float(v) for v in lows.values()] + [float(v) for v in highs.values()]
    low_end, high_end = min(0.0, *values), max(0.0, *values)
    span = (high_end - low_end) or 1.0

    def x(value: float) -> float:
        return label_w + (float(value) - low_end) / span * plot_w

    height = top * 2 + len(items) * (bar_h + gap)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-label="{escape(w("breakdown", report.lang), quote=True)}">']
    zero = x(0)
    for index, (component, amount) in enumerate(items):
        y = top + index * (bar_h + gap)
        start, end = sorted((zero, x(float(amount))))
        color = "#2e7d32" if amount < 0 else "#1f5f99"
        out.append(f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" font-size="12">'
                   f"{escape(component)}</text>")
        out.append(f'<rect x="{start:.1f}" y="{y}" width="{max(end - start, 0.5):.1f}" height="{bar_h}" '
                   f'fill="{color}"/>')
        if component in lows and component in highs:
            lo, hi = sorted((x(float(lows[component])), x(float(highs[component]))))
            mid = y + bar_h / 2
            out.append(f'<path d="M{lo:.1f},{mid} H{hi:.1f} M{lo:.1f},{y + 4} V{y + bar_h - 4} '
                       f'M{hi:.1f},{y + 4} V{y + bar_h - 4}" stroke="#222" stroke-width="1.5" fill="none"/>')
        out.append(f'<text x="{width - value_w + 6}" y="{y + bar_h * 0.72:.1f}" font-size="12">'
                   f"{escape(_money(report, amount))}</text>")
    out.append(f'<line x1="{zero:.1f}" y1="{top - 2}" x2="{zero:.1f}" y2="{height - top + 2}" stroke="#888"/>')
    out.append("</svg>")
    return "".join(out)
