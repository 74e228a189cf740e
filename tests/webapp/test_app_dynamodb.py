"""The DynamoDB page through AppTest: the same numbers as `cli.py dynamodb-plan`, and its controls."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from i18n.catalog import strategy_name
from models.design.text import load_design_data
from models.dynamodb_planner.plan import PlannerSettings
from render.dynamodb_plan import plan_dict, usd_text
from service import dynamodb_plan_data
from templates import template_text
from webapp.charts import capacity_chart
from webapp.views.dynamodb import schedule_frame

APP = str(Path(__file__).resolve().parents[2] / "app.py")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    return at


def test_the_page_shows_the_cli_numbers(page):
    expected = plan_dict(dynamodb_plan_data(load_design_data(template_text("save_app_data")), "table", PlannerSettings()))
    table = page.dataframe[0].value
    assert list(table["strategy"]) == [strategy_name(s["name"], "en") for s in expected["strategies"]]
    assert "Provisioned, fixed" in list(table["strategy"])  # a name, not the id provisioned_fixed
    # as the CLI prints them: half up to the cent
    assert [f"{v:,.2f}" for v in table["USD / month"]] == [usd_text(s["monthly_cost_usd"]) for s in expected["strategies"]]
    assert strategy_name(expected["recommended"], "en") in page.success[0].value


@pytest.mark.parametrize("edits", [[("ddb.target", 50), ("ddb.headroom", 20), ("ddb.target", 70)],
                                   [("ddb.step", 30), ("ddb.headroom", 0), ("ddb.step", 15)]])
def test_after_each_edit_the_page_shows_the_cli_numbers_for_the_new_settings(page, edits):
    """The server's strategy cache re-solves only what an edit changes: each page after an edit equals the
    CLI's plan worked out afresh for the settings on the screen (back to earlier values too)."""
    data = load_design_data(template_text("save_app_data"))
    page.checkbox(key="ddb.free").uncheck().run()  # with the free tier this small table's provisioned plans cost 0
    chosen = {"target_utilization": 0.7, "headroom": 0.1, "step_minutes": 15, "free_tier": False}
    seen = set()
    names = {"ddb.target": ("target_utilization", 100), "ddb.headroom": ("headroom", 100), "ddb.step": ("step_minutes", 1)}
    for key, value in edits:
        widget = page.select_slider(key=key) if key == "ddb.step" else page.slider(key=key)
        widget.set_value(value).run()
        assert not page.exception
        field, scale = names[key]
        chosen[field] = value if scale == 1 else value / scale
        expected = plan_dict(dynamodb_plan_data(data, "table", PlannerSettings(**chosen)))
        table = page.dataframe[0].value
        assert [f"{v:,.2f}" for v in table["USD / month"]] == [usd_text(s["monthly_cost_usd"])
                                                               for s in expected["strategies"]], (key, value)
        assert list(table["throttled / month"]) == [f"{round(s['throttled_requests']):,}"
                                                    for s in expected["strategies"]], (key, value)
        assert strategy_name(expected["recommended"], "en") in page.success[0].value
        assert not [c for c in page.caption if "Working out" in c.value]  # the first draw's note is replaced
        seen.add(tuple(table["USD / month"]))
    assert len(seen) == len(set(edits))  # each new setting changed the figures (so a stale one would show)


def test_the_page_and_the_cli_round_a_half_cent_the_same_way(page):
    """Tokyo on-demand for save_app_data: 10M RRU × $0.1425/M = 1.425 and 10M WRU × $0.715/M = 7.15, 8.575 a month:
    8.58 half up on the page and in `cli.py dynamodb-plan` (the page showed 8.57, the CLI 8.58)."""
    import subprocess
    import sys

    on_demand = page.dataframe[0].value.set_index("strategy").loc["On-demand", "USD / month"]
    assert on_demand == 8.58
    cli = subprocess.run([sys.executable, "cli.py", "dynamodb-plan", "save_app_data", "--table", "table"],
                         cwd=Path(APP).parent, capture_output=True, text=True, check=True).stdout
    assert next(line for line in cli.splitlines() if line.startswith("on_demand")).split()[1] == "8.58"


