"""Serverless Planner — the Streamlit app (a thin shell over planner.py and models/).

Run: streamlit run app.py
"""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from charts import cost_breakdown_figure
from models.design import REGION_NAMES, DesignError
from models.design_text import dump_design_text, load_design_data
from models.estimate import Estimate
from models.report import contract_dict, csv_text
from planner import estimate_data
from pricing.catalog import CatalogError
from templates import template_keys, template_text
from ui_fields import apply_edits, current_value, editable_fields, field_applies
from ui_text import LANGUAGES, t

MAX_UPLOAD_BYTES = 1_000_000


@st.cache_data(show_spinner=False)
def template_data(key: str) -> dict:
    """A bundled template as a design mapping (cached; callers get a copy)."""
    return load_design_data(template_text(key))


def load_design(data: dict, label: str) -> None:
    """Make `data` the design being edited; widgets restart from its values."""
    st.session_state.base_design = data
    st.session_state.design_label = label
    st.session_state.rev = st.session_state.get("rev", 0) + 1


def on_template_change() -> None:
    key = st.session_state.template
    load_design(template_data(key), key)


def init_state() -> None:
    if "base_design" not in st.session_state:
        first = template_keys()[0]
        st.session_state.template = first
        load_design(template_data(first), first)


def sidebar(lang: str) -> None:
    """Template picker and file upload."""
    with st.sidebar:
        keys = template_keys()
        st.selectbox(t("template", lang), keys, key="template", on_change=on_template_change,
                     format_func=lambda k: template_data(k)["name"], help=t("template_help", lang))
        upload = st.file_uploader(t("upload", lang), type=["yaml", "yml", "json"], key="upload",
                                  help=t("upload_help", lang))
        if upload is not None and upload.file_id != st.session_state.get("upload_id"):
            st.session_state.upload_id = upload.file_id
            st.session_state.upload_error = None
            try:
                if upload.size > MAX_UPLOAD_BYTES:
                    raise DesignError([f"{upload.name}: {upload.size:,} bytes is too large (limit {MAX_UPLOAD_BYTES:,})"])
                data = load_design_data(upload.getvalue().decode("utf-8", errors="replace"))
                estimate_data(data)  # validate before replacing the current design
                load_design(data, upload.name)
            except DesignError as err:
                st.session_state.upload_error = (upload.name, err.problems)
        if st.session_state.get("upload_error"):
            name, problems = st.session_state.upload_error
            st.error(f"{t('upload_error', lang)} {name}\n\n" + "\n".join(f"- {p}" for p in problems))


def design_form(base: dict, lang: str) -> dict:
    """Widgets for the design's main numbers; returns the edited design mapping."""
    rev = st.session_state.rev
    st.subheader(t("design", lang))
    regions = list(REGION_NAMES)
    region = base.get("region", "us-east-1")
    top = {
        "region": st.selectbox(t("region", lang), regions, index=regions.index(region) if region in regions else 0,
                               key=f"r{rev}.region", format_func=lambda r: f"{r} — {REGION_NAMES[r]}",
                               help=t("region_help", lang)),
        "free_tier": st.selectbox(t("free_tier", lang), ["none", "always", "first_year"],
                                  index=["none", "always", "first_year"].index(base.get("free_tier", "always"))
                                  if base.get("free_tier", "always") in ("none", "always", "first_year") else 1,
                                  key=f"r{rev}.free_tier", help=t("free_tier_help", lang)),
    }
    requests = (base.get("workload") or {}).get("requests_per_month")
    if requests is not None:
        top["requests_per_month"] = st.number_input(
            t("requests_per_month", lang), min_value=0.0, max_value=1e13, value=float(requests), step=100000.0,
            format="%.0f", key=f"r{rev}.requests", help=t("requests_per_month_help", lang))
    st.markdown(f"**{t('components', lang)}**")
    edits = {}
    for index, component in enumerate(base.get("components") or []):
        title = f"{component.get('id')} · {component.get('type')}" + (f" · from {component['from']}" if component.get("from") else "")
        with st.expander(component.get("label") or title, expanded=False):
            edits.update(component_widgets(index, component, rev, lang))
    return apply_edits(base, edits, top)


def component_widgets(index: int, component: dict, rev: int, lang: str) -> dict:
    """Widgets for one component; returns {(index, field): value} for values that changed."""
    edits = {}
    working = dict(component)
    for spec in editable_fields(component):
        if not field_applies(spec, working):
            if spec.name in component:
                edits[(index, spec.name)] = None
            continue
        start = current_value(component, spec)
        key = f"r{rev}.{index}.{spec.name}"
        help_text = spec.help_ja if lang == "ja" else spec.help_en
        label = t(spec.name, lang)
        if spec.choices:
            value = st.selectbox(label, spec.choices, index=spec.choices.index(start) if start in spec.choices else 0,
                                 key=key, help=help_text)
        elif spec.integer:
            value = int(st.number_input(label, min_value=int(spec.min), max_value=int(spec.max), value=int(start),
                                        step=int(spec.step), key=key, help=help_text))
        else:
            value = st.number_input(label, min_value=float(spec.min), max_value=float(spec.max), value=float(start),
                                    step=float(spec.step), key=key, help=help_text)
        if value != start or (spec.name not in component and spec.name in ("rcu", "wcu")):
            edits[(index, spec.name)] = value
        working[spec.name] = value
    return edits


