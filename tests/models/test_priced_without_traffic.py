"""A component whose bill does not depend on traffic is priced from what the user typed: a
provisioned table given only its capacity gets its price, with a note that the readiness checks
need its traffic; a component that bills per request still asks for traffic."""

from __future__ import annotations

import json

import pytest
import yaml

import commands.main as cli
from i18n.engine_ja import say
from service import check_data

TABLE_ONLY = {
    "name": "Just a table",
    "region": "us-east-1",
    "components": [{"id": "orders", "type": "dynamodb", "billing": "provisioned", "rcu": 100, "wcu": 100}],
}


def run_cli(argv, capsys):
    code = cli.main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_estimate_prices_a_table_given_only_its_capacity(tmp_path, capsys):
    path = tmp_path / "table.yaml"
    path.write_text(yaml.safe_dump(TABLE_ONLY), encoding="utf-8")
    code, out, _ = run_cli(["estimate", str(path), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    # by hand (us-east-1): 100 RCU x 730 h = 73,000 RCU-h, less the Price List's free 18,600 = 54,400 x $0.00013
    # = $7.072; 100 WCU likewise 54,400 x $0.00065 = $35.36; total $42.432
    assert doc["total_usd"] == pytest.approx(42.432, abs=1e-6)
    assert any("orders: no traffic given" in w and "readiness checks need its traffic" in w for w in doc["warnings"])


def test_cli_table_output_prints_the_price_and_the_note(tmp_path, capsys):
    path = tmp_path / "table.yaml"
    path.write_text(yaml.safe_dump(TABLE_ONLY), encoding="utf-8")
    code, out, _ = run_cli(["estimate", str(path)], capsys)
    assert code == 0
    assert "Total: USD 42.43 per month" in out
    assert "warning: orders: no traffic given" in out


def test_readiness_warns_that_it_cannot_judge_a_table_no_traffic_reaches():
    report, _ = check_data(TABLE_ONLY)
    flagged = [c for c in report.checks if c.id == "traffic.not_given"]
    assert [(c.component, c.status) for c in flagged] == [("orders", "warn")]
    assert report.worst_status == "warn"


def test_a_design_with_traffic_gets_no_such_note():
    with_traffic = {**TABLE_ONLY, "workload": {"requests_per_month": 1_000_000}}
    report, est = check_data(with_traffic)
    assert not any("no traffic given" in w for w in est.warnings)
    assert not any(c.id == "traffic.not_given" for c in report.checks)


def test_an_on_demand_table_still_needs_traffic(tmp_path, capsys):
    on_demand = {**TABLE_ONLY, "components": [{"id": "orders", "type": "dynamodb", "billing": "on_demand"}]}
    path = tmp_path / "table.yaml"
    path.write_text(yaml.safe_dump(on_demand), encoding="utf-8")
    code, _, err = run_cli(["estimate", str(path)], capsys)
    assert code == 2
    assert "workload.requests_per_month: missing" in err and "orders" in err


def test_the_note_and_the_check_read_in_japanese():
    report, est = check_data(TABLE_ONLY)
    note = next(w for w in est.warnings if "no traffic given" in w)
    assert say(note, "ja").startswith("orders：トラフィックの指定がありません")
    check = next(c for c in report.checks if c.id == "traffic.not_given")
    for text in (check.consequence, check.action, check.limit, check.unit):
        assert say(text, "ja") != text
