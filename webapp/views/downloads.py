"""The files the Design page offers for download, each with a builder run only when clicked.

Tests call `make()` exactly as the download button would.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from i18n.catalog import t
from models.costs.money import QuoteSettings
from models.design.text import dump_design_text
from render.estimate import contract_dict
from render.quote.csv_export import quote_csv
from render.quote.html_report import quote_html
from render.quote.pdf_export import pdf_available, quote_pdf
from render.quote.report import build_report
from render.quote.xlsx_export import quote_xlsx
from service import scenario_estimates
from service.inputs import prices_choice, use_prices

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportFile:
    """One download: its widget key, label key (ui_text), file name, MIME type and builder."""

    key: str
    label: str
    file_name: str
    mime: str
    make: Callable[[], bytes]
    icon: str | None = None


def file_stem(design: dict) -> str:
    """A file name from the design's name (letters of any script and digits; the rest becomes _).

    >>> file_stem({"name": "Photo app: v2 / 写真"})
    'Photo_app__v2___写真'
    """
    return "".join(ch if ch.isalnum() else "_" for ch in str(design.get("name") or "design"))[:60] or "design"


def export_files(design: dict, settings: QuoteSettings, lang: str, today: date, *,
                 pdf: bool | None = None) -> list[ExportFile]:
    """Quote (XLSX), quote (PDF, when this machine can make one: `pdf`, default `pdf_available()`),
    printable report (HTML), line items (CSV), the design (YAML, JSON) and the estimate's JSON
    contract, in that order. The design is copied now, so later edits do not leak in, and so is the session's
    choice of catalog: Streamlit runs a download's `make` when it is clicked, on a server thread outside the
    page's run (and its `use_prices`), so each one prices from the catalog the screen shows."""
    frozen = copy.deepcopy(design)
    name = file_stem(frozen)
    prices = prices_choice()

    def report():
        with use_prices(prices):
            return build_report(frozen, settings=settings, lang=lang, today=today)

    def estimate_json() -> bytes:
        with use_prices(prices):
            estimates = scenario_estimates(frozen)  # a ranged design's low and high totals: range_total_usd
        return json.dumps(contract_dict(estimates["expected"], estimates), indent=2, ensure_ascii=False).encode("utf-8")

    files = [
        ExportFile("download_xlsx", "download_xlsx", f"{name}_quote.xlsx", XLSX_MIME,
                   lambda: quote_xlsx(report()), "📊"),
        ExportFile("download_html", "download_html", f"{name}_report.html", "text/html",
                   lambda: quote_html(report()).encode("utf-8"), "🖨️"),
        ExportFile("download_csv", "download_quote_csv", f"{name}_line_items.csv", "text/csv",
                   lambda: quote_csv(report())),
        ExportFile("download_design", "download_design", f"{name}.yaml", "application/x-yaml",
                   lambda: dump_design_text(frozen).encode("utf-8")),
        ExportFile("download_design_json", "download_design_json", f"{name}.json", "application/json",
                   lambda: dump_design_text(frozen, "json").encode("utf-8")),
        ExportFile("download_json", "download_json", f"{name}_estimate.json", "application/json", estimate_json),
    ]
    if pdf_available() if pdf is None else pdf:
        files.insert(1, ExportFile("download_pdf", "download_pdf", f"{name}_quote.pdf", "application/pdf",
                                   lambda: quote_pdf(report()), "📄"))
    return files


#: the quote-details widgets: (design `quote:` field, text key, kind)
QUOTE_FIELDS = (("customer", "quote_customer", "text"), ("prepared_by", "quote_prepared_by", "text"),
                ("quote_number", "quote_number", "text"), ("date", "quote_date", "date"),
                ("valid_until", "quote_valid_until", "date"), ("notes", "quote_notes", "area"))


def quote_date_keys(rev: int) -> tuple[str, str]:
    """The widget keys of the quote date and valid until at form revision `rev`."""
    return f"q_date_{rev}", f"q_valid_until_{rev}"


def refused_dates(rev: int) -> tuple[date | None, date] | None:
    """(quote date, valid until) as the date widgets hold them when valid until is before the quote date, else
    None. Such a pair never reaches the design (QuoteInfo would refuse the whole design). An empty quote date is
    today's (as on the quote, `build_report`): then the pair is (None, valid until) when valid until is past."""
    issued, valid = (_as_date(st.session_state.get(key)) for key in quote_date_keys(rev))
    return (issued, valid) if valid is not None and valid < (issued or date.today()) else None


def edit_quote(field: str, widget_key: str, rev: int | None = None) -> None:
    """Widget callback: one field of the design's `quote:` block changed (empty removes it; no fields, no block).
    A date (with `rev`) writes both dates as the widgets hold them, and neither while valid until is before the
    quote date: the design keeps its last valid pair and `quote_details` says why; once the user fixes either
    date, both are written, so a date typed meanwhile is not lost."""
    design = dict(st.session_state.design)
    block = dict(design.get("quote") or {})
    if rev is not None:
        if refused_dates(rev) is not None:
            return
        values = dict(zip(("date", "valid_until"),
                          (st.session_state.get(key, block.get(name)) for key, name in
                           zip(quote_date_keys(rev), ("date", "valid_until"), strict=True)), strict=True))
    else:
        values = {field: st.session_state[widget_key]}
    for name, value in values.items():
        if isinstance(value, date):
            value = value.isoformat()
        if value in (None, ""):
            block.pop(name, None)
        else:
            block[name] = value.strip() if isinstance(value, str) else value
    if block:
        design["quote"] = block
    else:
        design.pop("quote", None)
    st.session_state.design = design


def _as_date(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def quote_details(lg: str) -> str | None:
    """The "Quote details" expander: the title block of the customer quote, kept in the design's `quote:` block
    (so in the share link and in saved designs). Returns the reason the quote cannot be made from the dates
    shown (valid until before the quote date), else None."""
    block = (st.session_state.get("design") or {}).get("quote") or {}
    rev = st.session_state.get("rev", 0)
    refused = refused_dates(rev)
    problem = None
    if refused is not None:
        problem = t("quote_dates_refused" if refused[0] is not None else "quote_dates_refused_today", lg,
                    date=(refused[0] or date.today()).isoformat(), valid_until=refused[1].isoformat())
    with st.expander(t("quote_details", lg), expanded=bool(block) or problem is not None):
        st.caption(t("quote_details_caption", lg))
        cols = st.columns(2)
        for index, (field, key, kind) in enumerate(QUOTE_FIELDS):
            widget_key = f"q_{field}_{rev}"
            where = cols[index % 2] if kind != "area" else st
            label, helps, given = t(key, lg), t(f"{key}_help", lg), block.get(field)
            if kind == "date":
                # no min_value: the valid-until widget keeps what the user picked even when the quote date then
                # moves past it (a min_value would raise StreamlitValueBelowMinError); the pair is checked here
                where.date_input(label, value=_as_date(given), format="YYYY-MM-DD", key=widget_key,
                                 help=helps, on_change=edit_quote, args=(field, widget_key, rev))
            elif kind == "area":
                if problem is not None:
                    st.error(problem)
                where.text_area(label, value=str(given or ""), max_chars=2000, key=widget_key, help=helps,
                                on_change=edit_quote, args=(field, widget_key))
            else:
                where.text_input(label, value=str(given or ""), max_chars=60 if field == "quote_number" else 200,
                                 key=widget_key, help=helps, on_change=edit_quote, args=(field, widget_key))
    return problem
