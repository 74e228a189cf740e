"""Prices page: the catalog of the design's region, every price with its source, date and confidence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n.aws_terms import dimension_text, line_dimension_text, unit_text
from i18n.aws_terms import unit_price_text as aws_unit_price
from i18n.catalog import shown, t
from service.inputs import catalog_for
from webapp.state import lang
from webapp.views.regions import region_label, region_options


@st.cache_data(show_spinner=False)
def catalog_table(region: str, lg: str) -> pd.DataFrame:
    """One row per price (tiers joined), with localised column names: AWS's dimension names and unit prices in
    `lg`; the note says in `lg` where the price comes from, and the research note beside it is the evidence as
    the catalog records it, in English (the Price List usage types, SKUs and documents read)."""
    catalog = catalog_for(region)
    rows = []
    for price in sorted(catalog.prices.values(), key=lambda p: p.id):
        row = {
            t("col_service", lg): shown("service", price.service, lg),
            t("col_dimension", lg): dimension_text(price.id, lg, price.dimension),
            t("col_unit_price", lg): unit_price_text(price, lg),
            t("free_tier", lg): free_tier_text(price, lg),
            t("col_as_of", lg): price.as_of.isoformat(),
            t("col_confidence", lg): t(f"confidence_{price.confidence}", lg),
            t("col_source", lg): price.source, t("col_note", lg): t(f"prices_note_{price.confidence}", lg),
            t("col_research_note", lg): price.note, t("col_price_id", lg): price.id,
        }
        rows.append(row)
    return pd.DataFrame(rows)


def free_tier_text(price, lg: str) -> str:
    """The free allowance of a price: amount, unit and which free tier grants it."""
    if not price.free_tier:
        return ""
    return f"{price.free_tier.amount:,} {unit_text(price.unit, lg)} ({t(f'free_tier_{price.free_tier.kind}', lg)})"


def unit_price_text(price, lg: str) -> str:
    """Every tier's price as AWS states it ("USD 0.20 per million requests"; 「100 万リクエストあたり 0.20 USD」),
    each tier with its volume band."""
    texts = []
    for tier in range(len(price.tiers)):
        text = aws_unit_price(price, lg, tier)
        if len(price.tiers) > 1:  # the volume band: "(first 6B GB-second)", "（最初の 60 億 GB-秒）"
            name = dimension_text(price.id, lg, price.dimension)
            band = line_dimension_text(price, price.id, tier, False, lg, price.dimension).removeprefix(name).strip()
            text = f"{band} {text}"
        texts.append(text)
    return "; ".join(texts)


def page() -> None:
    lg = lang()
    st.subheader(t("prices_title", lg))
    st.caption(t("prices_caption", lg))
    regions, catalogs = region_options(None)
    current = st.session_state.design.get("region", "us-east-1")
    region = st.selectbox(t("region", lg), regions, key="prices_region",
                          index=regions.index(current) if current in regions else 0,
                          format_func=lambda r: region_label(r, catalogs, lg))
    table = catalog_table(region, lg)
    counts = table[t("col_confidence", lg)].value_counts().to_dict()
    st.caption(" · ".join(f"{k}: {v}" for k, v in counts.items()))
    if st.checkbox(t("prices_assumed_only", lg), key="prices_assumed_only", help=t("prices_assumed_help", lg)):
        table = table[table[t("col_confidence", lg)] == t("confidence_assumed", lg)]
    st.dataframe(table, key="prices_table", hide_index=True, column_config={
        t("col_source", lg): st.column_config.LinkColumn(t("col_source", lg), display_text=t("source_link", lg))})


page()
