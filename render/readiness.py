"""Readiness outputs shared by the CLI and the app: the `check --format json` document and a text table."""

from __future__ import annotations

from dataclasses import asdict

from models.checks.readiness import Readiness
from models.units import plain

STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}


def check_dicts(report: Readiness) -> list[dict]:
    """The checks as plain dicts, failures first."""
    return [asdict(c) for c in sorted(report.checks, key=lambda c: STATUS_ORDER[c.status])]


def readiness_dict(report: Readiness) -> dict:
    """The stable `check --format json` document: {"status", "checks": [...], "peaks": {component: {...}}}."""
    return {"status": report.worst_status, "checks": check_dicts(report), "peaks": report.components}


def component_summaries(report: Readiness) -> list[dict]:
    """Per component: id, type, throttled/timeouts per month, peak concurrency and other peaks."""
    rows = []
    for cid, facts in report.components.items():
        row = {"id": cid, "type": facts.get("type"), "throttled_per_month": facts.get("throttled_per_month", 0.0),
               "timeouts_per_month": facts.get("timeouts_per_month", 0.0),
               "peak_concurrency": facts.get("peak_concurrency")}
        row.update({k: v for k, v in facts.items() if k not in row})
        rows.append(row)
    return rows


def readiness_table(report: Readiness) -> str:
    """A plain-text readiness report for the terminal."""
    lines = [f"Readiness: {report.worst_status.upper()}  ({len(report.checks)} checks)"]
    for c in sorted(report.checks, key=lambda c: STATUS_ORDER[c.status]):
        limit = "" if c.limit_value is None else f"limit {plain(c.limit_value, ',.6g')}"
        peak = "" if c.peak_demand is None else f"peak {plain(c.peak_demand, ',.6g')} {c.unit}"
        head = f"{c.headroom_pct:+,.0f}% headroom" if c.headroom_pct is not None else ""
        account = (f" [from your account: {c.limit_read}]" if c.limit_read else " [from your account]") \
            if c.from_account else ""
        lines.append(f"[{c.status.upper():4}] {c.id:34} {c.component:20} {peak}  {limit}{account}  {head}".rstrip())
        if c.status != "pass":
            lines.append(f"         affected: {c.affected_requests_per_month:,.0f} requests/month — {c.consequence}")
            lines.append(f"         action: {c.action}")
    return "\n".join(lines) + "\n"
