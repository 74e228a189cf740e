"""Importing Kinesis Data Streams and Amazon Data Firehose: SAM/CloudFormation (AWS::Kinesis::Stream,
AWS::KinesisFirehose::DeliveryStream, a function's Kinesis events, AWS::Lambda::EventSourceMapping) and
Terraform (aws_kinesis_stream, aws_kinesis_firehose_delivery_stream, aws_lambda_event_source_mapping).

Samples: tests/import_samples/sam_kinesis.yaml and tests/import_samples/terraform_kinesis/.
"""

from __future__ import annotations

from pathlib import Path

from importers import import_path, import_text
from service import estimate_data

SAMPLES = Path(__file__).resolve().parents[1] / "import_samples"


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


def test_a_sam_template_wires_stream_consumer_firehose_and_bucket():
    result = import_path(SAMPLES / "sam_kinesis.yaml")
    found = by_id(result.design)
    assert found["clicks"] == {"id": "clicks", "type": "kinesis", "mode": "provisioned", "shards": 2,
                               "retention_hours": 48}
    assert found["consumer"]["from"] == "clicks" and found["consumer"]["batch_size"] == 500
    assert found["archive"] == {"id": "archive", "type": "firehose", "from": "clicks", "buffer_mb": 64,
                                "buffer_s": 60, "dynamic_partitioning": True}
    assert found["lake"]["from"] == "archive"
    assert not result.report.unresolved
    priced = {li.price_id for li in estimate_data(result.design).line_items}
    assert {"kinesis.provisioned.shard_hours", "kinesis.provisioned.extended_retention", "firehose.ingestion",
            "firehose.dynamic_partitioning.objects", "s3.requests.put.standard"} <= priced


def test_terraform_reads_stream_modes_the_mapping_batch_size_and_the_firehose_source_and_bucket():
    result = import_path(SAMPLES / "terraform_kinesis")
    found = by_id(result.design)
    assert found["events"] == {"id": "events", "type": "kinesis", "mode": "on_demand"}
    assert found["audit"] == {"id": "audit", "type": "kinesis", "mode": "provisioned", "shards": 3}
    assert found["worker"]["from"] == "events" and found["worker"]["batch_size"] == 250
    assert found["to_lake"] == {"id": "to_lake", "type": "firehose", "from": "audit", "buffer_mb": 10,
                                "buffer_s": 120, "format_conversion": True}
    assert found["lake"]["from"] == "to_lake"
    assert any("wires aws_kinesis_stream.events → aws_lambda_function.worker" in line
               for line in result.report.recognised)
    estimate_data(result.design)


CFN_MAPPING = """
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties:
      StreamModeDetails: {StreamMode: ON_DEMAND}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Runtime: python3.12, Handler: a.b, Role: arn:aws:iam::123456789012:role/r, Code: {ZipFile: x}}
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Stream.Arn
      FunctionName: !Ref Fn
      StartingPosition: LATEST
"""


def test_a_cloudformation_mapping_without_batch_size_takes_awss_default_of_100_and_says_so():
    result = import_text(CFN_MAPPING, "template.yaml")
    found = by_id(result.design)
    assert found["stream"] == {"id": "stream", "type": "kinesis", "mode": "on_demand"}
    assert found["fn"]["from"] == "stream" and found["fn"]["batch_size"] == 100
    assert "Resources.Mapping.Properties.BatchSize: not given; AWS's default of 100 for kinesis" \
        in result.report.assumptions


def test_a_provisioned_stream_without_a_shard_count_is_priced_on_demand_and_reported():
    text = CFN_MAPPING.replace("StreamModeDetails: {StreamMode: ON_DEMAND}", "RetentionPeriodHours: 24")
    result = import_text(text, "template.yaml")
    assert by_id(result.design)["stream"]["mode"] == "on_demand"
    assert "shard count is not known" in " ".join(result.report.unresolved)


SERVERLESS = """
service: clicks
provider: {name: aws, runtime: python3.12}
functions:
  consume:
    handler: app.handler
    events:
      - stream: {type: kinesis, arn: {Fn::GetAtt: [ClickStream, Arn]}, batchSize: 300}
resources:
  Resources:
    ClickStream:
      Type: AWS::Kinesis::Stream
      Properties: {ShardCount: 2}
"""


def test_a_serverless_framework_kinesis_stream_event_keeps_its_batch_size():
    result = import_text(SERVERLESS, "serverless.yml")
    found = by_id(result.design)
    assert found["click_stream"] == {"id": "click_stream", "type": "kinesis", "mode": "provisioned", "shards": 2}
    assert found["consume"]["from"] == "click_stream" and found["consume"]["batch_size"] == 300
