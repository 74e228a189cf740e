"""Design page: pick a template or open a file, edit the main numbers, see the estimate."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from app_state import current_estimate, edit_component, edit_top, lang, set_design, template_data
from charts import cost_breakdown_figure
from models.design import REGION_NAMES, DesignError
from models.design_text import dump_design_text, load_design_data
from models.estimate import Estimate
from models.report import contract_dict, csv_text
from planner import estimate_data
from templates import template_keys
from ui_fields import current_value, editable_fields, field_applies
from ui_text import t

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
        st.number_input(t("requests_per_month", lg), min_value=0.0, max_value=1e13, value=float(requests),
                        step=100000.0, format="%.0f", key=f"r{rev}.requests", help=t("requests_per_month_help", lg),
                        on_change=edit_top, args=("requests_per_month", f"r{rev}.requests"))
    st.markdown(f"**{t('components', lg)}**")
    for index, component in enumerate(design.get("components") or []):
        title = f"{component.get('id')} · {component.get('type')}"
        if component.get("from"):
            title += f" ← {component['from']}"
        with st.expander(component.get("label") or title):
            component_widgets(index, component, rev, lg)


def component_widgets(index: int, component: dict, rev: int, lg: str) -> None:
    """Widgets for one component's main numbers."""
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
            st.number_input(label, min_value=int(spec.min), max_value=int(spec.max), value=int(start),
                            step=int(spec.step), **common)
        else:
            st.number_input(label, min_value=float(spec.min), max_value=float(spec.max), value=float(start),
                            step=float(spec.step), **common)


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


def line_item_table(est: Estimate, lg: str) -> pd.DataFrame:
    """The line items with localised column names (costs in USD per month)."""
    return pd.DataFrame([{
        t("col_component", lg): li.component, t("col_service", lg): li.service,
        t("col_dimension", lg): li.dimension, t("col_quantity", lg): float(li.quantity),
        t("col_unit", lg): li.unit,
        t("col_unit_price", lg): None if li.unit_price_usd is None else float(li.unit_price_usd),
        t("col_cost", lg): None if li.cost_usd is None else float(li.cost_usd),
        t("col_as_of", lg): li.as_of.isoformat() if li.as_of else "",
        t("col_confidence", lg): li.confidence, t("col_source", lg): li.source,
        t("col_formula", lg): li.formula,
    } for li in est.line_items])


def results(est: Estimate, design: dict, lg: str) -> None:
    """Total, warnings, chart, line items and downloads."""
    st.metric(t("total", lg), f"${est.total_usd:,.2f}", help=t("total_help", lg))
    dates = est.price_dates()
    if dates:
        st.caption(f"{t('prices_as_of', lg)}: {dates[0].isoformat()} – {dates[1].isoformat()}")
    if est.warnings:
        st.warning(f"**{t('warnings', lg)}**\n\n" + "\n".join(f"- {w}" for w in est.warnings))
    by_component = pd.DataFrame([{"component": c, "cost": float(v)} for c, v in est.cost_by_component().items()])
    st.plotly_chart(cost_breakdown_figure(by_component, title=t("breakdown", lg)), key="breakdown_chart")
    st.subheader(t("line_items", lg))
    st.dataframe(line_item_table(est, lg), key="line_items", hide_index=True, column_config={
        t("col_source", lg): st.column_config.LinkColumn(t("col_source", lg), display_text="source"),
        t("col_unit_price", lg): st.column_config.NumberColumn(format="%.10g"),
        t("col_cost", lg): st.column_config.NumberColumn(format="%.4f"),
        t("col_quantity", lg): st.column_config.NumberColumn(format="%,.2f"),
    })
    name = "".join(ch if ch.isalnum() else "_" for ch in design.get("name", "design"))[:60] or "design"
    cols = st.columns(3)
    cols[0].download_button(t("download_design", lg), dump_design_text(design), file_name=f"{name}.yaml",
                            mime="application/x-yaml", key="download_design")
    cols[1].download_button(t("download_csv", lg), csv_text(est), file_name=f"{name}_estimate.csv",
                            mime="text/csv", key="download_csv")
    cols[2].download_button(t("download_json", lg), json.dumps(contract_dict(est), indent=2, ensure_ascii=False),
                            file_name=f"{name}_estimate.json", mime="application/json", key="download_json")


def page() -> None:
    lg = lang()
    design = st.session_state.design
    left, right = st.columns([2, 3], gap="large")
    with left:
        st.subheader(t("design", lg))
        open_panel(lg)
        design_form(design, lg)
        yaml_editor(design, lg)
    with right:
        est, problems = current_estimate()
        if est is None:
            st.error(t("design_error", lg) + "\n\n" + "\n".join(f"- {p}" for p in problems))
            return
        st.markdown(f"### {design.get('name', '')}")
        if design.get("description"):
            st.caption(design["description"])
        results(est, design, lg)


page()
