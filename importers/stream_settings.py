"""Batch settings of a function's queue or stream event source, as the templates spell them.

SAM `Events` of type SQS / DynamoDB / Kinesis (`BatchSize`, `MaximumBatchingWindowInSeconds`),
`AWS::Lambda::EventSourceMapping` (the same names) and Terraform's `aws_lambda_event_source_mapping`
(`batch_size`, `maximum_batching_window_in_seconds`). AWS's defaults when BatchSize is absent: 10 for
SQS, 100 for streams (https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html).
The settings are kept per source on the function (`_batches`) and applied for the source the design
keeps as its `from` (importers/build.py): the design fields `batch_size` and `batching_window_s`, whose
reading is in models/run/batching.py.
"""

from __future__ import annotations

from typing import Any

from importers.common import Trigger, as_float
from importers.context import ImportContext
from models.run.batching import DEFAULT_BATCH_SIZE

CFN_BATCH_KEYS = ("BatchSize", "MaximumBatchingWindowInSeconds")
TF_BATCH_KEYS = ("batch_size", "maximum_batching_window_in_seconds")


def read_batching(ctx: ImportContext, function: str | None, props: Any, where: str, keys: tuple[str, str],
                  source: str | None) -> None:
    """Record the batch size and window of `function`'s event source `source` (a component key or kind)."""
    if function is None or source is None or function not in ctx.found.components:
        return
    kind = ctx.found.kind_of(source) or source
    size = ctx.number(props, keys[0], where=where)
    window = ctx.value(props, keys[1], where=where, convert=as_float) or 0.0
    if size is None:
        size = DEFAULT_BATCH_SIZE.get(kind, 1)
        ctx.report.assumptions.append(f"{where}.{keys[0]}: not given; AWS's default of {size} for {kind}")
    fifo = kind == "sqs" and ctx.found.components.get(source) is not None and \
        ctx.found.components[source].fields.get("queue") == "fifo"
    if fifo and window:
        ctx.report.notes.append(f"{where}.{keys[1]}: a FIFO queue has no batching window; not counted")
        window = 0.0
    if kind == "sqs" and size > 10 and window < 1:
        ctx.report.unresolved.append(f"{where}.{keys[0]}: {size} needs a batching window of at least 1 s (AWS); "
                                     "counted as batches of 10")
        size = 10
    batches = ctx.found.components[function].fields.setdefault("_batches", {})
    batches[source] = (size, window)


def batch_fields(fields: dict[str, Any], trigger: Trigger | None) -> dict[str, Any]:
    """The design's batch_size / batching_window_s for the source kept as the function's `from`."""
    batches = fields.get("_batches") or {}
    if trigger is None or trigger.source not in batches:
        return {}
    size, window = batches[trigger.source]
    chosen: dict[str, Any] = {"batch_size": size} if size > 1 else {}
    if window and chosen:
        chosen["batching_window_s"] = window
    return chosen
