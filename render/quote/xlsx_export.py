"""The quote as an Excel workbook, built in memory.

Sheets (names in the report's language): Summary, Line items, Assumptions (quote settings, design
inputs, defaults assumed, ranges, warnings, price dates and sources), Readiness, and Scenarios
when the design has ranges. Numbers are stored as numbers with a display format, so a reader can
re-add them; amounts in the quote's currency are the rounded ones the totals are made of.
"""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from i18n.catalog import format_date
from render.quote import tables
from render.quote.cells import put
from render.quote.report import QuoteReport
from render.quote.words import w

HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
MONEY_FORMAT = {("USD", "en"): '"$"#,##0.00', ("USD", "ja"): '"$"#,##0.00',
                ("JPY", "en"): '"¥"#,##0', ("JPY", "ja"): '"¥"#,##0'}


def sheet_names(lang: str) -> dict[str, str]:
    """The workbook's sheet names in `lang` (keys: summary, line_items, assumptions, checks, scenarios)."""
    return {key: w(key, lang) for key in ("summary", "line_items", "assumptions", "checks", "scenarios")}


def quote_xlsx(report: QuoteReport) -> bytes:
    """The workbook as .xlsx bytes."""
    book = Workbook()
    names = sheet_names(report.lang)
    money = MONEY_FORMAT[(report.settings.currency, "ja" if report.lang == "ja" else "en")]
    _summary(book.active, report, names["summary"], money)
    _line_items(book.create_sheet(names["line_items"]), report, money)
    _assumptions(book.create_sheet(names["assumptions"]), report)
    _checks(book.create_sheet(names["checks"]), report)
    if report.ranged:
        _scenarios(book.create_sheet(names["scenarios"]), report, money)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _header(sheet: Worksheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        cell = put(sheet, row, col, value)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width


def _number(value, currency: str | None = None):
    """A cell value: Decimal as a float (a workbook number), whole yen as an int; text and None unchanged."""
    if isinstance(value, Decimal):
        if currency == "JPY" and value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, float) and currency == "JPY" and value.is_integer():
        return int(value)
    return value


