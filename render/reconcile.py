"""The reconciliation's outputs: the terminal table (per service: billed, estimated, difference, reasons) and JSON."""

from __future__ import annotations

from decimal import Decimal

from models.costs.reconcile import Finding, Reconciliation


def _usd(value: Decimal) -> str:
    return f"{value:,.2f}"


def reconcile_table(result: Reconciliation) -> str:
    """One row per service, the largest difference first, each with its reasons underneath."""
    lines = [f"Bill {result.month} vs estimate ({result.region}), USD (Cost Explorer: unblended, usage only)",
             f"{'service':40} {'billed':>12} {'estimated':>12} {'difference':>12}"]
    for line in result.services:
        lines.append(f"{line.service:40} {_usd(line.billed_usd):>12} {_usd(line.estimated_usd):>12} "
                     f"{line.difference_usd:>+12,.2f}")
        lines += [f"    - {reason.text}" for reason in line.reasons]
        if not line.reasons:
            lines.append("    - within 10 % (or USD 0.01) on every usage type")
    lines.append(f"{'total':40} {_usd(result.billed_usd):>12} {_usd(result.estimated_usd):>12} "
                 f"{result.billed_usd - result.estimated_usd:>+12,.2f}")
    if result.excluded:
        lines.append("Not compared:")
        lines += [f"    - {finding.text}" for finding in result.excluded]
    lines.append("Credits, refunds and taxes are not in this table (Cost Explorer asked for usage only; the "
                 "estimate is before tax and credits).")
    lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines) + "\n"


def _finding_dict(finding: Finding) -> dict:
    return {"kind": finding.kind, "key": finding.key, "billed_usd": float(finding.billed_usd),
            "estimated_usd": float(finding.estimated_usd), "text": str(finding.text)}


def reconcile_dict(result: Reconciliation) -> dict:
    """The `reconcile --format json` document (USD as numbers rounded to 6 places)."""
    return {"month": result.month, "region": result.region,
            "billed_usd": round(float(result.billed_usd), 6), "estimated_usd": round(float(result.estimated_usd), 6),
            "services": [{"service": s.service, "billed_usd": round(float(s.billed_usd), 6),
                          "estimated_usd": round(float(s.estimated_usd), 6),
                          "difference_usd": round(float(s.difference_usd), 6),
                          "reasons": [_finding_dict(f) for f in s.reasons]} for s in result.services],
            "excluded": [_finding_dict(f) for f in result.excluded], "notes": [str(n) for n in result.notes]}
