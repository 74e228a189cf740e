"""Importing a typical SAM application: functions, APIs, tables and wiring match the template exactly.

The sample (tests/import_samples/photo_app_sam.yaml) has Globals, an implicit HTTP API, an
S3-triggered thumbnailer, an SQS consumer, a DynamoDB table with a GSI and a stream consumer,
schedules, and !Sub/!GetAtt/!If/!Ref/!FindInMap with parameters and conditions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from importers import import_path, import_text
from models.design.schema import DesignError
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "photo_app_sam.yaml"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


@pytest.fixture(scope="module")
def dev():
    return import_path(SAMPLE)


@pytest.fixture(scope="module")
def prod():
    return import_path(SAMPLE, params={"Stage": "prod"})


def test_every_supported_resource_becomes_one_component_in_template_order(dev):
    assert [(c["id"], c["type"]) for c in dev.design["components"]] == [
        ("serverless_http_api", "api_gateway"), ("upload_function", "lambda"), ("list_photos_function", "lambda"),
        ("thumbnail_function", "lambda"), ("index_function", "lambda"), ("audit_function", "lambda"),
        ("cleanup_function", "lambda"), ("photos_bucket", "s3"), ("thumbnails_bucket", "s3"),
        ("index_queue", "sqs"), ("index_dlq", "sqs"), ("photos_table", "dynamodb"), ("alert_topic", "sns"),
        ("scheduler", "eventbridge"),  # the ScheduleV2 event's EventBridge Scheduler invocations
        ("app_log_group", "cloudwatch"),  # a stand-alone log group (not /aws/lambda/...)
    ]


def test_the_design_is_valid_and_prices(dev):
    assert estimate_data(dev.design).total_usd > 0


def test_function_settings_merge_sam_globals_with_the_function_own(dev):
    comps = by_id(dev.design)
    settings = {k: {f: comps[k].get(f) for f in ("memory_mb", "timeout_s", "architecture", "ephemeral_storage_mb",
                                                  "reserved_concurrency", "provisioned_concurrency")}
                for k in comps if comps[k]["type"] == "lambda"}
    assert settings == {
        # Timeout from !FindInMap [StageSettings, !Ref Stage, ApiTimeout]; memory and arm64 from Globals
        "upload_function": {"memory_mb": 256, "timeout_s": 10, "architecture": "arm64", "ephemeral_storage_mb": None,
                            "reserved_concurrency": None, "provisioned_concurrency": None},
        "list_photos_function": {"memory_mb": 512, "timeout_s": 15, "architecture": "arm64",
                                 "ephemeral_storage_mb": None, "reserved_concurrency": None,
                                 "provisioned_concurrency": None},
        # MemorySize: !Ref ThumbnailMemory (Number default 1024); Architectures replaces the Globals list
        "thumbnail_function": {"memory_mb": 1024, "timeout_s": 60, "architecture": "x86_64",
                               "ephemeral_storage_mb": 2048, "reserved_concurrency": None,
                               "provisioned_concurrency": None},
        "index_function": {"memory_mb": 256, "timeout_s": 15, "architecture": "arm64", "ephemeral_storage_mb": None,
                           "reserved_concurrency": None, "provisioned_concurrency": None},
        "audit_function": {"memory_mb": 128, "timeout_s": 15, "architecture": "arm64", "ephemeral_storage_mb": None,
                           "reserved_concurrency": None, "provisioned_concurrency": None},
        "cleanup_function": {"memory_mb": 256, "timeout_s": 300, "architecture": "arm64",
                             "ephemeral_storage_mb": None, "reserved_concurrency": None,
                             "provisioned_concurrency": None},
    }


def test_the_implicit_http_api_drives_its_functions_split_by_route(dev):
    comps = by_id(dev.design)
    assert comps["serverless_http_api"] == {"id": "serverless_http_api", "type": "api_gateway", "api": "http"}
    # one route (POST /photos) of three goes to upload, two (GET /photos, GET /photos/{id}) to list
    assert (comps["upload_function"]["from"], comps["upload_function"]["calls"]) == ("serverless_http_api", 0.333333)
    assert (comps["list_photos_function"]["from"], comps["list_photos_function"]["calls"]) == \
        ("serverless_http_api", 0.666667)


def test_event_sources_become_from_links(dev):
    links = {c["id"]: c.get("from") for c in dev.design["components"]}
    assert links == {
        "serverless_http_api": None, "upload_function": "serverless_http_api",
        "list_photos_function": "serverless_http_api",
        "thumbnail_function": "photos_bucket",      # S3 event
        "index_function": "index_queue",            # SQS event
        "audit_function": "photos_table",           # DynamoDB stream event
        "cleanup_function": None,                   # schedules only
        "photos_bucket": "upload_function",         # the only function that references it (not the consumer)
        "thumbnails_bucket": "thumbnail_function",
        "index_queue": "thumbnail_function",
        "index_dlq": None,                          # dead-letter queue: no traffic
        "photos_table": None,                       # referenced by two functions: ambiguous, client-driven
        "alert_topic": "audit_function",
        "scheduler": None,                          # EventBridge Scheduler: its own events_per_month
        "app_log_group": None,                      # logs given directly (log_ingested_gb_per_month)
    }


def test_a_schedule_only_function_gets_its_monthly_runs(dev):
    # rate(1 hour) = 730 runs; cron(0 9 ? * MON-FRI *) = 5 days × 730/24/7 weeks = 21.73 runs
    assert by_id(dev.design)["cleanup_function"]["invocations_per_month"] == 751.73


def test_the_table_keeps_billing_capacity_and_gsi_throughput(dev):
    table = by_id(dev.design)["photos_table"]
    assert {k: table[k] for k in ("billing", "rcu", "wcu", "gsis")} == {
        "billing": "provisioned", "rcu": 5, "wcu": 5, "gsis": [{"name": "ByOwner", "rcu": 2, "wcu": 2}]}
    assert "pitr" not in table and "table_class" not in table


def test_the_prod_parameter_switches_conditions(prod):
    comps = by_id(prod.design)
    assert {k: comps["photos_table"].get(k) for k in ("billing", "rcu", "wcu", "gsis", "pitr")} == {
        "billing": "on_demand", "rcu": None, "wcu": None, "gsis": [{"name": "ByOwner"}], "pitr": True}
    assert comps["upload_function"]["reserved_concurrency"] == 100
    assert comps["upload_function"]["timeout_s"] == 20
    assert (comps["index_function"]["reserved_concurrency"], comps["index_function"]["provisioned_concurrency"]) \
        == (20, 5)
    assert estimate_data(prod.design).total_usd > 0


def test_a_second_event_source_is_reported_not_counted(dev, prod):
    assert any("KeepWarm" in n and "schedule disabled" in n for n in dev.report.notes)
    assert "upload_function: driven by serverless_http_api; also invoked by a schedule, which is not counted " \
           "(a design component has one `from`)" in prod.report.notes


def test_sns_deliveries_come_from_subscriptions(dev):
    assert by_id(dev.design)["alert_topic"]["deliveries"] == {"email": 1}


def test_dead_letter_queue_is_assumed_empty(dev):
    assert by_id(dev.design)["index_dlq"]["messages_per_month"] == 0


def test_usage_the_template_cannot_know_is_filled_and_marked(dev):
    comps = by_id(dev.design)
    assert all(c["duration_ms"] == 100 for c in comps.values() if c["type"] == "lambda")
    assert dev.design["workload"] == {"requests_per_month": 1_000_000}
    assert dev.design["description"].startswith("Imported from photo_app_sam.yaml (SAM). ASSUMED usage")
    assert "lambda upload_function, list_photos_function, thumbnail_function, index_function, audit_function, " \
           "cleanup_function: duration_ms = 100 (ms per invocation)" in dev.report.assumptions
    assert "s3 photos_bucket, thumbnails_bucket: puts = 1 (PUT per event), gets = 0 (GETs per event), " \
           "storage_gb = 10 (GB stored)" in dev.report.assumptions


def test_the_report_lists_recognised_and_ignored_resources(dev):
    assert dev.report.kind == "SAM"
    assert "PhotosTable (AWS::DynamoDB::Table) → photos_table (dynamodb)" in dev.report.recognised
    assert dev.report.recognised[0] == ("ServerlessHttpApi (implicit AWS::Serverless::HttpApi from HttpApi events) "
                                        "→ serverless_http_api (api_gateway)")
    assert dev.report.ignored == []
    # no function writes to it: a stand-alone log group, priced as a cloudwatch component
    assert [line for line in dev.report.recognised if line.startswith("AppLogGroup")] == [
        "AppLogGroup (AWS::Logs::LogGroup) → app_log_group (cloudwatch)"]  # listed once
    assert dev.report.unresolved == []
    assert "photos_table: referenced by functions list_photos_function, index_function; a component has one `from`, " \
           "so it is driven by the client requests" in dev.report.notes


def test_cli_import_then_estimate_prices_the_design(tmp_path):
    out = tmp_path / "design.yaml"
    result = run_cli("import", str(SAMPLE), "-o", str(out), "--param", "Stage=prod")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.startswith("imported photo_app_sam.yaml (SAM): 15 recognised, 0 ignored, 0 unresolved\n")
    assert "note: parameter Stage = prod (from --param)" in result.stderr
    priced = run_cli("estimate", str(out), "--format", "json")
    assert priced.returncode == 0, priced.stderr
    doc = json.loads(priced.stdout)
    assert doc["total_usd"] > 0
    assert {item["component"] for item in doc["line_items"]} >= {
        "serverless_http_api", "upload_function", "thumbnail_function", "index_function", "photos_table",
        "photos_bucket", "index_queue", "alert_topic"}
    reserved = [i for i in doc["line_items"] if i["component"] == "index_function" and "Provisioned" in i["dimension"]]
    assert reserved, "provisioned concurrency from !If [IsProd, ...] is priced"


def test_cli_prints_the_design_to_stdout_as_json(tmp_path):
    result = run_cli("import", str(SAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    design = json.loads(result.stdout)
    assert design == import_path(SAMPLE).design


MINIMAL = """\
Transform: AWS::Serverless-2016-10-31
Parameters:
  Memory:
    Type: Number
  Arch:
    Type: String
    Default: arm64
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      MemorySize: !Ref Memory
      Timeout: !GetAtt Config.Timeout
      Architectures: [!Ref Arch]
      Events:
        Api:
          Type: Api
          Properties: {Path: /, Method: get}
        Jobs:
          Type: SQS
          Properties:
            Queue: arn:aws:sqs:us-east-1:123456789012:elsewhere
        Stream:
          Type: Kinesis
          Properties: {Stream: arn:aws:kinesis:us-east-1:123456789012:stream/x, StartingPosition: LATEST}
