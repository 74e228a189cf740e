"""Least privilege: the read-only IAM policy is generated from the calls the readers declare.

Each reader lists its `CALLS` (boto3 service, API operation, why, IAM resources); this module maps
them to IAM actions and builds the policy in `aws/iam_policy.json`, so the documented policy
and the code cannot drift (a test compares the file with `policy()` and with the calls a full pull
really makes). Regenerate the file with `python cli.py account policy > aws/iam_policy.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

POLICY_FILE = Path(__file__).with_name("iam_policy.json")

#: boto3 service name → IAM service prefix
IAM_PREFIX = {
    "lambda": "lambda", "apigateway": "apigateway", "apigatewayv2": "apigateway", "dynamodb": "dynamodb",
    "application-autoscaling": "application-autoscaling", "s3": "s3", "cloudwatch": "cloudwatch", "sqs": "sqs",
    "service-quotas": "servicequotas", "pricing": "pricing", "sts": "sts",
}
#: operations whose IAM action is not "<prefix>:<Operation>"
IAM_ACTION_OVERRIDES = {("s3", "ListBuckets"): "s3:ListAllMyBuckets"}
#: API Gateway authorises by HTTP verb on a path; every read here is a GET
HTTP_VERB_SERVICES = {"apigateway", "apigatewayv2"}
#: calls that need no permission (AWS: GetCallerIdentity works even when everything is denied)
NO_PERMISSION_NEEDED = {("sts", "GetCallerIdentity")}


@dataclass(frozen=True)
class Call:
    """One AWS operation a reader makes, why, and the IAM resources it touches."""

    service: str                      # boto3 client name, e.g. "lambda"
    operation: str                    # API operation name, e.g. "GetAccountSettings"
    why: str
    resources: tuple[str, ...] = ("*",)

    @property
    def action(self) -> str:
        """The IAM action this call needs."""
        return iam_action(self.service, self.operation)


def iam_action(service: str, operation: str) -> str:
    """The IAM action for a boto3 service and API operation.

    >>> iam_action("lambda", "GetAccountSettings"), iam_action("s3", "ListBuckets"), iam_action("apigatewayv2", "GetApis")
    ('lambda:GetAccountSettings', 's3:ListAllMyBuckets', 'apigateway:GET')
    """
    if (service, operation) in IAM_ACTION_OVERRIDES:
        return IAM_ACTION_OVERRIDES[(service, operation)]
    if service in HTTP_VERB_SERVICES:
        return "apigateway:GET"
    return f"{IAM_PREFIX[service]}:{operation}"


def declared_calls() -> list[Call]:
    """Every call the account readers and the price refresh declare."""
    from aws.price_list import CALLS as PRICE_CALLS
    from aws.readers import READERS

    calls = [call for reader in READERS.values() for call in reader.CALLS]
    return calls + list(PRICE_CALLS)


def policy(calls: list[Call] | None = None) -> dict:
    """The IAM policy document allowing exactly the declared calls (read-only), one statement per resource set."""
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

