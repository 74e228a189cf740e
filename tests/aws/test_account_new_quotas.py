"""The newer services' quotas read from a live account: KMS's shared symmetric request rate (L-6E3AF000) and
EventBridge's PutEvents rate (L-9B653E91) come from Service Quotas, applied value first, else AWS's default, and
flip the readiness checks at hand-worked peaks; the reports name the read each value came from.

The account is moto's (ThreadedMotoServer on 127.0.0.1, real boto3 clients) with the operations moto lacks
answered at botocore's before-send hook from the model-checked fixtures (account_support.missing_in_moto);
moto's Service Quotas knows none of these codes, so the tests give GetServiceQuota its answer per case.

Hand-worked (tests/models/test_kms_waf.py and test_sfn_eventbridge.py work the same designs):
- KMS: 25,000 SSE-KMS PUT/s flat in Tokyo, busiest second 25,000 + 2.3193 × √25,000 = 25,366.7 requests/s.
  Tokyo's default quota is 20,000: fail. Raised to 50,000 (applied): 51 % of it, pass. Lowered to 15,000: fail.
- EventBridge: 1,000 events/s with five minutes at 2,000/s in Tokyo. The default 1,200 requests/s throttles
  5 × 60 × (2,000 − 1,200) − 1,200 (one second's bucket) = 238,800 a month; raised to 2,500, nothing.
"""

from __future__ import annotations

import json

import pytest
import yaml
from account_support import aws, factory_with, missing_in_moto, moto_url, response  # noqa: F401  (fixtures)

import commands.main as cli
from aws import limit_sources, pull, snapshot_limits
from aws.snapshot import save_snapshot
from service.plan import plan

REGION = "ap-northeast-1"
MONTH_S = 2_628_000
KMS_DESIGN = {"name": "uploads", "region": REGION, "workload": {"requests_per_month": MONTH_S * 25_000},
              "components": [{"id": "uploads", "type": "s3", "prefixes": 10, "kms_key": "key", "bucket_key": False},
                             {"id": "key", "type": "kms"}]}
BUS_DESIGN = {"name": "orders", "region": REGION,
              "workload": {"requests_per_month": 1000 * MONTH_S,
                           "spikes": [{"day": 3, "at": "09:00", "minutes": 5, "multiplier": 2}]},
              "components": [{"id": "bus", "type": "eventbridge"}]}


def quota_answer(code: str, value: float) -> dict:
    """A GetServiceQuota answer in the service's shape (validated by botocore when parsed)."""
    service = {"L-6E3AF000": "kms", "L-9B653E91": "events"}.get(code, "lambda")
    return {"Quota": {"ServiceCode": service, "QuotaCode": code, "QuotaName": code, "Value": value,
                      "Unit": "None", "Adjustable": True, "GlobalQuota": False,
                      "QuotaArn": f"arn:aws:servicequotas:{REGION}:123456789012:{service}/{code}"}}


def account(applied: dict[str, float | None], defaults: dict[str, float] | None = None) -> dict:
    """A pull of moto's account in Tokyo where GetServiceQuota gives `applied` (None: no applied value, as AWS
    answers NoSuchResourceException for a quota never changed) and ListAWSDefaultServiceQuotas `defaults`."""
    handlers = missing_in_moto()
    recorded_quota = handlers[("service-quotas", "GetServiceQuota")]
    recorded_defaults = handlers[("service-quotas", "ListAWSDefaultServiceQuotas")]

    def quota(request, region):
        code = json.loads(request.body)["QuotaCode"]
        if code not in applied:
            return recorded_quota(request, region)
        if applied[code] is None:
            return response(400, {"__type": "NoSuchResourceException", "message": "The quota has no applied value"})
        return response(200, quota_answer(code, applied[code]))

    def default_quotas(request, region):
        service = json.loads(request.body)["ServiceCode"]
        codes = {code: value for code, value in (defaults or {}).items()
                 if quota_answer(code, 0)["Quota"]["ServiceCode"] == service}
        if not codes:
            return recorded_defaults(request, region)
        return response(200, {"Quotas": [quota_answer(code, value)["Quota"] for code, value in codes.items()]})

    handlers[("service-quotas", "GetServiceQuota")] = quota
    handlers[("service-quotas", "ListAWSDefaultServiceQuotas")] = default_quotas
    return pull(regions=[REGION], client_factory=factory_with(handlers))


