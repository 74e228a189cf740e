"""The design rules of a function's batch settings (batch_size, batching_window_s); the batch model
itself is models/run/batching.py."""

from __future__ import annotations

from typing import Any

from models.messages import msg

#: upstream types whose consumer function is invoked in batches (an event source mapping)
BATCHED_SOURCES = ("sqs", "dynamodb", "kinesis")


def batching_problems(design: Any) -> list[str]:
    """Design problems of batch settings: only on a function fed by a queue or stream, within AWS's rules."""
    by_id = {c.id: c for c in design.components}
    problems: list[str] = []
    for i, comp in enumerate(design.components):
        if comp.type != "lambda" or (comp.batch_size is None and not comp.batching_window_s):
            continue
        where = f"components[{i}] ({comp.id})"
        source = by_id.get(comp.from_) if comp.from_ else None
        if source is None or source.type not in BATCHED_SOURCES:
            problems.append(msg("design.batch_needs_source", "{where}.batch_size / batching_window_s: apply only to "
                                "a function whose 'from' is an SQS queue, a DynamoDB table (its stream) or a Kinesis "
                                "stream", where=where))
        elif source.type == "sqs" and getattr(source, "queue", "standard") == "fifo" and comp.batching_window_s:
            problems.append(msg("design.batch_window_fifo", "{where}.batching_window_s: a FIFO queue has no batching "
                                "window (AWS); remove it or use a standard queue", where=where))
        elif source.type == "sqs" and getattr(source, "queue", "standard") == "fifo" and (comp.batch_size or 0) > 10:
            problems.append(msg("design.batch_size_fifo", "{where}.batch_size {size}: at most 10 for a FIFO queue",
                                where=where, size=comp.batch_size))
        elif source.type == "sqs" and (comp.batch_size or 0) > 10 and comp.batching_window_s < 1:
            problems.append(msg("design.batch_size_window", "{where}.batch_size {size}: more than 10 from an SQS "
                                "queue needs batching_window_s of at least 1 (AWS)", where=where, size=comp.batch_size))
    return problems
