"""`cli.py quote`: the app's quote in the terminal or as a file — USD or JPY at a rate you give,
optional tax, the same rounding rule, English or Japanese.

    python cli.py quote photo_thumbnails --currency JPY --rate 150 --tax 10 --lang ja
    python cli.py quote my_design.yaml --currency JPY --rate 150 --format xlsx --output quote.xlsx
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from commands.support import InputError, read_design
from i18n.format import format_money
from models.costs.money import CURRENCIES, MoneyError, QuoteSettings
from models.design.text import load_design_data
from render.quote.csv_export import quote_csv
from render.quote.html_report import quote_html
from render.quote.report import QuoteReport, build_report
from render.quote.tables import notes, total_rows
from render.quote.words import currency_word, w
from render.quote.xlsx_export import quote_xlsx

FORMATS = ("table", "csv", "xlsx", "html")


def settings_from(args: argparse.Namespace) -> QuoteSettings:
    """Quote settings from the options (exit 2 with the reason when they are out of range)."""
    try:
        return QuoteSettings(args.currency, Decimal(args.rate), Decimal(args.tax))
    except (InvalidOperation, MoneyError) as err:
        raise InputError(f"--currency/--rate/--tax: {err}" if isinstance(err, MoneyError)
                         else f"--rate/--tax: not a number ({args.rate!r}, {args.tax!r})") from None


def table_text(report: QuoteReport) -> str:
    """The quote for people: one line per line item, then the totals and the notes."""
    lg, cur = report.lang, report.settings.currency
    rows = [(w("col_component", lg), w("col_dimension", lg), w("col_amount", lg, cur=currency_word(cur, lg)))]
    for line in report.quote.lines:
        amount = "n/a" if line.amount is None else format_money(line.amount, cur, lg)
        rows.append((line.item.component, line.item.dimension, amount))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    out = [f"{w('title', lg)}: {report.name} — {report.region_label}"]
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


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = load_design_data(read_design(args.design))
    report = build_report(data, settings=settings, lang=args.lang, today=date.today())
    if args.format in ("xlsx",) and not args.output:
        raise InputError("--format xlsx writes a binary file: give --output FILE.xlsx")
    content: bytes | str
    if args.format == "table":
        content = table_text(report)
    elif args.format == "csv":
        content = quote_csv(report)
    elif args.format == "xlsx":
        content = quote_xlsx(report)
    else:
        content = quote_html(report)
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
    p = sub.add_parser("quote", help="a quote in USD or JPY with tax: table, CSV, Excel or printable HTML")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--currency", choices=CURRENCIES, default="USD")
    p.add_argument("--rate", default="150", help="JPY per USD (used with --currency JPY; no live rate is fetched)")
    p.add_argument("--tax", default="0", help="tax in percent on the subtotal, e.g. 10 (rounded down); default 0")
    p.add_argument("--lang", choices=("en", "ja"), default="en")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", help="write to this file instead of standard output (required for xlsx)")
    p.set_defaults(run=run)
