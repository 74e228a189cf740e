"""Terraform: Step Functions state machines and EventBridge buses, rules, pipes and schedules (the same rules
as importers/cfn_sfn.py, read from Terraform's attributes).

- `aws_sfn_state_machine` → `step_functions` (`type = "EXPRESS"` → `workflow: express`); its `definition`
  (a heredoc or `jsonencode({...})`) gives `transitions_per_execution` (each state once) and wires each resource
  it names, `calls` = how many times the definition names it (one per Task state that calls it).
- `aws_cloudwatch_event_bus` → `eventbridge` (kind bus); `aws_cloudwatch_event_rule` + `aws_cloudwatch_event_target`
  with an `event_pattern` drive the target from the rule's bus (the default bus when `event_bus_name` is absent).
- `aws_pipes_pipe` → `eventbridge` (kind pipe): `source` drives it, it drives `enrichment` and `target`.
- `aws_scheduler_schedule` runs a function or state machine and counts as EventBridge Scheduler invocations.
"""

from __future__ import annotations

import json
import re
from typing import Any

from importers.cfn_sfn import TARGET_KINDS, TASK_KINDS, api_starts_state_machine, count_scheduler, default_bus
from importers.common import Component, TfModule
from importers.context import ImportContext, add_schedule
from importers.sfn_definition import count_states_in_text

_SOURCES = re.compile(r'\bsource"?\s*[:=]\s*\[([^\]]*)\]')


