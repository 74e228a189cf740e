"""Using a snapshot: the design's limits, differences against a design, a design imported from it —
all pure functions over a recorded snapshot (tests/fixtures/aws/snapshot_photos_tokyo.json)."""

from __future__ import annotations

import copy
import json

import pytest
from account_support import FIXTURES

from aws import (
    ImportProblem,
    SnapshotError,
    account_diff,
    account_limits,
    import_design,
    load_snapshot,
    parse_snapshot,
    snapshot_limits,
)
from aws.naming import component_id
from models.design.schema import Design, parse_design
from models.design.text import load_design_data
from service import estimate_data

TOKYO = "ap-northeast-1"
DESIGN = """
name: Photos
region: ap-northeast-1
workload: {requests_per_month: 1000000}
components:
  - {id: photos-http, type: api_gateway, api: http}
  - {id: api-handler, type: lambda, from: photos-http, memory_mb: 512, timeout_s: 10}
  - {id: thumbnailer, type: lambda, from: photos-http, memory_mb: 1024, architecture: arm64, timeout_s: 30,
     reserved_concurrency: 5, provisioned_concurrency: 5}
  - {id: photos, label: Photos, type: dynamodb, from: api-handler, billing: provisioned, rcu: 10, wcu: 10}
  - {id: orders-000, type: dynamodb, from: api-handler, billing: provisioned, rcu: 5, wcu: 5}
  - {id: jobs, label: resize-jobs, type: sqs, from: api-handler}
  - {id: resizer, type: lambda, from: jobs}
"""


@pytest.fixture
def snapshot():
    return load_snapshot(FIXTURES / "snapshot_photos_tokyo.json")


def rows(differences, component):
    return {(d.field, d.design, d.account, d.severity) for d in differences if d.component == component}


def test_snapshot_limits_are_the_design_keys_that_were_read(snapshot):
    limits = snapshot_limits(snapshot, TOKYO)
    assert limits["lambda_concurrency"] == 10 and limits["api_rps"] == 10000.0 and limits["api_burst"] == 5000
    assert set(limits) == {"lambda_concurrency", "api_rps", "api_burst", "dynamodb_table_read", "dynamodb_table_write",
                           "dynamodb_account_read", "dynamodb_account_write"}  # never lambda_unreserved_min
    assert isinstance(limits["lambda_concurrency"], int) and isinstance(limits["api_rps"], float)
    assert account_limits(snapshot, TOKYO)["lambda_concurrency"].source == "Lambda GetAccountSettings"


def test_limits_fall_back_to_service_quotas_when_the_service_api_failed(snapshot):
    broken = copy.deepcopy(snapshot)
    broken["accounts"][0]["regions"][TOKYO]["lambda"]["account_settings"] = {"error": {
        "service": "lambda", "region": TOKYO, "operation": "GetAccountSettings", "code": "AccessDeniedException",
        "kind": "access_denied", "message": "denied"}}
    fact = account_limits(broken, TOKYO)["lambda_concurrency"]
    assert (fact.value, fact.source) == (10, "Service Quotas L-B99A9384 (applied)")


def test_the_limits_fit_the_design_limits_block(snapshot):
    if "limits" not in Design.model_fields:
        pytest.skip("the design format has no limits block yet")
    data = load_design_data(DESIGN) | {"limits": snapshot_limits(snapshot, TOKYO)}
    assert parse_design(data).limits.lambda_concurrency == 10


def test_the_diff_flags_the_accounts_low_lambda_concurrency_as_a_risk(snapshot):
    differences = account_diff(load_design_data(DESIGN), snapshot)
    limit = next(d for d in differences if d.field == "lambda_concurrency")
    assert (limit.component, limit.design, limit.account, limit.severity) == ("limits", 1000, 10, "risk")
    assert "GetAccountSettings" in limit.note


def test_the_diff_compares_each_matched_component(snapshot):
    differences = account_diff(load_design_data(DESIGN), snapshot)
    assert rows(differences, "api-handler") == {("memory_mb", 512, 256, "differs")}
    assert rows(differences, "thumbnailer") == set()
    assert rows(differences, "photos") == {("billing", "provisioned", "on_demand", "differs")}
    assert {r[0] for r in rows(differences, "orders-000")} == {"autoscaling"}
    assert rows(differences, "photos-http") == {("stage_rps", None, 400.0, "risk")}
    assert rows(differences, "jobs") == set()
    assert rows(differences, "resizer") == {("exists", True, False, "info")}


def test_the_diff_warns_when_todays_capacity_decreases_are_nearly_used(snapshot):
    busy = copy.deepcopy(snapshot)
    tables = busy["accounts"][0]["regions"][TOKYO]["dynamodb"]["tables"]["value"]
    next(t for t in tables if t["name"] == "orders-000")["table"]["value"]["decreases_today"] = 24
    found = rows(account_diff(load_design_data(DESIGN), busy), "orders-000")
    assert ("decreases_today", None, 24, "risk") in found


