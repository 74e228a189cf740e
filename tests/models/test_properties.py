"""Properties that must hold for any input: no negative cost or throttling, more capacity never
throttles more, more traffic never costs less."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.costs.estimate import estimate
from models.costs.sweep import at_volume
from models.design.schema import parse_design
from models.design.text import load_design_data
from pricing.catalog import load_catalog
from service import check_data
from templates import template_keys, template_text

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def api_lambda_table(requests: float, memory: int, duration: float, concurrency: int, rcu: int) -> dict:
    return {
        "name": "p", "region": "ap-northeast-1",
        "workload": {"requests_per_month": requests, "daily_profile": "mobile_evening",
                     "spikes": [{"day": 3, "at": "20:00", "minutes": 30, "multiplier": 5}]},
        "limits": {"lambda_concurrency": concurrency},
        "components": [
            {"id": "api", "type": "api_gateway", "api": "http"},
            {"id": "fn", "type": "lambda", "from": "api", "memory_mb": memory, "duration_ms": duration, "timeout_s": 30},
            {"id": "t", "type": "dynamodb", "from": "fn", "reads": 2, "writes": 1, "billing": "provisioned",
             "rcu": rcu, "wcu": rcu},
        ],
    }


volumes = st.floats(min_value=0, max_value=5e9)
memories = st.integers(min_value=128, max_value=10240)
durations = st.floats(min_value=1, max_value=20000)


@SETTINGS
@given(volumes, memories, durations)
def test_no_cost_is_negative(requests, memory, duration):
    _, est = check_data(api_lambda_table(requests, memory, duration, 1000, 10))
    assert est.total_usd >= 0
    by_component = est.cost_by_component()
    assert all(v >= -1e-9 for v in by_component.values())
    assert all(li.cost_usd >= 0 for li in est.line_items if not li.dimension.startswith("Free tier:"))


@SETTINGS
@given(volumes, st.integers(min_value=0, max_value=3000), st.integers(min_value=1, max_value=3000))
def test_more_capacity_never_throttles_more(requests, concurrency, extra):
    low, _ = check_data(api_lambda_table(requests, 512, 200, concurrency, 50))
    high, _ = check_data(api_lambda_table(requests, 512, 200, concurrency + extra, 50 + extra))
    lost = lambda report: {(c.id, c.component): c.affected_requests_per_month for c in report.checks}  # noqa: E731
    for key, affected in lost(high).items():
        assert affected >= 0
        assert affected <= lost(low)[key] + 1e-6, key


@SETTINGS
@given(st.sampled_from(template_keys()), st.floats(min_value=0, max_value=1e9), st.floats(min_value=1.0, max_value=10.0))
def test_more_traffic_never_costs_less(key, requests, factor):
    design = parse_design(load_design_data(template_text(key)))
    catalog = load_catalog(design.region)
    assert estimate(at_volume(design, requests * factor), catalog).total_usd >= \
        estimate(at_volume(design, requests), catalog).total_usd
