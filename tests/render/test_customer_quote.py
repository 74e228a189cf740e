"""The customer quote read back: Japanese AWS terms for every price, the title block, numeric Excel
totals, integer yen in CSV, a real PDF, no internal wording, and totals checked by hand."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from i18n.aws_terms import DIMENSIONS_JA, SERVICES, UNITS, unit_price_text
from i18n.templates_ja import TEMPLATES_JA
from models.costs.money import QuoteSettings
from models.design.text import load_design_data
from pricing.catalog import load_catalog
from render.quote import build_report, quote_csv, quote_html, quote_xlsx
from render.quote.pdf_export import pdf_available, quote_pdf
from templates import template_keys, template_text

TODAY = date(2026, 11, 28)
JPY_TAX = QuoteSettings("JPY", Decimal(150), Decimal(10))
CATALOGS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "pricing" / "catalog").glob("*.yaml"))
INFO = {"customer": "株式会社サンプル", "prepared_by": "山田 太郎", "quote_number": "Q-2026-014",
        "date": "2026-12-01", "valid_until": "2026-12-31", "notes": "本見積には AWS 利用料のみを含みます。"}


def photo(info: dict | None = None) -> dict:
    data = load_design_data(template_text("photo_thumbnails"))
    if info:
        data["quote"] = dict(info)
    return data


def report(lang: str = "ja", info: dict | None = INFO):
    return build_report(photo(info), settings=JPY_TAX, lang=lang, today=TODAY)


def _all_prices():
    for region in CATALOGS:
        yield from load_catalog(region).prices.values() if region != "global" else ()


@pytest.mark.parametrize("region", [r for r in CATALOGS if r != "global"])
def test_every_price_of_every_catalog_has_japanese_words(region):
    catalog = load_catalog(region)
    missing = [p.id for p in catalog.prices.values() if p.id not in DIMENSIONS_JA]
    assert not missing, f"no Japanese dimension for: {missing}"
    no_unit = [f"{p.id} ({p.unit})" for p in catalog.prices.values() if p.unit not in UNITS]
    assert not no_unit, f"no Japanese unit for: {no_unit}"
    no_service = sorted({p.service for p in catalog.prices.values() if p.service not in SERVICES})
    assert not no_service, f"no service name for: {no_service}"
    for p in catalog.prices.values():
        for tier in range(len(p.tiers)):
            for lang in ("en", "ja"):
                text = unit_price_text(p, lang, tier)
                assert "e-" not in text and "E-" not in text and "USD" in text, (p.id, text)


def test_every_template_has_a_japanese_name_and_description():
    assert set(template_keys()) <= set(TEMPLATES_JA)


def test_unit_prices_read_as_aws_states_them():
    rest = load_catalog("ap-northeast-1").get("apigateway.rest.requests")
    duration = load_catalog("ap-northeast-1").get("lambda.duration.x86_64")
    assert unit_price_text(rest, "en") == "USD 4.25 per million requests"
    assert unit_price_text(rest, "ja") == "100 万リクエストあたり 4.25 USD"
    assert unit_price_text(duration, "en") == "USD 0.0000166667 per GB-second"
    assert unit_price_text(duration, "ja") == "1 GB-秒あたり 0.0000166667 USD"


def test_the_title_block_is_validated_with_the_design():
    from models.design.schema import DesignError, parse_design

    bad = photo({"date": "2026-12-31", "valid_until": "2026-12-01"})
    with pytest.raises(DesignError) as err:
        parse_design(bad)
    assert "valid_until 2026-12-01 is before the quote's date 2026-12-31" in str(err.value)
    with pytest.raises(DesignError) as err:
        parse_design(photo({"date": "12/01/2026"}))
    assert "quote.date: '12/01/2026' is not a date; allowed: a date written YYYY-MM-DD" in str(err.value)
    with pytest.raises(DesignError) as err:
        parse_design(photo({"colour": "red"}))
    assert "quote.colour: unknown field" in str(err.value)
    assert parse_design(photo()).quote is None  # optional: a design without it is unchanged


def _texts(book, sheet):
    return [c.value for row in book[sheet].iter_rows() for c in row if isinstance(c.value, str)]


#: Latin words a Japanese quote may carry: AWS's own service names, units and codes, and the design's ids
ALLOWED_LATIN = {
    "AWS", "Amazon", "Lambda", "API", "Gateway", "REST", "HTTP", "HTTPS", "S3", "DynamoDB", "SQS", "SNS", "SES",
    "Cognito", "CloudWatch", "X-Ray", "CloudFront", "Route", "GB", "GB-", "USD", "MAU", "PUT", "COPY", "POST", "LIST",
    "GET", "SELECT", "INIT", "x86_64", "ap-northeast-1", "Serverless", "Planner", "DLQ", "dlq", "true", "idempotent",
    "Q-2026-014", "Streams", "s3", "Standard", "WCU", "RCU", "ID", "p99", "ms", "YYYY-MM-DD",
}


def test_the_japanese_workbook_has_numeric_totals_and_japanese_text():
    r = report()
    book = load_workbook(io.BytesIO(quote_xlsx(r)))
    summary = {row[0].value: row[1] for row in book["概要"].iter_rows() if row[0].value}
    for label, amount in (("月額小計（税抜）", r.quote.subtotal), ("消費税等（10 %）", r.quote.tax),
                          ("月額合計（税込）", r.quote.total)):
        assert summary[label].value == int(amount) and summary[label].data_type == "n"
        assert summary[label].number_format == '"¥"#,##0'
    assert summary["宛先"].value == "株式会社サンプル 御中" and summary["見積番号"].value == "Q-2026-014"
    assert summary["有効期限"].value == "2026年12月31日"
    assert summary["設計"].value == "写真アップロードとサムネイル作成 (S3 イベント)"
    lines = list(book["明細"].iter_rows(values_only=True))
    header = lines[0]
    amount = header.index("金額（円、端数処理後）")
    body = lines[1:1 + len(r.quote.lines)]
    assert all(isinstance(row[amount], int) for row in body)
    assert sum(row[amount] for row in body) == int(r.quote.subtotal)
    assert "100 万リクエストあたり 4.25 USD" in [row[header.index("単価")] for row in body]
    assert "REST API 呼び出し (最初の 3 億 3,300 万リクエスト)" in [row[2] for row in body]
    ids = {c["id"] for c in photo()["components"]}
    shown = _texts(book, "概要") + [v for row in body for v in row[:6] if isinstance(v, str)]
    latin = {word for text in shown for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text)}
    assert latin - ALLOWED_LATIN - ids == set()


def test_the_csv_writes_whole_yen_and_no_scientific_notation():
    raw = quote_csv(report()).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(raw)))
    amount = table[0].index("金額（円、端数処理後）")
    amounts = [row[amount] for row in table[1:] if row[amount]]
    assert amounts and all(re.fullmatch(r"-?\d+", a) for a in amounts), amounts
    assert not re.search(r"\d[eE][+-]?\d", raw)
    assert "0.00000425" in raw  # the REST API's USD per request, written out
    source = table[0].index("出典")
    assert "計算" not in table[0]  # the engine's English formula is left out of a Japanese quote
    ids = {c["id"] for c in photo()["components"]}
    cells = [cell for row in table[1:] for i, cell in enumerate(row) if i != source]
    latin = {word for cell in cells for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", cell)}
    assert latin - ALLOWED_LATIN - ids == set()


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_internal_wording_or_scientific_notation_in_any_export(lang):
    r = report(lang)
    book = load_workbook(io.BytesIO(quote_xlsx(r)))
    texts = [quote_html(r), quote_csv(r).decode("utf-8-sig")]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    texts += [c.value for c in cells if isinstance(c.value, str)]
    # a number cell is shown through its number format: a fixed-point one, never "General" (which shows 4.25E-06)
    small = [c for c in cells if isinstance(c.value, float) and 0 < abs(c.value) < 0.001]
    assert small and all("E" not in c.number_format and c.number_format != "General" for c in small)
    joined = "\n".join(texts)
    for word in ("talk", "Osaka talk", "講演", "third_party", "assumed, not published", "Confidence", "確度"):
        assert word not in joined, word
    assert not re.search(r"\d\.?\d*e-\d", joined)


def test_the_summary_comes_first_and_the_appendix_after_a_page_break():
    html = quote_html(report())
    summary, appendix = html.index('<section class="summary">'), html.index('<section class="appendix">')
    assert summary < appendix < html.index("付録 A：明細")
    assert "break-before: page" in html
    head = html[summary:appendix]
    assert "https://" not in head and "株式会社サンプル 御中" in head and "サービス別の月額費用" in head


def test_hand_calculation_photo_thumbnails_tokyo():
    """Lines worked out by hand from the template (ap-northeast-1, 1 USD = 150 JPY) and AWS's Tokyo prices:
    S3 Standard storage USD 0.025 per GB-month, data transfer out USD 0.114 per GB (100 GB free a month)."""
    r = report(info=None)
    amounts = {(ql.item.component, ql.item.price_id, ql.item.free): ql.amount for ql in r.quote.lines}

    def yen(usd: str) -> Decimal:
        return (Decimal(usd) * 150).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    assert amounts[("photos", "s3.storage.standard", False)] == yen("37.5") == 5625          # 1,500 GB × 0.025
    assert amounts[("thumbnails", "s3.storage.standard", False)] == yen("1.5") == 225        # 60 GB × 0.025
    assert amounts[("thumbnails", "data_transfer.internet_out", False)] == yen("34.2") == 5130  # 300 GB × 0.114
    assert amounts[("thumbnails", "data_transfer.internet_out", True)] == -yen("11.4") == -1710  # 100 GB free
    # tax: 10 % of the subtotal, rounded down once; the total is subtotal + tax
    subtotal = r.quote.subtotal
    assert r.quote.tax == (subtotal / 10).to_integral_value(rounding="ROUND_FLOOR")
    # one line per bill line: the thumbnailer's duration, 3,019,470.12 invocations × 0.794606 s billed × 1 GB
    # × USD 0.0000166667 = USD 39.988248 (¥5,998.237; 0.794606 s is the billed mean of p50 700 / p95 1,500 /
    # p99 2,500 ms, checked by simulation in tests/models/test_duration.py), and its INIT phase ¥0.093 are one
    # line: ¥5,998.330 → ¥5,998
    thumbnailer = amounts[("thumbnailer", "lambda.duration.x86_64", False)]
    assert thumbnailer == 5998
    assert subtotal == sum(ql.amount for ql in r.quote.lines) == 24_101
    assert r.quote.total == subtotal + r.quote.tax == 26_511


needs_chromium = pytest.mark.skipif(not pdf_available(), reason="Chromium is not installed (scripts/install_browser.sh)")


@needs_chromium
def test_the_pdf_carries_the_totals_and_japanese_text():
    from pypdf import PdfReader

    r = report()
    reader = PdfReader(io.BytesIO(quote_pdf(r)))
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]
    text = re.sub(r"\s+", "", "".join(pages))
    assert f"月額合計(税込){r.quote.total:,}円" in text
    assert f"月額小計(税抜){r.quote.subtotal:,}円" in text and "株式会社サンプル御中" in text
    first_appendix = next(i for i, page in enumerate(pages) if "コンポーネント別の月額費用" in page)
    assert first_appendix <= 3  # the summary fits on at most three A4 pages
    assert reader.pages[0].mediabox.width == pytest.approx(595, abs=2)  # A4


@needs_chromium
def test_the_summary_fits_a_390px_phone():
    from playwright.sync_api import sync_playwright

    from render.quote.pdf_export import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.set_content(quote_html(report()))
        widths = page.evaluate("[document.querySelector('.summary').scrollWidth, "
                               "document.documentElement.clientWidth]")
        browser.close()
    assert widths[0] <= widths[1] <= 390


def test_the_japanese_workbook_names_inputs_defaults_and_limit_sources_in_japanese():
    """The 前提条件 sheet names each design field in Japanese (「upload：メモリ（MB）」, not
    components[1] (upload).memory_mb) and its words too (はい, not true); the checks say 設計ファイル."""
    r = report()
    book = load_workbook(io.BytesIO(quote_xlsx(r)))
    rows = [[c.value for c in row] for row in book["前提条件"].iter_rows()]
    fields = {row[0]: row[1] for row in rows if isinstance(row[0], str) and row[1] is not None}
    assert fields["設計名"] == "写真アップロードとサムネイル作成 (S3 イベント)"
    assert fields["upload：メモリ（MB）"] == "512"
    assert fields["upload：実行時間（ms）・p99"] == "900"
    assert fields["ワークロード：スパイク 1・倍率"] == "6"
    assert fields["ワークロード：1 日の変動パターン"] == "モバイル（夜にピーク）"
    assert fields["upload：X-Ray トレース"] == "はい"
    assert not any(isinstance(k, str) and ("components[" in k or "workload." in k) for k in fields)
    prices = {p["price_id"] for p in r.prices}
    ids = {c["id"] for c in photo()["components"]}
    cells = [v for row in rows for v in row if isinstance(v, str) and not v.startswith("https://") and v not in prices]
    latin = {word for text in cells for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text)}
    units = {"JPY", "KB", "MB", "p50", "p95", "pricing/limits.yaml", "pricing", "limits.yaml"}  # the file is named
    assert latin - ALLOWED_LATIN - ids - units - {"Python", "Asia", "Tokyo", "Asia/Tokyo"} == set()
    sources = [row[5] for row in book["上限チェック"].iter_rows(min_row=2, values_only=True)]
    assert "設計ファイル" in sources and "design file" not in sources
