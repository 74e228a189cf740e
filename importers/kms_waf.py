"""KMS keys, SSE-KMS use and AWS WAF web ACLs in CloudFormation/SAM and Terraform.

A bucket, queue or table encrypted with a KMS key gets `kms_key` (the kms component of its key); the key's
reference is recorded while the resources are read (`_kms_ref`, the raw value) and resolved once every
component is known (the key's own wiring), since a template may declare the key after its users. A key the
template does not declare (an ARN or alias string) becomes one `ExternalKmsKey` component whose monthly key fee is
billed where the key lives (keys: 0) and whose requests are this account's; AWS managed keys (`alias/aws/...`,
or SSE-KMS naming no key) become one `AwsManagedKmsKey` (managed_by: aws). A web ACL gets `protects`: the
REST APIs its WebACLAssociation names and the distributions whose WebACLId names it; one that protects
nothing of the template is left out, with a note.
Properties: AWS::S3::Bucket BucketEncryption, AWS::SQS::Queue KmsMasterKeyId/KmsDataKeyReusePeriodSeconds,
AWS::DynamoDB::Table SSESpecification, AWS::WAFv2::WebACL Rules, AWS::WAFv2::WebACLAssociation; Terraform
aws_kms_key, aws_wafv2_web_acl(_association), aws_s3_bucket_server_side_encryption_configuration, aws_sqs_queue
kms_master_key_id, aws_dynamodb_table server_side_encryption.
"""

from __future__ import annotations

from typing import Any

from importers.common import Component, Found, ImportReport, TfModule, as_bool
from importers.context import ImportContext
from models.design.schema import WAF_WINDOWS_S

AWS_MANAGED = "AwsManagedKmsKey"
EXTERNAL = "ExternalKmsKey"
KMS_REF = "_kms_ref"
KMS_ALGORITHMS = ("aws:kms", "aws:kms:dsse")


def _uses_key(ctx: ImportContext, owner: dict, key_value: Any) -> None:
    """Record that `owner` (a component's fields) is encrypted with the key `key_value` refers to (None or an
    `alias/aws/...` name: the service's AWS managed key)."""
    if key_value is None or (isinstance(key_value, str) and key_value.startswith("alias/aws/")):
        if AWS_MANAGED not in ctx.found.components:
            ctx.found.add(Component(AWS_MANAGED, "kms", "AWS managed keys (aws/s3, aws/sqs, aws/dynamodb)",
                                    AWS_MANAGED, {"managed_by": "aws"}))
        owner["kms_key"] = AWS_MANAGED
    else:
        owner[KMS_REF] = key_value


# ---- CloudFormation / SAM

def cfn_bucket_encryption(ctx: ImportContext, fields: dict, props: dict, where: str) -> None:
    """BucketEncryption.ServerSideEncryptionConfiguration[0]: SSE-KMS (its key) and BucketKeyEnabled."""
    rules = ctx.items(props, "BucketEncryption", "ServerSideEncryptionConfiguration", where=where)
    if not rules:
        return
    default = ctx.mapping(rules[0], "ServerSideEncryptionByDefault", where=where)
    if ctx.value(default, "SSEAlgorithm", where=where) not in KMS_ALGORITHMS:
        return
    _uses_key(ctx, fields, ctx.raw(default, "KMSMasterKeyID", where=where))
    if ctx.value(rules[0], "BucketKeyEnabled", where=where, convert=as_bool):
        fields["bucket_key"] = True


def cfn_queue_encryption(ctx: ImportContext, fields: dict, props: dict, where: str) -> None:
    """KmsMasterKeyId and KmsDataKeyReusePeriodSeconds (SQS-managed SSE makes no KMS requests)."""
    if "KmsMasterKeyId" not in props:
        return
    _uses_key(ctx, fields, ctx.raw(props, "KmsMasterKeyId", where=where))
    reuse = ctx.number(props, "KmsDataKeyReusePeriodSeconds", where=where)
    if reuse is not None:
        fields["kms_data_key_reuse_s"] = reuse


def cfn_table_encryption(ctx: ImportContext, fields: dict, props: dict, where: str) -> None:
    """SSESpecification: SSEEnabled with SSEType KMS (an AWS owned key otherwise, no KMS requests)."""
    if not ctx.value(props, "SSESpecification", "SSEEnabled", where=where, convert=as_bool):
        return
    if (ctx.value(props, "SSESpecification", "SSEType", where=where) or "KMS") != "KMS":
        return
    _uses_key(ctx, fields, ctx.raw(props, "SSESpecification", "KMSMasterKeyId", where=where))


