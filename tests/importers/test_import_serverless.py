"""Serverless Framework import: serverless.yml → design, through the CloudFormation importer.

The sample (tests/import_samples/serverless_orders.yml, written for these tests) has a REST API with
two routes, an S3 upload event, an SQS worker with a batch size from a param, a DynamoDB stream
consumer, a daily cron, plugins, `custom`, `params` and stage-dependent memory. The expectations are
read off the file by hand and the framework's documented rules (defaults memorySize 1024, timeout 6:
https://www.serverless.com/framework/docs/providers/aws/guide/functions; variables:
https://www.serverless.com/framework/docs/guides/variables).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from importers import import_path, import_text
from importers.common import ImportReport, TemplateError
from importers.sls_import import is_serverless, serverless_template
from importers.sls_variables import SlsVariables, Unknown
from importers.template_text import load_template_text
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "serverless_orders.yml"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


def template_of(text: str, **kwargs) -> tuple[dict, ImportReport]:
    report = ImportReport("serverless.yml")
    options = {"params": {}, "stage": None, "region": None, "env": {}} | kwargs
    template, _, _ = serverless_template(load_template_text(text), report=report, **options)
    return template, report


@pytest.fixture(scope="module")
def dev():
    return import_path(SAMPLE)


def test_the_file_is_detected_as_a_serverless_service(dev):
    assert dev.report.kind == "Serverless Framework"
    assert is_serverless(load_template_text(SAMPLE.read_text()))
    assert not is_serverless({"Resources": {"A": {"Type": "AWS::SQS::Queue"}}})


def test_each_function_and_resource_becomes_one_component(dev):
    assert [(c["id"], c["type"]) for c in dev.design["components"]] == [
        ("create_order", "lambda"), ("rest_api", "api_gateway"), ("thumbnail", "lambda"),
        ("orders-dev-uploads", "s3"), ("worker", "lambda"), ("audit", "lambda"), ("nightly", "lambda"),
        ("orders_table", "dynamodb"), ("work_queue", "sqs")]
    assert dev.design["name"] == "orders (dev)"
    assert dev.design["region"] == "ap-northeast-1"  # ${opt:region, 'ap-northeast-1'} without --region


def test_provider_defaults_and_function_overrides(dev):
    fns = by_id(dev.design)
    # memorySize ${self:custom.memory.${sls:stage}}: dev → 256; thumbnail's own 2048
    assert [fns[f]["memory_mb"] for f in ("create_order", "thumbnail", "worker")] == [256, 2048, 256]
    # timeout: createOrder's 10, else the framework's default 6 (not Lambda's 3)
    assert (fns["create_order"]["timeout_s"], fns["worker"]["timeout_s"]) == (10, 6)
    assert {fns[f]["architecture"] for f in ("create_order", "thumbnail", "nightly")} == {"arm64"}
    assert (fns["create_order"]["runtime"], fns["thumbnail"]["runtime"]) == ("nodejs", "python")
    assert fns["audit"]["tracing"] is True and fns["audit"]["log_retention_days"] == 14


def test_stage_option_switches_stage_dependent_values():
    prod = import_path(SAMPLE, stage="prod")
    assert by_id(prod.design)["worker"]["memory_mb"] == 1024
    assert prod.design["name"] == "orders (prod)"
    assert "orders-prod-uploads" in by_id(prod.design)


def test_each_event_type_is_wired(dev):
    fns = by_id(dev.design)
    assert fns["create_order"]["from"] == "rest_api"  # http (two routes, one function: all of the API's requests)
    assert "calls" not in fns["create_order"]
    assert fns["thumbnail"]["from"] == "orders-dev-uploads"  # s3
    assert fns["worker"]["from"] == "work_queue"  # sqs arn !GetAtt WorkQueue.Arn
    assert fns["audit"]["from"] == "orders_table"  # stream arn !GetAtt OrdersTable.StreamArn
    # schedule cron(0 18 * * ? *): once a day, 730 h / 24 h = 30.4167 → 30.42 a month
    assert fns["nightly"]["invocations_per_month"] == 30.42 and "from" not in fns["nightly"]


def test_the_batch_settings_reach_the_event_source_mapping():
    text = SAMPLE.read_text()
    mapping = "WorkerLambdaFunctionEventSourceMappingSQS0"
    dev, _ = template_of(text)
    prod, _ = template_of(text, stage="prod")
    given, report = template_of(text, params={"workerBatch": "7"})
    # ${param:workerBatch, 5}: no param in dev → the fallback 5; params.prod → 10; --param → "7"
    assert [t["Resources"][mapping]["Properties"]["BatchSize"] for t in (dev, prod, given)] == [5, 10, "7"]
    assert dev["Resources"][mapping]["Properties"]["MaximumBatchingWindowInSeconds"] == 20
    assert "--param workerBatch = 7" in report.notes


def test_plugins_are_named_in_a_note(dev):
    assert ("plugins not run: serverless-offline, serverless-iam-roles-per-function; resources or settings "
            "they add are not in the design") in dev.report.notes


def test_the_design_estimates_and_checks(dev):
    estimate = estimate_data(dev.design)
    assert estimate.total_usd > 0
    requests = {i.component: float(i.quantity) for i in estimate.line_items if i.dimension == "Requests"}
    # the cron's 30.42 runs; the upload function once per PUT: 1,000,000 client requests × 1 PUT each
    assert requests["nightly"] == pytest.approx(30.42)
    assert requests["thumbnail"] == pytest.approx(1_000_000)


OTHER_EVENTS = """
service: media
provider:
  name: aws
  runtime: java21
  region: us-east-1
  stage: ${opt:stage}
  environment:
    SECRET: ${ssm:/media/secret}
