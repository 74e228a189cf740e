"""Amazon S3: storage by class (GB-month), PUT- and GET-class requests, retrieval, data out.

Storage is billed on the average stored GB over the month (https://aws.amazon.com/s3/pricing/).
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import ComponentUsage, Usage, dec, fmt
from models.design.schema import S3
from models.messages import msg

RETRIEVAL_CLASSES = ("standard_ia", "one_zone_ia", "glacier_instant")
ARCHIVE_CLASSES = ("glacier_flexible", "glacier_deep_archive")


def request_counts(bucket: S3, events: Decimal) -> tuple[Decimal, Decimal]:
    """(PUT-class, GET-class) requests per month: direct figures, or the flow × per-event counts."""
    if bucket.puts_per_month is not None or bucket.gets_per_month is not None:
        return dec(bucket.puts_per_month or 0), dec(bucket.gets_per_month or 0)
    return events * dec(bucket.puts), events * dec(bucket.gets)


def usage(bucket: S3, events: Decimal) -> ComponentUsage:
    """Monthly usage of one bucket receiving `events` upstream events."""
    cls = bucket.storage_class
    puts, gets = request_counts(bucket, events)
    usages: list[Usage] = []
    warnings: list[str] = []
    if bucket.storage_gb:
        storage_id = "s3.storage.intelligent_tiering_frequent" if cls == "intelligent_tiering" else f"s3.storage.{cls}"
        usages.append(Usage(bucket.id, storage_id, dec(bucket.storage_gb), f"{fmt(bucket.storage_gb)} GB-month"))
        if cls == "intelligent_tiering":
            warnings.append(msg("s3.intelligent_tiering.warning", "{id}: Intelligent-Tiering storage priced at the "
                                "Frequent Access tier (an upper bound until objects move to cheaper tiers)", id=bucket.id))
    if cls == "intelligent_tiering" and bucket.object_count:
        usages.append(Usage(bucket.id, "s3.intelligent_tiering.monitoring", dec(bucket.object_count),
                            f"{fmt(bucket.object_count)} objects monitored"))
    if puts:
        usages.append(Usage(bucket.id, f"s3.requests.put.{cls}", puts, f"{fmt(puts)} PUT/COPY/POST/LIST requests"))
    if gets:
        if cls in ARCHIVE_CLASSES:
            warnings.append(msg("s3.restore_first.warning", "{id}: GET from {cls} needs a restore first; restores are "
                                "not priced here", id=bucket.id, cls=cls))
        else:
            usages.append(Usage(bucket.id, f"s3.requests.get.{cls}", gets, f"{fmt(gets)} GET/SELECT requests"))
    if bucket.retrieval_gb:
        if cls in RETRIEVAL_CLASSES:
            usages.append(Usage(bucket.id, f"s3.retrieval.{cls}", dec(bucket.retrieval_gb),
                                f"{fmt(bucket.retrieval_gb)} GB retrieved"))
        elif cls in ARCHIVE_CLASSES:
            warnings.append(msg("s3.retrieval_unpriced.warning", "{id}: retrieval from {cls} is not priced here",
                                id=bucket.id, cls=cls))
    if bucket.transfer_out_gb:
        usages.append(Usage(bucket.id, "data_transfer.internet_out", dec(bucket.transfer_out_gb),
                            f"{fmt(bucket.transfer_out_gb)} GB out to the internet"))
    return ComponentUsage(tuple(usages), tuple(warnings))


def outgoing_events(bucket: S3, events: Decimal) -> Decimal:
    """A bucket passes on object-created notifications: one per PUT-class request."""
    return request_counts(bucket, events)[0]
