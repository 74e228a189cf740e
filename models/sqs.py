"""Amazon SQS: requests, each 64 KB chunk of a payload counting as one request.

https://aws.amazon.com/sqs/pricing/ — a message usually costs three requests: send, receive, delete.
"""

from __future__ import annotations

from decimal import Decimal

from models.design import Sqs
from models.usage import ComponentUsage, Usage, ceil_units, dec, fmt


def usage(queue: Sqs, messages: Decimal) -> ComponentUsage:
    """Monthly usage of one queue carrying `messages` messages."""
    chunks = ceil_units(dec(queue.message_kb), Decimal(64))
    per_message = dec(queue.requests_per_message)
    qty = messages * per_message * chunks
    how = f"{fmt(messages)} messages × {fmt(per_message)} requests × {fmt(chunks)} (64 KB chunks)"
    return ComponentUsage((Usage(queue.id, f"sqs.{queue.queue}.requests", qty, how),))


def outgoing_events(queue: Sqs, messages: Decimal) -> Decimal:
    """A queue passes on its messages to consumers."""
    return messages