functions:
  api:
    handler: a.h
    snapStart: true
    events:
      - httpApi: 'GET /items'
      - httpApi: {method: POST, path: /items}
  fan:
    handler: f.h
    events:
      - sns: media-events
  legacy:
    handler: l.h
    events:
      - s3: {bucket: old-media, event: 's3:ObjectCreated:Put', existing: true}
      - schedule: {rate: [rate(10 minutes), rate(1 hour)], enabled: true}
  tail:
    handler: t.h
    events:
      - stream: arn:aws:dynamodb:us-east-1:111122223333:table/media/stream/2024-01-01T00:00:00.000
      - iot: {sql: "SELECT * FROM 'x'"}
resources:
  Resources:
    MediaTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: media
        BillingMode: PAY_PER_REQUEST
"""


@pytest.fixture(scope="module")
def other():
    return import_text(OTHER_EVENTS, "serverless.yml")


def test_http_api_sns_existing_bucket_and_schedules_are_wired(other):
    comps = by_id(other.design)
    assert comps["http_api"]["api"] == "http" and comps["api"]["from"] == "http_api"
    assert comps["api"]["runtime"] == "java_snapstart"
    assert comps["fan"]["from"] == "media-events" and comps["media-events"]["type"] == "sns"
    assert comps["legacy"]["from"] == "old-media"  # the S3 event wins over the schedules (priority order)
    assert any("bucket old-media exists already" in n for n in other.report.notes)
    # a literal stream ARN of the file's own table (TableName media) is wired to it
    assert comps["tail"]["from"] == "media_table"
    assert any("iot events are not modelled" in n for n in other.report.notes)


def test_schedules_alone_count_each_rate():
    text = OTHER_EVENTS.replace("      - s3: {bucket: old-media, event: 's3:ObjectCreated:Put', existing: true}\n", "")
    legacy = by_id(import_text(text, "serverless.yml").design)["legacy"]
    # rate(10 minutes): 730 × 60 / 10 = 4,380; rate(1 hour): 730; together 5,110 a month
    assert legacy["invocations_per_month"] == 5110


def test_unresolved_variables_are_reported_never_defaulted(other):
    lines = other.report.unresolved
    assert any(line.startswith("provider.stage: variable ${opt:stage} cannot be resolved (opt:stage is not given "
                               "(add --stage))") for line in lines)
    assert any(line.startswith("provider.environment.SECRET: variable ${ssm:/media/secret} cannot be resolved")
               for line in lines)
    assert other.design["name"].startswith("media (")  # no stage: the name does not invent one
    staged = import_text(OTHER_EVENTS, "serverless.yml", stage="qa")
    assert not any("opt:stage" in line for line in staged.report.unresolved)


def test_an_unresolved_setting_is_reported_where_it_is_read():
    text = OTHER_EVENTS.replace("  region: us-east-1\n", "  region: us-east-1\n  memorySize: ${ssm:/mem, 512}\n")
    result = import_text(text, "serverless.yml", stage="qa")
    # the fallback 512 is NOT used: the framework would read SSM, whose value is unknown here
    assert any("MemorySize" in line and "${ssm:/mem, 512}" in line for line in result.report.unresolved)
    assert by_id(result.design)["fan"]["memory_mb"] == 128  # the design default, reported (not 512, not 1024)


def test_variable_sources_and_fallbacks():
    config = {"service": "s", "custom": {"a": "${env:A, self:custom.b}", "b": 3, "loop": "${self:custom.loop}"},
              "provider": {"stage": "${opt:stage, 'dev'}", "name": "aws"},
              "x": "${self:service}-${sls:stage}-${aws:region}", "y": "${param:p}", "z": "${env:NOPE, ${self:custom.b}}",
              "sub": "arn:${AWS::Partition}:s3:::${Bucket}/*", "acct": "${aws:accountId}"}
    resolver = SlsVariables(config, params={"p": "q"}, env={})
    tree = resolver.tree()
    assert (tree["custom"]["a"], tree["x"], tree["y"], tree["z"]) == (3, "s-dev-us-east-1", "q", 3)
    assert tree["sub"] == "arn:${AWS::Partition}:s3:::${Bucket}/*"  # CloudFormation Fn::Sub text, left as written
    assert isinstance(tree["acct"], Unknown) and isinstance(tree["custom"]["loop"], Unknown)
    assert SlsVariables(config, env={"A": "7"}).tree()["custom"]["a"] == "7"
    assert SlsVariables(config, stage="prod", region="ap-northeast-3").tree()["x"] == "s-prod-ap-northeast-3"


def test_a_resources_file_include_is_reported():
    text = "service: s\nprovider: {name: aws}\nfunctions: {f: {handler: h}}\nresources:\n  - ${file(res.yml)}\n"
    result = import_text(text, "serverless.yml")
    assert any(line.startswith("resources[0]: ${file(res.yml)} cannot be read") for line in result.report.unresolved)
    assert by_id(result.design)["f"]["runtime"] == "nodejs"
    assert any("no runtime in the file" in n for n in result.report.notes)


@pytest.mark.parametrize(("text", "problem"), [
    ("service: s\nprovider: {name: google}\nfunctions: {}\n", "provider 'google' is not AWS"),
    ("service: s\nprovider: {name: aws}\n", "no functions and no resources"),
])
def test_refusals_are_one_line(text, problem):
    with pytest.raises(TemplateError) as err:
        import_text(text, "serverless.yml")
    assert len(err.value.problems) == 1 and problem in err.value.problems[0]


def test_cli_import_then_estimate_and_check(tmp_path):
    design = tmp_path / "design.yaml"
    run = subprocess.run([sys.executable, "cli.py", "import", str(SAMPLE), "-o", str(design), "--stage", "prod",
                          "--param", "workerBatch=7"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "(Serverless Framework)" in run.stderr and "note: plugins not run" in run.stderr
    assert by_id(yaml.safe_load(design.read_text()))["worker"]["memory_mb"] == 1024
    for command in ("estimate", "check"):
        done = subprocess.run([sys.executable, "cli.py", command, str(design)], cwd=ROOT, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode in (0, 1), done.stderr
    forced = subprocess.run([sys.executable, "cli.py", "import", str(SAMPLE), "--from", "cloudformation"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert forced.returncode == 2 and "no Resources section" in forced.stderr


def test_a_table_named_in_the_environment_is_driven_by_its_one_function():
    text = """
