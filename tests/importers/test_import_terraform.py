"""Importing Terraform: a module directory (variables, tfvars, locals), single files, expressions.

The sample (tests/import_samples/terraform_events/) has aws_lambda_function,
aws_dynamodb_table, aws_api_gateway_rest_api, aws_apigatewayv2_api, aws_s3_bucket, aws_sqs_queue,
aws_sns_topic, their integrations, event source mappings, a bucket notification, a subscription,
a scheduled rule, provisioned concurrency, `count` and a module.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from importers import import_path, import_text
from importers.common import Unresolved
from importers.tf_expr import TfResolver
from models.design.schema import DesignError
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "terraform_events"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def module():
    return import_path(SAMPLE)


def test_the_module_becomes_a_design_that_matches_it(module):
    assert module.report.kind == "Terraform"
    assert module.design["region"] == "ap-northeast-1"  # provider "aws" { region = var.region }
    assert module.design["components"] == [
        {"id": "partner", "type": "api_gateway", "api": "rest"},
        {"id": "web", "type": "api_gateway", "api": "http"},
        {"id": "ingest", "type": "lambda", "from": "partner", "memory_mb": 512, "timeout_s": 10,
         "architecture": "arm64", "runtime": "python", "provisioned_concurrency": 3, "duration_ms": 100},
        {"id": "query", "type": "lambda", "from": "web", "memory_mb": 256, "timeout_s": 3, "architecture": "arm64",
         "runtime": "python", "duration_ms": 100},
        # dead_letter_config → dlq; the log group "/aws/lambda/${local.prefix}-worker" keeps 14 days; batch_size 10
        {"id": "worker", "type": "lambda", "from": "events", "memory_mb": 1024, "timeout_s": 30,
         "architecture": "x86_64", "ephemeral_storage_mb": 4096, "runtime": "python", "dlq": True,
         "log_retention_days": 14, "batch_size": 10, "duration_ms": 100},
        # nodejs20.x; the stream mapping gives no batch_size: AWS's default of 100 for streams
        {"id": "stream_processor", "type": "lambda", "from": "events_dynamodb", "memory_mb": 128, "timeout_s": 3,
         "architecture": "x86_64", "runtime": "nodejs", "batch_size": 100, "duration_ms": 100},
        {"id": "compactor", "type": "lambda", "from": "uploads", "memory_mb": 3008, "timeout_s": 900,
         "architecture": "x86_64", "runtime": "python", "duration_ms": 100},
        {"id": "events", "type": "sqs", "from": "ingest", "queue": "standard", "message_kb": 1},
        {"id": "events_dlq", "type": "sqs", "queue": "standard", "messages_per_month": 0, "message_kb": 1},
        {"id": "events_dynamodb", "type": "dynamodb", "from": "query", "billing": "provisioned", "rcu": 10,
         "wcu": 20, "table_class": "standard_ia", "pitr": True,
         "gsis": [{"name": "by_source", "rcu": 5, "wcu": 10}], "reads": 1, "writes": 1, "item_kb": 1,
         "storage_gb": 1},
        {"id": "alerts", "type": "sns", "from": "stream_processor", "deliveries": {"email": 1, "sqs": 1},
         "message_kb": 1},
        {"id": "alert_archive", "type": "sqs", "from": "alerts", "queue": "standard", "message_kb": 1},
        {"id": "uploads", "type": "s3", "puts": 1, "gets": 0, "storage_gb": 10},
        {"id": "archive", "type": "s3", "puts": 1, "gets": 0, "storage_gb": 10},
    ]
    assert estimate_data(module.design).total_usd > 0


def test_wiring_resources_are_recognised(module):
    assert "aws_lambda_event_source_mapping.events_to_worker: wires aws_sqs_queue.events → " \
           "aws_lambda_function.worker" in module.report.recognised
    assert "aws_lambda_event_source_mapping.table_stream: wires aws_dynamodb_table.events → " \
           "aws_lambda_function.stream_processor" in module.report.recognised
    assert "aws_s3_bucket_notification.uploads: wires aws_s3_bucket.uploads → aws_lambda_function.compactor" \
        in module.report.recognised


def test_count_zero_is_skipped_and_modules_and_unpriced_resources_are_listed(module):
    assert "aws_s3_bucket.legacy: skipped, count = 0" in module.report.notes
    assert "module.alarms: modules are not followed; import the module's directory separately" in module.report.ignored
    assert "aws_cloudwatch_log_group.worker: log group of aws_lambda_function.worker (kept 14 days); its logs are " \
           "priced with the function" in module.report.recognised
    assert "aws_iam_role.lambda: no charge of its own" in module.report.ignored
    assert module.report.unresolved == []


def test_a_scheduled_rule_on_an_api_function_is_noted(module):
    assert "query: driven by web; also invoked by a schedule, which is not counted (a design component has one " \
           "`from`)" in module.report.notes


def test_params_override_tfvars_and_defaults():
    result = import_path(SAMPLE, params={"environment": "prod", "table_read_capacity": "7", "region": "us-east-1"})
    comps = by_id(result.design)
    assert result.design["region"] == "us-east-1"
    assert comps["events_dynamodb"]["rcu"] == 7                  # --param beats terraform.tfvars
    assert comps["ingest"]["reserved_concurrency"] == 100        # local.is_prod ? 100 : -1
    assert comps["worker"]["timeout_s"] == 60                    # local.worker_timeout = local.is_prod ? 60 : 30


def test_a_single_file_reports_the_variables_it_cannot_see():
    result = import_path(SAMPLE / "main.tf")
    comps = by_id(result.design)
    assert result.design["region"] == "us-east-1"
    assert comps["events_dynamodb"]["billing"] == "on_demand"
    assert result.report.unresolved == [
        "provider.aws.region: var.region is not declared in the imported files; priced in us-east-1",
        "aws_s3_bucket.archive.count: var.enable_archive is not declared in the imported files; imported as one "
        "resource",
        "aws_lambda_function.ingest.memory_size: var.api_memory_mb is not declared in the imported files; left at "
        "the design default",
        "aws_lambda_function.ingest.reserved_concurrent_executions: var.environment is not declared in the imported "
        "files; left at the design default",
        "aws_lambda_function.worker.timeout: var.environment is not declared in the imported files; left at the "
        "design default",
        "aws_dynamodb_table.events.read_capacity: var.table_read_capacity is not declared in the imported files; "
        "left at the design default",
        "aws_dynamodb_table.events: provisioned capacity is not known for the table or an index; priced as "
        "on_demand until you give rcu/wcu",
    ]


SMALL_TF = """\
variable "memory" {
  type = number
}

