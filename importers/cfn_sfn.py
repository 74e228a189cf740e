"""CloudFormation/SAM: Step Functions state machines and EventBridge buses, rules, pipes and schedules.

- `AWS::StepFunctions::StateMachine` / `AWS::Serverless::StateMachine` → `step_functions` (`StateMachineType` /
  `Type` EXPRESS → `workflow: express`); an inline definition gives `transitions_per_execution` (each state
  once) and wires every function, queue, topic, table, bus or state machine its Task states call (`calls` = the
  number of Task states calling it); SAM's `Events` (Api, Schedule, ScheduleV2, EventBridgeRule) drive it.
- `AWS::Events::EventBus` → `eventbridge` (kind bus); a rule with an `EventPattern` drives each target from its
  bus (the account's default bus, added as `default_bus`, when `EventBusName` is absent); a target that is
  another account's bus counts as a cross-account delivery.
- `AWS::Pipes::Pipe` → `eventbridge` (kind pipe), driven by its SQS or DynamoDB-stream source, driving its
  enrichment and its target.
- `AWS::Scheduler::Schedule` and SAM `ScheduleV2` events are EventBridge Scheduler invocations: they add up in
  one `scheduler` component (`events_per_month`), besides counting the target's runs as before.
"""

from __future__ import annotations

import json
from typing import Any

from importers.common import Component, Unresolved
from importers.context import ImportContext, add_schedule
from importers.intrinsics import show
from importers.schedule import monthly_runs
from importers.sfn_definition import parse_text, placeholders, states, task_targets

SAM_STATE_MACHINE = "AWS::Serverless::StateMachine"
STATE_MACHINES = ("AWS::StepFunctions::StateMachine", SAM_STATE_MACHINE)
DEFAULT_BUS = "DefaultEventBus"
SCHEDULER = "EventBridgeScheduler"
#: what a Task state, a rule or a pipe can drive
TASK_KINDS = ("lambda", "sqs", "sns", "dynamodb", "eventbridge", "step_functions")
TARGET_KINDS = ("lambda", "step_functions", "sqs", "sns", "eventbridge")
#: SAM's implicit REST API for `Api` events that name no RestApiId
_SAM_API = ("ServerlessRestApi", "AWS::Serverless::Api")


