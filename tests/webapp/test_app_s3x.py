"""The app with the S3 lifecycle, Secrets Manager and CloudWatch components: the YAML editor takes them, the
component editor edits their fields, the total follows the engine, and the Japanese screens stay Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from i18n.format import format_money
from models.costs.money import QuoteSettings, make_quote
from service import estimate_text

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DESIGN = """name: Observed API
region: us-east-1
workload: {requests_per_month: 2000000}
components:
  - {id: fn, type: lambda, duration_ms: 80}
  - {id: secret, type: secrets_manager, from: fn, secrets: 3, cache_ttl_s: 300}
  - {id: alarms, type: cloudwatch, standard_alarm_metrics: 25, custom_metrics: 40}
  - id: uploads
    type: s3
    from: fn
    new_gb_per_month: 50
    lifecycle: [{days: 30, storage_class: standard_ia}, {days: 90, storage_class: glacier_flexible}]
    expiration_days: 365
"""


def quote_total(text: str) -> str:
    return format_money(make_quote(estimate_text(text).line_items, QuoteSettings()).total, "USD", "en")


@pytest.fixture
def app() -> AppTest:
    at = open_editors(AppTest.from_file(APP, default_timeout=60).run())
    next(area for area in at.text_area if area.label == "YAML").set_value(DESIGN)
    open_editors(next(button for button in at.button if button.label in ("Apply", "適用")).click().run())
    assert not at.exception and not at.error
    return at


def test_the_design_prices_in_the_app_as_in_the_engine(app):
    assert app.metric[0].value == quote_total(DESIGN)


def test_the_component_editor_edits_secrets_and_alarm_metrics(app):
    before = app.metric[0].value
    secrets = next(n.key for n in app.number_input if n.key.endswith(".secrets"))
    app.number_input(key=secrets).set_value(30).run()
    assert not app.exception
    after_secrets = app.metric[0].value
    assert after_secrets != before
    alarms = next(n.key for n in app.number_input if n.key.endswith(".standard_alarm_metrics"))
    app.number_input(key=alarms).set_value(100).run()
    assert app.metric[0].value != after_secrets
    assert app.session_state["design"]["components"][2]["standard_alarm_metrics"] == 100
    # the cache is kept by the editor (it has no widget of its own)
    assert app.session_state["design"]["components"][1]["cache_ttl_s"] == 300


def test_the_new_data_per_month_of_a_bucket_is_editable(app):
    before = app.metric[0].value
    key = next(n.key for n in app.number_input if n.key.endswith(".new_gb_per_month"))
    app.number_input(key=key).set_value(5000).run()
    assert not app.exception and app.metric[0].value != before


def test_the_design_and_limits_pages_in_japanese_show_no_english():
    from tests.webapp.test_all_japanese import english

    words = {"Observed", "fn", "secret", "alarms", "uploads"}  # the design's own name and ids
    for page in ("webapp/pages/design.py", "webapp/pages/limits.py"):
        at = AppTest.from_file(APP, default_timeout=90)
        at.query_params["lang"] = "ja"
        open_editors(at.run())
        next(area for area in at.text_area if area.label == "YAML").set_value(DESIGN)
        open_editors(next(button for button in at.button if button.label in ("Apply", "適用")).click().run())
        if page != "webapp/pages/design.py":
            at.switch_page(page).run()
        assert not at.exception
        found = [w for w in english(at, page) if w.split("'")[1] not in words]
        assert not found, "\n".join(found)
