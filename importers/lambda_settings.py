"""A function's settings beyond memory and timeout, as CloudFormation/SAM and Terraform spell them: its
runtime (and SnapStart), X-Ray tracing, architecture given through a parameter, on-failure destinations
and dead-letter queues, and the log group it writes to (retention and log class).

Runtime identifiers: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html. The design's
`runtime` picks the cold-start INIT time (pricing/runtimes.yaml); the mapping is by family:
python3.x → python, nodejsNN.x → nodejs, java* → java (java_snapstart with SnapStart
`ApplyOn: PublishedVersions`), dotnet* → dotnet, ruby* → ruby, provided* and go1.x → custom (a
compiled binary's start; go1.x ran as one). A container image (PackageType Image) has no Runtime
and is priced as custom.
"""

from __future__ import annotations

from typing import Any

from importers.common import Component, Unresolved, architecture
from importers.context import ImportContext
from importers.intrinsics import show

#: runtime identifier prefix → the design's runtime (longest prefix first)
RUNTIME_FAMILIES = (("python", "python"), ("nodejs", "nodejs"), ("java", "java"), ("dotnetcore", "dotnet"),
                    ("dotnet", "dotnet"), ("ruby", "ruby"), ("provided", "custom"), ("go", "custom"))
#: CloudWatch Logs classes (LogGroupClass / log_group_class) the design prices
LOG_CLASSES = {"STANDARD": "standard", "INFREQUENT_ACCESS": "infrequent_access"}
LAMBDA_LOG_PREFIX = "/aws/lambda/"


def runtime_family(value: Any) -> str:
    """The design's runtime for a Lambda runtime identifier; Unresolved for one no family matches.

    >>> [runtime_family(r) for r in ("python3.12", "nodejs22.x", "java21", "dotnet8", "provided.al2023")]
    ['python', 'nodejs', 'java', 'dotnet', 'custom']
    """
    text = str(value).strip().lower()
    for prefix, family in RUNTIME_FAMILIES:
        if text.startswith(prefix):
            return family
    raise Unresolved(f"runtime {value!r} is not a Lambda runtime the planner knows (python, nodejs, java, dotnet, "
                     "ruby, provided)")


def runtime_fields(ctx: ImportContext, node: Any, where: str, *, runtime: tuple, snap_start: tuple,
                   package_type: tuple) -> dict[str, Any]:
    """{runtime} from the runtime identifier, SnapStart and package type (each a key path under `node`)."""
    package = ctx.value(node, *package_type, where=where)
    given = ctx.value(node, *runtime, where=where, convert=runtime_family,
                      default_note="cold starts priced as python (the design default)")
    path = ".".join([where, *[str(k) for k in runtime]])
    if given is None and str(package).lower() == "image" and ctx.resolver.lookup_raw(node, *runtime) is None:
        ctx.report.assumptions.append(f"{where}: a container image (PackageType Image); cold starts priced as a "
                                      "custom runtime")
        return {"runtime": "custom"}
    if given is None:
        if ctx.resolver.lookup_raw(node, *runtime) is None:
            ctx.report.assumptions.append(f"{path}: not given; cold starts priced as python (the design default)")
        return {}
    apply_on = ctx.value(node, *snap_start, where=where)
    if str(apply_on) == "PublishedVersions":
        if given == "java":
            return {"runtime": "java_snapstart"}
        ctx.report.notes.append(f"{where}: SnapStart on a {given} function is not modelled (its caching and "
                                "restore charges are not in the estimate); cold starts priced without SnapStart")
    return {"runtime": given}


def tracing_field(ctx: ImportContext, node: Any, where: str, *paths: tuple) -> dict[str, Any]:
    """{tracing: True} when any of the key paths says Active (SAM Tracing, TracingConfig.Mode, tracing_config)."""
    for path in paths:
        mode = ctx.value(node, *path, where=where)
        if mode is not None:
            return {"tracing": True} if str(mode).lower() == "active" else {}
    return {}


def cfn_architecture(ctx: ImportContext, props: dict, where: str) -> str:
    """`Architectures` as a list or as a parameter (`!Ref Arch`, a String or a CommaDelimitedList); a value that
    cannot be read is reported, never silently x86_64."""
    raw = ctx.raw(props, "Architectures", where=where)
    if raw is None:
        return "x86_64"
    if isinstance(raw, list):
        return ctx.value(props, "Architectures", 0, where=where, convert=architecture) or "x86_64"
    try:
        value = ctx.resolver.resolve(raw)
    except Unresolved as why:
        ctx.report.unresolved.append(f"{where}.Architectures: {why}; priced as x86_64")
        return "x86_64"
    first = value[0] if isinstance(value, list) and value else value
    try:
        return architecture(first)
    except Unresolved as why:
        ctx.report.unresolved.append(f"{where}.Architectures: {show(raw)}: {why}; priced as x86_64")
        return "x86_64"


