"""CloudFormation/SAM wiring: which resource drives which, from events, mappings and subscriptions.

Runs after every component is known. Component resources may carry wiring (a SAM function's
Events, a bucket's NotificationConfiguration, a distribution's origins); wiring-only resources
(event source mappings, subscriptions, integrations, schedules, aliases) return a line for the
report saying what they wired.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from importers import cfn_sfn, kinesis
from importers.cdn_behaviours import cfn_behaviours
from importers.cfn_resources import API_ID_PROPERTY, IMPLICIT_APIS, SAM_FUNCTION, cache_size, merge_globals
from importers.common import as_bool
from importers.context import (
    ImportContext,
    add_provisioned_concurrency,
    add_schedule,
    subscribe,
    wire_event_source,
    wire_integration,
    wire_origin,
)
from importers.dns_mail import CFN_RECORDS, CFN_SENDING, CFN_ZONES, cfn_route53_part, cfn_ses_part, cfn_ses_receiving
from importers.intrinsics import show
from importers.kms_waf import cfn_association, wire_cfn_key, wire_cfn_web_acl  # ---- kms
from importers.lambda_settings import cfn_destination, cfn_event_invoke_config, cfn_log_group, mark_failure_target
from importers.s3x_resources import cfn_log_group_or_alone  # s3x
from importers.service_links import (
    cfn_authorizer,
    cfn_function_url,
    function_url,
    openapi_integrations,
    sam_api_authorizers,
    service_integration,
)
from importers.stream_settings import CFN_BATCH_KEYS, read_batching
from importers.table_extras import cfn_global_table, cfn_scaling_target

#: SAM event type → (property naming the source, its design type)
EVENT_SOURCES = {"S3": ("Bucket", "s3"), "SQS": ("Queue", "sqs"), "SNS": ("Topic", "sns"),
                 "DynamoDB": ("Stream", "dynamodb")}
EVENT_SOURCES["Kinesis"] = ("Stream", "kinesis")  # ---- kinesis


def wire_function(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A function's SAM events and its dead-letter queue."""
    where = f"Resources.{lid}.Properties"
    if rtype == SAM_FUNCTION:
        props = merge_globals(ctx.globals.get("Function", {}), props)
        for name, event in ctx.mapping(props, "Events", where=where).items():
            _sam_event(ctx, lid, event, f"{where}.Events.{name}")
    for path in (("DeadLetterQueue", "TargetArn"), ("DeadLetterConfig", "TargetArn")):
        target = ctx.raw(props, *path, where=where)
        if target is not None:  # ---- wiring: the function has a DLQ (dlq: true), the queue or topic no traffic
            mark_failure_target(ctx, lid, target, f"{where}.{'.'.join(path)}")
    if rtype == SAM_FUNCTION and "FunctionUrlConfig" in props:  # ---- wiring: invoked by HTTP clients
        ctx.report.notes.append(f"{where}.FunctionUrlConfig: {function_url(ctx, lid)}")
    if rtype == SAM_FUNCTION and "EventInvokeConfig" in props:  # ---- wiring: SAM's on-failure destination
        cfn_destination(ctx, lid, ctx.mapping(props, "EventInvokeConfig", where=where), f"{where}.EventInvokeConfig")


def _sam_event(ctx: ImportContext, lid: str, event: Any, where: str) -> None:
    """One entry of a SAM function's Events: an API route, an event source or a schedule."""
    event_type = ctx.value(event, "Type", where=where)
    props = ctx.mapping(event, "Properties", where=where)
    if not isinstance(event_type, str):
        ctx.report.unresolved.append(f"{where}.Type: {show(event_type)} is not an event type; not wired")
    elif event_type in IMPLICIT_APIS:
        id_property = API_ID_PROPERTY[event_type]
        api = IMPLICIT_APIS[event_type][0] if id_property not in props else \
            ctx.target(props[id_property], "api_gateway", f"{where}.Properties.{id_property}")
        ctx.wire(lid, api, where)
    elif event_type in EVENT_SOURCES:
        _sam_event_source(ctx, lid, event_type, props, where)
    elif event_type in ("Schedule", "ScheduleV2"):
        expression_key = "Schedule" if event_type == "Schedule" else "ScheduleExpression"
        enabled = ctx.value(props, "Enabled", where=f"{where}.Properties", convert=as_bool)
        state = ctx.value(props, "State", where=f"{where}.Properties")
        add_schedule(ctx, lid, props, expression_key, enabled is not False and state != "DISABLED",
                     f"{where}.Properties")
        if event_type == "ScheduleV2":  # ---- sfn: an EventBridge Scheduler schedule
            cfn_sfn.count_scheduler(ctx, props, expression_key, enabled is not False and state != "DISABLED",
                                    f"{where}.Properties")
    elif event_type in ("EventBridgeRule", "CloudWatchEvent"):  # ---- sfn
        cfn_sfn.wire_rule_event(ctx, lid, props, where)
    else:
        ctx.report.notes.append(f"{where}: {event_type} events are not modelled; their invocations are not counted")
        ctx.found.unmodelled.setdefault(lid, []).append(f"{event_type} events")  # ---- wiring


