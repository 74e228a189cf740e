"""Importing a plain CloudFormation template in JSON: raw Lambda/API Gateway/EventBridge resources.

The sample (tests/import_samples/orders_cfn.json) wires through AWS::ApiGateway::Method,
AWS::Lambda::EventSourceMapping, AWS::Events::Rule, AWS::SNS::Subscription,
AWS::ApiGatewayV2::Integration and a CloudFront origin, with provisioned concurrency on an
AWS::Lambda::Version and a REST stage cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from importers import import_path, import_text
from models.design.schema import DesignError
from service import estimate_data

SAMPLE = Path(__file__).resolve().parents[1] / "import_samples" / "orders_cfn.json"


@pytest.fixture(scope="module")
def staging():
    return import_path(SAMPLE, params={"ArtifactBucket": "artifacts"})


@pytest.fixture(scope="module")
def production():
    return import_path(SAMPLE, params={"ArtifactBucket": "artifacts", "Environment": "production"})


def test_staging_design_matches_the_template_exactly(staging):
    assert staging.report.kind == "CloudFormation"
    assert staging.design["name"] == "Orders service: REST API, FIFO order queue, nightly report, WebSocket notifications"
    assert staging.design["components"] == [
        {"id": "orders_api", "type": "api_gateway", "api": "rest", "cache_gb": 0.5},
        {"id": "api_function", "type": "lambda", "from": "orders_api", "memory_mb": 1536, "timeout_s": 29,
         "architecture": "arm64", "runtime": "nodejs", "reserved_concurrency": 50, "provisioned_concurrency": 2,
         "duration_ms": 100},
        {"id": "order_queue", "type": "sqs", "from": "api_function", "queue": "fifo", "message_kb": 1},
        {"id": "fulfilment_function", "type": "lambda", "from": "order_queue", "memory_mb": 512, "timeout_s": 120,
         "architecture": "x86_64", "runtime": "python", "ephemeral_storage_mb": 1024, "batch_size": 5,
         "duration_ms": 100},
        {"id": "orders_table", "type": "dynamodb", "billing": "on_demand", "table_class": "standard_ia", "pitr": True,
         "gsis": [{"name": "ByCustomer"}], "reads": 1, "writes": 1, "item_kb": 1, "storage_gb": 1},
        {"id": "report_function", "type": "lambda", "invocations_per_month": 30.42, "memory_mb": 2048,
         "timeout_s": 900, "architecture": "x86_64", "runtime": "python", "duration_ms": 100},
        {"id": "report_topic", "type": "sns", "from": "report_function", "deliveries": {"sqs": 1}, "message_kb": 1},
        {"id": "report_archive_queue", "type": "sqs", "from": "report_topic", "queue": "standard", "message_kb": 1},
        {"id": "notifications_api", "type": "api_gateway", "api": "websocket"},
        {"id": "notify_function", "type": "lambda", "from": "notifications_api", "memory_mb": 128, "timeout_s": 3,
         "architecture": "x86_64", "runtime": "nodejs", "duration_ms": 100},
        {"id": "customer_pool", "type": "cognito", "plan": "plus", "mau": 1000},
        {"id": "site_bucket", "type": "s3", "puts": 1, "gets": 0, "storage_gb": 10},
    ]
    assert estimate_data(staging.design).total_usd > 0


def test_wiring_resources_are_listed_as_recognised(staging):
    assert [line for line in staging.report.recognised if ": " in line.split(" → ")[0]] == [
        "PostOrderMethod (AWS::ApiGateway::Method): wires OrdersApi → ApiFunction",
        "ApiStage (AWS::ApiGateway::Stage): cache of 0.5 GB on OrdersApi",
        "ApiFunctionVersion (AWS::Lambda::Version): provisioned concurrency 2 on ApiFunction",
        "OrderQueueMapping (AWS::Lambda::EventSourceMapping): wires OrderQueue → FulfilmentFunction",
        "NightlyReportRule (AWS::Events::Rule): schedule for ReportFunction",
        "ReportArchiveSubscription (AWS::SNS::Subscription): wires ReportTopic → ReportArchiveQueue",
        "NotificationsIntegration (AWS::ApiGatewayV2::Integration): wires NotificationsApi → NotifyFunction",
    ]


def test_plumbing_and_unpriced_resources_are_ignored_with_a_reason(staging):
    assert staging.report.ignored == [
        "OrdersResource (AWS::ApiGateway::Resource): no charge of its own",
        "ApiDeployment (AWS::ApiGateway::Deployment): no charge of its own",
        "ApiFunctionRole (AWS::IAM::Role): no charge of its own",
        "ApiInvokePermission (AWS::Lambda::Permission): no charge of its own",
        "OrdersDashboard (AWS::CloudWatch::Dashboard): not priced by the planner; its cost is not in the estimate",
    ]


def test_a_resource_whose_condition_is_false_is_skipped(staging, production):
    assert "Resources.SiteDistribution: skipped, its Condition IsProduction is false" in staging.report.notes
    comps = {c["id"]: c for c in production.design["components"]}
    assert comps["site_distribution"] == {"id": "site_distribution", "type": "cloudfront", "response_kb": 10,
                                          "cache_hit_ratio": 0.8}
    # an origin bucket is read on cache misses, not written
    assert comps["site_bucket"] == {"id": "site_bucket", "type": "s3", "from": "site_distribution", "puts": 0,
                                    "gets": 1, "storage_gb": 10}
    assert comps["api_function"]["reserved_concurrency"] == 200


def test_a_missing_parameter_is_noted_and_only_its_uses_are_unresolved():
    result = import_path(SAMPLE)
    assert "parameter ArtifactBucket has no Default; give --param ArtifactBucket=VALUE (values that use it are " \
           "listed as unresolved)" in result.report.notes
    assert result.report.unresolved == []  # the artifact bucket only names code, which costs nothing here


def intrinsic_template(value: str, extra: str = "") -> str:
    return f"""\
