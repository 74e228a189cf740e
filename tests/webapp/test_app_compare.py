"""Compare: designs side by side, cost against scale, and break-even points checked by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from models.costs.compare import crossings, per_million, worst_status
from models.costs.money import QuoteSettings
from models.design.text import load_design_data
from service import design_summary, estimate_data
from storage.designs import ENV_VAR, DesignStore
from templates import template_text
from webapp.charts import compare_chart
from webapp.views.compare import (
    break_even_frame,
    break_even_sentences,
    break_evens,
    compare_table,
    curves_frame,
    sweep_volumes,
)
from webapp.views.compare import sweep_totals as sweep

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SVG = "{http://www.w3.org/2000/svg}"

# REST API alone: $3.50 per million requests (us-east-1, first 333M, no free tier)
REST = {"name": "REST", "region": "us-east-1", "free_tier": "none", "workload": {"requests_per_month": 1_000_000},
        "components": [{"id": "api", "type": "api_gateway", "api": "rest"}]}
# HTTP API, $1.00 per million, plus 100 GB of S3 Standard at $0.023 per GB-month = $2.30 fixed
HTTP = {"name": "HTTP + bucket", "region": "us-east-1", "free_tier": "none", "workload": {"requests_per_month": 1_000_000},
        "components": [{"id": "api", "type": "api_gateway", "api": "http"},
                       {"id": "files", "type": "s3", "puts_per_month": 0, "storage_gb": 100}]}
# DynamoDB on demand: one eventually consistent 1 KB read per request = 0.5 RRU at $0.125 per million
ON_DEMAND = {"name": "On demand", "region": "us-east-1", "free_tier": "none", "workload": {"requests_per_month": 1_000_000},
             "components": [{"id": "t", "type": "dynamodb", "reads": 1}]}
# the same table provisioned with 10 RCU and 1 WCU: (10 × $0.00013 + 1 × $0.00065) × 730 h = $1.4235 a month
PROVISIONED = {**ON_DEMAND, "name": "Provisioned",
               "components": [{"id": "t", "type": "dynamodb", "reads": 1, "billing": "provisioned", "rcu": 10, "wcu": 1}]}


def test_rest_and_http_cross_where_worked_out_by_hand():
    # 3.5e-6 v = 1e-6 v + 2.30  →  v = 2.30 / 2.5e-6 = 920,000 requests, at 920,000 × 3.5e-6 = $3.22
    assert estimate_data({**REST, "workload": {"requests_per_month": 2_000_000}}).total_usd == Decimal("7.0")
    assert estimate_data({**HTTP, "workload": {"requests_per_month": 2_000_000}}).total_usd == Decimal("4.3")
    volumes = sweep_volumes()
    [point] = crossings(volumes, sweep(REST), sweep(HTTP))
    assert point.requests_per_month == pytest.approx(920_000, rel=1e-9)
    assert point.cost_usd == pytest.approx(3.22, rel=1e-9)
    assert (point.cheaper_below, point.cheaper_above) == (0, 1)  # REST below, HTTP above


def test_on_demand_and_provisioned_dynamodb_cross_where_worked_out_by_hand():
    # 0.5 × 1.25e-7 × v = 1.4235  →  v = 22,776,000 reads a month
    assert estimate_data(PROVISIONED).total_usd == Decimal("1.4235")
    volumes = sweep_volumes()
    [point] = crossings(volumes, sweep(ON_DEMAND), sweep(PROVISIONED))
    assert point.requests_per_month == pytest.approx(22_776_000, rel=1e-9)
    assert point.cost_usd == pytest.approx(1.4235, rel=1e-9)


@pytest.mark.parametrize("a, b, expected", [
    ([1, 2, 3, 4], [4, 3, 2, 1], [(2.5, 2.5)]),               # one crossing between sweep points
    ([0, 0, 0, 5], [0, 0, 0, 1], []),                          # equal under a free tier, then apart: no crossing
    ([0, 2, 0, 2], [1, 1, 1, 1], [(1.5, 1.0), (2.5, 1.0), (3.5, 1.0)]),  # crosses three times
    ([1, 2, 2, 1], [2, 2, 2, 2], []),                          # touches without crossing
    ([3, 1, 1, 1], [1, 1, 1, 3], [(2.0, 1.0)]),                # equal for a while, then apart: where they meet
])
def test_crossings_are_sign_changes_interpolated_in_volume(a, b, expected):
    volumes = [1, 2, 3, 4]
    found = [(p.requests_per_month, p.cost_usd) for p in crossings(volumes, a, b)]
    assert [x for pair in found for x in pair] == pytest.approx([x for pair in expected for x in pair])


def test_identical_designs_never_break_even():
    curve = sweep(REST)
    assert crossings(sweep_volumes(), curve, curve) == []


def test_per_unit_figures_and_worst_status():
    assert per_million(7.0, 2_000_000) == 3.5 and per_million(7.0, 0) is None
    assert worst_status(["pass", "fail", "warn"]) == "fail"


def test_the_table_and_sentences_in_yen_and_japanese():
    summaries = [design_summary(REST), design_summary(HTTP)]
    settings = QuoteSettings("JPY", Decimal(150))
    table = compare_table(summaries, ["REST", "HTTP"], settings, "ja")
    assert list(table["月額（円）"]) == ["525円", "495円"]          # $3.50 and $3.30 at 150 JPY per USD
    assert list(table["100 万リクエストあたり"]) == ["525円", "495円"]
    assert list(table["MAU あたり"]) == ["—", "—"]
    assert list(table["12 か月（円）"]) == ["6,300円", "5,940円"]
    volumes = sweep_volumes()
    sweeps = [{"expected": sweep(REST)}, {"expected": sweep(HTTP)}]
    points = break_evens(volumes, sweeps, ["REST", "HTTP"])
    [sentence] = break_even_sentences(points, ["REST", "HTTP"], settings, "ja")
    assert "**REST** と **HTTP** は月間約 **920,000** リクエストで同じ費用（483円）" in sentence
    assert "少なければ **REST**、多ければ **HTTP** が安くなります" in sentence
    markers = break_even_frame(points, ["REST", "HTTP"], settings, "en")
    chart = ET.fromstring(compare_chart(curves_frame(volumes, sweeps, ["REST", "HTTP"], settings), markers,
                                        title="t", x_title="x", y_title="y", currency="JPY"))
    legend = [node.text for node in chart.iter(f"{SVG}text") if node.get("class") == "legend"]
    assert legend == ["REST", "HTTP", "break-even"]
    lines = chart.findall(f"{SVG}polyline[@class='series']")
    assert [line.find(f"{SVG}title").text for line in lines] == ["REST", "HTTP"]
    # the x axis is log10 from 1,000 to 100 million requests: one tick per power of ten, 1k … 100M
    texts = [node.text for node in chart.iter(f"{SVG}text")]
    assert texts[texts.index("1k"):texts.index("100M") + 1] == ["1k", "10k", "100k", "1M", "10M", "100M"]
    xs = [float(point.split(",")[0]) for point in lines[0].get("points").split()]
    assert (xs[0], xs[-1]) == (56.0, 704.0)  # 1,000 at the plot's left edge, 1e8 at its right edge (720 − 16)
    # the break-even × sits at 920,000 requests: log10(920,000 / 1,000) / 5 of the way along the x axis
    [marker] = chart.findall(f"{SVG}path[@class='marker']")
    centre = float(marker.get("d")[1:].split(",")[0]) + 5
    assert centre == pytest.approx(56 + np.log10(920) / 5 * 648, abs=1.0)
    # the log cost axis: ticks at 1-2-5 steps, labelled as yen ("¥2k"; UX review M2, M3)
    money = [text for text in texts if text.startswith("¥")]
    assert len(money) >= 3 and all(text[1] in "125" for text in money)


def test_cost_per_mau_uses_the_workloads_users():
    data = {**REST, "workload": {"users": {"mau": 10_000, "dau_ratio": 0.5, "sessions_per_day": 2,
                                           "requests_per_session": 10}}}
    summary = design_summary(data)
    table = compare_table([summary, summary], ["a", "b"], QuoteSettings(), "en")
    expected = float(estimate_data(data).total_usd) / 10_000
    assert table["Per MAU"][0] == f"${expected:,.4f}"


def test_a_ranged_design_shows_its_range_and_a_band():
    ranged = {**REST, "workload": {"requests_per_month": {"low": 1_000_000, "expected": 2_000_000, "high": 4_000_000}}}
    summaries = [design_summary(ranged), design_summary(HTTP)]
    table = compare_table(summaries, ["REST", "HTTP"], QuoteSettings(), "en")
    assert list(table["Range (low – high case)"]) == ["$3.50 – $14.00", "—"]
    assert table["Monthly (USD)"][0] == "$7.00"
    volumes = sweep_volumes()
    base = sweep(REST)  # a band from a low and a high case at half and twice the expected cost
    sweeps = [{"expected": base, "low": [c / 2 for c in base], "high": [c * 2 for c in base]}, {"expected": sweep(HTTP)}]
    frame = curves_frame(volumes, sweeps, ["REST", "HTTP"], QuoteSettings())
    chart = ET.fromstring(compare_chart(frame, frame.iloc[0:0], title="t", x_title="x", y_title="y", log_y=False))
    [band] = chart.findall(f"{SVG}polygon[@class='band']")  # the ranged design's low–high band, none for HTTP
    assert len(band.get("points").split()) == 2 * len(volumes)
    assert not chart.findall(f"{SVG}path[@class='marker']")
    y_labels = [n.text for n in chart.iter(f"{SVG}text") if n.get("text-anchor") == "end"]  # a linear cost axis
    assert y_labels[0] == "$0" and len(y_labels) >= 3 and all(label.startswith("$") for label in y_labels)


@pytest.fixture
def compare_page(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "designs"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/compare.py").run()
    assert not at.exception
    return at


def test_the_page_compares_the_photo_template_with_its_sqs_variant(compare_page):
    table = compare_page.dataframe[0].value
    assert list(table["Design"]) == ["Current design: Photo upload with thumbnails (S3 events)",
                                     "Template: Photo upload with thumbnails (SQS buffer)"]
    photo = estimate_data(load_design_data(template_text("photo_thumbnails")))
    assert table["Monthly (USD)"][0] == f"${photo.total_usd:,.2f}" or table["Monthly (USD)"][0].startswith("$")
    assert set(table["Worst check"]) <= {"🟢 pass", "🟡 warn", "🔴 fail"}
    assert any("No break-even point" in m.value or "cost the same" in m.value for m in compare_page.markdown)


def test_the_request_count_says_it_includes_the_spikes(compare_page):
    """ux.md M3: photo_thumbnails' 3,000,000 requests plus its day-12 spike's 19,470 (tests/webapp/
    test_app_designpage.py works it out) read 3,019,470, under a heading that says spikes are included."""
    table = compare_page.dataframe[0].value
    assert table["Client requests / month (spikes included)"][0] == "3,019,470"


def test_four_designs_at_most_and_one_is_not_enough(compare_page):
    compare_page.multiselect(key="compare_pick").set_value(["current"]).run()
    assert not compare_page.exception
    assert any("Pick at least two designs" in i.value for i in compare_page.info)
    picks = ["current", "template:save_app_data", "template:authenticated_api", "template:static_site_cdn"]
    compare_page.multiselect(key="compare_pick").set_value(picks).run()
    assert not compare_page.exception and len(compare_page.dataframe[0].value) == 4


def test_a_saved_design_can_be_compared_and_a_broken_one_is_explained(compare_page, tmp_path):
    store = DesignStore(tmp_path / "designs")
    store.save("http", HTTP)
    (store.folder / "broken.yaml").write_text("name: x\ncomponents: [{id: a, type: lamda}]\n", encoding="utf-8")
    compare_page.run()
    compare_page.multiselect(key="compare_pick").set_value(["saved:http", "saved:broken", "current"]).run()
    assert not compare_page.exception
    assert list(compare_page.dataframe[0].value["Design"])[0] == "Saved: http"
    assert any("unknown component type 'lamda'" in w.value for w in compare_page.warning)


def test_the_page_in_japanese_and_yen(compare_page):
    compare_page.session_state["lang"] = "ja"
    compare_page.session_state["quote"] = {"currency": "JPY", "jpy_per_usd": 150.0, "tax_pct": 10.0}
    compare_page.run()
    assert not compare_page.exception
    table = compare_page.dataframe[0].value
    assert "月額（円）" in table.columns and table["月額（円）"][0].endswith("円")
    assert table["設計"][0].startswith("現在の設計：")
    # the untouched template's name in Japanese, as in the template's own row and on the Design page
    from i18n.catalog import template_name

    photo_ja = template_name("photo_thumbnails", "Photo upload with thumbnails (S3 events)", "ja")
    assert photo_ja != "Photo upload with thumbnails (S3 events)"
    assert table["設計"][0] == f"現在の設計：{photo_ja}"


def test_sweep_volumes_span_a_thousand_to_a_hundred_million():
    volumes = sweep_volumes()
    assert volumes[0] == 1_000 and volumes[-1] == 100_000_000 and np.all(np.diff(volumes) > 0)


def test_cost_per_mau_falls_back_to_the_cognito_pools_users():
    """The authenticated API template gives its users only on the Cognito pool (mau: 50,000): per MAU is the
    monthly total divided by 50,000, not "—"."""
    data = load_design_data(template_text("authenticated_api"))
    assert "users" not in data["workload"]
    summary = design_summary(data)
    assert summary["mau"] == 50_000
    table = compare_table([summary], ["a"], QuoteSettings(), "en")
    assert table["Per MAU"][0] == f"${float(estimate_data(data).total_usd) / 50_000:,.4f}"


def test_zero_costs_are_left_off_a_log_cost_axis():
    # the help text says so ("zero costs are not drawn on it"): a free-tier design costs $0 at small volumes
    volumes = [1e3, 1e4, 1e5, 1e6]
    frame = pd.DataFrame({"design": ["free"] * 4 + ["paid"] * 4, "requests": volumes * 2,
                          "cost": [0.0, 0.0, 1.0, 10.0, 1.0, 2.0, 4.0, 8.0]})
    chart = ET.fromstring(compare_chart(frame, frame.iloc[0:0], title="t", x_title="x", y_title="y"))
    free, paid = (line.get("points").split() for line in chart.findall(f"{SVG}polyline[@class='series']"))
    assert len(free) == 2 and len(paid) == 4  # 1e5 and 1e6 only: log10 of $0 does not exist
    assert float(free[0].split(",")[0]) == pytest.approx(56 + 2 / 3 * 648, abs=0.1)  # starts at 1e5 (2 of 3 decades)
    linear = ET.fromstring(compare_chart(frame, frame.iloc[0:0], title="t", x_title="x", y_title="y", log_y=False))
    assert len(linear.findall(f"{SVG}polyline[@class='series']")[0].get("points").split()) == 4  # $0 is on a linear axis