def read_state_machine(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_sfn_state_machine: its type and the states its definition runs through."""
    kind = str(ctx.value(body, "type", where=key) or "STANDARD").upper()
    fields: dict[str, Any] = {"workflow": "express" if kind == "EXPRESS" else "standard"}
    definition = body.get("definition")
    count = count_states_in_text(definition) if isinstance(definition, str) else 0
    if count:
        fields["transitions_per_execution"] = count
        ctx.report.assumptions.append(f"{key}: transitions_per_execution = {count} (each state of the definition "
                                      "once; Map iterations, loops and retries add more)")
    else:
        ctx.report.notes.append(f"{key}.definition: no states found in it (a file() or templatefile() definition is "
                                "not read); transitions_per_execution is left at the design default")
    return Component(key, "step_functions", "aws_sfn_state_machine", name, fields)


def wire_state_machine(ctx: ImportContext, key: str, body: dict, module: TfModule) -> None:
    """Each resource the definition names is called by it, once per mention."""
    definition = body.get("definition")
    if not isinstance(definition, str):
        return
    for target in sorted(ctx.find_refs(definition)):
        if ctx.found.kind_of(target) in TASK_KINDS and target != key:
            mentions = len(re.findall(re.escape(target) + r"(?![\w-])", definition))
            ctx.wire(target, key, f"{key}.definition", weight=max(mentions, 1))


def read_bus(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_cloudwatch_event_bus: a custom (or partner) event bus."""
    return Component(key, "eventbridge", "aws_cloudwatch_event_bus", name, {"kind": "bus"})


def read_pipe(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_pipes_pipe (source, enrichment and target are wired later)."""
    if "filter_criteria" in body:
        ctx.report.assumptions.append(f"{key}: filter_pass_ratio = 1 (the pipe filters events; every event is "
                                      "counted until you give the share that passes)")
    return Component(key, "eventbridge", "aws_pipes_pipe", name, {"kind": "pipe"})


def wire_pipe(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """A pipe: its SQS queue or DynamoDB stream drives it; it drives its enrichment and target."""
    source = ctx.any_target(body.get("source"), ("sqs", "dynamodb"), key)
    if source is None:
        ctx.report.notes.append(f"{key}.source: not a queue or table stream of this configuration (Kinesis, MQ, "
                                "Kafka are not modelled); the pipe is driven by the workload")
    ctx.wire(key, source, f"{key}.source")
    for attribute, kinds in (("enrichment", ("lambda", "step_functions")), ("target", TARGET_KINDS)):
        ctx.wire(ctx.any_target(body.get(attribute), kinds, key), key, f"{key}.{attribute}")
    return f"pipe {source or '(source outside)'} → {key}"


def pattern_of(value: Any) -> dict | None:
    """An event pattern's `source` list, from JSON text or `jsonencode({source = [...]})`.

    >>> pattern_of('${jsonencode({source = ["aws.ec2"], detail-type = ["x"]})}')
    {'source': ['aws.ec2']}
    """
    if not isinstance(value, str):
        return None
    try:
        parsed = json.loads(value)
        return parsed if isinstance(parsed, dict) else None
    except ValueError:
        match = _SOURCES.search(value)
        return {"source": re.findall(r'"([^"]*)"', match.group(1))} if match else None


def pattern_target(ctx: ImportContext, rule_key: str, rule: dict, key: str, body: dict) -> str:
    """An event target of a pattern rule: the rule's bus drives it (or counts a cross-account bus target)."""
    if ctx.value(rule, "state", where=rule_key) == "DISABLED" or \
            ctx.value(rule, "is_enabled", where=rule_key) is False:
        return f"event pattern {rule_key} (disabled)"
    name = body.get("event_bus_name", rule.get("event_bus_name"))
    pattern = pattern_of(rule.get("event_pattern"))
    if name is None or name == "default":
        bus: str | None = default_bus(ctx, pattern)
    else:
        bus = ctx.any_target(name, ("eventbridge",), key)
    target = ctx.any_target(body.get("arn"), TARGET_KINDS, key)
    arn = body.get("arn")
    if bus and target is None and isinstance(arn, str) and ":event-bus/" in arn and "${" not in arn:
        fields = ctx.found.components[bus].fields
        fields["cross_account_targets"] = fields.get("cross_account_targets", 0) + 1
        return f"event pattern {rule_key}: cross-account bus target on {bus}"
    if bus and target and target != bus:
        ctx.wire(target, bus, key)
        return f"event pattern {rule_key}: wires {bus} → {target}"
    return f"event pattern {rule_key}: not a target or bus of this configuration; not wired"


def schedule_target(ctx: ImportContext, rule_key: str, rule: dict, key: str, body: dict, enabled: bool) -> str | None:
    """A scheduled rule's state machine target runs on the schedule (None when the target is not one)."""
    machine = ctx.any_target(body.get("arn"), ("step_functions",), key)
    if machine is None:
        return None
    add_schedule(ctx, machine, rule, "schedule_expression", enabled, rule_key)
    return f"schedule {rule_key} for {machine}"


def scheduler_schedule(ctx: ImportContext, key: str, body: dict, module: TfModule) -> str:
    """aws_scheduler_schedule: a function or state machine runs on it; its invocations are Scheduler's."""
    target = ctx.any_target(ctx.raw(body, "target", 0, "arn", where=key), ("lambda", "step_functions"), key)
    enabled = ctx.value(body, "state", where=key) != "DISABLED"
    add_schedule(ctx, target, body, "schedule_expression", enabled, key)
    count_scheduler(ctx, body, "schedule_expression", enabled, key)
    return f"schedule for {target or 'no function or state machine of this configuration'}"


def v2_starts_state_machine(ctx: ImportContext, key: str, body: dict) -> str | None:
    """aws_apigatewayv2_integration with a StepFunctions-* subtype: the API drives the state machine (None when
    it starts none: the caller wires it to a function or a service)."""
    return api_starts_state_machine(ctx, body.get("api_id"), f"{key}.api_id", body.get("request_parameters"),
                                    body.get("integration_subtype"), key)


def rest_starts_state_machine(ctx: ImportContext, key: str, body: dict) -> str | None:
    """aws_api_gateway_integration with a `states:action/StartExecution` uri (None when it starts none)."""
    integration = {k: body.get(k) for k in ("uri", "request_templates")}
    return api_starts_state_machine(ctx, body.get("rest_api_id"), f"{key}.rest_api_id", integration, None, key)


READERS = {"aws_sfn_state_machine": read_state_machine, "aws_cloudwatch_event_bus": read_bus,
           "aws_pipes_pipe": read_pipe}
WIRING = {"aws_sfn_state_machine": wire_state_machine, "aws_pipes_pipe": wire_pipe,
          "aws_scheduler_schedule": scheduler_schedule}