service: notes
provider: {name: aws, runtime: python3.12}
custom:
  table: notes-${sls:stage}
functions:
  save:
    handler: h.save
    environment: {TABLE: '${self:custom.table}'}
    events: [{httpApi: 'POST /notes'}]
resources:
  Resources:
    NotesTable:
      Type: AWS::DynamoDB::Table
      Properties: {TableName: '${self:custom.table}', BillingMode: PAY_PER_REQUEST}
"""
    comps = by_id(import_text(text, "serverless.yml").design)
    # the environment names the table ("notes-dev") rather than !Ref-ing it: linked by the name
    assert comps["notes_table"]["from"] == "save"


def test_a_websocket_event_drives_its_function():
    text = "service: chat\nprovider: {name: aws}\nfunctions:\n  msg:\n    handler: h\n    events:\n" \
           "      - websocket: {route: $default}\n"
    comps = by_id(import_text(text, "serverless.yml").design)
    assert comps["websocket_api"]["api"] == "websocket" and comps["msg"]["from"] == "websocket_api"


@pytest.mark.parametrize("text", [
    # each level doubles the text: stopped by the evaluation limits, not by memory
    "service: s\nprovider: {name: aws}\ncustom:\n  a0: xxxxxxxxxxxxxxxx\n"
    + "".join(f"  a{i}: ${{self:custom.a{i - 1}}}${{self:custom.a{i - 1}}}\n" for i in range(1, 40))
    + "functions: {f: {handler: h, description: '${self:custom.a39}'}}\n",
    # a mapping copied over and over
    "service: s\nprovider: {name: aws}\ncustom:\n  big: {" + ", ".join(f"k{i}: {i}" for i in range(2000)) + "}\n"
    + "  copies: [" + ", ".join("'${self:custom.big}'" for _ in range(1000)) + "]\n"
    + "functions: {f: {handler: h}}\n",
])
def test_variables_that_multiply_stop_with_one_line(text):
    with pytest.raises(TemplateError) as err:
        import_text(text, "serverless.yml")
    assert len(err.value.problems) == 1 and err.value.problems[0].startswith("serverless.yml: ")


@pytest.mark.parametrize("text", [
    "service: s\nprovider: aws\nfunctions: {f: {handler: h, events: [{s3: bucket-a}]}}\nresources:\n"
    "  Resources: {S3BucketBucketDasha: [1, 2]}\n",
    "service: s\nprovider: {name: aws}\nfunctions: {f: 3, g: {handler: h, events: {http: x}}}\n",
    "service: s\nprovider: {name: aws}\nfunctions: {g: {handler: h, events: [{http: x, sqs: y}, 5, {sqs: 1}]}}\n",
    "service: s\nprovider: {name: aws, environment: [a]}\nfunctions: {g: {handler: h, memorySize: {a: 1}}}\n",
])
def test_odd_shapes_are_reported_or_refused_never_a_crash(text):
    try:
        result = import_text(text, "serverless.yml")
    except TemplateError as err:
        assert len(err.problems) == 1 and "please report" not in err.problems[0]
    else:
        assert result.report.unresolved


def test_provider_stage_and_region_have_the_framework_defaults_when_unset():
    text = """
