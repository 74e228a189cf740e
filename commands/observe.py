"""`cli.py observe`: read CloudWatch metrics for the last N days; optionally calibrate a design from them.

    python cli.py observe [--profile P] [--region R] [--days 14] [--resolution hour|minute] [--deadline S]
                          [-o observation.json [--force]] [--format table|json]
    python cli.py observe --apply DESIGN [-o NEW.yaml [--force]] [--from observation.json] [...]

With --apply the output is a NEW design file (default: DESIGN's name + `.observed.yaml` beside it),
never replaced without --force. Exit codes: 0 done (gaps are named); 2 bad input; 1 nothing read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from aws.guard import DEFAULT_DEADLINE_S
from aws.observe import DEFAULT_DAYS, MAX_DAYS, ObserveError
from aws.session import default_region
from aws.snapshot import SnapshotError, check_output_path, write_new_file
from commands.support import InputError, one_line, read_design
from models.design.schema import DesignError
from models.design.text import load_design_data
from service.observe import (
    calibrate,
    calibrated_yaml,
    dump_observation,
    load_observation,
    observation_text,
    read_observation,
)

MAX_ATTEMPTS = 10
MAX_DEADLINE_S = 3600.0


def add_window_args(p: argparse.ArgumentParser) -> None:
    """--days, --resolution, --deadline, --max-attempts (shared with `account import --observe`)."""
    p.add_argument("--days", type=int, default=DEFAULT_DAYS,
                   help=f"days to read, ending at the last whole hour (default {DEFAULT_DAYS}; at most "
                        f"{MAX_DAYS['hour']} at hour and {MAX_DAYS['minute']} at minute resolution)")
    p.add_argument("--resolution", choices=("hour", "minute"), default="hour",
                   help="hour (default) or minute: minute data also gives the workload's burstiness")
    p.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_S, metavar="SECONDS",
                   help=f"stop reading after this many seconds; what is not read is a named gap "
                        f"(default {DEFAULT_DEADLINE_S:g})")
    p.add_argument("--max-attempts", type=int, default=5, help="attempts per call, first try included (1 to 10)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `observe` to the CLI."""
    p = subparsers.add_parser("observe", help="read CloudWatch metrics (volumes, daily shape, durations, capacity); "
                              "with --apply, calibrate a design from them")
    p.add_argument("--profile", help="AWS profile (default: AWS_PROFILE or the default chain)")
    p.add_argument("--region", help="region to read (default: AWS_REGION / the profile's region)")
    add_window_args(p)
    p.add_argument("--from", dest="source", type=Path, metavar="OBSERVATION",
                   help="use a saved observation (`observe -o`) instead of reading CloudWatch")
    p.add_argument("--apply", metavar="DESIGN",
                   help="calibrate this design (file or template key) and write a new file")
    p.add_argument("-o", "--output", type=Path, help="where to write: the observation (JSON), or with --apply the "
                   "calibrated design (YAML; default DESIGN.observed.yaml); never replaced without --force")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.add_argument("--format", choices=("table", "json"), default="table", help="what to print (default: table)")
    p.set_defaults(run=cmd_observe)


def check_window_args(args: argparse.Namespace) -> None:
    """InputError (one line) for attempts or a deadline out of range."""
    if not 1 <= args.max_attempts <= MAX_ATTEMPTS:
        raise InputError(f"--max-attempts {args.max_attempts}: give a whole number from 1 to {MAX_ATTEMPTS}")
    if not 1 <= args.deadline <= MAX_DEADLINE_S:  # also refuses nan
        raise InputError(f"--deadline {args.deadline:g}: give seconds from 1 to {MAX_DEADLINE_S:g}")


def observation_for(args: argparse.Namespace, profile: str | None, region: str | None) -> dict:
    """A saved observation (--from) or a fresh read of CloudWatch."""
    if getattr(args, "source", None):
        return load_observation(args.source)
    region = region or default_region(profile)
    if not region:
        raise InputError("no region: pass --region (or set AWS_REGION / AWS_DEFAULT_REGION / the profile's region)")
    data = read_observation(profile, region, args.days, args.resolution, deadline_s=args.deadline,
                            max_attempts=args.max_attempts)
    for record in data["gaps"]:
        if record.get("kind") == "deadline":
            print(f"note: the read reached its {args.deadline:g} s deadline (named in the gaps; raise --deadline)",
                  file=sys.stderr)
            break
    return data


def cmd_observe(args: argparse.Namespace) -> int:
    """Read (or load) an observation; print it, save it, or calibrate a design from it."""
    try:
        check_window_args(args)
        target = _target(args)
        if target is not None:
            check_output_path(target, args.force)  # before reading, not after
        design = load_design_data(read_design(args.apply)) if args.apply else None
        data = observation_for(args, args.profile, args.region)
        if design is not None and target is not None:
            result = calibrate(design, data)
            write_new_file(target, calibrated_yaml(result), force=args.force)
            print(f"design written to {target}: {len(result.provenance)} observed value(s), "
                  f"{len(result.assumptions)} assumption(s) left", file=sys.stderr)
        elif target is not None:
            write_new_file(target, dump_observation(data), force=args.force)
            print(f"observation written to {target} ({len(data['gaps'])} gap(s))", file=sys.stderr)
    except (InputError, ObserveError, SnapshotError, DesignError) as err:
        return _fail(one_line(str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__), 2)
    sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n" if args.format == "json" else observation_text(data))
    if not data["resources"] and data["gaps"]:
        return _fail("nothing could be read (see the gaps)", 1)
    return 0


def _target(args: argparse.Namespace) -> Path | None:
    """The file this run writes (None: print only)."""
    if args.output:
        return Path(args.output)
    if args.apply:
        design = Path(args.apply)
        stem = design.name.rsplit(".", 1)[0] if design.suffix in (".yaml", ".yml", ".json") else design.name
        return (design.parent if design.exists() else Path(".")) / f"{stem}.observed.yaml"
    return None


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
