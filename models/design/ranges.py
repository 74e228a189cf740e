"""Ranges: any number in a design may be `{low, expected, high}` when it is not known exactly.

A ranged design is evaluated as **three separate designs** — every range at its low value (the
low case), at its expected value, and at its high value (the high case) — and each is priced and
checked on its own. This is a scenario range, not a probability interval: no sampling, and the
low case sets every range low at once. (The low case is not always the cheaper one: a higher
cache hit ratio, for example, lowers the cost.)

>>> data = {"workload": {"requests_per_month": {"low": 1e6, "expected": 3e6, "high": 1e7}}}
>>> scenario(data, "high")["workload"]["requests_per_month"]
10000000.0
>>> ranged_paths(data)
['workload.requests_per_month']
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from models.design.schema import DesignError
from models.messages import msg

CASES = ("low", "expected", "high")
RANGE_KEYS = frozenset(CASES)


def is_range(value: Any) -> bool:
    """True for a mapping whose keys are only low / expected / high (at least one)."""
    return isinstance(value, dict) and bool(value) and set(value) <= RANGE_KEYS


def _walk(value: Any, path: str, data: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(path, range) for every range in `value`, depth first, in file order."""
    if is_range(value):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key), data)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            if path == "components" and isinstance(item, dict) and item.get("id"):
                where += f" ({item['id']})"
            yield from _walk(item, where, data)


def ranged_paths(data: dict[str, Any]) -> list[str]:
    """Where the design gives ranges, as field paths ("components[1] (upload).memory_mb")."""
    return [path for path, _ in _walk(data, "", data)]


def has_ranges(data: Any) -> bool:
    """True when any number in the design is a `{low, expected, high}` range."""
    return isinstance(data, dict) and next(_walk(data, "", data), None) is not None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def range_problems(data: dict[str, Any]) -> list[str]:
    """One line per malformed range: the path, the values and what is allowed."""
    problems: list[str] = []
    for path, rng in _walk(data, "", data):
        if "expected" not in rng:
            problems.append(msg("design.range_expected", "{path}: a range needs 'expected' (and optionally 'low' and "
                                "'high')", path=path))
            continue
        bad = [k for k in CASES if k in rng and not _is_number(rng[k])]
        if bad:
            problems.append(msg("design.range_numbers", "{path}: range {bounds} must be plain numbers, got {got}",
                                path=path, bounds=", ".join(bad), got=", ".join(repr(rng[k]) for k in bad)))
            continue
        low, expected, high = (rng.get(k, rng["expected"]) for k in CASES)
        if not low <= expected <= high:
            problems.append(msg("design.range_order", "{path}: range must have low ≤ expected ≤ high, got low {low:,}, "
                                "expected {expected:,}, high {high:,}", path=path, low=low, expected=expected,
                                high=high))
    return problems


def case_value(rng: dict[str, Any], case: str) -> Any:
    """The value of one range in one case (low and high default to expected)."""
    return rng.get(case, rng["expected"])


def _resolve(value: Any, case: str) -> Any:
    if is_range(value):
        return case_value(value, case)
    if isinstance(value, dict):
        return {k: _resolve(v, case) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, case) for v in value]
    return value


def scenario(data: dict[str, Any], case: str) -> dict[str, Any]:
    """The design with every range replaced by its `case` value (`DesignError` if a range is malformed)."""
    if case not in CASES:
        raise ValueError(f"case must be one of {CASES}, not {case!r}")
    problems = range_problems(data)
    if problems:
        raise DesignError(problems)
    resolved: dict[str, Any] = _resolve(data, case)
    return resolved


def scenarios(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """{"low", "expected", "high"} → plain design mappings; only "expected" when there are no ranges."""
    if not has_ranges(data):
        return {"expected": data}
    return {case: scenario(data, case) for case in CASES}


def expected_value(value: Any) -> Any:
    """A field's expected value: the number itself, or a range's expected value."""
    return value.get("expected") if is_range(value) else value


def with_expected(value: Any, new: float) -> Any:
    """A field set to `new`: a plain number stays a number; a range keeps its low and high,
    moved when needed so that low ≤ expected ≤ high.

    >>> with_expected({"low": 10, "expected": 20, "high": 30}, 40)
    {'low': 10, 'expected': 40, 'high': 40}
    """
    if not is_range(value):
        return new
    result = dict(value)
    result["expected"] = new
    if "low" in result and result["low"] > new:
        result["low"] = new
    if "high" in result and result["high"] < new:
        result["high"] = new
    return result


def with_bound(value: Any, bound: str, new: float) -> dict[str, Any]:
    """A range with its `bound` ("low" or "high") set to `new`, expected moved to stay between.

    >>> with_bound({"low": 10, "expected": 20, "high": 30}, "low", 25)
    {'low': 25, 'expected': 25, 'high': 30}
    """
    if bound not in ("low", "high"):
        raise ValueError(f"bound must be 'low' or 'high', not {bound!r}")
    result = dict(value) if is_range(value) else {"expected": value}
    result[bound] = new
    if bound == "low" and result["expected"] < new:
        result["expected"] = new
    if bound == "high" and result["expected"] > new:
        result["expected"] = new
    for other in ("low", "high"):
        if other in result and (other == "low" and result[other] > result["expected"]
                                or other == "high" and result[other] < result["expected"]):
            result[other] = result["expected"]
    return result


def widened(value: float, low_factor: float = 0.5, high_factor: float = 2.0) -> dict[str, Any]:
    """A starting range around a known value (half to double by default).

    >>> widened(3_000_000)
    {'low': 1500000.0, 'expected': 3000000, 'high': 6000000.0}
    """
    return {"low": value * low_factor, "expected": value, "high": value * high_factor}


def spread(value: Any) -> tuple[Any, Any, Any]:
    """(low, expected, high) of a field, plain numbers giving the same value three times."""
    if is_range(value):
        low, expected, high = (case_value(value, c) for c in CASES)
        return low, expected, high
    return value, value, value
