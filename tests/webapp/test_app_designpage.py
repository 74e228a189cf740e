"""Issue 14 through AppTest: what matters first on the Design page (readiness beside the total, the
worst check, why quantities differ from the input), readable tables, and the page bugs (template
picker after a page switch, DynamoDB download name and currency, validation wording, no CLI hints)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import streamlit
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from models.design.text import load_design_data
from models.dynamodb_planner.plan import PlannerSettings
from render.dynamodb_plan import plan_dict
from service import dynamodb_plan_data, plan
from templates import template_text

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = ["design", "cost", "limits", "compare", "saved", "dynamodb", "prices", "account"]


@pytest.fixture
def app() -> AppTest:
    at = open_editors(AppTest.from_file(APP, default_timeout=120).run())
    assert not at.exception
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def texts(at: AppTest) -> str:
    """Every markdown, caption, info and error on the page, unescaped."""
    parts = [e.value for kind in (at.markdown, at.caption, at.info, at.warning, at.error, at.success) for e in kind]
    return "\n".join(parts).replace("\\", "")


def everything(at: AppTest) -> str:
    """The whole element tree as protobuf text: labels, help tooltips, placeholders, table data."""
    found: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            found.append(str(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(found)


def set_requests(at: AppTest, value: float) -> None:
    key = next(n.key for n in at.number_input if n.key.endswith(".requests"))
    at.number_input(key=key).set_value(value).run()


def provisioned(at: AppTest) -> None:
    """save_app_data's table switched to provisioned: the form fills in AWS's default 5 RCU / 5 WCU."""
    key = next(s.key for s in at.selectbox if s.key and s.key.endswith(".billing"))
    at.selectbox(key=key).set_value("provisioned").run()
    assert not at.exception


# ---- readiness beside the total ------------------------------------------------------------------

def test_a_provisioned_table_at_5_rcu_and_wcu_fails_beside_the_total(app):
    """save_app_data reads twice per request: 10,000,000 × 2 = 20 M reads a month; even spread over
    2,628,000 s that is 7.6 reads/s, and the evening peak is higher still, so 5 RCU throttles."""
    provisioned(app)
    design = app.session_state["design"]
    table = next(c for c in design["components"] if c["id"] == "table")
    assert (table["rcu"], table["wcu"]) == (5, 5)
    assert 10_000_000 * 2 / 2_628_000 > 5
    assert metrics(app)["Limits"] == "🔴 fail"
    shown = texts(app)
    assert "🔴 **Provisioned read capacity** (table): " in shown
    assert "reads a month throttled" in shown
    # the same engine and Plan as the Limits page
    report = plan(design).readiness["expected"]
    worst = max((c for c in report.checks if c.status == "fail"), key=lambda c: c.affected_requests_per_month)
    assert worst.id == "dynamodb.read_capacity" and worst.consequence.replace("\\", "") in shown
    assert any(getattr(link.proto, "label", "") == "Open the Limits page" for link in app.get("page_link"))
    app.switch_page("webapp/pages/limits.py").run()
    assert app.metric[0].value == "🔴 fail"


def test_ten_trillion_requests_a_month_fails_with_a_throttling_reason(app):
    set_requests(app, 1e13)
    assert not app.exception
    assert metrics(app)["Limits"] == "🔴 fail"
    shown = texts(app)
    assert "throttled" in shown and "failing" in shown


def test_the_readiness_badge_reads_japanese(app):
    provisioned(app)
    app.session_state["lang"] = "ja"
    app.run()
    assert metrics(app)["上限チェック"] == "🔴 不合格"
    assert "プロビジョニングした読み込みキャパシティ" in texts(app)


PASSING = ("name: x\nregion: us-east-1\nworkload: {requests_per_month: 1000000}\ncomponents:\n"
           "  - {id: api, type: api_gateway}\n"
           "  - {id: fn, type: lambda, from: api, duration_ms: {p50: 40, p95: 120, p99: 300}, timeout_s: 20}\n")


def test_a_passing_design_passes(app):
    # save_app_data warns: its 10 s timeout is met by ≈ 4 of 10 M invocations in the tail past the p99 (300 ms)
    assert metrics(app)["Limits"] == "🟡 warn"
    apply_yaml(app, PASSING)
    assert not app.exception
    assert metrics(app)["Limits"] == "🟢 pass"


# ---- why quantities differ from the input ---------------------------------------------------------

def test_the_spike_note_and_whole_request_counts(app):
    """photo_thumbnails: 3,000,000 requests plus one ×6 spike for 30 min at 20:00 on day 12 (a Friday:
    weights 2.0 × 0.9 = 1.8 over the profile's mean 693.37 / 730), which adds
    1.8 × 730 / 693.37 × 5 × 30 × 3,000,000 / 43,800 = 19,470.12 requests (tests/models/test_traffic.py)."""
    app.selectbox(key="template").set_value("photo_thumbnails").run()
    by_hand = 1.8 * 730 / 693.37 * 5 * 30 * 3_000_000 / 43_800
    assert round(by_hand) == 19_470
    assert "spikes add 19,470 requests (day 12 20:00, ×6 for 30 min)" in texts(app)
    lines = app.dataframe[0].value
    api = lines[lines["Component"] == "api"].iloc[0]
    assert api["Quantity"] == f"{round(3_000_000 + by_hand):,} requests" == "3,019,470 requests"  # with its unit
    app.session_state["lang"] = "ja"
    app.run()
    assert "スパイクによりリクエストが 19,470 件増えます（12 日目 20:00、30 分間 ×6）" in texts(app)


# ---- template picker after a page switch ------------------------------------------------------------

def test_the_template_picker_keeps_the_template_after_a_page_switch(app):
    app.selectbox(key="template").set_value("photo_thumbnails").run()
    app.switch_page("webapp/pages/limits.py").run()
    app.switch_page("webapp/pages/design.py").run()
    assert not app.exception
    assert app.selectbox(key="template").value == "photo_thumbnails"
    assert "(modified)" not in texts(app)
    set_requests(app, 4_000_000)
    app.switch_page("webapp/pages/cost.py").run()
    app.switch_page("webapp/pages/design.py").run()
    assert app.selectbox(key="template").value == "photo_thumbnails"
    assert "Photo upload with thumbnails (S3 events) (modified)" in texts(app)
    app.session_state["lang"] = "ja"
    app.run()
    assert "（変更あり）" in texts(app)


# ---- DynamoDB planner: download name and currency ---------------------------------------------------

def test_the_dynamodb_download_is_named_after_the_table(app, monkeypatch):
    names: list[str] = []
    original = streamlit.download_button

    def spy(*args, **kwargs):
        names.append(kwargs.get("file_name"))
        return original(*args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", spy)
    app.session_state["ddb.schedule_open"] = True  # the download is in the weekly schedule's expander (lazy)
    app.switch_page("webapp/pages/dynamodb.py").run()
    assert not app.exception
    assert names == ["table_scheduled_actions.json"]


def test_the_dynamodb_planner_follows_the_yen_setting():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.radio(key="currency").set_value("JPY").run()  # 150 JPY per USD, the default rate
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "JPY / month" in table.columns and "USD / month" not in table.columns
    expected = plan_dict(dynamodb_plan_data(load_design_data(template_text("save_app_data")), "table",
                                            PlannerSettings()))
    on_demand = next(s for s in expected["strategies"] if s["name"] == "on_demand")["monthly_cost_usd"]
    by_hand = (Decimal(str(on_demand)) * 150).quantize(Decimal(1), rounding="ROUND_HALF_UP")
    assert table[table["strategy"] == "On-demand"].iloc[0]["JPY / month"] == float(by_hand)
    assert "USD" not in at.success[0].value and "¥" in at.success[0].value
    assert "USD" not in at.info[0].value


# ---- validation wording and the previous estimate -----------------------------------------------------

def apply_yaml(at: AppTest, text: str) -> None:
    next(area for area in at.text_area if area.label == "YAML").set_value(text)
    next(b for b in at.button if b.label in ("Apply", "適用")).click().run()


BAD_DURATION = ("name: x\nregion: us-east-1\nworkload: {requests_per_month: 1000}\ncomponents:\n"
                "  - {id: api, type: api_gateway}\n  - {id: fn, type: lambda, from: api, duration_ms: fast}\n")


def test_a_bad_duration_is_one_plain_line_and_the_estimate_is_the_previous_designs(app):
    before = app.metric[0].value
    apply_yaml(app, BAD_DURATION)
    assert not app.exception
    (error,) = [e.value.replace("\\", "") for e in app.error]
    assert error.startswith("Not applied — the estimate below is for the previous design.")
    assert "components[1] (fn).duration_ms must be a number (milliseconds) or {p50, p95, p99}; 'fast' is neither" in error
    assert "Input should be" not in error and "function-after" not in error
    assert app.metric[0].value == before


def test_the_validation_line_in_japanese(app):
    app.session_state["lang"] = "ja"
    open_editors(app.run())  # new labels: the editors open again
    apply_yaml(app, BAD_DURATION)
    (error,) = [e.value.replace("\\", "") for e in app.error]
    assert error.startswith("適用していません。下の見積もりは変更前の設計のものです。")
    assert ("components[1] (fn).duration_ms は 数値（ミリ秒） または {p50, p95, p99} で指定してください"
            "（'fast' はどちらでもありません）") in error


# ---- no CLI hints in the web UI -------------------------------------------------------------------------

@pytest.mark.parametrize("lg", ["en", "ja"])
def test_no_page_names_the_cli(lg):
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["lang"] = lg
    at.file_uploader(key="upload").upload("empty.yaml", b"", "application/x-yaml").run()
    assert at.error, "the empty file is a message"
    assert "cli.py" not in everything(at)
    for name in PAGES:
        at.switch_page(f"webapp/pages/{name}.py").run()
        assert not at.exception, name
        assert "cli.py" not in everything(at), name


# ---- big numbers read back (ux.md D9) -----------------------------------------------------------------

def test_a_big_number_is_read_back_grouped_and_in_words_in_both_languages(app):
    requests = app.session_state["design"]["workload"]["requests_per_month"]
    app.number_input(key=f"r{app.session_state['rev']}.requests").set_value(50_000_000.0).run()
    assert not app.exception
    assert "= 50,000,000 (50 million)" in [c.value for c in app.caption]
    app.session_state["lang"] = "ja"
    app.run()
    assert "= 50,000,000（5,000万）" in [c.value for c in app.caption]
    assert requests != 50_000_000
