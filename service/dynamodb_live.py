"""Live DynamoDB tables of an account snapshot (`cli.py pull`) matched to a design's tables, for the
capacity planner's decrease counters (shared by `cli.py dynamodb-plan --account` and the app's page)."""

from __future__ import annotations

from datetime import UTC, datetime

from aws.facts import snapshot_facts
from aws.naming import matches
from service.plan import case_design


def live_decrease_state(snapshot: dict, design_data: dict, table_id: str, index: str | None,
                        region: str | None = None) -> tuple[int, datetime | None, str] | None:
    """(decreases used today, last decrease UTC, live table name) of the design table's live
    counterpart in an account snapshot (`cli.py pull`), matched as `account diff` does (label, else
    id); for `index`, that GSI's own counters. None when the snapshot has no such table."""
    design = case_design(design_data)
    comp = design.component(table_id)
    try:
        tables = snapshot_facts(snapshot, region or design.region)["tables"]
    except (KeyError, ValueError, IndexError):
        return None
    for name, record in tables.items():
        if not matches(comp.id, comp.label, name):
            continue
        if index:
            record = next((g for g in record.get("gsis") or [] if g.get("name") == index), None)
            if record is None:
                return None
        last = record.get("last_decrease")
        when = _iso_utc(last) if isinstance(last, str) and last else None
        return int(record.get("decreases_today") or 0), when, name
    return None


def _iso_utc(text: str) -> datetime:
    """An ISO 8601 time as naive UTC (a time without an offset is UTC); ValueError if it is not one."""
    when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