Parameters:
  Sizes: {{Type: CommaDelimitedList, Default: "128,256,512"}}
  Env: {{Type: String, Default: prod}}
Mappings:
  Memory: {{prod: {{Mb: 3008}}, dev: {{Mb: 128}}}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Both: !And [!Condition IsProd, !Not [!Equals [!Ref Env, dev]]]
  Either: !Or [!Equals [!Ref Env, dev], !Condition Both]
{extra}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: {value}
"""


@pytest.mark.parametrize("value, memory_mb", [
    ("!Select [2, !Ref Sizes]", 512),
    ("!Select [1, !Split [',', '1024,2048']]", 2048),
    ("!FindInMap [Memory, !Ref Env, Mb]", 3008),
    ("!If [Either, 1536, 128]", 1536),
    ("!Join ['', ['10', '24']]", 1024),
    ("!Sub '${A}${B}'", None),
    ("!Sub ['${A}${B}', {A: '7', B: '68'}]", 768),
    ("!Length [a, b, c]", 128),  # 3 is below Lambda's minimum: the design rejects it, see below
])
def test_intrinsic_functions_are_evaluated(value, memory_mb):
    text = intrinsic_template(value)
    if memory_mb is None:
        result = import_text(text, "t.yaml")
        assert result.report.unresolved[0].startswith("Resources.Fn.Properties.MemorySize: !Ref A names no parameter")
        return
    if value.startswith("!Length"):
        with pytest.raises(DesignError) as err:
            import_text(text, "t.yaml")
        assert "memory_mb: 3 is out of range" in err.value.problems[0]
        return
    assert import_text(text, "t.yaml").design["components"][0]["memory_mb"] == memory_mb


@pytest.mark.parametrize("value, reason", [
    ("!GetAtt Other.Memory", "!GetAtt Other.Memory is known only after deployment"),
    ("!ImportValue shared-memory", "!ImportValue ... reads another stack's export"),
    ("!Ref AWS::AccountId", "!Ref AWS::AccountId is known only at deployment"),
    ("!Ref Fn", "!Ref Fn is the resource's id, known only after deployment"),
    ("!Select [0, !GetAZs '']", "!GetAZs ... depends on the account's Availability Zones"),
])
def test_deploy_time_values_are_unresolved_with_the_reason(value, reason):
    result = import_text(intrinsic_template(value), "t.yaml")
    assert result.report.unresolved == [f"Resources.Fn.Properties.MemorySize: {reason}; left at the design default"]
    assert result.design["components"][0]["memory_mb"] == 128


def test_json_with_an_unknown_intrinsic_is_refused():
    text = '{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": {"Fn::Frob": 1}}}}}'
    with pytest.raises(DesignError) as err:
        import_text(text, "t.json")
    assert err.value.problems == ["t.json: Resources.Q.Properties.FifoQueue: unknown intrinsic function Fn::Frob"]


def test_an_undefined_condition_is_an_error():
    text = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Condition: Missing\n"
    with pytest.raises(DesignError) as err:
        import_text(text, "t.yaml")
    assert err.value.problems == ["t.yaml: Conditions: condition 'Missing' is not defined"]


def test_provisioned_table_without_known_capacity_is_priced_on_demand_and_reported():
    text = """\
Parameters:
  Rcu: {Type: Number}
Resources:
  T:
    Type: AWS::DynamoDB::Table
    Properties:
      ProvisionedThroughput: {ReadCapacityUnits: !Ref Rcu, WriteCapacityUnits: 5}
"""
    result = import_text(text, "t.yaml")
    assert result.design["components"][0]["billing"] == "on_demand"
    assert result.report.unresolved == [
        "Resources.T.Properties.ProvisionedThroughput.ReadCapacityUnits: parameter Rcu has no Default; give --param "
        "Rcu=VALUE; left at the design default",
        "Resources.T: provisioned capacity (ProvisionedThroughput) is not known for the table or an index; priced "
        "as on_demand until you give rcu/wcu",
    ]
    assert import_text(text, "t.yaml", params={"Rcu": "40"}).design["components"][0] | {} == {
        "id": "t", "type": "dynamodb", "billing": "provisioned", "rcu": 40, "wcu": 5, "reads": 1, "writes": 1,
        "item_kb": 1, "storage_gb": 1}


def test_a_function_behind_a_queue_and_an_api_keeps_the_api_and_notes_the_queue():
    text = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        FromQueue: {Type: SQS, Properties: {Queue: !GetAtt Jobs.Arn}}
        FromApi: {Type: HttpApi}
"""
    result = import_text(text, "t.yaml")
    fn = next(c for c in result.design["components"] if c["id"] == "fn")
    assert fn["from"] == "serverless_http_api"
    assert "fn: driven by serverless_http_api; also invoked by jobs (sqs), which is not counted (a design component " \
           "has one `from`)" in result.report.notes


def test_competing_consumers_split_a_queue_and_fan_out_copies_a_topic():
    text = """\
Resources:
  Jobs: {Type: AWS::SQS::Queue}
  News: {Type: AWS::SNS::Topic}
  A: {Type: AWS::Lambda::Function}
  B: {Type: AWS::Lambda::Function}
  MapA: {Type: AWS::Lambda::EventSourceMapping, Properties: {EventSourceArn: !GetAtt Jobs.Arn, FunctionName: !Ref A}}
  MapB: {Type: AWS::Lambda::EventSourceMapping, Properties: {EventSourceArn: !GetAtt Jobs.Arn, FunctionName: !Ref B}}
  SubA: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref News, Protocol: lambda, Endpoint: !GetAtt A.Arn}}
  SubB: {Type: AWS::SNS::Subscription, Properties: {TopicArn: !Ref News, Protocol: lambda, Endpoint: !GetAtt B.Arn}}
"""
    comps = {c["id"]: c for c in import_text(text, "t.yaml").design["components"]}
    assert (comps["a"]["from"], comps["a"]["calls"], comps["b"]["from"], comps["b"]["calls"]) == \
        ("jobs", 0.5, "jobs", 0.5)
    assert comps["news"]["deliveries"] == {"lambda": 2}
