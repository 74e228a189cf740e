"""What breaks at N×: the multiplier search on known boundaries, the scaled design, and a Lambda worked out by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import commands.main as cli
from models.checks.scale import first_failures
from models.design.scale import scaled
from models.design.schema import DesignError, parse_design
from service.scale import scale_report

# A Lambda alone, flat traffic, burstiness 1, a fixed 1 s duration, account concurrency 1,000 (AWS's default).
# 26,280,000 requests a month / (730 h × 3,600 s = 2,628,000 s) = 10 requests/s every minute of the month;
# concurrency = rate × duration = 10/s × 1 s = 10 environments (Little's law).
ONE_LAMBDA = {"name": "hand", "region": "us-east-1", "workload": {"requests_per_month": 26_280_000},
              "limits": {"lambda_concurrency": 1000},
              "components": [{"id": "fn", "type": "lambda", "duration_ms": 1000, "timeout_s": 10}]}


def erlang_b(servers: int, load: float) -> float:
    """Erlang B by the textbook recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) (written here, apart
    from the engine's)."""
    blocked = 1.0
    for k in range(1, servers + 1):
        blocked = load * blocked / (k + load * blocked)
    return blocked


def load_at_loss(servers: int, loss: float) -> float:
    """The offered load A (Erlangs) at which Erlang B blocks `loss` of the calls, by halving [0, servers]."""
    low, high = 0.0, float(servers)
    while high - low > 1e-6:
        middle = (low + high) / 2
        low, high = (middle, high) if erlang_b(servers, middle) < loss else (low, middle)
    return high


def test_a_lambda_first_fails_where_erlang_b_loses_one_in_ten_thousand():
    # Peak concurrency reaches the limit at 1,000 / 10 = ×100. The engine fails the concurrency check earlier,
    # when the throttled share reaches 1 in 10,000 (models/checks/base.py FAIL_SHARE): with flat traffic every
    # minute blocks the same share B(1000, 10·m), so the check fails from the m where B(1000, 10·m) = 1e-4.
    # The recursion above gives A* = 904.83 Erlangs, so m* = 904.83 / 10 = ×90.48 (below ×100, as it must be).
    boundary = load_at_loss(1000, 1e-4) / 10
    assert boundary == pytest.approx(90.48, abs=0.01)
    report = scale_report(ONE_LAMBDA, 3.0)
    found = {f.key: f for f in report.first_failures}
    account = found[("lambda.account_concurrency", "(account)")]
    # the answer is the smallest multiplier seen to fail, within 1 % above the boundary; the one below passes
    assert boundary <= account.fails_at <= boundary * 1.01
    assert account.passes_at < boundary
    assert account.fails_at / account.passes_at <= 1.01
    assert found[("lambda.concurrency", "fn")].fails_at == account.fails_at  # the pool is the whole account
    assert report.first_wall.fails_at == account.fails_at
    # nothing else in the design depends on the volume: a flat series never jumps, 1 s never reaches the 10 s timeout
    assert found[("lambda.scaling_rate", "fn")].fails_at is None
    assert found[("lambda.timeout", "fn")].fails_at is None


def test_the_checks_at_three_times_see_three_times_the_concurrency():
    # ×3: 30 requests/s × 1 s = 30 concurrent executions, (1000 − 30) / 1000 = 97 % headroom
    report = scale_report(ONE_LAMBDA, 3.0)
    check = next(c for c in report.readiness.checks if c.id == "lambda.account_concurrency")
    assert check.peak_demand == pytest.approx(30.0)
    assert check.headroom_pct == 97.0


def test_halving_the_account_concurrency_halves_the_wall_about():
    # 500 environments: B(500, A) = 1e-4 at A* (recursion) → m* = A* / 10, somewhat under half of ×90.48
    half = {**ONE_LAMBDA, "limits": {"lambda_concurrency": 500}}
    boundary = load_at_loss(500, 1e-4) / 10
    fails_at = scale_report(half, 1.0).first_wall.fails_at
    assert boundary <= fails_at <= boundary * 1.01
    assert fails_at < 90.48 / 2


def test_a_check_failing_today_is_searched_downwards():
    # 20 environments for 10/s × 1 s: B(20, 10) ≈ 0.0019 ≥ 1e-4 fails now; it passes below A* for 20 servers
    small = {**ONE_LAMBDA, "limits": {"lambda_concurrency": 20}}
    assert erlang_b(20, 10.0) > 1e-4
    boundary = load_at_loss(20, 1e-4) / 10
    wall = scale_report(small, 1.0).first_wall
    assert wall.status_now == "fail" and wall.fails_at < 1
    assert boundary <= wall.fails_at <= boundary * 1.01
    assert wall.headroom_pct < 0


@pytest.mark.parametrize("boundary", [0.37, 1.0, 2.5, 7.3, 640.0])
def test_the_search_finds_a_known_boundary_within_the_tolerance(boundary):
    found, seen = first_failures(lambda m: {("c", "x"): "fail" if m >= boundary else "pass"}, tolerance=0.01)
    [only] = found
    assert boundary <= only.fails_at <= boundary * 1.01
    assert only.monotone
    # doubling to the bracket (≤ 10 steps from ×1 to ×1000) then halving ln 2 down to ln 1.01: ≤ 7 more
    assert len(seen) <= 11 + math.ceil(math.log2(math.log(2) / math.log(1.01)))


def test_a_check_that_never_fails_and_one_that_always_fails():
    found, _ = first_failures(lambda m: {("never", ""): "warn", ("always", ""): "fail"}, min_factor=0.01,
                              max_factor=1000)
    never, always = found
    assert never.fails_at is None and never.headroom_pct is None
    assert always.below_min and always.fails_at == 0.01


def test_a_check_that_fails_only_at_low_traffic_is_marked_not_monotone():
    # like cold starts: rarer as traffic grows, so it fails at ×1 but passes at ×2 (the one look above ×1)
    found, _ = first_failures(lambda m: {("cold", ""): "fail" if 0.5 <= m < 1.5 else "pass"})
    assert not found[0].monotone


def test_scaled_multiplies_traffic_and_keeps_settings():
    design = parse_design({"name": "s", "workload": {"users": {"mau": 1000}}, "components": [
        {"id": "api", "type": "api_gateway"}, {"id": "fn", "type": "lambda", "from": "api", "memory_mb": 512,
                                               "reserved_concurrency": 50, "traces_retrieved_per_month": 10},
        {"id": "t", "type": "dynamodb", "reads_per_month": 200, "billing": "provisioned", "rcu": 5, "wcu": 5},
        {"id": "pool", "type": "cognito", "mau": 300}]})
    big = scaled(design, 2.5)
    assert big.workload.users.mau == 2500
    assert big.component("t").reads_per_month == 500 and big.component("t").rcu == 5
    assert big.component("pool").mau == 750
    fn = big.component("fn")
    assert (fn.memory_mb, fn.reserved_concurrency, fn.traces_retrieved_per_month) == (512, 50, 25)
    assert big.component("t").writes_per_month is None  # not given stays not given
    assert scaled(design, 1) is design


def test_a_scale_out_of_range_is_one_clear_line():
    with pytest.raises(DesignError, match="--scale: 0 is not allowed"):
        scale_report(ONE_LAMBDA, 0)


def test_cli_check_scale_prints_the_first_wall(tmp_path, capsys):
    path = tmp_path / "hand.json"
    path.write_text(json.dumps(ONE_LAMBDA))
    assert cli.main(["check", str(path), "--scale", "3"]) == 0
    out = capsys.readouterr().out
    assert "first wall lambda.account_concurrency · (account) at ×90." in out
    assert cli.main(["check", str(path), "--scale", "95", "--format", "json"]) == 1  # past the wall: fails
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "fail" and doc["scale"]["factor"] == 95
    assert 90.48 <= doc["scale"]["first_wall"]["fails_at"] <= 90.48 * 1.01
    assert cli.main(["check", str(path), "--scale", "5000"]) == 2
    assert "from 0.01 to 1000" in capsys.readouterr().err
    assert cli.main(["check", str(path)]) == 0  # without --scale: the plain check
    assert "What breaks" not in capsys.readouterr().out


def test_cli_check_scale_uses_the_account_snapshot_limits(capsys):
    # the Tokyo snapshot's account concurrency is 10: photo_thumbnails fails today, so its wall lies below ×1,
    # and the statuses at ×1 are the plain `check --account` statuses
    snapshot = str(Path(__file__).resolve().parents[1] / "fixtures" / "aws" / "snapshot_photos_tokyo.json")
    assert cli.main(["check", "photo_thumbnails", "--account", snapshot, "--format", "json"]) == 1
    plain = {(c["id"], c["component"]): c["status"] for c in json.loads(capsys.readouterr().out)["checks"]}
    assert cli.main(["check", "photo_thumbnails", "--account", snapshot, "--scale", "1", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert {(f["id"], f["component"]): f["status_now"] for f in doc["scale"]["first_failures"]} == plain
    assert doc["scale"]["first_wall"]["id"] == "lambda.account_concurrency"
    assert doc["scale"]["first_wall"]["fails_at"] < 1
