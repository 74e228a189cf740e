"""AWS's own worked pricing examples (and hand-worked ones) reproduced to the cent through the CLI.

Each file in tests/aws_examples/ holds a design, the source, the arithmetic and the expected
totals, worked out independently of the engine; see tests/aws_examples/README.md.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

import commands.main as cli

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "aws_examples").glob("*.yaml"))
ROOT = Path(__file__).resolve().parents[2]


def run_estimate_json(design: dict, tmp_path: Path, capsys) -> dict:
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(design, sort_keys=False), encoding="utf-8")
    assert cli.main(["estimate", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_total_matches_to_the_cent(path, tmp_path, capsys):
    example = yaml.safe_load(path.read_text(encoding="utf-8"))
    result = run_estimate_json(example["design"], tmp_path, capsys)
    assert round(result["total_usd"], 2) == pytest.approx(example["example"]["expected"]["total_usd"], abs=0.001)
    by_component = defaultdict(float)
    for item in result["line_items"]:
        by_component[item["component"]] += item["cost_usd"]
    for component, expected in (example["example"]["expected"].get("by_component") or {}).items():
        assert round(by_component[component], 2) == pytest.approx(expected, abs=0.001), component


def test_the_examples_cover_the_main_services():
    services = set()
    for path in EXAMPLES:
        design = yaml.safe_load(path.read_text(encoding="utf-8"))["design"]
        services |= {c["type"] for c in design["components"]}
    assert {"lambda", "api_gateway", "dynamodb", "s3", "sqs"} <= services


def test_the_cli_entry_point_prints_the_json_contract(tmp_path):
    example = yaml.safe_load(EXAMPLES[0].read_text(encoding="utf-8"))
    path = tmp_path / "d.yaml"
    path.write_text(yaml.safe_dump(example["design"]), encoding="utf-8")
    out = subprocess.run([sys.executable, "cli.py", "estimate", str(path), "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    doc = json.loads(out)
    assert set(doc) >= {"name", "region", "currency", "total_usd", "line_items", "warnings"}
    assert doc["currency"] == "USD"
    assert set(doc["line_items"][0]) >= {"component", "service", "dimension", "quantity", "unit",
                                         "unit_price_usd", "cost_usd", "price_id"}
