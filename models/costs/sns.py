"""Amazon SNS: publishes and deliveries, each 64 KB chunk counting once.

https://aws.amazon.com/sns/pricing/ — deliveries to SQS and Lambda carry no SNS charge.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, ceil_units, dec, fmt
from models.design.schema import Sns

if TYPE_CHECKING:
    from models.run.run import Run

PRICED_DELIVERIES = ("mobile_push", "http", "email")

COMPONENTS = (
    Component("requests", "sns.requests"),
    Component("delivery", "sns.delivery.{kind}", choices={"kind": PRICED_DELIVERIES}),
)


def usage(topic: Sns, run: Run) -> ComponentUsage:
    """Monthly usage of one topic receiving its publishes in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), topic, run))


def _chunks(topic: Sns) -> Decimal:
    return ceil_units(dec(topic.message_kb), Decimal(64))


def requests(topic: Sns, run: Run) -> Quantity:
    """Publish requests per month, one per 64 KB chunk of a message."""
    publishes, chunks = run.events[topic.id], _chunks(topic)
    return Quantity(publishes * chunks, f"{fmt(publishes)} publishes × {fmt(chunks)} (64 KB chunks)")


def delivery(topic: Sns, run: Run) -> list[Quantity]:
    """Priced deliveries per month, per subscription kind (mobile push, HTTP, email), per 64 KB chunk."""
    publishes, chunks = run.events[topic.id], _chunks(topic)
    quantities = []
    for kind in PRICED_DELIVERIES:
        per_publish = dec(getattr(topic.deliveries, kind))
        if per_publish:
            quantities.append(Quantity(publishes * per_publish * chunks,
                                       f"{fmt(publishes)} publishes × {fmt(per_publish)} {kind} deliveries"
                                       f" × {fmt(chunks)}",
                                       values={"kind": kind}))
    return quantities
