"""A price tier with its own evidence: where a source states a price's first tier but not the bands above it
(Tokyo's first 300M HTTP API calls are in the Price List; the band above is assumed), a line in the first tier
cites that source and is not "assumed"; only usage that reaches an assumed tier is warned about (ux.md D1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from models.costs.estimate import price_usage
from models.costs.usage import Usage
from pricing.catalog import CatalogError, load_catalog

CATALOG = """\
region: ap-northeast-1
compiled: 2026-12-04
prices:
  - id: apigateway.http.requests
    service: apigateway
    dimension: HTTP API calls
    unit: requests
    per: 1000000
    tiers:
      - {up_to: 300000000, usd: "1.29", confidence: price_list, as_of: 2026-09-23,
         source: "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonApiGateway/current/ap-northeast-1/index.json"}
      - {up_to: null, usd: "1.161"}
    source: https://example.com/us-east-1-ratio
    as_of: 2026-12-02
    confidence: assumed
"""


@pytest.fixture
def catalog(tmp_path):
    (tmp_path / "ap-northeast-1.yaml").write_text(CATALOG, encoding="utf-8")
    return load_catalog("ap-northeast-1", tmp_path)


def calls(n: int) -> list[Usage]:
    return [Usage("api", "apigateway.http.requests", Decimal(n), "client requests")]


def test_usage_in_the_sourced_tier_cites_its_source_and_warns_of_nothing(catalog):
    lines, warnings = price_usage(calls(10_000_000), catalog, ())
    assert [(li.confidence, li.as_of) for li in lines] == [("price_list", date(2026, 9, 23))]
    assert lines[0].source.endswith("/AmazonApiGateway/current/ap-northeast-1/index.json")
    assert lines[0].cost_usd == Decimal("12.90")  # 10M × $1.29 per million
    assert warnings == []


def test_usage_past_the_sourced_tier_warns_and_the_assumed_band_cites_the_price(catalog):
    lines, warnings = price_usage(calls(400_000_000), catalog, ())
    # 300M × 1.29/M = 387.00; 100M × 1.161/M = 116.10
    assert [(li.confidence, li.cost_usd) for li in lines] == [("price_list", Decimal("387.00")),
                                                               ("assumed", Decimal("116.100"))]
    assert lines[1].source == "https://example.com/us-east-1-ratio" and lines[1].as_of == date(2026, 12, 2)
    assert len(warnings) == 1
    assert "1 price(s) assumed for ap-northeast-1, no source found that states them: HTTP API calls" in warnings[0]


def test_a_tier_with_part_of_its_evidence_is_refused(tmp_path):
    broken = CATALOG.replace(", confidence: price_list", "")
    (tmp_path / "ap-northeast-1.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CatalogError, match="confidence, source and as_of together"):
        load_catalog("ap-northeast-1", tmp_path)


def test_a_tier_confidence_outside_the_known_ones_is_refused(tmp_path):
    (tmp_path / "ap-northeast-1.yaml").write_text(CATALOG.replace("confidence: price_list", "confidence: sure"),
                                                  encoding="utf-8")
    with pytest.raises(CatalogError, match="tier confidence 'sure'"):
        load_catalog("ap-northeast-1", tmp_path)


def test_the_tokyo_save_app_data_template_is_not_warned_for_first_tiers_the_price_list_states():
    """The landing template (10M HTTP API calls, arm64, in Tokyo) used to open with "HTTP API calls, Duration
    (arm64) assumed": both are in their first tier, which the Tokyo Price List states."""
    from models.design.text import load_design_data
    from service import estimate_data
    from templates import template_text

    est = estimate_data(load_design_data(template_text("save_app_data")))
    http = [li for li in est.line_items if li.price_id == "apigateway.http.requests" and not li.free]
    assert [(li.tier, li.confidence) for li in http] == [(0, "price_list")]
    assert http[0].source.endswith("/AmazonApiGateway/current/ap-northeast-1/index.json")
    warned = " ".join(w for w in est.warnings if w.id == "estimate.assumed_prices.warning")
    assert "HTTP API calls" not in warned and "Duration (arm64)" not in warned
