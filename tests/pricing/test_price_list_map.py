"""pricing/price_list_map.yaml: every id it names is a catalog price, every price id of the newer services is
either mapped or left out with a reason, and its special rules (operation keys, one product for several ids,
unit scales) behave as documented."""

from __future__ import annotations

from decimal import Decimal

from aws.price_list import parse_products
from pricing import price_list_map
from pricing.catalog import load_catalog
from pricing.cost_explorer import usage_types

NEW_SERVICES = ("sfn.", "eventbridge.", "waf.", "kms.", "secretsmanager.", "kinesis.", "firehose.", "cloudwatch.",
                "s3.lifecycle_transition.", "s3.storage.intelligent_tiering_archive_instant")


def mapped_ids() -> set[str]:
    return {pid for mapping in price_list_map.services().values() for ids in mapping.values() for pid in ids}


def product(usagetype: str, usd: str, unit: str = "Requests", operation: str = "", begin: str = "0",
            code: str = "AWSEvents") -> dict:
    """A Price List item in GetProducts' shape with one price dimension."""
    dim = {"unit": unit, "beginRange": begin, "endRange": "Inf", "pricePerUnit": {"USD": usd},
           "description": f"{usagetype} test price", "rateCode": "SKU.TERM.RATE"}
    return {"product": {"sku": "SKU", "attributes": {"usagetype": usagetype, "operation": operation,
                                                      "servicecode": code, "regionCode": "eu-west-1"}},
            "serviceCode": code, "publicationDate": "2026-10-01T00:00:00Z",
            "terms": {"OnDemand": {"SKU.TERM": {"effectiveDate": "2026-10-01T00:00:00Z",
                                                "priceDimensions": {"SKU.TERM.RATE": dim}}}}}


def test_every_mapped_id_is_a_catalog_price_and_not_also_left_out():
    prices = load_catalog("us-east-1").prices
    assert mapped_ids() - set(prices) == set()
    assert set(price_list_map.unmapped()) & mapped_ids() == set()
    assert set(price_list_map.unmapped()) <= set(prices)
    assert set(price_list_map.scales()) <= mapped_ids()


def test_every_newer_service_price_is_mapped_or_left_out_with_a_reason():
    newer = {pid for pid in load_catalog("us-east-1").prices if pid.startswith(NEW_SERVICES)}
    assert len(newer) >= 40
    assert newer - mapped_ids() - set(price_list_map.unmapped()) == set()
    assert all(len(reason) > 40 for reason in price_list_map.unmapped().values())


def test_an_operation_key_beats_the_bare_usage_type_and_others_do_not_match():
    assert price_list_map.ids_for("AWSEvents", "Event-64K-Chunks", "PutEvents") == (("eventbridge.custom_events",), 0)
    assert price_list_map.ids_for("AWSEvents", "Event-64K-Chunks", "ReceivedPartnerEvents") == ((), 2)
    assert price_list_map.ids_for("AmazonStates", "StateTransition", "") == (("sfn.standard.state_transitions",), 1)
    assert price_list_map.service_of("kms.requests") == "awskms"
    assert price_list_map.service_of("eventbridge.cross_account_events") is None


def test_a_bill_row_without_an_operation_still_finds_the_qualified_usage_type():
    assert usage_types()["AWSEvents"]["Event-64K-Chunks"] == "eventbridge.custom_events"
    assert usage_types()["AmazonS3"]["Requests-Tier4"] == "s3.lifecycle_transition.standard_ia"


def test_the_dearer_of_two_equal_matches_wins_and_the_first_of_equal_prices_stays():
    items = [product("EU-LongTermRetention-ByteHrs", "0.023", "GB-Mo", code="AmazonKinesis"),
             product("EU-OnDemand-LongTermRetention-ByteHrs", "0.024", "GB-Mo", code="AmazonKinesis")]
    found, unmatched = parse_products(items, "AmazonKinesis", "EU")
    assert found["kinesis.long_term_retention"].bands[0][2] == Decimal("0.024") and unmatched == []
    found, _ = parse_products(list(reversed(items)), "AmazonKinesis", "EU")
    assert found["kinesis.long_term_retention"].bands[0][2] == Decimal("0.024")


def test_a_scaled_unit_converts_and_a_wrong_unit_is_refused_not_priced():
    per_second = product("EU-StepFunctions-GB-Second", "0.00001667", "GB-Seconds", code="AmazonStates")
    found, _ = parse_products([per_second], "AmazonStates", "EU")
    assert found["sfn.express.duration"].bands[0][2] == Decimal("0.00001667") * 3600  # per GB-hour
    per_hour = product("EU-StepFunctions-GB-Second", "0.06", "GB-Hours", code="AmazonStates")
    refused: dict[str, str] = {}
    found, _ = parse_products([per_hour], "AmazonStates", "EU", refused)
    assert "sfn.express.duration" not in found
    assert "priced per 'GB-Hours', not per 'GB-Seconds'" in refused["sfn.express.duration"]


def test_kms_usage_types_lose_their_region_code_head():
    found, unmatched = parse_products([product("eu-west-1-KMS-Requests", "0.000003", code="awskms"),
                                       product("eu-west-1-KMS-Requests-Asymmetric", "0.000015", code="awskms")],
                                      "awskms", "EU")
    assert found["kms.requests"].bands[0][2] == Decimal("0.000003")
    assert unmatched == ["eu-west-1-KMS-Requests-Asymmetric"]
