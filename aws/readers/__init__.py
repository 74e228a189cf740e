"""One reader per service. Each module has SECTION (its key in a snapshot region), CALLS (the AWS
operations it makes, from which the IAM policy is generated) and `read(ctx) -> {name: read}`.
"""

from __future__ import annotations

from types import ModuleType

from aws.readers import (
    apigateway,
    apigatewayv2,
    dynamodb,
    kinesis,  # ---- quotas
    lambda_functions,
    s3,
    service_quotas,
    sqs,
)

#: snapshot section → reader module, in the order sections are shown
READERS: dict[str, ModuleType] = {m.SECTION: m for m in (
    lambda_functions, apigateway, apigatewayv2, dynamodb, s3, sqs, service_quotas,
    kinesis,  # ---- quotas
)}
