"""CloudFormation/SAM resources that become design components, one reader per resource type.

Each reader takes the logical id and the resource's Properties and returns the `Component` with the
design fields the template fixes. Property meanings:
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html
and https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification.html
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeGuard

from importers import cfn_sfn, kinesis
from importers.common import Component, Unresolved, as_bool, as_float
from importers.context import ImportContext
from importers.intrinsics import intrinsic_name, references
from importers.kms_waf import (  # ---- kms
    cfn_bucket_encryption,
    cfn_queue_encryption,
    cfn_table_encryption,
    read_cfn_key,
    read_cfn_web_acl,
)
from importers.lambda_settings import (
    cfn_architecture,
    given_or,
    managed_instances_note,
    private_fields,
    runtime_fields,
    tracing_field,
)
from importers.s3x_resources import cfn_bucket_lifecycle, read_cfn_alarm, read_cfn_secret

SAM_FUNCTION = "AWS::Serverless::Function"
IMPLICIT_APIS = {"Api": ("ServerlessRestApi", "rest", "AWS::Serverless::Api"),
                 "HttpApi": ("ServerlessHttpApi", "http", "AWS::Serverless::HttpApi")}
API_ID_PROPERTY = {"Api": "RestApiId", "HttpApi": "ApiId"}
#: SAM Globals: lists that a resource replaces instead of appending to
_REPLACED_LISTS = ("Architectures",)


def merge_globals(globals_props: dict, props: dict) -> dict:
    """SAM's Globals rule: the resource wins for values, maps merge, lists are appended.

    >>> merge_globals({"MemorySize": 256, "Environment": {"Variables": {"A": 1}}},
    ...               {"Timeout": 9, "Environment": {"Variables": {"B": 2}}})
    {'MemorySize': 256, 'Environment': {'Variables': {'A': 1, 'B': 2}}, 'Timeout': 9}
    """
    merged = dict(globals_props) if isinstance(globals_props, dict) else {}
    for key, value in props.items():
        current = merged.get(key)
        if _plain_dict(current) and _plain_dict(value):
            merged[key] = merge_globals(current, value)
        elif isinstance(current, list) and isinstance(value, list) and key not in _REPLACED_LISTS:
            merged[key] = current + value
        else:
            merged[key] = value
    return merged


def _plain_dict(value: Any) -> TypeGuard[dict]:
    """A mapping that is not an intrinsic function call."""
    return isinstance(value, dict) and intrinsic_name(value) is None


def read_function(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Serverless::Function / AWS::Lambda::Function: memory, timeout, architecture, concurrency."""
    where = f"Resources.{lid}.Properties"
    if rtype == SAM_FUNCTION:
        props = merge_globals(ctx.globals.get("Function", {}), props)
        _implicit_apis(ctx, lid, props, where)
    fields: dict[str, Any] = {
        "memory_mb": given_or(ctx.number(props, "MemorySize", where=where), 128),
        "timeout_s": given_or(ctx.number(props, "Timeout", where=where), 3),
        "architecture": cfn_architecture(ctx, props, where),
    }
    if props.get("CapacityProviderConfig"):
        ctx.report.notes.append(managed_instances_note(f"Resources.{lid}"))
    # ---- wiring
    fields.update(runtime_fields(ctx, props, where, runtime=("Runtime",), snap_start=("SnapStart", "ApplyOn"),
                                 package_type=("PackageType",)))
    fields.update(tracing_field(ctx, props, where, ("Tracing",), ("TracingConfig", "Mode")))
    fields.update(private_fields(ctx, props, "FunctionName", ("LoggingConfig", "LogGroup"), where))
    # ---- end wiring
    optional = {
        "ephemeral_storage_mb": ctx.number(props, "EphemeralStorage", "Size", where=where),
        "reserved_concurrency": ctx.number(props, "ReservedConcurrentExecutions", where=where),
        "provisioned_concurrency": ctx.number(props, "ProvisionedConcurrencyConfig",
                                              "ProvisionedConcurrentExecutions", where=where),
    }
    fields.update({k: v for k, v in optional.items() if v is not None})
    own = {k: v for k, v in props.items() if k not in ("Events", "CodeUri", "Code", "InlineCode")}
    return Component(lid, "lambda", rtype, lid, fields, frozenset(references(own)))


