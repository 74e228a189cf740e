"""The quote as CSV: the line items, then the totals, in the quote's currency and language.

UTF-8 with a byte-order mark, so spreadsheet programs open Japanese text correctly. Text that a
spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) is written behind a `'`
(`exports.cells`); numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from render.quote.cells import csv_cell
from render.quote.report import QuoteReport
from render.quote.tables import AMOUNT, FORMULA, line_header, line_rows, notes, scenario_rows, total_rows
from render.quote.words import w


def quote_csv(report: QuoteReport) -> bytes:
    """Header, one row per line item, then subtotal / tax / total rows (label in the component column,
    amount in the amount column), the low and high totals of a ranged design, and the notes (the
    customer's, the rounding rule, the exchange rate). The first column, "Row" / 「行の種類」, says which
    is which (line, subtotal, tax, total, low case, high case, note; in Japanese 明細, 小計, 税, 合計,
    下限ケース, 上限ケース, 注記), so the amounts of the line rows alone add up to the subtotal."""
    out = io.StringIO()
    # CRLF rows (RFC 4180): the writer then quotes any cell holding a CR or LF, so a bare CR in a
    # name cannot split a row
    writer = _SafeWriter(csv.writer(out, lineterminator="\r\n"))
    lg = report.lang
    header = line_header(report)
    writer.writerow([w("col_row", lg), *header])
    for row in line_rows(report):
        writer.writerow([w("row_line", lg), *row])
    blank = [""] * len(header)
    note_col = FORMULA if len(header) > FORMULA else 2  # Japanese quotes have no formula column: the dimension's
    taxed = bool(report.settings.tax_pct)
    kinds = ("row_subtotal", "row_tax", "row_total") if taxed else ("row_total",)
    for kind, (label, amount, note) in zip(kinds, total_rows(report), strict=True):
        row = list(blank)
        row[0], row[AMOUNT], row[note_col] = label, amount, note
        writer.writerow([w(kind, lg), *row])
    for row in scenario_rows(report)[-1:]:
        for case, amount in zip(("low", "high"), (row[1], row[3]), strict=True):
            line = list(blank)
            line[0], line[AMOUNT] = f"{w(f'case_{case}', lg)} ({row[0]})", amount
            writer.writerow([w(f"row_{case}", lg), *line])
    for note in ([report.info["notes"]] if report.info.get("notes") else []) + notes(report):
        line = list(blank)
        line[note_col] = note
        writer.writerow([w("row_note", lg), *line])
    return out.getvalue().encode("utf-8-sig")


def plain_number(value):
    """A number as CSV text a spreadsheet reads back exactly: never scientific notation (4.25e-06 →
    0.00000425), whole numbers without a decimal point (yen 1925.0 → 1925); other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return value
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}"


class _SafeWriter:
    """Every row goes through `csv_cell`, so no code path can write a live formula."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row) -> None:
        self._writer.writerow([csv_cell(plain_number(v)) for v in row])
