"""The real-world import corpus (issue 17): about 700 public templates nobody here wrote, at
`../shared/import-corpus` (see tests/corpus.py; skipped when absent, no template copied here).

Every template is imported; every import is estimated and checked (one Run each, as the CLI does):
no traceback, a refusal is one line, no negative zero in the JSON, no account-level FAIL beside
headroom. Then a hand-checked sample: the expectations below were written from reading each
template (its Runtime / runtime, MemorySize, Timeout, Events, mappings and settings), not from
the importer's output. The whole corpus took 25–45 s on the shared 2-core machine under load.
"""

from __future__ import annotations

import math
import time

import pytest
from corpus import corpus_dir

from importers import import_path
from importers.common import TemplateError
from render.estimate import contract_dict
from service import check_data

CORPUS = corpus_dir()
pytestmark = pytest.mark.skipif(CORPUS is None, reason="the real-world import corpus is not here")
FOLDERS = ("serverless-patterns-sam", "serverless-patterns-tf", "tfmod", "infracost-tf")


def _items():
    assert CORPUS is not None
    return sorted(p for folder in FOLDERS if (CORPUS / folder).is_dir() for p in (CORPUS / folder).iterdir())


def _negative_zeros(value, path=""):
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _negative_zeros(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _negative_zeros(v, f"{path}[{i}]")]
    if isinstance(value, float) and value == 0 and math.copysign(1, value) < 0:
        return [path]
    return []


def test_every_template_imports_estimates_and_checks_without_a_crash():
    started = time.monotonic()
    imported, refused, problems = 0, 0, []
    for item in _items():
        try:
            result = import_path(item)
        except TemplateError as err:
            refused += 1
            if len(err.problems) != 1 or "\n" in str(err.problems[0]) or "please report" in str(err.problems[0]):
                problems.append(f"{item.name}: refusal is not one clean line: {err.problems!r}")
            continue
        except Exception as err:  # noqa: BLE001 - the test's point: name any crash
            problems.append(f"{item.name}: {type(err).__name__}: {err}")
            continue
        imported += 1
        try:
            report, est = check_data(result.design)
        except Exception as err:  # noqa: BLE001
            problems.append(f"{item.name}: the imported design does not estimate/check: {err}")
            continue
        problems += [f"{item.name}: negative zero at {p}" for p in _negative_zeros(contract_dict(est))]
        problems += [f"{item.name}: {c.id} FAIL beside {c.headroom_pct}% headroom with nothing lost"
                     for c in report.checks if c.status == "fail" and c.component == "(account)"
                     and c.affected_requests_per_month == 0 and (c.headroom_pct or 0) > 0]
    assert problems == []
    assert imported >= 550 and refused <= 160, (imported, refused)  # 575 / 133 when this was written
    assert time.monotonic() - started < 300  # the budget of the test command (measured 25-45 s)


def _design(relative: str) -> dict:
    assert CORPUS is not None
    return import_path(CORPUS / relative).design


