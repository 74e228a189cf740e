"""`cli.py dynamodb-plan`: the cheapest capacity plan for one DynamoDB table of a design."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from commands.support import InputError, read_design
from models.design.text import load_design_data
from models.dynamodb_planner.plan import (
    SCHEDULED_ACTIONS_PER_TARGET,
    PlannerSettings,
    apply_instructions,
    scheduled_actions,
)
from render.dynamodb_plan import RECURRING, plan_dict, plan_table_text


def next_monday(today: date) -> date:
    """The first Monday after `today` (the default start of the planned month)."""
    return today + timedelta(days=7 - today.weekday())


def month_start_utc(start: date, utc_offset_minutes: int) -> datetime:
    """Local Monday 00:00 of the planned month, in UTC."""
    return datetime(start.year, start.month, start.day) - timedelta(minutes=utc_offset_minutes)


def run(args: argparse.Namespace) -> int:
    from service import dynamodb_plan_data

    start = args.start or next_monday(date.today())
    if start.weekday() != 0:
        raise InputError(f"--start {start.isoformat()}: the planned month starts on a Monday (local time)")
    if args.min_capacity > args.max_capacity:
        raise InputError(f"--min-capacity {args.min_capacity} is above --max-capacity {args.max_capacity}")
    data = load_design_data(read_design(args.design))
    if args.account:
        from aws.snapshot import load_snapshot

        try:
            found = live_decrease_state(load_snapshot(args.account), data, args.table, args.index)
        except (OSError, ValueError) as err:
            raise InputError(f"--account {args.account}: {err}") from None
        if found is None:
            print(f"--account: no live table for {args.table!r} in the snapshot; decreases today and the last "
                  "decrease stay as given", file=sys.stderr)
        else:
            used, last, name = found
            if args.decreases_used_today == 0:
                args.decreases_used_today = used
            if args.last_decrease is None:
                args.last_decrease = last
            print(f"--account: {name}: {used} decreases today, last {last.isoformat() + 'Z' if last else 'none'}",
                  file=sys.stderr)
    from models.design.schema import parse_design
    from models.run.traffic import client_traffic

    settings = PlannerSettings(step_minutes=args.step_minutes, headroom=args.headroom,
                               target_utilization=args.target, allowed_throttle_fraction=args.allowed_throttle,
                               decreases_used_today=args.decreases_used_today, min_capacity=args.min_capacity,
                               max_capacity=args.max_capacity, last_decrease=args.last_decrease)

    from service import expected_data

    offset = client_traffic(parse_design(expected_data(data)).workload).utc_offset_minutes
    plan = dynamodb_plan_data(data, args.table, settings, month_start_utc(start, offset), index=args.index)
    if args.actions:
        print(json.dumps(actions_document(plan), indent=2))
        print(f"{plan.table}: weekly recurring schedule as Application Auto Scaling scheduled actions; apply with "
              "register-scalable-target and put-scheduled-action (see how_to_apply).", file=sys.stderr)
    elif args.format == "json":
        print(json.dumps(plan_dict(plan), indent=2))
    else:
        sys.stdout.write(plan_table_text(plan))
    return 0


def live_decrease_state(snapshot: dict, design_data: dict, table_id: str, index: str | None,
                        region: str | None = None) -> tuple[int, datetime | None, str] | None:
    """(decreases used today, last decrease UTC, live table name) of the design table's live
    counterpart in an account snapshot (`cli.py pull`), matched as `account diff` does (label, else
    id); for `index`, that GSI's own counters. None when the snapshot has no such table."""
    from aws.facts import snapshot_facts
    from aws.naming import matches
    from models.design.schema import parse_design
    from service import expected_data

    design = parse_design(expected_data(design_data))
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
        when = _utc_time(last) if isinstance(last, str) and last else None
        return int(record.get("decreases_today") or 0), when, name
    return None


