"""Step Functions and EventBridge: flow along `from`, validation messages, Region-dependent quotas, and the
token-bucket checks against buckets worked by hand.

A token bucket of B tokens refilled at r per second, starting full, turns away what a minute's demand d (per
second) exceeds r by, once the bucket is empty: over a stretch of k minutes at d > r it turns away
k x 60 x (d - r) - B (the planner runs the bucket minute by minute, models/run/queueing.py). The designs below
are flat at a base rate with one spike, so the rates are exact (100/s and 400/s) and the expected numbers are
that formula, not the engine's output.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from models.design.schema import DesignError, parse_design
from models.run.flow import monthly_events
from pricing.catalog import load_catalog, load_limit_defaults
from service import check_data, estimate_data

SECONDS_PER_MONTH = 730 * 3600


def _design(region: str, components: list[dict], base_rps: float, spike: dict | None = None) -> dict:
    workload: dict = {"requests_per_month": base_rps * SECONDS_PER_MONTH}
    if spike:
        workload["spikes"] = [spike]
    return {"name": "t", "region": region, "workload": workload, "components": components}


def _check(data: dict, check_id: str):
    readiness, _ = check_data(data)
    found = [c for c in readiness.checks if c.id == check_id]
    assert len(found) == 1, [c.id for c in readiness.checks]
    return found[0]


SPIKE_10_MIN_X4 = {"day": 2, "at": "12:00", "minutes": 10, "multiplier": 4}


@pytest.mark.parametrize(("region", "refill", "bucket"), [("us-east-1", 300, 1300), ("ap-northeast-1", 150, 800),
                                                         ("ap-northeast-3", 150, 800)])
def test_start_execution_throttles_what_the_regions_bucket_cannot_hold(region, refill, bucket):
    """100/s with ten minutes at 400/s: Standard StartExecution refills 300/s (bucket 1,300) in us-east-1 and
    150/s (bucket 800) in Tokyo and Osaka (the quotas page's two columns)."""
    data = _design(region, [{"id": "m", "type": "step_functions", "transitions_per_execution": 1}], 100,
                   SPIKE_10_MIN_X4)
    check = _check(data, "stepfunctions.start_execution.standard")
    base_overflow = max(0, 100 - refill) * 60 * (43_800 - 10)  # Osaka/Tokyo: 100 < 150, nothing at the base rate
    expected = 10 * 60 * (400 - refill) - bucket + base_overflow
    assert check.limit_value == refill
    assert check.affected_requests_per_month == pytest.approx(expected, abs=0.5)
    assert check.status == "fail"


def test_state_transitions_use_the_executions_times_their_transitions():
    """20 executions/s x 5 transitions = 100 transitions/s, 400/s in a x4 spike: us-east-1's StateTransition
    bucket (5,000, refill 5,000/s) holds it. A x10 spike in Tokyo (bucket 800, refill 800/s) makes 1,000/s for
    10 minutes: 10 x 60 x (1,000 - 800) - 800 = 119,200 transitions delayed."""
    machine = {"id": "m", "type": "step_functions", "transitions_per_execution": 5}
    assert _check(_design("us-east-1", [machine], 20, SPIKE_10_MIN_X4),
                  "stepfunctions.state_transition").affected_requests_per_month == 0
    spike = {**SPIKE_10_MIN_X4, "multiplier": 10}  # 20 x 10 = 200 executions/s = 1,000 transitions/s
    check = _check(_design("ap-northeast-1", [machine], 20, spike), "stepfunctions.state_transition")
    assert check.limit_value == 800
    assert check.affected_requests_per_month == pytest.approx(10 * 60 * (1000 - 800) - 800, abs=0.5)


def test_express_start_execution_has_its_own_bucket_and_sync_executions_skip_it():
    """Express: bucket 6,000, refill 6,000/s in every Region. 1,000/s spiking x10 to 10,000/s for 10 minutes:
    10 x 60 x (10,000 - 6,000) - 6,000 = 2,394,000 turned away; StartSyncExecution is not counted at all."""
    machine = {"id": "m", "type": "step_functions", "workflow": "express"}
    spike = {**SPIKE_10_MIN_X4, "multiplier": 10}
    check = _check(_design("ap-northeast-3", [machine], 1000, spike), "stepfunctions.start_execution.express")
    assert (check.limit_value, check.affected_requests_per_month) == (6000, pytest.approx(2_394_000, abs=0.5))
    readiness, _ = check_data(_design("ap-northeast-3", [{**machine, "sync": True}], 1000, spike))
    assert not [c for c in readiness.checks if c.id.startswith("stepfunctions.start_execution")]


def test_put_events_quota_is_the_regions_and_batching_divides_the_requests():
    """Tokyo's PutEvents quota is 1,200 requests/s (us-east-1 10,000, Osaka 400); the bucket holds one second.
    1,000 events/s with five minutes at 2,000/s: 5 x 60 x (2,000 - 1,200) - 1,200 = 238,800 events throttled;
    with 2 entries per PutEvents the spike is 1,000 requests/s and nothing is throttled."""
    bus = {"id": "bus", "type": "eventbridge"}
    spike = {"day": 3, "at": "09:00", "minutes": 5, "multiplier": 2}
    check = _check(_design("ap-northeast-1", [bus], 1000, spike), "eventbridge.put_events")
    assert check.limit_value == 1200
    assert check.affected_requests_per_month == pytest.approx(5 * 60 * (2000 - 1200) - 1200, abs=0.5)
    # 238,800 of 2,628,300,000 events a month is 0.009 %: under the 0.01 % that fails, so it warns
    assert check.status == "warn"
    batched = _check(_design("ap-northeast-1", [{**bus, "entries_per_put": 2}], 1000, spike), "eventbridge.put_events")
    assert batched.affected_requests_per_month == 0
    assert _check(_design("us-east-1", [bus], 1000, spike), "eventbridge.put_events").limit_value == 10000
    assert _check(_design("ap-northeast-3", [bus], 100), "eventbridge.put_events").limit_value == 400


def test_aws_service_events_make_no_put_events_check():
    readiness, _ = check_data(_design("us-east-1", [{"id": "bus", "type": "eventbridge", "event_source": "aws"}], 10))
    assert not [c for c in readiness.checks if c.id == "eventbridge.put_events"]


def test_an_account_limit_in_the_design_overrides_the_regions_default():
    data = _design("ap-northeast-3", [{"id": "bus", "type": "eventbridge"}], 100)
    data["limits"] = {"eventbridge_put_events_rps": 5000}
    assert _check(data, "eventbridge.put_events").limit_value == 5000


@pytest.mark.parametrize(("transitions", "status"), [(4999, "warn"), (5000, "fail"), (100, "pass")])
def test_history_fails_at_25000_events(transitions, status):
    """5 events per state (a Task state's entered, scheduled, started, succeeded, exited) + 2: 5,000 states
    write 25,002 events, over the 25,000-event history; 4,999 write 24,997, within 20 % of it."""
    data = _design("us-east-1", [{"id": "m", "type": "step_functions", "transitions_per_execution": transitions}], 1)
    check = _check(data, "stepfunctions.history")
    assert check.peak_demand == transitions * 5 + 2
    assert check.status == status


def test_a_state_machine_passes_its_executions_to_its_tasks_and_a_pipe_what_its_filter_lets_through():
    design = parse_design({"name": "t", "workload": {"requests_per_month": 1000}, "components": [
        {"id": "api", "type": "api_gateway"},
        {"id": "flow", "type": "step_functions", "from": "api", "workflow": "express"},
        {"id": "fn", "type": "lambda", "from": "flow", "calls": 3},
        {"id": "queue", "type": "sqs", "from": "fn"},
        {"id": "pipe", "type": "eventbridge", "kind": "pipe", "from": "queue", "filter_pass_ratio": 0.25},
        {"id": "worker", "type": "lambda", "from": "pipe"},
    ]})
    events = monthly_events(design)
    assert (events["flow"], events["fn"], events["pipe"], events["worker"]) == \
        (Decimal(1000), Decimal(3000), Decimal(3000), Decimal(750))


@pytest.mark.parametrize(("component", "words"), [
    ({"id": "m", "type": "step_functions", "workflow": "express", "duration_ms": 400_000},
     ["duration_ms 400000", "Express", "300,000 ms"]),
    ({"id": "m", "type": "step_functions", "sync": True}, ["sync: true", "Express"]),
    ({"id": "b", "type": "eventbridge", "kind": "pipe", "entries_per_put": 5}, ["entries_per_put", "kind: pipe"]),
    ({"id": "b", "type": "eventbridge", "filter_pass_ratio": 0.5}, ["filter_pass_ratio", "kind: bus"]),
    ({"id": "b", "type": "eventbridge", "kind": "queue"}, ["components[0] (b).kind", "'queue'", "bus"]),
    ({"id": "b", "type": "eventbridge", "event_kb": 2048}, ["components[0] (b).event_kb", "2048", "1,024"]),
])
def test_bad_values_are_refused_naming_the_field_the_value_and_what_is_allowed(component, words):
    with pytest.raises(DesignError) as err:
        parse_design({"name": "t", "components": [{**component, "executions_per_month": 1}
                                                  if component["type"] == "step_functions"
                                                  else {**component, "events_per_month": 1}]})
    text = "\n".join(err.value.problems)
    for word in words:
        assert word in text, text


def test_tokyo_scheduler_invocations_cost_1_25_per_million_past_the_free_14_million():
    """The Price List's Tokyo rate (APN1-ScheduledInvocation): $0 for the first 14M, then $1.25 per million —
    even with free_tier: none, since the free 14M are a price tier. 16M invocations: 2M x $1.25/M = $2.50."""
    data = {"name": "t", "region": "ap-northeast-1", "free_tier": "none", "components": [
        {"id": "jobs", "type": "eventbridge", "kind": "scheduler", "events_per_month": 16_000_000}]}
    assert estimate_data(data).total_usd == Decimal("2.50")
    assert load_catalog("ap-northeast-1").prices["eventbridge.scheduler.invocations"].confidence == "price_list"


def test_region_dependent_limits_keep_one_source():
    limits = load_limit_defaults()
    put_events = limits["eventbridge_put_events_rps"]
    assert [put_events.in_region(r).value for r in ("us-east-1", "ap-northeast-1", "ap-northeast-3")] == \
        [10000, 1200, 400]
    assert put_events.in_region("ap-northeast-3").source == put_events.source
    assert limits["sfn_state_transition_rps"].in_region("eu-west-1").value == 5000
