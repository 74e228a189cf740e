"""The English screens name choices, component types and services as the Japanese do — by a word for people
("On-demand", "HTTP API", "API Gateway"), not the design file's key (`on_demand`, `http`, `apigateway`) — while the
widgets keep the stored values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def design_page(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = lang
    at.run()
    at.selectbox(key="template").set_value("save_app_data").run()
    at = open_editors(at)
    assert not at.exception, at.exception
    return at


def picker(at: AppTest, suffix: str):
    return next(box for box in at.selectbox if box.key and box.key.endswith(suffix))


@pytest.mark.parametrize(("lang", "free", "api", "billing", "headers"), [
    ("en", ["None", "Always-free offers", "Always-free + 12-month offers"], "HTTP API", "On-demand",
     ["api · API Gateway", "handler · Lambda"]),
    ("ja", ["なし", "常に無料の枠", "12 か月無料枠も適用"], "HTTP API", "オンデマンド",
     ["api · API Gateway", "handler · Lambda"]),
])
def test_the_design_page_labels_its_choices_and_editors_in_both_languages(lang, free, api, billing, headers):
    at = design_page(lang)
    free_tier = picker(at, ".free_tier")
    assert free_tier.options == free
    assert free_tier.value == "always"  # the stored value is still the design file's key
    api_box = picker(at, ".api")
    assert api in api_box.options and api_box.value == "http"
    billing_box = picker(at, ".billing")
    assert billing in billing_box.options and billing_box.value == "on_demand"
    labels = [e.label for e in at.expander]
    assert all(any(label.startswith(h) for label in labels) for h in headers), labels
    assert not any("api_gateway" in label or "· lambda" in label for label in labels), labels


def test_choosing_a_labelled_free_tier_stores_its_key():
    at = design_page("en")
    picker(at, ".free_tier").set_value("first_year").run()
    assert not at.exception
    assert at.session_state["design"]["free_tier"] == "first_year"


def test_the_prices_page_names_services_by_their_aws_names_in_english():
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("webapp/pages/prices.py").run()
    assert not at.exception
    grid = next(pd.DataFrame(f.value) for f in at.dataframe if "Confidence" in pd.DataFrame(f.value).columns)
    services = set(grid["Service"])
    assert {"API Gateway", "Lambda", "CloudFront"} <= services
    assert not services & {"apigateway", "cloudfront", "lambda"}
    lines = [line for m in at.markdown for line in m.value.split("  \n") if line.startswith("Service: ")]
    assert lines and not {line.removeprefix("Service: ") for line in lines} & {"apigateway", "cloudfront", "lambda"}
