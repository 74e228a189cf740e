"""DynamoDB plan outputs shared by the CLI and the app: the stable JSON document and a text table."""

from __future__ import annotations

from models.dynamodb_planner import Plan


def plan_dict(plan: Plan) -> dict:
    """`dynamodb-plan --format json`: {"table", "strategies": [...], "recommended", "break_even_utilization"}."""
    return {
        "table": plan.table,
        "strategies": [{
            "name": s.name,
            "monthly_cost_usd": None if s.monthly_cost_usd is None else float(s.monthly_cost_usd),
            "cost_12_months_usd": None if s.cost_12_months_usd is None else float(s.cost_12_months_usd),
            "throttled_requests": round(s.throttled_requests, 1),
            "avg_utilization": None if s.avg_utilization is None else round(s.avg_utilization, 4),
            "max_decreases_in_a_day": s.max_decreases_in_a_day,
            "schedule": [{"start": r["start"], "minute_of_month": r["minute_of_month"], "rcu": r["rcu"], "wcu": r["wcu"]}
                         for r in s.schedule],
            "note": s.note,
        } for s in plan.strategies],
        "recommended": plan.recommended,
        "reason": plan.reason,
        "break_even_utilization": {k: round(v, 4) for k, v in plan.break_even_utilization.items()},
    }


def plan_table_text(plan: Plan) -> str:
    """The strategies side by side for the terminal, then the recommendation."""
    lines = [f"DynamoDB table {plan.table}: capacity plans for the month (throughput cost only)",
             f"{'strategy':18} {'USD/month':>11} {'USD/12 months':>14} {'throttled':>11} {'utilization':>11} "
             f"{'max decr./day':>13}"]
    for s in plan.strategies:
        cost = "n/a" if s.monthly_cost_usd is None else f"{s.monthly_cost_usd:,.2f}"
        year = "n/a" if s.cost_12_months_usd is None else f"{s.cost_12_months_usd:,.2f}"
        used = "—" if s.avg_utilization is None else f"{s.avg_utilization:.0%}"
        lines.append(f"{s.name:18} {cost:>11} {year:>14} {s.throttled_requests:>11,.0f} {used:>11} "
                     f"{s.max_decreases_in_a_day:>13}")
    lines.append(f"Break-even utilization: reads {plan.break_even_utilization['read']:.1%}, "
                 f"writes {plan.break_even_utilization['write']:.1%}")
    lines.append(f"Recommended: {plan.recommended} — {plan.reason}")
    for s in plan.strategies:
        if s.note:
            lines.append(f"  {s.name}: {s.note}")
    scheduled = next((s for s in plan.strategies if s.name == "scheduled"), None)
    if scheduled and scheduled.schedule:
        lines.append("Scheduled plan (first 12 changes; --format json or --actions for all):")
        for row in scheduled.schedule[:12]:
            lines.append(f"  {row['start'] or row['minute_of_month']}  {row['rcu']:>7,} RCU  {row['wcu']:>7,} WCU")
    return "\n".join(lines) + "\n"