resource "aws_apigatewayv2_api" "chat" {
  name                       = "chat"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_lambda_function" "chat" {
  function_name = "chat"
  memory_size   = var.memory
  architectures = ["arm64"]
  reserved_concurrent_executions = 10
}

resource "aws_apigatewayv2_integration" "chat" {
  api_id           = aws_apigatewayv2_api.chat.id
  integration_type = "AWS_PROXY"
  integration_uri  = aws_lambda_function.chat.invoke_arn
}
"""


def test_name_clashes_get_the_type_appended_and_websocket_is_read():
    result = import_text(SMALL_TF, "chat.tf", params={"memory": "1024"})
    assert result.design["components"] == [
        {"id": "chat", "type": "api_gateway", "api": "websocket"},
        {"id": "chat_lambda", "type": "lambda", "from": "chat", "memory_mb": 1024, "timeout_s": 3,
         "architecture": "arm64", "reserved_concurrency": 10, "duration_ms": 100},
    ]
    assert result.report.notes[0] == "variable memory = 1024 (from --param)"


def test_an_unknown_variable_param_is_an_error():
    with pytest.raises(DesignError) as err:
        import_text(SMALL_TF, "chat.tf", params={"mem": "1"})
    assert err.value.problems == ["chat.tf: --param mem: the configuration has no such variable (its variables: "
                                  "memory)"]


def test_cli_imports_a_directory_and_writes_the_file(tmp_path):
    out = tmp_path / "tf.yaml"
    result = subprocess.run([sys.executable, "cli.py", "import", str(SAMPLE), "-o", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == "imported terraform_events (Terraform): 24 recognised, 6 ignored, " \
                                            "0 unresolved"
    priced = subprocess.run([sys.executable, "cli.py", "estimate", str(out)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert priced.returncode == 0 and "Total: USD" in priced.stdout


@pytest.fixture
def resolver() -> TfResolver:
    return TfResolver({"env": "prod", "n": 4, "on": True, "sizes": [128, 512], "cfg": {"mem": 2048}},
                      {"secret": "variable secret has no default; give --param secret=VALUE"},
                      {"prefix": "app-${var.env}", "big": "${var.n * 256}", "loop": "${local.loop}"})


@pytest.mark.parametrize("text, value", [
    ("plain", "plain"),
    ("${var.n}", 4),
    ("${var.n * 128 + 1}", 513),
    ("${var.env == \"prod\" ? 10 : 2}", 10),
    ("${!var.on || var.n > 3}", True),
    ("${var.on && var.n < 3}", False),
    ("${(var.n - 1) % 2}", 1),
    ("${var.sizes[1]}", 512),
    ("${var.cfg.mem}", 2048),
    ("${local.prefix}-table", "app-prod-table"),
    ("${local.big}", 1024),
    ("cost $${literal}", "cost ${literal}"),
    ("${-var.n}", -4),
])
def test_terraform_expressions_that_need_no_plan_are_evaluated(resolver, text, value):
    assert resolver.resolve(text) == value


@pytest.mark.parametrize("text, reason", [
    ("${aws_sqs_queue.jobs.arn}", "${aws_sqs_queue.jobs.arn}: aws_sqs_queue.jobs.arn is known only after terraform "
                                  "apply"),
    ("${max(1, 2)}", "${max(1, 2)}: function max() is not evaluated"),
    ("${var.secret}", "variable secret has no default; give --param secret=VALUE"),
    ("${var.nope}", "var.nope is not declared in the imported files"),
    ("${local.loop}", "local.loop depends on itself"),
    ("${var.env ? 1 : 2}", "${var.env ? 1 : 2}: the condition is not true or false"),
    ("%{ if var.on }x%{ endif }", "'%{ if var.on }x%{ endif }': template directives (%{ }) are not evaluated"),
])
def test_terraform_expressions_that_need_a_plan_are_unresolved(resolver, text, reason):
    with pytest.raises(Unresolved) as err:
        resolver.resolve(text)
    assert str(err.value) == reason