def test_standard_ia_has_no_reserved_capacity(page):
    page.radio(key="ddb.class").set_value("standard_ia").run()
    assert not page.exception
    table = page.dataframe[0].value
    reserved = table[table["strategy"] == "Reserved capacity"].iloc[0]
    assert reserved["USD / month"] is None or np.isnan(reserved["USD / month"])


def test_a_design_without_tables_explains_what_to_do():
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    assert "no DynamoDB table" in at.info[0].value


def test_capacity_chart_has_demand_and_each_strategy():
    demand = np.ones(43_800)
    demand[600:660] = 4.0  # the 11th hour's peak: 4 units
    scheduled = np.where(np.arange(43_800) < 21_900, 3.0, 5.0)  # 3 units the first half of the month, then 5
    chart = ET.fromstring(capacity_chart(demand, {"provisioned_fixed": demand * 0 + 6, "scheduled_weekly": scheduled},
                                         title="t", unit="RCU"))
    legend = [node.text for node in chart.iter(f"{SVG}text") if node.get("class") == "legend"]
    assert legend == ["consumed", strategy_name("provisioned_fixed", "en"), strategy_name("scheduled_weekly", "en")]
    consumed, fixed, weekly = (line.get("points").split() for line in chart.findall(f"{SVG}polyline[@class='series']"))
    assert len(consumed) == 730  # hourly maxima of the month's 43,800 minutes
    assert len({point.split(",")[1] for point in consumed}) == 2  # 1 unit, and the 4 of hour 10
    assert len(fixed) == 3  # a flat line: its start, its end (a held value is not repeated)
    assert len(weekly) == 5 and weekly[1].split(",")[0] == weekly[2].split(",")[0]  # one step up, mid-month
    assert chart.find(f"{SVG}polygon[@class='area']") is not None  # the consumed capacity, shaded


def test_a_gsi_can_be_planned_on_the_page():
    at = open_editors(AppTest.from_file(APP, default_timeout=120).run())
    yaml_text = ("name: g\nregion: us-east-1\nworkload: {requests_per_month: 10000000}\ncomponents:\n"
                 "  - {id: t, type: dynamodb, writes: 1, gsis: [{name: by_user, write_fraction: 0.5}]}\n")
    at.text_area[0].set_value(yaml_text)
    at.button[0].click().run()
    at.switch_page("webapp/pages/dynamodb.py").run()
    at.selectbox(key="ddb.index").set_value("by_user").run()
    assert not at.exception
    expected = plan_dict(dynamodb_plan_data(load_design_data(yaml_text), "t", PlannerSettings(), index="by_user"))
    assert expected["table"] == "t/index/by_user"
    assert [f"{v:,.2f}" for v in at.dataframe[0].value["USD / month"]] == [usd_text(s["monthly_cost_usd"])
                                                                           for s in expected["strategies"]]


def test_the_page_compares_the_weekly_plan_with_the_lower_bound_and_offers_its_actions(page):
    expected = plan_dict(dynamodb_plan_data(load_design_data(template_text("save_app_data")), "table", PlannerSettings()))
    table = page.dataframe[0].value
    bound = table[table["strategy"] == "One-time schedule"].iloc[0]
    assert not bound["applicable"]
    assert expected["recommended"] != "scheduled_one_time"
    info = page.info[0].value
    weekly = next(s for s in expected["strategies"] if s["name"] == "scheduled_weekly")
    assert f"USD {weekly['monthly_cost_usd']:,.2f}" in info and "lower bound" in info
    # the schedules are drawn only while their expander is open (webapp/views/lazy.py)
    assert len(page.dataframe) == 1 and not page.get("download_button")
    page.session_state["ddb.schedule_open"] = True
    page.session_state["ddb.bound_schedule_open"] = True
    page.run()
    assert "put-scheduled-action" in " ".join(c.value for c in page.caption)
    assert len(page.dataframe) == 3 and len(page.get("download_button")) == 1
    bound = next(s for s in expected["strategies"] if s["name"] == "scheduled_one_time")
    assert len(page.dataframe[1].value) == len(weekly["schedule"]) and len(page.dataframe[2].value) == len(bound["schedule"])