def test_a_design_limit_block_is_what_the_diff_compares_against(snapshot):
    if "limits" not in Design.model_fields:
        pytest.skip("the design format has no limits block yet")
    data = load_design_data(DESIGN) | {"limits": {"lambda_concurrency": 10}}
    assert not [d for d in account_diff(data, snapshot) if d.field == "lambda_concurrency"]


def test_an_imported_design_is_valid_and_priced(snapshot):
    imported = import_design(snapshot, TOKYO)
    design = parse_design(imported.data)
    kinds = [c.type for c in design.components]
    assert kinds == ["api_gateway"] * 2 + ["lambda"] * 2 + ["dynamodb"] * 3 + ["s3"] + ["sqs"] * 2
    assert estimate_data(imported.data).total_usd >= 0
    by_label = {c.label: c for c in design.components}
    assert by_label["api-handler"].from_ == "photos-rest"            # wired from the API that invokes it
    assert by_label["thumbnailer"].invocations_per_month == 0         # not behind an API: a placeholder
    assert (by_label["thumbnailer"].memory_mb, by_label["thumbnailer"].reserved_concurrency,
            by_label["thumbnailer"].provisioned_concurrency) == (1024, 5, 5)
    assert (by_label["orders-000"].billing, by_label["orders-000"].rcu) == ("provisioned", 5)
    assert by_label["Photos"].billing == "on_demand" and by_label["Photos"].id == "photos"
    assert by_label["orders.fifo"].queue == "fifo"


def test_the_imported_traffic_is_marked_as_assumptions(snapshot):
    imported = import_design(snapshot, TOKYO)
    assert imported.assumptions[0].startswith("workload.requests_per_month")
    assert any(a.startswith("thumbnailer.invocations_per_month") for a in imported.assumptions)
    text = imported.yaml_text()
    assert "ASSUMPTIONS" in text and "#   - workload.requests_per_month" in text
    assert "assumptions to replace" in imported.data["description"]
    assert parse_design(load_design_data(text)).name == imported.data["name"]  # comments do not break the file


def test_the_imported_design_carries_the_accounts_limits(snapshot):
    if "limits" not in Design.model_fields:
        pytest.skip("the design format has no limits block yet")
    limits = import_design(snapshot, TOKYO).data["limits"]
    assert limits["lambda_concurrency"] == 10 and "account" in limits["source"]


def test_the_diff_of_an_imported_design_has_no_setting_differences(snapshot):
    differences = account_diff(import_design(snapshot, TOKYO).data, snapshot)
    assert [d for d in differences if d.severity != "info"] == []


def test_pick_imports_only_the_named_resources(snapshot):
    imported = import_design(snapshot, TOKYO, pick=["thumbnailer", "Photos"])
    assert [c["label"] for c in imported.data["components"]] == ["thumbnailer", "Photos"]
    with pytest.raises(ImportProblem, match="nothing to import"):
        import_design(snapshot, TOKYO, pick=["nope"])


def test_more_resources_than_a_design_holds_asks_for_a_pick(snapshot):
    big = copy.deepcopy(snapshot)
    functions = big["accounts"][0]["regions"][TOKYO]["lambda"]["functions"]["value"]
    functions += [dict(functions[1], name=f"fn-{i}") for i in range(50)]
    with pytest.raises(ImportProblem, match="at most 50"):
        import_design(big, TOKYO)


def test_resources_outside_the_priced_regions_import_into_us_east_1_with_a_note(snapshot):
    moved = json.loads(json.dumps(snapshot).replace(TOKYO, "eu-west-1"))
    imported = import_design(moved)
    assert imported.data["region"] == "us-east-1" and "eu-west-1" in imported.notes[0]


def test_component_ids_are_valid_and_unique():
    assert component_id("My.Table_1") == "my-table_1" and len(component_id("x" * 90)) == 40
    assert component_id("Orders", {"orders", "orders-2"}) == "orders-3"
    assert component_id("x" * 90, {"x" * 40}) == "x" * 38 + "-2"


@pytest.mark.parametrize("text, message", [
    ("not json", "not a JSON snapshot"),
    ('{"schema": "something else"}', "not an account snapshot"),
    ('{"schema": "serverless-planner/account-snapshot@1"}', "no 'accounts' list"),
])
def test_a_file_that_is_not_a_snapshot_is_refused_in_one_line(text, message):
    with pytest.raises(SnapshotError, match=message):
        parse_snapshot(text)


def test_a_region_that_was_not_read_is_named(snapshot):
    with pytest.raises(SnapshotError, match="region 'us-east-1' was not read"):
        snapshot_limits(snapshot, "us-east-1")