service: todo
provider:
  name: aws
  runtime: go1.x
  environment:
    TABLE: ${self:service}-${opt:stage, self:provider.stage}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: [dynamodb:PutItem]
          Resource: arn:aws:dynamodb:${opt:region, self:provider.region}:*:table/${self:provider.environment.TABLE}
functions:
  add:
    handler: bin/add
    events: [{http: {path: todos, method: post}}]
resources:
  Resources:
    TodoTable:
      Type: AWS::DynamoDB::Table
      Properties:
        TableName: ${self:provider.environment.TABLE}
        ProvisionedThroughput: {ReadCapacityUnits: 1, WriteCapacityUnits: 1}
"""
    result = import_text(text, "serverless.yml")
    assert result.report.unresolved == []
    comps = by_id(result.design)
    assert result.design["name"] == "todo (dev)" and result.design["region"] == "us-east-1"
    # the policy's ARN names table "todo-dev" (the table's TableName): the one function writes it
    assert comps["todo_table"]["from"] == "add"
    assert (comps["todo_table"]["billing"], comps["todo_table"]["rcu"]) == ("provisioned", 1)
    assert comps["add"]["runtime"] == "custom"  # go1.x runs on a custom (provided) runtime


def test_per_function_statements_and_a_joined_topic_arn_are_linked():
    text = """
service: photos
provider: {name: aws, runtime: nodejs20.x}
custom:
  topic: photos-uploaded
