"""Pulling live settings against a moto server: complete when everything answers, partial — with
every gap named — when a service is denied, throttled, absent from a region or the credentials expired."""

from __future__ import annotations

import json

import pytest
from account_support import (  # noqa: F401 - aws and moto_url are pytest fixtures
    aws,
    counting,
    factory_with,
    json_error,
    missing_in_moto,
    moto_url,
    populate,
    query_error,
    rest_json_error,
)

from aws import PullSettings, account_limits, gaps, limit_sources, pull, snapshot_facts, snapshot_limits
from aws.snapshot import SnapshotError, region_data

FAST = PullSettings(max_attempts=2, connect_timeout_s=2, read_timeout_s=10)


def complete_pull(**kwargs):
    """A pull with moto's missing operations answered from the fixtures."""
    return pull(regions=["us-east-1"], client_factory=factory_with(missing_in_moto()), **kwargs)


@pytest.mark.usefixtures("aws")
def test_a_full_pull_reads_every_service_without_gaps():
    populate()
    snapshot = complete_pull()
    assert gaps(snapshot) == []
    facts = snapshot_facts(snapshot, "us-east-1")
    assert facts["functions"]["thumbnailer"] | {"runtime": None} == {
        "memory_mb": 1024, "timeout_s": 30, "architecture": "arm64", "ephemeral_storage_mb": 512, "runtime": None,
        "reserved_concurrency": 5, "provisioned_concurrency": 5, "read_complete": True}
    assert facts["functions"]["api-handler"]["reserved_concurrency"] is None
    rest, http = facts["apis"]["photos-rest"], facts["apis"]["photos-http"]
    assert (rest["kind"], rest["stages"], rest["integration_timeouts_ms"], rest["functions"]) == (
        "rest", [{"name": "prod", "throttle_rps": 100.0, "throttle_burst": 50}], [12000], ["api-handler"])
    assert (http["kind"], http["stages"][0]["throttle_rps"], http["integration_timeouts_ms"]) == ("http", 400.0, [15000])
    assert facts["tables"]["Photos"]["billing"] == "on_demand" and facts["tables"]["Photos"]["rcu"] is None
    orders = facts["tables"]["orders-000"]
    assert (orders["billing"], orders["rcu"], orders["wcu"], orders["decreases_today"]) == ("provisioned", 5, 5, 0)
    assert orders["autoscaling"] == [{"resource": "table/orders-000", "dimension": "dynamodb:table:ReadCapacityUnits",
                                      "min": 5, "max": 100, "target_utilization_pct": 70.0}]
    assert facts["buckets"]["photo-uploads"]["object_count"] == 3
    assert facts["queues"]["resize-jobs"]["visibility_timeout_s"] == 180 and facts["queues"]["orders.fifo"]["fifo"]
    plans = region_data(snapshot)["apigateway"]["usage_plans"]["value"]
    assert plans[0]["throttle_rps"] == 5.0 and plans[0]["quota_limit"] == 10000


@pytest.mark.usefixtures("aws")
def test_the_snapshot_limits_are_the_accounts():
    snapshot = complete_pull()
    limits = snapshot_limits(snapshot, "us-east-1")
    # Lambda from GetAccountSettings (a new account's 10); API Gateway and DynamoDB from moto's own answers
    assert limits["lambda_concurrency"] == 10
    assert (limits["api_rps"], limits["api_burst"]) == (10000.0, 5000)
    # KMS, EventBridge and Kinesis from Service Quotas (the recorded GetServiceQuota answers: applied values)
    assert set(limits) == {"lambda_concurrency", "api_rps", "api_burst", "dynamodb_table_read", "dynamodb_table_write",
                           "dynamodb_account_read", "dynamodb_account_write", "kms_symmetric_rps",
                           "eventbridge_put_events_rps", "kinesis_account_shards", "kinesis_on_demand_streams"}
    assert (limits["kms_symmetric_rps"], limits["eventbridge_put_events_rps"]) == (100000, 10000.0)
    sources = limit_sources(snapshot, "us-east-1")
    assert sources["kms_symmetric_rps"] == "Service Quotas L-6E3AF000 (applied)"
    assert sources["kinesis_account_shards"] == "Kinesis DescribeLimits"  # the service's own answer wins


