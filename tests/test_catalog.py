"""The bundled catalog: every price the models can ask for exists in every region, with a source and date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.design.schema import CLOUDFRONT_GROUPS, REGIONS, REST_CACHE_SIZES_GB, S3_CLASSES
from pricing.catalog import available_regions, load_catalog


def price_ids_models_use() -> set[str]:
    ids = {"lambda.requests", "lambda.ephemeral_storage", "apigateway.rest.requests", "apigateway.http.requests",
           "apigateway.websocket.messages", "apigateway.websocket.connection_minutes", "data_transfer.internet_out",
           "dynamodb.pitr", "dynamodb.backup", "dynamodb.streams.read_requests", "s3.intelligent_tiering.monitoring",
           "sqs.standard.requests", "sqs.fifo.requests", "sns.requests", "ses.outbound_email", "ses.outbound_data",
           "route53.hosted_zones", "route53.queries.standard", "route53.queries.latency"}
    for arch in ("x86_64", "arm64"):
        ids |= {f"lambda.duration.{arch}", f"lambda.provisioned_concurrency.{arch}", f"lambda.provisioned_duration.{arch}"}
    ids |= {f"apigateway.rest_cache.{size:g}gb" for size in REST_CACHE_SIZES_GB}
    for mode in ("on_demand", "on_demand_ia"):
        ids |= {f"dynamodb.{mode}.read_request_units", f"dynamodb.{mode}.write_request_units"}
    for mode in ("provisioned", "provisioned_ia"):
        ids |= {f"dynamodb.{mode}.rcu_hours", f"dynamodb.{mode}.wcu_hours"}
    ids |= {"dynamodb.storage.standard", "dynamodb.storage.standard_ia"}
    for cls in S3_CLASSES:
        storage = "intelligent_tiering_frequent" if cls == "intelligent_tiering" else cls
        ids.add(f"s3.storage.{storage}")
        ids.add(f"s3.requests.put.{cls}")
        if cls not in ("glacier_flexible", "glacier_deep_archive"):
            ids.add(f"s3.requests.get.{cls}")
    ids |= {f"s3.retrieval.{cls}" for cls in ("standard_ia", "one_zone_ia", "glacier_instant")}
    ids |= {f"sns.delivery.{kind}" for kind in ("mobile_push", "http", "email")}
    ids |= {f"cognito.{plan}.mau" for plan in ("lite", "essentials", "plus")}
    for group in CLOUDFRONT_GROUPS:
        ids |= {f"cloudfront.data_out.{group}", f"cloudfront.requests.https.{group}", f"cloudfront.requests.http.{group}"}
    return ids


def test_every_design_region_has_a_catalog():
    assert set(REGIONS) <= set(available_regions())


@pytest.mark.parametrize("region", REGIONS)
def test_every_price_the_models_use_is_in_the_catalog(region):
    missing = price_ids_models_use() - set(load_catalog(region).prices)
    assert not missing


@pytest.mark.parametrize("region", REGIONS)
def test_every_price_has_a_source_date_and_honest_confidence(region):
    catalog = load_catalog(region)
    for price in catalog.prices.values():
        assert price.source.startswith("https://"), price.id
        assert date(2017, 1, 1) <= price.as_of <= date(2026, 12, 31), price.id
        if price.confidence in ("assumed", "third_party"):
            assert len(price.note) > 20, f"{price.id}: an {price.confidence} price must say where it comes from"
        assert all(t.usd_per_unit >= 0 for t in price.tiers)


def test_us_east_1_headline_prices_match_aws_pages():
    """Spot checks against https://aws.amazon.com/lambda/pricing/ and /api-gateway/pricing/ (us-east-1)."""
    catalog = load_catalog("us-east-1")
    assert catalog.get("lambda.requests").display_price() == "$0.20 per 1M requests"
    assert str(catalog.get("lambda.duration.x86_64").first_unit_price) == "0.0000166667"
    assert str(catalog.get("lambda.duration.arm64").first_unit_price) == "0.0000133334"
    rest = [t.usd_per_unit * 1_000_000 for t in catalog.get("apigateway.rest.requests").tiers]
    assert rest == [Decimal("3.50"), Decimal("2.80"), Decimal("2.38"), Decimal("1.51")]
    assert catalog.get("lambda.duration.x86_64").free_tier.pool == catalog.get("lambda.duration.arm64").free_tier.pool
