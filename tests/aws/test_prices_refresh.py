"""Live prices: recorded Price List GetProducts answers (via botocore's Stubber) become a cached
catalog that the ordinary loader reads, with a list of what changed against the bundled catalog."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from account_support import fixture, recorded_price_list_client

import commands.main as cli
from aws import price_list as refresh
from aws.price_list import RefreshError, catalog_dir, refresh_catalog, strip_region_prefix
from pricing.catalog import CATALOG_DIR, load_catalog

REGION = "ap-northeast-1"
TODAY = date(2026, 11, 29)
CODES = list(fixture(f"pricing_get_products_{REGION}.json"))


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """Every test writes into its own cache directory."""
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def recorded_client(codes=CODES, errors: dict[str, str] | None = None):
    """A Price List client answering from the recorded pages, request by request (parameters checked)."""
    return recorded_price_list_client(REGION, codes, errors)


def bundled_digest() -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(CATALOG_DIR.glob("*.yaml")))).hexdigest()


def test_a_refresh_writes_a_catalog_the_loader_reads(cache):
    client, stub = recorded_client()
    result = refresh_catalog(REGION, client=client, today=TODAY)
    stub.assert_no_pending_responses()
    assert result.path == cache / "catalog" / f"{REGION}.yaml"
    catalog = load_catalog(REGION, catalog_dir())
    assert set(catalog.prices) == set(load_catalog(REGION).prices)       # every id; CloudFront etc. from global.yaml
    price = catalog.prices["lambda.duration.arm64"]
    assert (price.confidence, price.as_of) == ("price_list", TODAY)       # it was "assumed" in the bundled catalog
    assert [t.up_to for t in price.tiers] == [Decimal("7500000000"), Decimal("18750000000"), None]
    assert "SKU" in price.note and price.source.endswith("/AWSLambda/current/ap-northeast-1/index.json")


def test_prices_per_unit_become_prices_per_catalog_unit():
    client, _ = recorded_client()
    refresh_catalog(REGION, client=client, today=TODAY)
    catalog = load_catalog(REGION, catalog_dir())
    assert catalog.prices["lambda.requests"].display_price() == "$0.20 per 1M requests"
    assert catalog.prices["s3.requests.put.standard"].display_price() == "$0.0047 per 1,000 requests"
    assert [t.usd_per_unit for t in catalog.prices["sqs.standard.requests"].tiers] == [
        Decimal("0.0000004"), Decimal("0.0000003"), Decimal("0.00000024")]


def test_a_free_band_in_the_price_list_stays_the_catalogs_free_tier():
    client, _ = recorded_client()
    refresh_catalog(REGION, client=client, today=TODAY)
    storage = load_catalog(REGION, catalog_dir()).prices["dynamodb.storage.standard"]
    assert [(t.up_to, t.usd_per_unit) for t in storage.tiers] == [(None, Decimal("0.285"))]
    assert storage.free_tier.amount == 25 and "free band" in storage.note


def test_only_on_demand_terms_and_mapped_usage_types_count():
    client, _ = recorded_client()
    result = refresh_catalog(REGION, client=client, today=TODAY)
    assert {"AWSLambda:APN1-Request-ARM", "AWSQueueService:APN1-Requests-Fair-Tier1",
            "AmazonDynamoDB:APN1-ReplWriteCapacityUnit-Hrs", "AmazonS3:APN1-DataTransfer-Out-Bytes"} <= set(result.unmatched)
    rcu = load_catalog(REGION, catalog_dir()).prices["dynamodb.provisioned.rcu_hours"]
    assert rcu.tiers[0].usd_per_unit == Decimal("0.0001484")  # not the reserved term's upfront fee
    assert "sqs.fifo.requests" in result.refreshed and "cognito.plus.mau" in result.kept


def test_the_changes_against_the_bundled_catalog_are_listed():
    client, _ = recorded_client()
    result = refresh_catalog(REGION, client=client, today=TODAY)
    changed = {c.price_id: c for c in result.changes}
    assert set(changed) == {"lambda.provisioned_concurrency.x86_64", "sqs.fifo.requests"}
    assert changed["sqs.fifo.requests"].change_pct == 20.0
    assert changed["sqs.fifo.requests"].bundled == "$0.50 per 1M requests"
    assert changed["sqs.fifo.requests"].refreshed == "$0.60 per 1M requests"


def test_the_repository_catalog_is_never_written():
    before = bundled_digest()
    client, _ = recorded_client()
    refresh_catalog(REGION, client=client, today=TODAY)
    assert bundled_digest() == before


def test_a_denied_price_list_refreshes_nothing_and_says_why():
    client, _ = recorded_client(codes=CODES[:1], errors={CODES[0]: "AccessDeniedException"})
    with pytest.raises(RefreshError, match="AccessDeniedException.*bundled catalog stays in use"):
        refresh_catalog(REGION, client=client, service_codes=CODES[:1], today=TODAY)
    assert not (catalog_dir() / f"{REGION}.yaml").exists()


def test_a_throttled_service_keeps_its_bundled_prices_and_the_others_refresh():
    client, _ = recorded_client(errors={"AmazonApiGateway": "ThrottlingException"})
    result = refresh_catalog(REGION, client=client, today=TODAY)
    assert [e["item"] for e in result.errors] == ["AmazonApiGateway"]
    assert "apigateway.rest.requests" in result.kept and "lambda.requests" in result.refreshed


def test_the_cache_directory_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("SERVERLESS_PLANNER_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert catalog_dir() == tmp_path / "xdg" / "serverless-planner" / "catalog"
    assert Path(__file__).resolve().parents[2] not in catalog_dir().parents


def test_region_prefixes_are_stripped_but_not_part_of_names():
    assert strip_region_prefix("APN3-IA-ReadRequestUnits") == "IA-ReadRequestUnits"
    assert strip_region_prefix("IA-ReadRequestUnits") == "IA-ReadRequestUnits"
    assert strip_region_prefix("EU-Requests-Tier1") == "Requests-Tier1"


def test_only_commercial_region_codes_refresh():
    """A Region without a bundled catalog refreshes too (tests/aws/test_prices_refresh_region.py); a code that
    is no commercial Region is refused before any call."""
    with pytest.raises(RefreshError, match="not an AWS commercial Region code"):
        refresh_catalog("cn-northwest-1", client=object())


def test_cli_prices_refresh_prints_the_changes(monkeypatch, capsys):
    monkeypatch.setattr(refresh, "pricing_client", lambda profile=None, pricing_region="us-east-1": recorded_client()[0])
    assert cli.main(["prices", "refresh", "--from", "api", "--region", REGION]) == 0
    out = capsys.readouterr().out
    assert f"{REGION}: " in out and "sqs.fifo.requests: $0.50 per 1M requests → $0.60 per 1M requests (+20.00%)" in out
    assert cli.main(["prices", "--region", REGION, "--service", "sqs"]) == 0  # listing still works
    assert "sqs.fifo.requests" in capsys.readouterr().out


def test_cli_prices_refresh_failure_exits_1_with_one_line(monkeypatch, capsys):
    monkeypatch.setattr(refresh, "pricing_client", lambda profile=None, pricing_region="us-east-1": recorded_client(
        codes=["AWSLambda"], errors={"AWSLambda": "AccessDeniedException"})[0])
    assert cli.main(["prices", "refresh", "--from", "api", "--region", REGION, "--service", "AWSLambda"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no price could be refreshed for ap-northeast-1") and len(err.strip().splitlines()) == 1


def test_estimates_use_the_refreshed_catalog_only_when_asked(tmp_path, monkeypatch):
    """SERVERLESS_PLANNER_PRICES=refreshed switches estimates to the refreshed file, and says so."""
    import shutil

    import service as planner
    from pricing.catalog import CATALOG_DIR

    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path))
    target = tmp_path / "catalog"
    target.mkdir()
    shutil.copyfile(CATALOG_DIR / "global.yaml", target / "global.yaml")
    text = (CATALOG_DIR / "us-east-1.yaml").read_text(encoding="utf-8")
    (target / "us-east-1.yaml").write_text(text.replace('usd: "0.20"', 'usd: "0.40"', 1), encoding="utf-8")
    data = {"name": "t", "region": "us-east-1", "free_tier": "none",
            "components": [{"id": "f", "type": "lambda", "invocations_per_month": 1_000_000, "duration_ms": 1,
                            "init_ms": 0, "log_kb_per_invocation": 0}]}
    bundled = planner.estimate_data(data)
    monkeypatch.setenv("SERVERLESS_PLANNER_PRICES", "refreshed")
    refreshed = planner.estimate_data(data)
    requests = lambda est: next(li for li in est.line_items if li.price_id == "lambda.requests")  # noqa: E731
    assert float(requests(bundled).cost_usd) == pytest.approx(0.20)
    assert float(requests(refreshed).cost_usd) == pytest.approx(0.40)
    assert any("refreshed from the AWS Price List" in w for w in refreshed.warnings)


def test_a_session_choice_overrides_the_server_default_both_ways_and_a_rewrite_is_read_anew(tmp_path, monkeypatch):
    """`use_prices` (the web app's per-session choice) beats SERVERLESS_PLANNER_PRICES either way; a refreshed
    file rewritten by another process (the CLI beside a running app) is read again, and `catalog_key` — what
    the app's caches are keyed by — changes with it."""
    import os
    import shutil

    import service as planner
    from pricing.catalog import CATALOG_DIR
    from service.inputs import catalog_key, use_prices

    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path))
    target = tmp_path / "catalog"
    target.mkdir()
    shutil.copyfile(CATALOG_DIR / "global.yaml", target / "global.yaml")
    text = (CATALOG_DIR / "us-east-1.yaml").read_text(encoding="utf-8")
    path = target / "us-east-1.yaml"
    path.write_text(text.replace('usd: "0.20"', 'usd: "0.40"', 1), encoding="utf-8")
    data = {"name": "t", "region": "us-east-1", "free_tier": "none",
            "components": [{"id": "f", "type": "lambda", "invocations_per_month": 1_000_000, "duration_ms": 1,
                            "init_ms": 0, "log_kb_per_invocation": 0}]}

    def requests_usd() -> float:
        est = planner.estimate_data(data)
        return float(next(li for li in est.line_items if li.price_id == "lambda.requests").cost_usd)

    monkeypatch.setenv("SERVERLESS_PLANNER_PRICES", "refreshed")
    with use_prices("bundled"):
        assert requests_usd() == pytest.approx(0.20)
        assert catalog_key("us-east-1").startswith("bundled:")
    monkeypatch.delenv("SERVERLESS_PLANNER_PRICES")
    with use_prices("refreshed"):
        assert requests_usd() == pytest.approx(0.40)
        first_key = catalog_key("us-east-1")
        path.write_text(text.replace('usd: "0.20"', 'usd: "0.60"', 1), encoding="utf-8")
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a coarse clock: a later time
        assert requests_usd() == pytest.approx(0.60)
        assert catalog_key("us-east-1") != first_key
    assert requests_usd() == pytest.approx(0.20)  # outside the block: the server's default, bundled
    with pytest.raises(ValueError, match="'latest' is not one of bundled, refreshed"):
        with use_prices("latest"):
            pass


def test_refreshed_prices_asked_for_where_there_are_none_say_the_bundled_catalog_priced_it(tmp_path, monkeypatch):
    """Asking for refreshed prices in a Region nobody refreshed is not an error: the bundled catalog prices
    it, and the estimate says so (the consultant asked for something else), naming the bundled date."""
    import service as planner
    from pricing.catalog import load_catalog
    from service.inputs import use_prices

    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path))  # empty: no refreshed catalog anywhere
    data = {"name": "t", "region": "ap-northeast-3", "components": [
        {"id": "f", "type": "lambda", "invocations_per_month": 1_000, "duration_ms": 1, "init_ms": 0}]}
    with use_prices("refreshed"):
        asked = planner.estimate_data(data)
    plain = planner.estimate_data(data)
    compiled = load_catalog("ap-northeast-3").compiled.isoformat()
    assert (f"refreshed prices were asked for, but ap-northeast-3 has no refreshed catalog yet: priced from the "
            f"bundled one (compiled {compiled})") in [str(w) for w in asked.warnings]
    assert not any("refreshed" in str(w) for w in plain.warnings)
    assert asked.total_usd == plain.total_usd