@pytest.mark.usefixtures("aws")
def test_the_snapshot_is_json_and_holds_no_account_id_or_keys():
    populate()
    text = json.dumps(complete_pull())
    assert "123456789012" not in text and "testing" not in text and "arn:aws" not in text
    assert json.loads(text)["accounts"][0]["account_id"] is None


@pytest.mark.usefixtures("aws")
def test_the_account_id_is_kept_only_when_asked():
    assert complete_pull(include_account_id=True)["accounts"][0]["account_id"] == "123456789012"


@pytest.mark.usefixtures("aws")
def test_pagination_reads_all_120_tables():
    populate(tables=120)  # ListTables returns at most 100 names per page
    snapshot = pull(regions=["us-east-1"], sections=["dynamodb"])
    tables = region_data(snapshot)["dynamodb"]["tables"]["value"]
    assert len(tables) == 120 and all("value" in t["table"] for t in tables)


@pytest.mark.usefixtures("aws")
def test_without_moto_fillers_the_gaps_are_named_not_hidden():
    populate()
    snapshot = pull(regions=["us-east-1"], sections=["lambda"], settings=FAST)
    found = {(g["operation"], g["code"], g["kind"], g.get("item")) for g in gaps(snapshot)}
    assert ("GetAccountSettings", "404", "not_available", None) in found
    assert ("ListProvisionedConcurrencyConfigs", "404", "not_available", "thumbnailer") in found
    assert len(snapshot_facts(snapshot)["functions"]) == 2  # the rest of the service is still there
    assert "lambda_concurrency" not in snapshot_limits(snapshot, "us-east-1")


@pytest.mark.usefixtures("aws")
def test_access_denied_on_one_service_keeps_the_rest():
    populate()
    denied = {("dynamodb", op): lambda request, region: json_error(
        "com.amazonaws.dynamodb.v20120810#AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: dynamodb:ListTables")
        for op in ("DescribeLimits", "ListTables")}
    snapshot = pull(regions=["us-east-1"], client_factory=factory_with(missing_in_moto() | denied))
    found = gaps(snapshot)
    assert {(g["service"], g["operation"], g["code"], g["kind"]) for g in found} == {
        ("dynamodb", "DescribeLimits", "AccessDeniedException", "access_denied"),
        ("dynamodb", "ListTables", "AccessDeniedException", "access_denied")}
    assert all("123456789012" not in g["message"] for g in found)
    facts = snapshot_facts(snapshot)
    assert facts["tables"] == {} and len(facts["functions"]) == 2 and len(facts["apis"]) == 2
    # DescribeLimits was denied: the table limit falls back to the applied Service Quota
    assert account_limits(snapshot, "us-east-1")["dynamodb_table_read"].source == "Service Quotas L-CF0CBE56 (applied)"


@pytest.mark.usefixtures("aws")
def test_throttling_then_success_reads_everything():
    populate()
    answers = iter([rest_json_error("TooManyRequestsException", "Rate exceeded", 429)] * 2)
    throttle, calls = counting(lambda request, region: next(answers, None))
    snapshot = pull(regions=["us-east-1"], sections=["lambda"], settings=PullSettings(max_attempts=4),
                    client_factory=factory_with(missing_in_moto() | {("lambda", "ListFunctions"): throttle}))
    assert len(calls) == 3  # two throttled answers, then moto's
    assert gaps(snapshot) == [] and len(snapshot_facts(snapshot)["functions"]) == 2


@pytest.mark.usefixtures("aws")
def test_throttling_that_outlasts_the_retries_is_a_gap():
    throttle, calls = counting(lambda request, region: json_error("ThrottlingException", "Rate exceeded"))
    snapshot = pull(regions=["us-east-1"], sections=["sqs"], settings=FAST,
                    client_factory=factory_with({("sqs", "ListQueues"): throttle}))
    assert len(calls) == 2
    assert [(g["operation"], g["kind"]) for g in gaps(snapshot)] == [("ListQueues", "throttled")]


