"""Quotes read back: the workbook, the CSV and the printable report carry the engine's numbers,
the rounding rule, assumptions, price dates and readiness checks — in English and Japanese."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from i18n.catalog import check_name
from models.costs.estimate import billed_lines
from models.costs.money import QuoteSettings, make_quote
from models.design.text import load_design_data
from render.quote import build_report, quote_csv, quote_html, quote_xlsx, sheet_names
from render.quote.words import w
from service import check_data, estimate_data, scenario_estimates
from templates import template_text

TODAY = date(2026, 11, 28)
JPY_TAX = QuoteSettings("JPY", Decimal(150), Decimal(10))


def photo() -> dict:
    return load_design_data(template_text("photo_thumbnails"))


def ranged_photo() -> dict:
    data = photo()
    data["workload"]["requests_per_month"] = {"low": 1_000_000, "expected": 3_000_000, "high": 10_000_000}
    return data


def workbook(data: dict, settings: QuoteSettings, lang: str):
    report = build_report(data, settings=settings, lang=lang, today=TODAY)
    return load_workbook(io.BytesIO(quote_xlsx(report))), report


def rows(sheet) -> list[tuple]:
    return [tuple(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_workbook_has_the_four_sheets_in_the_report_language(lang):
    book, _ = workbook(photo(), JPY_TAX, lang)
    names = sheet_names(lang)
    assert book.sheetnames == [names["summary"], names["line_items"], names["assumptions"], names["checks"]]
    if lang == "ja":
        assert book.sheetnames == ["概要", "明細", "前提条件", "上限チェック"]


def test_line_items_read_back_equal_the_engines_numbers():
    book, _ = workbook(photo(), JPY_TAX, "en")
    est = estimate_data(photo())
    quote = make_quote(est.line_items, JPY_TAX)
    lines = billed_lines(est.line_items)  # the quote's lines: one per bill line
    sheet = book[sheet_names("en")["line_items"]]
    table = rows(sheet)
    header = table[0]
    cost_col, amount_col = header.index("Cost (USD, exact)"), header.index("Amount (JPY, rounded)")
    body = table[1:1 + len(lines)]
    assert [r[0] for r in body] == [li.component for li in lines]
    # a workbook keeps 16 significant digits (Excel itself shows 15): the engine's Decimal to that precision
    assert [r[cost_col] for r in body] == pytest.approx([float(li.cost_usd) for li in lines], rel=1e-15)
    assert [r[amount_col] for r in body] == [float(q.amount) for q in quote.lines]
    assert [r[header.index("Quantity")] for r in body] == pytest.approx([float(li.quantity) for li in lines],
                                                                       rel=1e-15)
    totals = {r[0]: r[amount_col] for r in table[1 + len(lines):]}
    assert totals["Monthly subtotal (excl. tax)"] == float(quote.subtotal) == sum(r[amount_col] for r in body)
    assert totals["Tax (10 %)"] == float(quote.tax)
    assert totals["Monthly total (incl. tax)"] == float(quote.total)
    assert sheet[f"{chr(ord('A') + amount_col)}2"].number_format == '"¥"#,##0'


def test_the_summary_states_the_rounding_rule_rate_and_dates():
    book, _ = workbook(photo(), JPY_TAX, "ja")
    summary = {r[0]: r[1] for r in rows(book["概要"]) if r[0]}
    assert summary["AWS 利用料 概算見積"] is None
    assert summary["為替レート"].startswith("1 USD = 150 円")
    assert "各明細を 1 円単位で四捨五入" in summary["端数処理"] and "切り捨て" in summary["端数処理"]
    # totals are numbers with a currency format (they were text such as "26,581円")
    quote = make_quote(estimate_data(photo()).line_items, JPY_TAX)
    assert summary["月額合計（税込）"] == int(quote.total)
    cell = next(r[1] for r in book["概要"].iter_rows() if r[0].value == "月額合計（税込）")
    assert cell.number_format == '"¥"#,##0' and cell.data_type == "n"
    oldest, newest = estimate_data(photo()).price_dates()
    assert summary["価格の基準日"] == f"{oldest.year}年{oldest.month}月{oldest.day}日 – {newest.year}年{newest.month}月{newest.day}日"


def test_the_assumptions_sheet_lists_inputs_defaults_warnings_and_price_sources():
    book, report = workbook(photo(), QuoteSettings(), "en")
    cells = [c for row in rows(book["Assumptions"]) for c in row if c is not None]
    for title in ("Design inputs (as given)", "Defaults assumed (not given in the design)", "Warnings",
                  "Prices used: dates and sources"):
        assert title in cells
    # fields in words, the component by its label (else its id): no raw dotted design paths in a customer's sheet
    assert "Workload: Requests per month" in cells and "3,000,000" in cells
    assert "upload: Architecture" in cells and "x86_64" in cells  # a default, not in the file
    assert not any(isinstance(c, str) and ("workload." in c or "components[" in c) for c in cells)
    # every warning a customer should read; the catalog's own notes on how a price was found are not in the quote
    from render.quote.tables import INTERNAL_WARNINGS

    assert all(warning in cells for warning in report.estimate.warnings if warning.id not in INTERNAL_WARNINGS)
    assert not any("not published for" in str(c) for c in cells)
    used = {li.price_id for li in report.estimate.line_items}
    assert used <= set(cells)
    assert any(isinstance(c, str) and c.startswith("https://") for c in cells)


def test_the_readiness_sheet_has_every_check():
    book, _ = workbook(photo(), QuoteSettings(), "en")
    report, _ = check_data(photo())
    table = rows(book["Readiness"])
    assert table[0][:3] == ("Status", "Check", "Component")
    assert sorted((r[1], r[2]) for r in table[1:]) == sorted((check_name(c.id, "en"), c.component)
                                                            for c in report.checks)  # human check names
    affected = {(r[1], r[2]): r[9] for r in table[1:]}
    assert affected == {(check_name(c.id, "en"), c.component): c.affected_requests_per_month for c in report.checks}


def test_a_ranged_design_adds_a_scenarios_sheet_with_the_three_cases():
    book, _ = workbook(ranged_photo(), QuoteSettings(), "en")
    assert book.sheetnames[-1] == "Scenarios"
    table = rows(book["Scenarios"])
    assert table[0][0].startswith("Ranges are computed by evaluating three cases separately")
    total = next(r for r in table if r[0] == "Monthly total")
    estimates = scenario_estimates(ranged_photo())
    assert total[1:] == tuple(float(make_quote(estimates[c].line_items, QuoteSettings()).total)
                              for c in ("low", "expected", "high"))
    ranges = [r for r in rows(book["Assumptions"]) if r[0] == "Workload: Requests per month" and r[1] == 1_000_000]
    assert ranges == [("Workload: Requests per month", 1_000_000, 3_000_000, 10_000_000, None, None)]


def test_the_csv_is_utf8_with_a_bom_and_adds_up():
    report = build_report(photo(), settings=JPY_TAX, lang="ja", today=TODAY)
    raw = quote_csv(report)
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    header = table[0]
    amount = header.index("金額（円、端数処理後）")
    lines = table[1:1 + len(report.quote.lines)]
    assert sum(Decimal(r[amount]) for r in lines) == report.quote.subtotal
    labels = {r[1]: r[amount] for r in table}
    assert Decimal(labels["月額合計（税込）"]) == report.quote.total
    assert any("四捨五入" in r[3] for r in table)  # notes: the dimension column (a Japanese quote has no formula column)


@pytest.mark.parametrize("lang, settings, data", [("ja", JPY_TAX, "photo"), ("en", QuoteSettings(), "photo"),
                                                  ("en", JPY_TAX, "ranged")])
def test_the_csv_says_which_rows_are_line_items_so_pandas_sums_the_subtotal(lang, settings, data):
    pd = pytest.importorskip("pandas")
    design = photo() if data == "photo" else ranged_photo()
    report = build_report(design, settings=settings, lang=lang, today=TODAY)
    frame = pd.read_csv(io.BytesIO(quote_csv(report)), encoding="utf-8-sig")
    kind, amount = w("col_row", lang), w("col_amount", lang, cur="円" if lang == "ja" else settings.currency)
    assert frame.columns[0] == kind
    lines = frame[frame[kind] == w("row_line", lang)]
    assert len(lines) == len(report.quote.lines)
    assert Decimal(str(round(lines[amount].sum(), 2))) == report.quote.subtotal
    by_kind = dict(zip(frame[kind], frame[amount], strict=True))
    totals = ["row_subtotal", "row_tax", "row_total"] if settings.tax_pct else ["row_total"]
    ranged = ["row_low", "row_high"] if data == "ranged" else []
    assert list(dict.fromkeys(frame[kind])) == [w(k, lang) for k in ["row_line", *totals, *ranged, "row_note"]]
    assert Decimal(str(by_kind[w("row_total", lang)])) == report.quote.total
    assert frame[frame[kind] == w("row_note", lang)][amount].isna().all()  # the notes carry no amount


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_the_report_is_self_contained_printable_and_escapes_user_text():
    data = ranged_photo()
    data["name"] = '<script>alert("x")</script> & Co'
    data["description"] = "<img src=x onerror=alert(1)>"
    data["components"][0]["label"] = "API <b>"
    html = quote_html(build_report(data, settings=JPY_TAX, lang="en", today=TODAY))
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html
    assert "@media print" in html and "@page" in html
    assert "<svg" in html and "<link" not in html and "src=\"http" not in html  # nothing fetched when printed
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "iframe" not in parser.tags and "input" not in parser.tags
    text = " ".join(parser.text)
    assert "Monthly total (incl. tax)" in text and "Low case" in text and "High case" in text
    assert "Each line is rounded half up to the yen" in text and "1 USD = 150 JPY" in text
    assert "Prepared on 28 Nov 2026" in text


def test_the_japanese_report_uses_japanese_words_and_dates():
    html = quote_html(build_report(photo(), settings=JPY_TAX, lang="ja", today=TODAY))
    assert '<html lang="ja">' in html
    assert "2026年11月28日 作成" in html and "月額合計（税込）" in html and "円" in html
    assert "上限チェック" in html


def test_report_totals_match_the_quote():
    report = build_report(photo(), settings=JPY_TAX, lang="en", today=TODAY)
    assert sum(report.component_amounts().values()) == report.quote.subtotal
    assert report.quote.total == report.quote.subtotal + report.quote.tax
    assert w("title", "ja") == "AWS 利用料 概算見積"


def test_cli_quote_prints_the_same_totals(capsys):
    from commands.main import main

    assert main(["quote", "photo_thumbnails", "--currency", "JPY", "--rate", "150", "--tax", "10", "--lang", "ja"]) == 0
    out = capsys.readouterr().out
    quote = make_quote(estimate_data(photo()).line_items, JPY_TAX)
    assert f"月額合計（税込）: {quote.total:,}円" in out
    assert "各明細を 1 円単位で四捨五入" in out


def test_cli_quote_writes_a_workbook_and_refuses_bad_options(tmp_path, capsys):
    from commands.main import main

    target = tmp_path / "quote.xlsx"
    assert main(["quote", "photo_thumbnails", "--format", "xlsx", "--output", str(target)]) == 0
    assert load_workbook(target).sheetnames == ["Summary", "Line items", "Assumptions", "Readiness"]
    assert main(["quote", "photo_thumbnails", "--format", "xlsx"]) == 2
    assert main(["quote", "photo_thumbnails", "--currency", "JPY", "--rate", "0"]) == 2
    assert main(["quote", "photo_thumbnails", "--tax", "ten"]) == 2
    err = capsys.readouterr().err
    assert "give --output" in err and "exchange rate 0 JPY per USD is out of range" in err and "not a number" in err


def test_cli_quote_never_overwrites_a_file_unasked(tmp_path, capsys):
    from commands.main import main

    target = tmp_path / "keep.csv"
    target.write_text("precious", encoding="utf-8")
    for fmt in ("csv", "xlsx", "html"):
        assert main(["quote", "photo_thumbnails", "--format", fmt, "--output", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "precious"
    assert f"--output {target}: already exists; add --force to overwrite it" in capsys.readouterr().err
    assert main(["quote", "photo_thumbnails", "--format", "csv", "--output", str(target), "--force"]) == 0
    assert "precious" not in target.read_text(encoding="utf-8-sig")


def test_cli_quote_in_yen_needs_the_rate_and_a_dollar_quote_takes_none(capsys):
    from commands.main import main

    assert main(["quote", "photo_thumbnails", "--currency", "JPY"]) == 2
    assert main(["quote", "photo_thumbnails", "--rate", "150"]) == 2
    err = capsys.readouterr().err
    assert "--currency JPY: give the exchange rate with --rate" in err
    assert "--rate 150: a rate is used only with --currency JPY" in err
