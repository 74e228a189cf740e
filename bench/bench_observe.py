"""Calibration benchmark: a 14-day, 50-function observation fitted into a design (issue 15's target: < 1 s).

Run: .venv/bin/python bench/bench_observe.py

The observation is what `cli.py observe --resolution minute --days 14` keeps for 50 functions: hourly
Invocations, Errors, Throttles and ConcurrentExecutions of each, Duration p50/p95/p99, and per-minute
Invocations (20,160 minutes each). Timed: the saved form (lists, as in the JSON file) → typed arrays →
the fit of every function and of the workload (profile, spike, burstiness) → the calibrated design
validated. Figures go in the README (Performance).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from timing import median_ms  # noqa: E402

from service.observe import calibrate  # noqa: E402

FUNCTIONS = 50
DAYS = 14
TARGET_MS = 1000.0


def observation() -> dict:
    """A synthetic 14-day observation at minute resolution (evening-peaked traffic, one spike)."""
    rng = np.random.default_rng(7)
    minutes = DAYS * 1440
    hour_of_day = (np.arange(minutes) // 60) % 24
    shape = 1 + 0.8 * np.sin((hour_of_day - 14) / 24 * 2 * np.pi)
    resources = []
    for i in range(FUNCTIONS):
        per_minute = rng.poisson(20 * (i + 1) * shape).astype(float)
        per_minute[5000:5060] *= 4
        hourly = per_minute.reshape(-1, 60).sum(axis=1)
        resources.append({"kind": "lambda", "name": f"fn-{i}", "minute": {"Invocations": per_minute.tolist()},
                          "hourly": {"Invocations": hourly.tolist(), "Errors": (hourly * 0.001).tolist(),
                                     "Throttles": [None] * hourly.size,
                                     "ConcurrentExecutions": np.ceil(hourly / 3600).tolist()},
                          "overall": {"Duration.p50": 80.0 + i, "Duration.p95": 200.0 + i, "Duration.p99": 400.0 + i}})
    return {"schema": "serverless-planner/observation@1", "region": "us-east-1", "start": "2026-11-17T00:00:00Z",
            "hours": DAYS * 24, "resolution": "minute", "resources": resources, "gaps": []}


def design() -> dict:
    """fn-0 is driven by the client workload; the other 49 have their own monthly figures."""
    comps = [{"id": "fn-0", "type": "lambda"}]
    comps += [{"id": f"fn-{i}", "type": "lambda", "invocations_per_month": 0} for i in range(1, FUNCTIONS)]
    return {"name": "bench", "workload": {"requests_per_month": 1}, "components": comps}


def main() -> None:
    data, mapping = observation(), design()
    result = calibrate(mapping, data)
    assert len(result.provenance) >= 2 * FUNCTIONS, result.provenance
    ms = median_ms(lambda: calibrate(mapping, data), repeat=5)
    print(f"calibrate a {DAYS}-day, {FUNCTIONS}-function observation (minute data): median {ms:7.0f} ms "
          f"(target < {TARGET_MS:.0f} ms: {'met' if ms < TARGET_MS else 'NOT met'}; ratio {ms / TARGET_MS:.2f})")


if __name__ == "__main__":
    main()
