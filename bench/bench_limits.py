"""Benchmarks for issue 3's targets: the traffic series, the readiness report, a cost-vs-scale sweep.

Run: .venv/bin/python bench/bench_limits.py
Targets on this 2-core machine: photo template series ≤ 50 ms median; readiness ≤ 100 ms;
a 50-point cost-vs-scale sweep ≤ 1 s. Prints medians and the ratio to each target.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import median_ms  # noqa: E402

from models.checks.limits import applicable_limits  # noqa: E402
from models.checks.readiness import readiness  # noqa: E402
from models.costs.sweep import cost_sweep, log_volumes  # noqa: E402
from models.design.schema import parse_design  # noqa: E402
from models.design.text import load_design_data  # noqa: E402
from models.run.run import Run  # noqa: E402
from models.run.traffic import client_traffic, component_rates  # noqa: E402
from pricing.catalog import load_catalog, load_limit_defaults  # noqa: E402
from service import estimate_data  # noqa: E402
from templates import template_text  # noqa: E402


def main() -> None:
    data = load_design_data(template_text("photo_thumbnails"))
    design = parse_design(data)
    events = estimate_data(data).events
    catalog, limits = load_catalog(design.region), applicable_limits(design, load_limit_defaults())

    def series():
        traffic = client_traffic(design.workload)
        return component_rates(design, events, traffic)

    rows = [
        ("traffic series, photo template (6 components × 43,800 min)", median_ms(series, 30), 50),
        ("readiness report, photo template", median_ms(lambda: readiness(Run(design), limits), 20), 100),
        ("cost-vs-scale sweep, 50 volumes 1e3..1e8", median_ms(lambda: cost_sweep(design, catalog, log_volumes()), 5), 1000),
    ]
    for label, ms, target in rows:
        print(f"{label:60} median {ms:8.1f} ms   target {target:5d} ms   ratio {ms / target:5.2f}")


if __name__ == "__main__":
    main()
