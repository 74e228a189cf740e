"""Batched invocations of a function fed by a queue or stream (models/run/batching.py), against numbers
worked by hand: records per batch = min(batch_size, max(1, rate × window ÷ pollers)) each minute."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.design.schema import DesignError, parse_design
from models.run.flow import monthly_events
from service import check_data

MONTH_S = 730 * 3600  # 2,628,000 seconds: 1 message a second is 2,628,000 a month


def design(fn_fields, *, source=None, rps=1.0, **workload):
    source = source or {"id": "q", "type": "sqs"}
    fn = {"id": "fn", "type": "lambda", "from": source["id"], **fn_fields}
    return {"name": "t", "region": "us-east-1", "workload": {"requests_per_month": rps * MONTH_S, **workload},
            "components": [source, fn]}


def invocations(data) -> Decimal:
    return monthly_events(parse_design(data))["fn"]


def test_no_window_counts_one_invocation_per_message():
    # no batching window: Lambda invokes as soon as a record is there, so a batch may hold one
    assert invocations(design({"batch_size": 10})) == MONTH_S


def test_a_window_at_a_low_rate_fills_batches_to_rate_times_window_over_five_pollers():
    # 1 message/s × 20 s ÷ 5 pollers = 4 records a batch: 2,628,000 ÷ 4 = 657,000 invocations
    assert invocations(design({"batch_size": 10, "batching_window_s": 20})) == 657_000


def test_a_window_at_a_high_rate_gives_full_batches():
    # 10 messages/s × 20 s ÷ 5 = 40 ≥ 10: full batches, 26,280,000 ÷ 10 = 2,628,000 invocations
    assert invocations(design({"batch_size": 10, "batching_window_s": 20}, rps=10)) == 2_628_000


def test_the_batch_follows_the_rate_minute_by_minute():
    # Idle 00:00–12:00, busy 12:00–24:00. The 730-hour month is 30 days and 10 hours, the last 10 idle, so
    # the messages arrive in 360 busy hours at r = 2,628,000 / 1,296,000 s ≈ 2.03/s; a batch holds
    # r × 20 ÷ 5 = 4r (< 10), so invocations = 1,296,000 s × r ÷ 4r = 324,000 (the month's mean rate, 1/s,
    # would give 4 a batch and 657,000)
    profile = [0.0] * 12 + [2.0] * 12
    assert invocations(design({"batch_size": 10, "batching_window_s": 20}, daily_profile=profile)) == 324_000


def test_a_stream_takes_batches_over_10_without_a_window():
    # AWS's stream default is 100 with no window; with no window a batch may hold one record
    table = {"id": "table", "type": "dynamodb", "writes": 1}
    assert invocations(design({"batch_size": 100}, source=table)) == MONTH_S


def test_a_table_stream_is_one_shard():
    # each client request writes one item (a stream record); 1/s × 10 s ÷ 1 shard = 10 of 100: 262,800
    table = {"id": "table", "type": "dynamodb", "writes": 1}
    data = design({"batch_size": 100, "batching_window_s": 10}, source=table)
    assert invocations(data) == 262_800


def test_the_requests_line_shows_the_formula():
    _, est = check_data(design({"batch_size": 10, "batching_window_s": 20}))
    line = next(li for li in est.line_items if li.price_id == "lambda.requests" and not li.free)
    assert line.quantity == 657_000
    assert line.formula.startswith("657,000 invocations = 2,628,000 records ÷ 4 per batch (batch_size 10, a 20 s")


@pytest.mark.parametrize("fn_fields, source, problem", [
    ({"batch_size": 10}, {"id": "q", "type": "api_gateway"}, "apply only to a function whose 'from' is"),
    ({"batch_size": 10, "batching_window_s": 5}, {"id": "q", "type": "sqs", "queue": "fifo"},
     "a FIFO queue has no batching window"),
    ({"batch_size": 20}, {"id": "q", "type": "sqs", "queue": "fifo"}, "at most 10 for a FIFO queue"),
    ({"batch_size": 100}, None, "more than 10 from an SQS queue needs batching_window_s of at least 1"),
])
def test_batch_settings_outside_aws_rules_are_refused(fn_fields, source, problem):
    with pytest.raises(DesignError) as err:
        parse_design(design(fn_fields, source=source))
    assert problem in str(err.value)
