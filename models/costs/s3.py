"""Amazon S3: storage by class (GB-month), PUT- and GET-class requests, retrieval, data out.

Storage is billed on the average stored GB over the month (https://aws.amazon.com/s3/pricing/).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import ComponentUsage, dec, fmt
from models.design.schema import S3, S3_CLASSES
from models.messages import msg
from models.run.flow import request_counts

if TYPE_CHECKING:
    from models.run.run import Run

RETRIEVAL_CLASSES = ("standard_ia", "one_zone_ia", "glacier_instant")
ARCHIVE_CLASSES = ("glacier_flexible", "glacier_deep_archive")
#: the storage price of each class: Intelligent-Tiering at its Frequent Access tier (an upper bound)
STORAGE_TIERS = {cls: "intelligent_tiering_frequent" if cls == "intelligent_tiering" else cls for cls in S3_CLASSES}

COMPONENTS = (
    Component("storage", "s3.storage.{tier}", choices={"tier": tuple(STORAGE_TIERS.values())}),
    Component("monitoring", "s3.intelligent_tiering.monitoring"),
    Component("put_requests", "s3.requests.put.{storage_class}"),
    Component("get_requests", "s3.requests.get.{storage_class}",
              choices={"storage_class": tuple(c for c in S3_CLASSES if c not in ARCHIVE_CLASSES)}),
    Component("retrieval", "s3.retrieval.{storage_class}", choices={"storage_class": RETRIEVAL_CLASSES}),
    Component("data_out", "data_transfer.internet_out"),
)


def usage(bucket: S3, run: Run) -> ComponentUsage:
    """Monthly usage of one bucket receiving its upstream events in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), bucket, run), tuple(_warnings(bucket, run)))


def storage(bucket: S3, run: Run) -> Quantity | None:
    """GB-month stored, priced by storage class."""
    if not bucket.storage_gb:
        return None
    return Quantity(dec(bucket.storage_gb), f"{fmt(bucket.storage_gb)} GB-month",
                    values={"tier": STORAGE_TIERS[bucket.storage_class]})


def monitoring(bucket: S3, run: Run) -> Quantity | None:
    """Objects monitored per month by Intelligent-Tiering."""
    if bucket.storage_class != "intelligent_tiering" or not bucket.object_count:
        return None
    return Quantity(dec(bucket.object_count), f"{fmt(bucket.object_count)} objects monitored")


def put_requests(bucket: S3, run: Run) -> Quantity | None:
    """PUT-class requests (PUT, COPY, POST, LIST) per month."""
    puts = request_counts(bucket, run.events[bucket.id])[0]
    return Quantity(puts, f"{fmt(puts)} PUT/COPY/POST/LIST requests") if puts else None


def get_requests(bucket: S3, run: Run) -> Quantity | None:
    """GET-class requests (GET, SELECT) per month; none priced from archive classes (a restore comes first)."""
    gets = request_counts(bucket, run.events[bucket.id])[1]
    if not gets or bucket.storage_class in ARCHIVE_CLASSES:
        return None
    return Quantity(gets, f"{fmt(gets)} GET/SELECT requests")


def retrieval(bucket: S3, run: Run) -> Quantity | None:
    """GB retrieved per month from the classes that bill retrieval (archive restores are not priced)."""
    if not bucket.retrieval_gb or bucket.storage_class not in RETRIEVAL_CLASSES:
        return None
    return Quantity(dec(bucket.retrieval_gb), f"{fmt(bucket.retrieval_gb)} GB retrieved")


def data_out(bucket: S3, run: Run) -> Quantity | None:
    """GB per month out to the internet."""
    if not bucket.transfer_out_gb:
        return None
    return Quantity(dec(bucket.transfer_out_gb), f"{fmt(bucket.transfer_out_gb)} GB out to the internet")


def _warnings(bucket: S3, run: Run) -> list[str]:
    cls = bucket.storage_class
    gets = request_counts(bucket, run.events[bucket.id])[1]
    warnings: list[str] = []
    if bucket.storage_gb and cls == "intelligent_tiering":
        warnings.append(msg("s3.intelligent_tiering.warning", "{id}: Intelligent-Tiering storage priced at the "
                            "Frequent Access tier (an upper bound until objects move to cheaper tiers)", id=bucket.id))
    if gets and cls in ARCHIVE_CLASSES:
        warnings.append(msg("s3.restore_first.warning", "{id}: GET from {cls} needs a restore first; restores are "
                            "not priced here", id=bucket.id, cls=cls))
    if bucket.retrieval_gb and cls in ARCHIVE_CLASSES:
        warnings.append(msg("s3.retrieval_unpriced.warning", "{id}: retrieval from {cls} is not priced here",
                            id=bucket.id, cls=cls))
    return warnings