def actions_document(plan) -> dict:
    """`--actions`: the weekly recurring plan as PutScheduledAction requests (cron, UTC), how to
    apply them, and the count per scalable target (each at most 200, AWS's fixed quota)."""
    weekly = next(s for s in plan.strategies if s.name == RECURRING)
    actions = scheduled_actions(plan.table, weekly)
    per_target: dict[str, int] = {}
    for action in actions:
        per_target[action["ScalableDimension"]] = per_target.get(action["ScalableDimension"], 0) + 1
    assert max(per_target.values()) <= SCHEDULED_ACTIONS_PER_TARGET, per_target
    bound = next(s for s in plan.strategies if not s.applicable)
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


def _utc_time(text: str) -> datetime:
    """--last-decrease: ISO 8601; a time without an offset is UTC."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--last-decrease {text!r} is not an ISO 8601 time "
                                         "(e.g. 2026-12-07T08:30:00Z)") from None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _fraction(low: float, high: float, name: str):
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} {text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} {value:g} is out of range; allowed {low:g}–{high:g}")
        return value
    return parse


def _units(name: str):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} {text!r} is not a whole number") from None
        if not 1 <= value <= 1_000_000:
            raise argparse.ArgumentTypeError(f"{name} {value} is out of range; allowed 1–1,000,000")
        return value
    return parse


def _monday(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--start {text!r} is not a date (YYYY-MM-DD)") from None
    if not 2000 <= day.year <= 2100:  # a month of minutes (and its UTC offset) must fit in datetime
        raise argparse.ArgumentTypeError(f"--start {text!r} is out of range; allowed 2000-01-01 to 2100-12-31")
    return day


def register(subparsers) -> None:
    """Add `dynamodb-plan` to the CLI."""
    p = subparsers.add_parser("dynamodb-plan", help="compare on-demand, fixed, auto scaling, scheduled and reserved "
                                                    "capacity for one table")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--table", required=True, help="the id of a dynamodb component")
    p.add_argument("--index", help="plan this GSI of the table instead of the base table (each has its own capacity)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--step-minutes", type=int, choices=(5, 10, 15, 20, 30, 60), default=15,
                   help="length of the scheduled plan's steps (default 15)")
    p.add_argument("--headroom", type=_fraction(0, 2, "--headroom"), default=0.10,
                   help="capacity above each step's peak, as a fraction (default 0.10)")
    p.add_argument("--target", type=_fraction(0.2, 0.9, "--target"), default=0.70,
                   help="auto scaling target utilization, 0.2–0.9 (default 0.70)")
    p.add_argument("--min-capacity", type=_units("--min-capacity"), default=1,
                   help="lowest RCU/WCU any provisioned plan may set (auto scaling minimum; default 1)")
    p.add_argument("--max-capacity", type=_units("--max-capacity"), default=40_000,
                   help="highest RCU/WCU (auto scaling maximum; default 40,000, the table quota)")
    p.add_argument("--allowed-throttle", type=_fraction(0, 0.5, "--allowed-throttle"), default=0.0,
                   help="share of requests the scheduled plan may let throttle (default 0)")
    p.add_argument("--decreases-used-today", type=int, choices=range(0, 28), metavar="0-27", default=0,
                   help="decreases the live table (or --index) has already made today (UTC): "
                        "NumberOfDecreasesToday")
    p.add_argument("--last-decrease", type=_utc_time, metavar="ISO8601",
                   help="when the live table (or --index) last decreased, UTC (LastDecreaseDateTime); the plan "
                        "keeps more than 60 minutes after it, and counts --decreases-used-today only on that UTC day")
    p.add_argument("--account", type=Path, metavar="SNAPSHOT",
                   help="a snapshot from `cli.py pull -o`: take --decreases-used-today and --last-decrease from the "
                        "live table matching --table (and --index), unless given")
    p.add_argument("--start", type=_monday,
                   help="the Monday (local date) the planned month starts; default next Monday")
    p.add_argument("--actions", action="store_true",
                   help="print the weekly recurring plan as Application Auto Scaling scheduled actions (JSON: cron "
                        "schedules in UTC, at most 200 per scalable target) with how to apply them")
    p.set_defaults(run=run)
