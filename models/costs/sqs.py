"""Amazon SQS: requests, each 64 KB chunk of a payload counting as one request.

https://aws.amazon.com/sqs/pricing/ — "each 64 KB chunk of a payload is billed as 1 request". A
message usually costs three requests: send and receive carry the payload (billed per chunk), delete
carries none (billed once).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, ceil_units, dec, fmt
from models.design.schema import Sqs

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("requests", "sqs.{queue}.requests"),
)


def usage(queue: Sqs, run: Run) -> ComponentUsage:
    """Monthly usage of one queue carrying its messages in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), queue, run))


def requests(queue: Sqs, run: Run) -> Quantity:
    """Billed requests per month: send and receive per 64 KB chunk of payload, the others once."""
    messages = run.events[queue.id]
    chunks = ceil_units(dec(queue.message_kb), Decimal(64))
    per_message = dec(queue.requests_per_message)
    with_payload = min(per_message, Decimal(2))  # send + receive
    billed_per_message = with_payload * chunks + (per_message - with_payload)
    how = (f"{fmt(messages)} messages × {fmt(billed_per_message)} requests "
           f"({fmt(with_payload)} carrying {fmt(chunks)} × 64 KB chunks"
           f" + {fmt(per_message - with_payload)} without payload)")
    return Quantity(messages * billed_per_message, how)
