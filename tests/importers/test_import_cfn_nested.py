"""Nested CloudFormation stacks whose template is a local file, the ones not followed, cycles and
depth, and functions hidden by false Conditions; real templates from ../shared/import-corpus when
present. Expectations are read by hand from the templates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import import_path, import_text
from importers.cfn_nested import MAX_STACK_DEPTH
from importers.common import TemplateError
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "cfn_nested" / "template.yaml"
CORPUS = ROOT.parent.parent / "shared" / "import-corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/import-corpus")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/import-corpus is not present")

STACK = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Next:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: {url}
"""


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def sample():
    return import_path(SAMPLE)


def test_nested_stacks_are_imported_with_their_parameters_and_outputs(sample):
    # template.yaml: Tables (./stacks/tables.yaml, ReadCapacity: 7) and Workers (./stacks/workers.yaml,
    # QueueArn = !GetAtt Jobs.Arn, AuditTableName = !GetAtt Tables.Outputs.AuditTableName, Memory: 1024).
    # ApiFunction's environment names !GetAtt Tables.Outputs.OrdersTableName (= !Ref OrdersTable).
    assert [(c["id"], c["type"], c.get("from")) for c in sample.design["components"]] == [
        ("jobs", "sqs", None),
        ("serverless_rest_api", "api_gateway", None),
        ("api_function", "lambda", "serverless_rest_api"),
        ("tables_orders_table", "dynamodb", "api_function"),   # through the Tables stack's output
        ("tables_audit_table", "dynamodb", "workers_worker"),  # output → parameter → !Ref in the worker
        ("workers_worker", "lambda", "jobs"),                  # SQS event on !Ref QueueArn = the parent's queue
    ]
    comps = by_id(sample.design)
    assert (comps["tables_orders_table"]["rcu"], comps["tables_orders_table"]["wcu"]) == (7, 5)  # 7 overrides 5
    assert (comps["workers_worker"]["memory_mb"], comps["workers_worker"]["timeout_s"]) == (1024, 60)
    assert comps["tables_audit_table"]["billing"] == "on_demand"
    assert estimate_data(sample.design).total_usd > 0


def test_stacks_followed_and_not_followed_are_one_line_each(sample):
    assert "Tables (AWS::CloudFormation::Stack): nested stack stacks/tables.yaml followed (2 resources)" \
        in sample.report.recognised
    assert "Workers.Worker (AWS::Serverless::Function) → workers_worker (lambda)" in sample.report.recognised
    assert sample.report.ignored == [
        "Auth (AWS::Serverless::Application): nested stack {'ApplicationId': 'arn:aws:serverlessrepo:us-east-1:12345"
        "... not followed: a Serverless Application Repository application",
        "Reporting (AWS::CloudFormation::Stack): nested stack https://s3.amazonaws.com/example-bucket/reporting.yaml "
        "not followed: an uploaded template (S3 or https URL)",
    ]
    # Debug defaults to "false" in workers.yaml: the condition skips DebugFunction, named with its stack
    assert "Resources.Workers.DebugFunction: skipped, its Condition IsDebug is false" in sample.report.notes


def test_an_upload_has_no_folder_for_its_nested_stacks():
    with pytest.raises(TemplateError) as err:
        import_text(STACK.format(url="./child.yaml"), "parent.yaml")
    assert err.value.problems == [
        "parent.yaml: no supported resources (Lambda, API Gateway, DynamoDB, S3, SQS, SNS, Step Functions, EventBridge, Kinesis, CloudFront, …) "
        "found; what may hold them: Next (./child.yaml): nested stack not followed (an uploaded file has no folder)"]


def test_a_template_outside_the_folder_needs_the_wider_root(tmp_path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "queue.yaml").write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")
    (tmp_path / "app").mkdir()
    parent = tmp_path / "app" / "template.yaml"
    parent.write_text(STACK.format(url="../shared/queue.yaml") + "  Topic:\n    Type: AWS::SNS::Topic\n")
    result = import_path(parent)
    assert result.report.ignored == ["Next (AWS::CloudFormation::Stack): nested stack ../shared/queue.yaml not "
                                     "followed: outside the imported folder"]
    assert [c["id"] for c in import_path(parent, module_root=tmp_path).design["components"]] == ["topic", "next_q"]


def test_a_cycle_and_too_deep_nesting_are_refused(tmp_path):
    (tmp_path / "a.yaml").write_text(STACK.format(url="./b.yaml"))
    (tmp_path / "b.yaml").write_text(STACK.format(url="./a.yaml"))
    with pytest.raises(TemplateError, match=r"Next.Next: .*a.yaml is a template that contains this stack"):
        import_path(tmp_path / "a.yaml")
    for level in range(MAX_STACK_DEPTH + 1):
        (tmp_path / f"d{level}.yaml").write_text(STACK.format(url=f"./d{level + 1}.yaml"))
    (tmp_path / f"d{MAX_STACK_DEPTH + 1}.yaml").write_text("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n")
    with pytest.raises(TemplateError, match=f"nested stacks more than {MAX_STACK_DEPTH} deep"):
        import_path(tmp_path / "d0.yaml")
    assert len(import_path(tmp_path / "d1.yaml").design["components"]) == 1  # ten levels below d1: allowed


def test_every_function_behind_a_false_condition_is_named(tmp_path):
    text = """Parameters:
  Stage:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Condition: IsProd
    Properties:
      Code: {ZipFile: "x"}
      Handler: index.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/r
"""
    with pytest.raises(TemplateError) as err:
        import_text(text, "prod_only.yaml")
    assert err.value.problems[0].endswith("what may hold them: 1 function(s) skipped by a false Condition (IsProd)")
    imported = import_text(text + "  Q:\n    Type: AWS::SQS::Queue\n", "prod_only.yaml")
    assert "every function of the template (1) is skipped because its Condition is false with the parameters " \
           "given or their defaults: IsProd; give --param values that make it true to import them" \
        in imported.report.notes
    assert [c["id"] for c in import_text(text, "prod_only.yaml", params={"Stage": "prod"}).design["components"]] \
        == ["fn"]


@needs_corpus
def test_real_nested_stack_only_template_names_its_stacks():
    # eventbridge-pipes-msk-to-lambda: VPC, MSK cluster and pipes are nested stacks ./vpc-private.yaml,
    # ./msk-cluster.yaml, ./pipes.yaml, which the corpus does not hold
    path = CORPUS / "serverless-patterns-sam" / "eventbridge-pipes-msk-to-lambda__template.yaml"
    try:
        result = import_path(path)
    except TemplateError as err:
        assert "nested stack not followed (no such file)" in err.problems[0]
        assert "./vpc-private.yaml" in err.problems[0]
    else:
        assert any("nested stack ./vpc-private.yaml not followed: no such file" in line
                   for line in result.report.ignored)


@needs_corpus
def test_real_sam_application_with_a_missing_local_file_is_named():
    # cognito-httpapi: AuthStack is an AWS::Serverless::Application with Location ./auth.yaml (not in the corpus)
    result = import_path(CORPUS / "serverless-patterns-sam" / "cognito-httpapi__template.yaml")
    assert "AuthStack (AWS::Serverless::Application): nested stack ./auth.yaml not followed: no such file" \
        in result.report.ignored