# ---- on-failure destinations and dead-letter queues

def mark_failure_target(ctx: ImportContext, function: str | None, destination: Any, where: str) -> str:
    """A function's failed events go to `destination` (a queue, topic, bus or function ARN): the function
    has a DLQ (`dlq: true`), and a queue or topic of the import is a dead letter (no traffic of its own)."""
    if function is None:
        return "no function of this import; not read"
    ctx.found.components[function].fields["dlq"] = True
    target = ctx.any_target(destination, ("sqs", "sns"), where)
    if target:
        ctx.found.dead_letter.add(target)
    return f"on-failure destination of {function}: {target or show(destination)}"


def wire_success_target(ctx: ImportContext, function: str | None, destination: Any, where: str) -> None:
    """An on-success destination of the import (a function, queue or topic) receives one event per run."""
    target = ctx.any_target(destination, ("lambda", "sqs", "sns"), where)
    if function and target and target != function:
        ctx.wire(target, function, where)


def cfn_destination(ctx: ImportContext, function: str, config: Any, where: str) -> None:
    """A SAM EventInvokeConfig / event DestinationConfig on a function: its OnFailure (a DLQ) and OnSuccess
    destinations."""
    on_failure = ctx.mapping(config, "DestinationConfig", "OnFailure", where=where)
    if on_failure:
        mark_failure_target(ctx, function, on_failure.get("Destination"), f"{where}.DestinationConfig.OnFailure")
    on_success = ctx.mapping(config, "DestinationConfig", "OnSuccess", where=where)
    if on_success:
        wire_success_target(ctx, function, on_success.get("Destination"), f"{where}.DestinationConfig.OnSuccess")


