"""Importing Step Functions and EventBridge: a SAM template and a Terraform module with a state machine, an
event bus, rules, a pipe and a schedule are wired into the design the way the templates wire them.

Samples: tests/import_samples/order_workflow_sam.yaml and tests/import_samples/terraform_sfn/main.tf (the same
order workflow written twice, plus an audit workflow started by the default bus or a pipe and a schedule).
"""

from __future__ import annotations

import json
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


#: a SAM project as `sam init` lays it out: the definition beside the template, its function ARNs substituted
FILE_MACHINE = """
Transform: AWS::Serverless-2016-10-31
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Type: EXPRESS
      DefinitionUri: statemachine/order.asl.json
      DefinitionSubstitutions:
        ValidateArn: !GetAtt Validate.Arn
        ChargeArn: !GetAtt Charge.Arn
        OrdersQueueUrl: !Ref Orders
      Events:
        Hourly: {Type: Schedule, Properties: {Schedule: rate(1 hour)}}
  Validate:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler, CodeUri: src/}
  Charge:
    Type: AWS::Serverless::Function
    Properties: {Runtime: python3.13, Handler: app.handler, CodeUri: src/}
  Orders:
    Type: AWS::SQS::Queue
"""
#: Validate is called by two Task states (the first try and a retry branch), Charge by one, the queue by one
ORDER_ASL = {"StartAt": "Validate", "States": {
    "Validate": {"Type": "Task", "Resource": "${ValidateArn}", "Next": "Valid?"},
    "Valid?": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": True, "Next": "Charge"}],
               "Default": "Revalidate"},
    "Revalidate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName": "${ValidateArn}"}, "Next": "Charge"},
    "Charge": {"Type": "Task", "Resource": "${ChargeArn}", "Next": "Queue"},
    "Queue": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
              "Parameters": {"QueueUrl": "${OrdersQueueUrl}", "MessageBody.$": "$"}, "End": True}}}


def project(tmp_path: Path, definition: str | None, name: str = "statemachine/order.asl.json") -> Path:
    """A SAM project folder: template.yaml and (unless None) the definition file at `name`."""
    (tmp_path / "template.yaml").write_text(FILE_MACHINE.replace("statemachine/order.asl.json", name),
                                            encoding="utf-8")
    if definition is not None:
        (tmp_path / "statemachine").mkdir(exist_ok=True)
        (tmp_path / "statemachine" / Path(name).name).write_text(definition, encoding="utf-8")
    return tmp_path / "template.yaml"


def links(design: dict) -> dict[str, tuple]:
    return {c["id"]: (c.get("from"), c.get("calls", 1)) for c in design["components"]}


def test_a_definition_file_beside_the_template_is_read_counted_and_wired(tmp_path):
    result = import_path(project(tmp_path, json.dumps(ORDER_ASL, indent=2)))
    comps = by_id(result.design)
    assert comps["machine"]["transitions_per_execution"] == 5     # Validate, Valid?, Revalidate, Charge, Queue
    assert links(result.design)["validate"] == ("machine", 2)     # two Task states call it
    assert links(result.design)["charge"] == ("machine", 1)
    assert links(result.design)["orders"] == ("machine", 1)
    assert any("read from statemachine/order.asl.json" in note for note in result.report.notes)
    # the hourly schedule runs the machine 730 times a month: Validate runs twice per execution
    estimate = estimate_data(result.design)
    billed = [li.quantity for li in estimate.line_items
              if li.component == "validate" and li.price_id == "lambda.requests" and li.quantity > 0]
    assert billed == [730 * 2]


def test_a_yaml_definition_file_is_read_too(tmp_path):
    yaml_asl = """
StartAt: Charge
States:
  Charge: {Type: Task, Resource: "${ChargeArn}", End: true}
"""
    result = import_path(project(tmp_path, yaml_asl, "statemachine/order.asl.yaml"))
    assert by_id(result.design)["machine"]["transitions_per_execution"] == 1
    assert links(result.design)["charge"] == ("machine", 1)
    assert links(result.design)["validate"][0] is None            # the definition read does not call it


def test_an_upload_has_no_definition_file_and_its_substitutions_are_called_once_each():
    result = import_text(FILE_MACHINE, "template.yaml")
    assert "transitions_per_execution" not in by_id(result.design)["machine"]
    assert [links(result.design)[k] for k in ("validate", "charge", "orders")] == [("machine", 1)] * 3
    assert any("not read (an uploaded file has no folder)" in note for note in result.report.notes)
    assert any("Machine: calls Charge, Orders, Validate once per execution each" in line
               for line in result.report.assumptions)


@pytest.mark.parametrize(("name", "why"), [
    ("statemachine/missing.asl.json", "no such file"),
    ("../outside.asl.json", "outside the imported folder"),
    ("/etc/passwd", "an absolute path"),
    ("file:///etc/passwd", "an absolute path"),
])
def test_a_definition_file_not_there_or_outside_the_folder_is_not_read(tmp_path, name, why):
    folder = tmp_path / "project"
    folder.mkdir()
    (tmp_path / "outside.asl.json").write_text('{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}',
                                               encoding="utf-8")
    (folder / "template.yaml").write_text(FILE_MACHINE.replace("statemachine/order.asl.json", name), encoding="utf-8")
    result = import_path(folder / "template.yaml")
    assert "transitions_per_execution" not in by_id(result.design)["machine"]
    assert any(f"was not read ({why})" in note for note in result.report.notes)
    assert links(result.design)["charge"] == ("machine", 1)      # the substitutions still wire it


def test_a_broken_definition_file_is_a_note_not_a_failed_import(tmp_path):
    result = import_path(project(tmp_path, '{"StartAt": "A", "States": {'))
    assert "transitions_per_execution" not in by_id(result.design)["machine"]
    [note] = [n for n in result.report.notes if "order.asl.json" in n]
    assert "not valid JSON" in note and "line 1" in note


def test_a_definition_in_s3_is_reported_and_left_at_the_default():
    template = """
Resources:
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionS3Location: {Bucket: my-bucket, Key: order.asl.json}
"""
    result = import_text(template, "t.yaml")
    assert "transitions_per_execution" not in result.design["components"][0]
    assert any("was not read (an S3 object)" in note for note in result.report.notes)
