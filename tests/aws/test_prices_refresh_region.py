"""Any commercial Region: `prices refresh --region eu-west-1` builds a complete catalog for a Region
with no bundled one from recorded GetProducts pages (tests/fixtures/aws/pricing_get_products_eu-west-1.json:
eu-west-1's own prices, read from a public snapshot of its offer files; see the file's comment), and a
design in eu-west-1 then prices end to end, stating its prices' date.

Hand-worked figure (free_tier: none): an HTTP API with 10,000,000 requests a month calling a 512 MB
x86_64 function for 100 ms each, in eu-west-1:
    API Gateway HTTP   10,000,000 × $1.11 per million ("$1.11/million requests - API Gateway HTTP API
                       (first 300 million)")                                     = $11.10
    Lambda requests    10,000,000 × $0.20 per million (EU-Request 0.0000002)      = $2.00
    Lambda duration    10,000,000 × 0.1 s × 0.5 GB = 500,000 GB-s × $0.0000166667 = $8.33335 → $8.33
    total                                                                        = $21.43335 → $21.43
(us-east-1 prices the same design at $20.33: its HTTP API costs $1.00 per million.)
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import botocore.session
import pytest
import yaml
from account_support import fixture, price_list_pages, recorded_price_list_client
from botocore.validate import validate_parameters

import commands.main as cli
from aws import price_list as refresh
from aws.price_list import RefreshError, catalog_dir, refresh_catalog, usage_prefix
from models.design.schema import DesignError, parse_design
from pricing.catalog import CATALOG_DIR, load_catalog, unpriced_ids

REGION = "eu-west-1"
TODAY = date(2026, 11, 29)
CODES = list(fixture(f"pricing_get_products_{REGION}.json"))
DESIGN = {"name": "Dublin API", "region": REGION, "free_tier": "none",
          "components": [{"id": "api", "type": "api_gateway", "api": "http", "requests_per_month": 10_000_000},
                         {"id": "fn", "type": "lambda", "from": "api", "memory_mb": 512, "duration_ms": 100,
                          "init_ms": 0, "log_kb_per_invocation": 0}]}


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SERVERLESS_PLANNER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("SERVERLESS_PLANNER_PRICES", raising=False)
    return tmp_path / "cache"


def recorded_client():
    """A Price List client answering eu-west-1's recorded pages; the Stubber checks each request's parameters
    (NextToken on the second page) and validates every page against botocore's GetProducts output shape."""
    return recorded_price_list_client(REGION, CODES)


def refreshed(cache):
    client, stub = recorded_client()
    result = refresh_catalog(REGION, client=client, today=TODAY)
    stub.assert_no_pending_responses()  # every page was asked for, the second ones with the first's NextToken
    return result


