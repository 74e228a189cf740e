"""Benchmarks: how long an estimate takes in the core, and an app rerun after one edit.

Run: .venv/bin/python bench/bench_estimate.py
Prints the median and p90 per template for the pure estimate (design text → line items) and the
median AppTest rerun after changing the requests number (issue 5's target: ≤ 300 ms median for
the photo template). Figures go in the README.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner import estimate_text  # noqa: E402
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


if __name__ == "__main__":
    bench_core()
    bench_app_rerun()
