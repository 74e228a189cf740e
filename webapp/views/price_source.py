"""The Prices page's "which prices" panel: refresh a Region's catalog from the AWS Price List's public price
files (no credentials: `aws.offer_files`), and choose — for this session only — whether estimates use the
bundled catalog or the refreshed one (`service.inputs.use_prices`, applied to each page run by `webapp.main`).

A successful refresh switches the session to the refreshed prices (that is what the click asks for) and says
so; the other sessions of a shared server keep their own choice. A refresh that reaches nothing (offline, a
firewall) changes nothing and says why, in the page's language."""

from __future__ import annotations

from typing import Any

import streamlit as st

from aws.price_list import OFFERS, RefreshError, RefreshResult, cached_catalog_path, refresh_catalog
from i18n.catalog import format_count, format_date, t
from i18n.engine_ja import say
from pricing.catalog import available_regions, load_catalog
from service.inputs import BUNDLED, PRICES_CHOICES, REFRESHED, refreshed_catalog
from webapp.state import PRICES_KEY, prices_source
from webapp.views.account import grid
from webapp.views.account import table as account_table

WIDGET_KEY = "prices.source"         # the radio; PRICES_KEY keeps the choice while other pages are shown
OUTCOME_KEY = "prices.refresh_outcome"  # (region, kind, text, changes, errors) of the last refresh
REGION_KEY = "prices_region"         # the page's Region picker, whose labels carry the catalog's date
RESHOW_KEY = "prices.reshow_region"  # set: the picker is given its value again on the next run (see `reshow_region`)


def reshow_region() -> None:
    """Give the Region picker its own value again, so the browser redraws the chosen Region's label: a
    refresh or another choice of catalog changes the label's date, and Streamlit's browser side keeps showing
    the old label of a keyed selectbox whose value did not change (streamlit/streamlit#8008, fix proposed in
    PR #13788, open in 2026). Call before the picker is drawn: from a callback, or `RESHOW_KEY` then a rerun."""
    region = st.session_state.pop(RESHOW_KEY, None) or st.session_state.get(REGION_KEY)
    if region:
        st.session_state[REGION_KEY] = region


def tx(key: str, lg: str, **values: Any) -> str:
    return t(f"page.prices.source.{key}", lg, **values)


def refresh_outcome(region: str, lg: str) -> tuple[str, str, list[dict[str, Any]], list[str]]:
    """Refresh `region` from the public price files: (st kind, what happened, changed prices, calls that
    failed), in `lg`. Never raises for a network or file problem: RefreshError becomes the "error" outcome."""
    try:
        result = refresh_catalog(region, via=OFFERS)
    except RefreshError as err:
        return "error", f"{tx('failed', lg)} {say(err.args[0], lg) if err.args else err}", [], []
    failed = [f"{e.get('item', '')} — {e['code']}: {say(e['message'], lg)}" for e in result.errors]
    return ("warning" if failed else "success"), summary_text(result, lg), [c.__dict__ for c in result.changes], failed


def summary_text(result: RefreshResult, lg: str) -> str:
    """What a refresh did, in numbers: prices refreshed and kept (or missing, for a Region built from the files
    alone) and how many differ from the bundled catalog."""
    if result.region not in available_regions():
        return tx("built", lg, region=result.region, refreshed=format_count(len(result.refreshed)),
                  missing=format_count(len(result.missing)))
    return tx("done", lg, region=result.region, refreshed=format_count(len(result.refreshed)),
              kept=format_count(len(result.kept)), changed=format_count(len(result.changes)))


def refresh_button(region: str, lg: str) -> None:
    """The button; a success switches this session to the refreshed prices (before the radio is drawn)."""
    if st.button(tx("refresh", lg, region=region), key="prices.refresh", help=tx("refresh_help", lg)):
        with st.spinner(tx("refreshing", lg, region=region)):
            kind, text, changes, failed = refresh_outcome(region, lg)
        st.session_state[OUTCOME_KEY] = (region, kind, text, changes, failed)
        if kind != "error":
            st.session_state[PRICES_KEY] = st.session_state[WIDGET_KEY] = REFRESHED
            st.session_state[RESHOW_KEY] = region
            st.rerun()  # this run began with the old choice: every figure on the page is drawn again from the new
    outcome = st.session_state.get(OUTCOME_KEY)
    if outcome and outcome[0] == region:
        _, kind, text, changes, failed = outcome
        getattr(st, kind)(text + ("" if kind == "error" else " " + tx("now_refreshed", lg)))
        for line in failed:
            st.caption(f"{tx('not_refreshed', lg)} {line}")
        if changes:
            with st.expander(tx("changes", lg, n=format_count(len(changes)))):
                grid(account_table(changes, lg), "price_changes", lg)


def _chosen() -> None:
    st.session_state[PRICES_KEY] = st.session_state[WIDGET_KEY]
    reshow_region()


def source_choice(region: str, lg: str) -> None:
    """The session's choice of catalog, and which one `region`'s estimates use now (with its date)."""
    if region not in available_regions():
        if cached_catalog_path(region) is not None:
            st.caption(tx("built_only", lg, region=region, date=format_date(refreshed_catalog(region).compiled, lg)))
        return
    if st.session_state.get(WIDGET_KEY) not in PRICES_CHOICES:
        st.session_state[WIDGET_KEY] = prices_source()
    st.radio(tx("choice", lg), PRICES_CHOICES, key=WIDGET_KEY, on_change=_chosen, horizontal=True,
             format_func=lambda choice: tx(f"choice_{choice}", lg), help=tx("choice_help", lg))
    bundled = format_date(load_catalog(region).compiled, lg)
    if cached_catalog_path(region) is None:  # a stat, not the file's YAML: this runs on every rerun of the page
        st.caption(tx("uses_bundled_only", lg, region=region, date=bundled))
    elif prices_source() == BUNDLED:
        st.caption(tx("uses_bundled", lg, region=region, date=bundled,
                      refreshed=format_date(refreshed_catalog(region).compiled, lg)))
    else:
        st.caption(tx("uses_refreshed", lg, region=region, date=format_date(refreshed_catalog(region).compiled, lg),
                      bundled=bundled))


def source_panel(region: str, lg: str) -> None:
    """Refresh button, its outcome, and the choice of catalog for this session."""
    st.markdown(f"#### {tx('title', lg)}")
    refresh_button(region, lg)
    source_choice(region, lg)