def _summary(sheet: Worksheet, report: QuoteReport, title: str, money: str) -> None:
    """The page a customer reads first: title block, totals (numbers), per-service subtotals, key
    assumptions, points to review and notes. The line items are on the next sheet."""
    lg, cur = report.lang, report.settings.currency
    sheet.title = title
    put(sheet, 1, 1, w("title", lg)).font = TITLE
    put(sheet, 2, 1, w("generated", lg, date=format_date(report.today, lg)))
    row = 4
    for label, value in [(w("design", lg), report.name)] + (
            [(w("description", lg), report.description)] if report.description else []) + tables.info_rows(report):
        put(sheet, row, 1, label).font = BOLD
        put(sheet, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    for label, amount, _ in tables.total_rows(report):
        put(sheet, row, 1, label).font = BOLD
        cell = put(sheet, row, 2, _number(Decimal(str(amount)), cur))
        cell.number_format, cell.font = money, BOLD
        row += 1
    if report.ranged:
        for case in ("low", "high"):
            put(sheet, row, 1, f"{w('range', lg)}: {w('case_' + case, lg)}").font = BOLD
            put(sheet, row, 2, _number(report.quotes[case].total, cur)).number_format = money
            row += 1
    put(sheet, row, 1, w("year", lg)).font = BOLD
    put(sheet, row, 2, _number(report.money(report.year_usd), cur)).number_format = money
    row += 2
    put(sheet, row, 1, w("by_service", lg)).font = Font(bold=True, size=12)
    row += 1
    for name, service_amount in tables.service_rows(report):
        put(sheet, row, 1, name)
        put(sheet, row, 2, _number(service_amount, cur)).number_format = money
        row += 1
    row += 1
    put(sheet, row, 1, w("key_assumptions", lg)).font = Font(bold=True, size=12)
    row += 1
    for label, value in tables.assumption_rows(report):
        put(sheet, row, 1, label).font = BOLD
        put(sheet, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    row += 1
    put(sheet, row, 1, w("risks", lg)).font = Font(bold=True, size=12)
    row += 1
    for status, consequence, action in tables.risk_rows(report) or [("", w("no_risks", lg), "")]:
        put(sheet, row, 1, status).font = BOLD
        put(sheet, row, 2, f"{consequence} {action}".strip()).alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    notes = ([report.info["notes"]] if report.info.get("notes") else []) + [w("estimate_basis", lg),
                                                                           w("prices_basis", lg)]
    row += 1
    put(sheet, row, 1, w("customer_notes", lg)).font = Font(bold=True, size=12)
    for note in notes:
        row += 1
        put(sheet, row, 1, note).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    _widths(sheet, [34, 90])


def _line_items(sheet: Worksheet, report: QuoteReport, money: str) -> None:
    header = tables.line_header(report)
    cur = report.settings.currency
    _header(sheet, 1, header)
    row = 1
    for row, values in enumerate(tables.line_rows(report), start=2):
        for col, value in enumerate(values, start=1):
            cell = put(sheet, row, col, _number(value, cur if col - 1 == tables.AMOUNT else None))
            if col - 1 == tables.AMOUNT:
                cell.number_format = money
            elif col - 1 == tables.QUANTITY:
                cell.number_format = "#,##0.######"
            elif col - 1 == tables.COST_USD:
                cell.number_format = "0.00########"
            elif col - 1 == tables.UNIT_PRICE_USD:
                cell.number_format = "0.00##########"
            if col - 1 == tables.SOURCE and isinstance(value, str) and value.startswith("https://"):
                cell.hyperlink = value  # the price catalog's source page, never text from the design
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(row, 1)}"
    for label, amount, note in tables.total_rows(report):
        row += 1
        put(sheet, row, 1, label).font = BOLD
        cell = put(sheet, row, tables.AMOUNT + 1, _number(Decimal(str(amount)), cur))
        cell.number_format, cell.font = money, BOLD
        put(sheet, row, len(header), note)
    _widths(sheet, [16, 18, 44, 16, 14, 30, 14, 14, 16, 12, 40, 60])


def _section(sheet: Worksheet, row: int, title: str, header: list[str], rows: list[list], *,
             link_col: int | None = None) -> int:
    """A titled block; returns the next free row (one blank row after). Only `link_col` (the price
    catalog's source column) becomes a hyperlink: a URL typed into the design stays plain text."""
    put(sheet, row, 1, title).font = Font(bold=True, size=12)
    row += 1
    if header:
        _header(sheet, row, header)
        row += 1
    for values in rows:
        for col, value in enumerate(values, start=1):
            cell = put(sheet, row, col, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if col - 1 == link_col and isinstance(value, str) and value.startswith("https://"):
                cell.hyperlink = value
        row += 1
    return row + 1


def _assumptions(sheet: Worksheet, report: QuoteReport) -> None:
    lg = report.lang
    field, value = w("field", lg), w("value", lg)
    row = _section(sheet, 1, w("quote_settings", lg), [], tables.settings_rows(report))
    row = _section(sheet, row, w("inputs", lg), [field, value], tables.input_rows(report))
    row = _section(sheet, row, w("defaults", lg), [field, w("default_value", lg)], tables.default_rows(report))
    if report.ranges:
        row = _section(sheet, row, w("ranges", lg), [field, w("col_low", lg), w("col_expected", lg), w("col_high", lg)],
                       tables.range_table_rows(report))
        row = _section(sheet, row, w("range", lg), [], [[w("range_method", lg)]])
    warnings = [[text] for text in tables.customer_warnings(report)] or [[w("none", lg)]]
    row = _section(sheet, row, w("warnings", lg), [], warnings)
    row = _section(sheet, row, w("prices", lg), tables.price_header(lg), tables.price_rows(report),
                   link_col=tables.PRICE_SOURCE)
    _section(sheet, row, w("notes", lg), [], [[n] for n in tables.notes(report)])
    _widths(sheet, [44, 40, 40, 16, 12, 12, 60])


def _checks(sheet: Worksheet, report: QuoteReport) -> None:
    header = tables.check_header(report.lang)
    _header(sheet, 1, header)
    for row, values in enumerate(tables.check_rows(report), start=2):
        for col, value in enumerate(values, start=1):
            put(sheet, row, col, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    _widths(sheet, [10, 30, 16, 30, 14, 30, 14, 18, 12, 16, 50, 50])


def _scenarios(sheet: Worksheet, report: QuoteReport, money: str) -> None:
    put(sheet, 1, 1, w("range_method", report.lang)).alignment = Alignment(wrap_text=True)
    sheet.merge_cells("A1:D1")
    sheet.row_dimensions[1].height = 48
    _header(sheet, 2, tables.scenario_header(report.lang))
    for row, values in enumerate(tables.scenario_rows(report), start=3):
        for col, value in enumerate(values, start=1):
            cell = put(sheet, row, col, _number(value, report.settings.currency) if col > 1 else value)
            if col > 1:
                cell.number_format = money
    _widths(sheet, [30, 18, 18, 18])
