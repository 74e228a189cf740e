"""Terraform AWS resources: readers for those that become components, and the wiring resources.

Readers take (context, address, name, body) and return a `Component`; wiring functions take
(context, address, body, module) and return a line for the report (None for a component whose
own wiring — dead-letter queue, origins — is read after all components are known).
Attributes: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from importers import kinesis, tf_sfn
from importers.cdn_behaviours import tf_behaviours
from importers.common import Component, TfModule, architecture, as_bool, as_float
from importers.context import (
    ImportContext,
    add_provisioned_concurrency,
    add_schedule,
    subscribe,
    wire_event_source,
    wire_integration,
    wire_origin,
)
from importers.dns_mail import TF_RECORDS, TF_SENDING, TF_ZONES, tf_route53_part, tf_ses_part
from importers.kms_waf import (  # ---- kms
    read_tf_key,
    read_tf_web_acl,
    tf_association,
    tf_bucket_encryption,
    tf_bucket_sse,
    tf_queue_encryption,
    tf_table_encryption,
    wire_tf_key,
    wire_tf_web_acl,
)
from importers.lambda_settings import (
    given_or,
    managed_instances_note,
    mark_failure_target,
    private_fields,
    runtime_fields,
    tf_event_invoke_config,
    tf_log_group,
    tracing_field,
)
from importers.s3x_resources import (
    read_tf_alarm,
    read_tf_secret,
    tf_bucket_inline_lifecycle,
    tf_lifecycle_configuration,
    tf_log_group_or_alone,
)
from importers.service_links import service_integration, tf_authorizer, tf_function_url
from importers.stream_settings import TF_BATCH_KEYS, read_batching
from importers.table_extras import tf_replicas, tf_scaling_target

NO_CHARGE = frozenset({
    "aws_lambda_permission", "aws_lambda_alias", "aws_lambda_layer_version", "aws_iam_role", "aws_iam_policy",
    "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_api_gateway_resource", "aws_api_gateway_method",
    "aws_api_gateway_deployment", "aws_api_gateway_method_response", "aws_api_gateway_integration_response",
    "aws_apigatewayv2_route", "aws_apigatewayv2_stage", "aws_apigatewayv2_deployment", "aws_sqs_queue_policy",
    "aws_sns_topic_policy", "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_ownership_controls", "aws_s3_bucket_server_side_encryption_configuration",
    "aws_cloudfront_origin_access_control", "aws_cloudfront_origin_access_identity", "aws_cognito_user_pool_client",
    "aws_cognito_user_pool_domain", "aws_cloudwatch_event_rule",
    # ---- s3x
    "aws_secretsmanager_secret_version", "aws_secretsmanager_secret_policy",
    # ---- end s3x
})
# ---- wiring: more resources with no charge of their own (network plumbing, API keys and usage plans, policies),
# and resources of Terraform's own providers (random, null, time, tls, local, archive), which create nothing in AWS
NO_CHARGE = NO_CHARGE | frozenset({
    "aws_vpc", "aws_subnet", "aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule",
    "aws_vpc_security_group_egress_rule", "aws_route_table", "aws_route", "aws_route_table_association",
    "aws_internet_gateway", "aws_default_route_table", "aws_default_security_group", "aws_default_vpc",
    "aws_default_subnet", "aws_network_acl", "aws_api_gateway_api_key", "aws_api_gateway_usage_plan",
    "aws_api_gateway_usage_plan_key", "aws_api_gateway_authorizer", "aws_apigatewayv2_authorizer",
    "aws_apigatewayv2_route_response", "aws_apigatewayv2_integration_response", "aws_api_gateway_gateway_response",
    "aws_api_gateway_account", "aws_api_gateway_model", "aws_api_gateway_request_validator",
    "aws_api_gateway_base_path_mapping", "aws_apigatewayv2_api_mapping", "aws_iam_policy_attachment",
    "aws_iam_service_linked_role", "aws_s3_bucket_acl", "aws_s3_bucket_cors_configuration",
    "aws_sqs_queue_redrive_allow_policy", "aws_cloudwatch_log_subscription_filter", "random_string", "random_id",
    "random_pet", "random_password", "random_uuid", "random_integer", "random_shuffle", "null_resource",
    "terraform_data", "time_sleep", "time_static", "time_rotating", "tls_private_key", "tls_self_signed_cert",
    "local_file", "local_sensitive_file", "archive_file",
})
# ---- end wiring


def read_function(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_lambda_function: memory, timeout, architecture, reserved concurrency, /tmp size."""
    fields: dict[str, Any] = {
        "memory_mb": given_or(ctx.number(body, "memory_size", where=key), 128),
        "timeout_s": given_or(ctx.number(body, "timeout", where=key), 3),
        "architecture": ctx.value(body, "architectures", 0, where=key, convert=architecture) or "x86_64",
    }
    reserved = ctx.number(body, "reserved_concurrent_executions", where=key)
    if reserved is not None and reserved >= 0:  # -1 is Terraform's "unreserved"
        fields["reserved_concurrency"] = reserved
    ephemeral_mb = ctx.number(body, "ephemeral_storage", 0, "size", where=key)
    if ephemeral_mb is not None:
        fields["ephemeral_storage_mb"] = ephemeral_mb
    if body.get("capacity_provider_config"):
        ctx.report.notes.append(managed_instances_note(key))
    # ---- wiring
    fields.update(runtime_fields(ctx, body, key, runtime=("runtime",), snap_start=("snap_start", 0, "apply_on"),
                                 package_type=("package_type",)))
    fields.update(tracing_field(ctx, body, key, ("tracing_config", 0, "mode")))
    fields.update(private_fields(ctx, body, "function_name", ("logging_config", 0, "log_group"), key))
    # ---- end wiring
    # the code's bucket and object (s3_bucket, s3_key) are read at deployment, not written by the function
    own = {k: v for k, v in body.items() if k not in ("dead_letter_config", "s3_bucket", "s3_key", "s3_object_version")}
    return Component(key, "lambda", "aws_lambda_function", name, fields, frozenset(ctx.find_refs(own)))