@pytest.mark.usefixtures("aws")
def test_a_region_without_the_service_is_a_gap_for_that_region_only():
    populate()
    closed = "http://127.0.0.1:9"  # nothing listens on the discard port: like a hostname that does not exist
    snapshot = pull(regions=["us-east-1", "ap-northeast-3"], sections=["apigatewayv2", "sqs"], settings=FAST,
                    client_factory=factory_with({}, endpoints={("apigatewayv2", "ap-northeast-3"): closed}))
    assert [(g["region"], g["service"], g["code"], g["kind"]) for g in gaps(snapshot)] == [
        ("ap-northeast-3", "apigatewayv2", "EndpointConnectionError", "unreachable")]
    assert len(snapshot_facts(snapshot, "us-east-1")["apis"]) == 1
    assert region_data(snapshot, "ap-northeast-3")["sqs"]["queues"] == {"value": []}


@pytest.mark.usefixtures("aws")
def test_expired_credentials_give_one_gap_and_no_reads():
    expired = {("sts", "GetCallerIdentity"): lambda request, region: query_error(
        "ExpiredToken", "The security token included in the request is expired")}
    snapshot = pull(regions=["us-east-1"], client_factory=factory_with(expired))
    assert [(g["operation"], g["code"], g["kind"]) for g in gaps(snapshot)] == [
        ("GetCallerIdentity", "ExpiredToken", "credentials")]
    assert snapshot["accounts"][0]["regions"] == {}


@pytest.mark.usefixtures("aws")
def test_credentials_expiring_mid_pull_are_gaps_of_kind_credentials():
    expired = {("sqs", "ListQueues"): lambda request, region: json_error("ExpiredTokenException", "expired", 403)}
    snapshot = pull(regions=["us-east-1"], sections=["sqs"], client_factory=factory_with(expired))
    assert [(g["code"], g["kind"]) for g in gaps(snapshot)] == [("ExpiredTokenException", "credentials")]


@pytest.mark.usefixtures("aws")
def test_several_profiles_are_several_accounts(tmp_path, monkeypatch):
    populate()
    config = tmp_path / "config"
    config.write_text("[profile audit-a]\nregion = us-east-1\n[profile audit-b]\nregion = us-east-1\n")
    creds = tmp_path / "credentials"
    creds.write_text("[audit-a]\naws_access_key_id = a\naws_secret_access_key = a\n"
                     "[audit-b]\naws_access_key_id = b\naws_secret_access_key = b\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(creds))
    snapshot = pull(["audit-a", "audit-b", "nobody"], ["us-east-1"], sections=["sqs"])
    assert [a["label"] for a in snapshot["accounts"]] == ["audit-a", "audit-b", "nobody"]
    assert len(snapshot_facts(snapshot, "us-east-1", "audit-b")["queues"]) == 2
    assert [(g["account"], g["code"]) for g in gaps(snapshot)] == [("nobody", "ProfileNotFound")]


@pytest.mark.usefixtures("aws")
def test_progress_is_reported_for_every_read():
    seen = []
    pull(regions=["us-east-1", "ap-northeast-1"], sections=["sqs", "s3"], progress=lambda d, t, w: seen.append((d, t)))
    assert seen[-1] == (4, 4) and len(seen) == 4


@pytest.mark.usefixtures("aws")
def test_no_region_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    with pytest.raises(SnapshotError, match="no region"):
        pull()


@pytest.mark.usefixtures("aws")
def test_aws_region_is_honoured_like_other_sdks_do(monkeypatch):
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    monkeypatch.setenv("AWS_REGION", "ap-northeast-1")
    assert pull(sections=["sqs"])["regions"] == ["ap-northeast-1"]


@pytest.mark.usefixtures("aws")
def test_a_broken_reader_costs_its_section_only(monkeypatch):
    from aws.readers import READERS

    def broken(ctx):
        raise RuntimeError("bug")
    monkeypatch.setattr(READERS["sqs"], "read", broken)
    snapshot = pull(regions=["us-east-1"], sections=["sqs", "s3"])
    assert [(g["service"], g["code"]) for g in gaps(snapshot)] == [("sqs", "ReaderError")]
    assert region_data(snapshot)["s3"]["buckets"] == {"value": []}