def read_state_machine(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """A state machine: its workflow type and, from an inline definition, the states one execution runs."""
    where = f"Resources.{lid}.Properties"
    kind = ctx.value(props, "Type" if rtype == SAM_STATE_MACHINE else "StateMachineType", where=where)
    fields: dict[str, Any] = {"workflow": "express" if str(kind or "STANDARD").upper() == "EXPRESS" else "standard"}
    definition = _definition(ctx, lid, props)
    count = sum(1 for _ in states(definition)) if definition else 0
    if count:
        fields["transitions_per_execution"] = count
        ctx.report.assumptions.append(f"{lid}: transitions_per_execution = {count} (each state of the definition "
                                      "once; Map iterations, loops and retries add more)")
    if rtype == SAM_STATE_MACHINE:
        _implicit_api(ctx, lid, props, where)
    return Component(lid, "step_functions", rtype, lid, fields)


def _implicit_api(ctx: ImportContext, lid: str, props: dict, where: str) -> None:
    """SAM creates ServerlessRestApi for a state machine's Api events that name no RestApiId."""
    for name, event in ctx.mapping(props, "Events", where=where).items():
        spot = f"{where}.Events.{name}"
        if ctx.value(event, "Type", where=spot) == "Api" and "RestApiId" not in ctx.mapping(event, "Properties",
                                                                                             where=spot):
            key, origin = _SAM_API
            if key not in ctx.found.components:
                ctx.found.add(Component(key, "api_gateway", f"implicit {origin} from Api events", key, {"api": "rest"}),
                              before=lid)


def _definition(ctx: ImportContext, lid: str, props: dict) -> dict | None:
    """The definition as a mapping with `${...}` placeholders marked: inline, or read from the local file its
    `DefinitionUri` / `DefinitionS3Location` names (as before `sam package` uploads it); None when there is none
    or the file is not read (reported once)."""
    if lid not in ctx.definitions:
        ctx.definitions[lid] = _inline_definition(props) or _file_definition(ctx, lid, props)
    return ctx.definitions[lid]


def _inline_definition(props: dict) -> dict | None:
    """An inline definition (`Definition`, `DefinitionString`), placeholders marked; None when there is none."""
    raw = props.get("Definition")
    if isinstance(raw, dict) and isinstance(raw.get("States"), dict):
        return parse_text(json.dumps(raw))
    text = props.get("DefinitionString")
    if isinstance(text, dict) and "Fn::Sub" in text:
        sub = text["Fn::Sub"]
        text = sub[0] if isinstance(sub, list) and sub else sub
    return parse_text(text) if isinstance(text, str) else None


def _file_definition(ctx: ImportContext, lid: str, props: dict) -> dict | None:
    """A definition in a local file beside the template (JSON or YAML), placeholders marked; None, with a note
    saying why, when it is in S3 or the file cannot be read."""
    prop = next((k for k in ("DefinitionUri", "DefinitionS3Location") if k in props), None)
    if prop is None:
        return None
    where = f"Resources.{lid}.Properties.{prop}"
    location = props[prop]
    why: Any = None
    if not isinstance(location, str):
        why = "an S3 object"
    elif location.startswith(("s3://", "https://", "http://")):
        why = "an S3 or https location"
    elif ctx.read_file is None:
        why = "an uploaded file has no folder"
    else:
        data, why = ctx.read_file(location)
        definition = parse_text(json.dumps(data)) if data is not None else None
        if definition is not None:
            ctx.report.notes.append(f"{where}: the definition was read from {location}")
            return definition
        why = why or "not a state machine definition (no States)"
    ctx.report.notes.append(f"{where}: the definition {show(location)} was not read ({why}); "
                            "transitions_per_execution is left at the design default")
    return None


def _substitutions(props: dict) -> dict[str, Any]:
    """`${name}` → the value that fills it: DefinitionSubstitutions and an `Fn::Sub` variable map."""
    found: dict[str, Any] = {}
    if isinstance(props.get("DefinitionSubstitutions"), dict):
        found.update(props["DefinitionSubstitutions"])
    text = props.get("DefinitionString")
    sub = text.get("Fn::Sub") if isinstance(text, dict) else None
    if isinstance(sub, list) and len(sub) > 1 and isinstance(sub[1], dict):
        found.update(sub[1])
    return found


def wire_state_machine(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """What the state machine's Task states call, and (SAM) the events that start it."""
    where = f"Resources.{lid}.Properties"
    definition = _definition(ctx, lid, props)
    subs = _substitutions(props)
    if definition:
        def refs_of(part: Any) -> set[str]:
            keys = set(ctx.find_refs(part))
            for name in placeholders(part):
                keys |= set(ctx.find_refs(subs[name] if name in subs else {"Ref": name.split(".")[0]}))
            return keys

        for key, count in sorted(task_targets(definition, refs_of).items()):
            if ctx.found.kind_of(key) in TASK_KINDS and key != lid:
                ctx.wire(key, lid, f"{where} (Task states)", weight=count)
        _default_bus_tasks(ctx, lid, definition, refs_of, where)
    elif subs:
        _wire_substitutions(ctx, lid, subs, where)
    if rtype == SAM_STATE_MACHINE:
        for name, event in ctx.mapping(props, "Events", where=where).items():
            _sam_event(ctx, lid, event, f"{where}.Events.{name}")


def _wire_substitutions(ctx: ImportContext, lid: str, subs: dict[str, Any], where: str) -> None:
    """A definition that was not read: each function, queue, topic, table, bus or state machine its
    DefinitionSubstitutions name is taken to be called once per execution (a Task state is what a resource's ARN
    is substituted for, as a rule), and the report says so."""
    called = sorted({key for value in subs.values() for key in ctx.find_refs(value)
                     if ctx.found.kind_of(key) in TASK_KINDS and key != lid})
    for key in called:
        ctx.wire(key, lid, f"{where}.DefinitionSubstitutions", weight=1)
    if called:
        ctx.report.assumptions.append(f"{lid}: calls {', '.join(called)} once per execution each (its "
                                      "DefinitionSubstitutions name them; its definition was not read: give `calls` "
                                      "where a Task state runs more often or not at all)")


def _default_bus_tasks(ctx: ImportContext, lid: str, definition: dict, refs_of: Any, where: str) -> None:
    """`events:putEvents` tasks that name no bus of the template publish to the account's default bus."""
    count = 0
    for state in states(definition):
        resource = str(state.get("Resource", ""))
        if state.get("Type") == "Task" and resource.startswith("arn:aws:states:::events:putEvents"):
            named = [k for k in refs_of(state.get("Parameters") or state.get("Arguments") or {})
                     if ctx.found.kind_of(k) == "eventbridge"]
            count += 0 if named else 1
    if count:
        ctx.wire(default_bus(ctx, None), lid, f"{where} (events:putEvents tasks)", weight=count)


def _sam_event(ctx: ImportContext, lid: str, event: Any, where: str) -> None:
    """One entry of a SAM state machine's Events."""
    event_type = ctx.value(event, "Type", where=where)
    props = ctx.mapping(event, "Properties", where=where)
    if event_type == "Api":
        api = _SAM_API[0] if "RestApiId" not in props else \
            ctx.target(props["RestApiId"], "api_gateway", f"{where}.Properties.RestApiId")
        ctx.wire(lid, api, where)
    elif event_type in ("Schedule", "ScheduleV2"):
        key = "Schedule" if event_type == "Schedule" else "ScheduleExpression"
        enabled = ctx.value(props, "Enabled", where=f"{where}.Properties") is not False \
            and ctx.value(props, "State", where=f"{where}.Properties") != "DISABLED"
        add_schedule(ctx, lid, props, key, enabled, f"{where}.Properties")
        if event_type == "ScheduleV2":
            count_scheduler(ctx, props, key, enabled, f"{where}.Properties")
    elif event_type in ("EventBridgeRule", "CloudWatchEvent"):
        wire_rule_event(ctx, lid, props, where)
    else:
        ctx.report.notes.append(f"{where}: {event_type} events are not modelled; their executions are not counted")


def wire_rule_event(ctx: ImportContext, target: str, props: dict, where: str) -> None:
    """A SAM EventBridgeRule (or CloudWatchEvent) event: its bus drives the function or state machine."""
    bus = bus_of(ctx, props.get("EventBusName"), props.get("Pattern"), f"{where}.Properties.EventBusName")
    ctx.wire(target, bus, where)


def bus_of(ctx: ImportContext, name: Any, pattern: Any, where: str) -> str | None:
    """The bus a rule listens on: one of the template's, or the account's default bus when none is named."""
    if name is None or name == "default":
        return default_bus(ctx, pattern)
    bus = ctx.any_target(name, ("eventbridge",), where)
    if bus is None:
        ctx.report.notes.append(f"{where}: {show(name)} is not an event bus of this template; the rule is not wired")
    return bus


def default_bus(ctx: ImportContext, pattern: Any) -> str:
    """The account's default event bus, added once; it carries AWS service events (free) unless a rule on it
    matches events that do not come from AWS (custom events, billed)."""
    aws_only = _aws_sources_only(pattern)
    if DEFAULT_BUS not in ctx.found.components:
        fields = {"event_source": "aws"} if aws_only else {}
        ctx.found.add(Component(DEFAULT_BUS, "eventbridge", "the account's default event bus", "default_bus", fields))
        ctx.report.assumptions.append("default_bus: the account's default event bus, added for the rules that name "
                                      "no EventBusName")
    elif not aws_only:
        ctx.found.components[DEFAULT_BUS].fields.pop("event_source", None)
    return DEFAULT_BUS


def _aws_sources_only(pattern: Any) -> bool:
    """Does an event pattern match only AWS service events (every `source` starts with "aws.")?"""
    sources = pattern.get("source") if isinstance(pattern, dict) else None
    return isinstance(sources, list) and bool(sources) and all(isinstance(s, str) and s.startswith("aws.")
                                                                for s in sources)


def pattern_rule(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Events::Rule with an EventPattern: its bus drives each target of the template."""
    where = f"Resources.{lid}.Properties"
    if ctx.value(props, "State", where=where) == "DISABLED":
        ctx.report.notes.append(f"{where}: rule disabled; not wired")
        return "event pattern rule (disabled)"
    bus = bus_of(ctx, props.get("EventBusName"), props.get("EventPattern"), f"{where}.EventBusName")
    wired, cross = [], 0
    for i, target in enumerate(ctx.items(props, "Targets", where=where)):
        arn = ctx.raw(target, "Arn", where=f"{where}.Targets[{i}]")
        key = ctx.any_target(arn, TARGET_KINDS, where)
        if key and bus and key != bus:
            ctx.wire(key, bus, f"{where}.Targets[{i}]")
            wired.append(key)
        elif key is None and isinstance(arn, str) and ":event-bus/" in arn:
            cross += 1
    if bus and cross:
        fields = ctx.found.components[bus].fields
        fields["cross_account_targets"] = fields.get("cross_account_targets", 0) + cross
    line = f"event pattern on {bus or 'a bus outside the template'}: wires {', '.join(wired) or 'no target'}"
    return line + (f"; {cross} cross-account bus target(s)" if cross else "")


def schedule_state_machines(ctx: ImportContext, props: dict, enabled: bool, where: str) -> list[str]:
    """A scheduled rule's state machine targets: each runs on the schedule."""
    machines = [ctx.any_target(ctx.raw(t, "Arn", where=where), ("step_functions",), where)
                for t in ctx.items(props, "Targets", where=where)]
    for machine in filter(None, machines):
        add_schedule(ctx, machine, props, "ScheduleExpression", enabled, where)
    return [m for m in machines if m]


def scheduler_schedule(ctx: ImportContext, lid: str, props: dict) -> str:
    """AWS::Scheduler::Schedule: a function or state machine target runs on it; its invocations are Scheduler's."""
    where = f"Resources.{lid}.Properties"
    target = ctx.any_target(ctx.raw(props, "Target", "Arn", where=where), ("lambda", "step_functions"), where)
    enabled = ctx.value(props, "State", where=where) != "DISABLED"
    add_schedule(ctx, target, props, "ScheduleExpression", enabled, where)
    count_scheduler(ctx, props, "ScheduleExpression", enabled, where)
    return f"schedule for {target or 'no function or state machine of this template'}"


def count_scheduler(ctx: ImportContext, props: dict, key: str, enabled: bool, where: str) -> None:
    """Add a schedule's runs to the EventBridge Scheduler component (created once)."""
    expression = ctx.value(props, key, where=where, default_note="its runs are not counted") if enabled else None
    try:
        runs = monthly_runs(str(expression)) if expression is not None else 0.0
    except Unresolved:
        return  # add_schedule reported it
    if not runs:
        return
    if SCHEDULER not in ctx.found.components:
        ctx.found.add(Component(SCHEDULER, "eventbridge", "EventBridge Scheduler schedules", "scheduler",
                                {"kind": "scheduler", "events_per_month": 0.0}))
    fields = ctx.found.components[SCHEDULER].fields
    fields["events_per_month"] = round(fields["events_per_month"] + runs, 2)


def read_bus(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Events::EventBus: a custom (or partner) event bus."""
    return Component(lid, "eventbridge", rtype, lid, {"kind": "bus"})


def read_pipe(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Pipes::Pipe (its source, enrichment and target are wired later)."""
    if "FilterCriteria" in props:
        ctx.report.assumptions.append(f"{lid}: filter_pass_ratio = 1 (the pipe filters events; every event is "
                                      "counted until you give the share that passes)")
    return Component(lid, "eventbridge", rtype, lid, {"kind": "pipe"})


def wire_pipe(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A pipe: its SQS queue or DynamoDB stream drives it; it drives its enrichment and target."""
    where = f"Resources.{lid}.Properties"
    source = ctx.any_target(props.get("Source"), ("sqs", "dynamodb"), f"{where}.Source")
    if source is None:
        ctx.report.notes.append(f"{where}.Source: {show(props.get('Source'))} is not a queue or table stream of this "
                                "template (Kinesis, MQ, Kafka are not modelled); the pipe is driven by the workload")
    ctx.wire(lid, source, f"{where}.Source")
    for prop, kinds in (("Enrichment", ("lambda", "step_functions")), ("Target", TARGET_KINDS)):
        ctx.wire(ctx.any_target(props.get(prop), kinds, f"{where}.{prop}"), lid, f"{where}.{prop}")


READERS = {"AWS::StepFunctions::StateMachine": read_state_machine, SAM_STATE_MACHINE: read_state_machine,
           "AWS::Events::EventBus": read_bus, "AWS::Pipes::Pipe": read_pipe}
COMPONENT_WIRING = {"AWS::StepFunctions::StateMachine": wire_state_machine, SAM_STATE_MACHINE: wire_state_machine,
                    "AWS::Pipes::Pipe": wire_pipe}


def api_starts_state_machine(ctx: ImportContext, api_ref: Any, api_where: str, integration: Any, subtype: Any,
                             where: str) -> str | None:
    """An API integration that starts a state machine (HTTP API `StepFunctions-StartExecution` /
    `-StartSyncExecution` subtypes, a REST API's `states:action/StartExecution` URI): the API drives the state
    machine it names; a synchronous start marks an Express workflow `sync`. None when it starts none."""
    text = f"{subtype or ''} {integration if isinstance(integration, str) else json.dumps(integration, default=str)}"
    if "StepFunctions-Start" not in text and ":states:action/Start" not in text:
        return None
    machine = ctx.any_target(integration, ("step_functions",), where)
    if machine is None:
        return "starts a state machine outside this template; not wired"
    api = ctx.target(api_ref, "api_gateway", api_where)
    ctx.wire(machine, api, where)
    fields = ctx.found.components[machine].fields
    if "StartSyncExecution" in text and fields.get("workflow") == "express":
        fields["sync"] = True
    return f"wires {api} → {machine}"


def v2_starts_state_machine(ctx: ImportContext, lid: str, props: dict) -> str | None:
    """AWS::ApiGatewayV2::Integration with a StepFunctions-* subtype: the API drives the state machine (None when
    the integration starts none: the caller wires it to a function or a service)."""
    where = f"Resources.{lid}.Properties"
    return api_starts_state_machine(ctx, props.get("ApiId"), f"{where}.ApiId", props.get("RequestParameters"),
                                    props.get("IntegrationSubtype"), where)


def rest_starts_state_machine(ctx: ImportContext, lid: str, props: dict) -> str | None:
    """AWS::ApiGateway::Method with a `states:action/StartExecution` integration (None when it starts none)."""
    where = f"Resources.{lid}.Properties"
    integration = ctx.raw(props, "Integration", where=where)
    return api_starts_state_machine(ctx, props.get("RestApiId"), f"{where}.RestApiId", integration, None, where)
