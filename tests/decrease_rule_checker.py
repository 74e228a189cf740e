"""An independent checker of DynamoDB's decrease rule, written from AWS's text (not from the planner).

AWS (DynamoDB service quotas page, "Decreasing provisioned throughput"): "you can start by
performing up to four decreases within one hour as long as you have not performed any other
decreases yet during that day. Subsequently, you can perform one additional decrease per hour as
long as there was no decreases in the preceding hour." Per UTC day; per table and separately per
GSI; at most the daily quota (default 27).

Where the text allows two readings, the one AWS cannot refuse (`strict=True`):
* "within one hour" of the day's first decrease: strictly less than 60 minutes after it;
* "no decreases in the preceding hour": the previous decrease strictly more than 60 minutes ago,
  also when it was on the previous UTC day;
* decreases already made today (a live table's NumberOfDecreasesToday) close the first hour.

`strict=False` is the most permissive reading (exactly 60 minutes is enough, midnight forgets the
previous day), used only to show where the readings differ.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from datetime import datetime, timedelta

HOUR = timedelta(hours=1)


def accepted(decreases: Iterable[tuple[datetime, Hashable]], used_today: dict | int = 0,
             last_decrease: dict | datetime | None = None, quota: int = 27, first_hour: int = 4,
             strict: bool = True) -> list[bool]:
    """For each decrease (UTC time, target), whether AWS accepts it, in time order of the input.

    `target` names the budget (a table, or a table's GSI): each has its own. `used_today` and
    `last_decrease` are the starting state (per target when dicts, else for every target):
    decreases already made on the UTC day of `last_decrease` (which must be given when
    `used_today` > 0). A refused decrease is not performed, so it does not count later."""
    events = sorted(enumerate(decreases), key=lambda e: (e[1][0], e[0]))
    state: dict[Hashable, dict] = {}
    verdict = [False] * len(events)
    for position, (when, target) in events:
        s = state.get(target)
        if s is None:
            used = used_today.get(target, 0) if isinstance(used_today, dict) else used_today
            last = last_decrease.get(target) if isinstance(last_decrease, dict) else last_decrease
            if used and last is None:
                raise ValueError("used_today > 0 needs the time of the last decrease")
            s = state[target] = {"day": last.date() if last else None, "times": [None] * used if used else [],
                                 "last": last}
        if s["day"] != when.date():
            s["day"], s["times"] = when.date(), []
        times = s["times"]
        ok = False
        if len(times) < quota:
            gap_ok = (s["last"] is None
                      or (when - s["last"] > HOUR if strict else when - s["last"] >= HOUR)
                      or (not strict and not times))
            if not times:
                ok = gap_ok if strict else True
            elif None not in times and len(times) < first_hour and (when - times[0] < HOUR if strict
                                                                     else when - times[0] <= HOUR):
                ok = True
            else:
                ok = gap_ok
        if ok:
            times.append(when)
            s["last"] = when
        verdict[position] = ok
    return verdict


def all_accepted(decreases, **state) -> bool:
    return all(accepted(decreases, **state))
