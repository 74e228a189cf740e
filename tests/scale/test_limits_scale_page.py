"""The Limits page's "what breaks at N×" section through AppTest: the same first walls as `check --scale`."""

from __future__ import annotations

from pathlib import Path

import pytest
from cards_support import card_lines, expected_card, grid, phone_cards
from streamlit.testing.v1 import AppTest

from i18n.catalog import t
from models.design.text import load_design_data
from service.scale import scale_report
from templates import template_text

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def limits_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/limits.py").run()
    assert not at.exception
    return at


def _scale_metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_page_shows_the_first_wall_the_cli_finds(limits_page):
    report = scale_report(load_design_data(template_text("photo_thumbnails")), 1.0)
    table = limits_page.dataframe[-1].value
    assert len(table) == len(report.first_failures)
    wall = report.first_wall
    assert table.iloc[0]["First fails at"] == f"×{wall.fails_at:,.3g}"
    assert _scale_metrics(limits_page)["First wall"] == f"×{wall.fails_at:,.3g}"


def test_the_slider_past_the_wall_fails_the_design(limits_page):
    # photo_thumbnails' account concurrency first fails near ×74 (tests/scale/test_first_failures.py finds where)
    limits_page.select_slider(key="scale.factor").set_value(100.0).run()
    assert not limits_page.exception
    assert _scale_metrics(limits_page)["Status at ×100"] == "🔴 fail"
    table = limits_page.dataframe[-1].value
    assert table.iloc[0]["At ×N"] == "🔴 fail"


@pytest.mark.parametrize("lg", ["en", "ja"])
def test_on_a_phone_the_scale_table_is_a_card_per_check_with_the_grids_figures(limits_page, lg):
    """ux.md F4: on a phone the "first fails at" table is a card per check, the first wall first: the check and
    the multiplier at which it first fails, then the component, the status now and at ×N and the headroom, as the
    grid's row writes them."""
    limits_page.session_state["lang"] = lg
    limits_page.select_slider(key="scale.factor").set_value(100.0).run()
    assert not limits_page.exception
    table = grid(limits_page, "scale")
    assert table.equals(limits_page.dataframe[-1].value)
    check, fails_at = table.columns[0], table.columns[4]
    cards = phone_cards(limits_page, "scale")
    assert cards == [expected_card(row, check, fails_at) for row in table.to_dict("records")]
    report = scale_report(load_design_data(template_text("photo_thumbnails")), 100.0)
    assert cards[0][0].endswith(f" · **×{report.first_wall.fails_at:,.3g}**")
    assert card_lines(cards[0])[table.columns[3]] == t("status_fail", lg)  # the first wall, passed at ×100


def test_the_section_in_japanese(limits_page):
    limits_page.session_state["lang"] = "ja"
    limits_page.run()
    assert not limits_page.exception
    table = limits_page.dataframe[-1].value
    assert "初めて不合格になる倍率" in table.columns
    assert "最初の壁" in _scale_metrics(limits_page)
    assert any(cell.endswith("超") for cell in table["初めて不合格になる倍率"])  # "×1000 超": never fails


def test_a_wall_at_any_traffic_names_the_first_wall_as_traffic_grows(limits_page):
    # the what-if: an account of 10 with 5 reserved for the first function. AWS keeps 100 unreserved, so the
    # reservation fails at any traffic; the page then also shows the first wall traffic raises, as the CLI does
    data = load_design_data(template_text("photo_thumbnails"))
    data["limits"] = {**(data.get("limits") or {}), "lambda_concurrency": 10}
    index, first_fn = next((i, c) for i, c in enumerate(data["components"]) if c["type"] == "lambda")
    first_fn["reserved_concurrency"] = 5
    report = scale_report(data, 1.0)
    assert report.first_wall.below_min and report.first_traffic_wall is not None
    limits_page.number_input(key="whatif.lambda_concurrency").set_value(10)
    limits_page.number_input(key=f"whatif.{index}.rc").set_value(5).run()
    assert not limits_page.exception
    metrics = _scale_metrics(limits_page)
    assert metrics["First wall"] == "≤ ×0.01 (fails at any traffic)"
    assert metrics["First wall as traffic grows"] == f"×{report.first_traffic_wall.fails_at:,.3g}"