def test_the_recorded_pages_are_valid_get_products_answers():
    model = botocore.session.get_session().get_service_model("pricing")
    operation = model.operation_model("GetProducts")
    pages = [page for code in CODES for page in price_list_pages(code, REGION)]
    for page in pages:
        validate_parameters(page, operation.output_shape)  # raises ParamValidationError on a wrong shape
        assert all(isinstance(item, str) for item in page["PriceList"])  # JSON strings, as on the wire
    # Lambda, API Gateway, Kinesis and CloudWatch answer in two pages each
    assert sorted(code for code in CODES if "NextToken" in price_list_pages(code, REGION)[0]) == [
        "AWSLambda", "AmazonApiGateway", "AmazonCloudWatch", "AmazonKinesis"]
    request = {"ServiceCode": "AWSLambda", "FormatVersion": "aws_v1",
               "Filters": [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": REGION}]}
    validate_parameters(request, operation.input_shape)


def test_a_region_without_a_bundled_catalog_gets_a_complete_one(cache):
    result = refreshed(cache)
    assert result.path == cache / "catalog" / f"{REGION}.yaml"
    data = yaml.safe_load(result.path.read_text(encoding="utf-8"))
    template = yaml.safe_load((CATALOG_DIR / "us-east-1.yaml").read_text(encoding="utf-8"))
    assert [p["id"] for p in data["prices"]] == [p["id"] for p in template["prices"]]  # every id, in order
    assert data["source"].startswith("AWS Price List Query API (GetProducts, regionCode=eu-west-1)")
    assert (data["location"], data["usage_type_prefix"], data["compiled"]) == ("EU (Ireland)", "EU", TODAY)
    catalog = load_catalog(REGION, catalog_dir())
    assert set(catalog.prices) | set(unpriced_ids(REGION, catalog_dir())) >= {p["id"] for p in template["prices"]}
    http = catalog.prices["apigateway.http.requests"]
    assert [(t.up_to, t.usd_per_unit) for t in http.tiers] == [(Decimal(300_000_000), Decimal("0.00000111")),
                                                               (None, Decimal("0.000001"))]
    assert (http.region, http.as_of, http.confidence) == (REGION, TODAY, "price_list")
    assert http.source.endswith("/AmazonApiGateway/current/eu-west-1/index.json") and "EU-ApiGatewayHttpRequest" in http.note
    rest = catalog.prices["apigateway.rest.requests"]
    assert [t.usd_per_unit * 1_000_000 for t in rest.tiers] == [Decimal("3.50"), Decimal("3.19"), Decimal("2.71"),
                                                                Decimal("1.72")]
    assert catalog.prices["sns.requests"].tiers[0].usd_per_unit == Decimal("0.0000005")  # the $0 band is free_tier
    assert catalog.prices["lambda.requests"].free_tier.amount == 1_000_000


def test_a_product_the_answers_lack_is_null_with_a_warning_never_zero_or_copied(cache, capsys, monkeypatch):
    result = refreshed(cache)
    data = {p["id"]: p for p in yaml.safe_load(result.path.read_text(encoding="utf-8"))["prices"]}
    # mapped (Lambda-Provisioned-Concurrency-ARM) but not in the recorded answers
    missing = data["lambda.provisioned_concurrency.arm64"]
    assert missing["tiers"] is None and "no AWSLambda product with usage type Lambda-Provisioned-Concurrency-ARM" \
        in missing["note"]
    assert data["cognito.plus.mau"]["tiers"] is None and "maps no Price List usage type" in data["cognito.plus.mau"]["note"]
    assert "lambda.provisioned_concurrency.arm64" in result.missing and "lambda.requests" in result.refreshed
    # no zero, but the $0 band AWS prices itself (the Scheduler's first 14M invocations, a $0 tier in every catalog)
    zero = {p["id"] for p in data.values() for t in (p["tiers"] or []) if Decimal(t["usd"]) == 0}
    assert zero == {"eventbridge.scheduler.invocations"}
    catalog = load_catalog(REGION, catalog_dir())
    assert "lambda.provisioned_concurrency.arm64" not in catalog.prices and "dynamodb.pitr" not in catalog.prices
    assert {p.region for p in catalog.prices.values()} <= {REGION, "global"}  # no us-east-1 price came along
    monkeypatch.setattr(refresh, "pricing_client", lambda profile=None, pricing_region="us-east-1": recorded_client()[0])
    assert cli.main(["prices", "refresh", "--from", "api", "--region", REGION]) == 0
    out = capsys.readouterr().out
    assert out.startswith("eu-west-1 (EU (Ireland), usage types EU-…): catalog built from the AWS Price List")
    assert "warning: no Price List product for" in out and "lambda.provisioned_concurrency.arm64" in out


def test_a_design_in_the_region_prices_to_the_cent_and_says_where_its_prices_come_from(cache):
    import service as planner

    refreshed(cache)
    est = planner.estimate_data(DESIGN)
    cost = {(li.component, li.price_id): li.cost_usd for li in est.line_items}
    assert cost[("api", "apigateway.http.requests")] == Decimal("11.10")
    assert cost[("fn", "lambda.requests")] == Decimal("2.00")
    assert round(cost[("fn", "lambda.duration.x86_64")], 6) == Decimal("8.333350")
    assert round(est.total_usd, 2) == Decimal("21.43")
    assert any("built from the AWS Price List on 2026-11-29" in w for w in est.warnings)
    assert {li.as_of for li in est.line_items} == {TODAY}


def test_a_needed_price_the_price_list_lacks_is_no_price_not_zero(cache):
    import service as planner

    refreshed(cache)
    data = json.loads(json.dumps(DESIGN))
    data["components"][1]["provisioned_concurrency"] = 2
    data["components"][1]["architecture"] = "arm64"
    est = planner.estimate_data(data)
    lines = [li for li in est.line_items if li.price_id.startswith("lambda.provisioned_concurrency")]
    assert lines and all(li.cost_usd is None for li in lines)
    assert any("no price for lambda.provisioned_concurrency.arm64 in eu-west-1" in w for w in est.warnings)


def test_a_region_without_a_catalog_is_refused_with_the_command_that_builds_it(capsys, tmp_path):
    import service as planner

    parse_design(DESIGN)  # the design itself is valid: any commercial Region
    with pytest.raises(DesignError) as err:
        planner.estimate_data(DESIGN)
    assert err.value.problems[0].startswith("region: eu-west-1 has no price catalog yet; build it from the AWS Price "
                                            "List's public price files (no credentials needed) with the Prices "
                                            "page's \"Refresh prices\" or `python cli.py prices refresh --region "
                                            "eu-west-1`")
    path = tmp_path / "d.json"
    path.write_text(json.dumps(DESIGN), encoding="utf-8")
    assert cli.main(["estimate", str(path)]) == 2
    assert "python cli.py prices refresh --region eu-west-1" in capsys.readouterr().err


def test_the_cli_refreshes_then_estimates_and_lists_the_region(cache, capsys, monkeypatch, tmp_path):
    monkeypatch.setattr(refresh, "pricing_client", lambda profile=None, pricing_region="us-east-1": recorded_client()[0])
    assert cli.main(["prices", "refresh", "--from", "api", "--region", REGION]) == 0
    today = datetime.now(UTC).date().isoformat()
    capsys.readouterr()
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(DESIGN), encoding="utf-8")
    assert cli.main(["estimate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Total: USD 21.43 per month" in out and f"Prices as of {today} to {today}" in out
    assert "11.10" in out and "8.33" in out
    assert cli.main(["estimate", "--format", "json", str(path)]) == 0
    contract = json.loads(capsys.readouterr().out)
    assert contract["prices_as_of"] == {"oldest": today, "newest": today}
    assert cli.main(["prices", "regions"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in listing] == ["ap-northeast-1", "ap-northeast-3", "us-east-1", "eu-west-1"]
    assert "Europe (Ireland)" in listing[3] and f"to {today}  (refreshed, catalog of {today})" in listing[3]
    bundled = load_catalog("us-east-1")
    oldest, newest = (d.isoformat() for d in bundled.price_dates())
    assert f"prices as of {oldest} to {newest}  (bundled, catalog of {bundled.compiled.isoformat()})" in listing[2]
    assert cli.main(["prices", "--region", REGION, "--service", "apigateway"]) == 0
    assert "apigateway.http.requests" in capsys.readouterr().out


def test_only_commercial_region_codes_refresh(capsys):
    with pytest.raises(RefreshError, match="not an AWS commercial Region code"):
        refresh_catalog("cn-north-1", client=object())
    with pytest.raises(SystemExit):
        cli.main(["prices", "refresh", "--region", "us-gov-west-1"])
    assert "'us-gov-west-1' is not an AWS commercial Region code" in capsys.readouterr().err
    with pytest.raises(DesignError, match="not an AWS commercial Region code"):
        parse_design({**DESIGN, "region": "mars-east-1"})


def test_the_bundled_catalogs_are_never_written(cache):
    digest = lambda: hashlib.sha256(b"".join(p.read_bytes() for p in sorted(CATALOG_DIR.glob("*.yaml")))).hexdigest()  # noqa: E731
    before = digest()
    refreshed(cache)
    assert digest() == before and not (CATALOG_DIR / f"{REGION}.yaml").exists()


def test_the_usage_type_prefix_is_read_from_the_answers():
    items = [json.loads(i) for code in CODES for page in price_list_pages(code, REGION) for i in page["PriceList"]]
    assert usage_prefix(items) == "EU"
    tokyo = [json.loads(i) for page in price_list_pages("AmazonDynamoDB") for i in page["PriceList"]]
    assert usage_prefix(tokyo) == "APN1"
    assert usage_prefix([{"product": {"attributes": {"usagetype": "Request"}}}]) is None


def test_an_account_in_a_refreshed_region_imports_into_that_region(cache):
    """An account snapshot's resources in eu-west-1 import into eu-west-1 once its catalog exists (before, into
    us-east-1 with a note naming the command that builds it)."""
    from account_support import FIXTURES

    from aws import import_design, load_snapshot

    text = (FIXTURES / "snapshot_photos_tokyo.json").read_text(encoding="utf-8").replace("ap-northeast-1", REGION)
    path = cache.parent / "snapshot.json"
    path.write_text(text, encoding="utf-8")
    before = import_design(load_snapshot(path))
    assert before.data["region"] == "us-east-1"
    assert any("python cli.py prices refresh --region eu-west-1" in note for note in before.notes)
    refreshed(cache)
    after = import_design(load_snapshot(path))
    assert after.data["region"] == REGION and not after.notes
    parse_design(after.data)