def _sam_event_source(ctx: ImportContext, lid: str, event_type: str, props: dict, where: str) -> None:
    """An S3, SQS, SNS or DynamoDB event of a SAM function."""
    prop, kind = EVENT_SOURCES[event_type]
    if ctx.value(props, "Enabled", where=f"{where}.Properties", convert=as_bool) is False:
        ctx.report.notes.append(f"{where}: disabled (Enabled: false); not wired")
        return
    source = ctx.target(props.get(prop), kind, f"{where}.Properties.{prop}")
    ctx.wire(lid, source, where)
    # ---- wiring: the event's batch settings and on-failure destination
    if event_type in ("SQS", "DynamoDB", "Kinesis") and source:  # Kinesis: ---- kinesis
        read_batching(ctx, lid, props, f"{where}.Properties", CFN_BATCH_KEYS, source)
    cfn_destination(ctx, lid, props, f"{where}.Properties")
    # ---- end wiring
    if event_type == "SNS" and ctx.value(props, "SqsSubscription", where=f"{where}.Properties", convert=_truthy):
        ctx.report.notes.append(f"{where}: SqsSubscription puts an SQS queue between the topic and the "
                                "function; the queue is not in the design")


def _truthy(value: Any) -> bool:
    """SqsSubscription is true or a mapping of queue settings."""
    return value is True or isinstance(value, dict) or str(value).lower() == "true"