def read_cfn_key(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::KMS::Key: one customer managed key."""
    if ctx.value(props, "EnableKeyRotation", where=f"Resources.{lid}.Properties", convert=as_bool):
        ctx.report.notes.append(f"{lid}: automatic rotation is on; each yearly rotation adds a key-month from the "
                                "first rotation (give `rotations`)")
    return Component(lid, "kms", rtype, lid, {"keys": 1})


def read_cfn_web_acl(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::WAFv2::WebACL: its rules (a rule group is one rule) and the tightest rate-based rule."""
    where = f"Resources.{lid}.Properties"
    rules = ctx.items(props, "Rules", where=where)
    fields: dict[str, Any] = {"protects": [], "rules": len(rules)}
    for i, rule in enumerate(rules):
        statement = ctx.mapping(rule, "Statement", "RateBasedStatement", where=f"{where}.Rules[{i}]")
        _rate_rule(ctx, fields, ctx.number(statement, "Limit", where=f"{where}.Rules[{i}]"),
                   ctx.number(statement, "EvaluationWindowSec", where=f"{where}.Rules[{i}]"), f"{where}.Rules[{i}]")
    return Component(lid, "waf", rtype, lid, fields)


def _rate_rule(ctx: ImportContext, fields: dict, limit: int | None, window: int | None, where: str) -> None:
    """Keep the tightest rate-based rule (the lowest limit per second of window); AWS accepts limits of 10 or
    more and windows of 60, 120, 300 or 600 s (others are reported, not read)."""
    if limit is None:
        return
    window = window or 300
    if limit < 10 or window not in WAF_WINDOWS_S:
        ctx.report.unresolved.append(f"{where}: a rate-based rule of {limit} per {window} s is not one AWS accepts "
                                     "(limit ≥ 10; window 60, 120, 300 or 600 s); not read")
        return
    current = fields.get("rate_limit")
    if current is None or limit / window < current / fields["rate_window_s"]:
        fields.update(rate_limit=limit, rate_window_s=window)


def wire_cfn_key(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """The buckets, queues and tables whose key reference names this key."""
    _resolve_key(ctx, lid)


def _resolve_key(ctx: ImportContext, key: str) -> None:
    for comp in ctx.found.components.values():
        if KMS_REF in comp.fields and key in ctx.find_refs(comp.fields[KMS_REF]):
            del comp.fields[KMS_REF]
            comp.fields["kms_key"] = key


def wire_cfn_web_acl(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """Distributions whose DistributionConfig.WebACLId names this web ACL."""
    _protect_distributions(ctx, lid)


def _protect_distributions(ctx: ImportContext, acl: str) -> None:
    protects = ctx.found.components[acl].fields["protects"]
    for comp in ctx.found.components.values():
        if comp.kind == "cloudfront" and acl in comp.refs and comp.key not in protects:
            protects.append(comp.key)


def cfn_association(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::WAFv2::WebACLAssociation: a web ACL on a REST API stage (other resources are not priced)."""
    where = f"Resources.{lid}.Properties"
    acl = ctx.any_target(props.get("WebACLArn"), ("waf",), where)
    api = ctx.any_target(props.get("ResourceArn"), ("api_gateway",), where)
    return _associate(ctx, acl, api, where)


def _associate(ctx: ImportContext, acl: str | None, api: str | None, where: str) -> str:
    if acl is None:
        return "no web ACL of this template; not priced"
    if api is None or ctx.found.components[api].fields.get("api") != "rest":
        ctx.report.notes.append(f"{where}: the web ACL {acl} protects a resource the planner does not price here "
                                "(only CloudFront distributions and REST APIs); its requests are not counted")
        return f"{acl} on a resource not priced"
    protects = ctx.found.components[acl].fields["protects"]
    if api not in protects:
        protects.append(api)
    return f"{acl} protects {api}"


# ---- Terraform

def tf_queue_encryption(ctx: ImportContext, fields: dict, body: dict, key: str) -> None:
    """kms_master_key_id and kms_data_key_reuse_period_seconds."""
    if "kms_master_key_id" not in body:
        return
    _uses_key(ctx, fields, ctx.raw(body, "kms_master_key_id", where=key))
    reuse = ctx.number(body, "kms_data_key_reuse_period_seconds", where=key)
    if reuse is not None:
        fields["kms_data_key_reuse_s"] = reuse


def tf_table_encryption(ctx: ImportContext, fields: dict, body: dict, key: str) -> None:
    """server_side_encryption { enabled, kms_key_arn } (an AWS owned key when not enabled)."""
    if ctx.value(body, "server_side_encryption", 0, "enabled", where=key, convert=as_bool):
        _uses_key(ctx, fields, ctx.raw(body, "server_side_encryption", 0, "kms_key_arn", where=key))


def tf_bucket_encryption(ctx: ImportContext, fields: dict, node: Any, key: str) -> None:
    """A server_side_encryption_configuration's rule: SSE-KMS (its key) and bucket_key_enabled."""
    rule = ctx.raw(node, "rule", 0, where=key)
    default = ctx.raw(rule, "apply_server_side_encryption_by_default", 0, where=key) if rule else None
    if not default or ctx.value(default, "sse_algorithm", where=key) not in KMS_ALGORITHMS:
        return
    _uses_key(ctx, fields, ctx.raw(default, "kms_master_key_id", where=key))
    if ctx.value(rule, "bucket_key_enabled", where=key, convert=as_bool):
        fields["bucket_key"] = True


def read_tf_key(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_kms_key: one customer managed key."""
    if ctx.value(body, "enable_key_rotation", where=key, convert=as_bool):
        ctx.report.notes.append(f"{key}: automatic rotation is on; each yearly rotation adds a key-month from the "
                                "first rotation (give `rotations`)")
    return Component(key, "kms", "aws_kms_key", name, {"keys": 1})


def read_tf_web_acl(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_wafv2_web_acl: its rule blocks and the tightest rate-based rule."""
    rules = ctx.items(body, "rule", where=key)
    fields: dict[str, Any] = {"protects": [], "rules": len(rules)}
    for i, rule in enumerate(rules):
        where = f"{key}.rule[{i}]"
        statement = ctx.raw(rule, "statement", 0, where=where)
        rate = ctx.raw(statement, "rate_based_statement", 0, where=where) if isinstance(statement, dict) else None
        if isinstance(rate, dict):
            _rate_rule(ctx, fields, ctx.number(rate, "limit", where=where),
                       ctx.number(rate, "evaluation_window_sec", where=where), where)
    return Component(key, "waf", "aws_wafv2_web_acl", name, fields)


def wire_tf_key(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    _resolve_key(ctx, key)
    return "KMS key"


def wire_tf_web_acl(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    _protect_distributions(ctx, key)
    return "web ACL"


def tf_association(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_wafv2_web_acl_association: resource_arn names a REST API stage (its rest_api_id is the API)."""
    acl = ctx.any_target(body.get("web_acl_arn"), ("waf",), key)
    target = body.get("resource_arn")
    stages = {f"{t}.{n}": b for t, n, b in module.resources if t == "aws_api_gateway_stage"}
    for ref in sorted(ctx.find_refs(target)):
        if ref in stages:
            target = stages[ref].get("rest_api_id")
    return _associate(ctx, acl, ctx.any_target(target, ("api_gateway",), key), key)


def tf_bucket_sse(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_s3_bucket_server_side_encryption_configuration: the bucket's SSE-KMS."""
    bucket = ctx.any_target(body.get("bucket"), ("s3",), key)
    if bucket is None:
        return "no bucket of this configuration"
    fields = ctx.found.components[bucket].fields
    tf_bucket_encryption(ctx, fields, body, key)
    if KMS_REF in fields:
        _resolve_all(ctx)
    return f"encryption of {bucket}"


def _resolve_all(ctx: ImportContext) -> None:
    for comp in list(ctx.found.components.values()):
        if comp.kind == "kms":
            _resolve_key(ctx, comp.key)


# ---- the design

def finish(found: Found, report: ImportReport) -> None:
    """Before ids are chosen: a web ACL protecting nothing of the template is left out (with a note); key
    references the template does not declare → one ExternalKmsKey."""
    for acl in [c for c in found.components.values() if c.kind == "waf" and not c.fields["protects"]]:
        del found.components[acl.key]
        report.notes.append(f"{acl.key}: a web ACL associated with nothing of the template (no distribution or "
                            "REST API); not priced")
    external = [c.key for c in found.components.values() if KMS_REF in c.fields]
    if not external:
        return
    if EXTERNAL not in found.components:
        found.add(Component(EXTERNAL, "kms", "KMS keys outside the template", EXTERNAL, {"keys": 0}))
    for key in external:
        found.components[key].fields.pop(KMS_REF)
        found.components[key].fields["kms_key"] = EXTERNAL
    report.notes.append(f"{', '.join(external)}: encrypted with a KMS key outside the template; its requests are "
                        f"priced on {EXTERNAL} (keys: 0: the key-month is billed where the key is created)")


def link_ids(entries: list[dict[str, Any]], ids: dict[str, str]) -> list[dict[str, Any]]:
    """`kms_key` and `protects` name design ids (they were read as the template's keys)."""
    for entry in entries:
        if "kms_key" in entry:
            entry["kms_key"] = ids[entry["kms_key"]]
        if entry["type"] == "waf":
            entry["protects"] = [ids[p] for p in entry["protects"]]
    return entries
