"""A Region with no bundled catalog in the app (AppTest): after `prices refresh --region eu-west-1` (recorded
GetProducts answers, tests/fixtures/aws/pricing_get_products_eu-west-1.json) the Region pickers list it with its
prices' date, a design in eu-west-1 prices to the hand-worked $21.43 (tests/aws/test_prices_refresh_region.py
works it out), and a Region without a catalog is refused with the command that builds one — in English and
Japanese."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml
from account_support import recorded_price_list_client
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

from aws.price_list import refresh_catalog
from i18n.catalog import format_date
from pricing.catalog import load_catalog
from service.inputs import refreshed_catalog
from webapp.views.regions import _catalogs

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TODAY = date(2026, 11, 29)
DESIGN = {"name": "Dublin API", "region": "eu-west-1", "free_tier": "none",
          "components": [{"id": "api", "type": "api_gateway", "api": "http", "requests_per_month": 10_000_000},
                         {"id": "fn", "type": "lambda", "from": "api", "memory_mb": 512, "duration_ms": 100,
                          "init_ms": 0, "log_kb_per_invocation": 0}]}


@pytest.fixture
def app(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SERVERLESS_PLANNER_PRICES", raising=False)
    client, _ = recorded_price_list_client("eu-west-1")
    refresh_catalog("eu-west-1", client=client, today=TODAY)
    _catalogs.clear()
    at = open_editors(AppTest.from_file(APP, default_timeout=60).run())
    assert not at.exception
    return at


def apply_yaml(at: AppTest, data: dict) -> None:
    next(area for area in at.text_area if area.label == "YAML").set_value(yaml.safe_dump(data, sort_keys=False))
    next(button for button in at.button if button.label in ("Apply", "適用")).click().run()


def test_a_design_in_a_refreshed_region_prices_end_to_end_with_its_date(app):
    apply_yaml(app, DESIGN)
    assert not app.exception and not app.error
    assert app.metric[0].value == "$21.43"
    picker = next(s for s in app.selectbox if s.key and s.key.endswith(".region"))
    assert picker.value == "eu-west-1"
    refreshed_dates = refreshed_catalog("eu-west-1").price_dates()
    refreshed = dates(refreshed_dates, "en")
    assert picker.options[-1] == (f"eu-west-1 — Europe (Ireland) · prices as of {refreshed} "
                                  "(refreshed from the AWS Price List)")
    bundled = dates(load_catalog("us-east-1").price_dates(), "en")
    assert f"us-east-1 — US East (N. Virginia) · prices as of {bundled}" in picker.options
    shown = " ".join(c.value for c in app.caption)
    assert "Prices as of: 29 Nov 2026 – 29 Nov 2026" in shown  # the estimate states its prices' date
    app.radio(key="lang").set_value("ja").run()
    assert not app.exception
    picker = next(s for s in app.selectbox if s.key and s.key.endswith(".region"))
    assert f"eu-west-1 — 欧州（アイルランド） · 価格の基準日 {dates(refreshed_dates, 'ja')} (AWS Price List から更新)" \
        in picker.options


def dates(oldest_newest, lg: str) -> str:
    """"1 Jul 2024 – 29 Nov 2026", as the Region picker says a catalog's prices' dates."""
    return " – ".join(format_date(d, lg) for d in oldest_newest)


def test_the_region_pickers_date_a_catalog_by_its_prices_not_by_when_it_was_built(app):
    """The bundled catalog was built on one day but its prices date from many: the picker says their range, the
    dates a quote's "Prices as of" line is drawn from, not the build date."""
    catalog = load_catalog("us-east-1")
    oldest, newest = catalog.price_dates()
    assert oldest < catalog.compiled  # else the two readings could not be told apart
    picker = next(s for s in app.selectbox if s.key and s.key.endswith(".region"))
    option = next(o for o in picker.options if o.startswith("us-east-1"))
    assert option == f"us-east-1 — US East (N. Virginia) · prices as of {dates((oldest, newest), 'en')}"
    app.switch_page("webapp/pages/prices.py").run()
    app.radio(key="lang").set_value("ja").run()
    assert not app.exception
    option = next(o for o in app.selectbox(key="prices_region").options if o.startswith("us-east-1"))
    assert option == f"us-east-1 — 米国東部（バージニア北部） · 価格の基準日 {dates((oldest, newest), 'ja')}"


