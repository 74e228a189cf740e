"""S3 lifecycle steady state, Secrets Manager (with its cache and quota check) and CloudWatch, against
hand-worked numbers (the month is 730 hours: 730 / 24 = 30.416667 days; prices us-east-1)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.checks.readiness import readiness
from models.costs.estimate import estimate
from models.design.schema import DesignError, parse_design
from models.run.run import Run
from pricing.catalog import load_catalog, load_limit_defaults
from service.plan import plan

US = load_catalog("us-east-1")
DAYS = Decimal(730) / Decimal(24)


def design(*components, workload=None, free_tier="none"):
    data = {"name": "t", "region": "us-east-1", "free_tier": free_tier, "components": list(components)}
    if workload:
        data["workload"] = workload
    return parse_design(data)


def lines(d, component):
    return [li for li in estimate(d, US).line_items if li.component == component]


def cost(d, component=None):
    return sum((li.cost_usd for li in estimate(d, US).line_items if component in (None, li.component)), Decimal(0))


def bucket(**fields):
    return {"id": "b", "type": "s3", "puts_per_month": 0, **fields}


# ---- S3 lifecycle

def test_each_class_holds_the_monthly_data_times_its_days_over_the_month():
    d = design(bucket(new_gb_per_month=300, new_objects_per_month=0, expiration_days=365,
                      lifecycle=[{"days": 45, "storage_class": "standard_ia"},
                                 {"days": 135, "storage_class": "glacier_instant"}]))
    by_price = {li.price_id: li.quantity for li in lines(d, "b") if not li.dimension.endswith("storage duration")}
    assert by_price["s3.storage.standard"] == pytest.approx(Decimal(300) * 45 / DAYS)        # 443.835616
    assert by_price["s3.storage.standard_ia"] == pytest.approx(Decimal(300) * 90 / DAYS)     # 887.671233
    assert by_price["s3.storage.glacier_instant"] == pytest.approx(Decimal(300) * 230 / DAYS)  # 2,268.493151
    # Little's law: all classes together hold the monthly data × its lifetime in months
    assert sum(by_price.values()) == pytest.approx(Decimal(300) * 365 / DAYS)


def test_leaving_a_class_before_its_minimum_duration_bills_the_rest_of_it():
    # Standard-IA 30 → 50 (20 of 30 days), then Glacier Instant 50 → 100 (50 of 90 days), then expired
    d = design(bucket(new_gb_per_month=100, new_objects_per_month=1000, expiration_days=100,
                      lifecycle=[{"days": 30, "storage_class": "standard_ia"},
                                 {"days": 50, "storage_class": "glacier_instant"}]))
    early = {li.price_id: li.quantity for li in lines(d, "b") if li.cost_component == "s3.early_deletion"}
    assert early == {"s3.storage.standard_ia": pytest.approx(Decimal(100) * 10 / DAYS),
                     "s3.storage.glacier_instant": pytest.approx(Decimal(100) * 40 / DAYS)}
    # 32.876712 × 0.0125 + 131.506849 × 0.004 = 0.410959 + 0.526027
    assert sum(li.cost_usd for li in lines(d, "b") if li.cost_component == "s3.early_deletion") == \
        pytest.approx(Decimal("0.936986"), abs=Decimal("0.000001"))


def test_each_transition_is_one_request_per_object_priced_by_the_destination_class():
    d = design(bucket(new_gb_per_month=10, new_objects_per_month=250_000, expiration_days=400,
                      lifecycle=[{"days": 30, "storage_class": "intelligent_tiering"},
                                 {"days": 200, "storage_class": "glacier_deep_archive"}]))
    transitions = {li.price_id: li.cost_usd for li in lines(d, "b") if li.cost_component == "s3.transitions"}
    # 250 × $0.01 (Intelligent-Tiering) and 250 × $0.05 (Deep Archive)
    assert transitions == {"s3.lifecycle_transition.intelligent_tiering": Decimal("2.50"),
                           "s3.lifecycle_transition.glacier_deep_archive": Decimal("12.50")}


def test_objects_default_to_one_per_put_class_request():
    d = design(bucket(puts_per_month=40_000, new_gb_per_month=1, expiration_days=60,
                      lifecycle=[{"days": 30, "storage_class": "one_zone_ia"}]))
    [line] = [li for li in lines(d, "b") if li.cost_component == "s3.transitions"]
    assert line.quantity == 40_000 and line.cost_usd == Decimal("0.40")


def test_without_expiration_history_days_caps_the_ages_and_bills_no_early_deletion():
    # Glacier Flexible from day 60; data has arrived for 100 days: it holds 40 days' worth, which has not left yet
    d = design(bucket(new_gb_per_month=100, new_objects_per_month=0, history_days=100,
                      lifecycle=[{"days": 60, "storage_class": "glacier_flexible"}]))
    found = lines(d, "b")
    assert not [li for li in found if li.cost_component == "s3.early_deletion"]
    glacier = [li for li in found if li.price_id == "s3.storage.glacier_flexible"]
    assert [li.quantity for li in glacier] == [pytest.approx(Decimal(100) * 40 / DAYS)]


def test_a_transition_not_reached_within_history_days_is_not_billed():
    d = design(bucket(new_gb_per_month=100, new_objects_per_month=500, history_days=20,
                      lifecycle=[{"days": 30, "storage_class": "standard_ia"}]))
    assert {li.price_id for li in lines(d, "b")} == {"s3.storage.standard"}


def test_intelligent_tiering_lifecycle_data_is_split_and_its_objects_monitored():
    d = design(bucket(new_gb_per_month=100, new_objects_per_month=10_000, expiration_days=90,
                      lifecycle=[{"days": 30, "storage_class": "intelligent_tiering"}],
                      intelligent_tiering={"infrequent": 0.4}))
    by_price = {li.price_id: li.quantity for li in lines(d, "b")}
    in_it = Decimal(100) * 60 / DAYS
    assert by_price["s3.storage.intelligent_tiering_frequent"] == pytest.approx(in_it * Decimal("0.6"))
    assert by_price["s3.storage.intelligent_tiering_infrequent"] == pytest.approx(in_it * Decimal("0.4"))
    assert by_price["s3.intelligent_tiering.monitoring"] == pytest.approx(Decimal(10_000) * 60 / DAYS)


def test_intelligent_tiering_without_a_split_warns_that_it_is_an_upper_bound():
    d = design(bucket(storage_class="intelligent_tiering", storage_gb=10))
    assert any("upper bound" in w for w in estimate(d, US).warnings)
    split = design(bucket(storage_class="intelligent_tiering", storage_gb=10, intelligent_tiering={"infrequent": 1}))
    assert not any("upper bound" in w for w in estimate(split, US).warnings)


@pytest.mark.parametrize(("fields", "words"), [
    ({"lifecycle": [{"days": 30, "storage_class": "standard_ia"}, {"days": 60, "storage_class": "standard_ia"}],
      "expiration_days": 90}, "cannot transition objects from standard_ia to standard_ia"),
    ({"storage_class": "one_zone_ia", "lifecycle": [{"days": 60, "storage_class": "glacier_instant"}],
      "expiration_days": 90}, "from one_zone_ia to glacier_instant; allowed from one_zone_ia: glacier_flexible"),
    ({"lifecycle": [{"days": 29, "storage_class": "standard_ia"}], "expiration_days": 90}, "at least 30 days old"),
    ({"lifecycle": [{"days": 90, "storage_class": "glacier_flexible"},
                    {"days": 90, "storage_class": "glacier_deep_archive"}], "expiration_days": 200},
     "not after the previous transition (90 days)"),
    ({"lifecycle": [{"days": 90, "storage_class": "glacier_flexible"}], "expiration_days": 90},
     "expiration_days: 90 is not after the last transition (90 days)"),
    ({"new_gb_per_month": 5}, "give expiration_days"),
    ({"intelligent_tiering": {"infrequent": 0.7, "archive_instant": 0.5}}, "more than 1"),
    ({"lifecycle": [{"days": 30, "storage_class": "standard"}], "expiration_days": 90}, "is not allowed"),
])
def test_lifecycles_s3_would_refuse_are_refused_naming_the_field(fields, words):
    with pytest.raises(DesignError) as err:
        design(bucket(**fields))
    assert words in str(err.value), err.value.problems


# ---- Secrets Manager

def flat_function(requests_per_month, **secret):
    return design({"id": "fn", "type": "lambda", "duration_ms": 100},
                  {"id": "sec", "type": "secrets_manager", "from": "fn", "secrets": 3, **secret},
                  workload={"requests_per_month": requests_per_month})


def test_without_a_cache_every_invocation_reads():
    d = flat_function(5_000_000, calls=2)
    by_price = {li.price_id: li for li in lines(d, "sec")}
    assert by_price["secretsmanager.api_calls"].quantity == 10_000_000
    assert by_price["secretsmanager.api_calls"].cost_usd == Decimal("50.00")   # 1,000 × $0.05
    assert by_price["secretsmanager.secrets"].cost_usd == Decimal("1.20")      # 3 × $0.40


def test_a_cache_reads_on_new_environments_and_once_per_ttl_per_environment():
    # 2,628,000,000 invocations a month, flat: 1,000 a second of 100 ms = 100 busy environments all month.
    # Without runtime facts the cold starts are the rises in busy concurrency: 100 (the first minute).
    # Refreshes: 100 environments / 300 s = 1/3 read a second × 2,628,000 s = 876,000; reads = 876,100.
    d = flat_function(2_628_000_000, cache_ttl_s=300)
    run = Run(d)
    assert run.mean_billed_s(d.component("fn")) == pytest.approx(0.1)
    [calls] = [li for li in estimate(run, US).line_items if li.price_id == "secretsmanager.api_calls"]
    assert float(calls.quantity) == pytest.approx(876_100, abs=1)
    assert any("lower estimate" in w for w in estimate(run, US).warnings)


def test_a_cache_never_reads_more_than_every_invocation():
    d = flat_function(100_000, cache_ttl_s=1)  # fewer invocations than refresh slots
    [calls] = [li for li in lines(d, "sec") if li.price_id == "secretsmanager.api_calls"]
    assert calls.quantity <= 100_000


def test_a_cache_without_a_reading_function_is_ignored_with_a_warning():
    d = design({"id": "sec", "type": "secrets_manager", "api_calls_per_month": 20_000, "cache_ttl_s": 60})
    [calls] = [li for li in lines(d, "sec") if li.price_id == "secretsmanager.api_calls"]
    assert calls.quantity == 20_000
    assert any("applies to reads by a function" in w for w in estimate(d, US).warnings)


def test_a_secret_with_no_reads_bills_its_storage_only_and_needs_no_workload():
    d = design({"id": "sec", "type": "secrets_manager", "secrets": 5})
    assert [(li.price_id, li.cost_usd) for li in lines(d, "sec")] == [("secretsmanager.secrets", Decimal("2.00"))]


def test_get_secret_value_over_the_quota_fails_and_a_cache_passes():
    # 30 billion reads a month, flat: 30e9 / 2,628,000 s = 11,415.525 a second against 10,000;
    # 1,415.525 a second over all month = 3,720,000,000 throttled reads.
    limits = load_limit_defaults()
    uncached = flat_function(30_000_000_000)
    [check] = [c for c in readiness(Run(uncached), limits).checks if c.id == "secrets_manager.get_secret_value_rate"]
    assert check.status == "fail"
    assert check.peak_demand == pytest.approx(11_415.525, abs=0.001)
    assert check.affected_requests_per_month == pytest.approx(3.72e9, rel=1e-6)
    cached = flat_function(30_000_000_000, cache_ttl_s=300)
    [check] = [c for c in readiness(Run(cached), limits).checks if c.id == "secrets_manager.get_secret_value_rate"]
    assert check.status == "pass" and check.affected_requests_per_month == 0


def test_the_quota_is_shared_by_every_secret_reader_in_the_region():
    # two functions of 6,000 reads a second each: 12,000 > 10,000 together, though each alone passes
    d = design({"id": "a", "type": "lambda", "duration_ms": 50}, {"id": "b", "type": "lambda", "duration_ms": 50},
               {"id": "sa", "type": "secrets_manager", "from": "a"}, {"id": "sb", "type": "secrets_manager", "from": "b"},
               workload={"requests_per_month": 6000 * 2_628_000})
    checks = [c for c in readiness(Run(d), load_limit_defaults()).checks if c.id == "secrets_manager.get_secret_value_rate"]
    assert [c.status for c in checks] == ["fail", "fail"]
    assert [c.peak_demand for c in checks] == [pytest.approx(12_000), pytest.approx(12_000)]
    # each is charged its share of the 2,000 a second over the quota
    assert [c.affected_requests_per_month for c in checks] == [pytest.approx(1000 * 2_628_000)] * 2


# ---- CloudWatch

def monitoring(**fields):
    return {"id": "cw", "type": "cloudwatch", **fields}


def test_cloudwatch_without_the_free_tier_to_the_cent():
    d = design(monitoring(standard_alarm_metrics=20, high_resolution_alarm_metrics=5, composite_alarms=2,
                          custom_metrics=50, put_requests_per_month=2_190_000, log_ingested_gb_per_month=10))
    # 2.00 + 1.50 + 1.00 + 15.00 + 21.90 + 5.00 + 9.863014 × 0.03 = 46.695890
    assert round(cost(d), 2) == Decimal("46.70")


def test_custom_metrics_are_tiered_on_the_account_total():
    # 10,000 × 0.30 + 240,000 × 0.10 + 50,000 × 0.05 = 3,000 + 24,000 + 2,500
    d = design(monitoring(custom_metrics=100_000), {"id": "cw2", "type": "cloudwatch", "custom_metrics": 200_000})
    assert cost(d) == Decimal("29500.00")


def test_the_free_alarm_metrics_are_standard_resolution_only():
    d = design(monitoring(high_resolution_alarm_metrics=3), free_tier="always")
    assert cost(d) == Decimal("0.90")
    d = design(monitoring(standard_alarm_metrics=3), free_tier="always")
    assert cost(d) == 0


def test_put_metric_data_follows_the_flow_and_the_workload_alone_never_reaches_cloudwatch():
    d = design({"id": "fn", "type": "lambda", "invocations_per_month": 3_000_000},
               monitoring(**{"from": "fn", "calls": 2}), {"id": "alarms", "type": "cloudwatch",
                                                         "standard_alarm_metrics": 1},
               workload={"requests_per_month": 9_000_000})
    events = Run(d).events
    assert events["cw"] == 6_000_000 and events["alarms"] == 0


def test_a_secrets_store_and_alarms_price_in_the_app_service_without_a_workload():
    result = plan({"name": "t", "components": [{"id": "sec", "type": "secrets_manager", "secrets": 2},
                                               {"id": "cw", "type": "cloudwatch", "standard_alarm_metrics": 12}]})
    assert result.expected.estimate.total_usd == Decimal("1.00")  # 2 × 0.40 + (12 − 10) × 0.10


# ---- examples: the S3 FAQ's worked examples for archived objects (https://aws.amazon.com/s3/faqs/, read in
# the stored copy tests/aws_examples/README.md names)

def test_the_s3_faq_archive_example_bills_32_kb_at_glacier_and_8_kb_at_standard_per_object():
    """S3 FAQ, "How is my storage charge calculated for Amazon S3 objects archived to Amazon S3 Glacier?":
    "if you have archived 100,000 objects that are 1GB each, your billable storage would be: 1.000032 gigabytes
    for each object x 100,000 objects = 100,003.2 gigabytes of Amazon S3 Glacier storage. 0.000008 gigabytes
    for each object x 100,000 objects = 0.8 gigabytes of Amazon S3 Standard storage." The FAQ states no dollar
    total ("calculated based on the current rates"): at us-east-1's $0.0036 and $0.023 that is
    100,003.2 x 0.0036 + 0.8 x 0.023 = 360.01152 + 0.0184 = $360.02992."""
    d = design(bucket(storage_class="glacier_flexible", storage_gb=100_000, object_count=100_000))
    gb = {}
    for li in lines(d, "b"):
        gb[li.price_id] = gb.get(li.price_id, Decimal(0)) + li.quantity
    assert gb == {"s3.storage.glacier_flexible": Decimal("100003.2"), "s3.storage.standard": Decimal("0.8")}
    assert cost(d) == Decimal("360.02992")


@pytest.mark.parametrize(("deleted_after_days", "early_days"), [(30, 60), (60, 30), (90, 0)])
def test_the_s3_faq_early_deletion_example_bills_the_rest_of_the_90_days(deleted_after_days, early_days):
    """S3 FAQ, "How am I charged for deleting objects from Amazon S3 Glacier that are less than 90 days old?":
    "If you delete 1GB of data 30 days after uploading it, you will be charged an early deletion fee for 60 days
    of Amazon S3 Glacier storage. If you delete 1 GB of data after 60 days, you will be charged for 30 days".
    1 GB arriving each month and deleted after N days bills 1 GB × (90 - N) days / 30.416667 days a month."""
    d = design(bucket(storage_class="glacier_flexible", new_gb_per_month=1, new_objects_per_month=1,
                      expiration_days=deleted_after_days))
    early = [li for li in lines(d, "b") if li.cost_component == "s3.early_deletion"]
    if not early_days:
        assert early == []
        return
    assert [li.quantity for li in early] == [pytest.approx(Decimal(early_days) / DAYS)]
    assert early[0].cost_usd == pytest.approx(Decimal(early_days) / DAYS * Decimal("0.0036"))


def test_archive_metadata_of_a_lifecycle_follows_the_objects_and_is_warned_about_only_without_a_count():
    # 3,000 objects a month in Deep Archive from day 0 to 200 (past its 180-day minimum: no early days):
    # 3,000 x 200 / 30.416667 = 19,726.027397 object-months; x 0.000032 GB at Deep Archive, x 0.000008 at Standard
    d = design(bucket(new_gb_per_month=10, new_objects_per_month=3000, expiration_days=200,
                      lifecycle=[{"days": 0, "storage_class": "glacier_deep_archive"}]))
    meta = {li.price_id: li.quantity for li in lines(d, "b") if li.cost_component == "s3.archive_metadata"}
    object_months = Decimal(3000) * 200 / DAYS
    assert meta == {"s3.storage.glacier_deep_archive": pytest.approx(object_months * Decimal("0.000032")),
                    "s3.storage.standard": pytest.approx(object_months * Decimal("0.000008"))}
    assert not [w for w in estimate(d, US).warnings if "40 KB" in str(w)]
    unknown = design(bucket(storage_class="glacier_deep_archive", storage_gb=500))
    assert [w for w in estimate(unknown, US).warnings if "40 KB" in str(w)]
    assert not [li for li in lines(unknown, "b") if li.cost_component == "s3.archive_metadata"]


# ---- examples: the CloudWatch pricing page's logs examples (https://aws.amazon.com/cloudwatch/pricing/, read
# in a stored copy of its examples: a GitHub notes page on VPC logging, search index id 14204991097)

def test_the_pricing_page_logs_example_ingests_30_gb_for_12_50_after_the_free_5_gb():
    """"If you are monitoring HTTP 2xx, 3xx & 4xx response codes using web application access logs 24x7 for one
    30-day month, by sending 1GB per day of ingested log data ... Total log data ingested: 1GB * 30 days = 30GB;
    0 to 5GB: $0; 5 to 30GB: $0.50 * 25 = $12.50 ... Monthly Archived Log Charges (assume log data compresses
    to 6GB): 0 to 5GB: $0; 5GB to 6GB: $0.03 * 1 = $0.03 ... $12.50 + $0 + $0.03 = $12.53".
    The ingestion is AWS's to the cent. The archive is not: AWS bills archived logs on their compressed size and
    its example takes the whole month's 30 GB, compressed to 6 GB, as stored all month; the design format has no
    compression ratio, so the engine stores them uncompressed for log_retention_days (30 x 30 / 30.416667 =
    29.589041 GB-month, less the free 5 = $0.737671), an upper bound (docs/design-file.md)."""
    d = design(monitoring(log_ingested_gb_per_month=30, log_retention_days=30), free_tier="always")
    by_price = {}
    for li in lines(d, "cw"):
        by_price[li.price_id] = by_price.get(li.price_id, Decimal(0)) + li.cost_usd
    assert by_price["cloudwatch.logs.ingestion.standard"] == Decimal("12.50")
    assert by_price["cloudwatch.logs.storage"] == pytest.approx((Decimal(30) * 30 / DAYS - 5) * Decimal("0.03"))


def test_the_pricing_page_72_tb_vended_logs_example_crosses_the_four_ingestion_tiers():
    """The page's vended-logs example: "VPCs that send 72TB of ingested VPC flow logs to CloudWatch logs per
    month ... 0 to 10TB @$0.50 per GB = 10 * 1,024 * $0.50 = $5,120.00; 10TB to 30TB @$0.25 per GB = $5,120.00;
    30TB to 50TB @$0.10 per GB = $2,048.00; 50TB to 72TB @$0.05 per GB = 22 * 1024 * $0.05 = $1,126.40; Total
    Ingestion Charges = $13,414.40". Lambda's logs are vended logs priced on the same tiers, so a function
    logging 72 TB (75,497,472 invocations x 1,024 KB = 73,728 GB) must cost the same for its ingestion."""
    d = design({"id": "fn", "type": "lambda", "invocations_per_month": 75_497_472, "log_kb_per_invocation": 1024,
                "duration_ms": 1, "memory_mb": 128})
    ingestion = [li for li in lines(d, "fn") if li.price_id == "cloudwatch.logs.lambda_ingestion.standard"]
    assert sum(li.quantity for li in ingestion) == Decimal(73_728)
    assert sum(li.cost_usd for li in ingestion) == Decimal("13414.40")