"""


def test_unresolvable_values_are_reported_with_their_path_not_guessed():
    result = import_text(MINIMAL, "minimal.yaml")
    fn = by_id(result.design)["fn"]
    assert (fn["memory_mb"], fn["timeout_s"], fn["architecture"]) == (128, 3, "arm64")
    assert result.report.unresolved == [
        "Resources.Fn.Properties.MemorySize: parameter Memory has no Default; give --param Memory=VALUE; "
        "left at the design default",
        "Resources.Fn.Properties.Timeout: !GetAtt Config.Timeout is known only after deployment; "
        "left at the design default",
        "Resources.Fn.Properties.Events.Jobs.Properties.Queue: 'arn:aws:sqs:us-east-1:123456789012:elsewhere' is not "
        "an SQS queue of this template; this link is not wired",
        # ---- kinesis: Kinesis events are wired now; this stream is outside the template
        "Resources.Fn.Properties.Events.Stream.Properties.Stream: 'arn:aws:kinesis:us-east-1:123456789012:stream/x' "
        "is not a Kinesis data stream of this template; this link is not wired",
    ]
    assert by_id(result.design)["serverless_rest_api"] == {"id": "serverless_rest_api", "type": "api_gateway",
                                                           "api": "rest"}


def test_a_param_value_resolves_what_the_default_could_not():
    result = import_text(MINIMAL, "minimal.yaml", params={"Memory": "2048", "Arch": "x86_64"})
    assert (by_id(result.design)["fn"]["memory_mb"], by_id(result.design)["fn"]["architecture"]) == (2048, "x86_64")


@pytest.mark.parametrize("params, message", [
    ({"Nope": "1"}, "minimal.yaml: --param Nope: the template has no such parameter (its parameters: Memory, Arch)"),
    ({"Memory": "lots"}, "minimal.yaml: --param Memory=lots: the parameter is a Number"),
])
def test_a_bad_param_is_an_error(params, message):
    with pytest.raises(DesignError) as err:
        import_text(MINIMAL, "minimal.yaml", params=params)
    assert err.value.problems == [message]


def test_a_param_outside_allowed_values_exits_2():
    result = run_cli("import", str(SAMPLE), "--param", "Stage=qa")
    assert result.returncode == 2
    assert result.stderr == "error: photo_app_sam.yaml: --param Stage=qa: not allowed; allowed: dev, prod\n"
    assert result.stdout == ""
