"""The estimate of the current design as the Design and Cost pages show it: totals (with ranges,
currency and tax), warnings, the flow diagram, the cost chart, line items, exports and the share link."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from i18n.catalog import format_date, shown, t, tf
from i18n.format import format_money, rate_note, rounding_rule
from models.costs.estimate import Estimate
from models.costs.money import Quote, QuoteSettings, make_quote
from service import expected_data
from storage.designs import StorageError
from storage.share import share_url
from storage.short_links import ShortLinks, short_url
from webapp.charts import cost_breakdown_figure, flow_dot
from webapp.state import current_scenarios, design_text, quote_settings, share_settings, share_token
from webapp.views.downloads import export_files
from webapp.views.safe import plain, problem_lines, storage_message


def estimate_panel(design: dict, lg: str) -> None:
    """The whole estimate of `design`, or the problems that stop it."""
    estimates, problems = current_scenarios()
    if estimates is None:
        st.error(t("design_error", lg) + "\n\n" + problem_lines(problems, lg))
        share_box(lg)
        return
    st.markdown(f"### {plain(design_text(design, 'name', lg))}")
    if design.get("description"):
        st.caption(plain(design_text(design, "description", lg)))
    results(estimates, design, lg)


def line_item_table(est: Estimate, lg: str, quote: Quote | None = None) -> pd.DataFrame:
    """The line items with localised column names: the engine's USD figures, and (with `quote`) each
    line's rounded amount in the quote's currency — the numbers the total adds up."""
    rows = []
    lines = quote.lines if quote is not None else [None] * len(est.line_items)
    for li, ql in zip(est.line_items, lines, strict=True):
        row = {
            t("col_component", lg): li.component, t("col_service", lg): shown("service", li.service, lg),
            t("col_dimension", lg): li.dimension, t("col_quantity", lg): float(li.quantity),
            t("col_unit", lg): li.unit,
            t("col_unit_price", lg): None if li.unit_price_usd is None else float(li.unit_price_usd),
            t("col_cost", lg): None if li.cost_usd is None else float(li.cost_usd),
        }
        if quote is not None and ql is not None:
            cost_column = tf("col_cost_cur", lg, cur=t(f"cur_{quote.settings.currency}", lg))
            row[cost_column] = None if ql.amount is None else float(ql.amount)
        row.update({
            t("col_as_of", lg): li.as_of.isoformat() if li.as_of else "",
            t("col_confidence", lg): t(f"confidence_{li.confidence}", lg), t("col_source", lg): li.source,
            t("col_formula", lg): li.formula,
        })
        rows.append(row)
    return pd.DataFrame(rows)


def component_amounts(quote: Quote) -> dict[str, float]:
    """Per component: the sum of its rounded lines (so the bars add up to the total)."""
    totals: dict[str, float] = {}
    for line in quote.lines:
        totals[line.item.component] = totals.get(line.item.component, 0.0) + float(line.amount or 0)
    return totals


def totals(quotes: dict[str, Quote], settings: QuoteSettings, est: Estimate, lg: str) -> None:
    """The monthly total (and with tax, the total including it), the range, and how it was rounded."""
    q = quotes["expected"]
    cur = t(f"cur_{settings.currency}", lg)

    def money(amount) -> str:
        return format_money(amount, settings.currency, lg)

    if settings.tax_pct:
        cols = st.columns(2)
        cols[0].metric(tf("total_excl", lg, cur=cur), money(q.subtotal), help=t("total_help", lg))
        cols[1].metric(tf("total_incl", lg, pct=f"{settings.tax_pct.normalize():f}"), money(q.total),
                       help=t("total_incl_help", lg))
    else:
        st.metric(tf("total_cur", lg, cur=cur), money(q.total), help=t("total_help", lg))
    if len(quotes) > 1:
        st.info(tf("range_caption", lg, low=money(quotes["low"].total), expected=money(q.total),
                   high=money(quotes["high"].total)) + "\n\n" + t("range_method", lg))
    exact = format_money(q.exact_subtotal, settings.currency, lg, places=4 if settings.currency == "USD" else 2)
    notes = [rounding_rule(settings, lg) + " " + tf("exact_total", lg, amount=exact), rate_note(settings, lg)]
    dates = est.price_dates()
    if dates:
        notes.insert(0, f"{t('prices_as_of', lg)}: {format_date(dates[0], lg)} – {format_date(dates[1], lg)}")
    st.caption(" · ".join(notes))


def results(estimates: dict[str, Estimate], design: dict, lg: str) -> None:
    """Totals, warnings, diagram, chart, line items, exports and the share link."""
    settings = quote_settings()
    est = estimates["expected"]
    quotes = {case: make_quote(e.line_items, settings) for case, e in estimates.items()}
    totals(quotes, settings, est, lg)
    if est.warnings:
        st.warning(f"**{t('warnings', lg)}**\n\n" + problem_lines(list(est.warnings), lg))
    with st.expander(t("diagram", lg), expanded=True):
        st.caption(t("diagram_help", lg))
        st.graphviz_chart(flow_dot(expected_data(design)))
    by_component = pd.DataFrame([{"component": c, "cost": v} for c, v in component_amounts(quotes["expected"]).items()])
    if len(quotes) > 1:
        lows, highs = component_amounts(quotes["low"]), component_amounts(quotes["high"])
        by_component["low"] = [lows.get(c, 0.0) for c in by_component["component"]]
        by_component["high"] = [highs.get(c, 0.0) for c in by_component["component"]]
    st.plotly_chart(cost_breakdown_figure(by_component, title=t("breakdown", lg), currency=settings.currency,
                                          lang=lg),
                    key="breakdown_chart")
    st.subheader(t("line_items", lg))
    st.dataframe(line_item_table(est, lg, quotes["expected"]), key="line_items", hide_index=True, column_config={
        t("col_source", lg): st.column_config.LinkColumn(t("col_source", lg), display_text="source"),
        t("col_unit_price", lg): st.column_config.NumberColumn(format="%.10g"),
        t("col_cost", lg): st.column_config.NumberColumn(format="%.4f"),
        tf("col_cost_cur", lg, cur=t(f"cur_{settings.currency}", lg)): st.column_config.NumberColumn(
            format="%,.0f" if settings.currency == "JPY" else "%,.2f"),
        t("col_quantity", lg): st.column_config.NumberColumn(format="%,.2f"),
    })
    exports(design, settings, lg)
    share_box(lg)


def exports(design: dict, settings: QuoteSettings, lg: str) -> None:
    """Download buttons. Quotes are built only when clicked (they re-run the estimate and the checks)."""
    st.subheader(t("export", lg))
    st.caption(tf("export_caption", lg, cur_in=t(f"cur_in_{settings.currency}", lg)))
    files = export_files(design, settings, lg, date.today())
    for row in (files[:3], files[3:]):
        cols = st.columns(len(row))
        for col, item in zip(cols, row, strict=True):
            label = tf(item.label, lg, cur=t(f"cur_{settings.currency}", lg))
            col.download_button(label, data=item.make, file_name=item.file_name, mime=item.mime, key=item.key,
                                on_click="ignore", icon=item.icon)


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
    st.code(share_url(base, share_token(), share_settings(), pages), language=None, wrap_lines=True)
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
