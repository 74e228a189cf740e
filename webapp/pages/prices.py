"""Prices page: the catalog of the design's region, every price with its source, date and confidence."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from i18n.aws_terms import dimension_text, line_dimension_text, unit_text
from i18n.aws_terms import unit_price_text as aws_unit_price
from i18n.catalog import shown, t
from models.design.schema import COMMERCIAL_REGION
from service.inputs import catalog_for, catalog_key
from webapp.state import lang
from webapp.views.cards import Card, card_list, narrow, responsive_style, row_cards, wide
from webapp.views.price_source import RESHOW_KEY, reshow_region, source_panel
from webapp.views.regions import region_label, region_options

#: a phone gets at most this many price cards: ~240 tiers is a scroll nobody finishes; the filters narrow the list
MAX_CARDS = 60


def natural_key(price_id: str) -> tuple[tuple[int, float, str], ...]:
    """A price id's sort key that orders numbers by value: cache sizes 0.5, 1.6, 6.1, 13.5 … 237 GB, not as text.

    >>> sorted(["c.118gb", "c.13.5gb", "c.0.5gb", "c.6.1gb"], key=natural_key)
    ['c.0.5gb', 'c.6.1gb', 'c.13.5gb', 'c.118gb']
    """
    parts = re.split(r"(\d+(?:\.\d+)?)", price_id)
    return tuple((0, float(part), "") if index % 2 else (1, 0.0, part) for index, part in enumerate(parts))


@st.cache_data(show_spinner=False, max_entries=32)
def catalog_table(region: str, lg: str, prices: str) -> pd.DataFrame:
    """One row per price tier, with localised column names: AWS's dimension names (with the tier's volume band)
    and unit prices in `lg`; the note says in `lg` where the price comes from, and the research note beside it is
    the evidence as the catalog records it, in English (the Price List usage types, SKUs and documents read).
    `prices` (`catalog_key`) keys the cache: a refresh or another choice of catalog builds the table anew."""
    catalog = catalog_for(region)
    rows = []
    for price in sorted(catalog.prices.values(), key=lambda p: natural_key(p.id)):
        for tier in range(len(price.tiers)):
            rows.append({
                t("col_service", lg): shown("service", price.service, lg),
                t("col_dimension", lg): tier_dimension_text(price, tier, lg),
                t("col_unit_price", lg): aws_unit_price(price, lg, tier),
                t("free_tier", lg): free_tier_text(price, lg) if tier == 0 else "",
                t("col_as_of", lg): price.tier_source(tier)[1].isoformat(),
                t("col_confidence", lg): t(f"confidence_{price.tier_confidence(tier)}", lg),
                t("col_source", lg): price.tier_source(tier)[0],
                t("col_note", lg): t(f"prices_note_{price.tier_confidence(tier)}", lg),
                t("col_research_note", lg): price.note, t("col_price_id", lg): price.id,
            })
    return pd.DataFrame(rows)


def tier_dimension_text(price, tier: int, lg: str) -> str:
    """The dimension as AWS names it, with the tier's volume band when the price has tiers
    ("Duration (first 6B GB-seconds)")."""
    if len(price.tiers) == 1:
        return dimension_text(price.id, lg, price.dimension)
    return line_dimension_text(price, price.id, tier, False, lg, price.dimension)


def free_tier_text(price, lg: str) -> str:
    """The free allowance of a price: amount, unit and which free tier grants it."""
    if not price.free_tier:
        return ""
    return f"{price.free_tier.amount:,} {unit_text(price.unit, lg)} ({t(f'free_tier_{price.free_tier.kind}', lg)})"


def price_cards(table: pd.DataFrame, lg: str) -> list[Card]:
    """A card per price tier, as the grid's row says it: the dimension with its volume band, the unit price, then
    the service, the free tier (on a price's first tier), confidence, date and a link to the source, its address
    shortened."""
    source = t("col_source", lg)
    return row_cards(table.to_dict("records"), t("col_dimension", lg), t("col_unit_price", lg),
                     [t("col_service", lg), t("free_tier", lg), t("col_confidence", lg), t("col_as_of", lg), source],
                     links=(source,))


def filters(table: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The rows the service picker and the "only assumed" box leave (every service when none is picked)."""
    services = list(table[t("col_service", lg)].unique())
    picked = st.session_state.get("prices_services") or []
    if any(s not in services for s in picked):  # picked in another Region or language: not an option here
        st.session_state["prices_services"] = [s for s in picked if s in services]
    chosen = st.multiselect(t("page.prices.services", lg), services, key="prices_services",
                            placeholder=t("page.prices.services_all", lg))
    if chosen:
        table = table[table[t("col_service", lg)].isin(chosen)]
    if st.checkbox(t("prices_assumed_only", lg), key="prices_assumed_only", help=t("prices_assumed_help", lg)):
        assumed = set(table.loc[table[t("col_confidence", lg)] == t("confidence_assumed", lg), t("col_price_id", lg)])
        table = table[table[t("col_price_id", lg)].isin(assumed)]  # every tier of a price with an assumed one
    return table


def page() -> None:
    lg = lang()
    st.subheader(t("prices_title", lg))
    st.caption(t("prices_caption", lg))
    current = st.session_state.design.get("region", "us-east-1")
    current = current if isinstance(current, str) and COMMERCIAL_REGION.match(current) else None
    regions, catalogs = region_options(current)  # the design's Region too, when it has no catalog yet
    if st.session_state.get(RESHOW_KEY):
        reshow_region()
    region = st.selectbox(t("region", lg), regions, key="prices_region",
                          index=regions.index(current) if current in regions else 0,
                          format_func=lambda r: region_label(r, catalogs, lg, on_prices_page=True))
    source_panel(region, lg)
    if region not in catalogs:  # nothing to list until the button above builds it
        st.info(t("page.prices.source.none_yet", lg, region=region))
        return
    table = catalog_table(region, lg, catalog_key(region))
    counts = table[t("col_confidence", lg)].value_counts().to_dict()  # per price tier, as the rows
    st.caption(t("prices_counts", lg, counts=" · ".join(f"{k}: {v}" for k, v in counts.items())))
    table = filters(table, lg)
    responsive_style()  # a phone gets a card per price tier instead of the grid (ux.md F4)
    with wide("prices"):
        st.dataframe(table, key="prices_table", hide_index=True, column_config={
            t("col_source", lg): st.column_config.LinkColumn(t("col_source", lg), display_text=t("source_link", lg))})
    card_list(price_cards(table.head(MAX_CARDS), lg), "prices")  # cards only for the rows a phone shows
    if len(table) > MAX_CARDS:
        narrow("prices_more").caption(t("page.prices.cards_more", lg, shown=MAX_CARDS, total=len(table),
                                        left=len(table) - MAX_CARDS))


page()
