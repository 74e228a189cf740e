"""`cli.py quote`: the app's quote in the terminal or as a file — USD or JPY at a rate you give,
optional tax, the same rounding rule, English or Japanese.

    python cli.py quote photo_thumbnails --currency JPY --rate 150 --tax 10 --lang ja
    python cli.py quote my_design.yaml --currency JPY --rate 150 --format xlsx --output quote.xlsx
    python cli.py quote my_design.yaml --lang ja --currency JPY --tax 10 --customer "株式会社サンプル" \
        --quote-number Q-2026-014 --valid-until 2026-12-31 --format pdf --output quote.pdf
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from commands.support import InputError, read_design
from i18n.format import format_money
from models.costs.money import CURRENCIES, DEFAULT_JPY_PER_USD, MoneyError, QuoteSettings
from models.design.schema import DesignError
from models.design.text import load_design_data
from render.quote.csv_export import quote_csv
from render.quote.html_report import quote_html
from render.quote.pdf_export import PdfUnavailable, quote_pdf
from render.quote.report import QuoteReport, build_report
from render.quote.tables import info_rows, line_label, notes, total_rows
from render.quote.words import currency_word, w
from render.quote.xlsx_export import quote_xlsx

FORMATS = ("table", "csv", "xlsx", "html", "pdf")
#: title-block options → the design's `quote:` block fields they override
INFO_OPTIONS = {"customer": "customer", "prepared_by": "prepared_by", "quote_number": "quote_number",
                "quote_date": "date", "valid_until": "valid_until", "notes": "notes"}


def settings_from(args: argparse.Namespace) -> QuoteSettings:
    """Quote settings from the options (exit 2 with the reason when they are out of range). A JPY quote
    needs the rate the consultant agreed (`--rate`): no default is put in front of a customer as theirs."""
    if args.currency == "JPY" and args.rate is None:
        raise InputError("--currency JPY: give the exchange rate with --rate (JPY per USD, e.g. --rate 150); "
                         "no live rate is fetched and none is assumed")
    if args.currency == "USD" and args.rate is not None:
        raise InputError(f"--rate {args.rate}: a rate is used only with --currency JPY (this quote is in USD)")
    try:
        rate = DEFAULT_JPY_PER_USD if args.rate is None else Decimal(args.rate)  # unused in USD
        return QuoteSettings(args.currency, rate, Decimal(args.tax))
    except (InvalidOperation, MoneyError) as err:
        raise InputError(f"--currency/--rate/--tax: {err}" if isinstance(err, MoneyError)
                         else f"--rate/--tax: not a number ({args.rate!r}, {args.tax!r})") from None


def table_text(report: QuoteReport) -> str:
    """The quote for people: one line per line item, then the totals and the notes."""
    lg, cur = report.lang, report.settings.currency
    rows = [(w("col_component", lg), w("col_dimension", lg), w("col_amount", lg, cur=currency_word(cur, lg)))]
    for line in report.quote.lines:
        amount = "n/a" if line.amount is None else format_money(line.amount, cur, lg)
        rows.append((line.item.component, line_label(report, line.item), amount))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = [f"{w('title', lg)}: {report.name} — {report.region_label}"]
    out += [f"{label}: {value}" for label, value in info_rows(report)]
    out += [f"{r[0].ljust(widths[0])}  {r[1].ljust(widths[1])}  {r[2].rjust(widths[2])}" for r in rows]
    for label, total, _ in total_rows(report):
        out.append(f"{label}: {format_money(Decimal(str(total)), cur, lg)}")
    if report.ranged:
        low, high = report.quotes["low"].total, report.quotes["high"].total
        out.append(f"{w('range', lg)}: {w('case_low', lg)} {format_money(low, cur, lg)} – "
                   f"{w('case_high', lg)} {format_money(high, cur, lg)}")
    out.append(f"{w('prices_as_of', lg)}: {report.price_dates_text}")
    out += [f"- {n}" for n in notes(report)]
    return "\n".join(out) + "\n"


def _content(report: QuoteReport, fmt: str) -> bytes | str:
    """The quote in format `fmt` (one of FORMATS)."""
    if fmt == "table":
        return table_text(report)
    if fmt == "csv":
        return quote_csv(report)
    if fmt == "xlsx":
        return quote_xlsx(report)
    if fmt == "pdf":
        try:
            return quote_pdf(report)
        except PdfUnavailable as err:
            raise InputError(f"--format pdf: {err}; install it with scripts/install_browser.sh, or use "
                             "--format html and print that page to PDF from a browser") from None
    return quote_html(report)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = load_design_data(read_design(args.design))
    info = {field: getattr(args, option) for option, field in INFO_OPTIONS.items() if getattr(args, option, None)}
    try:
        report = build_report(data, settings=settings, lang=args.lang, today=date.today(), info=info)
    except DesignError as err:
        if info and any(str(p).startswith("quote") for p in err.problems):
            raise InputError("quote details (--customer, --quote-date, --valid-until, ...): "
                             + "; ".join(err.problems)) from None
        raise
    if args.format in ("xlsx", "pdf") and not args.output:
        raise InputError(f"--format {args.format} writes a binary file: give --output FILE.{args.format}")
    if args.output and Path(args.output).exists() and not args.force:
        raise InputError(f"--output {args.output}: already exists; add --force to overwrite it")
    content = _content(report, args.format)
    if args.output:
        path = Path(args.output)
        try:
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        except OSError as err:
            raise InputError(f"--output {args.output}: {err.strerror or err}") from None
        print(f"wrote {path} ({args.format}, {settings.currency})")
    elif isinstance(content, bytes):
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
    return 0


def register(sub) -> None:
    """Add `quote` to the CLI's subcommands."""
    p = sub.add_parser("quote", help="a quote in USD or JPY with tax: table, CSV, Excel, printable HTML or PDF")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--currency", choices=CURRENCIES, default="USD")
    p.add_argument("--rate", help="JPY per USD, required with --currency JPY (no live rate is fetched or assumed)")
    p.add_argument("--tax", default="0", help="tax in percent on the subtotal, e.g. 10 (rounded down); default 0")
    p.add_argument("--lang", choices=("en", "ja"), default="en")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", help="write to this file instead of standard output (required for xlsx and pdf)")
    p.add_argument("--force", action="store_true", help="overwrite the --output file if it exists")
    group = p.add_argument_group("quote details", "the title block; each overrides the design's `quote:` block")
    group.add_argument("--customer", help="who the quote is for, e.g. the company name")
    group.add_argument("--prepared-by", dest="prepared_by", help="your name or company")
    group.add_argument("--quote-number", dest="quote_number", help="your reference, e.g. Q-2026-014")
    group.add_argument("--quote-date", dest="quote_date", help="the quote's date, YYYY-MM-DD (default: today)")
    group.add_argument("--valid-until", dest="valid_until", help="the last day the quote holds, YYYY-MM-DD")
    group.add_argument("--notes", help="free text for the customer, shown under the totals")
    p.set_defaults(run=run)
