"""The estimate of the current design as the Design and Cost pages show it: totals (with ranges,
currency and tax), warnings, the flow diagram, the cost chart, line items, exports and the share link."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from i18n.aws_terms import line_dimension_text, unit_rate_text, unit_text
from i18n.catalog import check_name, format_date, shown, t, tf
from i18n.engine_ja import say
from i18n.format import format_money, rate_note, rounding_rule
from models.checks.readiness import Readiness
from models.costs.estimate import Estimate, LineItem, billed_lines
from models.costs.money import Quote, QuoteSettings, make_quote
from models.costs.prices import Price
from models.units import plain as plain_number
from render.labels import component_label, component_names, relabelled, relabelled_all
from render.quote.report import design_words
from render.readiness import STATUS_ORDER
from service import Plan, expected_data, spike_note
from service.inputs import catalog_for
from storage.designs import StorageError
from storage.share import share_url
from storage.short_links import ShortLinks, short_url
from webapp.charts import flow_dot
from webapp.state import current_plan, current_scenarios, quote_settings, share_settings, share_token
from webapp.views.cards import Card, card_list, responsive_style, wide
from webapp.views.downloads import export_files, quote_details
from webapp.views.lazy import opened
from webapp.views.progressive import pause_before_heavy
from webapp.views.safe import plain, problem_lines, storage_message


def estimate_panel(design: dict, lg: str, headline: DeltaGenerator | None = None,
                   light_part: Callable[[], None] | None = None, page_title: str = "") -> None:
    """The whole estimate of `design`, or the problems that stop it. The name, the total and the
    readiness go into `headline` when given (the Design page puts it above the form, so a phone shows
    the total on its first screen and the browser draws it first); the rest follows where this is called.
    `light_part` draws the page's other light elements (the Design page's form) before the heavy ones.
    `page_title` ("Cost") heads the design's name in one heading ("Cost — Save app data …")."""
    estimates, problems = current_scenarios()
    top = headline if headline is not None else st.container()
    if estimates is None:
        if page_title:
            top.markdown(f"### {plain(page_title)}")
        top.error(t("design_error", lg) + "\n\n" + problem_lines(problems, lg))
        if light_part is not None:
            light_part()
        share_box(lg)
        return
    settings = quote_settings()
    quotes = {case: make_quote(e.line_items, settings) for case, e in estimates.items()}
    name, description = design_words(design, lg)  # an untouched template in Japanese: its Japanese words
    with top:
        st.markdown(f"### {plain(page_title)} — {plain(name)}" if page_title else f"### {plain(name)}")
        if description:
            st.caption(plain(description))
        totals(quotes, settings, estimates["expected"], lg, current_plan(), component_names(design, lg))
    if light_part is not None:
        pause_before_heavy()  # a new visitor: the browser draws the total before the form's widgets
        light_part()
    results(estimates, quotes, settings, design, lg)


#: units the engine counts in whole things (the rest are measures: GB, GB-s, hours, minutes)
COUNT_UNITS = frozenset({"requests", "deliveries", "MAU", "traces", "WRU", "RRU", "objects", "messages", "emails",
                         "queries", "zones", "100 WCU", "100 RCU", "invocations", "events", "cold starts"})


def quantity_text(quantity: float, unit: str) -> str:
    """A line's quantity as people read it: whole counts (3,019,470 requests, not 3,019,470.12), and
    measures to a sensible precision (335,758 GB-s, 2.88 GB, 0.815 GB-s).

    >>> quantity_text(3019470.124, "requests"), quantity_text(-0.81470214, "GB-s"), quantity_text(2.8795911, "GB")
    ('3,019,470', '-0.815', '2.88')
    """
    if unit in COUNT_UNITS:
        return f"{round(quantity):,}"
    size = abs(quantity)
    if size >= 1000:
        return f"{quantity:,.0f}"
    if size >= 1 or size == 0:
        return f"{quantity:,.2f}".rstrip("0").rstrip(".")
    return plain_number(quantity, ".3g")


