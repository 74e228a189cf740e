"""The Region pickers (Design and Prices pages): every Region that has a catalog — bundled or built
by `cli.py prices refresh` — each labelled with its name in the UI language and its prices' as-of dates; the
design's own Region is listed too when it has no catalog, labelled with the command that builds one."""

from __future__ import annotations

import streamlit as st

from aws.price_list import catalog_dir
from i18n.catalog import format_date, t
from service.inputs import RegionCatalog, prices_choice, region_catalogs
from webapp.state import region_name


@st.cache_data(show_spinner=False, max_entries=8)
def _catalogs(prices: str, files: tuple[tuple[str, int], ...]) -> list[RegionCatalog]:
    """The Regions with a catalog under the prices choice `prices`, read again whenever a refreshed catalog
    file (`files`: name and modification time) appears or changes — a refresh from the CLI shows at once."""
    return region_catalogs()


def _refreshed_files() -> tuple[tuple[str, int], ...]:
    """Each refreshed catalog file's name and modification time (ns)."""
    directory = catalog_dir()
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in directory.glob("*.yaml")))


def region_options(current: str | None) -> tuple[list[str], dict[str, RegionCatalog]]:
    """The codes to offer (the design's own Region last when it has no catalog) and their catalogs."""
    catalogs = {rc.region: rc for rc in _catalogs(prices_choice(), _refreshed_files())}
    options = list(catalogs)
    if current and current not in catalogs:
        options.append(current)
    return options, catalogs


def region_label(region: str, catalogs: dict[str, RegionCatalog], lg: str, on_prices_page: bool = False) -> str:
    """"eu-west-1 — Europe (Ireland) · prices as of 2 Nov 2025 – 29 Nov 2026 (refreshed from the AWS Price List)":
    the dates its prices are as of (as the estimate's "Prices as of" line says them), not the catalog's build date.
    A Region without a catalog says where to build one (on the Prices page: the refresh below the picker)."""
    rc = catalogs.get(region)
    if rc is None:
        missing = "page.region.no_catalog_here" if on_prices_page else "page.region.no_catalog"
        return f"{region} — {region_name(region, lg)} · {t(missing, lg, region=region)}"
    if rc.price_dates is None:
        when = t("page.region.catalog_of", lg, date=format_date(rc.as_of, lg))
    else:
        oldest, newest = (format_date(d, lg) for d in rc.price_dates)
        when = t("page.region.as_of", lg, date=oldest if oldest == newest else f"{oldest} – {newest}")
    text = f"{region} — {region_name(region, lg)} · {when}"
    return text + (f" ({t('page.region.refreshed', lg)})" if rc.source == "refreshed" else "")
