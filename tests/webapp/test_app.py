"""The app through Streamlit's AppTest: every template renders, edits change the total, bad input is a message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from cards_support import block, grid, phone_cards
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from i18n.format import format_money
from models.costs.money import QuoteSettings, make_quote
from service import estimate_text
from templates import template_keys, template_text
from webapp.views.fields import apply_edits

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app() -> AppTest:
    at = open_editors(AppTest.from_file(APP, default_timeout=60).run())
    assert not at.exception
    return at


def total(at: AppTest) -> str:
    return at.metric[0].value


def quote_total(text: str) -> str:
    """The engine's line items by the quote rule: each rounded to the cent, then summed."""
    return format_money(make_quote(estimate_text(text).line_items, QuoteSettings()).total, "USD", "en")


def expected_total(key: str) -> str:
    return quote_total(template_text(key))


def shown_text(markdown: str) -> str:
    """What a reader sees of a markdown message whose user text is escaped (\\[ → [)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def yaml_area(at: AppTest):
    return next(area for area in at.text_area if area.label == "YAML")


def apply_button(at: AppTest):
    return next(button for button in at.button if button.label in ("Apply", "適用"))


@pytest.mark.parametrize("key", template_keys())
def test_every_template_renders_with_the_engines_line_items_summed(app, key):
    app.selectbox(key="template").set_value(key).run()
    assert not app.exception
    assert not app.error
    assert total(app) == expected_total(key)
    exact = estimate_text(template_text(key)).total_usd
    assert abs(float(total(app)[1:].replace(",", "")) - float(exact)) <= 0.005 * len(app.dataframe[0].value)
    assert any(f"Before rounding: ${exact:,.4f}." in c.value for c in app.caption)
    assert len(app.dataframe) == 2 and len(app.dataframe[0].value) > 0  # the line items, then the cost by component
    breakdown = app.dataframe[1].value
    assert breakdown.iloc[:, 2].sum() == pytest.approx(1.0)  # the shares of the total add up to 100 %


def test_changing_requests_changes_the_total(app):
    before = total(app)
    key = next(n.key for n in app.number_input if n.key.endswith(".requests"))
    app.number_input(key=key).set_value(40_000_000).run()
    assert not app.exception
    assert total(app) != before


def test_changing_lambda_memory_changes_the_total(app):
    before = total(app)
    key = next(n.key for n in app.number_input if n.key.endswith(".memory_mb"))
    app.number_input(key=key).set_value(2048).run()
    assert total(app) != before


def test_switching_dynamodb_to_provisioned_offers_capacity_fields(app):
    key = next(s.key for s in app.selectbox if s.key and s.key.endswith(".billing"))
    app.selectbox(key=key).set_value("provisioned").run()
    assert not app.exception and not app.error
    assert any(n.key.endswith(".rcu") for n in app.number_input)


def test_the_line_items_carry_their_source_and_date(app):
    table = app.dataframe[0].value
    assert table["Source"].str.startswith("https://").all()
    assert (table["Price as of"].str.len() == 10).all()


def test_japanese_labels(app):
    app.radio(key="lang").set_value("ja").run()
    assert not app.exception
    assert app.metric[0].label == "月額合計（USD）"
    assert "費用（USD）" in app.dataframe[0].value.columns


def test_the_field_help_in_japanese_comes_from_the_catalog(app):
    from i18n.catalog import UI, t

    open_editors(app.radio(key="lang").set_value("ja").run())  # new labels: the editors open again
    assert not app.exception
    memory = next(n for n in app.number_input if n.key.endswith(".memory_mb"))
    assert memory.label == t("memory_mb", "ja")
    assert memory.help == UI["field_help.memory_mb"]["ja"] == "メモリ（MB、128〜10,240）。AWS の既定値 128。"
    billing = next(s for s in app.selectbox if s.key and s.key.endswith(".billing"))
    assert billing.help == UI["field_help.billing"]["ja"]
    # the field table holds no Japanese of its own: every help text is the catalog's
    source = (Path(__file__).resolve().parents[2] / "webapp" / "views" / "fields.py").read_text(encoding="utf-8")
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", source)


def test_a_broken_yaml_edit_is_a_message_and_keeps_the_design(app):
    before = total(app)
    yaml_area(app).set_value("name: x\ncomponents:\n  - id: a\n    type: lamda\n")
    apply_button(app).click().run()
    assert not app.exception
    assert any("unknown component type 'lamda'" in e.value for e in app.error)
    assert total(app) == before


def test_a_valid_yaml_edit_replaces_the_design(app):
    text = "name: Tiny\nregion: us-east-1\ncomponents:\n  - {id: fn, type: lambda, invocations_per_month: 5000000, duration_ms: 100}\n"
    yaml_area(app).set_value(text)
    apply_button(app).click().run()
    assert not app.exception and not app.error
    assert total(app) == quote_total(text)


def test_apply_edits_scales_percentiles_with_the_median():
    design = {"name": "x", "components": [{"id": "f", "type": "lambda", "duration_ms": {"p50": 100, "p95": 300}}]}
    edited = apply_edits(design, {(0, "duration_ms"): 200}, {"requests_per_month": 10})
    assert edited["components"][0]["duration_ms"] == {"p50": 200, "p95": 600}
    assert edited["workload"] == {"requests_per_month": 10}
    assert design["components"][0]["duration_ms"] == {"p50": 100, "p95": 300}  # the original is untouched


def test_a_median_near_15_minutes_keeps_the_scaled_percentiles_within_lambdas_limit():
    from service import estimate_data

    design = {"name": "x", "region": "us-east-1", "workload": {"requests_per_month": 1000},
              "components": [{"id": "f", "type": "lambda", "timeout_s": 900,
                              "duration_ms": {"p50": 40, "p95": 120, "p99": 300}}]}
    edited = apply_edits(design, {(0, "duration_ms"): 900_000}, {})
    assert edited["components"][0]["duration_ms"] == {"p50": 900_000, "p95": 900_000, "p99": 900_000}
    assert apply_edits(design, {(0, "duration_ms"): 200_000}, {})["components"][0]["duration_ms"] == \
        {"p50": 200_000, "p95": 600_000, "p99": 900_000}  # 1,500,000 would be over 15 minutes
    estimate_data(edited)  # a valid design: no problem about p95/p99, which the form does not show


def test_uploading_a_design_opens_it(app):
    text = template_text("static_site_cdn").encode()
    app.file_uploader(key="upload").upload("mine.yaml", text, "application/x-yaml").run()
    assert not app.exception and not app.error
    assert total(app) == expected_total("static_site_cdn")


@pytest.mark.parametrize("content, message", [
    (b"name: x\ncomponents: [{id: a, type: lambda, memory_mb: 99999}]\nworkload: {requests_per_month: 1}\n",
     "components[0] (a).memory_mb: 99999 is out of range; must be ≤ 10,240"),
    (b"name: [broken", "design file line 1"),
    (b"\xff\xfe\x00garbage", "design file"),
])
def test_a_broken_upload_is_a_message_and_keeps_the_design(app, content, message):
    before = total(app)
    app.file_uploader(key="upload").upload("bad.yaml", content, "application/x-yaml").run()
    assert not app.exception
    shown = [shown_text(e.value) for e in app.error]
    assert any(message in text for text in shown), shown
    assert total(app) == before


def test_edits_survive_a_visit_to_another_page(app):
    key = next(n.key for n in app.number_input if n.key.endswith(".requests"))
    app.number_input(key=key).set_value(40_000_000).run()
    edited = total(app)
    app.switch_page("webapp/pages/prices.py").run()
    assert not app.exception
    app.switch_page("webapp/pages/design.py").run()
    assert total(app) == edited


def test_the_prices_page_lists_every_price_with_source_and_date(app):
    app.switch_page("webapp/pages/prices.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) >= 90
    assert table["Source"].str.startswith("https://").all()
    assert set(table["Confidence"]) <= {"aws", "price_list", "third_party", "assumed"}


def test_the_prices_page_has_a_row_per_tier_and_cache_sizes_in_numeric_order(app):
    """ux.md R2: a tiered price is one row per tier with its volume band (each tier with its own confidence);
    sizes sort by value; the counts above the grid count the rows."""
    from service.inputs import catalog_for

    app.switch_page("webapp/pages/prices.py").run()
    app.selectbox(key="prices_region").set_value("us-east-1").run()
    table = app.dataframe[0].value
    catalog = catalog_for("us-east-1")
    rest = table[table["id"] == "apigateway.rest.requests"]
    assert len(rest) == len(catalog.prices["apigateway.rest.requests"].tiers) == 4
    assert list(rest["Unit price (USD)"]) == ["USD 3.50 per million requests", "USD 2.80 per million requests",
                                        "USD 2.38 per million requests", "USD 1.51 per million requests"]
    assert list(rest["Dimension"]) == [f"REST API calls ({band} requests)" for band in
                                       ("first 333M", "next 667M", "next 19B", "over 20B")]
    sizes = [float(i.split(".", 2)[2].removesuffix("gb")) for i in table["id"] if i.startswith("apigateway.rest_cache.")]
    assert sizes == sorted(sizes) and len(sizes) == 8
    counts = next(c.value for c in app.caption if c.value.startswith("Price tiers by confidence: "))
    counts = counts.removeprefix("Price tiers by confidence: ")
    assert sum(int(part.rsplit(": ", 1)[1]) for part in counts.split(" · ")) == len(table) > len(catalog.prices)


def test_the_prices_page_filters_to_the_assumed_prices_the_cli_lists(app):
    from pricing.catalog import assumed_prices

    app.switch_page("webapp/pages/prices.py").run()
    app.selectbox(key="prices_region").set_value("ap-northeast-3").run()
    app.checkbox(key="prices_assumed_only").check().run()
    assert not app.exception
    table = app.dataframe[0].value
    # every tier of each price with an assumed tier (a sourced first tier stays beside its assumed bands)
    assert table.groupby("id")["Confidence"].agg(lambda c: "assumed" in set(c)).all()
    assert set(table["id"]) == {p.id for p in assumed_prices(["ap-northeast-3"])}


def test_a_phone_gets_the_first_60_price_tiers_as_cards_with_the_grids_figures(app):
    """ux.md F4: on a phone each price tier is a card: the dimension with its band and the unit price as the grid
    writes them, then confidence, date and the source's site; 60 at most, with how many are left and how to
    narrow the list; a service picked leaves a card for each of its rows and no such caption."""
    app.switch_page("webapp/pages/prices.py").run()
    app.selectbox(key="prices_region").set_value("us-east-1").run()
    table = grid(app, "prices")
    cards = phone_cards(app, "prices")
    assert len(cards) == 60 < len(table)
    for card, (_, row) in zip(cards, table.iterrows(), strict=False):
        assert card[0] == f"**{row['Dimension']}** · **{row['Unit price (USD)']}**"
        assert card[1] == f"Service: {row['Service']}"
        assert f"Confidence: {row['Confidence']}" in card and f"Price as of: {row['Price as of']}" in card
        assert (f"Free tier: {row['Free tier']}" in card) == bool(row["Free tier"])
        source = next(line.removeprefix("Source: ") for line in card if line.startswith("Source: "))
        text, url = re.fullmatch(r"\[(.+)\]\((https://[^)]+)\)", source).groups()  # type: ignore[union-attr]
        assert url == row["Source"]  # a link to the grid's address
        assert row["Source"].partition("://")[2].startswith(text.removesuffix("…")) and len(text) <= 51
    more = f"The first 60 of {len(table)} price tiers are shown here; {len(table) - 60} more are not."
    assert block(app._tree, "narrow_prices_more").caption[0].value.startswith(more)  # on a phone only
    app.multiselect(key="prices_services").set_value(["Lambda"]).run()
    assert not app.exception
    table = grid(app, "prices")
    assert set(table["Service"]) == {"Lambda"} and 0 < len(table) <= 60
    cards = phone_cards(app, "prices")
    assert [card[0] for card in cards] == [f"**{d}** · **{p}**" for d, p in zip(table["Dimension"],
                                                                               table["Unit price (USD)"], strict=True)]
    assert block(app._tree, "narrow_prices_more") is None


def test_provisioned_billing_adds_capacity_and_on_demand_removes_it():
    design = {"name": "x", "components": [{"id": "t", "type": "dynamodb", "gsis": [{"name": "g"}]}]}
    provisioned = apply_edits(design, {(0, "billing"): "provisioned"}, {})
    assert provisioned["components"][0] | {"gsis": None} == {"id": "t", "type": "dynamodb", "billing": "provisioned",
                                                            "rcu": 5, "wcu": 5, "gsis": None}
    assert provisioned["components"][0]["gsis"] == [{"name": "g", "rcu": 5, "wcu": 5}]
    back = apply_edits(provisioned, {(0, "billing"): "on_demand"}, {})
    assert back["components"][0] == {"id": "t", "type": "dynamodb", "billing": "on_demand", "gsis": [{"name": "g"}]}


def test_the_cost_page_shows_the_current_designs_estimate(app):
    key = next(n.key for n in app.number_input if n.key.endswith(".requests"))
    app.number_input(key=key).set_value(40_000_000).run()
    on_design_page = total(app)
    app.switch_page("webapp/pages/cost.py").run()
    assert not app.exception
    assert total(app) == on_design_page
    assert len(app.dataframe) == 2  # the line items and the cost by component
    # ux.md C2: one heading, the page's and the design's name together ("Cost" is not repeated above it)
    headings = [m.value.replace("\\", "") for m in app.markdown if m.value.startswith("#")]  # plain() escapes
    assert headings[0] == "### Cost — Save app data (API Gateway → Lambda → DynamoDB)", headings
    assert not any(h.value == "Cost" for h in app.subheader)


def test_the_cost_by_component_table_sorts_and_shares_by_hand():
    """6 and 2 of 8: 75 % and 25 %, the dearest first; a free component shares 0 %; ranges add low/high."""
    import pandas as pd

    from webapp.views.results import breakdown_table

    data = pd.DataFrame({"component": ["fn", "api", "free"], "cost": [2.0, 6.0, 0.0],
                         "low": [1.0, 3.0, 0.0], "high": [4.0, 12.0, 0.0]})
    frame, config = breakdown_table(data, "JPY", "ja")
    assert list(frame["コンポーネント"]) == ["api", "fn", "free"]
    assert list(frame["合計に占める割合"]) == [0.75, 0.25, 0.0]
    assert list(frame["下限"]) == [3.0, 1.0, 0.0] and list(frame["上限"]) == [12.0, 4.0, 0.0]
    assert set(config) == {"金額（円、端数処理後）", "合計に占める割合", "下限", "上限"}