def line_item_table(est: Estimate, lg: str, quote: Quote | None = None,
                    names: dict[str, str] | None = None) -> pd.DataFrame:
    """The line items with localised column names: the engine's USD figures, and (with `quote`) each
    line's rounded amount in the quote's currency — the numbers the total adds up. The quantity is
    text (whole counts, rounded measures); the exact figures are in the JSON and CSV exports. In
    Japanese the dimension and unit are AWS's Japanese terms, composed from the line's structured
    fields (as the quote does); the unit price reads as AWS states it ("USD 4.25 per million requests"). The
    component is named by its label (`names`: id → label); its id stays in the "ID" column of the details."""
    catalog = catalog_for(est.region)
    rows = []
    items = billed_lines(est.line_items)  # one line per bill line, as the quote rounds them
    lines = quote.lines if quote is not None else [None] * len(items)
    for li, ql in zip(items, lines, strict=True):
        price = catalog.get(li.price_id)
        dimension = li.dimension if lg != "ja" else line_dimension_text(
            price, li.price_id, li.tier, li.free, lg, li.price_dimension or li.dimension, li.cost_component)
        row = {
            t("col_component", lg): (names or {}).get(li.component, li.component),
            t("page.design.col_id", lg): li.component, t("col_service", lg): shown("service", li.service, lg),
            t("col_dimension", lg): dimension, t("col_quantity", lg): quantity_text(float(li.quantity), li.unit),
            t("col_unit", lg): unit_text(li.unit, lg),
            t("col_unit_price", lg): unit_price_words(li, price, lg),
            t("col_cost", lg): None if li.cost_usd is None else float(li.cost_usd),
        }
        if quote is not None and ql is not None:
            cost_column = tf("col_cost_cur", lg, cur=t(f"cur_{quote.settings.currency}", lg))
            row[cost_column] = None if ql.amount is None else float(ql.amount)
        row.update({
            t("col_as_of", lg): li.as_of.isoformat() if li.as_of else "",
            t("col_confidence", lg): t(f"confidence_{li.confidence}", lg), t("col_source", lg): li.source,
            t("col_formula", lg): li.formula if lg != "ja" else "",  # the engine's formula is English text
        })
        rows.append(row)
    return pd.DataFrame(rows)


def unit_price_words(li: LineItem, price: Price | None, lg: str) -> str:
    """The line's unit price in AWS's wording, "" when it has none."""
    if li.unit_price_usd is None:
        return ""
    if price is None:
        return unit_rate_text(li.unit_price_usd, li.unit, Decimal(1), lg)
    return unit_rate_text(li.unit_price_usd, price.unit, price.per, lg)


