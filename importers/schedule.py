"""How often an EventBridge schedule runs in a month: `rate(...)` and `cron(...)` expressions.

A scheduled function has no client traffic; the importer gives it `invocations_per_month` from
its schedules. A month is 730 hours (the planner's convention), so a day is 730/24 per month.
Expression syntax: https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
"""

from __future__ import annotations

import re

from importers.common import Unresolved
from models.units import DAYS_PER_MONTH, HOURS_PER_MONTH, WEEKS_PER_MONTH

_MINUTES_PER_UNIT = {"minute": 1, "hour": 60, "day": 1440}
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), start=1)}
_WEEKDAYS = {d: i for i, d in enumerate("SUN MON TUE WED THU FRI SAT".split(), start=1)}


def monthly_runs(expression: str) -> float:
    """Runs per 730-hour month (rounded to 0.01); Unresolved for an expression it cannot count.

    >>> monthly_runs("rate(5 minutes)")
    8760.0
    >>> monthly_runs("rate(1 day)")
    30.42
    >>> monthly_runs("cron(0/15 * * * ? *)")
    2920.0
    >>> monthly_runs("cron(0 9 ? * MON-FRI *)")
    21.73
    >>> monthly_runs("cron(0 3 1 * ? *)")
    1.0
    """
    text = expression.strip()
    match = re.fullmatch(r"rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)", text)
    if match:
        value = int(match.group(1))
        if value < 1:
            raise Unresolved(f"{expression!r}: a rate must be at least 1")
        minutes = value * _MINUTES_PER_UNIT[match.group(2).rstrip("s")]
        return round(HOURS_PER_MONTH * 60 / minutes, 2)
    match = re.fullmatch(r"cron\((.*)\)", text)
    if match:
        return round(_cron_runs(match.group(1).split(), expression), 2)
    raise Unresolved(f"{expression!r} is not a rate() or cron() schedule (one-time at() schedules are not monthly)")


def _cron_runs(fields: list[str], expression: str) -> float:
    """Runs per month of a six-field cron: minutes × hours × days × share of months."""
    if len(fields) != 6:
        raise Unresolved(f"{expression!r}: a cron expression has 6 fields (minutes hours day-of-month "
                         "month day-of-week year)")
    minute, hour, day_of_month, month, day_of_week, _year = fields
    minutes = len(_expand(minute, 0, 59, {}, expression))
    hours = len(_expand(hour, 0, 23, {}, expression))
    months = len(_expand(month, 1, 12, _MONTHS, expression))
    return minutes * hours * _days_per_month(day_of_month, day_of_week, expression) * months / 12


def _days_per_month(day_of_month: str, day_of_week: str, expression: str) -> float:
    """Days a month the schedule fires: listed days of the month, or weekdays × weeks per month."""
    any_dom, any_dow = day_of_month in ("*", "?"), day_of_week in ("*", "?")
    if not any_dom and not any_dow:
        raise Unresolved(f"{expression!r}: day-of-month or day-of-week must be '?'")
    if not any_dom:
        return sum(1 if re.fullmatch(r"L|LW|\d+W", part) else len(_expand(part, 1, 31, {}, expression))
                   for part in day_of_month.split(","))
    if not any_dow:
        return sum(1 if re.fullmatch(r"\w+#\d|\w+L", part) else
                   len(_expand(part, 1, 7, _WEEKDAYS, expression)) * WEEKS_PER_MONTH
                   for part in day_of_week.split(","))
    return DAYS_PER_MONTH


def _expand(field: str, low: int, high: int, names: dict[str, int], expression: str) -> set[int]:
    """The values a cron field selects: `*`, `a`, `a-b`, `a/step`, `*/step`, lists, names.

    >>> sorted(_expand("MON-FRI", 1, 7, _WEEKDAYS, "x"))
    [2, 3, 4, 5, 6]
    >>> sorted(_expand("0/20,45", 0, 59, {}, "x"))
    [0, 20, 40, 45]
    """
    values: set[int] = set()
    for part in field.upper().split(","):
        span, _, step_text = part.partition("/")
        step = _number(step_text, names, expression) if step_text else 1
        if span in ("*", "?"):
            start, stop = low, high
        elif "-" in span:
            first, _, last = span.partition("-")
            start, stop = _number(first, names, expression), _number(last, names, expression)
        else:
            start = _number(span, names, expression)
            stop = high if step_text else start
        if not (low <= start <= high and low <= stop <= high and step >= 1):
            raise Unresolved(f"{expression!r}: {part} is outside {low}-{high}")
        values |= set(range(start, stop + 1, step)) if start <= stop else \
            set(range(start, high + 1, step)) | set(range(low, stop + 1, step))
    return values


def _number(text: str, names: dict[str, int], expression: str) -> int:
    """A cron field value: a number or a name (JAN, MON)."""
    if text in names:
        return names[text]
    if text.isdigit():
        return int(text)
    raise Unresolved(f"{expression!r}: cannot count {text!r}")