def _functions(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"] if c["type"] == "lambda"}


def _types(design: dict) -> dict[str, str]:
    return {c["id"]: c["type"] for c in design["components"]}


#: template → {function id: {field: value}} and the type of its `from` ("client" for none), read by hand
SAMPLE = {
    "serverless-patterns-sam/apigw-lambda-dynamodb__template.yaml": {
        "lambda_function": {"runtime": "python", "from_type": "api_gateway", "memory_mb": 128}},
    "serverless-patterns-sam/s3-lambda-resizing-python__template.yaml": {
        "resizer_function": {"runtime": "python", "from": "source_bucket", "memory_mb": 2048}},
    "serverless-patterns-sam/apigw-lambda-dynamodb-stream-lambda__template.yaml": {
        "producer_function": {"runtime": "python", "from_type": "api_gateway"},
        "consumer_function": {"runtime": "python", "from_type": "dynamodb", "batch_size": 100}},
    "serverless-patterns-sam/s3-sns-sqs-lambda-sam-java__template.yml": {
        "file_audit": {"runtime": "java", "from_type": "sns", "memory_mb": 3072}},
    "serverless-patterns-sam/apigw-lambda-snapstart__template.yaml": {
        "unicorn_store_spring_function": {"runtime": "java_snapstart", "from_type": "api_gateway", "memory_mb": 2048,
                                          "tracing": True}},
    "serverless-patterns-sam/eventbridge-lambda__template.yaml": {
        "consumer_function": {"runtime": "nodejs", "from_type": "eventbridge"}},  # the default bus (issue 16)
    "serverless-patterns-sam/apigw-direct-s3-lambda-dotnet__template.yaml": {
        "s3_file_processor": {"runtime": "dotnet", "from_type": "s3", "memory_mb": 1024, "timeout_s": 10,
                              "dlq": True, "log_retention_days": 7}},
    "serverless-patterns-sam/lambda-destinations-sam__template.yaml": {
        "main_lambda_function": {"runtime": "nodejs", "dlq": True},
        "on_success_lambda_function": {"runtime": "nodejs", "from": "main_lambda_function"}},
    "serverless-patterns-sam/iot-mqttoverhttp-customauth__template.yaml": {
        "processor": {"runtime": "nodejs", "from_type": "sqs", "timeout_s": 29, "batch_size": 10000,
                      "batching_window_s": 5}},
    "serverless-patterns-sam/dynamodb-eventbridge-scheduler__template.yaml": {
        "stream_processor_function": {"runtime": "python", "from_type": "dynamodb", "timeout_s": 60,
                                      "batch_size": 10, "batching_window_s": 1}},
    "serverless-patterns-sam/sqs-stepfunctions-pipes-pattern__template.yaml": {
        "my_lambda_function": {"runtime": "python", "reserved_concurrency": 0, "timeout_s": 600}},
    "serverless-patterns-tf/s3-lambda-terraform": {
        "lambda_s3_handler": {"runtime": "nodejs", "from": "my_bucket"}},
    "serverless-patterns-tf/sfn-tasktoken-lambda": {
        "callback_lambda": {"runtime": "python", "from": "sqs_queue", "timeout_s": 25, "batch_size": 10}},
    "serverless-patterns-tf/apigw-lambda-dynamodb-terraform": {
        "apigw_lambda_ddb": {"runtime": "python", "from": "http_lambda", "log_retention_days": 7}},
    "serverless-patterns-tf/sqs-lambda-s3-terraform-python": {
        "event-processor": {"runtime": "python", "from": "event-collector", "batch_size": 10}},
    "serverless-patterns-tf/apigw-websocket-api-sqs-lambda-terraform": {
        "lambda_sqs_websocket_response": {"runtime": "python", "from": "fifo_queue", "timeout_s": 15,
                                          "log_retention_days": 7}},
}


@pytest.mark.parametrize("template", sorted(SAMPLE))
def test_the_hand_checked_sample_is_wired_as_its_template_says(template):
    design = _design(template)
    functions, types = _functions(design), _types(design)
    for fid, expected in SAMPLE[template].items():
        fn = functions[fid]
        for field, value in expected.items():
            if field == "from_type":
                assert types.get(fn.get("from"), "client") == value, (fid, fn)
            else:
                assert fn.get(field) == value, (fid, field, fn)


# ---- the gaps of issue 17, each on a real template


def test_a_log_group_is_priced_with_its_function_not_reported_as_missing():
    assert CORPUS is not None
    result = import_path(CORPUS / "serverless-patterns-sam/apigw-direct-s3-lambda-dotnet__template.yaml")
    lines = result.report.lines()
    assert not [line for line in lines if "AWS::Logs::LogGroup" in line and "not priced by the planner" in line]
    assert "S3FileProcessorLogGroup (AWS::Logs::LogGroup): log group of S3FileProcessor (kept 7 days); its logs are " \
           "priced with the function" in result.report.recognised


def test_an_on_failure_queue_is_a_dead_letter_and_check_asks_for_no_dlq():
    design = _design("serverless-patterns-sam/apigw-direct-s3-lambda-dotnet__template.yaml")
    queue = next(c for c in design["components"] if c["id"] == "on_failure_sqs_queue")
    assert queue.get("messages_per_month") == 0 and "from" not in queue  # was: one message per invocation
    report, _ = check_data(design)
    failed_events = [c for c in report.checks if c.id == "resilience.failed_events" and c.component == "s3_file_processor"]
    assert failed_events and all(c.status == "pass" for c in failed_events)


def test_a_terraform_code_bucket_has_no_phantom_puts():
    design = _design("serverless-patterns-tf/apigw-lambda-dynamodb-terraform")
    bucket = next(c for c in design["components"] if c["id"] == "lambda_bucket")
    assert "from" not in bucket and bucket["puts_per_month"] == 0 and bucket["gets_per_month"] == 0
    # the table named by var.dynamodb_table, which the function's environment also uses, is the function's
    table = next(c for c in design["components"] if c["id"] == "movie_table")
    assert table["from"] == "apigw_lambda_ddb"


def test_a_parameter_named_bucket_is_written_by_the_function_using_the_parameter():
    design = _design("serverless-patterns-sam/s3-lambda-resizing-python__template.yaml")
    bucket = next(c for c in design["components"] if c["id"] == "destination_bucket")
    assert bucket["from"] == "resizer_function"


def test_direct_api_integrations_drive_the_queue_and_the_table():
    rest = _design("serverless-patterns-sam/apigw-rest-api-dynamodb__template.yml")
    assert next(c for c in rest["components"] if c["type"] == "dynamodb")["from"] == "api"
    websocket = _design("serverless-patterns-tf/apigw-websocket-api-sqs-lambda-terraform")
    assert next(c for c in websocket["components"] if c["id"] == "fifo_queue")["from"] == "my_websocket_api"


def test_an_unmodelled_event_source_gives_zero_invocations_and_the_report_says_so():
    assert CORPUS is not None
    result = import_path(CORPUS / "serverless-patterns-sam/iot-lambda__template.yaml")
    assert "workload" not in result.design  # no made-up 1,000,000 client requests
    assert "lambda iot_process_event_function: invocations_per_month = 0: invoked only by IoTRule events, which the " \
           "planner does not model (give its invocations_per_month)" in result.report.assumptions


def test_free_resources_are_listed_as_free():
    assert CORPUS is not None
    result = import_path(CORPUS / "serverless-patterns-sam/apigw-rest-api-dynamodb__template.yml")
    free = [line for line in result.report.ignored if "no charge of its own" in line]
    assert any("AWS::ApiGateway::ApiKey" in line for line in free)
    assert any("AWS::ApiGateway::UsagePlan " in line or "AWS::ApiGateway::UsagePlan)" in line for line in free)
    tf = import_path(CORPUS / "serverless-patterns-tf/apigw-websocket-api-sqs-lambda-terraform")
    assert "random_string.random: no charge of its own" in tf.report.ignored


def test_replicas_and_auto_scaling_are_reported_not_dropped():
    assert CORPUS is not None
    result = import_path(CORPUS / "infracost-tf/dynamodb_table_test")
    assert "aws_dynamodb_table.my_dynamodb_table: global table with 2 replica(s) (us-east-2, us-west-1); each " \
           "replica's replicated writes and storage are billed in its Region and are not in the estimate (price " \
           "each replica as a table of its own)" in result.report.notes
    assert "aws_appautoscaling_target.autoscale_dynamodb_table_read_target: auto scaling of " \
           "aws_dynamodb_table.autoscale_dynamodb_table ReadCapacityUnits: min 5, max 100" in result.report.recognised


def test_an_uncached_api_origin_gets_its_share_of_requests_not_of_cache_misses():
    # two origins (S3, the API), requests split evenly; the API's behaviour uses CachingDisabled, so it gets
    # half of the 1,000,000 client requests: calls = 0.5 ÷ (1 − 0.8) = 2.5 on 200,000 cache misses = 500,000
    design = _design("serverless-patterns-sam/cloudfront-apigw-rest-api-lambda-dynamodb-sam__template.yaml")
    api = next(c for c in design["components"] if c["id"] == "api")
    assert api["from"] == "cloud_front" and api["calls"] == 2.5
    _, est = check_data(design)
    assert est.events["api"] == 500_000 and est.events["s3_bucket"] == 100_000


def test_a_lambda_authorizer_runs_for_every_request_of_its_api():
    design = _design("serverless-patterns-sam/apigw-lambda-authorizer__template.yaml")
    authorizer = _functions(design)["token_authorizer_function"]
    assert authorizer["from"] == "app_api" and "calls" not in authorizer  # every request, not a route's share


def test_route53_latency_records_and_ses_sending_are_imported():
    latency = _design("serverless-patterns-sam/route53-latency__template.yml")  # records only, all aliases
    assert latency["components"] == [{"id": "route53", "type": "route53", "hosted_zones": 0, "routing": "latency",
                                      "queries_per_month": 0}]
    ses = _design("serverless-patterns-sam/apigw-lambda-ses__template.yaml")  # a configuration set, ses:SendEmail
    assert next(c for c in ses["components"] if c["type"] == "ses")["from"] == "email_ses_lambda"


def test_an_http_api_openapi_sqs_integration_drives_the_queue():
    # DefinitionBody: POST / → x-amazon-apigateway-integration, integrationSubtype SQS-SendMessage, QueueUrl !Ref
    design = _design("serverless-patterns-sam/apigw-sqs-lambda-ddb__template.yaml")
    assert next(c for c in design["components"] if c["id"] == "buffering_queue")["from"] == "http_api"
