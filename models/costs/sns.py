"""Amazon SNS: publishes and deliveries, each 64 KB chunk counting once.

https://aws.amazon.com/sns/pricing/ — deliveries to SQS and Lambda carry no SNS charge.
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import ComponentUsage, Usage, ceil_units, dec, fmt
from models.design.schema import Sns

PRICED_DELIVERIES = ("mobile_push", "http", "email")


def usage(topic: Sns, publishes: Decimal) -> ComponentUsage:
    """Monthly usage of one topic receiving `publishes` publishes."""
    chunks = ceil_units(dec(topic.message_kb), Decimal(64))
    usages = [Usage(topic.id, "sns.requests", publishes * chunks,
                    f"{fmt(publishes)} publishes × {fmt(chunks)} (64 KB chunks)")]
    for kind in PRICED_DELIVERIES:
        per_publish = dec(getattr(topic.deliveries, kind))
        if per_publish:
            usages.append(Usage(topic.id, f"sns.delivery.{kind}", publishes * per_publish * chunks,
                                f"{fmt(publishes)} publishes × {fmt(per_publish)} {kind} deliveries × {fmt(chunks)}"))
    return ComponentUsage(tuple(usages))