def line_item_details(table: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The columns the line-item grid leaves out, as text ("—" for a missing figure)."""
    columns = [t(key, lg) for key in ("col_component", "page.design.col_id", "col_dimension", "col_unit_price",
                                      "col_as_of", "col_confidence", "col_source", "col_formula")]
    return table[columns].copy().fillna("—").replace("", "—")


def component_amounts(quote: Quote) -> dict[str, float]:
    """Per component: the sum of its rounded lines (so the bars add up to the total)."""
    totals: dict[str, float] = {}
    for line in quote.lines:
        totals[line.item.component] = totals.get(line.item.component, 0.0) + float(line.amount or 0)
    return totals


def totals(quotes: dict[str, Quote], settings: QuoteSettings, est: Estimate, lg: str,
           the_plan: Plan | None = None, names: dict[str, str] | None = None) -> None:
    """The monthly total (and with tax, the total including it), the readiness status beside it and
    the worst check under it (from the cached Plan the Limits page reads), why the quantities differ
    from the input, the range, and how it was rounded."""
    q = quotes["expected"]
    cur = t(f"cur_{settings.currency}", lg)
    report = the_plan.readiness.get("expected") if the_plan is not None else None

    def money(amount) -> str:
        return format_money(amount, settings.currency, lg)

    cols = st.columns((2 if settings.tax_pct else 1) + (1 if report is not None else 0))
    if settings.tax_pct:
        cols[0].metric(tf("total_excl", lg, cur=cur), money(q.subtotal), help=t("total_help", lg))
        cols[1].metric(tf("total_incl", lg, pct=f"{settings.tax_pct.normalize():f}"), money(q.total),
                       help=t("total_incl_help", lg))
    else:
        cols[0].metric(tf("total_cur", lg, cur=cur), money(q.total), help=t("total_help", lg))
    if report is not None:
        cols[-1].metric(t("page.design.readiness", lg), t(f"status_{report.worst_status}", lg),
                        help=t("page.design.readiness_help", lg))
        readiness_reason(report, lg, names)
    if the_plan is not None:
        note = spike_note(the_plan.expected.design)
        if note is not None:
            st.caption(f"ℹ️ {t('page.design.why_quantities', lg)}: {plain(say(note, lg))}")
    if len(quotes) > 1:
        st.info(tf("range_caption", lg, low=money(quotes["low"].total), expected=money(q.total),
                   high=money(quotes["high"].total)) + "\n\n" + t("range_method", lg))
    exact = format_money(q.exact_subtotal, settings.currency, lg, places=4 if settings.currency == "USD" else 2)
    notes = [rounding_rule(settings, lg) + " " + tf("exact_total", lg, amount=exact), rate_note(settings, lg)]
    dates = est.price_dates()
    if dates:
        notes.insert(0, f"{t('prices_as_of', lg)}: {format_date(dates[0], lg)} – {format_date(dates[1], lg)}")
    st.caption(" · ".join(notes))


def worst_check(report: Readiness):
    """The check to name first: the worst status, then the most requests lost (None when all pass)."""
    bad = [c for c in report.checks if c.status != "pass"]
    return min(bad, key=lambda c: (STATUS_ORDER[c.status], -c.affected_requests_per_month)) if bad else None


def readiness_reason(report: Readiness, lg: str, names: dict[str, str] | None = None) -> None:
    """One line under the total: the worst check in words and what it costs, and the way to the Limits page."""
    worst = worst_check(report)
    if worst is not None:
        counts = {status: sum(c.status == status for c in report.checks) for status in ("fail", "warn")}
        line = tf("page.design.worst", lg, name=check_name(worst.id, lg),
                  component=plain(component_label(worst.component, lg, names or {})),
                  consequence=plain(say(relabelled(worst.consequence, names or {}), lg)))
        st.markdown(f"{t(f'status_{worst.status}', lg)[:1]} {line}")
        st.caption(tf("page.design.counts", lg, fail=counts["fail"], warn=counts["warn"], n=len(report.checks)))
    try:
        st.page_link("webapp/pages/limits.py", label=t("page.design.open_limits", lg), icon="🚦")
    except Exception:  # noqa: BLE001, S110 - the page run alone (a test's switch_page) knows no other page
        pass


def breakdown_table(by_component: pd.DataFrame, currency: str, lg: str,
                    names: dict[str, str] | None = None) -> tuple[pd.DataFrame, dict]:
    """Monthly cost per component, the dearest first, with its share of the total as a bar (and the low and high
    cases when the design has ranges); the column configuration that formats it."""
    data = by_component.sort_values("cost", ascending=False)
    total = float(data["cost"].clip(lower=0).sum()) or 1.0
    cost = tf("col_cost_cur", lg, cur=t(f"cur_{currency}", lg))
    shown_names = [(names or {}).get(c, c) for c in data["component"]]  # labels, as the diagram names them
    frame = pd.DataFrame({t("col_component", lg): shown_names, cost: data["cost"],
                          t("col_share", lg): (data["cost"].clip(lower=0) / total)})
    money = "%,.0f" if currency == "JPY" else "%,.2f"
    config = {cost: st.column_config.NumberColumn(format=money),
              t("col_share", lg): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent")}
    for case in ("low", "high"):
        if case in data:
            frame[t(f"export.col_{case}", lg)] = data[case]
            config[t(f"export.col_{case}", lg)] = st.column_config.NumberColumn(format=money)
    return frame, config


def results(estimates: dict[str, Estimate], quotes: dict[str, Quote], settings: QuoteSettings, design: dict,
            lg: str) -> None:
    """Warnings, diagram, chart, line items, exports and the share link (the totals come first: `totals`)."""
    est = estimates["expected"]
    names = component_names(design, lg)
    if est.warnings:  # a component named by its label, as on the diagram
        st.warning(f"**{t('warnings', lg)}**\n\n" + problem_lines(relabelled_all(est.warnings, names), lg))
    pause_before_heavy()  # a new visitor: the browser draws the total and the form before the grids
    with st.expander(t("diagram", lg), expanded=True):
        st.caption(t("diagram_help", lg))
        data = expected_data(design)
        # a big design is drawn at its own size (readable text; the frame scrolls), a small one fits the column
        big = len(data.get("components") or []) > 8
        st.graphviz_chart(flow_dot(data, t("page.design.diagram_alone", lg)), width="content" if big else "stretch")
    by_component = pd.DataFrame([{"component": c, "cost": v} for c, v in component_amounts(quotes["expected"]).items()])
    if len(quotes) > 1:
        lows, highs = component_amounts(quotes["low"]), component_amounts(quotes["high"])
        by_component["low"] = [lows.get(c, 0.0) for c in by_component["component"]]
        by_component["high"] = [highs.get(c, 0.0) for c in by_component["component"]]
    responsive_style()  # a phone gets the grids below as card lists (webapp/views/cards.py)
    line_items_section(est, quotes["expected"], settings, names, lg)
    # a table with share bars, not a plotly chart: plotly's 3.5 MB script delayed the page's first paint by ~1 s
    st.markdown(f"**{t('breakdown', lg)}**")
    frame, config = breakdown_table(by_component, settings.currency, lg, names)
    with wide("breakdown"):
        st.dataframe(frame, key="breakdown_table", hide_index=True, column_config=config)
    card_list(breakdown_cards(frame, settings.currency, lg), "breakdown")
    exports(design, settings, lg)
    share_box(lg)


def line_items_section(est: Estimate, quote: Quote, settings: QuoteSettings, names: dict[str, str],
                       lg: str) -> None:
    """The line items: a grid of the key columns (a card per line on a phone), the rest in the details."""
    st.subheader(t("line_items", lg))
    table = line_item_table(est, lg, quote, names)
    amount = tf("col_cost_cur", lg, cur=t(f"cur_{settings.currency}", lg))
    # what fits the Design page's column: the amount the total adds up before the engine's USD (shown
    # only when the quote is in another currency)
    # only the quantity with its unit in one column ("10,000,000 requests"), so the amount fits the column
    # (ux.md D2); the unit on its own stays in the details below
    key_columns = [t("col_component", lg), t("col_dimension", lg), t("col_quantity", lg), amount]
    if settings.currency != "USD":
        key_columns.append(t("col_cost", lg))
    grid = table.copy()
    if len(grid):
        grid[t("col_quantity", lg)] = [f"{q} {u}".strip() for q, u in
                                       zip(grid[t("col_quantity", lg)], grid[t("col_unit", lg)], strict=True)]
    with wide("line_items"):
        st.dataframe(grid, key="line_items", hide_index=True, column_order=[c for c in key_columns if c in grid],
                     column_config={  # pixel widths that fit the Design page's column at 1440 px (ux.md D2)
                         t("col_component", lg): st.column_config.TextColumn(width=105),
                         t("col_dimension", lg): st.column_config.TextColumn(width=185),
                         t("col_quantity", lg): st.column_config.TextColumn(width=150),
                         t("col_cost", lg): st.column_config.NumberColumn(format="%,.2f", width=80),
                         amount: st.column_config.NumberColumn(  # headed by the currency; the full words on hover
                             t(f"cur_{settings.currency}", lg), help=amount,
                             format="%,.0f" if settings.currency == "JPY" else "%,.2f", width=80),
                     })
    card_list(line_item_cards(table, amount, settings.currency, lg), "line_items")
    details = opened(t("page.design.details", lg), key="line_item_details")
    if details is not None:
        details.table(line_item_details(table, lg))


def line_item_cards(table: pd.DataFrame, amount: str, currency: str, lg: str) -> list[Card]:
    """A card per line: the component and the rounded amount, then the dimension and the quantity with its unit."""
    cards = []
    for row in table.to_dict("records"):
        figure = row.get(amount)
        cards.append(Card(str(row[t("col_component", lg)]),
                          "—" if figure is None or figure != figure else format_money(figure, currency, lg),
                          (str(row[t("col_dimension", lg)]),
                           f"{row[t('col_quantity', lg)]} {row[t('col_unit', lg)]}".strip())))
    return cards


def breakdown_cards(frame: pd.DataFrame, currency: str, lg: str) -> list[Card]:
    """A card per component: its monthly amount and its share of the total (and the low–high range)."""
    cost = tf("col_cost_cur", lg, cur=t(f"cur_{currency}", lg))
    low, high = t("export.col_low", lg), t("export.col_high", lg)
    cards = []
    for row in frame.to_dict("records"):
        lines = [f"{t('col_share', lg)}: {row[t('col_share', lg)]:.0%}"]
        if low in row:
            lines.append(f"{low} {format_money(row[low], currency, lg)} – "
                         f"{high} {format_money(row[high], currency, lg)}")
        cards.append(Card(str(row[t("col_component", lg)]), format_money(row[cost], currency, lg), tuple(lines)))
    return cards


#: download buttons side by side (the Design page's right-hand column holds two readable labels at 1366 px)
DOWNLOADS_PER_ROW = 2


def exports(design: dict, settings: QuoteSettings, lg: str) -> None:
    """Download buttons. Quotes are built only when clicked (they re-run the estimate and the checks)."""
    st.subheader(t("export", lg))
    st.caption(tf("export_caption", lg, cur_in=t(f"cur_in_{settings.currency}", lg)))
    problem = quote_details(lg)
    files = export_files(design, settings, lg, date.today())
    if not any(item.key == "download_pdf" for item in files):
        st.info(t("pdf_unavailable", lg))
    quotes = [item for item in files if item.key.startswith(("download_xlsx", "download_pdf", "download_html",
                                                             "download_csv"))]
    if problem is not None:
        # the dates shown are not the design's (it keeps the last valid pair): a quote now would carry dates the
        # user can no longer see, so the quote files wait; the design and estimate files are still correct
        st.warning(t("quote_downloads_wait", lg))
    others = [item for item in files if item not in quotes]
    # two buttons a row, each as wide as its column: four in the Design page's right-hand column cut the labels
    # at 1366 px ("📊 Quote (E…" beside "📄 Quote (P…"); a phone stacks the columns, a button a row; and a label
    # wraps rather than ending in "…" where even two do not fit (a tablet's 800-1024 px)
    for row in [group[i:i + DOWNLOADS_PER_ROW] for group in (quotes, others)
                for i in range(0, len(group), DOWNLOADS_PER_ROW)]:
        cols = st.columns(DOWNLOADS_PER_ROW)
        for col, item in zip(cols, row, strict=False):
            label = tf(item.label, lg, cur=t(f"cur_{settings.currency}", lg))
            off = problem is not None and item in quotes
            col.download_button(label, data=item.make, file_name=item.file_name, mime=item.mime, key=item.key,
                                on_click="ignore", icon=item.icon, width="stretch", wrap=True, disabled=off,
                                help=t("quote_downloads_wait", lg) if off else None)


def share_box(lg: str) -> None:
    """The link that reopens this design (and language and currency), ready to copy."""
    st.subheader(t("share", lg))
    st.caption(t("share_caption", lg))
    base = None
    try:
        base = st.context.url
    except Exception:  # noqa: BLE001, S110 - no browser context (tests): a relative link still works
        pass
    pages = tuple(path.stem for path in (Path(__file__).resolve().parents[1] / "pages").glob("*.py")
                  if not path.stem.startswith("_"))
    # one line that scrolls sideways, with its copy button, not a 15-line block of base64 (ux.md H2)
    st.code(share_url(base, share_token(), share_settings(), pages), language=None, wrap_lines=False)
    short_link_box(base, pages, lg)


def short_link_box(base: str | None, pages: tuple[str, ...], lg: str) -> None:
    """A short link (`?s=<id>`) on request: the design is kept in this server's designs folder."""
    if st.button(t("share.short_button", lg), key="make_short_link"):
        try:
            st.session_state.short_link = (share_token(), ShortLinks().save(st.session_state.design))
        except StorageError as err:
            st.error(t("share.short_failed", lg) + " " + storage_message(err, lg))
    made = st.session_state.get("short_link")
    if made and made[0] == share_token():  # only while the design is the one the link holds
        st.code(short_url(base, made[1], share_settings(), pages), language=None, wrap_lines=True)
        st.caption(t("share.short_caption", lg))