def _implicit_apis(ctx: ImportContext, lid: str, props: dict, where: str) -> None:
    """SAM creates ServerlessRestApi / ServerlessHttpApi for Api/HttpApi events that name no API."""
    for name, event in ctx.mapping(props, "Events", where=where).items():
        event_type = ctx.value(event, "Type", where=f"{where}.Events.{name}")
        if not isinstance(event_type, str) or event_type not in IMPLICIT_APIS:
            continue
        event_props = ctx.mapping(event, "Properties", where=f"{where}.Events.{name}")
        if API_ID_PROPERTY[event_type] in event_props:
            continue
        key, api, origin = IMPLICIT_APIS[event_type]
        if key not in ctx.found.components:
            ctx.found.add(Component(key, "api_gateway", f"implicit {origin} from {event_type} events", key,
                                    {"api": api}), before=lid)


def read_rest_api(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Serverless::Api / AWS::ApiGateway::RestApi: a REST API (SAM: with its cache)."""
    fields: dict[str, Any] = {"api": "rest"}
    if rtype == "AWS::Serverless::Api":
        props = merge_globals(ctx.globals.get("Api", {}), props)
        cache_gb = cache_size(ctx, props, f"Resources.{lid}.Properties")
        if cache_gb is not None:
            fields["cache_gb"] = cache_gb
    return Component(lid, "api_gateway", rtype, lid, fields)


def cache_size(ctx: ImportContext, props: dict, where: str) -> float | None:
    """A REST API stage cache in GB when CacheClusterEnabled, else None."""
    if not ctx.value(props, "CacheClusterEnabled", where=where, convert=as_bool):
        return None
    return ctx.value(props, "CacheClusterSize", where=where, convert=as_float) or 0.5


def read_http_api(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Serverless::HttpApi: an HTTP API."""
    return Component(lid, "api_gateway", rtype, lid, {"api": "http"})


def read_v2_api(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::ApiGatewayV2::Api: ProtocolType HTTP or WEBSOCKET."""
    protocol = ctx.value(props, "ProtocolType", where=f"Resources.{lid}.Properties")
    fields = {"api": str(protocol).lower()} if str(protocol).upper() in ("HTTP", "WEBSOCKET") else {}
    return Component(lid, "api_gateway", rtype, lid, fields)


def read_table(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::DynamoDB::Table: billing mode and capacity, GSIs, table class, point-in-time recovery."""
    where = f"Resources.{lid}.Properties"
    billing = ctx.value(props, "BillingMode", where=where) or "PROVISIONED"  # CloudFormation's default
    fields: dict[str, Any] = {"billing": "on_demand" if billing == "PAY_PER_REQUEST" else "provisioned"}
    if fields["billing"] == "provisioned":
        fields.update(_capacity(ctx, props, where))
    indexes = ctx.items(props, "GlobalSecondaryIndexes", where=where)
    gsis = [_gsi(ctx, index, fields["billing"], f"{where}.GlobalSecondaryIndexes[{i}]")
            for i, index in enumerate(indexes)]
    if fields["billing"] == "provisioned" and ("rcu" not in fields or None in gsis):
        fields = _fall_back_to_on_demand(ctx, lid, fields)
        gsis = [{"name": _index_name(ctx, index)} for index in indexes]
    if ctx.value(props, "TableClass", where=where) == "STANDARD_INFREQUENT_ACCESS":
        fields["table_class"] = "standard_ia"
    if ctx.value(props, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled", where=where,
                 convert=as_bool):
        fields["pitr"] = True
    if gsis:
        fields["gsis"] = gsis
    cfn_table_encryption(ctx, fields, props, where)  # ---- kms
    return Component(lid, "dynamodb", rtype, lid, fields)


def _capacity(ctx: ImportContext, node: Any, where: str) -> dict[str, int]:
    """{rcu, wcu} from a ProvisionedThroughput block ({} if either is missing or unresolved)."""
    rcu = ctx.number(node, "ProvisionedThroughput", "ReadCapacityUnits", where=where)
    wcu = ctx.number(node, "ProvisionedThroughput", "WriteCapacityUnits", where=where)
    return {"rcu": rcu, "wcu": wcu} if rcu is not None and wcu is not None else {}


def _gsi(ctx: ImportContext, index: Any, billing: str, where: str) -> dict[str, Any] | None:
    """One GSI: its name, and its capacity when the table is provisioned (None if that is unknown)."""
    name = ctx.value(index, "IndexName", where=where) or "index"
    if billing != "provisioned":
        return {"name": str(name)}
    capacity = _capacity(ctx, index, where)
    return {"name": str(name), **capacity} if capacity else None


def _index_name(ctx: ImportContext, index: Any) -> str:
    """A GSI's IndexName (already reported by `_gsi` if it cannot be resolved)."""
    try:
        return str(ctx.resolver.lookup(index, "IndexName") or "index")
    except Unresolved:
        return "index"


def _fall_back_to_on_demand(ctx: ImportContext, lid: str, fields: dict) -> dict:
    """Provisioned capacity the template does not fix cannot be priced as provisioned: say so."""
    ctx.report.unresolved.append(f"Resources.{lid}: provisioned capacity (ProvisionedThroughput) is not "
                                 "known for the table or an index; priced as on_demand until you give rcu/wcu")
    return {k: v for k, v in fields.items() if k not in ("rcu", "wcu")} | {"billing": "on_demand"}


def read_simple_table(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Serverless::SimpleTable: on demand unless ProvisionedThroughput is given."""
    where = f"Resources.{lid}.Properties"
    fields: dict[str, Any] = {"billing": "on_demand"}
    if "ProvisionedThroughput" in props:
        capacity = _capacity(ctx, props, where)
        fields = {"billing": "provisioned", **capacity} if capacity else _fall_back_to_on_demand(ctx, lid, fields)
    return Component(lid, "dynamodb", rtype, lid, fields)


def read_bucket(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::S3::Bucket: encryption and its lifecycle rule (storage class and traffic are usage, assumed later)."""
    fields: dict[str, Any] = {}
    cfn_bucket_encryption(ctx, fields, props, f"Resources.{lid}.Properties")  # ---- kms
    fields.update(cfn_bucket_lifecycle(ctx, lid, props))  # s3x
    return Component(lid, "s3", rtype, lid, fields)


def read_queue(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::SQS::Queue: standard or FIFO."""
    fifo = ctx.value(props, "FifoQueue", where=f"Resources.{lid}.Properties", convert=as_bool)
    fields: dict[str, Any] = {"queue": "fifo" if fifo else "standard"}
    cfn_queue_encryption(ctx, fields, props, f"Resources.{lid}.Properties")  # ---- kms
    return Component(lid, "sqs", rtype, lid, fields)


def read_topic(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::SNS::Topic (deliveries come from its subscriptions)."""
    return Component(lid, "sns", rtype, lid, {})


def read_user_pool(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Cognito::UserPool: the feature plan (UserPoolTier; Essentials is AWS's default)."""
    tier = ctx.value(props, "UserPoolTier", where=f"Resources.{lid}.Properties") or "ESSENTIALS"
    plan = str(tier).lower()
    return Component(lid, "cognito", rtype, lid, {"plan": plan} if plan in ("lite", "essentials", "plus") else {})


def read_distribution(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::CloudFront::Distribution (origins are wired later; refs: the web ACL its WebACLId names)."""
    web_acl = props.get("DistributionConfig", {}).get("WebACLId") if isinstance(props.get("DistributionConfig"),
                                                                                dict) else None
    return Component(lid, "cloudfront", rtype, lid, {}, frozenset(references(web_acl)))


READERS: dict[str, Callable[[ImportContext, str, str, dict], Component | None]] = {
    "AWS::Serverless::Function": read_function, "AWS::Lambda::Function": read_function,
    "AWS::Serverless::Api": read_rest_api, "AWS::ApiGateway::RestApi": read_rest_api,
    "AWS::Serverless::HttpApi": read_http_api, "AWS::ApiGatewayV2::Api": read_v2_api,
    "AWS::DynamoDB::Table": read_table, "AWS::Serverless::SimpleTable": read_simple_table,
    "AWS::S3::Bucket": read_bucket, "AWS::SQS::Queue": read_queue, "AWS::SNS::Topic": read_topic,
    "AWS::Cognito::UserPool": read_user_pool, "AWS::CloudFront::Distribution": read_distribution,
    # ---- kms
    "AWS::KMS::Key": read_cfn_key, "AWS::WAFv2::WebACL": read_cfn_web_acl,
    # ---- end kms
    # ---- sfn
    **cfn_sfn.READERS,
    # ---- end sfn
    # ---- s3x
    "AWS::SecretsManager::Secret": read_cfn_secret, "AWS::CloudWatch::Alarm": read_cfn_alarm,
    "AWS::CloudWatch::CompositeAlarm": read_cfn_alarm,
    # ---- end s3x
}
# ---- kinesis
READERS.update({"AWS::Kinesis::Stream": kinesis.read_cfn_stream,
                "AWS::KinesisFirehose::DeliveryStream": kinesis.read_cfn_hose})
# ---- end kinesis
