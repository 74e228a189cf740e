"""The Prices page's "Refresh prices" (ux.md D1/R1: "a one-click 'refresh prices' that works without server
credentials"), in the app through AppTest: it reads AWS's public offer files — served here over real HTTP on
127.0.0.1 by `offers_support.OfferHost`, laid out from the recorded Price List answers — writes the refreshed
catalog, and switches only this session's estimates to it; offline it changes nothing and says why; a Region
without a catalog is built from the same button. No test here may build a boto3 client (no credentials)."""

from __future__ import annotations

from pathlib import Path

import pytest
from offers_support import OfferHost, closed_port_base
from streamlit.testing.v1 import AppTest

from aws import offer_files
from aws import price_list as refresh
from aws.price_list import catalog_dir
from pricing.catalog import load_catalog
from service import estimate_data
from service.inputs import use_prices
from webapp.views.regions import _catalogs

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TOKYO = "ap-northeast-1"


@pytest.fixture
def host(tmp_path, monkeypatch):
    """A fresh cache, the offer files on 127.0.0.1 (what the app's button reads), and no way to build a
    Price List client: a refresh from the app must not need credentials."""
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SERVERLESS_PLANNER_PRICES", raising=False)

    def no_client(*args, **kwargs):
        raise AssertionError("the app's refresh must not need AWS credentials or a boto3 client")

    monkeypatch.setattr(refresh, "pricing_client", no_client)
    _catalogs.clear()
    with OfferHost() as served:
        monkeypatch.setenv(offer_files.OFFERS_ENV, served.base)
        yield served
    _catalogs.clear()


def prices_page(lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90).run()
    if lang != "en":
        at.radio(key="lang").set_value(lang).run()
    at.switch_page("webapp/pages/prices.py").run()
    assert not at.exception
    return at


def texts(at: AppTest, kind: str) -> str:
    return " ".join(e.value for e in getattr(at, kind)).replace("\\", "")  # markdown escapes


def price_table(at: AppTest):
    """The page's grid of prices (the changes a refresh found are a grid too, above it)."""
    return next(frame.value for frame in at.dataframe if "Confidence" in frame.value)


def assumed_tiers(at: AppTest) -> int:
    table = price_table(at)
    return int((table["Confidence"] == "assumed").sum())


def test_one_click_refreshes_tokyo_from_the_public_files_and_this_session_prices_from_them(host):
    at = prices_page()
    assert at.selectbox(key="prices_region").value == TOKYO  # the design's Region (every template is Tokyo)
    assert at.radio(key="prices.source").value == "bundled"
    assert "no refreshed catalog for ap-northeast-1 yet" in texts(at, "caption")
    before = assumed_tiers(at)
    design = at.session_state["design"]
    at.button(key="prices.refresh").click().run()
    assert not at.exception and not at.error
    assert any(path.endswith(f"/AWSLambda/current/{TOKYO}/index.json") for path in host.requests)
    done = texts(at, "success")
    assert "ap-northeast-1: 17 prices refreshed from the AWS Price List, 111 kept from the bundled catalog; " \
           "2 differ from the bundled catalog." in done
    assert "Estimates in this session now use the refreshed prices." in done
    assert at.radio(key="prices.source").value == "refreshed"
    assert "estimates use the catalog refreshed from the AWS Price List on" in texts(at, "caption")
    # the page lists the refreshed prices: tiers the public files state are no longer "assumed"
    refreshed_catalog = load_catalog.__wrapped__(TOKYO, catalog_dir())
    table = price_table(at)
    row = table[table["id"] == "lambda.duration.arm64"].iloc[0]
    assert row["Confidence"] == "price_list" and row["Source"].startswith(host.base)
    assert assumed_tiers(at) < before
    # the Design page's estimate is priced from the refreshed catalog and says so
    at.switch_page("webapp/pages/design.py").run()
    assert not at.exception
    with use_prices("refreshed"):
        estimate = estimate_data(design)
    refreshed_total = estimate.total_usd
    cited = {li.price_id: li.source for li in estimate.line_items}
    assert cited["lambda.requests"].startswith(f"{host.base}/offers/v1.0/aws/AWSLambda/")  # the file it was read from
    warnings = texts(at, "warning") + texts(at, "caption") + texts(at, "markdown")
    assert f"refreshed from the AWS Price List on {refreshed_catalog.compiled.isoformat()}" in warnings
    shown = at.metric[0].value.replace("$", "").replace(",", "")
    assert float(shown) == pytest.approx(float(refreshed_total), abs=0.005)


def test_switching_back_to_bundled_prices_the_design_from_the_bundled_catalog_again(host):
    at = prices_page()
    at.button(key="prices.refresh").click().run()
    at.radio(key="prices.source").set_value("bundled").run()
    assert not at.exception
    assert "estimates use the bundled catalog" in texts(at, "caption") and "is available" in texts(at, "caption")
    at.switch_page("webapp/pages/design.py").run()
    assert "refreshed from the AWS Price List on" not in texts(at, "warning") + texts(at, "caption")
    at.switch_page("webapp/pages/prices.py").run()
    assert at.radio(key="prices.source").value == "bundled"  # the choice outlives the page switch


