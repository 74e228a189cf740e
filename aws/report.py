"""Snapshots, gaps and differences as rows (for the app's tables) and as text (for the terminal)."""

from __future__ import annotations

from typing import Any

from aws.diff import Difference
from aws.facts import account_limits, snapshot_facts
from aws.readers._common import value_of
from aws.snapshot import gaps, region_data

KIND_TITLES = {"functions": "Lambda functions", "apis": "APIs", "tables": "DynamoDB tables", "buckets": "S3 buckets",
               "queues": "SQS queues"}


def limit_rows(snapshot: dict, region: str, account: str | None = None) -> list[dict[str, Any]]:
    """One row per limit read: key, value, source."""
    return [{"limit": f.key, "value": f.value, "source": f.source}
            for f in account_limits(snapshot, region, account).values()]


def resource_rows(snapshot: dict, region: str, account: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Rows per kind (functions, apis, tables, buckets, queues) for tables in the app and the terminal."""
    facts = snapshot_facts(snapshot, region, account)
    return {
        "functions": [{"name": n, "memory_mb": f["memory_mb"], "timeout_s": f["timeout_s"],
                       "architecture": f["architecture"], "reserved": f["reserved_concurrency"],
                       "provisioned": f["provisioned_concurrency"], "runtime": f["runtime"]}
                      for n, f in facts["functions"].items()],
        "apis": [{"name": n, "kind": a["kind"],
                  "stages": ", ".join(_stage(s) for s in a["stages"]) or "—",
                  "integration_timeouts_ms": ", ".join(str(t) for t in sorted(set(a["integration_timeouts_ms"])))
                                             or "—",
                  "functions": ", ".join(a["functions"]) or "—"} for n, a in facts["apis"].items()],
        "tables": [{"name": n, "billing": t["billing"], "rcu": t.get("rcu"), "wcu": t.get("wcu"),
                    "table_class": t["table_class"], "decreases_today": t.get("decreases_today"),
                    "size_bytes": t.get("size_bytes"), "gsis": len(t.get("gsis") or []),
                    "autoscaling": "; ".join(f"{s['dimension'].rsplit(':', 1)[-1]} {s['min']}–{s['max']}"
                                             for s in t["autoscaling"]) or "—"} for n, t in facts["tables"].items()],
        "buckets": [{"name": n, "size_bytes": b.get("size_bytes"), "object_count": b.get("object_count"),
                     "as_of": (b.get("as_of") or "")[:10] or "—"} for n, b in facts["buckets"].items()],
        "queues": [{"name": n, "type": "fifo" if q.get("fifo") else "standard",
                    "visibility_timeout_s": q.get("visibility_timeout_s"), "retention_s": q.get("retention_s"),
                    "max_message_bytes": q.get("max_message_bytes")} for n, q in facts["queues"].items()],
    }


def quota_rows(snapshot: dict, region: str, account: str | None = None) -> list[dict[str, Any]]:
    """Service Quotas: applied value (with increases) against AWS's default."""
    section = region_data(snapshot, region, account).get("service_quotas") or {}
    return [{"service": q["service_code"], "code": q["quota_code"], "name": q["name"],
             "applied": value_of(q.get("applied")), "default": value_of(q.get("default"))}
            for q in value_of(section.get("quotas"), [])]


def gap_rows(snapshot: dict) -> list[dict[str, Any]]:
    """Gaps grouped by (account, region, service, operation, code): one row each, with the items affected."""
    groups: dict[tuple, dict[str, Any]] = {}
    for g in gaps(snapshot):
        key = (g["account"], g["region"], g["service"], g["operation"], g["code"])
        row = groups.setdefault(key, {"account": g["account"], "region": g["region"], "service": g["service"],
                                      "operation": g["operation"], "code": g["code"], "kind": g["kind"],
                                      "message": g["message"], "count": 0, "items": []})
        row["count"] += 1
        if g.get("item") and g["item"] not in row["items"]:
            row["items"].append(g["item"])
    return [{**r, "items": ", ".join(r["items"])} for r in groups.values()]


def snapshot_text(snapshot: dict) -> str:
    """The whole snapshot for people: per account and region, limits and resources; then the gaps."""
    endpoint = " — from a custom endpoint (AWS_ENDPOINT_URL), not AWS" if snapshot.get("custom_endpoint") else ""
    lines = [f"Account snapshot taken {snapshot.get('taken_at')}{endpoint}"]
    for entry in snapshot["accounts"]:
        if not entry.get("regions"):
            lines.append(f"\n== {entry['label']}: not read ==")
        for region in entry.get("regions", {}):
            lines += _region_text(snapshot, entry["label"], region)
    rows = gap_rows(snapshot)
    lines.append(f"\nGaps ({len(rows)}){': none — every read succeeded' if not rows else ''}")
    for r in rows:
        times = f" ({r['count']} items)" if r["count"] > 1 else ""
        items = f" [{_short(r['items'])}]" if r["items"] else ""
        lines.append(f"  {r['account']} {r['region']} {r['service']} {r['operation']}{times}: {r['code']} "
                     f"({r['kind']}) {r['message']}{items}")
    return "\n".join(lines) + "\n"


def _region_text(snapshot: dict, account: str, region: str) -> list[str]:
    lines = [f"\n== {account} · {region} =="]
    limits = limit_rows(snapshot, region, account)
    lines.append("Limits: " + ("; ".join(f"{r['limit']} {_cell(r['value'])} ({r['source']})" for r in limits)
                               if limits else "none read"))
    for kind, rows in resource_rows(snapshot, region, account).items():
        lines.append(f"{KIND_TITLES[kind]} ({len(rows)})")
        if rows:
            lines += ["  " + line for line in text_table(rows)]
    quotas = quota_rows(snapshot, region, account)
    if any(q["applied"] is not None or q["default"] is not None for q in quotas):
        lines.append("Service Quotas")
        lines += ["  " + line for line in text_table(quotas)]
    return lines


def diff_rows(differences: list[Difference]) -> list[dict[str, Any]]:
    """Differences as rows, risks first."""
    order = {"risk": 0, "differs": 1, "info": 2}
    return [d.to_dict() for d in sorted(differences, key=lambda d: order.get(d.severity, 3))]


def diff_text(differences: list[Difference]) -> str:
    """Differences as an aligned table with a one-line summary."""
    if not differences:
        return "No differences: the account matches the design's assumptions.\n"
    rows = [{k: ("—" if v is None else v) for k, v in r.items()} for r in diff_rows(differences)]
    risks = sum(1 for d in differences if d.severity == "risk")
    return "\n".join(text_table(rows) + [f"\n{len(differences)} difference(s), {risks} risk(s)."]) + "\n"


def text_table(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as aligned text lines, header first (numbers with thousands separators)."""
    headers = list(rows[0])
    cells = [[_cell(r.get(h)) for h in headers] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    fmt = "  ".join(f"{{:{w}}}" for w in widths)
    return [fmt.format(*headers).rstrip()] + [fmt.format(*c).rstrip() for c in cells]


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,g}"
    return str(value)


def _stage(stage: dict) -> str:
    if stage.get("throttle_rps") is None:
        return stage["name"]
    return f"{stage['name']} ({stage['throttle_rps']:g} rps, burst {stage.get('throttle_burst')})"


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
