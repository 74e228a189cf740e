"""SQS: the region's queues with their type, visibility timeout, retention and message size limit."""

from __future__ import annotations

from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, paginate

SECTION = "sqs"
CALLS = (
    Call("sqs", "ListQueues", "queue names"),
    Call("sqs", "GetQueueAttributes", "queue type, visibility timeout, retention, message size"),
)


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"queues": read of a list of queue records}."""
    return {"queues": attempt(ctx, "sqs", "ListQueues", lambda: queues(ctx))}


def queues(ctx: ReadContext) -> list[dict[str, Any]]:
    """Every queue (all pages; ListQueues paginates only when MaxResults is given)."""
    urls = paginate(ctx.client("sqs"), "list_queues", "QueueUrls", PaginationConfig={"PageSize": 1000})
    return for_each(ctx, urls, lambda url: queue_record(ctx, url))


def queue_record(ctx: ReadContext, url: str) -> dict[str, Any]:
    """One queue by name — the URL carries the account id, so it is not kept."""
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return {"name": name, "attributes": attempt(ctx, "sqs", "GetQueueAttributes",
                                                lambda: attributes(ctx, url), item=name)}


def attributes(ctx: ReadContext, url: str) -> dict[str, Any]:
    """Settings in their units (seconds, bytes) and the approximate backlog (messages)."""
    a = ctx.client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["All"]).get("Attributes") or {}

    def number(key: str) -> int | None:
        return int(a[key]) if a.get(key, "").isdigit() else None

    return {"fifo": a.get("FifoQueue") == "true", "visibility_timeout_s": number("VisibilityTimeout"),
            "retention_s": number("MessageRetentionPeriod"), "max_message_bytes": number("MaximumMessageSize"),
            "delay_s": number("DelaySeconds"), "receive_wait_s": number("ReceiveMessageWaitTimeSeconds"),
            "approx_messages": number("ApproximateNumberOfMessages"), "dead_letter_queue": "RedrivePolicy" in a}
