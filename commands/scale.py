"""`check DESIGN --scale N`: the readiness checks at N× the design's traffic, and the multiplier at which
each limit first fails (service/scale.py). `reconcile` registers here too (commands/reconcile.py).

    python cli.py check DESIGN --scale 3 [--format table|json] [--account SNAPSHOT]

Exit codes as `check`: 1 when a check fails at ×N.
"""

from __future__ import annotations

import argparse
import json
import sys

from aws.snapshot import limits_from_snapshot_file
from commands.support import InputError, read_design
from models.design.text import load_design_data
from render.readiness import readiness_table
from render.scale import scale_dict, scale_table
from service.scale import factor_problem, scale_report


def _factor(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (e.g. 3 for three times today's traffic)") \
            from None
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Give `check` its --scale option (the plain check runs as before without it)."""
    check = subparsers.choices["check"]
    plain_check = check.get_default("run")
    check.add_argument("--scale", type=_factor, default=None, metavar="N",
                       help="run the checks at N× the design's traffic (e.g. 3) and report the multiplier at which "
                            "each limit first fails (bisection, 1 %% tolerance)")

    def run(args: argparse.Namespace) -> int:
        return cmd_check_scale(args) if args.scale is not None else plain_check(args)

    check.set_defaults(run=run)


def cmd_check_scale(args: argparse.Namespace) -> int:
    """The readiness report at ×N and each check's first failing multiplier; exit 1 when a check fails at ×N."""
    problem = factor_problem(args.scale)
    if problem:
        raise InputError(problem)
    data = load_design_data(read_design(args.design))
    limits = limits_from_snapshot_file(args.account, str(data.get("region", "us-east-1"))) if args.account else None
    report = scale_report(data, args.scale, account_limits=limits)
    if args.format == "json":
        print(json.dumps(scale_dict(report), indent=2, ensure_ascii=False, default=str))
    else:
        sys.stdout.write(f"At ×{args.scale:g} today's traffic\n")
        sys.stdout.write(readiness_table(report.readiness) + "\n")
        sys.stdout.write(scale_table(report))
    return 1 if report.readiness.worst_status == "fail" else 0
