"""The Account page's Observe section through AppTest: off unless pulls are allowed, a saved observation's
table, and the calibrate button filling the current design (checked against the synthetic truth)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from account_support import aws, moto_url  # noqa: F401 - fixtures
from cards_support import expected_card, grid, phone_cards
from observe_support import HOURS, expected_hourly, poisson, truth_profile
from streamlit.testing.v1 import AppTest

from i18n.catalog import t
from models.design.schema import parse_design
from models.run.traffic import client_monthly_requests, shape

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "webapp/pages/account.py"
MONTHLY = 2_000_000


def col(name: str) -> str:
    """An Account page table heading as shown in English ("Name", not `name`)."""
    return t(f"account.column.{name}", "en")


def observation() -> dict:
    counts = poisson(expected_hourly(MONTHLY), seed=31)
    return {"schema": "serverless-planner/observation@1", "region": "us-east-1", "start": "2026-11-17T00:00:00Z",
            "hours": HOURS, "resolution": "hour", "gaps": [], "resources": [
                {"kind": "api", "name": "photos", "hourly": {"Count": counts.tolist()}, "minute": {}, "overall": {}},
                {"kind": "lambda", "name": "handler", "hourly": {"Invocations": counts.tolist()}, "minute": {},
                 "overall": {"Duration.p50": 40.0, "Duration.p95": 90.0, "Duration.p99": 150.0}}]}


def open_page(**state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["design"] = {"name": "mine", "workload": {"requests_per_month": 10}, "components": [
        {"id": "photos", "type": "api_gateway"}, {"id": "handler", "type": "lambda", "from": "photos"}]}
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def observed_table(at: AppTest):
    return next(d.value for d in at.dataframe if "p99 (ms)" in d.value.columns)


def test_on_a_phone_the_observation_is_a_card_per_resource_with_the_grids_figures():
    """ux.md F4: the observed table as cards on a phone: the resource's name, then each figure the grid gives it
    (events a month, peak per second, errors, throttles, p99), written as the grid's cells."""
    at = open_page(**{"account.observation": observation()})
    rows = grid(at, "account_observe_table").to_dict("records")
    cards = phone_cards(at, "account_observe_table")
    assert cards == [expected_card(row, col("name")) for row in rows]
    handler = next(card for card in cards if card[0] == "**handler**")
    assert f"{col('p99_ms')}: 150" in handler


def test_reading_metrics_is_off_unless_the_owner_switches_it_on(monkeypatch):
    monkeypatch.delenv("SERVERLESS_PLANNER_ALLOW_PULL", raising=False)
    at = open_page()
    assert at.button(key="account.observe.read").disabled


def test_a_saved_observation_is_shown_and_calibrates_the_design():
    at = open_page(**{"account.observation": observation()})
    rows = observed_table(at)
    assert set(rows[col("name")]) == {"photos", "handler"}
    assert rows.loc[rows[col("name")] == "handler", col("p99_ms")].iloc[0] in (150.0, "150")  # text beside "—"
    at.button(key="account.observe.calibrate").click().run()
    assert not at.exception, at.exception
    design = parse_design(at.session_state["design"])
    assert abs(client_monthly_requests(design.workload) / MONTHLY - 1) < 0.01
    assert np.corrcoef(shape(design.workload), truth_profile())[0, 1] >= 0.99
    assert design.component("handler").duration_ms.p99 == 150.0
    assert any("calibrated" in s.value for s in at.success)


def test_the_section_speaks_japanese():
    at = open_page(**{"lang": "ja", "account.observation": observation()})
    assert at.button(key="account.observe.calibrate").label == "現在の設計を補正する"
    assert any("p99（ms）" in d.value.columns for d in at.dataframe)


@pytest.mark.usefixtures("aws")
def test_a_read_against_an_empty_moto_account_says_no_metrics(monkeypatch):
    monkeypatch.setenv("SERVERLESS_PLANNER_ALLOW_PULL", "1")
    at = open_page()
    at.button(key="account.observe.read").click().run()
    assert not at.exception, at.exception
    assert any("No metrics were found" in i.value for i in at.info)
