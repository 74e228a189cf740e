"""DynamoDB plan outputs shared by the CLI and the app: the stable JSON document and a text table."""

from __future__ import annotations

from decimal import Decimal

from models.costs.money import round_money
from models.dynamodb_planner.plan import (
    SCHEDULED_ACTIONS_PER_TARGET,
    Plan,
    Strategy,
    apply_instructions,
    scheduled_actions,
)

LOWER_BOUND = "scheduled_one_time"
RECURRING = "scheduled_weekly"


def plan_dict(plan: Plan) -> dict:
    """`dynamodb-plan --format json`: {"table", "strategies": [...], "recommended", "reason",
    "break_even_utilization", "recurring_vs_lower_bound"}. A strategy with "applicable": false
    (the one-time schedule) is a lower bound for comparison and is never recommended."""
    return {
        "table": plan.table,
        "strategies": [{
            "name": s.name,
            "applicable": s.applicable,
            "monthly_cost_usd": None if s.monthly_cost_usd is None else float(s.monthly_cost_usd),
            "cost_12_months_usd": None if s.cost_12_months_usd is None else float(s.cost_12_months_usd),
            "throttled_requests": round(s.throttled_requests, 1),
            "avg_utilization": None if s.avg_utilization is None else round(s.avg_utilization, 4),
            "max_decreases_in_a_day": s.max_decreases_in_a_day,
            "schedule": [dict(r) for r in s.schedule],
            "note": s.note,
        } for s in plan.strategies],
        "recommended": plan.recommended,
        "reason": plan.reason,
        "break_even_utilization": {k: round(v, 4) for k, v in plan.break_even_utilization.items()},
        "recurring_vs_lower_bound": recurring_vs_lower_bound(plan),
        "free_tier_counted": {"rcu_hours": round(plan.free_unit_hours[0], 1),
                              "wcu_hours": round(plan.free_unit_hours[1], 1)},
    }


def free_tier_line(plan: Plan) -> str:
    """The free-tier assumption behind the provisioned costs, in one sentence ("" when none is counted)."""
    rcu, wcu = plan.free_unit_hours
    if not (rcu or wcu):
        return ""
    return (f"Provisioned costs count {rcu:,.0f} free RCU-hours and {wcu:,.0f} free WCU-hours a month for this table "
            "(the account's always-free 25 RCU / 25 WCU, after the design's other tables). AWS shares them among "
            "every provisioned Standard table of the account in the Region: use --no-free-tier if tables outside "
            "this design already use them.")


def _by_name(plan: Plan, name: str) -> Strategy | None:
    return next((s for s in plan.strategies if s.name == name), None)


def recurring_vs_lower_bound(plan: Plan) -> dict | None:
    """The weekly plan's cost against the one-time lower bound (USD a month, and the gap as a fraction)."""
    weekly, bound = _by_name(plan, RECURRING), _by_name(plan, LOWER_BOUND)
    if weekly is None or bound is None or weekly.monthly_cost_usd is None or bound.monthly_cost_usd is None:
        return None
    w, b = float(weekly.monthly_cost_usd), float(bound.monthly_cost_usd)
    return {"recurring_usd": w, "lower_bound_usd": b, "gap_fraction": round((w - b) / b, 4) if b else None}


def usd_text(amount: float | Decimal) -> str:
    """USD as a quote rounds it, half up to the cent, with thousands separators (8.575 → "8.58").

    >>> usd_text(8.575), usd_text(Decimal("1234.5")), usd_text(3.265)
    ('8.58', '1,234.50', '3.27')
    """
    return f"{round_money(Decimal(str(amount)), 'USD'):,.2f}"


def comparison_line(plan: Plan) -> str:
    """One sentence: the applicable weekly plan against the one-time lower bound."""
    c = recurring_vs_lower_bound(plan)
    if c is None:
        return ""
    gap = "" if c["gap_fraction"] is None else f" ({c['gap_fraction']:+.1%})"
    return (f"Weekly recurring schedule USD {usd_text(c['recurring_usd'])} a month{gap} against the one-time lower "
            f"bound USD {usd_text(c['lower_bound_usd'])}, which cannot be applied (Application Auto Scaling allows 200 "
            "scheduled actions per scalable target).")


def plan_table_text(plan: Plan) -> str:
    """The strategies side by side for the terminal, then the recommendation."""
    lines = [f"DynamoDB table {plan.table}: capacity plans for the month (throughput cost only)",
             f"{'strategy':26} {'USD/month':>11} {'USD/12 months':>14} {'throttled':>11} {'utilization':>11} "
             f"{'max decr./day':>13}"]
    for s in plan.strategies:
        cost = "n/a" if s.monthly_cost_usd is None else usd_text(s.monthly_cost_usd)
        year = "n/a" if s.cost_12_months_usd is None else usd_text(s.cost_12_months_usd)
        used = "—" if s.avg_utilization is None else f"{s.avg_utilization:.0%}"
        name = s.name if s.applicable else f"{s.name} (bound)"
        lines.append(f"{name:26} {cost:>11} {year:>14} {s.throttled_requests:>11,.0f} {used:>11} "
                     f"{s.max_decreases_in_a_day:>13}")
    lines.append(f"Break-even utilization: reads {plan.break_even_utilization['read']:.1%}, "
                 f"writes {plan.break_even_utilization['write']:.1%}")
    lines.append(f"Recommended: {plan.recommended} — {plan.reason}")
    if free_tier_line(plan):
        lines.append(free_tier_line(plan))
    if comparison_line(plan):
        lines.append(comparison_line(plan))
    for s in plan.strategies:
        if s.note:
            lines.append(f"  {s.name}: {s.note}")
    weekly = _by_name(plan, RECURRING)
    if weekly and weekly.schedule:
        lines.append("Weekly schedule, UTC (first 12 changes; --format json for all, --actions for the scheduled "
                     "actions and how to apply them):")
        for row in weekly.schedule[:12]:
            lines.append(f"  {row['start']}  {row['rcu']:>7,} RCU  {row['wcu']:>7,} WCU")
    return "\n".join(lines) + "\n"


def actions_document(plan: Plan) -> dict:
    """`--actions`: the weekly recurring plan as PutScheduledAction requests (cron, UTC), how to
    apply them, and the count per scalable target (each at most 200, AWS's fixed quota)."""
    weekly = next(s for s in plan.strategies if s.name == RECURRING)
    actions = scheduled_actions(plan.table, weekly)
    per_target: dict[str, int] = {}
    for action in actions:
        per_target[action["ScalableDimension"]] = per_target.get(action["ScalableDimension"], 0) + 1
    assert max(per_target.values()) <= SCHEDULED_ACTIONS_PER_TARGET, per_target
    bound = next(s for s in plan.strategies if not s.applicable)
    if weekly.monthly_cost_usd is None or weekly.pattern is None or bound.monthly_cost_usd is None:
        raise ValueError(f"{plan.table}: no weekly recurring schedule to export "
                         f"({weekly.note or 'the weekly plan was not computed'})")
    return {
        "table": plan.table,
        "strategy": RECURRING,
        "monthly_cost_usd": float(weekly.monthly_cost_usd),
        "one_time_lower_bound_usd": float(bound.monthly_cost_usd),
        "actions_per_scalable_target": per_target,
        "limit_per_scalable_target": SCHEDULED_ACTIONS_PER_TARGET,
        "how_to_apply": apply_instructions(plan.table, weekly.pattern),
        "scheduled_actions": actions,
    }
