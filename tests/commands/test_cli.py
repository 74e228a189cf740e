"""The terminal front end: every template prices; bad input exits 2 with one line, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import commands.main as cli
from templates import template_keys, template_path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("key", template_keys())
def test_every_template_prints_priced_line_items(key, capsys):
    assert cli.main(["estimate", str(template_path(key)), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["total_usd"] > 0
    assert all(item["cost_usd"] is not None and item["price_id"] for item in doc["line_items"])
    assert all(item["source"].startswith("https://") and item["as_of"] for item in doc["line_items"])
    assert round(sum(item["cost_usd"] for item in doc["line_items"]), 4) == round(doc["total_usd"], 4)


def test_csv_reads_back_with_the_same_total(capsys):
    assert cli.main(["estimate", "save_app_data", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    items, total = rows[:-1], rows[-1]
    assert total["component"] == "TOTAL"
    assert sum(float(r["cost_usd"]) for r in items) == pytest.approx(float(total["cost_usd"]), abs=1e-5)
    assert all(r["source"].startswith("https://") for r in items)


def test_table_shows_total_and_price_dates(capsys):
    assert cli.main(["estimate", "photo_thumbnails"]) == 0
    out = capsys.readouterr().out
    assert "Total: USD" in out and "Prices as of" in out


@pytest.mark.parametrize("text, message", [
    ("name: x\ncomponents: [{id: a, type: lambda, memory_mb: 99999}]\nworkload: {requests_per_month: 1}\n",
     "error: components[0] (a).memory_mb: 99999 is out of range; must be ≤ 10,240"),
    ("name: x\ncomponents: [{id: a, type: lambda, from: b}]\n", "error: components[0] (a).from: 'b' names no component"),
    ("name: [", "error: design file line 1"),
    ("", "error: design file: it is empty"),
])
def test_a_broken_design_exits_2_with_one_line(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    result = run_cli("estimate", str(path))
    assert result.returncode == 2
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_missing_file_exits_2(tmp_path):
    result = run_cli("estimate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and "no such design file" in result.stderr


def test_a_folder_given_as_the_design_is_named_a_folder(tmp_path, capsys):
    assert cli.main(["estimate", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder; give a design file (YAML or JSON) in it" in capsys.readouterr().err


def test_a_binary_file_exits_2(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe\x00\x81")
    result = run_cli("estimate", str(path))
    assert result.returncode == 2 and "not a UTF-8 text file" in result.stderr


def test_templates_and_prices_are_listed(capsys):
    assert cli.main(["templates"]) == 0
    listing = capsys.readouterr().out
    assert all(key in listing for key in template_keys())
    assert all(line.split("  ")[0].strip() in template_keys() for line in listing.splitlines())  # key, gap, title
    assert cli.main(["prices", "--region", "ap-northeast-3", "--service", "lambda"]) == 0
    out = capsys.readouterr().out
    assert "lambda.requests" in out and "as of" in out and "dynamodb." not in out


def test_prices_refuses_an_unknown_service_and_a_region_without_a_catalog(capsys):
    assert cli.main(["prices", "--service", "nosuch"]) == 2
    assert "--service 'nosuch' has no prices in us-east-1's catalog; services: apigateway," in capsys.readouterr().err
    assert cli.main(["prices", "--service", "LAMBDA"]) == 0  # the same service, however it is capitalised
    assert "lambda.requests" in capsys.readouterr().out
    for extra in ([], ["--assumed"]):
        assert cli.main(["prices", "--region", "eu-west-1", *extra]) == 2
        assert "prices refresh --region eu-west-1" in capsys.readouterr().err
    assert cli.main(["prices", "--assumed", "--region", "ap-northeast-3", "--service", "lambda"]) == 0
    listed = [line for line in capsys.readouterr().out.splitlines() if line.startswith("ap-northeast-3")]
    assert listed and all(" lambda." in line for line in listed)


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = cli.build_parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"cli.py {name}" in readme, name


def save_app_data_with(tmp_path: Path, field: str, value: dict | int) -> Path:
    """save_app_data with one number given as a range: `field` is "requests_per_month" (the workload's)
    or "memory_mb" (the function handler's)."""
    import yaml

    data = yaml.safe_load(template_path("save_app_data").read_text(encoding="utf-8"))
    if field == "requests_per_month":
        data["workload"]["requests_per_month"] = value
    else:
        next(c for c in data["components"] if c["id"] == "handler")[field] = value
    path = tmp_path / "ranged.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# the schema's bounds, as the README's design-file reference states them: requests ≥ 0, memory 128–10,240 MB
BAD_BOUNDS = [
    ("requests_per_month", {"low": -1, "expected": 5, "high": 10},
     "error: workload.requests_per_month: -1 is out of range; must be ≥ 0"),
    ("memory_mb", {"low": 128, "expected": 256, "high": 99999},
     "error: components[1] (handler).memory_mb: 99999 is out of range; must be ≤ 10,240"),
]


@pytest.mark.parametrize("command", [["validate"], ["estimate"], ["estimate", "--format", "json"],
                                     ["estimate", "--format", "csv"], ["check"], ["check", "--format", "json"],
                                     ["quote"], ["dynamodb-plan", "--table", "table"]])
@pytest.mark.parametrize("field, value, message", BAD_BOUNDS)
def test_every_command_refuses_a_range_whose_low_or_high_is_out_of_range(tmp_path, capsys, command, field, value,
                                                                          message):
    path = save_app_data_with(tmp_path, field, value)
    assert cli.main([command[0], str(path), *command[1:]]) == 2
    out, err = capsys.readouterr()
    assert err == message + "\n" and out == ""


def _cost_column(out: str, dimension: str) -> list[str]:
    """The last column of the table rows whose dimension is `dimension` (exactly, not a prefix)."""
    return [line.split()[-1] for line in out.splitlines() if f"  {dimension}  " in line]


def test_the_estimate_table_rounds_each_line_half_up_like_the_quote(capsys):
    # save_app_data stores 5 GB-month of table (5 × $0.285 = $1.425) and 5 GB-month of archived logs free
    # (5 × $0.033 = $0.165 credited): half up to the cent, 1.43 and -0.17 (half even would give 1.42, -0.16)
    assert cli.main(["estimate", "save_app_data"]) == 0
    table = capsys.readouterr().out
    assert _cost_column(table, "Table storage (Standard table class)") == ["1.43"]
    assert _cost_column(table, "Free tier: Logs stored (archive)") == ["-0.17"]
    assert cli.main(["quote", "save_app_data"]) == 0
    quote = capsys.readouterr().out
    assert _cost_column(quote, "Table storage (Standard table class)") == ["$1.43"]
    assert _cost_column(quote, "Free tier: Logs stored (archive)") == ["-$0.17"]
    assert cli.main(["estimate", "save_app_data", "--format", "json"]) == 0
    exact = {li["dimension"]: li["cost_usd"] for li in json.loads(capsys.readouterr().out)["line_items"]}
    assert exact["Table storage (Standard table class)"] == 1.425  # the JSON keeps the exact amount
    assert exact["Free tier: Logs stored (archive)"] == -0.165


LOW, EXPECTED, HIGH = 1_000_000, 10_000_000, 50_000_000


def _json_estimate(capsys, path: Path) -> dict:
    assert cli.main(["estimate", str(path), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_estimate_shows_the_low_and_high_cases_of_a_range(tmp_path, capsys):
    from decimal import ROUND_HALF_UP, Decimal

    # each case is the design with the range at that value: priced here as three plain designs, apart
    plain = {}
    for case, requests in (("low", LOW), ("expected", EXPECTED), ("high", HIGH)):
        (tmp_path / case).mkdir()
        plain[case] = _json_estimate(capsys, save_app_data_with(tmp_path / case, "requests_per_month", requests))
        assert plain[case]["range_total_usd"] is None  # a plain design has no range
    ranged = save_app_data_with(tmp_path, "requests_per_month", {"low": LOW, "expected": EXPECTED, "high": HIGH})
    doc = _json_estimate(capsys, ranged)
    assert doc["range_total_usd"] == {"low": plain["low"]["total_usd"], "high": plain["high"]["total_usd"]}
    assert plain["low"]["total_usd"] < doc["total_usd"] < plain["high"]["total_usd"]
    # the contract's fields are unchanged: the expected case's total and line items
    assert doc["total_usd"] == plain["expected"]["total_usd"]
    assert doc["line_items"] == plain["expected"]["line_items"]

    def cents(usd: float) -> str:
        return str(Decimal(str(usd)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))

    low, high = cents(plain["low"]["total_usd"]), cents(plain["high"]["total_usd"])
    assert cli.main(["estimate", str(ranged)]) == 0
    assert f"Range: low case USD {low} – high case USD {high} per month\n" in capsys.readouterr().out
    assert cli.main(["quote", str(ranged)]) == 0  # the quote's range (its lines rounded, then summed) agrees here
    quote = capsys.readouterr().out
    assert f"Range: Low case ${low} – " in quote and f" – High case ${high}\n" in quote


def test_a_plain_design_shows_no_range_line(capsys):
    assert cli.main(["estimate", "save_app_data"]) == 0
    assert "Range:" not in capsys.readouterr().out