def test_the_last_decrease_is_read_and_a_bad_one_is_named(page):
    page.number_input(key="ddb.used").set_value(27).run()
    page.text_input(key="ddb.last").set_value("2026-12-07T08:30:00Z").run()
    assert not page.exception and not page.warning
    page.text_input(key="ddb.last").set_value("yesterday").run()
    assert "yesterday" in page.warning[0].value


def test_the_live_state_is_filled_from_the_account_snapshot():
    import json

    snapshot = json.loads((Path(APP).parent / "tests/fixtures/aws/snapshot_photos_tokyo.json").read_text())
    snapshot["accounts"][0]["regions"]["ap-northeast-1"]["dynamodb"]["tables"]["value"].append(
        {"name": "table", "table": {"value": {"billing": "provisioned", "rcu": 5, "wcu": 5, "decreases_today": 3,
                                              "last_decrease": "2026-12-06T14:50:00Z", "table_class": "standard",
                                              "gsis": []}}})
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["account_snapshot"] = snapshot
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    assert at.number_input(key="ddb.used").value == 3
    assert at.text_input(key="ddb.last").value == "2026-12-06T14:50:00Z"
    assert any("account snapshot" in c.value for c in at.caption)


def test_the_new_texts_are_japanese_on_a_japanese_screen():
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.radio(key="lang").set_value("ja").run()
    at.switch_page("webapp/pages/dynamodb.py").run()
    assert not at.exception
    import re

    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert japanese.search(at.info[0].value) and "下限" in at.info[0].value
    notes = at.dataframe[0].value["注記"]
    assert all(japanese.search(n) for n in notes), list(notes)
    assert "適用可" in at.dataframe[0].value.columns


def test_the_weekly_schedule_reads_as_weekday_time_and_capacities_in_both_languages():
    rows = [{"start": "MON 03:00 UTC", "minute_of_week": 180, "rcu": 12, "wcu": 5},
            {"start": "SUN 23:30 UTC", "minute_of_week": 10_050, "rcu": 7, "wcu": 3}]
    english, japanese = schedule_frame(rows, "en"), schedule_frame(rows, "ja")
    assert list(english.columns) == ["Start (UTC)", "RCU", "WCU"]
    assert list(english["Start (UTC)"]) == ["Mon 03:00", "Sun 23:30"]
    assert list(japanese["開始（UTC）"]) == ["月曜 03:00", "日曜 23:30"]
    assert list(japanese["RCU"]) == [12, 7] and list(japanese["WCU"]) == [5, 3]
    one_time = schedule_frame([{"start": "2026-12-07T03:15:00Z", "minute_of_month": 195, "rcu": 1, "wcu": 1},
                               {"start": None, "minute_of_month": 0, "rcu": 1, "wcu": 1}], "en")
    assert list(one_time["Start (UTC)"]) == ["2026-12-07 03:15", "—"]


def test_the_free_tier_assumption_is_stated_and_can_be_switched_off(page):
    """ux.md P4/P5: the page says the provisioned costs count the account's free tier, and unticking it plans
    without; utilisation reads as a percentage or "—", never None."""
    assert "count 18,600 free RCU-hours and 18,600 free WCU-hours" in " ".join(c.value for c in page.caption)
    table = page.dataframe[0].value
    assert "None" not in " ".join(map(str, table["utilization"]))
    assert all(text == "—" or text.endswith("%") for text in table["utilization"])
    fixed_free = table.set_index("strategy").loc["Provisioned, fixed", "USD / month"]
    page.checkbox(key="ddb.free").uncheck().run()
    assert not page.exception
    assert "Costs without the free tier." in [c.value for c in page.caption]
    without = page.dataframe[0].value.set_index("strategy").loc["Provisioned, fixed", "USD / month"]
    assert without > fixed_free



def test_a_phone_gets_a_card_per_strategy_with_its_monthly_cost(page):
    """ux.md F4: the strategies as cards (shown on narrow screens): the name, the month's cost as the grid rounds
    it, throttling and utilisation in words."""
    cards = next(m.value for m in page.markdown if m.value.startswith("**On\\-demand**"))
    text = cards.replace("\\", "")
    assert "**On-demand** · **$8.58**" in text
    assert "Throttled requests / month: 0" in text and "Average utilisation: —" in text
    assert text.count("\n\n") == 5  # six strategies, one card each
