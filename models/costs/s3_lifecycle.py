"""S3 lifecycle in steady state: data arriving every month, ageing through its storage classes.

A bucket receives `new_gb_per_month` GB (in `new_objects_per_month` objects) in its `storage_class`;
its `lifecycle` moves each object to another class at an age in days, and `expiration_days`
deletes it. Objects arrive at a steady rate, so every age is equally full and each class holds
the data of the ages it covers (Little's law):

    GB-month in a class = new GB per month × days spent in the class / days per month

with the month of models/units.py: 730 hours, so DAYS_PER_MONTH = 730 / 24 = 30.4167 days. Example:
100 GB a month, Standard for 30 days, then Standard-IA to day 90, then expired: Standard holds
100 × 30 / 30.4167 = 98.63 GB-month and Standard-IA 100 × 60 / 30.4167 = 197.26 GB-month.

Without `expiration_days` nothing leaves the last class, so there is no steady state:
`history_days` (how long data has been arriving) caps the ages instead, and the month priced is
the one that ends `history_days` after the first object arrived.

Each month as many objects reach each transition as arrive, so a transition into a class costs
`new_objects_per_month` lifecycle transition requests (priced per 1,000 by the destination class,
https://aws.amazon.com/s3/pricing/ "Lifecycle Transition requests into"). Objects that leave a class
(by a transition or expiring) before its minimum storage duration are billed the rest of it:
"Objects that are deleted, overwritten, or transitioned to a different storage class before
[the minimum] will incur the normal storage usage charge plus a pro-rated charge for the remainder"
(https://aws.amazon.com/s3/storage-classes/): 30 days for Standard-IA and One Zone-IA, 90 for
Glacier Instant and Flexible Retrieval, 180 for Deep Archive.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.units import MONTH_HOURS_DEC, dec

#: minimum storage duration in days, by class (none for Standard and Intelligent-Tiering)
MINIMUM_DAYS = {"standard_ia": 30, "one_zone_ia": 30, "glacier_instant": 90, "glacier_flexible": 90,
                "glacier_deep_archive": 180}
#: days in the 730-hour month: 730 / 24 = 30.41666... (exact)
MONTH_DAYS = MONTH_HOURS_DEC / 24


@dataclass(frozen=True)
class Stage:
    """The ages [start_day, end_day) an object spends in `storage_class`; `ends_by` says what ends the stay:
    "transition", "expiration" or "history" (the ages not reached yet, which bill no early deletion)."""

    storage_class: str
    start_day: int
    end_day: int
    ends_by: str

    @property
    def days(self) -> int:
        """Days an object spends in this stage."""
        return self.end_day - self.start_day

    @property
    def early_days(self) -> int:
        """Days of the class's minimum storage duration an object leaving this stage does not use (billed anyway)."""
        if self.ends_by == "history":
            return 0
        return max(0, MINIMUM_DAYS.get(self.storage_class, 0) - self.days)


def stages(bucket: Any) -> list[Stage]:
    """The stages of a bucket's lifecycle, up to expiration (or `history_days`), empty stages left out.

    >>> from types import SimpleNamespace as NS
    >>> b = NS(storage_class="standard", lifecycle=[NS(days=30, storage_class="standard_ia")],
    ...        expiration_days=60, history_days=None)
    >>> [(s.storage_class, s.start_day, s.end_day, s.ends_by) for s in stages(b)]
    [('standard', 0, 30, 'transition'), ('standard_ia', 30, 60, 'expiration')]
    """
    horizon = _horizon(bucket)
    if horizon is None:
        return []
    marks = [(step.days, step.storage_class) for step in bucket.lifecycle]
    found: list[Stage] = []
    current, start = bucket.storage_class, 0
    for day, target in marks + [(None, None)]:
        end = horizon if day is None else min(day, horizon)
        if end > start:
            reached = day is not None and day < horizon
            expired = day is None and bucket.expiration_days is not None and end == bucket.expiration_days
            found.append(Stage(current, start, end, "transition" if reached else "expiration" if expired
                               else "history"))
        if day is None or day >= horizon:
            break
        current, start = target, day
    return found


def stage_gb_months(new_gb_per_month: float, stage: Stage) -> Decimal:
    """GB-month a stage holds in steady state: the monthly new GB × its days / days per month."""
    return dec(new_gb_per_month) * stage.days / MONTH_DAYS


def early_gb_months(new_gb_per_month: float, stage: Stage) -> Decimal:
    """GB-month billed for the unused rest of the minimum storage duration of the data leaving a stage."""
    return dec(new_gb_per_month) * stage.early_days / MONTH_DAYS


def transitions_into(bucket: Any) -> list[str]:
    """The classes objects transition into within the priced ages, in order (a transition on day 0 too:
    every object is written to its class first, then moved).

    >>> from types import SimpleNamespace as NS
    >>> transitions_into(NS(storage_class="standard", lifecycle=[NS(days=0, storage_class="glacier_deep_archive")],
    ...                     expiration_days=90, history_days=None))
    ['glacier_deep_archive']
    """
    horizon = _horizon(bucket)
    return [step.storage_class for step in bucket.lifecycle if horizon is not None and step.days < horizon]


def _horizon(bucket: Any) -> int | None:
    """The last age priced: expiration, capped by `history_days` (None when neither is given)."""
    ends = [d for d in (bucket.expiration_days, bucket.history_days) if d is not None]
    return min(ends) if ends else None
