"""Benchmarks: how long an estimate takes in the core, and an app rerun after one edit.

Run: .venv/bin/python bench/bench_estimate.py
Prints the median and p90 per template for the pure estimate (design text → line items), the
median AppTest rerun after changing the requests number (issue 5's target: ≤ 300 ms median for
the photo template), the same with the design in yen with tax and a requests range (three cases),
and the Compare page with four designs, cold (empty cache) and warm (target: about 1 s).
Figures go in the README.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service import estimate_text  # noqa: E402
from templates import template_keys, template_text  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    """Wall-clock milliseconds of `repeat` calls."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p90 = samples[int(0.9 * (len(samples) - 1))]
    print(f"{label:48} median {statistics.median(samples):8.2f} ms   p90 {p90:8.2f} ms   (n={len(samples)})")


def bench_core() -> None:
    for key in template_keys():
        text = template_text(key)
        estimate_text(text)  # warm the catalog cache
        report(f"estimate {key}", timed(lambda text=text: estimate_text(text), 50))


def bench_app_rerun() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    key = next(n.key for n in at.number_input if n.key.endswith(".requests"))
    values = iter(range(1_000_000, 100_000_000, 1_000_000))
    report("app rerun after one edit (photo_thumbnails)",
           timed(lambda: at.number_input(key=key).set_value(next(values)).run(), 30))


def bench_app_rerun_quote_and_range() -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.radio(key="currency").set_value("JPY")
    at.number_input(key="tax_pct").set_value(10)
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    next(c for c in at.checkbox if c.key.endswith(".requests.ranged")).check().run()
    key = next(n.key for n in at.number_input if n.key.endswith(".requests"))
    values = iter(range(2_000_000, 100_000_000, 100_000))
    report("same, in JPY with tax and a requests range",
           timed(lambda: at.number_input(key=key).set_value(next(values)).run(), 30))


def bench_compare() -> None:
    from streamlit.testing.v1 import AppTest

    from models.costs.sweep import log_volumes
    from models.design.text import load_design_data
    from service import design_summary, sweep_data
    from webapp.views.compare import SWEEP_HIGH, SWEEP_LOW, SWEEP_POINTS

    keys = ["photo_thumbnails", "photo_thumbnails_sqs", "save_app_data", "static_site_cdn"]
    designs = [load_design_data(template_text(k)) for k in keys]
    volumes = log_volumes(SWEEP_LOW, SWEEP_HIGH, SWEEP_POINTS)

    def cold() -> None:  # what the page computes when nothing is cached yet
        for data in designs:
            design_summary(data)
            sweep_data(data, volumes)

    report("compare 4 designs, nothing cached", timed(cold, 3))
    ranged = load_design_data(template_text("photo_thumbnails"))
    ranged["workload"]["requests_per_month"] = {"low": 1_000_000, "expected": 3_000_000, "high": 10_000_000}
    report("compare card, ranged photo design, nothing cached", timed(lambda: design_summary(ranged), 5))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.selectbox(key="template").set_value("photo_thumbnails").run()
    at.switch_page("webapp/pages/compare.py").run()
    at.multiselect(key="compare_pick").set_value(["current"] + [f"template:{k}" for k in keys[1:]]).run()
    report("compare 4 designs, cached (AppTest rerun)", timed(at.run, 10))


if __name__ == "__main__":
    bench_core()
    bench_app_rerun()
    bench_app_rerun_quote_and_range()
    bench_compare()
