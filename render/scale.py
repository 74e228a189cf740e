"""What-breaks-at-N× outputs shared by the CLI (`check --scale`) and the app: a text table and the JSON."""

from __future__ import annotations

from models.checks.scale import FirstFailure
from render.readiness import readiness_dict
from service.scale import ScaleReport


def fails_at_text(found: FirstFailure, report: ScaleReport) -> str:
    """"×90.5" (the smallest multiplier seen to fail), "≤ ×0.01" (fails at every multiplier searched) or
    "> ×1000" (passes at every one)."""
    if found.fails_at is None:
        return f"> ×{report.max_factor:g}"
    if found.below_min:
        return f"≤ ×{report.min_factor:g} (fails at any traffic)"
    return f"×{found.fails_at:,.3g}" if found.fails_at < 100 else f"×{found.fails_at:,.0f}"


def _traffic_wall_text(report: ScaleReport) -> str:
    """"; first wall as traffic grows X at ×N" when the first wall fails at any traffic (else "")."""
    wall, traffic = report.first_wall, report.first_traffic_wall
    if wall is None or not wall.below_min or traffic is None:
        return ""
    return f"; first wall as traffic grows {traffic.key[0]} · {traffic.key[1]} at {fails_at_text(traffic, report)}"


def ordered(report: ScaleReport) -> list[FirstFailure]:
    """The checks that fail within the search first (the first wall at the top), then the rest."""
    return sorted(report.first_failures, key=lambda f: (f.fails_at is None, f.fails_at or 0.0))


def scale_table(report: ScaleReport) -> str:
    """The terminal table: each check's status at ×1 and at ×N and the multiplier at which it first fails."""
    at_factor = {(c.id, c.component): c.status for c in report.readiness.checks}
    wall = report.first_wall
    lines = [f"What breaks at ×{report.factor:g}: {report.readiness.worst_status.upper()} at ×{report.factor:g}; "
             + (f"first wall {wall.key[0]} · {wall.key[1]} at {fails_at_text(wall, report)}" if wall
                else f"no check fails up to ×{report.max_factor:g}")
             + _traffic_wall_text(report),
             f"(first failing multiplier by bisection on the engine, within {report.tolerance:.0%}; "
             f"{report.evaluations} runs)",
             f"{'check':34} {'component':20} {'×1':5} {'×' + format(report.factor, 'g'):6} first fails at"]
    for found in ordered(report):
        check_id, component = found.key
        note = "" if found.monotone else "  (not monotone: fails and passes on both sides; read with care)"
        lines.append(f"{check_id:34} {component:20} {found.status_now:5} {at_factor.get(found.key, 'pass'):6} "
                     f"{fails_at_text(found, report)}{note}")
    return "\n".join(lines) + "\n"


def scale_dict(report: ScaleReport) -> dict:
    """The `check --scale N --format json` document: the readiness document at ×N plus "scale"."""
    doc = readiness_dict(report.readiness)
    doc["scale"] = {
        "factor": report.factor, "tolerance": report.tolerance, "searched": [report.min_factor, report.max_factor],
        "evaluations": report.evaluations,
        "first_wall": None if report.first_wall is None else {"id": report.first_wall.key[0],
                                                              "component": report.first_wall.key[1],
                                                              "fails_at": report.first_wall.fails_at},
        "first_traffic_wall": _wall_dict(report.first_traffic_wall),
        "first_failures": [{"id": f.key[0], "component": f.key[1], "status_now": f.status_now,
                            "fails_at": f.fails_at, "passes_at": f.passes_at, "fails_below_min": f.below_min,
                            "headroom_pct": f.headroom_pct, "monotone": f.monotone} for f in ordered(report)],
    }
    return doc


def _wall_dict(found: FirstFailure | None) -> dict | None:
    return None if found is None else {"id": found.key[0], "component": found.key[1], "fails_at": found.fails_at}
