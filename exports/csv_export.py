"""The quote as CSV: the line items, then the totals, in the quote's currency and language.

UTF-8 with a byte-order mark, so spreadsheet programs open Japanese text correctly.
"""

from __future__ import annotations

import csv
import io

from exports.report import QuoteReport
from exports.tables import AMOUNT, line_header, line_rows, notes, scenario_rows, total_rows
from exports.words import w


def quote_csv(report: QuoteReport) -> bytes:
    """Header, one row per line item, then subtotal / tax / total rows (label in the first column,
    amount in the amount column) and the notes (rounding rule, exchange rate)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = line_header(report)
    writer.writerow(header)
    for row in line_rows(report):
        writer.writerow(["" if v is None else v for v in row])
    blank = [""] * len(header)
    for label, amount, note in total_rows(report):
        row = list(blank)
        row[0], row[AMOUNT], row[-1] = label, amount, note
        writer.writerow(row)
    for row in scenario_rows(report)[-1:]:
        for case, amount in zip(("case_low", "case_high"), (row[1], row[3]), strict=True):
            line = list(blank)
            line[0], line[AMOUNT] = f"{w(case, report.lang)} ({row[0]})", amount
            writer.writerow(line)
    for note in notes(report):
        line = list(blank)
        line[-1] = note
        writer.writerow(line)
    return out.getvalue().encode("utf-8-sig")
