"""Links a template makes through names rather than references, and API Gateway's direct service integrations.

- A bucket, table, queue or topic named through a parameter (`BucketName: !Ref DestinationBucketName`,
  Terraform `bucket = var.s3_bucket_name`) is the resource a function means when the function uses the same
  parameter (an environment variable, a policy): the function references it, so it is driven by the
  function (importers/build.py `_data_links`), not by the client requests.
- An API method or route that calls SQS, DynamoDB or SNS itself (REST `Integration.Uri`
  `arn:aws:apigateway:REGION:sqs:path/ACCOUNT/QUEUE` or `…:dynamodb:action/PutItem`, HTTP API
  `IntegrationSubtype: SQS-SendMessage`, a WebSocket route to SQS) drives the queue, table or topic of the
  import that its properties name (directly or through such a parameter): one request, one message or item
  operation. Step Functions and EventBridge targets are not components of the planner; they are noted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from importers.common import Unresolved
from importers.context import ImportContext
from importers.tf_expr import dotted_matches

#: the property naming a resource, per design type: CloudFormation, Terraform
CFN_NAME_PROPERTIES = {"s3": ("BucketName",), "dynamodb": ("TableName",), "sqs": ("QueueName",),
                       "sns": ("TopicName",)}
TF_NAME_ATTRIBUTES = {"s3": ("bucket", "bucket_prefix"), "dynamodb": ("name",), "sqs": ("name", "name_prefix"),
                      "sns": ("name", "name_prefix")}
SERVICE_KINDS = ("sqs", "dynamodb", "sns")
#: AWS services an integration URI or subtype names that the planner models, but whose target resource
#: was not found in this import (e.g. a stream made in another stack)
MODELLED_SERVICES = {"states": "Step Functions", "events": "EventBridge", "kinesis": "Kinesis",
                     "firehose": "Firehose", "StepFunctions": "Step Functions", "EventBridge": "EventBridge",
                     "Kinesis": "Kinesis"}
#: AWS services an integration names that the planner has no component for
UNMODELLED_SERVICES = {"AppConfig": "AppConfig", "appconfig": "AppConfig"}
_TF_VARIABLE = re.compile(r"\b(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)")
_SERVICE_IN_URI = re.compile(r"arn:[^:]*:apigateway:[^:]*:([a-z0-9-]+):")


def tf_variables(value: Any) -> set[str]:
    """`var.x` / `local.y` names a Terraform value mentions.

    >>> sorted(tf_variables({"a": "${var.bucket}-x", "b": ["${local.prefix}"]}))
    ['local.prefix', 'var.bucket']
    """
    return dotted_matches(value, _TF_VARIABLE)


def link_named_resources(ctx: ImportContext, resources: Iterable[tuple[str, dict]], names: dict[str, tuple],
                         parameters_of: Callable[[Any], set[str]]) -> None:
    """Record on each data component the parameters its name is made of (`_name_params`), and add it to the
    references of every function that uses one of them. `resources`: (component key, properties)."""
    bodies = dict(resources)
    named: dict[str, set[str]] = {}
    for key, comp in ctx.found.components.items():
        if comp.kind in names and key in bodies:
            literal = _literal_name(ctx, bodies[key], names[comp.kind])
            if literal:
                comp.fields["_resource_name"] = literal
            # only a name that IS a parameter (`!Ref P`, `"${var.p}"`): a parameter that is a part of many names
            # (a stage, a prefix) names none of them
            params = {w for w in (_whole(bodies[key].get(p), parameters_of) for p in names[comp.kind]) if w}
            if params:
                named[key] = params
                comp.fields["_name_params"] = tuple(sorted(params))
    if not named:
        return
    for key, comp in ctx.found.components.items():
        if comp.kind != "lambda" or key not in bodies:
            continue
        own = {k: v for k, v in bodies[key].items()
               if k not in ("Events", "CodeUri", "Code", "InlineCode", "s3_bucket", "s3_key", "filename")}
        used = parameters_of(own)
        new = {target for target, params in named.items() if params & used} - comp.refs
        if new:
            comp.refs = comp.refs | frozenset(new)
            ctx.report.notes.append(f"{key}: uses the parameter naming {', '.join(sorted(new))}; linked as the "
                                    "resource it means")


def _whole(value: Any, parameters_of: Callable[[Any], set[str]]) -> str | None:
    """The parameter a value is, when it is one parameter and nothing more (`{"Ref": "P"}`, `"${var.p}"`)."""
    if isinstance(value, dict) and list(value) == ["Ref"]:
        found = parameters_of(value)
    elif isinstance(value, str) and re.fullmatch(r"\$\{\s*(var|local)\.[A-Za-z_][A-Za-z0-9_-]*\s*\}", value):
        found = parameters_of(value)
    else:
        return None
    return next(iter(found)) if len(found) == 1 else None


def cfn_parameters(ctx: ImportContext) -> Callable[[Any], set[str]]:
    """The template parameters a CloudFormation value mentions (references that are not resources)."""
    def parameters_of(value: Any) -> set[str]:
        return {name for name in ctx.find_refs(value) if ctx.found.kind_of(name) is None
                and (name in ctx.resolver.parameters or name in ctx.resolver.missing)}
    return parameters_of


def service_integration(ctx: ImportContext, api: str | None, integration: Any, where: str) -> str:
    """A non-Lambda integration of `api`: the queue, table or topic of the import it names is driven by the API."""
    service = _service_named(ctx, integration)
    target = _service_target(ctx, integration)
    if target and api:
        ctx.wire(target, api, where)
        return f"direct {ctx.found.kind_of(target)} integration: wires {api} → {target}"
    if service in MODELLED_SERVICES:
        name = MODELLED_SERVICES[service]
        ctx.report.notes.append(f"{where}: a direct {name} integration whose target is not in this import; add "
                                f"the {name} component to the design to price it (its cost is not in the estimate)")
        return f"direct {name} integration (target not in this import)"
    if service in UNMODELLED_SERVICES:
        ctx.report.notes.append(f"{where}: a direct {UNMODELLED_SERVICES[service]} integration; the planner has no "
                                f"{UNMODELLED_SERVICES[service]} component, its cost is not in the estimate")
        return f"direct {UNMODELLED_SERVICES[service]} integration (not modelled)"
    return "not a Lambda integration or a service of this import"


def _service_named(ctx: ImportContext, integration: Any) -> str | None:
    """The AWS service an integration calls: from the URI (`…:apigateway:REGION:sqs:…`) or the subtype."""
    subtype = (integration.get("IntegrationSubtype") or integration.get("integration_subtype")
               or integration.get("integrationSubtype")) if isinstance(integration, dict) else None
    if isinstance(subtype, str):
        return subtype.split("-")[0]
    uri = integration.get("Uri") or integration.get("IntegrationUri") or integration.get("uri") or \
        integration.get("integration_uri") if isinstance(integration, dict) else None
    try:
        text = str(ctx.resolver.resolve(uri)) if uri is not None else ""
    except Unresolved:  # an unresolved URI: look at its raw text
        text = str(uri)
    match = _SERVICE_IN_URI.search(text)
    return match.group(1) if match else None


def _service_target(ctx: ImportContext, integration: Any) -> str | None:
    """The one queue, table or topic an integration's properties name (a reference, or a parameter that names
    it); None when there is none or more than one."""
    refs = ctx.find_refs(integration)
    direct = {k for k in refs if ctx.found.kind_of(k) in SERVICE_KINDS}
    if len(direct) == 1:
        return direct.pop()
    params = refs | tf_variables(integration)
    by_name = {k for k, c in ctx.found.components.items()
               if c.kind in SERVICE_KINDS and set(c.fields.get("_name_params", ())) & params}
    if len(by_name) == 1 and not direct:
        return by_name.pop()
    text = _text_of(ctx, integration)  # a literal name in the URI or a request template ("TableName":"Music")
    literal = {k for k, c in ctx.found.components.items() if c.kind in SERVICE_KINDS
               and isinstance(c.fields.get("_resource_name"), str)
               and re.search(rf"(?<![\w.-]){re.escape(c.fields['_resource_name'])}(?![\w.-])", text)}
    return literal.pop() if len(literal) == 1 and not direct and not by_name else None


def _literal_name(ctx: ImportContext, body: dict, properties: tuple) -> str | None:
    """A resource's name when the template fixes it (literal or resolved), else None."""
    for prop in properties:
        value = body.get(prop)
        if value is None:
            continue
        try:
            resolved = ctx.resolver.resolve(value)
        except Unresolved:  # a name known only at deployment
            return None
        return resolved if isinstance(resolved, str) and len(resolved) >= 3 else None
    return None


