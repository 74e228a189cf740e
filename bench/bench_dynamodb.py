"""Benchmarks for issue 4's targets: the exact scheduled plan and the auto-scaling simulation.

Run: .venv/bin/python bench/bench_dynamodb.py
Targets on this 2-core machine: the exact (one-time, lower-bound) schedule for a 730-hour month in
15-minute steps under the rolling 60-minute decrease rule ≤ 2 s; the auto-scaling simulation at
1-minute resolution ≤ 200 ms. Also timed: the weekly recurring schedule (hourly steps, reads and
writes counted separately), the bound with throttling allowed and at 10- and 5-minute steps (the planner
page's slowest edits, issue 14), and all strategies together. Prints medians and ratios.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import median_ms  # noqa: E402

from models.design.text import load_design_data  # noqa: E402
from models.dynamodb_planner.compiled import warm_up  # noqa: E402
from models.dynamodb_planner.plan import (  # noqa: E402
    PlannerSettings,
    autoscaling,
    prices_for,
    scheduled,
    scheduled_weekly,
)
from pricing.catalog import load_catalog  # noqa: E402
from service import dynamodb_plan_data  # noqa: E402
from templates import template_text  # noqa: E402


def main() -> None:
    data = load_design_data(template_text("save_app_data"))
    settings = PlannerSettings(step_minutes=15)
    demand = dynamodb_plan_data(data, "table", settings).demand
    prices = prices_for(load_catalog("ap-northeast-1"), "standard", free_tier=True)
    warm_up()  # numba's compiled programme loaded once, as the app does in the background at its start
    rows = [
        ("exact scheduled plan, 15-minute steps (2,920 steps)", median_ms(lambda: scheduled(demand, prices, settings), 5), 2000),
        ("auto-scaling simulation, 1-minute resolution", median_ms(lambda: autoscaling(demand, prices, settings), 10), 200),
        ("weekly recurring schedule, hourly steps (168 steps)", median_ms(lambda: scheduled_weekly(demand, prices, settings), 10),
         None),
        ("the bound, throttling 0.01 % allowed (bisected penalty)",
         median_ms(lambda: scheduled(demand, prices, replace(settings, allowed_throttle_fraction=0.0001)), 5), None),
        ("the bound, 10-minute steps (4,380 steps, 63 rule states)",
         median_ms(lambda: scheduled(demand, prices, replace(settings, step_minutes=10)), 5), None),
        ("the bound, 5-minute steps (8,760 steps, 195 rule states)",
         median_ms(lambda: scheduled(demand, prices, replace(settings, step_minutes=5)), 5), None),
        ("all six strategies (dynamodb-plan)", median_ms(lambda: dynamodb_plan_data(data, "table", settings), 3), None),
    ]
    for label, ms, target in rows:
        ratio = f"target {target:5d} ms   ratio {ms / target:5.2f}" if target else ""
        print(f"{label:55} median {ms:8.1f} ms   {ratio}")


if __name__ == "__main__":
    main()