def test_one_sessions_refresh_leaves_another_sessions_prices_alone(host):
    first = prices_page()
    first.button(key="prices.refresh").click().run()
    assert first.radio(key="prices.source").value == "refreshed"
    second = prices_page()
    assert second.radio(key="prices.source").value == "bundled"
    assert "estimates use the bundled catalog" in texts(second, "caption")
    second.switch_page("webapp/pages/design.py").run()
    assert "refreshed from the AWS Price List on" not in texts(second, "warning") + texts(second, "caption")


def test_offline_the_button_changes_nothing_and_says_why(host, monkeypatch):
    monkeypatch.setenv(offer_files.OFFERS_ENV, closed_port_base())
    at = prices_page()
    at.button(key="prices.refresh").click().run()
    assert not at.exception
    error = texts(at, "error")
    assert error.startswith("Prices not refreshed; nothing changed: no price could be refreshed for ap-northeast-1")
    assert "could not reach" in error and "the bundled catalog stays in use" in error
    assert at.radio(key="prices.source").value == "bundled"
    assert not (catalog_dir() / f"{TOKYO}.yaml").exists()


def test_offline_in_japanese_the_message_is_japanese(host, monkeypatch):
    base = closed_port_base()
    monkeypatch.setenv(offer_files.OFFERS_ENV, base)
    at = prices_page("ja")
    at.button(key="prices.refresh").click().run()
    assert not at.exception
    error = texts(at, "error")
    assert error.startswith("価格を更新できませんでした（何も変更していません）：")
    # the reason too is Japanese; the address and the system's own error text stay as they are
    assert "AWSLambda の価格ファイル：接続できません。" in error and "に接続できませんでした（" in error
    assert offer_files.offer_url("AWSLambda", TOKYO, base) in error and "Errno" in error
    assert not any(english in error for english in ("could not reach", "offer file", "Unreachable", "offline or"))


def test_a_region_without_a_catalog_is_built_from_the_prices_page(host):
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.session_state["design"] = {**at.session_state["design"], "region": "eu-west-1"}
    at.switch_page("webapp/pages/prices.py").run()
    assert not at.exception
    assert at.selectbox(key="prices_region").value == "eu-west-1"
    assert "eu-west-1 has no price catalog yet" in texts(at, "info") and not at.dataframe
    at.button(key="prices.refresh").click().run()
    assert not at.exception and not at.error
    assert "eu-west-1: catalog built from the AWS Price List:" in texts(at, "success")
    table = price_table(at)
    http = table[table["id"] == "apigateway.http.requests"].iloc[0]
    assert "1.11" in http["Unit price (USD)"]  # AWS's Ireland HTTP API price, as the recorded answers state it


def test_the_choice_travels_in_the_address_so_a_reload_or_a_shared_link_prices_alike(host):
    at = prices_page()
    at.button(key="prices.refresh").click().run()
    assert at.query_params["prices"] == "refreshed"
    reopened = AppTest.from_file(APP, default_timeout=90)
    reopened.query_params["d"] = at.query_params["d"]
    reopened.query_params["prices"] = "refreshed"
    reopened.run()
    assert not reopened.exception
    assert "refreshed from the AWS Price List on" in texts(reopened, "warning") + texts(reopened, "caption") + \
        texts(reopened, "markdown")
    reopened.switch_page("webapp/pages/prices.py").run()
    assert reopened.radio(key="prices.source").value == "refreshed"
    at.radio(key="prices.source").set_value("bundled").run()
    assert "prices" not in at.query_params  # the server's default needs no parameter
    odd = AppTest.from_file(APP, default_timeout=90)
    odd.query_params["prices"] = "latest"  # not a choice: ignored, the default stands
    odd.run()
    assert not odd.exception and not odd.error


def test_a_download_made_after_the_run_prices_from_the_catalog_the_screen_showed(host):
    """Streamlit builds a download when it is clicked, on a server thread outside the page's run: the quote
    must still come from the session's catalog, not the server's default (bundled here)."""
    import csv
    import io
    from datetime import date

    from models.costs.money import QuoteSettings
    from webapp.views.downloads import export_files

    at = prices_page()
    at.button(key="prices.refresh").click().run()
    design = at.session_state["design"]
    with use_prices("refreshed"):  # what the page run does for this session
        files = {item.key: item for item in export_files(design, QuoteSettings(), "en", date(2026, 12, 6), pdf=False)}
    with use_prices("bundled"):  # the click, later, on a thread without the session's choice
        quote = files["download_csv"].make().decode("utf-8-sig")
        contract = files["download_json"].make().decode("utf-8")
    with use_prices("refreshed"):
        expected = estimate_data(design)
    assert f"{host.base}/offers/v1.0/aws/AWSLambda/current/{TOKYO}/index.json" in quote
    assert f"{host.base}/offers/v1.0/aws/AWSLambda/" in contract
    rows = list(csv.reader(io.StringIO(quote)))
    assert any(f"{float(expected.total_usd):,.2f}" in cell or f"{float(expected.total_usd):.2f}" in cell
               for row in rows for cell in row)