def read_table(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_dynamodb_table: billing mode and capacity, GSIs, table class, point-in-time recovery."""
    billing = ctx.value(body, "billing_mode", where=key) or "PROVISIONED"  # the provider's default
    provisioned = billing != "PAY_PER_REQUEST"
    fields: dict[str, Any] = {"billing": "provisioned" if provisioned else "on_demand"}
    gsis = []
    for i, index in enumerate(ctx.items(body, "global_secondary_index", where=key)):
        gsi: dict[str, Any] = {"name": str(ctx.value(index, "name", where=f"{key}.global_secondary_index[{i}]")
                                        or f"index{i}")}
        if provisioned:
            gsi.update(_capacity(ctx, index, f"{key}.global_secondary_index[{i}]"))
        gsis.append(gsi)
    if provisioned:
        fields.update(_capacity(ctx, body, key))
        if "rcu" not in fields or any("rcu" not in g for g in gsis):
            ctx.report.unresolved.append(f"{key}: provisioned capacity is not known for the table or an index; "
                                         "priced as on_demand until you give rcu/wcu")
            fields = {"billing": "on_demand"}
            gsis = [{"name": g["name"]} for g in gsis]
    if ctx.value(body, "table_class", where=key) == "STANDARD_INFREQUENT_ACCESS":
        fields["table_class"] = "standard_ia"
    if ctx.value(body, "point_in_time_recovery", 0, "enabled", where=key, convert=as_bool):
        fields["pitr"] = True
    if gsis:
        fields["gsis"] = gsis
    tf_replicas(ctx, key, body)  # ---- wiring: replicas reported
    tf_table_encryption(ctx, fields, body, key)  # ---- kms
    return Component(key, "dynamodb", "aws_dynamodb_table", name, fields)


def _capacity(ctx: ImportContext, node: Any, where: str) -> dict[str, int]:
    """{rcu, wcu} from read_capacity / write_capacity ({} unless both are known)."""
    rcu = ctx.number(node, "read_capacity", where=where)
    wcu = ctx.number(node, "write_capacity", where=where)
    return {"rcu": rcu, "wcu": wcu} if rcu and wcu else {}


def read_bucket(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_s3_bucket (the provider v3 inline server_side_encryption_configuration block too)."""
    fields: dict[str, Any] = {}
    inline = ctx.raw(body, "server_side_encryption_configuration", 0, where=key)  # ---- kms
    if inline:
        tf_bucket_encryption(ctx, fields, inline, key)
    fields.update(tf_bucket_inline_lifecycle(ctx, key, body))  # s3x: inline lifecycle_rule (provider v3)
    return Component(key, "s3", "aws_s3_bucket", name, fields)


def read_queue(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_sqs_queue: standard or FIFO."""
    fifo = ctx.value(body, "fifo_queue", where=key, convert=as_bool)
    fields: dict[str, Any] = {"queue": "fifo" if fifo else "standard"}
    tf_queue_encryption(ctx, fields, body, key)  # ---- kms
    return Component(key, "sqs", "aws_sqs_queue", name, fields)


def read_topic(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_sns_topic."""
    return Component(key, "sns", "aws_sns_topic", name, {})


def read_rest_api(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_api_gateway_rest_api."""
    return Component(key, "api_gateway", "aws_api_gateway_rest_api", name, {"api": "rest"})


def read_v2_api(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_apigatewayv2_api: protocol_type HTTP or WEBSOCKET."""
    protocol = str(ctx.value(body, "protocol_type", where=key)).upper()
    fields = {"api": protocol.lower()} if protocol in ("HTTP", "WEBSOCKET") else {}
    return Component(key, "api_gateway", "aws_apigatewayv2_api", name, fields)


def read_user_pool(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_cognito_user_pool: user_pool_tier (Essentials is AWS's default)."""
    plan = str(ctx.value(body, "user_pool_tier", where=key) or "ESSENTIALS").lower()
    fields = {"plan": plan} if plan in ("lite", "essentials", "plus") else {}
    return Component(key, "cognito", "aws_cognito_user_pool", name, fields)


def read_distribution(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_cloudfront_distribution (origins are wired later; refs: the web ACL its web_acl_id names)."""
    return Component(key, "cloudfront", "aws_cloudfront_distribution", name, {},
                     frozenset(ctx.find_refs(body.get("web_acl_id"))))


READERS: dict[str, Callable[[ImportContext, str, str, dict], Component | None]] = {
    "aws_lambda_function": read_function, "aws_dynamodb_table": read_table, "aws_s3_bucket": read_bucket,
    "aws_sqs_queue": read_queue, "aws_sns_topic": read_topic, "aws_api_gateway_rest_api": read_rest_api,
    "aws_apigatewayv2_api": read_v2_api, "aws_cognito_user_pool": read_user_pool,
    "aws_cloudfront_distribution": read_distribution,
    # ---- kms
    "aws_kms_key": read_tf_key, "aws_wafv2_web_acl": read_tf_web_acl,
    # ---- end kms
    # ---- sfn
    **tf_sfn.READERS,
    # ---- end sfn
    # ---- s3x
    "aws_secretsmanager_secret": read_tf_secret, "aws_cloudwatch_metric_alarm": read_tf_alarm,
    "aws_cloudwatch_composite_alarm": read_tf_alarm,
    # ---- end s3x
}
# ---- kinesis
READERS.update({"aws_kinesis_stream": kinesis.read_tf_stream,
                "aws_kinesis_firehose_delivery_stream": kinesis.read_tf_hose})
# ---- end kinesis


def function_dead_letter(ctx: ImportContext, key: str, body: dict, module: TfModule) -> None:
    """A function's dead_letter_config: the function has a DLQ, the target queue or topic gets no traffic."""
    target = ctx.raw(body, "dead_letter_config", 0, "target_arn", where=key)
    if target is not None:  # ---- wiring
        mark_failure_target(ctx, key, target, f"{key}.dead_letter_config")
    code_bucket = ctx.any_target(body.get("s3_bucket"), ("s3",), key)
    if code_bucket:  # ---- wiring: the deployment package's bucket
        ctx.found.code_buckets.add(code_bucket)


def queue_redrive(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str | None:
    """A queue's redrive_policy (or an aws_sqs_queue_redrive_policy) names its dead-letter queue."""
    queue = _mark_dead_letter(ctx, ctx.raw(body, "redrive_policy", where=key), key)
    own = key.startswith("aws_sqs_queue.") or ".aws_sqs_queue." in key  # a queue (in a module: module.x.aws_...)
    return None if own else f"dead-letter queue {queue or '(outside)'}"


def _mark_dead_letter(ctx: ImportContext, value: Any, key: str) -> str | None:
    """Record the queue a value refers to as a dead-letter queue."""
    queue = ctx.any_target(value, ("sqs",), key)
    if queue:
        ctx.found.dead_letter.add(queue)
    return queue


def distribution_origins(ctx: ImportContext, key: str, body: dict, module: TfModule) -> None:
    """Each origin that is a bucket or API of the configuration receives the cache misses."""
    for i, origin in enumerate(ctx.items(body, "origin", where=key)):
        where = f"{key}.origin[{i}]"
        wire_origin(ctx, key, ctx.raw(origin, "domain_name", where=where), where,
                    "not a bucket or API of this configuration")
    tf_behaviours(ctx, key, body)  # ---- wiring: origins that do not cache


def v2_api_target(ctx: ImportContext, key: str, body: dict, module: TfModule) -> None:
    """aws_apigatewayv2_api quick create: `target` is the function behind the API."""
    if "target" in body:
        ctx.wire(ctx.target(body["target"], "lambda", f"{key}.target"), key, f"{key}.target")


def event_source_mapping(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_lambda_event_source_mapping: an SQS queue, DynamoDB stream or Kinesis stream drives a function."""
    line = wire_event_source(ctx, body, key, ("enabled", "function_name", "event_source_arn"), "enabled = false",
                             repr(body.get("event_source_arn")), "configuration")
    # ---- wiring: batch settings and the on-failure destination of the mapping
    if line.startswith("wires "):
        function = ctx.any_target(body.get("function_name"), ("lambda",), key)
        source = ctx.any_target(body.get("event_source_arn"), ("sqs", "dynamodb", "kinesis"), key)  # kinesis
        read_batching(ctx, function, body, key, TF_BATCH_KEYS, source)
        destination = ctx.raw(body, "destination_config", 0, "on_failure", 0, "destination_arn", where=key)
        if function and destination is not None:
            mark_failure_target(ctx, function, destination, f"{key}.destination_config.on_failure")
    # ---- end wiring
    return line


def topic_subscription(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_sns_topic_subscription."""
    topic = ctx.target(body.get("topic_arn"), "sns", f"{key}.topic_arn")
    return subscribe(ctx, topic, ctx.value(body, "protocol", where=key), body.get("endpoint"), key)


def bucket_notification(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_s3_bucket_notification: object events to functions, queues and topics."""
    bucket = ctx.target(body.get("bucket"), "s3", f"{key}.bucket")
    wired = []
    for block, attribute, kind in (("lambda_function", "lambda_function_arn", "lambda"), ("queue", "queue_arn", "sqs"),
                                   ("topic", "topic_arn", "sns")):
        for i, entry in enumerate(ctx.items(body, block, where=key)):
            where = f"{key}.{block}[{i}].{attribute}"
            target = ctx.target(ctx.raw(entry, attribute, where=where), kind, where)
            if bucket and target:
                ctx.wire(target, bucket, where)
                wired.append(target)
    return f"wires {bucket} → {', '.join(wired) or 'nothing of this configuration'}"


def v2_integration(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_apigatewayv2_integration: an HTTP/WebSocket API route to a function (or to SQS, DynamoDB, SNS, or a
    state machine)."""
    started = tf_sfn.v2_starts_state_machine(ctx, key, body)  # ---- sfn: a StepFunctions-* subtype
    if started is not None:
        return started
    line = wire_integration(ctx, body.get("integration_uri"), body.get("api_id"), f"{key}.api_id", key,
                            "configuration")
    if line.startswith("not a Lambda"):  # ---- wiring
        line = service_integration(ctx, ctx.any_target(body.get("api_id"), ("api_gateway",), key), body, key)
    return line


def rest_integration(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_api_gateway_integration: a REST API method to a function (or to SQS, DynamoDB, SNS, or a state
    machine)."""
    started = tf_sfn.rest_starts_state_machine(ctx, key, body)  # ---- sfn: states:action/StartExecution
    if started is not None:
        return started
    line = wire_integration(ctx, body.get("uri"), body.get("rest_api_id"), f"{key}.rest_api_id", key,
                            "configuration")
    if line.startswith("not a Lambda"):  # ---- wiring
        line = service_integration(ctx, ctx.any_target(body.get("rest_api_id"), ("api_gateway",), key), body, key)
    return line


def rest_stage(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_api_gateway_stage: the REST API's cache."""
    if not ctx.value(body, "cache_cluster_enabled", where=key, convert=as_bool):
        return "stage (no cache)"
    cache_gb = ctx.value(body, "cache_cluster_size", where=key, convert=as_float) or 0.5
    api = ctx.target(body.get("rest_api_id"), "api_gateway", f"{key}.rest_api_id")
    if api:
        ctx.found.components[api].fields["cache_gb"] = cache_gb
    return f"cache of {cache_gb:g} GB on {api}"


def provisioned_concurrency(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_lambda_provisioned_concurrency_config: environments kept warm for a function."""
    count = ctx.number(body, "provisioned_concurrent_executions", where=key)
    function = ctx.target(body.get("function_name"), "lambda", f"{key}.function_name")
    return add_provisioned_concurrency(ctx, function, count)


def event_target(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_cloudwatch_event_target: a scheduled rule invoking a function."""
    rules = {module.address(t, n): b for t, n, b in module.resources if t == "aws_cloudwatch_event_rule"}
    rule_key = next((r for r in sorted(ctx.find_refs(body.get("rule"))) if r in rules), None)
    if rule_key is not None and "schedule_expression" not in rules[rule_key]:  # ---- sfn: event patterns
        return tf_sfn.pattern_target(ctx, rule_key, rules[rule_key], key, body)
    function = ctx.any_target(body.get("arn"), ("lambda",), key)
    if rule_key is not None and function is None:  # ---- sfn: a scheduled state machine
        rule = rules[rule_key]
        enabled = ctx.value(rule, "is_enabled", where=rule_key, convert=as_bool) is not False and \
            ctx.value(rule, "state", where=rule_key) != "DISABLED"
        line = tf_sfn.schedule_target(ctx, rule_key, rule, key, body, enabled)
        if line:
            return line
    if rule_key is None or function is None:
        return "not a rule and function of this configuration; not wired"
    rule = rules[rule_key]
    state = ctx.value(rule, "state", where=rule_key)
    enabled = ctx.value(rule, "is_enabled", where=rule_key, convert=as_bool) is not False and state != "DISABLED"
    add_schedule(ctx, function, rule, "schedule_expression", enabled, rule_key)
    return f"schedule {rule_key} for {function}"


WIRING: dict[str, Callable[[ImportContext, str, dict, Any], str | None]] = {
    "aws_lambda_function": function_dead_letter, "aws_sqs_queue": queue_redrive,
    "aws_sqs_queue_redrive_policy": queue_redrive, "aws_cloudfront_distribution": distribution_origins,
    "aws_apigatewayv2_api": v2_api_target, "aws_lambda_event_source_mapping": event_source_mapping,
    "aws_sns_topic_subscription": topic_subscription, "aws_s3_bucket_notification": bucket_notification,
    "aws_apigatewayv2_integration": v2_integration, "aws_api_gateway_integration": rest_integration,
    "aws_api_gateway_stage": rest_stage, "aws_lambda_provisioned_concurrency_config": provisioned_concurrency,
    "aws_cloudwatch_event_target": event_target,
    # ---- wiring
    "aws_lambda_function_event_invoke_config": tf_event_invoke_config, "aws_cloudwatch_log_group": tf_log_group,
    "aws_appautoscaling_target": tf_scaling_target, "aws_api_gateway_authorizer": tf_authorizer,
    "aws_apigatewayv2_authorizer": tf_authorizer, "aws_lambda_function_url": tf_function_url,
    **dict.fromkeys(TF_ZONES + TF_RECORDS, tf_route53_part), **dict.fromkeys(TF_SENDING, tf_ses_part),
    # ---- end wiring
    # ---- kms
    "aws_kms_key": wire_tf_key, "aws_wafv2_web_acl": wire_tf_web_acl, "aws_wafv2_web_acl_association": tf_association,
    "aws_s3_bucket_server_side_encryption_configuration": tf_bucket_sse,
    # ---- end kms
    # ---- sfn: aws_scheduler_schedule also starts state machines and counts Scheduler invocations
    **tf_sfn.WIRING,
    # ---- end sfn
    # ---- s3x
    "aws_s3_bucket_lifecycle_configuration": tf_lifecycle_configuration,
    # ---- end s3x
}
# ---- s3x: a log group no function writes to is a component of its own
WIRING["aws_cloudwatch_log_group"] = tf_log_group_or_alone
# ---- end s3x
WIRING["aws_kinesis_firehose_delivery_stream"] = kinesis.wire_tf_hose  # ---- kinesis
