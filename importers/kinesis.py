"""Kinesis Data Streams and Amazon Data Firehose in templates and configurations.

CloudFormation: AWS::Kinesis::Stream (StreamModeDetails.StreamMode, ShardCount, RetentionPeriodHours),
AWS::KinesisFirehose::DeliveryStream (KinesisStreamSourceConfiguration, ExtendedS3/S3 destination with
BufferingHints, DataFormatConversionConfiguration, DynamicPartitioningConfiguration) and a SAM
function's `Kinesis` events; Terraform: aws_kinesis_stream (stream_mode_details, shard_count,
retention_period), aws_kinesis_firehose_delivery_stream (kinesis_source_configuration,
extended_s3_configuration) and aws_lambda_event_source_mapping from a stream (batch_size).
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesisfirehose-deliverystream.html
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/kinesis_stream
"""

from __future__ import annotations

from typing import Any

from importers.common import Component, as_bool
from importers.context import ImportContext


def stream_fields(ctx: ImportContext, where: str, mode: Any, shards: int | None, retention: int | None) -> dict:
    """The design fields of a stream from its mode ("ON_DEMAND"/"PROVISIONED", None: provisioned, the
    default of both CloudFormation and the Terraform provider), shard count and retention hours."""
    fields: dict[str, Any] = {}
    if str(mode).upper() == "ON_DEMAND":
        fields["mode"] = "on_demand"
    elif shards:
        fields.update({"mode": "provisioned", "shards": shards})
    else:
        ctx.report.unresolved.append(f"{where}: a provisioned stream whose shard count is not known; priced as "
                                     "on_demand until you give mode: provisioned and shards")
        fields["mode"] = "on_demand"
    if retention and retention > 24:
        fields["retention_hours"] = min(int(retention), 8760)
    return fields


def read_cfn_stream(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::Kinesis::Stream."""
    where = f"Resources.{lid}.Properties"
    mode = ctx.value(props, "StreamModeDetails", "StreamMode", where=where)
    fields = stream_fields(ctx, where, mode, ctx.number(props, "ShardCount", where=where),
                           ctx.number(props, "RetentionPeriodHours", where=where))
    return Component(lid, "kinesis", rtype, lid, fields)


def read_tf_stream(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_kinesis_stream."""
    mode = ctx.value(body, "stream_mode_details", 0, "stream_mode", where=key)
    fields = stream_fields(ctx, key, mode, ctx.number(body, "shard_count", where=key),
                           ctx.number(body, "retention_period", where=key))
    return Component(key, "kinesis", "aws_kinesis_stream", name, fields)


def hose_fields(ctx: ImportContext, s3: Any, where: str, names: dict[str, tuple[Any, ...]]) -> dict[str, Any]:
    """Buffering, format conversion and dynamic partitioning of a Firehose stream's S3 destination.
    `names` spells each setting's path as the template or configuration does."""
    fields: dict[str, Any] = {}
    size = ctx.value(s3, *names["size"], where=where)
    interval = ctx.value(s3, *names["interval"], where=where)
    if isinstance(size, (int, float)) and not isinstance(size, bool) and 1 <= size <= 128:
        fields["buffer_mb"] = size
    if isinstance(interval, (int, float)) and not isinstance(interval, bool) and 0 <= interval <= 900:
        fields["buffer_s"] = int(interval)
    conversion = ctx.raw(s3, *names["conversion"][:1], where=where)
    if conversion and ctx.value(s3, *names["conversion"], where=where, convert=as_bool) is not False:
        fields["format_conversion"] = True
    if ctx.value(s3, *names["partitioning"], where=where, convert=as_bool):
        fields["dynamic_partitioning"] = True
    return fields


CFN_S3 = {"size": ("BufferingHints", "SizeInMBs"), "interval": ("BufferingHints", "IntervalInSeconds"),
          "conversion": ("DataFormatConversionConfiguration", "Enabled"),
          "partitioning": ("DynamicPartitioningConfiguration", "Enabled")}
TF_S3 = {"size": ("buffering_size",), "interval": ("buffering_interval",),
         "conversion": ("data_format_conversion_configuration", 0, "enabled"),
         "partitioning": ("dynamic_partitioning_configuration", 0, "enabled")}


def _cfn_destination(props: dict) -> tuple[str, dict]:
    for key in ("ExtendedS3DestinationConfiguration", "S3DestinationConfiguration"):
        if isinstance(props.get(key), dict):
            return key, props[key]
    return "", {}


def read_cfn_hose(ctx: ImportContext, lid: str, rtype: str, props: dict) -> Component:
    """AWS::KinesisFirehose::DeliveryStream (the S3 settings; sources and destinations are wired later)."""
    where = f"Resources.{lid}.Properties"
    key, s3 = _cfn_destination(props)
    fields = hose_fields(ctx, s3, f"{where}.{key}", CFN_S3) if key else {}
    return Component(lid, "firehose", rtype, lid, fields)


def wire_cfn_hose(ctx: ImportContext, lid: str, rtype: str, props: dict) -> None:
    """A Firehose stream reads the Kinesis stream of KinesisStreamSourceConfiguration and writes the
    bucket of its S3 destination."""
    where = f"Resources.{lid}.Properties"
    source = ctx.raw(props, "KinesisStreamSourceConfiguration", "KinesisStreamARN", where=where)
    if source is not None:
        spot = f"{where}.KinesisStreamSourceConfiguration.KinesisStreamARN"
        ctx.wire(lid, ctx.target(source, "kinesis", spot), spot)
    key, s3 = _cfn_destination(props)
    if key:
        spot = f"{where}.{key}.BucketARN"
        bucket = ctx.any_target(s3.get("BucketARN"), ("s3",), spot)
        ctx.wire(bucket, lid, spot)


def read_tf_hose(ctx: ImportContext, key: str, name: str, body: dict) -> Component:
    """aws_kinesis_firehose_delivery_stream (extended_s3_configuration's settings)."""
    s3 = (ctx.items(body, "extended_s3_configuration", where=key) or [{}])[0]
    fields = hose_fields(ctx, s3, f"{key}.extended_s3_configuration", TF_S3) if s3 else {}
    return Component(key, "firehose", "aws_kinesis_firehose_delivery_stream", name, fields)


def wire_tf_hose(ctx: ImportContext, key: str, body: dict, module: Any) -> None:
    """kinesis_source_configuration's stream feeds the Firehose stream; its S3 bucket receives the objects."""
    source = ctx.raw(body, "kinesis_source_configuration", 0, "kinesis_stream_arn", where=key)
    if source is not None:
        spot = f"{key}.kinesis_source_configuration.kinesis_stream_arn"
        ctx.wire(key, ctx.target(source, "kinesis", spot), spot)
    for block in ("extended_s3_configuration", "s3_configuration"):
        for i, s3 in enumerate(ctx.items(body, block, where=key)):
            spot = f"{key}.{block}[{i}].bucket_arn"
            ctx.wire(ctx.any_target(ctx.raw(s3, "bucket_arn", where=spot), ("s3",), spot), key, spot)
