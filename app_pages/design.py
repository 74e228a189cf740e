"""Design page: pick a template or open a file, edit the main numbers, see the estimate, export a
quote and share the design."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from app_state import (
    current_scenarios,
    edit_bound,
    edit_component,
    edit_top,
    init_state,
    lang,
    quote_settings,
    set_design,
    share_settings,
    share_token,
    switch_range,
    template_data,
)
from charts import cost_breakdown_figure, flow_dot
from exports.files import export_files
from models.design import REGION_NAMES, DesignError
from models.design_text import dump_design_text, load_design_data
from models.estimate import Estimate
from models.money import Quote, QuoteSettings, format_money, make_quote, rate_note, rounding_rule
from models.ranges import expected_value, is_range, spread
from planner import estimate_data, expected_data
from storage.share import share_url
from templates import template_keys
from ui_fields import FieldSpec, current_value, editable_fields, field_applies, ranged_value
from ui_import import import_panel
from ui_text import format_date, t, tf

MAX_UPLOAD_BYTES = 1_000_000
FREE_TIERS = ["none", "always", "first_year"]


def on_template_change() -> None:
    key = st.session_state.template
    set_design(template_data(key), key)


def open_panel(lg: str) -> None:
    """Template picker and file upload."""
    st.selectbox(t("template", lg), template_keys(), key="template", on_change=on_template_change,
                 format_func=lambda k: template_data(k)["name"], help=t("template_help", lg))
    upload = st.file_uploader(t("upload", lg), type=["yaml", "yml", "json"], key="upload", help=t("upload_help", lg))
    if upload is not None and upload.file_id != st.session_state.get("upload_id"):
        st.session_state.upload_id = upload.file_id
        st.session_state.upload_error = None
        try:
            if upload.size > MAX_UPLOAD_BYTES:
                raise DesignError([f"{upload.name}: {upload.size:,} bytes is too large (limit {MAX_UPLOAD_BYTES:,})"])
            data = load_design_data(upload.getvalue().decode("utf-8", errors="replace"))
            estimate_data(data)  # validate before replacing the current design
            set_design(data, upload.name)
        except DesignError as err:
            st.session_state.upload_error = (upload.name, err.problems)
    if st.session_state.get("upload_error"):
        name, problems = st.session_state.upload_error
        st.error(f"{t('upload_error', lg)} {name}\n\n" + "\n".join(f"- {p}" for p in problems))
    import_panel(lg)


def link_messages(lg: str) -> None:
    """What happened to the design in the link this session was opened with."""
    if st.session_state.get("share_error"):
        st.error(t("share_error", lg) + "\n\n" + "\n".join(f"- {p}" for p in st.session_state.share_error))
    elif st.session_state.get("share_opened"):
        st.success(t("share_opened", lg))


def design_form(design: dict, lg: str) -> None:
    """Widgets for the design's main numbers; each writes into the current design on change."""
    rev = st.session_state.rev
    regions = list(REGION_NAMES)
    region = design.get("region", "us-east-1")
    st.selectbox(t("region", lg), regions, index=regions.index(region) if region in regions else 0,
                 key=f"r{rev}.region", format_func=lambda r: f"{r} — {REGION_NAMES[r]}", help=t("region_help", lg),
                 on_change=edit_top, args=("region", f"r{rev}.region"))
    free = design.get("free_tier", "always")
    st.selectbox(t("free_tier", lg), FREE_TIERS, index=FREE_TIERS.index(free) if free in FREE_TIERS else 1,
                 key=f"r{rev}.free_tier", help=t("free_tier_help", lg),
                 on_change=edit_top, args=("free_tier", f"r{rev}.free_tier"))
    requests = (design.get("workload") or {}).get("requests_per_month")
    if requests is not None:
        spec = FieldSpec("requests_per_month", "", "", 0, 1e13, 100000.0)
        label = t("requests_per_month", lg)
        st.number_input(label, min_value=0.0, max_value=1e13, value=_clamped(expected_value(requests), spec),
                        step=100000.0, format="%.0f", key=f"r{rev}.requests", help=t("requests_per_month_help", lg),
                        on_change=edit_top, args=("requests_per_month", f"r{rev}.requests"))
        st.checkbox(t("range_toggle", lg), value=is_range(requests), key=f"r{rev}.requests.ranged",
                    help=t("range_toggle_help", lg), on_change=switch_range,
                    args=(None, "requests_per_month", f"r{rev}.requests.ranged"))
        if is_range(requests):
            bound_inputs(None, spec, requests, label, f"r{rev}.requests", lg, number_format="%.0f")
    st.markdown(f"**{t('components', lg)}**")
    for index, component in enumerate(design.get("components") or []):
        title = f"{component.get('id')} · {component.get('type')}"
        if component.get("from"):
            title += f" ← {component['from']}"
        with st.expander(component.get("label") or title):
            component_widgets(index, component, rev, lg)


def _clamped(value, spec: FieldSpec) -> float:
    """A design value inside the widget's limits (a hand-written file may go beyond them)."""
    number = float(value) if isinstance(value, (int, float)) else float(spec.default or 0)
    low = float(spec.min) if spec.min is not None else number
    high = float(spec.max) if spec.max is not None else number
    return min(max(number, low), high)


