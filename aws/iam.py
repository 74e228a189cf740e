"""Least privilege: the read-only IAM policy is generated from the calls the readers declare.

Each reader lists its `CALLS` (boto3 service, API operation, why, IAM resources); this module maps
them to IAM actions and builds the policy in `aws/iam_policy.json`, so the documented policy
and the code cannot drift (a test compares the file with `policy()` and with the calls a full pull
really makes). Regenerate the file with `python cli.py account policy > aws/iam_policy.json`.
"""

from __future__ import annotations

import json
from pathlib import Path

from aws.calls import Call, iam_action  # noqa: F401 - re-exported: the policy's vocabulary
from aws.cost_explorer import CALLS as COST_CALLS
from aws.observe import CALLS as OBSERVE_CALLS
from aws.price_list import CALLS as PRICE_CALLS
from aws.readers import READERS

POLICY_FILE = Path(__file__).with_name("iam_policy.json")

#: calls that need no permission (AWS: GetCallerIdentity works even when everything is denied)
NO_PERMISSION_NEEDED = {("sts", "GetCallerIdentity")}


def declared_calls() -> list[Call]:
    """Every call the account readers, the price refresh, `reconcile` (Cost Explorer) and `observe` (CloudWatch
    metrics) declare."""
    calls = [call for reader in READERS.values() for call in reader.CALLS]
    return calls + list(PRICE_CALLS) + list(COST_CALLS) + list(OBSERVE_CALLS)


def policy(calls: list[Call] | None = None) -> dict:
    """The IAM policy document allowing exactly the declared calls (read-only), one statement per resource set.

    >>> calls = [Call("lambda", "GetAccountSettings", "limits"), Call("s3", "ListBuckets", "buckets")]
    >>> policy(calls)["Statement"][0]["Action"]
    ['lambda:GetAccountSettings', 's3:ListAllMyBuckets']
    """
    by_resources: dict[tuple[str, ...], set[str]] = {}
    for call in calls if calls is not None else declared_calls():
        if (call.service, call.operation) in NO_PERMISSION_NEEDED:
            continue
        by_resources.setdefault(tuple(sorted(call.resources)), set()).add(call.action)
    statements = []
    for resources, actions in sorted(by_resources.items(), key=lambda kv: (kv[0] != ("*",), kv[0])):
        sid = "ReadServerlessSettings" if resources == ("*",) else "ReadApiGatewayConfiguration"
        statements.append({"Sid": sid, "Effect": "Allow", "Action": sorted(actions),
                           "Resource": list(resources) if len(resources) > 1 else resources[0]})
    return {"Version": "2012-10-17", "Statement": statements}


def policy_text(calls: list[Call] | None = None) -> str:
    """The policy as the JSON text stored in aws/iam_policy.json."""
    return json.dumps(policy(calls), indent=2) + "\n"

