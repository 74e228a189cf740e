"""Quotes to hand a customer, built in memory: CSV, an Excel workbook and a printable HTML report.

    report = build_report(design, settings=QuoteSettings("JPY", Decimal(150), Decimal(10)), lang="ja",
                          today=date.today())
    quote_xlsx(report)  # bytes

Every format carries the same numbers (`exports.tables`), the rounding rule, the exchange rate,
the assumptions and the price dates.
"""

from render.quote.csv_export import quote_csv
from render.quote.html_report import quote_html
from render.quote.report import QuoteReport, build_report
from render.quote.xlsx_export import quote_xlsx, sheet_names

__all__ = ["QuoteReport", "build_report", "quote_csv", "quote_html", "quote_xlsx", "sheet_names"]