def cfn_event_invoke_config(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Lambda::EventInvokeConfig: the function its FunctionName names, and its OnFailure destination."""
    where = f"Resources.{lid}.Properties"
    function = ctx.target(props.get("FunctionName"), "lambda", f"{where}.FunctionName")
    on_success = ctx.mapping(props, "DestinationConfig", "OnSuccess", where=where)
    if on_success:
        wire_success_target(ctx, function, on_success.get("Destination"), f"{where}.DestinationConfig.OnSuccess")
    on_failure = ctx.mapping(props, "DestinationConfig", "OnFailure", where=where)
    if not on_failure:
        return f"async retries of {function} (no on-failure destination)"
    return mark_failure_target(ctx, function, on_failure.get("Destination"), f"{where}.DestinationConfig.OnFailure")


def tf_event_invoke_config(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_lambda_function_event_invoke_config: destination_config.on_failure.destination."""
    function = ctx.target(body.get("function_name"), "lambda", f"{key}.function_name")
    success = ctx.raw(body, "destination_config", 0, "on_success", 0, "destination", where=key)
    if success is not None:
        wire_success_target(ctx, function, success, f"{key}.destination_config.on_success")
    destination = ctx.raw(body, "destination_config", 0, "on_failure", 0, "destination", where=key)
    if destination is None:
        return f"async retries of {function} (no on-failure destination)"
    return mark_failure_target(ctx, function, destination, f"{key}.destination_config.on_failure")


# ---- log groups

def log_group_settings(ctx: ImportContext, function: Component, retention: int | None, log_class: Any,
                       where: str) -> str:
    """The log group's retention and class on the function that writes to it; the report line."""
    fields = function.fields
    parts = []
    if retention:
        fields["log_retention_days"] = retention
        parts.append(f"kept {retention} days")
    else:
        ctx.report.notes.append(f"{where}: no retention (logs never expire); stored logs priced as kept "
                                f"{fields.get('log_retention_days', 30)} days — set log_retention_days")
        parts.append("no retention")
    chosen = LOG_CLASSES.get(str(log_class).upper()) if log_class is not None else None
    if chosen:
        fields["log_class"] = chosen
        parts.append(f"class {chosen}")
    elif log_class is not None:
        ctx.report.notes.append(f"{where}: log class {log_class} is not priced; priced as standard")
    return f"log group of {function.key} ({', '.join(parts)}); its logs are priced with the function"


def log_group_function(ctx: ImportContext, name_raw: Any, name: Any, log_group_key: str) -> Component | None:
    """The function of the import a log group belongs to: its name mentions the function (`!Sub
    /aws/lambda/${Fn}`, `${aws_lambda_function.x.function_name}`), equals `/aws/lambda/` + the function's
    own name, or the function's logging config names the log group."""
    functions = [c for c in ctx.found.components.values() if c.kind == "lambda"]
    by_ref = [f for f in functions if f.key in ctx.find_refs(name_raw)]
    if len(by_ref) == 1:
        return by_ref[0]
    named = [f for f in functions if isinstance(name, str) and name == LAMBDA_LOG_PREFIX + f.fields.get(
        "_function_name", "\0")]
    if len(named) == 1:
        return named[0]
    # the same name expression, unresolved (`/aws/lambda/${var.name}-${random_string.x.id}` beside
    # `function_name = "${var.name}-${random_string.x.id}"`)
    spelled = [f for f in functions if isinstance(name_raw, str) and isinstance(f.fields.get("_function_name_raw"), str)
               and name_raw == LAMBDA_LOG_PREFIX + f.fields["_function_name_raw"]]
    if len(spelled) == 1:
        return spelled[0]
    logging = [f for f in functions if log_group_key in f.fields.get("_log_group_refs", ())]
    return logging[0] if len(logging) == 1 else None


def _resolved(ctx: ImportContext, value: Any) -> Any:
    try:
        return ctx.resolver.resolve(value)
    except Unresolved:
        return None


def cfn_log_group(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Logs::LogGroup: a function's log group carries RetentionInDays and LogGroupClass to it."""
    where = f"Resources.{lid}.Properties"
    raw = props.get("LogGroupName")
    function = log_group_function(ctx, raw, _resolved(ctx, raw), lid)
    if function is None:
        return "not the log group of a function of this template; what is written to it is not in the estimate"
    return log_group_settings(ctx, function, ctx.number(props, "RetentionInDays", where=where),
                              ctx.value(props, "LogGroupClass", where=where), where)


def tf_log_group(ctx: ImportContext, key: str, body: dict, module: Any) -> str:
    """aws_cloudwatch_log_group: retention_in_days (0: never expire) and log_group_class."""
    raw = body.get("name")
    function = log_group_function(ctx, raw, _resolved(ctx, raw), key)
    if function is None:
        return "not the log group of a function of this configuration; what is written to it is not in the estimate"
    return log_group_settings(ctx, function, ctx.number(body, "retention_in_days", where=key),
                              ctx.value(body, "log_group_class", where=key), key)


def private_fields(ctx: ImportContext, node: Any, name_key: str, logging_path: tuple, where: str) -> dict[str, Any]:
    """Facts the log groups are matched by (removed before the design is built): the function's own name and
    the log groups its logging config names."""
    fields: dict[str, Any] = {}
    raw = ctx.resolver.lookup_raw(node, name_key) if isinstance(node, dict) else None
    name = _resolved(ctx, raw)
    if isinstance(name, str):
        fields["_function_name"] = name
    if isinstance(raw, str):
        fields["_function_name_raw"] = raw
    try:
        log_group = ctx.resolver.lookup_raw(node, *logging_path)
    except Unresolved:
        log_group = None
    if log_group is not None:
        fields["_log_group_refs"] = tuple(sorted(ctx.find_refs(log_group)))
    return fields


def drop_private_fields(components: dict[str, Component]) -> None:
    """Remove the matching facts of `private_fields` (they are no design fields)."""
    for comp in components.values():
        for key in [k for k in comp.fields if k.startswith("_")]:
            del comp.fields[key]


def managed_instances_note(where: str) -> str:
    """The report line for a function on Lambda Managed Instances (a capacity provider), which the planner prices
    as an on-demand function. The billing rule is the Lambda pricing page's (https://aws.amazon.com/lambda/pricing/,
    "Lambda Managed Instances – Request charges $0.20 per million requests", "Compute management fee 15% premium on
    the EC2 on-demand instance price", as transcribed on 2026-09-20 in api-evangelist/aws-lambda's
    plans/aws-lambda-plans-pricing.yml)."""
    return (f"{where}: runs on Lambda Managed Instances (a capacity provider). AWS bills the provider's EC2 instances "
            "plus a 15 % management fee and $0.20 per million requests, not GB-seconds; the planner prices it as an "
            "on-demand function, so its duration lines are not what AWS bills and the instances are not in the "
            "estimate")


def given_or(value: Any, default: Any) -> Any:
    """`value` as the template gives it, `default` only when it is absent: a MemorySize or Timeout of 0 goes to the
    design's checks (and is refused there, named by its property), never silently to the default.

    >>> given_or(None, 128), given_or(0, 128), given_or(256, 128)
    (128, 0, 256)
    """
    return default if value is None else value
