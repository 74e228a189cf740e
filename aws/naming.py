"""Resource names ↔ design component ids (lower-case letters, digits, '-', '_'; starts with a letter; ≤ 40)."""

from __future__ import annotations

import re

MAX_ID = 40
MAX_LABEL = 80


def component_id(name: str, taken: set[str] | None = None) -> str:
    """A valid, unused component id for an AWS resource name.

    >>> component_id("Orders_Table.v2"), component_id("2024-events"), component_id("api", {"api"})
    ('orders_table-v2', 'r-2024-events', 'api-2')
    """
    base = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-") or "resource"
    if not base[0].isalpha():
        base = "r-" + base
    base = base[:MAX_ID]
    taken = taken or set()
    candidate, n = base, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = base[: MAX_ID - len(suffix)] + suffix, n + 1
    return candidate


def matches(component_id_: str, label: str | None, name: str) -> bool:
    """Does a design component (id, label) stand for the account resource `name`?"""
    return label == name or component_id_ == name or component_id_ == component_id(name)
