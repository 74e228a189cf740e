"""Importing Step Functions and EventBridge: a SAM template and a Terraform module with a state machine, an
event bus, rules, a pipe and a schedule are wired into the design the way the templates wire them.

Samples: tests/import_samples/order_workflow_sam.yaml and tests/import_samples/terraform_sfn/main.tf (the same
order workflow written twice, plus an audit workflow started by the default bus or a pipe and a schedule).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import import_path, import_text
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAM = ROOT / "tests" / "import_samples" / "order_workflow_sam.yaml"
TERRAFORM = ROOT / "tests" / "import_samples" / "terraform_sfn"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def sam():
    return import_path(SAM)


@pytest.fixture(scope="module")
def terraform():
    return import_path(TERRAFORM)


def test_sam_state_machine_and_rules_are_wired_into_the_design(sam):
    comps = by_id(sam.design)
    links = {c["id"]: (c.get("from"), c.get("calls", 1)) for c in sam.design["components"]}
    assert links == {
        "serverless_rest_api": (None, 1),                   # SAM's implicit REST API for the Api event
        "order_state_machine": ("serverless_rest_api", 1),
        "order_function": ("order_state_machine", 2),       # two Task states call it (a substitution and !GetAtt)
        "orders_table": ("order_function", 1),              # the only function that references it
        "orders_bus": ("order_state_machine", 1),           # the events:putEvents task names the bus
        "fulfilment_queue": ("orders_bus", 1),              # AWS::Events::Rule EventPattern target
        "notify_function": ("orders_bus", 1),               # SAM EventBridgeRule event
        "audit_machine": ("default_bus", 1),                # a rule on the default bus (no EventBusName)
        "audit_function": ("audit_machine", 2),             # ${AuditFunction.Arn} twice in DefinitionString
        "default_bus": (None, 1),
        "scheduler": (None, 1),                             # AWS::Scheduler::Schedule
    }
    assert comps["order_state_machine"]["workflow"] == "express"
    assert comps["order_state_machine"]["transitions_per_execution"] == 4  # Validate, Charge, Publish, Done
    assert comps["audit_machine"]["workflow"] == "standard"
    assert comps["audit_machine"]["transitions_per_execution"] == 3
    assert comps["orders_bus"]["kind"] == "bus" and comps["orders_bus"]["cross_account_targets"] == 1
    assert comps["default_bus"]["event_source"] == "aws"  # the rule matches aws.ec2 events only: free ingestion
    assert (comps["scheduler"]["kind"], comps["scheduler"]["events_per_month"]) == ("scheduler", 30.42)
    assert not sam.report.unresolved


def test_sam_import_prices_the_workflow_and_the_bus(sam):
    estimate = estimate_data(sam.design)
    priced = {li.price_id for li in estimate.line_items}
    assert {"sfn.express.requests", "sfn.express.duration", "sfn.standard.state_transitions",
            "eventbridge.custom_events", "eventbridge.cross_account_events",
            "eventbridge.scheduler.invocations"} <= priced
    # the default bus carries AWS service events: no custom-event line for it
    assert not [li for li in estimate.line_items if li.component == "default_bus" and li.cost_usd]


def test_terraform_state_machine_bus_pipe_and_schedule_are_wired(terraform):
    links = {c["id"]: (c.get("from"), c.get("calls", 1)) for c in terraform.design["components"]}
    assert links == {
        "orders": (None, 1),
        "order": ("order_step_functions", 2),               # named by two Task states of jsonencode()
        "orders_dynamodb": ("order", 1),
        "order_step_functions": ("orders", 1),              # StepFunctions-StartSyncExecution integration
        "orders_eventbridge": ("order_step_functions", 1),
        "notify": ("orders_eventbridge", 1),                # aws_cloudwatch_event_target on an event pattern
        "fulfilment": ("orders_eventbridge", 1),
        "fulfil": ("fulfilment", 1),                        # the pipe's source
        "audit": ("fulfil", 1),                             # the pipe's target
        "audit_lambda": ("audit", 2),                       # ${aws_lambda_function.audit.arn} twice in a heredoc
        "scheduler": (None, 1),
    }
    comps = by_id(terraform.design)
    assert comps["order_step_functions"]["workflow"] == "express" and comps["order_step_functions"]["sync"] is True
    assert comps["order_step_functions"]["transitions_per_execution"] == 3
    assert comps["fulfil"]["kind"] == "pipe"
    assert comps["scheduler"]["events_per_month"] == 30.42
    assert terraform.design["region"] == "ap-northeast-1"


def test_a_scheduled_rule_starts_a_state_machine_with_its_runs_per_month():
    template = """
Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
  Hourly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: rate(1 hour)
      Targets: [{Id: m, Arn: !Ref Machine}]
"""
    design = import_text(template, "t.yaml").design
    assert design["components"][0]["executions_per_month"] == 730.0  # 730 hours a month
    assert "workload" not in design


def test_a_definition_in_a_file_is_reported_and_left_at_the_default():
    template = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/order.asl.json
"""
    result = import_text(template, "t.yaml")
    assert "transitions_per_execution" not in result.design["components"][0]
    assert any("separate file" in note for note in result.report.notes)
