"""Numbers in messages and reports are written out in full, never in scientific notation."""

from __future__ import annotations

import pytest

from i18n.engine_ja import say
from models.messages import msg
from models.units import fmt, plain
from render.readiness import readiness_table
from service import check_data


@pytest.mark.parametrize("value, spec, shown", [
    (100.0, ".2g", "100"),                          # Python: 1e+02
    (3_424_657_534.2, ",.6g", "3,424,660,000"),     # Python: 3.42466e+09
    (-3_424_657_534.2, "+,.6g", "-3,424,660,000"),
    (22_434_700.0, ",.6g", "22,434,700"),
    (0.000012, "g", "0.000012"),                    # Python: 1.2e-05
    (1e16, "", "10000000000000000"),                # Python: 1e+16
    (10**20, "g", "100000000000000000000"),
    (2.5, ".2g", "2.5"),                            # unchanged where Python is already plain
    (1234.5, ",.6g", "1,234.5"),
    (0.0042, ".2%", "0.42%"),
    (1.5e-7, ".2e", "1.50e-07"),                    # an explicit exponent is kept
])
def test_plain_writes_numbers_without_an_exponent(value, spec, shown):
    assert plain(value, spec) == shown


def test_fmt_writes_small_quantities_in_full():
    assert fmt(0.00000015) == "0.00000015"


def test_a_message_fills_general_formats_in_full_in_english_and_japanese():
    m = msg("lambda.over_timeout.warning", "{id}: {pct:.2g}% of invocations run past the timeout ({timeout} s) "
            "(billed up to the timeout, then they fail)", id="handler", pct=100.0, timeout=10)
    assert m.startswith("handler: 100% of invocations")
    assert "100%" in say(m, "ja") and "e+" not in say(m, "ja")


def _one_function(duration_ms, timeout_s, requests_per_month, memory_mb=256):
    return {"name": "t", "region": "us-east-1", "workload": {"requests_per_month": requests_per_month},
            "components": [{"id": "handler", "type": "lambda", "memory_mb": memory_mb,
                            "duration_ms": duration_ms, "timeout_s": timeout_s}]}


def test_a_function_that_always_times_out_warns_100_percent():
    _, estimate = check_data(_one_function(20_000, 10, 1_000_000))
    assert "handler: 100% of invocations run past the timeout (10 s) (billed up to the timeout, then they fail)" \
        in estimate.warnings


def test_the_readiness_table_writes_a_huge_peak_and_headroom_in_full():
    # flat traffic: 9,999,999,999,999 / 2,628,000 s = 3,805,175.04 requests/s × 900 s = 3,424,657,534 executions;
    # headroom against 1,000: (1,000 − 3,424,657,534) / 1,000 = −342,465,653 %
    report, _ = check_data(_one_function(900_000, 900, 9_999_999_999_999, memory_mb=10_240))
    line = next(row for row in readiness_table(report).splitlines() if "lambda.account_concurrency" in row)
    assert "peak 3,424,660,000 concurrent executions" in line
    assert "-342,465,653% headroom" in line
    assert "e+" not in readiness_table(report)



def test_a_tiny_timeout_share_keeps_three_significant_digits():
    # 1,000,000 requests; the affected count over them is the share the sentence must show, not "0.0000%"
    report, _ = check_data(_one_function({"p50": 40, "p95": 120, "p99": 300}, 3, 1_000_000))
    check = next(c for c in report.checks if c.id == "lambda.timeout")
    share_pct = check.affected_requests_per_month / 1_000_000 * 100
    assert 0 < share_pct < 0.01
    assert str(check.consequence).startswith(f"{plain(share_pct, '.3g')}% of invocations run past the 3 s timeout")
    assert not str(check.consequence).startswith("0.0000%")