def yaml_editor(edited: dict, lang: str) -> None:
    """The whole design as YAML; Apply replaces the design only if it is valid."""
    with st.expander(t("editor", lang)):
        with st.form(key="yaml_form"):
            text = st.text_area("YAML", value=dump_design_text(edited), height=360, help=t("editor_help", lang))
            applied = st.form_submit_button(t("apply", lang))
        if applied:
            try:
                data = load_design_data(text)
                estimate_data(data)
                load_design(data, st.session_state.design_label)
                st.rerun()
            except DesignError as err:
                st.error(t("design_error", lang) + "\n\n" + "\n".join(f"- {p}" for p in err.problems))


def line_item_table(est: Estimate, lang: str) -> pd.DataFrame:
    """The line items with localised column names (costs in USD per month)."""
    rows = [{
        t("col_component", lang): li.component, t("col_service", lang): li.service,
        t("col_dimension", lang): li.dimension, t("col_quantity", lang): float(li.quantity),
        t("col_unit", lang): li.unit,
        t("col_unit_price", lang): None if li.unit_price_usd is None else float(li.unit_price_usd),
        t("col_cost", lang): None if li.cost_usd is None else float(li.cost_usd),
        t("col_as_of", lang): li.as_of.isoformat() if li.as_of else "",
        t("col_confidence", lang): li.confidence, t("col_source", lang): li.source,
        t("col_formula", lang): li.formula,
    } for li in est.line_items]
    return pd.DataFrame(rows)


def results(est: Estimate, edited: dict, lang: str) -> None:
    """Total, warnings, chart, line items and downloads."""
    st.metric(t("total", lang), f"${est.total_usd:,.2f}", help=t("total_help", lang))
    dates = est.price_dates()
    if dates:
        st.caption(f"{t('prices_as_of', lang)}: {dates[0].isoformat()} – {dates[1].isoformat()}")
    if est.warnings:
        st.warning(f"**{t('warnings', lang)}**\n\n" + "\n".join(f"- {w}" for w in est.warnings))
    by_component = pd.DataFrame([{"component": c, "cost": float(v)} for c, v in est.cost_by_component().items()])
    st.plotly_chart(cost_breakdown_figure(by_component, title=t("breakdown", lang)), key="breakdown_chart")
    st.subheader(t("line_items", lang))
    table = line_item_table(est, lang)
    st.dataframe(table, key="line_items", hide_index=True, column_config={
        t("col_source", lang): st.column_config.LinkColumn(t("col_source", lang), display_text="source"),
        t("col_unit_price", lang): st.column_config.NumberColumn(format="%.10g"),
        t("col_cost", lang): st.column_config.NumberColumn(format="%.4f"),
        t("col_quantity", lang): st.column_config.NumberColumn(format="%,.2f"),
    })
    name = "".join(ch if ch.isalnum() else "_" for ch in edited.get("name", "design"))[:60] or "design"
    cols = st.columns(3)
    cols[0].download_button(t("download_design", lang), dump_design_text(edited), file_name=f"{name}.yaml",
                            mime="application/x-yaml", key="download_design")
    cols[1].download_button(t("download_csv", lang), csv_text(est), file_name=f"{name}_estimate.csv",
                            mime="text/csv", key="download_csv")
    cols[2].download_button(t("download_json", lang), json.dumps(contract_dict(est), indent=2, ensure_ascii=False),
                            file_name=f"{name}_estimate.json", mime="application/json", key="download_json")


def main() -> None:
    st.set_page_config(page_title="Serverless Planner", layout="wide")
    init_state()
    lang = st.sidebar.radio(t("language", "en") + " / " + t("language", "ja"), list(LANGUAGES),
                            format_func=LANGUAGES.get, horizontal=True, key="lang")
    st.title(t("title", lang))
    st.caption(t("tagline", lang))
    sidebar(lang)
    base = st.session_state.base_design
    left, right = st.columns([2, 3], gap="large")
    with left:
        edited = design_form(base, lang)
        yaml_editor(edited, lang)
    with right:
        try:
            est = estimate_data(edited)
        except DesignError as err:
            st.error(t("design_error", lang) + "\n\n" + "\n".join(f"- {p}" for p in err.problems))
            return
        except CatalogError as err:
            st.error(f"Price catalog: {err}")
            return
        st.markdown(f"### {edited.get('name', '')}")
        if edited.get("description"):
            st.caption(edited["description"])
        results(est, edited, lang)


main()
