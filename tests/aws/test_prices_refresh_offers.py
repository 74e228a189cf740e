"""Prices without credentials: the AWS Price List's public bulk offer files, served over real HTTP on
127.0.0.1 (`offers_support.OfferHost`), become the same cached catalog a GetProducts refresh writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import yaml
from account_support import fixture, recorded_price_list_client
from offers_support import OfferHost, closed_port_base

import commands.main as cli
from aws import offer_files
from aws import price_list as refresh
from aws.price_list import OFFERS, RefreshError, catalog_dir, refresh_catalog
from commands.prices_refresh import result_text
from pricing.catalog import load_catalog

TOKYO, OSAKA, IRELAND = "ap-northeast-1", "ap-northeast-3", "eu-west-1"
TODAY = date(2026, 12, 5)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test writes into its own cache; no test may build a boto3 Price List client (no credentials)."""
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))

    def no_client(*args, **kwargs):
        raise AssertionError("an offer-file refresh must not need AWS credentials or a boto3 client")

    monkeypatch.setattr(refresh, "pricing_client", no_client)
    return tmp_path / "cache"


@pytest.fixture
def host():
    with OfferHost() as served:
        yield served


def tiers_of(region: str) -> dict[str, list[tuple]]:
    """Every price id's tiers (up to, USD per unit) in the cached catalog of `region`."""
    return {pid: [(t.up_to, t.usd_per_unit) for t in price.tiers] if price.tiers else None
            for pid, price in load_catalog.__wrapped__(region, catalog_dir()).prices.items()}


def test_offer_files_give_the_catalog_get_products_gives(host):
    codes = list(fixture(f"pricing_get_products_{TOKYO}.json"))
    by_api = refresh_catalog(TOKYO, client=recorded_price_list_client(TOKYO, codes)[0], today=TODAY)
    api_tiers = tiers_of(TOKYO)
    by_offers = refresh_catalog(TOKYO, via=OFFERS, offers_base=host.base, today=TODAY)
    assert tiers_of(TOKYO) == api_tiers                                # every price, every tier, to the digit
    assert sorted(by_offers.refreshed) == sorted(by_api.refreshed) and len(by_offers.refreshed) >= 17
    assert [c.price_id for c in by_offers.changes] == [c.price_id for c in by_api.changes] != []
    assert sorted(p.split("/")[4] for p in host.requests) == sorted(codes)   # one GET per service, no more


def test_a_refreshed_price_says_it_was_read_from_the_public_file(host):
    result = refresh_catalog(TOKYO, via=OFFERS, offers_base=host.base, today=TODAY)
    price = load_catalog.__wrapped__(TOKYO, catalog_dir()).prices["lambda.duration.arm64"]
    assert (price.confidence, price.as_of) == ("price_list", TODAY)   # "assumed" in the bundled catalog
    assert price.source == f"{host.base}/offers/v1.0/aws/AWSLambda/current/{TOKYO}/index.json"
    assert "bulk offer file" in price.note and "no credentials" in price.note and "GetProducts" not in price.note
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    assert data["source"] == "AWS Price List bulk offer files (no credentials) over the bundled catalog"
    assert data["offers_host"] == host.base and "pricing_endpoint" not in data


def test_a_recorded_real_layout_file_prices_osaka_lambda_as_the_bundled_catalog_states(host):
    result = refresh_catalog(OSAKA, via=OFFERS, offers_base=host.base, service_codes=["AWSLambda"], today=TODAY)
    catalog = load_catalog.__wrapped__(OSAKA, catalog_dir())
    assert catalog.prices["lambda.requests"].display_price() == "$0.20 per 1M requests"
    # tiers 0–6B, 6B–15B, over 15B GB-s at 0.0000166667, 0.0000150000, 0.0000133334 (the file's three ranges)
    assert [(t.up_to, t.usd_per_unit) for t in catalog.prices["lambda.duration.x86_64"].tiers] == [
        (Decimal(6_000_000_000), Decimal("0.0000166667")), (Decimal(15_000_000_000), Decimal("0.0000150000")),
        (None, Decimal("0.0000133334"))]
    assert sorted(result.refreshed) == ["lambda.duration.arm64", "lambda.duration.x86_64", "lambda.requests"]
    assert result.unmatched == ["AWSLambda:APN3-Lambda-Edge-Request"]          # the decoy, reported not priced
    assert "lambda.provisioned_concurrency.x86_64" in result.kept             # its product has no OnDemand term
    assert [c.price_id for c in result.changes] == []                         # the file states the bundled prices