def checked(design: dict, snapshot: dict, check_id: str):
    data = dict(design, limits={**snapshot_limits(snapshot, REGION), "source": "account (test)",
                                "sources": limit_sources(snapshot, REGION)})
    [found] = [c for c in plan(data).readiness["expected"].checks if c.id == check_id]
    return found


@pytest.mark.usefixtures("aws")
def test_a_raised_kms_quota_passes_what_the_default_fails_and_says_it_came_from_the_account():
    default = [c for c in plan(KMS_DESIGN).readiness["expected"].checks if c.id == "kms.request_quota"][0]
    assert (default.limit_value, default.status, default.from_account) == (20_000, "fail", False)
    raised = checked(KMS_DESIGN, account({"L-6E3AF000": 50_000}), "kms.request_quota")
    assert (raised.limit_value, raised.status, raised.affected_requests_per_month) == (50_000, "pass", 0)
    assert raised.peak_demand == pytest.approx(25_000 + 2.3193 * 25_000 ** 0.5, abs=0.01)
    assert raised.from_account and raised.limit_read == "Service Quotas L-6E3AF000 (applied)"
    lowered = checked(KMS_DESIGN, account({"L-6E3AF000": 15_000}), "kms.request_quota")
    assert (lowered.limit_value, lowered.status) == (15_000, "fail")
    assert lowered.affected_requests_per_month == pytest.approx(10_000 * MONTH_S - 15_000, rel=1e-9)


@pytest.mark.usefixtures("aws")
def test_without_an_applied_value_the_regions_aws_default_is_used_and_named():
    snapshot = account({"L-6E3AF000": None}, defaults={"L-6E3AF000": 20_000})
    assert snapshot_limits(snapshot, REGION)["kms_symmetric_rps"] == 20_000
    assert limit_sources(snapshot, REGION)["kms_symmetric_rps"] == "Service Quotas L-6E3AF000 (AWS default)"
    found = checked(KMS_DESIGN, snapshot, "kms.request_quota")
    assert (found.limit_value, found.status) == (20_000, "fail")
    assert found.limit_read == "Service Quotas L-6E3AF000 (AWS default)"


@pytest.mark.usefixtures("aws")
def test_a_raised_put_events_quota_removes_the_throttling_the_tokyo_default_predicts():
    default = [c for c in plan(BUS_DESIGN).readiness["expected"].checks if c.id == "eventbridge.put_events"][0]
    assert default.limit_value == 1200
    assert default.affected_requests_per_month == pytest.approx(5 * 60 * (2000 - 1200) - 1200, abs=0.5)
    raised = checked(BUS_DESIGN, account({"L-9B653E91": 2_500}), "eventbridge.put_events")
    assert (raised.limit_value, raised.affected_requests_per_month) == (2_500, 0)
    assert raised.limit_read == "Service Quotas L-9B653E91 (applied)"


@pytest.mark.usefixtures("aws")
def test_the_cli_check_with_the_account_names_the_read(tmp_path, capsys):
    snapshot_path, design_path = tmp_path / "account.json", tmp_path / "uploads.yaml"
    save_snapshot(account({"L-6E3AF000": 15_000}), snapshot_path)
    design_path.write_text(yaml.safe_dump(KMS_DESIGN), encoding="utf-8")
    assert cli.main(["check", str(design_path), "--account", str(snapshot_path)]) == 1
    [line] = [line for line in capsys.readouterr().out.splitlines() if "kms.request_quota" in line]
    assert line.startswith("[FAIL]")
    assert "limit 15,000 [from your account: Service Quotas L-6E3AF000 (applied)]" in line