def _text_of(ctx: ImportContext, value: Any) -> str:
    """The text of a value, its strings joined (evaluated where the template fixes them)."""
    try:
        value = ctx.resolver.resolve(value)
    except Unresolved:
        value = value  # a value known only at deployment: its raw text
    parts: list[str] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return "\n".join(parts)


# ---- Lambda authorizers and function URLs

def wire_authorizer(ctx: ImportContext, uri: Any, api_ref: Any, where: str) -> str:
    """A Lambda authorizer: the function runs for every request of its API (`calls` 1, not a route's share).
    The reading AWS cannot undercharge: one invocation per request; result caching (a TTL of up to an hour)
    makes it fewer, which the design's `calls` can say."""
    function = ctx.any_target(uri, ("lambda",), where)
    api = ctx.any_target(api_ref, ("api_gateway",), where)
    if function is None or api is None:
        return "not a Lambda authorizer of an API of this import"
    ctx.wire(function, api, where, every_event=True)
    return f"Lambda authorizer: wires {api} → {function} (one invocation per request; caching makes it fewer)"


def cfn_authorizer(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::ApiGateway::Authorizer / AWS::ApiGatewayV2::Authorizer with a Lambda AuthorizerUri."""
    return wire_authorizer(ctx, props.get("AuthorizerUri"), props.get("RestApiId", props.get("ApiId")),
                           f"Resources.{lid}.Properties")


def tf_authorizer(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_api_gateway_authorizer / aws_apigatewayv2_authorizer with a Lambda authorizer_uri."""
    return wire_authorizer(ctx, body.get("authorizer_uri"), body.get("rest_api_id", body.get("api_id")), key)


def sam_api_authorizers(ctx: ImportContext, lid: str, props: dict, where: str) -> None:
    """A SAM Api / HttpApi's `Auth.Authorizers.*.FunctionArn`: Lambda authorizers of that API."""
    authorizers = ctx.mapping(props, "Auth", "Authorizers", where=where)
    for name, spec in authorizers.items():
        if isinstance(spec, dict) and "FunctionArn" in spec:
            wire_authorizer(ctx, spec["FunctionArn"], {"Ref": lid}, f"{where}.Auth.Authorizers.{name}")


def function_url(ctx: ImportContext, function: str | None) -> str:
    """A function URL: the function is invoked by HTTP clients directly (the client workload drives it)."""
    if function is None:
        return "a function URL of no function of this import"
    return f"function URL of {function}: invoked by HTTP clients (the client requests drive it)"


def cfn_function_url(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Lambda::Url."""
    return function_url(ctx, ctx.any_target(props.get("TargetFunctionArn"), ("lambda",), f"Resources.{lid}"))


def tf_function_url(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_lambda_function_url."""
    return function_url(ctx, ctx.any_target(body.get("function_name"), ("lambda",), key))


# ---- OpenAPI definitions (DefinitionBody / Body)

OPENAPI_INTEGRATION = "x-amazon-apigateway-integration"


def openapi_integrations(ctx: ImportContext, api: str, body: Any, where: str) -> None:
    """The direct service integrations of an API's OpenAPI definition (`paths.*.*.x-amazon-apigateway-integration`
    with `integrationSubtype` or a service `uri`). Lambda integrations there are left to the functions' events."""
    if not isinstance(body, dict):
        return
    paths = body.get("paths")
    for path, methods in (paths.items() if isinstance(paths, dict) else []):
        for method, spec in (methods.items() if isinstance(methods, dict) else []):
            integration = spec.get(OPENAPI_INTEGRATION) if isinstance(spec, dict) else None
            if not isinstance(integration, dict) or ctx.any_target(integration.get("uri"), ("lambda",), where):
                continue
            service_integration(ctx, api, integration, f"{where}.paths.{path}.{method}")
