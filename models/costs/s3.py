"""Amazon S3: storage by class (GB-month), PUT- and GET-class requests, retrieval, data out, and the
lifecycle of the data arriving each month (transition requests, minimum storage durations).

Storage is billed on the average stored GB over the month (https://aws.amazon.com/s3/pricing/). The
lifecycle's steady state is worked out in models/costs/s3_lifecycle.py; Intelligent-Tiering's data is
split across its access tiers by the bucket's `intelligent_tiering` shares.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from models.costs import s3_archive_metadata, s3_lifecycle
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

# ---- s3x
#: Intelligent-Tiering's access tiers, each a storage price of its own
IT_TIERS = ("intelligent_tiering_frequent", "intelligent_tiering_infrequent", "intelligent_tiering_archive_instant")
STORAGE_PRICES = tuple(dict.fromkeys([*STORAGE_TIERS.values(), *IT_TIERS]))
#: classes a lifecycle rule can move objects into (each its own transition request price)
TRANSITION_TARGETS = tuple(c for c in S3_CLASSES if c != "standard")
# ---- end s3x

COMPONENTS = (
    Component("storage", "s3.storage.{tier}", choices={"tier": STORAGE_PRICES}),
    Component("monitoring", "s3.intelligent_tiering.monitoring"),
    Component("put_requests", "s3.requests.put.{storage_class}"),
    Component("get_requests", "s3.requests.get.{storage_class}",
              choices={"storage_class": tuple(c for c in S3_CLASSES if c not in ARCHIVE_CLASSES)}),
    Component("retrieval", "s3.retrieval.{storage_class}", choices={"storage_class": RETRIEVAL_CLASSES}),
    Component("data_out", "data_transfer.internet_out"),
    # ---- s3x
    Component("transitions", "s3.lifecycle_transition.{to_class}", choices={"to_class": TRANSITION_TARGETS}),
    Component("early_deletion", "s3.storage.{tier}", label="minimum storage duration",
              choices={"tier": tuple(s3_lifecycle.MINIMUM_DAYS)}),
    # ---- end s3x
    # ---- examples
    Component("archive_metadata", "s3.storage.{tier}", label="archive metadata",
              choices={"tier": (*ARCHIVE_CLASSES, "standard")}),
    # ---- end examples
)


def usage(bucket: S3, run: Run) -> ComponentUsage:
    """Monthly usage of one bucket receiving its upstream events in `run`."""
    return ComponentUsage(billed(COMPONENTS, globals(), bucket, run), tuple(_warnings(bucket, run)))


def storage(bucket: S3, run: Run) -> list[Quantity]:
    """GB-month stored, priced by storage class: `storage_gb` in the bucket's class, and the data arriving
    each month in each class of its lifecycle (Intelligent-Tiering's split across its access tiers)."""
    found: list[Quantity] = []
    if bucket.storage_gb:
        found += _in_class(bucket, bucket.storage_class, dec(bucket.storage_gb),
                           f"{fmt(bucket.storage_gb)} GB-month")
    if bucket.new_gb_per_month:
        for stage in s3_lifecycle.stages(bucket):
            gb_months = s3_lifecycle.stage_gb_months(bucket.new_gb_per_month, stage)
            how = (f"{fmt(bucket.new_gb_per_month)} GB a month × {stage.days} days "
                   f"(day {stage.start_day} to {stage.end_day}) / {fmt(s3_lifecycle.MONTH_DAYS)} days")
            found += _in_class(bucket, stage.storage_class, gb_months, how)
    return found


def _in_class(bucket: S3, cls: str, gb_months: Decimal, how: str) -> list[Quantity]:
    """GB-month in one class; Intelligent-Tiering's shared across its access tiers."""
    if cls != "intelligent_tiering":
        return [Quantity(gb_months, how, values={"tier": STORAGE_TIERS[cls]})]
    tiers = bucket.intelligent_tiering
    infrequent = dec(tiers.infrequent) if tiers else Decimal(0)
    archive = dec(tiers.archive_instant) if tiers else Decimal(0)
    found = []
    for tier, share in zip(IT_TIERS, (1 - infrequent - archive, infrequent, archive), strict=True):
        if share > 0:
            found.append(Quantity(gb_months * share, f"{how} × {fmt(share)} in this access tier" if share < 1
                                  else how, values={"tier": tier}))
    return found


def monitoring(bucket: S3, run: Run) -> Quantity | None:
    """Objects monitored per month by Intelligent-Tiering: `object_count` in an Intelligent-Tiering bucket,
    and the objects its lifecycle keeps in Intelligent-Tiering (monthly new objects × days / days per month)."""
    objects = dec(bucket.object_count) if bucket.storage_class == "intelligent_tiering" else Decimal(0)
    how = [f"{fmt(bucket.object_count)} objects"] if objects else []
    arriving = new_objects(bucket, run) if bucket.new_gb_per_month else Decimal(0)
    for stage in s3_lifecycle.stages(bucket) if arriving else ():
        if stage.storage_class == "intelligent_tiering":
            objects += arriving * stage.days / s3_lifecycle.MONTH_DAYS
            how.append(f"{fmt(arriving)} new objects a month × {stage.days} days / "
                       f"{fmt(s3_lifecycle.MONTH_DAYS)} days")
    if not objects:
        return None
    return Quantity(objects, " + ".join(how) + " monitored")


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


# ---- s3x
def new_objects(bucket: S3, run: Run) -> Decimal:
    """Objects arriving per month: `new_objects_per_month`, else one per PUT-class request (every PUT
    a new object, the most transitions the PUTs can make)."""
    if bucket.new_objects_per_month is not None:
        return dec(bucket.new_objects_per_month)
    return request_counts(bucket, run.events[bucket.id])[0]


def transitions(bucket: S3, run: Run) -> list[Quantity]:
    """Lifecycle transition requests per month: each object arriving makes one into each class it reaches."""
    if not bucket.new_gb_per_month:
        return []
    arriving = new_objects(bucket, run)
    if not arriving:
        return []
    return [Quantity(arriving, f"{fmt(arriving)} objects a month transition to {cls}", values={"to_class": cls})
            for cls in s3_lifecycle.transitions_into(bucket)]


def early_deletion(bucket: S3, run: Run) -> list[Quantity]:
    """GB-month billed for the rest of a class's minimum storage duration when objects leave it earlier."""
    found = []
    for stage in s3_lifecycle.stages(bucket) if bucket.new_gb_per_month else ():
        if stage.early_days:
            gb_months = s3_lifecycle.early_gb_months(bucket.new_gb_per_month, stage)
            found.append(Quantity(gb_months, f"{fmt(bucket.new_gb_per_month)} GB a month leave {stage.storage_class} "
                                  f"after {stage.days} of its {s3_lifecycle.MINIMUM_DAYS[stage.storage_class]} "
                                  f"minimum days: {stage.early_days} days × GB / "
                                  f"{fmt(s3_lifecycle.MONTH_DAYS)} days", values={"tier": stage.storage_class}))
    return found
# ---- end s3x


def _warnings(bucket: S3, run: Run) -> list[str]:
    cls = bucket.storage_class
    gets = request_counts(bucket, run.events[bucket.id])[1]
    warnings: list[str] = []
    tiered = bucket.storage_gb and cls == "intelligent_tiering" or bucket.new_gb_per_month and any(
        s.storage_class == "intelligent_tiering" for s in s3_lifecycle.stages(bucket))
    if tiered and bucket.intelligent_tiering is None:
        warnings.append(msg("s3.intelligent_tiering.warning", "{id}: Intelligent-Tiering storage priced at the "
                            "Frequent Access tier (an upper bound until objects move to cheaper tiers)", id=bucket.id))
    if gets and cls in ARCHIVE_CLASSES:
        warnings.append(msg("s3.restore_first.warning", "{id}: GET from {cls} needs a restore first; restores are "
                            "not priced here", id=bucket.id, cls=cls))
    if bucket.retrieval_gb and cls in ARCHIVE_CLASSES:
        warnings.append(msg("s3.retrieval_unpriced.warning", "{id}: retrieval from {cls} is not priced here",
                            id=bucket.id, cls=cls))
    for cls in s3_archive_metadata.unpriced_classes(bucket, new_objects(bucket, run)):  # examples
        warnings.append(msg("s3.archive_overhead.warning", "{id}: each object archived to {cls} adds 40 KB of "
                            "billed metadata (8 KB at S3 Standard, 32 KB at the archive price), not priced here",
                            id=bucket.id, cls=ARCHIVE_NAMES[cls]))
    return warnings


#: the archive classes by AWS's names (the same in Japanese), for the metadata warning
ARCHIVE_NAMES = {"glacier_flexible": msg("word.s3_glacier_flexible", "S3 Glacier Flexible Retrieval"),
                 "glacier_deep_archive": msg("word.s3_glacier_deep_archive", "S3 Glacier Deep Archive")}


# ---- examples
def archive_metadata(bucket: S3, run: Run) -> list[Quantity]:
    """GB-month of the 40 KB of metadata each object archived to Glacier Flexible Retrieval or Deep Archive
    adds: 32 KB at the archive class's price, 8 KB at S3 Standard's (models/costs/s3_archive_metadata.py)."""
    arriving = new_objects(bucket, run) if bucket.new_gb_per_month else Decimal(0)
    return [Quantity(m.gb_months, m.how, values={"tier": m.tier})
            for m in s3_archive_metadata.metadata(bucket, arriving)]
# ---- end examples