def wire_bucket(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A bucket's NotificationConfiguration: object events to functions, queues and topics."""
    where = f"Resources.{lid}.Properties.NotificationConfiguration"
    config = ctx.mapping(props, "NotificationConfiguration", where=f"Resources.{lid}.Properties")
    for section, prop, kind in (("LambdaConfigurations", "Function", "lambda"),
                                ("QueueConfigurations", "Queue", "sqs"), ("TopicConfigurations", "Topic", "sns")):
        for i, entry in enumerate(ctx.items(config, section, where=where)):
            spot = f"{where}.{section}[{i}].{prop}"
            ctx.wire(ctx.target(ctx.raw(entry, prop, where=spot), kind, spot), lid, spot)


def wire_queue(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A queue's RedrivePolicy names its dead-letter queue."""
    where = f"Resources.{lid}.Properties"
    dead_letter = ctx.any_target(ctx.raw(props, "RedrivePolicy", where=where), ("sqs",), where)
    if dead_letter:
        ctx.found.dead_letter.add(dead_letter)


def wire_topic(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A topic's inline Subscription list."""
    where = f"Resources.{lid}.Properties.Subscription"
    for i, entry in enumerate(ctx.items(props, "Subscription", where=f"Resources.{lid}.Properties")):
        subscribe(ctx, lid, ctx.value(entry, "Protocol", where=f"{where}[{i}]"),
                  ctx.raw(entry, "Endpoint", where=f"{where}[{i}]"), f"{where}[{i}]")


def wire_distribution(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A distribution's origins: a bucket or API of the template receives its cache misses."""
    where = f"Resources.{lid}.Properties.DistributionConfig.Origins"
    config = ctx.mapping(props, "DistributionConfig", where=f"Resources.{lid}.Properties")
    for i, origin in enumerate(ctx.items(config, "Origins", where=where)):
        domain = ctx.raw(origin, "DomainName", where=f"{where}[{i}]")
        wire_origin(ctx, lid, domain, f"{where}[{i}]", f"origin {show(domain)} is not a bucket or API of this template")
    cfn_behaviours(ctx, lid, props)  # ---- wiring: origins that do not cache


def wire_v2_api(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """AWS::ApiGatewayV2::Api quick create: Target is the function behind the API."""
    where_body = f"Resources.{lid}.Properties"  # ---- wiring: its OpenAPI Body's service integrations
    openapi_integrations(ctx, lid, ctx.mapping(props, "Body", where=where_body), f"{where_body}.Body")
    if "Target" in props:
        where = f"Resources.{lid}.Properties.Target"
        ctx.wire(ctx.target(props["Target"], "lambda", where), lid, where)


def wire_sam_api(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:  # ---- wiring
    """A SAM Api / HttpApi's Lambda authorizers (`Auth.Authorizers`, merged with Globals); an API's OpenAPI
    definition's direct service integrations."""
    where = f"Resources.{lid}.Properties"
    if rtype.startswith("AWS::Serverless::"):
        section = "Api" if rtype == "AWS::Serverless::Api" else "HttpApi"
        sam_api_authorizers(ctx, lid, merge_globals(ctx.globals.get(section, {}), props), where)
    body_key = "DefinitionBody" if rtype.startswith("AWS::Serverless::") else "Body"
    openapi_integrations(ctx, lid, ctx.mapping(props, body_key, where=where), f"{where}.{body_key}")


COMPONENT_WIRING: dict[str, Callable[[ImportContext, str, str, dict], None]] = {
    "AWS::Serverless::Function": wire_function, "AWS::Lambda::Function": wire_function,
    "AWS::S3::Bucket": wire_bucket, "AWS::SQS::Queue": wire_queue, "AWS::SNS::Topic": wire_topic,
    "AWS::CloudFront::Distribution": wire_distribution, "AWS::ApiGatewayV2::Api": wire_v2_api,
    # ---- wiring
    "AWS::Serverless::Api": wire_sam_api, "AWS::Serverless::HttpApi": wire_sam_api,
    "AWS::ApiGateway::RestApi": wire_sam_api,
    # ---- end wiring
    # ---- kms
    "AWS::KMS::Key": wire_cfn_key, "AWS::WAFv2::WebACL": wire_cfn_web_acl,
    # ---- end kms
    # ---- sfn
    **cfn_sfn.COMPONENT_WIRING,
    # ---- end sfn
}
COMPONENT_WIRING["AWS::KinesisFirehose::DeliveryStream"] = kinesis.wire_cfn_hose  # ---- kinesis


def event_source_mapping(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Lambda::EventSourceMapping: an SQS queue, DynamoDB stream or Kinesis stream drives a function."""
    where = f"Resources.{lid}.Properties"
    line = wire_event_source(ctx, props, where, ("Enabled", "FunctionName", "EventSourceArn"),
                             "Enabled: false", show(props.get("EventSourceArn")), "template")
    # ---- wiring: batch settings and the on-failure destination of the mapping
    if line.startswith("wires "):
        function = ctx.any_target(props.get("FunctionName"), ("lambda",), where)
        source = ctx.any_target(props.get("EventSourceArn"), ("sqs", "dynamodb", "kinesis"), where)  # kinesis
        read_batching(ctx, function, props, where, CFN_BATCH_KEYS, source)
        if function:
            cfn_destination(ctx, function, props, where)
    # ---- end wiring
    return line


def sns_subscription(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::SNS::Subscription."""
    where = f"Resources.{lid}.Properties"
    topic = ctx.target(props.get("TopicArn"), "sns", f"{where}.TopicArn")
    return subscribe(ctx, topic, ctx.value(props, "Protocol", where=where), props.get("Endpoint"), where)


def v2_integration(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::ApiGatewayV2::Integration: an HTTP/WebSocket API route to a function."""
    where = f"Resources.{lid}.Properties"
    started = cfn_sfn.v2_starts_state_machine(ctx, lid, props)  # ---- sfn: a StepFunctions-* subtype
    if started is not None:
        return started
    line = wire_integration(ctx, props.get("IntegrationUri"), props.get("ApiId"), f"{where}.ApiId", where, "template")
    if line.startswith("not a Lambda"):  # ---- wiring: a direct SQS / DynamoDB / SNS integration
        line = service_integration(ctx, ctx.any_target(props.get("ApiId"), ("api_gateway",), where), props, where)
    return line


def rest_method(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::ApiGateway::Method with a Lambda integration: a REST API route to a function."""
    where = f"Resources.{lid}.Properties"
    started = cfn_sfn.rest_starts_state_machine(ctx, lid, props)  # ---- sfn: states:action/StartExecution
    if started is not None:
        return started
    line = wire_integration(ctx, ctx.raw(props, "Integration", "Uri", where=where), props.get("RestApiId"),
                            f"{where}.RestApiId", where, "template")
    if line.startswith("not a Lambda"):  # ---- wiring: a direct SQS / DynamoDB / SNS integration
        api = ctx.any_target(props.get("RestApiId"), ("api_gateway",), where)
        line = service_integration(ctx, api, ctx.mapping(props, "Integration", where=where), f"{where}.Integration")
    return line


def rest_stage(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::ApiGateway::Stage: the REST API's cache."""
    where = f"Resources.{lid}.Properties"
    cache_gb = cache_size(ctx, props, where)
    api = ctx.target(props.get("RestApiId"), "api_gateway", f"{where}.RestApiId") if cache_gb else None
    if api:
        ctx.found.components[api].fields["cache_gb"] = cache_gb
        return f"cache of {cache_gb:g} GB on {api}"
    return "stage (no cache)"


def alias_or_version(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Lambda::Alias / Version: provisioned concurrency of the function it points to."""
    where = f"Resources.{lid}.Properties"
    count = ctx.number(props, "ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions", where=where)
    if not count:
        return "no provisioned concurrency"
    return add_provisioned_concurrency(ctx, ctx.target(props.get("FunctionName"), "lambda", f"{where}.FunctionName"),
                                       count)


def events_rule(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Events::Rule with a ScheduleExpression targeting functions."""
    where = f"Resources.{lid}.Properties"
    if "ScheduleExpression" not in props:  # ---- sfn: event patterns wire the rule's bus to its targets
        return cfn_sfn.pattern_rule(ctx, lid, props)
    enabled = ctx.value(props, "State", where=where) not in ("DISABLED",)
    functions = [ctx.any_target(target, ("lambda",), where) for target in ctx.items(props, "Targets", where=where)]
    for function in filter(None, functions):
        add_schedule(ctx, function, props, "ScheduleExpression", enabled, where)
    functions += cfn_sfn.schedule_state_machines(ctx, props, enabled, where)  # ---- sfn
    return f"schedule for {', '.join(filter(None, functions)) or 'no function of this template'}"


WIRING_RESOURCES: dict[str, Callable[[ImportContext, str, dict], str]] = {
    "AWS::Lambda::EventSourceMapping": event_source_mapping, "AWS::SNS::Subscription": sns_subscription,
    "AWS::ApiGatewayV2::Integration": v2_integration, "AWS::ApiGateway::Method": rest_method,
    "AWS::ApiGateway::Stage": rest_stage, "AWS::Lambda::Alias": alias_or_version,
    "AWS::Lambda::Version": alias_or_version, "AWS::Events::Rule": events_rule,
    # ---- wiring
    "AWS::Lambda::EventInvokeConfig": cfn_event_invoke_config, "AWS::Logs::LogGroup": cfn_log_group,
    "AWS::DynamoDB::GlobalTable": cfn_global_table, "AWS::ApplicationAutoScaling::ScalableTarget": cfn_scaling_target,
    "AWS::ApiGateway::Authorizer": cfn_authorizer, "AWS::ApiGatewayV2::Authorizer": cfn_authorizer,
    "AWS::Lambda::Url": cfn_function_url,
    **dict.fromkeys(CFN_ZONES + CFN_RECORDS, cfn_route53_part), **dict.fromkeys(CFN_SENDING, cfn_ses_part),
    "AWS::SES::ReceiptRule": cfn_ses_receiving, "AWS::SES::ReceiptRuleSet": cfn_ses_receiving,
    # ---- end wiring
    # ---- kms
    "AWS::WAFv2::WebACLAssociation": cfn_association,
    # ---- end kms
    # ---- sfn: a schedule can start a state machine, and its invocations are EventBridge Scheduler's
    "AWS::Scheduler::Schedule": cfn_sfn.scheduler_schedule,
    # ---- end sfn
}
# ---- s3x: a log group no function writes to is a component of its own
WIRING_RESOURCES["AWS::Logs::LogGroup"] = cfn_log_group_or_alone
# ---- end s3x