functions:
  resize:
    handler: h.resize
    iamRoleStatements:
      - Effect: Allow
        Action: [dynamodb:PutItem]
        Resource: arn:aws:dynamodb:${aws:region}:*:table/photos
    events:
      - sns:
          arn: {'Fn::Join': [':', ['arn:aws:sns', {Ref: 'AWS::Region'}, {Ref: 'AWS::AccountId'}, '${self:custom.topic}']]}
          topicName: ${self:custom.topic}
resources:
  Resources:
    Uploaded:
      Type: AWS::SNS::Topic
      Properties: {TopicName: '${self:custom.topic}'}
    Photos:
      Type: AWS::DynamoDB::Table
      Properties: {TableName: photos, BillingMode: PAY_PER_REQUEST}
"""
    comps = by_id(import_text(text, "serverless.yml").design)
    assert comps["resize"]["from"] == "uploaded"  # the file's topic named by topicName
    assert comps["photos"]["from"] == "resize"  # its own (plugin) statement names the table


def test_region_option_overrides_provider_region_and_aws_region():
    text = "service: r\nprovider:\n  name: aws\n  region: ap-northeast-3\n  environment:\n" \
           "    WHERE: ${aws:region}\nfunctions:\n  f:\n    handler: h\n    memorySize: ${env:F_MEMORY, 256}\n"
    assert import_text(text, "serverless.yml").design["region"] == "ap-northeast-3"
    template, _ = template_of(text, region="us-east-1")
    assert template["Resources"]["FLambdaFunction"]["Properties"]["Environment"]["Variables"] == {"WHERE": "us-east-1"}
    assert import_text(text, "serverless.yml", region="us-east-1").design["region"] == "us-east-1"
    assert by_id(import_text(text, "serverless.yml").design)["f"]["memory_mb"] == 256  # ${env:...} unset: fallback
    assert by_id(import_text(text, "serverless.yml", env={"F_MEMORY": "640"}).design)["f"]["memory_mb"] == 640


def test_cli_reads_env_variables_from_its_environment(tmp_path):
    path = tmp_path / "serverless.yml"
    path.write_text("service: e\nprovider: {name: aws}\nfunctions:\n  f:\n    handler: h\n"
                    "    memorySize: ${env:F_MEMORY}\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "cli.py", "import", str(path)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={**os.environ, "F_MEMORY": "768"})
    assert run.returncode == 0, run.stderr
    assert by_id(yaml.safe_load(run.stdout))["f"]["memory_mb"] == 768


def test_routes_on_an_existing_api_and_a_list_of_resource_blocks():
    text = """
service: legacy
provider:
  name: aws
  runtime: nodejs20.x
  apiGateway: {restApiId: abc123, restApiRootResourceId: root0}
functions:
  list:
    handler: h.list
    events: [{http: GET items}]
  drain:
    handler: h.drain
    events: [{sqs: {arn: 'arn:aws:sqs:us-east-1:111122223333:jobs', batchSize: 1}}]
resources:
  - Resources:
      Jobs:
        Type: AWS::SQS::Queue
        Properties: {QueueName: jobs}
  - Outputs:
      JobsUrl: {Value: !Ref Jobs}
"""
    result = import_text(text, "serverless.yml")
    comps = by_id(result.design)
    assert comps["list"]["from"] == "rest_api"
    assert any(n.startswith("provider.apiGateway.restApiId: the functions' routes are on an existing API")
               for n in result.report.notes)
    assert comps["drain"]["from"] == "jobs"  # the literal queue ARN names the file's queue (QueueName jobs)


def test_on_error_and_on_failure_destinations_set_dlq():
    text = """
service: d
provider: {name: aws, runtime: python3.12}
functions:
  f:
    handler: h
    onError: !GetAtt Dlq.Arn
    events: [{httpApi: 'POST /x'}]
  g:
    handler: h
    destinations: {onFailure: 'arn:aws:sqs:us-east-1:111122223333:other'}
  h:
    handler: h
resources:
  Resources:
    Dlq: {Type: AWS::SQS::Queue}
"""
    comps = by_id(import_text(text, "serverless.yml").design)
    assert (comps["f"]["dlq"], comps["g"]["dlq"], comps["h"].get("dlq")) == (True, True, None)
    assert comps["dlq"]["messages_per_month"] == 0  # the onError queue: no failures assumed