def test_the_prices_page_lists_the_refreshed_region(app):
    app.switch_page("webapp/pages/prices.py").run()
    app.selectbox(key="prices_region").set_value("eu-west-1").run()
    assert not app.exception
    table = app.dataframe[0].value
    http = table[table["id"] == "apigateway.http.requests"].iloc[0] if "id" in table else None
    assert http is not None and "1.11" in http.iloc[2]


def test_a_region_without_a_catalog_is_refused_with_how_to_build_it(app):
    apply_yaml(app, {**DESIGN, "region": "eu-west-2", "name": "London API"})
    assert not app.exception
    errors = " ".join(e.value for e in app.error).replace("\\", "")  # markdown escapes
    assert "eu-west-2 has no price catalog yet" in errors and "Build it on the Prices page" in errors
    assert "cli.py" not in errors  # no command line in the web UI (ux.md)
    picker = next(s for s in app.selectbox if s.key and s.key.endswith(".region"))
    assert picker.value == "eu-west-2" and "no price catalog" in picker.options[-1]
    app.radio(key="lang").set_value("ja").run()
    errors = " ".join(e.value for e in app.error).replace("\\", "")
    assert "eu-west-2 にはまだ価格表がありません" in errors and "価格表ページ" in errors and "cli.py" not in errors


@pytest.mark.parametrize(("lg", "here"), [("en", "no price catalog yet: refresh below"),
                                          ("ja", "価格表なし：下の更新ボタンで作成")])
def test_the_prices_pages_own_picker_says_to_refresh_below_not_to_go_to_the_prices_page(app, lg, here):
    apply_yaml(app, {**DESIGN, "region": "eu-west-2", "name": "London API"})
    app.switch_page("webapp/pages/prices.py").run()
    app.radio(key="lang").set_value(lg).run()
    assert not app.exception
    picker = app.selectbox(key="prices_region")
    assert picker.value == "eu-west-2" and picker.options[-1].endswith(here)
    assert not any("Prices page" in o or "価格表ページ" in o for o in picker.options)



def test_the_account_page_says_how_to_build_the_designs_region_catalog_then_builds_it(tmp_path, monkeypatch):
    """The Account page's prices panel for a Region with no bundled catalog: the button and the command that
    build it; pressed (pulling allowed), the catalog built from the Price List, with how many prices have none."""
    from aws import price_list

    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "empty"))
    monkeypatch.setenv("SERVERLESS_PLANNER_ALLOW_PULL", "1")
    _catalogs.clear()
    at = open_editors(AppTest.from_file(APP, default_timeout=60).run())
    apply_yaml(at, DESIGN)
    at.switch_page("webapp/pages/account.py").run()
    assert not at.exception
    assert any("eu-west-1 has no price catalog: build it on the Prices page" in i.value for i in at.info)
    client, stub = recorded_price_list_client("eu-west-1")
    monkeypatch.setattr(price_list, "pricing_client", lambda profile=None, pricing_region="us-east-1": client)
    at.button(key="account.refresh_prices").click().run()
    assert not at.exception
    stub.assert_no_pending_responses()
    built = " ".join(c.value for c in at.caption).replace("\\", "")
    assert "Catalog for eu-west-1 built from the AWS Price List" in built
    prices = yaml.safe_load((tmp_path / "empty" / "catalog" / "eu-west-1.yaml").read_text(encoding="utf-8"))["prices"]
    nulls = sum(p["tiers"] is None for p in prices)
    assert 0 < nulls < len(prices) and f"; {nulls} price(s) have no Price List product" in built
