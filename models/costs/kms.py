"""AWS KMS: customer managed keys per month, and the requests made with them.

https://aws.amazon.com/kms/pricing/ — "Each AWS KMS key that you create in AWS KMS costs $1/month
(prorated hourly)"; "If you enable automatic key rotation, each newly generated backing key costs an
additional $1/month"; AWS managed keys have no monthly fee, but "you will be charged on any API request
made to AWS-managed keys"; requests $0.03 per 10,000 after a free tier of 20,000 a month "calculated
across all regions".

The requests a design makes are those of every SSE-KMS use whose `kms_key` names the key (one line per
use, so each names what made it) plus the application's own `requests_per_month`. Each use is an upper
bound, the reading AWS cannot undercharge against:

- **S3** (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html): "Each time you
  upload or download an S3 object that's encrypted with SSE-KMS, Amazon S3 makes a GenerateDataKey (for
  uploads) or Decrypt (for downloads) request": one per PUT-class and one per GET-class request (LIST and
  DELETE are counted too: the design does not tell them apart). With an S3 Bucket Key AWS says it "can
  reduce AWS KMS request costs by up to 99 percent": at least 1 % of those requests remain.
- **SQS** (SQS Developer Guide, "Estimating AWS KMS costs"): R = B / D × (2 × P + C) per queue, B the
  billing period in seconds, D the data key reuse period, P and C the producing and consuming principals;
  and never more than one call per message sent (GenerateDataKey, Decrypt) and received (Decrypt): three
  per message. AWS adds that "actual costs might be higher because of the distributed nature of Amazon SQS"
  without saying how much: the formula is AWS's own figure, so it is the one used; give more principals
  (`kms_producers`, `kms_consumers`) to allow for more.
- **DynamoDB** (KMS Developer Guide, "How Amazon DynamoDB uses AWS KMS"): "DynamoDB caches the plaintext
  table keys for each connection in memory. If DynamoDB gets a request for the cached table key after five
  minutes of inactivity, it sends a new request to AWS KMS": at most one Decrypt per connection per five
  minutes, and never more than one per item request.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from models.costs.components import Component, Quantity, billed
from models.costs.usage import SECONDS_PER_MONTH, ComponentUsage, dec, fmt
from models.design.schema import S3, DynamoDb, Kms, Sqs
from models.run.flow import item_counts, request_counts

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (
    Component("keys", "kms.keys"),
    Component("requests", "kms.requests"),
)

#: "S3 Bucket Keys ... can reduce AWS KMS request costs by up to 99 percent": the share that remains
BUCKET_KEY_SHARE = Decimal("0.01")
#: DynamoDB asks KMS again after five minutes of a connection's inactivity
DYNAMODB_TABLE_KEY_IDLE_S = 300
#: calls per SQS message at most: send (GenerateDataKey + Decrypt of the new data key) and receive (Decrypt)
SQS_CALLS_PER_MESSAGE = 3


@dataclass(frozen=True)
class KmsUse:
    """One component's SSE-KMS requests a month with one key: `what` it is ("PUT", "GET", "queue", "table"),
    the monthly `requests` and how they were worked out. Their per-second rate follows the component's
    traffic: `driven` a month if every event called KMS, capped at `cap_rps` per second where a cache
    bounds the calls (None: no cap)."""

    component: str
    key: str
    what: str
    requests: Decimal
    formula: str
    driven: Decimal
    cap_rps: float | None = None


def uses(comp: Any, events: Decimal) -> list[KmsUse]:
    """The SSE-KMS uses of one design component receiving `events` a month (none without a `kms_key`)."""
    key = getattr(comp, "kms_key", None)
    if key is None:
        return []
    if isinstance(comp, S3):
        return _bucket_uses(comp, key, events)
    if isinstance(comp, Sqs):
        return [_queue_use(comp, key, events)]
    if isinstance(comp, DynamoDb):
        return [_table_use(comp, key, events)]
    return []


def _bucket_uses(bucket: S3, key: str, events: Decimal) -> list[KmsUse]:
    found = []
    share = BUCKET_KEY_SHARE if bucket.bucket_key else Decimal(1)
    for kind, call, count in (("PUT", "GenerateDataKey", request_counts(bucket, events)[0]),
                              ("GET", "Decrypt", request_counts(bucket, events)[1])):
        if not count:
            continue
        how = f"{bucket.id}: {fmt(count)} {kind} requests × 1 {call}"
        if bucket.bucket_key:
            how += f" × {fmt(share)} (S3 Bucket Key: up to 99 % fewer)"
        found.append(KmsUse(bucket.id, key, kind, count * share, how, count * share))
    return found


def sqs_requests_by_reuse(billing_s: Decimal, reuse_s: int, producers: int, consumers: int) -> Decimal:
    """The SQS Developer Guide's R = B / D × (2 × P + C) for one queue.

    >>> sqs_requests_by_reuse(Decimal(2_678_400), 300, 1, 1)  # AWS's Example 1 (January, 31 days)
    Decimal('26784')
    """
    return billing_s / dec(reuse_s) * (2 * producers + consumers)


def _queue_use(queue: Sqs, key: str, messages: Decimal) -> KmsUse:
    principals = 2 * queue.kms_producers + queue.kms_consumers
    by_reuse = sqs_requests_by_reuse(SECONDS_PER_MONTH, queue.kms_data_key_reuse_s, queue.kms_producers,
                                     queue.kms_consumers)
    by_message = messages * SQS_CALLS_PER_MESSAGE
    requests = min(by_reuse, by_message)
    how = (f"{queue.id}: min({fmt(SECONDS_PER_MONTH)} s / {queue.kms_data_key_reuse_s} s reuse × (2 × "
           f"{queue.kms_producers} producers + {queue.kms_consumers} consumers), {fmt(messages)} messages × "
           f"{SQS_CALLS_PER_MESSAGE})")
    return KmsUse(queue.id, key, "queue", requests, how, by_message, principals / queue.kms_data_key_reuse_s)


def _table_use(table: DynamoDb, key: str, events: Decimal) -> KmsUse:
    reads, writes = item_counts(table, events)
    by_idle = SECONDS_PER_MONTH / DYNAMODB_TABLE_KEY_IDLE_S * table.kms_callers
    requests = min(by_idle, reads + writes)
    how = (f"{table.id}: min({table.kms_callers} connections × {fmt(SECONDS_PER_MONTH)} s / "
           f"{DYNAMODB_TABLE_KEY_IDLE_S} s, {fmt(reads + writes)} item requests) Decrypt")
    return KmsUse(table.id, key, "table", requests, how, reads + writes, table.kms_callers / DYNAMODB_TABLE_KEY_IDLE_S)


def key_uses(key: Kms, run: Run) -> list[KmsUse]:
    """Every SSE-KMS use of `key` in the design, in the design's order."""
    return [use for comp in run.design.components for use in uses(comp, run.events[comp.id]) if use.key == key.id]


def usage(key: Kms, run: Run) -> ComponentUsage:
    """Monthly usage of one KMS component: its key-months and the requests made with it."""
    return ComponentUsage(billed(COMPONENTS, globals(), key, run))


def keys(key: Kms, run: Run) -> Quantity | None:
    """Key-months: each customer managed key, and each rotated backing key AWS keeps (none for AWS managed keys)."""
    if key.managed_by == "aws" or not key.keys:
        return None
    months = dec(key.keys) * (1 + key.rotations)
    how = f"{key.keys} customer managed keys"
    if key.rotations:
        how += f" × (1 + {key.rotations} rotated backing keys)"
    return Quantity(months, how)


def requests(key: Kms, run: Run) -> list[Quantity]:
    """The requests of each SSE-KMS use of the key, then the application's own calls."""
    found = [Quantity(use.requests, use.formula) for use in key_uses(key, run) if use.requests]
    if key.requests_per_month:
        own = dec(key.requests_per_month)
        found.append(Quantity(own, f"{fmt(own)} requests by the application"))
    return found