def test_a_service_without_a_file_keeps_its_prices_and_the_others_refresh(host):
    host.missing.add("AmazonDynamoDB")
    host.broken.add("AmazonSNS")
    result = refresh_catalog(TOKYO, via=OFFERS, offers_base=host.base, today=TODAY)
    failed = {e["item"]: (e["code"], e["kind"], e["operation"]) for e in result.errors}
    assert failed == {"AmazonDynamoDB": ("HTTP 403", "not_available", "offer file"),
                      "AmazonSNS": ("NotJSON", "not_available", "offer file")}
    assert not any(pid.startswith(("dynamodb.", "sns.")) for pid in result.refreshed)
    assert any(pid.startswith("sqs.") for pid in result.refreshed)           # asked after DynamoDB: still refreshed
    catalog = load_catalog.__wrapped__(TOKYO, catalog_dir())
    assert catalog.prices["dynamodb.on_demand.read_request_units"] == load_catalog(TOKYO).prices[
        "dynamodb.on_demand.read_request_units"]                               # the bundled price, untouched
    assert "not refreshed: AmazonDynamoDB — HTTP 403" in result_text(result)


def test_offline_stops_at_the_first_file_and_keeps_the_bundled_catalog(cache):
    with pytest.raises(RefreshError) as err:
        refresh_catalog(TOKYO, via=OFFERS, offers_base=closed_port_base(), today=TODAY)
    text = str(err.value)
    assert "could not reach" in text and "offline" in text and "the bundled catalog stays in use" in text
    assert text.count("offer file") == 1                                      # stopped after the first service
    assert not (cache / "catalog" / f"{TOKYO}.yaml").exists()


def test_a_region_without_a_bundled_catalog_is_built_from_the_files(host):
    result = refresh_catalog(IRELAND, via=OFFERS, offers_base=host.base, today=TODAY)
    catalog = load_catalog.__wrapped__(IRELAND, catalog_dir())
    assert catalog.prices["lambda.requests"].confidence == "price_list" and result.refreshed and result.missing
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in data["prices"]}
    for pid in result.missing:                                                # null, never zero or copied
        assert by_id[pid]["tiers"] is None and by_id[pid]["note"].startswith("No price")
    assert data["source"].startswith(f"AWS Price List bulk offer files (no credentials, regionCode={IRELAND})")


def test_the_download_is_capped_and_only_http(host):
    url = offer_files.offer_url("AWSLambda", TOKYO, host.base)
    with pytest.raises(offer_files.OfferFileError, match="larger than 1,000 bytes"):
        offer_files.download(url, max_bytes=1000)
    with pytest.raises(offer_files.OfferFileError, match="not an http"):
        offer_files.download("file:///etc/passwd")


def test_the_cli_refreshes_from_the_files_by_default(host, monkeypatch, capsys):
    monkeypatch.setenv(offer_files.OFFERS_ENV, host.base)
    assert cli.main(["prices", "refresh", "--region", TOKYO]) == 0
    out = capsys.readouterr().out
    assert f"{TOKYO}: " in out and "prices refreshed" in out and "changed against the bundled catalog" in out
    assert len(host.requests) == len(fixture(f"pricing_get_products_{TOKYO}.json"))


def test_the_cli_says_when_the_machine_is_offline(monkeypatch, capsys):
    monkeypatch.setenv(offer_files.OFFERS_ENV, closed_port_base())
    assert cli.main(["prices", "refresh", "--region", TOKYO]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("error: no price could be refreshed for ap-northeast-1")
    assert "could not reach" in captured.err and "Traceback" not in captured.err


def test_the_cli_prices_from_the_refreshed_catalog_when_asked_and_says_so(host, monkeypatch, capsys, tmp_path):
    """`cli.py --prices refreshed` is the CLI's form of the app's session choice: after a refresh from the
    files, a Tokyo arm64 function is priced from the offer file, and the estimate says which catalog it used."""
    monkeypatch.delenv("SERVERLESS_PLANNER_PRICES", raising=False)
    monkeypatch.setenv(offer_files.OFFERS_ENV, host.base)
    assert cli.main(["prices", "refresh", "--region", TOKYO]) == 0
    capsys.readouterr()
    path = tmp_path / "fn.yaml"
    path.write_text(yaml.safe_dump({"name": "fn", "region": TOKYO, "free_tier": "none", "components": [
        {"id": "fn", "type": "lambda", "invocations_per_month": 1_000_000, "memory_mb": 512, "duration_ms": 100,
         "architecture": "arm64", "init_ms": 0, "log_kb_per_invocation": 0}]}), encoding="utf-8")
    assert cli.main(["estimate", "--format", "json", str(path)]) == 0
    bundled = capsys.readouterr().out
    assert cli.main(["--prices", "refreshed", "estimate", "--format", "json", str(path)]) == 0
    refreshed = capsys.readouterr().out
    assert "refreshed from the AWS Price List" not in bundled and "refreshed from the AWS Price List" in refreshed
    assert f"{host.base}/offers/v1.0/aws/AWSLambda/current/{TOKYO}/index.json" in refreshed
    with pytest.raises(SystemExit) as bad:
        cli.main(["--prices", "latest", "estimate", str(path)])
    err = capsys.readouterr().err
    assert bad.value.code == 2 and "--prices: invalid choice: 'latest'" in err and "refreshed" in err
