"""Amazon SQS: requests, each 64 KB chunk of a payload counting as one request.

https://aws.amazon.com/sqs/pricing/ — "each 64 KB chunk of a payload is billed as 1 request". A
message usually costs three requests: send and receive carry the payload (billed per chunk), delete
carries none (billed once).
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import ComponentUsage, Usage, ceil_units, dec, fmt
from models.design.schema import Sqs


def usage(queue: Sqs, messages: Decimal) -> ComponentUsage:
    """Monthly usage of one queue carrying `messages` messages."""
    chunks = ceil_units(dec(queue.message_kb), Decimal(64))
    per_message = dec(queue.requests_per_message)
    with_payload = min(per_message, Decimal(2))  # send + receive
    billed_per_message = with_payload * chunks + (per_message - with_payload)
    qty = messages * billed_per_message
    how = (f"{fmt(messages)} messages × {fmt(billed_per_message)} requests "
           f"({fmt(with_payload)} carrying {fmt(chunks)} × 64 KB chunks + {fmt(per_message - with_payload)} without payload)")
    return ComponentUsage((Usage(queue.id, f"sqs.{queue.queue}.requests", qty, how),))
