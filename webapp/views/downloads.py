"""The files the Design page offers for download, each with a builder run only when clicked.

Tests call `make()` exactly as the download button would.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from models.costs.money import QuoteSettings
from models.design.text import dump_design_text
from render.estimate import contract_dict
from render.quote.csv_export import quote_csv
from render.quote.html_report import quote_html
from render.quote.report import build_report
from render.quote.xlsx_export import quote_xlsx
from service import estimate_data

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


def export_files(design: dict, settings: QuoteSettings, lang: str, today: date) -> list[ExportFile]:
    """Quote (XLSX), printable report (HTML), line items (CSV), the design (YAML, JSON) and the
    estimate's JSON contract, in that order. The design is copied now, so later edits do not leak in."""
    frozen = copy.deepcopy(design)
    name = file_stem(frozen)

    def report():
        return build_report(frozen, settings=settings, lang=lang, today=today)

    def estimate_json() -> bytes:
        return json.dumps(contract_dict(estimate_data(frozen)), indent=2, ensure_ascii=False).encode("utf-8")

    return [
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
