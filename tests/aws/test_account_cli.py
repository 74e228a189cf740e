"""The account commands as a new user runs them: `cli.py pull` against a moto server through the
standard variables (AWS_ENDPOINT_URL, AWS_DEFAULT_REGION, keys in the environment), then `account
show`, `account diff` and `account import` on the snapshot file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from account_support import FIXTURES, aws, moto_url, populate  # noqa: F401 - aws and moto_url are fixtures

from models.design.text import load_design_data
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = FIXTURES / "snapshot_photos_tokyo.json"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


@pytest.mark.usefixtures("aws")
def test_pull_writes_a_snapshot_and_prints_what_it_read(tmp_path):
    populate()
    out = tmp_path / "snapshot.json"
    result = run_cli("pull", "--region", "us-east-1", "-o", str(out), "--max-attempts", "2")
    assert result.returncode == 0, result.stderr
    snapshot = json.loads(out.read_text())
    assert snapshot["custom_endpoint"] is True and snapshot["accounts"][0]["account_id"] is None
    assert "from a custom endpoint" in result.stdout
    for name in ("thumbnailer", "photos-rest", "photos-http", "orders-000", "photo-uploads", "resize-jobs"):
        assert name in result.stdout
    # moto has no GetAccountSettings: the gap is named, with its reason
    assert "lambda GetAccountSettings: 404 (not_available)" in result.stdout
    assert "gap(s)" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.usefixtures("aws")
def test_pull_as_json_for_scripts():
    result = run_cli("pull", "--region", "ap-northeast-1", "--service", "sqs", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["sections"] == ["sqs"]


@pytest.mark.usefixtures("aws")
def test_pull_with_an_unknown_profile_exits_1_with_the_reason():
    result = run_cli("pull", "--profile", "nobody", "--region", "us-east-1")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: nothing could be read (nobody:")


@pytest.mark.parametrize("region", ["mars-1", "US-EAST-1", "us-east", "us-east-1;rm"])
def test_pull_refuses_a_region_that_is_no_region_code_before_any_call(region):
    result = run_cli("pull", "--region", region)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"error: --region {region!r}: not an AWS Region code (such as us-east-1 or " \
                            "ap-northeast-1)\n"


@pytest.mark.usefixtures("aws")
def test_pull_without_a_region_exits_2(monkeypatch):
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    result = run_cli("pull")
    assert result.returncode == 2 and result.stderr.startswith("error: no region")


def test_show_prints_limits_resources_and_gaps():
    result = run_cli("account", "show", "--account", str(SNAPSHOT))
    assert result.returncode == 0
    assert "lambda_concurrency 10 (Lambda GetAccountSettings)" in result.stdout
    assert "Gaps (0): none" in result.stdout


def test_diff_names_the_lambda_limit_risk():
    result = run_cli("account", "diff", "save_app_data", "--account", str(SNAPSHOT))
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[1]
    assert first.split()[:5] == ["limits", "—", "lambda_concurrency", "1,000", "10"] and "risk" in first
    rows = json.loads(run_cli("account", "diff", "save_app_data", "--account", str(SNAPSHOT), "--format", "json").stdout)
    assert {"component": "handler", "field": "exists", "severity": "info"}.items() <= next(
        r for r in rows if r["component"] == "handler").items()


def test_import_writes_a_design_that_prices(tmp_path):
    out = tmp_path / "design.yaml"
    result = run_cli("account", "import", "--account", str(SNAPSHOT), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "traffic assumption(s) to replace" in result.stderr
    assert estimate_data(load_design_data(out.read_text())).total_usd >= 0
    assert run_cli("validate", str(out)).returncode == 0


def test_import_of_picked_resources_prints_the_design():
    result = run_cli("account", "import", "--account", str(SNAPSHOT), "--pick", "thumbnailer", "--name", "Thumbs")
    assert result.returncode == 0
    design = load_design_data(result.stdout)
    assert design["name"] == "Thumbs" and [c["label"] for c in design["components"]] == ["thumbnailer"]


@pytest.mark.parametrize("name, length", [("", 0), ("   ", 0), ("x" * 121, 121)])
def test_import_refuses_a_name_it_would_drop_or_cut(name, length):
    result = run_cli("account", "import", "--account", str(SNAPSHOT), "--name", name)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"error: --name: {length} characters; a design's name has 1 to 120 (leave --name out " \
                            "for the default)\n"


def test_a_missing_snapshot_exits_2_with_one_line(tmp_path):
    result = run_cli("account", "diff", "save_app_data", "--account", str(tmp_path / "none.json"))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_policy_prints_the_shipped_policy():
    result = run_cli("account", "policy")
    assert result.stdout == (ROOT / "aws" / "iam_policy.json").read_text(encoding="utf-8")


def test_check_with_the_account_uses_its_lambda_limit_and_fails_where_it_should():
    assert run_cli("check", "photo_thumbnails").returncode == 0          # AWS's default 1,000 is plenty
    result = run_cli("check", "photo_thumbnails", "--account", str(SNAPSHOT))
    assert result.returncode == 1                                         # the account's 10 is not
    assert "limit 10 [from your account: Lambda GetAccountSettings]" in result.stdout  # the read it came from


def test_check_with_a_missing_snapshot_exits_2_with_one_line(tmp_path):
    result = run_cli("check", "photo_thumbnails", "--account", str(tmp_path / "none.json"))
    assert result.returncode == 2 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_limits_from_a_snapshot_file_are_marked_as_the_accounts():
    from aws.snapshot import limits_from_snapshot_file

    limits = limits_from_snapshot_file(str(SNAPSHOT), "ap-northeast-1")
    assert limits["lambda_concurrency"] == 10 and "your AWS account" in limits["source"]
