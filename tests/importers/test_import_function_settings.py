"""Function settings read by the importers (issue 17), on own fixtures shaped like the public templates
(the SAM translator's `function_with_intrinsic_architecture.yaml`: `Architectures: !Ref ArchitectureRef`)."""

from __future__ import annotations

import pytest

from importers import import_text

ARCH_PARAMETER = """
Transform: AWS::Serverless-2016-10-31
Parameters:
  ArchitectureRef:
    Type: {ptype}
    Default: arm64
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "def handler(e, c): pass"
      Architectures: !Ref ArchitectureRef
"""


@pytest.mark.parametrize("ptype", ["String", "CommaDelimitedList"])
def test_an_architecture_through_a_parameter_takes_its_default(ptype):
    result = import_text(ARCH_PARAMETER.format(ptype=ptype), "arch.yaml")
    assert result.design["components"][0]["architecture"] == "arm64"
    assert result.report.unresolved == []


def test_an_architecture_parameter_without_a_value_is_reported_not_silently_x86():
    text = ARCH_PARAMETER.format(ptype="String").replace("    Default: arm64\n", "")
    result = import_text(text, "arch.yaml")
    assert result.design["components"][0]["architecture"] == "x86_64"
    assert any(line.startswith("Resources.Fn.Properties.Architectures: ") and "priced as x86_64" in line
               for line in result.report.unresolved)


@pytest.mark.parametrize("runtime, snap, expected", [
    ("python3.13", None, "python"), ("nodejs22.x", None, "nodejs"), ("java21", None, "java"),
    ("java21", "PublishedVersions", "java_snapstart"), ("java17", "None", "java"), ("dotnet8", None, "dotnet"),
    ("ruby3.3", None, "ruby"), ("provided.al2023", None, "custom"), ("go1.x", None, "custom"),
])
def test_runtimes_map_to_the_design_family(runtime, snap, expected):
    snap_start = f"\n      SnapStart:\n        ApplyOn: {snap}" if snap else ""
    text = ("Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
            f"      Runtime: {runtime}{snap_start}\n")
    assert import_text(text, "rt.yaml").design["components"][0]["runtime"] == expected


def test_an_unknown_runtime_is_reported():
    text = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: cobol85\n"
    result = import_text(text, "rt.yaml")
    assert "runtime" not in result.design["components"][0]
    assert any("cobol85" in line and "priced as python" in line for line in result.report.unresolved)


def test_terraform_tracing_retention_class_and_event_invoke_config():
    tf = """
resource "aws_lambda_function" "fn" {
  function_name = "orders"
  runtime       = "nodejs20.x"
  tracing_config {
    mode = "Active"
  }
}
resource "aws_cloudwatch_log_group" "fn" {
  name              = "/aws/lambda/orders"
  retention_in_days = 90
  log_group_class   = "INFREQUENT_ACCESS"
}
resource "aws_sqs_queue" "failures" {}
resource "aws_lambda_function_event_invoke_config" "fn" {
  function_name = aws_lambda_function.fn.function_name
  destination_config {
    on_failure {
      destination = aws_sqs_queue.failures.arn
    }
  }
}
"""
    result = import_text(tf, "main.tf")
    fn, queue = result.design["components"]
    assert {k: fn[k] for k in ("runtime", "tracing", "log_retention_days", "log_class", "dlq")} == {
        "runtime": "nodejs", "tracing": True, "log_retention_days": 90, "log_class": "infrequent_access",
        "dlq": True}
    assert queue["messages_per_month"] == 0 and "from" not in queue


MANAGED_INSTANCES_CFN = """
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Role: arn:aws:iam::123456789012:role/r
      Code: {ZipFile: "exports.handler = async () => 1"}
      CapacityProviderConfig:
        LambdaManagedInstancesCapacityProviderConfig:
          CapacityProviderArn: arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp
"""
MANAGED_INSTANCES_TF = """
resource "aws_lambda_function" "hello" {
  function_name = "hello"
  role          = "arn:aws:iam::123456789012:role/r"
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "f.zip"
  capacity_provider_config {
    lambda_managed_instances_capacity_provider_config {
      capacity_provider_arn = "arn:aws:lambda:us-east-1:123456789012:capacity-provider:cp"
    }
  }
}
"""


@pytest.mark.parametrize("text, name, where", [(MANAGED_INSTANCES_CFN, "mi.yaml", "Resources.Fn"),
                                               (MANAGED_INSTANCES_TF, "main.tf", "aws_lambda_function.hello")])
def test_a_function_on_managed_instances_is_reported_as_not_billed_like_on_demand(text, name, where):
    result = import_text(text, name)
    [note] = [n for n in result.report.notes if "Lambda Managed Instances" in n]
    assert note.startswith(f"{where}: runs on Lambda Managed Instances (a capacity provider). AWS bills the "
                           "provider's EC2 instances")
    cut = "      CapacityProviderConfig" if name.endswith(".yaml") else "  capacity_provider_config"
    without = text.split(cut)[0] + ("" if name.endswith(".yaml") else "}\n")
    assert not any("Managed Instances" in n for n in import_text(without, name).report.notes)


@pytest.mark.parametrize("text, name, message", [
    ("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {MemorySize: 0, Runtime: python3.12}\n",
     "m0.yaml", "Resources.F.Properties.MemorySize: 0 cannot be imported: components[0] (f).memory_mb: 0 is out of "
                "range; must be ≥ 128"),
    ("Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {Timeout: 0, Runtime: python3.12}\n",
     "t0.yaml", "Resources.F.Properties.Timeout: 0 cannot be imported: components[0] (f).timeout_s: 0 is out of "
                "range; must be ≥ 1"),
    ('resource "aws_lambda_function" "f" {\n  memory_size = 0\n}\n', "main.tf",
     "aws_lambda_function.f.memory_size: 0 cannot be imported: components[0] (f).memory_mb: 0 is out of range"),
])
def test_a_zero_memory_or_timeout_is_refused_not_replaced_by_the_default(text, name, message):
    from importers.common import TemplateError

    with pytest.raises(TemplateError) as err:
        import_text(text, name)
    assert message in str(err.value)
