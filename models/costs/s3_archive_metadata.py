"""The metadata S3 bills for every object archived to S3 Glacier Flexible Retrieval or S3 Glacier Deep Archive.

The S3 FAQ (https://aws.amazon.com/s3/faqs/, "How is my storage charge calculated for Amazon S3 objects
archived to Amazon S3 Glacier?"): "Amazon S3 calculates the object size as the amount of data you stored plus
an additional 32KB of Amazon S3 Glacier data plus an additional 8KB of S3 Standard storage class data ...
For example, if you have archived 100,000 objects that are 1GB each, your billable storage would be:
1.000032 gigabytes for each object x 100,000 objects = 100,003.2 gigabytes of Amazon S3 Glacier storage.
0.000008 gigabytes for each object x 100,000 objects = 0.8 gigabytes of Amazon S3 Standard storage."
The storage-classes page says the same of Deep Archive (40 KB per object, 8 KB at S3 Standard rates and
32 KB at the archive rate). The FAQ's own arithmetic counts 32 KB as 0.000032 GB (1 GB = 1,000,000 KB),
which is also the larger of the two readings (1,048,576 KB would bill 5 % less), so it is used here.

Object-months in a class: `object_count` objects all month for a bucket stored in it; for the lifecycle's
steady state, the objects arriving each month × the days they spend in the class / days per month. The
32 KB are part of the object's size, so the class's minimum storage duration bills them too when objects
leave early (the stage's unused minimum days); S3 Standard has no minimum.

>>> from models.design.schema import S3
>>> bucket = S3(id="vault", type="s3", storage_class="glacier_flexible", storage_gb=100000, object_count=100000)
>>> [(m.tier, float(m.gb_months)) for m in metadata(bucket, Decimal(0))]
[('glacier_flexible', 3.2), ('standard', 0.8)]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from models.costs import s3_lifecycle
from models.design.schema import S3

ARCHIVED = ("glacier_flexible", "glacier_deep_archive")
#: GB of metadata per object, as the S3 FAQ's example counts them
ARCHIVE_GB_PER_OBJECT = Decimal("0.000032")
STANDARD_GB_PER_OBJECT = Decimal("0.000008")


@dataclass(frozen=True)
class Metadata:
    """GB-month of archive metadata billed at one storage class's price, and how it was worked out."""

    tier: str
    gb_months: Decimal
    how: str


def object_months(bucket: S3, arriving: Decimal) -> dict[str, tuple[Decimal, Decimal]]:
    """Per archive class: (object-months stored, object-months billed by the minimum duration after early exits)."""
    found: dict[str, tuple[Decimal, Decimal]] = {}
    if bucket.storage_class in ARCHIVED and bucket.object_count and bucket.storage_gb:
        found[bucket.storage_class] = (Decimal(str(bucket.object_count)), Decimal(0))
    for stage in s3_lifecycle.stages(bucket) if arriving and bucket.new_gb_per_month else ():
        if stage.storage_class in ARCHIVED:
            stored, early = found.get(stage.storage_class, (Decimal(0), Decimal(0)))
            found[stage.storage_class] = (stored + arriving * stage.days / s3_lifecycle.MONTH_DAYS,
                                          early + arriving * stage.early_days / s3_lifecycle.MONTH_DAYS)
    return found


def metadata(bucket: S3, arriving: Decimal) -> list[Metadata]:
    """The archive metadata a bucket is billed for: 32 KB per object at each archive class's price (stored and
    minimum-duration object-months) and 8 KB per object at S3 Standard's (stored object-months)."""
    found: list[Metadata] = []
    standard = Decimal(0)
    for cls, (stored, early) in object_months(bucket, arriving).items():
        found.append(Metadata(cls, (stored + early) * ARCHIVE_GB_PER_OBJECT,
                              f"{stored + early:,.2f} object-months × 32 KB (0.000032 GB) of {cls} metadata"
                              + (f", {early:,.2f} of them for the minimum storage duration" if early else "")))
        standard += stored
    if standard:
        found.append(Metadata("standard", standard * STANDARD_GB_PER_OBJECT,
                              f"{standard:,.2f} archived object-months × 8 KB (0.000008 GB) at S3 Standard"))
    return found


def unpriced_classes(bucket: S3, arriving: Decimal) -> list[str]:
    """Archive classes whose objects' metadata cannot be priced: their object count is not known."""
    unpriced = []
    if bucket.storage_class in ARCHIVED and bucket.storage_gb and not bucket.object_count:
        unpriced.append(bucket.storage_class)
    if bucket.new_gb_per_month and not arriving:
        unpriced += [s.storage_class for s in s3_lifecycle.stages(bucket) if s.storage_class in ARCHIVED]
    return list(dict.fromkeys(unpriced))