def bound_inputs(index: int | None, spec: FieldSpec, rng: dict, label: str, key: str, lg: str,
                 number_format: str | None = None) -> None:
    """Low and high inputs of a ranged number, side by side."""
    low, _, high = spread(rng)
    cols = st.columns(2)
    for col, bound, value in ((cols[0], "low", low), (cols[1], "high", high)):
        widget_key = f"{key}.{bound}"
        common = dict(key=widget_key, help=tf("range_bound_help", lg, bound=t(f"bound_{bound}", lg)),
                      on_change=edit_bound, args=(index, spec.name, bound, widget_key))
        text = tf(f"range_{bound}", lg, label=label)
        if spec.integer:
            col.number_input(text, min_value=int(spec.min), max_value=int(spec.max), value=int(_clamped(value, spec)),
                             step=int(spec.step), **common)
        else:
            extra = {"format": number_format} if number_format else {}
            col.number_input(text, min_value=float(spec.min), max_value=float(spec.max), value=_clamped(value, spec),
                             step=float(spec.step), **extra, **common)


def component_widgets(index: int, component: dict, rev: int, lg: str) -> None:
    """Widgets for one component's main numbers (a ranged number also gets its low and high)."""
    for spec in editable_fields(component):
        if not field_applies(spec, component):
            continue
        start = current_value(component, spec)
        key = f"r{rev}.{index}.{spec.name}"
        common = dict(key=key, help=spec.help_ja if lg == "ja" else spec.help_en,
                      on_change=edit_component, args=(index, spec.name, key))
        label = t(spec.name, lg)
        if spec.choices:
            st.selectbox(label, spec.choices, index=spec.choices.index(start) if start in spec.choices else 0, **common)
        elif spec.integer:
            st.number_input(label, min_value=int(spec.min), max_value=int(spec.max), value=int(_clamped(start, spec)),
                            step=int(spec.step), **common)
        else:
            st.number_input(label, min_value=float(spec.min), max_value=float(spec.max), value=_clamped(start, spec),
                            step=float(spec.step), **common)
        rng = ranged_value(component, spec)
        if rng is not None:
            bound_inputs(index, spec, rng, label, key, lg)


def yaml_editor(design: dict, lg: str) -> None:
    """The whole design as YAML; Apply replaces the design only if it is valid."""
    with st.expander(t("editor", lg)):
        with st.form(key="yaml_form"):
            text = st.text_area("YAML", value=dump_design_text(design), height=360, help=t("editor_help", lg))
            applied = st.form_submit_button(t("apply", lg))
        if applied:
            try:
                data = load_design_data(text)
                estimate_data(data)
                set_design(data, st.session_state.get("design_label", "yaml"))
                st.rerun()
            except DesignError as err:
                st.error(t("design_error", lg) + "\n\n" + "\n".join(f"- {p}" for p in err.problems))


def line_item_table(est: Estimate, lg: str, quote: Quote | None = None) -> pd.DataFrame:
    """The line items with localised column names: the engine's USD figures, and (with `quote`) each
    line's rounded amount in the quote's currency — the numbers the total adds up."""
    rows = []
    lines = quote.lines if quote is not None else [None] * len(est.line_items)
    for li, ql in zip(est.line_items, lines, strict=True):
        row = {
            t("col_component", lg): li.component, t("col_service", lg): li.service,
            t("col_dimension", lg): li.dimension, t("col_quantity", lg): float(li.quantity),
            t("col_unit", lg): li.unit,
            t("col_unit_price", lg): None if li.unit_price_usd is None else float(li.unit_price_usd),
            t("col_cost", lg): None if li.cost_usd is None else float(li.cost_usd),
        }
        if quote is not None:
            row[tf("col_cost_cur", lg, cur=t(f"cur_{quote.settings.currency}", lg))] = None if ql.amount is None else float(ql.amount)
        row.update({
            t("col_as_of", lg): li.as_of.isoformat() if li.as_of else "",
            t("col_confidence", lg): li.confidence, t("col_source", lg): li.source,
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
        st.warning(f"**{t('warnings', lg)}**\n\n" + "\n".join(f"- {w}" for w in est.warnings))
    with st.expander(t("diagram", lg), expanded=True):
        st.caption(t("diagram_help", lg))
        st.graphviz_chart(flow_dot(expected_data(design)))
    by_component = pd.DataFrame([{"component": c, "cost": v} for c, v in component_amounts(quotes["expected"]).items()])
    if len(quotes) > 1:
        lows, highs = component_amounts(quotes["low"]), component_amounts(quotes["high"])
        by_component["low"] = [lows.get(c, 0.0) for c in by_component["component"]]
        by_component["high"] = [highs.get(c, 0.0) for c in by_component["component"]]
    st.plotly_chart(cost_breakdown_figure(by_component, title=t("breakdown", lg), currency=settings.currency),
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
    pages = tuple(path.stem for path in Path(__file__).parent.glob("*.py"))
    st.code(share_url(base, share_token(), share_settings(), pages), language=None, wrap_lines=True)


def page() -> None:
    lg = lang()
    design = st.session_state.design
    link_messages(lg)
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader(t("design", lg))
        open_panel(lg)
        design_form(design, lg)
        yaml_editor(design, lg)
    with right:
        estimates, problems = current_scenarios()
        if estimates is None:
            st.error(t("design_error", lg) + "\n\n" + "\n".join(f"- {p}" for p in problems))
            share_box(lg)
            return
        st.markdown(f"### {design.get('name', '')}")
        if design.get("description"):
            st.caption(design["description"])
        results(estimates, design, lg)


init_state()  # a deep link in a new session can run this page without app.py
page()
