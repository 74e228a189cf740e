"""`cli.py dynamodb-plan`: the cheapest capacity plan for one DynamoDB table of a design."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timedelta

from cli_support import InputError, read_design
from models.design_text import load_design_data
from models.dynamodb_planner import PlannerSettings, scheduled_actions
from models.dynamodb_report import plan_dict, plan_table_text


def next_monday(today: date) -> date:
    """The first Monday after `today` (the default start of the planned month)."""
    return today + timedelta(days=7 - today.weekday())


def month_start_utc(start: date, utc_offset_minutes: int) -> datetime:
    """Local Monday 00:00 of the planned month, in UTC."""
    return datetime(start.year, start.month, start.day) - timedelta(minutes=utc_offset_minutes)


def run(args: argparse.Namespace) -> int:
    from planner import dynamodb_plan_data

    start = args.start or next_monday(date.today())
    if start.weekday() != 0:
        raise InputError(f"--start {start.isoformat()}: the planned month starts on a Monday (local time)")
    if args.min_capacity > args.max_capacity:
        raise InputError(f"--min-capacity {args.min_capacity} is above --max-capacity {args.max_capacity}")
    settings = PlannerSettings(step_minutes=args.step_minutes, headroom=args.headroom,
                               target_utilization=args.target, allowed_throttle_fraction=args.allowed_throttle,
                               decreases_used_today=args.decreases_used_today, min_capacity=args.min_capacity,
                               max_capacity=args.max_capacity)
    data = load_design_data(read_design(args.design))
    from models.design import parse_design
    from models.traffic import client_traffic

    offset = client_traffic(parse_design(data).workload).utc_offset_minutes
    plan = dynamodb_plan_data(data, args.table, settings, month_start_utc(start, offset), index=args.index)
    if args.actions:
        scheduled = next(s for s in plan.strategies if s.name == "scheduled")
        print(json.dumps(scheduled_actions(plan.table, scheduled.schedule), indent=2))
    elif args.format == "json":
        print(json.dumps(plan_dict(plan), indent=2))
    else:
        sys.stdout.write(plan_table_text(plan))
    return 0


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
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--start {text!r} is not a date (YYYY-MM-DD)") from None


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
                   help="decreases the live table has already made today (UTC)")
    p.add_argument("--start", type=_monday, help="the Monday (local date) the planned month starts; default next Monday")
    p.add_argument("--actions", action="store_true",
                   help="print the scheduled plan as Application Auto Scaling scheduled actions (JSON)")
    p.set_defaults(run=run)
