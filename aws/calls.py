"""One AWS call a reader (or the price refresh) declares, and the IAM action it needs.

Kept apart from aws/iam.py, which builds the policy from every reader's `CALLS`, so that the readers
and aws/price_list.py can declare calls without importing the module that imports them.
"""

from __future__ import annotations

from dataclasses import dataclass

#: boto3 service name → IAM service prefix
IAM_PREFIX = {
    "lambda": "lambda", "apigateway": "apigateway", "apigatewayv2": "apigateway", "dynamodb": "dynamodb",
    "application-autoscaling": "application-autoscaling", "s3": "s3", "cloudwatch": "cloudwatch", "sqs": "sqs",
    "service-quotas": "servicequotas", "pricing": "pricing", "sts": "sts", "ce": "ce",
    # ---- quotas
    "kinesis": "kinesis",
    # ---- end quotas
}
#: operations whose IAM action is not "<prefix>:<Operation>"
IAM_ACTION_OVERRIDES = {("s3", "ListBuckets"): "s3:ListAllMyBuckets"}
#: API Gateway authorises by HTTP verb on a path; every read here is a GET
HTTP_VERB_SERVICES = {"apigateway", "apigatewayv2"}


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

    >>> (iam_action("lambda", "GetAccountSettings"), iam_action("s3", "ListBuckets"),
    ...  iam_action("apigatewayv2", "GetApis"))
    ('lambda:GetAccountSettings', 's3:ListAllMyBuckets', 'apigateway:GET')
    """
    if (service, operation) in IAM_ACTION_OVERRIDES:
        return IAM_ACTION_OVERRIDES[(service, operation)]
    if service in HTTP_VERB_SERVICES:
        return "apigateway:GET"
    return f"{IAM_PREFIX[service]}:{operation}"
