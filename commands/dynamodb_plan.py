"""`cli.py dynamodb-plan`: the cheapest capacity plan for one DynamoDB table of a design."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from commands.support import InputError, read_design
from models.design.text import load_design_data
from models.dynamodb_planner.month import month_start_utc, next_monday, utc_offset_minutes
from models.dynamodb_planner.plan import PlannerSettings
from render.dynamodb_plan import actions_document, plan_dict, plan_table_text
from service.dynamodb_live import live_decrease_state


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
    settings = PlannerSettings(step_minutes=args.step_minutes, headroom=args.headroom,
                               target_utilization=args.target, allowed_throttle_fraction=args.allowed_throttle,
                               decreases_used_today=args.decreases_used_today, min_capacity=args.min_capacity,
                               max_capacity=args.max_capacity, last_decrease=args.last_decrease,
                               free_tier=not args.no_free_tier)

    from service import case_design

    offset = utc_offset_minutes(case_design(data).workload)
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
    p.add_argument("--no-free-tier", action="store_true",
                   help="plan without the always-free 25 RCU / 25 WCU: the account shares them among all its "
                        "provisioned Standard tables in the Region, and tables outside this design may use them")
    p.add_argument("--start", type=_monday,
                   help="the Monday (local date) the planned month starts; default next Monday")
    p.add_argument("--actions", action="store_true",
                   help="print the weekly recurring plan as Application Auto Scaling scheduled actions (JSON: cron "
                        "schedules in UTC, at most 200 per scalable target) with how to apply them")
    p.set_defaults(run=run)
