"""Kinesis Data Streams and Amazon Data Firehose: the flow along `from`, prices on their own, validation and
the readiness checks, each against numbers worked out by hand (Python only as a calculator).

The traffic in the check tests is flat (flat daily and weekly profiles, burstiness 1), so every minute of
the 730-hour month (2,628,000 s) carries requests_per_month / 2,628,000 events a second, and a spike adds
(multiplier − 1) × that rate for its minutes.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pytest

from models.checks.kinesis import prior_peak, sliding_max
from models.checks.limits import applicable_limits
from models.checks.readiness import readiness
from models.costs.estimate import estimate
from models.design.schema import DesignError, parse_design
from models.run.run import Run
from pricing.catalog import load_catalog, load_limit_defaults
from webapp.views.fields import apply_edits

SECONDS = 2_628_000


def design(components: list[dict], per_s: float | None = None, region: str = "us-east-1", **workload) -> dict:
    data: dict = {"name": "kinesis test", "region": region, "free_tier": "none", "components": components}
    if per_s is not None:
        data["workload"] = {"requests_per_month": per_s * SECONDS, **workload}
    return data


def checks_of(data: dict) -> dict[tuple[str, str], object]:
    parsed = parse_design(data)
    report = readiness(Run(parsed), applicable_limits(parsed, load_limit_defaults()))
    return {(c.id, c.component): c for c in report.checks}


def line_usd(data: dict, price_id: str) -> Decimal:
    parsed = parse_design(data)
    found = estimate(parsed, load_catalog(parsed.region))
    return sum((li.cost_usd for li in found.line_items if li.price_id == price_id), Decimal(0))


# ---- flow along `from`

def test_a_function_reading_a_busy_stream_is_invoked_once_per_full_batch():
    """2 shards at 1,000 records/s: 500 a second per shard, batch 100 → 5 invocations/s per shard."""
    run = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 2, "records_per_month": 1000 * SECONDS},
        {"id": "f", "type": "lambda", "from": "s", "batch_size": 100}])))
    assert run.events["f"] == Decimal(5 * 2 * SECONDS)


def test_a_function_reading_a_quiet_stream_is_invoked_at_most_once_per_poll_with_records():
    """0.5 records/s per shard: a poll finds records with probability 1 − e^−0.5 = 0.393469..., so
    2 shards × 2,628,000 s × 0.393469 = 2,068,074.85 invocations, not 2,628,000 / 100."""
    run = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 2, "records_per_month": 1 * SECONDS},
        {"id": "f", "type": "lambda", "from": "s", "batch_size": 100}])))
    assert float(run.events["f"]) == pytest.approx(2 * SECONDS * (1 - math.exp(-0.5)), rel=1e-9)
    assert float(run.events["f"]) == pytest.approx(2_068_074.85, abs=0.01)


def test_the_default_batch_size_is_lambdas_100_and_an_on_demand_stream_has_at_least_4_shards():
    """On demand, 8,000 records/s of 1 KB (7.8 MB/s): 8 shards; 1,000 a second per shard / 100 = 10 per second."""
    run = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "records_per_month": 8000 * SECONDS},
        {"id": "f", "type": "lambda", "from": "s"}])))
    assert run.events["f"] == Decimal(10 * 8 * SECONDS)
    quiet = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "records_per_month": 4000 * SECONDS},
        {"id": "f", "type": "lambda", "from": "s", "batch_size": 500}])))
    assert quiet.events["f"] == Decimal(2 * 4 * SECONDS)  # 4 shards × 1,000/s ÷ 500


def test_a_firehose_stream_passes_its_objects_to_the_bucket_it_writes():
    """1,000 records/s of 10 KB = 25,664,062.5 MB a month; 5 MB buffers fill 5,132,812.5 times, more
    often than the 300 s interval (8,760 times): those are the bucket's PUTs. It reads the stream's size."""
    run = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "record_kb": 10, "records_per_month": 1000 * SECONDS},
        {"id": "h", "type": "firehose", "from": "s"},
        {"id": "b", "type": "s3", "from": "h"}])))
    assert run.events["h"] == Decimal(1000 * SECONDS)
    assert run.events["b"] == Decimal(1000 * SECONDS) * 10 / 1024 / 5


# ---- prices, one dimension at a time

def test_provisioned_extended_retention_is_billed_per_shard_hour_and_long_term_per_gb_month():
    """3 shards, 730 h, 336 h retention: 2,190 shard-hours × $0.02 = $43.80; records 100M × 1 KB =
    95.367431640625 GB, held 168 h beyond 7 days → 95.367 × 168 / 730 GB-months × $0.023 = $0.504794..."""
    data = design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 3, "retention_hours": 336,
                    "records_per_month": 100_000_000}])
    assert line_usd(data, "kinesis.provisioned.extended_retention") == Decimal("43.80")
    gb = Decimal(100_000_000) / 1_048_576
    assert line_usd(data, "kinesis.long_term_retention") == gb * 168 / 730 * Decimal("0.023")
    assert round(line_usd(data, "kinesis.long_term_retention"), 2) == Decimal("0.50")


def test_enhanced_fan_out_on_a_provisioned_stream_bills_consumer_shard_hours_and_gb():
    """2 consumers × 4 shards × 730 h = 5,840 × $0.015 = $87.60; 2 × 95.367431640625 GB × $0.013 = $2.4796."""
    data = design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 4, "efo_consumers": 2,
                    "records_per_month": 100_000_000}])
    assert line_usd(data, "kinesis.provisioned.efo_consumer_shard_hours") == Decimal("87.60")
    assert round(line_usd(data, "kinesis.provisioned.efo_data_out"), 4) == Decimal("2.4796")


def test_tokyo_prices_the_shard_hour_and_put_payload_units_from_its_price_list():
    """Tokyo: $0.0195 per shard-hour, $0.0215 per million PUT payload units: 4 × 744 h = $58.032;
    535.68M units = $11.51712."""
    data = design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 4, "hours": 744,
                    "record_kb": 35, "records_per_month": 267_840_000}], region="ap-northeast-1")
    assert line_usd(data, "kinesis.provisioned.shard_hours") == Decimal("58.032")
    assert line_usd(data, "kinesis.provisioned.put_payload_units") == Decimal("11.51712")


def test_firehose_ingestion_crosses_its_500_tb_tier():
    """600,000 GB of 5 KB records: 512,000 × $0.029 + 88,000 × $0.025 = $14,848 + $2,200 = $17,048."""
    records = 600_000 * 1_048_576 // 5
    data = design([{"id": "h", "type": "firehose", "record_kb": 5, "records_per_month": records}])
    assert line_usd(data, "firehose.ingestion") == Decimal("17048")


# ---- validation

def test_a_provisioned_stream_needs_shards_and_an_on_demand_one_refuses_them():
    with pytest.raises(DesignError) as missing:
        parse_design(design([{"id": "s", "type": "kinesis", "mode": "provisioned"}], 1))
    assert "mode: provisioned needs shards" in str(missing.value)
    with pytest.raises(DesignError) as given:
        parse_design(design([{"id": "s", "type": "kinesis", "shards": 2}], 1))
    assert "shards applies only with mode: provisioned" in str(given.value)
    with pytest.raises(DesignError) as batch:
        parse_design(design([{"id": "s", "type": "kinesis"}, {"id": "f", "type": "lambda", "from": "s",
                                                               "batch_size": 20_000}], 1))
    assert "batch_size" in str(batch.value) and "10,000" in str(batch.value)


def test_a_stream_is_priced_without_traffic():
    """An idle on-demand stream still bills its stream-hours: 730 × $0.04 = $29.20."""
    data = design([{"id": "s", "type": "kinesis"}])
    assert line_usd(data, "kinesis.on_demand.stream_hours") == Decimal("29.20")


def test_the_editor_adds_shards_when_a_stream_becomes_provisioned_and_drops_them_back():
    data = design([{"id": "s", "type": "kinesis"}], 1)
    provisioned = apply_edits(data, {(0, "mode"): "provisioned"}, {})
    assert provisioned["components"][0]["shards"] == 1
    parse_design(provisioned)
    back = apply_edits(provisioned, {(0, "mode"): "on_demand"}, {})
    assert "shards" not in back["components"][0]
    parse_design(back)


# ---- readiness

def test_the_sliding_maximum_and_the_prior_peak_leave_out_the_last_15_minutes_and_last_months_spike():
    values = np.array([4.0, 1.0, 7.0, 2.0, 3.0, 9.0, 0.0])
    assert sliding_max(values, 3, np.arange(5)).tolist() == [7.0, 7.0, 7.0, 9.0, 9.0]
    rate = np.ones(43_800)
    rate[20_000:20_060] = 10.0
    peak = prior_peak(rate)
    assert peak[20_000 + 14] == 1.0   # the spike's first 15 minutes: not seen yet
    assert peak[20_000 + 15] == 10.0  # then the stream has seen it
    assert peak[19_999] == 1.0        # a month earlier the same spike is 43,800 minutes back: outside 30 days


def test_a_provisioned_stream_throttles_what_its_shards_cannot_take():
    """1 shard of 1 KB records takes 1,000 records/s; 1,500 a second all month → 500 × 2,628,000 =
    1,314,000,000 throttled: fail."""
    found = checks_of(design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 1}], 1500))
    write = found[("kinesis.write", "s")]
    assert write.limit_value == 1000
    assert write.affected_requests_per_month == 1_314_000_000
    assert write.status == "fail"


def test_large_records_hit_the_megabyte_limit_before_the_record_limit():
    """2 shards of 100 KB records: 2 × 1,024 KB/s ÷ 100 = 20.48 records/s; 30 a second → 9.52 × 2,628,000 =
    25,018,560 throttled."""
    found = checks_of(design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 2,
                               "record_kb": 100}], 30))
    write = found[("kinesis.write", "s")]
    assert write.limit_value == pytest.approx(20.48)
    assert write.affected_requests_per_month == pytest.approx(9.52 * SECONDS, abs=0.1)


def test_an_on_demand_stream_throttles_a_spike_above_twice_its_peak_for_15_minutes():
    """1,000 records/s, then ×10 (10,000/s) for 60 minutes: the stream accepts max(4,000, 2 × 1,000) =
    4,000/s until it has seen the spike for 15 minutes, then 20,000/s. Throttled: 6,000 × 60 × 15 =
    5,400,000 of 2,660,400,000 (0.2 %): fail."""
    spike = {"day": 10, "at": "12:00", "minutes": 60, "multiplier": 10}
    found = checks_of(design([{"id": "s", "type": "kinesis"}], 1000, spikes=[spike]))
    write = found[("kinesis.write", "s")]
    assert write.affected_requests_per_month == 5_400_000
    assert write.status == "fail"
    calm = checks_of(design([{"id": "s", "type": "kinesis"}], 1000, spikes=[{**spike, "multiplier": 3.5}]))
    assert calm[("kinesis.write", "s")].affected_requests_per_month == 0  # 3,500/s fits in 4,000


def test_standard_consumers_share_a_shards_2_mb_of_reads():
    """900 records/s of 1 KB on 1 shard, 3 consumers: 2,700 record reads/s against 2,048 → 652 × 2,628,000 =
    1,713,456,000 delayed reads."""
    found = checks_of(design([{"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 1,
                               "consumers": 3}], 900))
    read = found[("kinesis.read", "s")]
    assert read.limit_value == 2048
    assert read.affected_requests_per_month == 652 * SECONDS
    assert found[("kinesis.write", "s")].affected_requests_per_month == 0


def test_the_account_shard_quota_is_20000_in_virginia_and_1000_in_tokyo():
    streams = [{"id": f"s{i}", "type": "kinesis", "mode": "provisioned", "shards": 600} for i in range(2)]
    tokyo = checks_of(design(streams, 1, region="ap-northeast-1"))[("kinesis.account_shards", "(account)")]
    assert (tokyo.peak_demand, tokyo.limit_value, tokyo.status) == (1200, 1000, "fail")
    virginia = checks_of(design(streams, 1))[("kinesis.account_shards", "(account)")]
    assert (virginia.limit_value, virginia.status) == (20000, "pass")


def test_firehose_direct_put_is_bound_by_requests_per_second_outside_the_three_large_regions():
    """Tokyo: 1,000 requests/s of 1 record each binds (records 100,000/s, 1 MiB/s = 1,024 records of 1 KB);
    1,200 records/s → 200 × 2,628,000 = 525,600,000 throttled. Virginia: 2,000 requests/s, none. Batching 500
    records a request in Tokyo: the 1 MiB/s (1,024 records/s) binds → 176 × 2,628,000."""
    hose = {"id": "h", "type": "firehose", "record_kb": 1}
    tokyo = checks_of(design([hose], 1200, region="ap-northeast-1"))[("firehose.direct_put", "h")]
    assert (tokyo.limit_value, tokyo.affected_requests_per_month) == (1000, 200 * SECONDS)
    virginia = checks_of(design([hose], 1200))[("firehose.direct_put", "h")]
    assert (virginia.limit_value, virginia.affected_requests_per_month) == (2000, 0)
    batched = checks_of(design([{**hose, "records_per_request": 500}], 1200, region="ap-northeast-1"))
    assert batched[("firehose.direct_put", "h")].affected_requests_per_month == 176 * SECONDS


def test_a_firehose_stream_reading_kinesis_has_no_direct_put_check():
    found = checks_of(design([{"id": "s", "type": "kinesis"}, {"id": "h", "type": "firehose", "from": "s"}], 10))
    assert ("firehose.direct_put", "h") not in found
    assert ("kinesis.read", "s") in found


def test_the_accounts_own_shard_quota_replaces_the_published_default():
    """A limits block of 2,000 shards passes Tokyo's 1,200 and fails 2,400 in us-east-1 (not its 20,000)."""
    streams = [{"id": f"s{i}", "type": "kinesis", "mode": "provisioned", "shards": 600} for i in range(2)]
    tokyo = design(streams, 1, region="ap-northeast-1")
    tokyo["limits"] = {"kinesis_account_shards": 2000, "source": "your account"}
    check = checks_of(tokyo)[("kinesis.account_shards", "(account)")]
    assert (check.limit_value, check.status, check.from_account) == (2000, "pass", True)
    virginia = design(streams + [{"id": "s2", "type": "kinesis", "mode": "provisioned", "shards": 1200}], 1)
    virginia["limits"] = {"kinesis_account_shards": 2000}
    check = checks_of(virginia)[("kinesis.account_shards", "(account)")]
    assert (check.peak_demand, check.limit_value, check.status) == (2400, 2000, "fail")


def test_a_batching_window_gathers_a_quiet_shards_records_for_longer():
    """0.5 records/s per shard, a 10 s window: at most one invocation per 10 s, (1 − e^−5) / 10 a second per
    shard → 2 shards × 2,628,000 s × 0.0993262 = 522,058.7 (without the window: 2,068,074.85)."""
    run = Run(parse_design(design([
        {"id": "s", "type": "kinesis", "mode": "provisioned", "shards": 2, "records_per_month": 1 * SECONDS},
        {"id": "f", "type": "lambda", "from": "s", "batch_size": 100, "batching_window_s": 10}])))
    assert float(run.events["f"]) == pytest.approx(2 * SECONDS * (1 - math.exp(-5)) / 10, rel=1e-9)
    lines = [li for li in estimate(run, load_catalog("us-east-1")).line_items if li.price_id == "lambda.requests"]
    assert "over 2 shard(s), batch_size 100, a 10 s batching window" in lines[0].formula
