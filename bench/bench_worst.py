"""Bounded work: every CLI command on the most expensive valid designs (tests/worst_designs.py: 50
components, 50 spikes spread or overlapping, 20 GSIs a table, ranges), and an app rerun with one.

Run: .venv/bin/python bench/bench_worst.py
Targets (issue 13): each CLI command under 5 s on this machine (timed as a fresh process, start-up
included, as a user runs it); an app rerun after an edit under 2 s (AppTest, server side).
Prints each figure with its ratio to the target; the README quotes them.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from worst_designs import worst_designs  # noqa: E402

from models.design.text import dump_design_text  # noqa: E402

COMMANDS = {
    "estimate": ["estimate"],
    "validate": ["validate"],
    "check": ["check"],
    "quote (xlsx)": ["quote", "--format", "xlsx", "--output", "{out}/q.xlsx"],
    "dynamodb-plan (table + 20 GSIs' demand)": ["dynamodb-plan", "--table", "t0"],
}
CLI_TARGET_S = 5.0
RERUN_TARGET_S = 2.0


def time_cli(design_path: Path, args: list[str], out: str, repeat: int = 3) -> float:
    """Median wall-clock seconds of `cli.py` as a fresh process."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "cli.py", args[0], str(design_path), *[a.format(out=out) for a in args[1:]]],
                             cwd=ROOT, capture_output=True, text=True)
        samples.append(time.perf_counter() - start)
        if run.returncode not in (0, 1):
            raise SystemExit(f"{args[0]} failed ({run.returncode}): {run.stderr.strip()[-300:]}")
    return statistics.median(samples)


def time_app_rerun(design: dict, repeat: int = 3) -> float:
    """Median seconds of an AppTest rerun after changing the requests number on the Design page."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.session_state["design"] = design
    at.run()
    samples = []
    for i in range(repeat):
        key = next(n.key for n in at.number_input if n.key.endswith(".requests"))
        at.number_input(key=key).set_value(300_000_000 + 1_000_000 * (i + 1))
        start = time.perf_counter()
        at.run()
        samples.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        for name, design in worst_designs().items():
            path = Path(out) / "worst.yaml"
            path.write_text(dump_design_text(design), encoding="utf-8")
            print(f"-- {name}")
            for label, args in COMMANDS.items():
                seconds = time_cli(path, args, out)
                print(f"   cli.py {label:42} {seconds:6.2f} s   target {CLI_TARGET_S:.0f} s   ratio {seconds / CLI_TARGET_S:.2f}")
        seconds = time_app_rerun(worst_designs()["spread spikes, ranges"])
        print(f"-- app rerun after an edit, worst design with ranges    {seconds:6.2f} s   target {RERUN_TARGET_S:.0f} s   "
              f"ratio {seconds / RERUN_TARGET_S:.2f}")


if __name__ == "__main__":
    main()
