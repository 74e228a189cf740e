"""What every reader shares: the read context, `attempt` (value or gap), pagination, per-item fan-out.

A *read* is a plain dict, either `{"value": ...}` or `{"error": gap}` (see aws/errors.py), so a
snapshot says for every item whether it was read and, if not, why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from aws.errors import gap
from aws.session import Clients, PullSettings

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class ReadContext:
    """Where one reader reads: a region, the account's clients, and the pull settings."""

    region: str
    clients: Clients
    settings: PullSettings

    def client(self, service: str) -> Any:
        """The boto3 client for `service` in this region."""
        return self.clients.get(service, self.region)


def ok(value: Any) -> dict:
    """A successful read."""
    return {"value": value}


def attempt(ctx: ReadContext, service: str, operation: str, fn: Callable[[], Any], item: str | None = None) -> dict:
    """Run `fn` (which calls `operation`); its value, or the gap that says why it failed."""
    try:
        return ok(fn())
    except Exception as err:  # every failure becomes a named gap, never a crash
        return {"error": gap(service, ctx.region, operation, err, item)}


def paginate(client: Any, method: str, key: str, **kwargs: Any) -> list:
    """Every item under `key` across all pages of `method` (a boto3 paginator name)."""
    items: list = []
    for page in client.get_paginator(method).paginate(**kwargs):
        items.extend(page.get(key) or [])
    return items


def for_each(ctx: ReadContext, items: Iterable[T], fn: Callable[[T], R]) -> list[R]:
    """`fn` over `items` with a few threads (per-resource detail calls), results in input order."""
    items = list(items)
    if len(items) <= 1:
        return [fn(i) for i in items]
    with ThreadPoolExecutor(max_workers=min(ctx.settings.item_workers, len(items))) as pool:
        return list(pool.map(fn, items))


def iso(value: Any) -> str | None:
    """A timestamp from a response as ISO 8601 text (None stays None)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return None if value is None else str(value)


def value_of(read: dict | None, default: Any = None) -> Any:
    """The value of a read, or `default` when it failed or is missing."""
    if isinstance(read, dict) and "value" in read:
        return read["value"]
    return default
