"""Terminal commands for live account settings.

    python cli.py pull [--profile P ...] [--region R ...] [-o snapshot.json [--force]] [--deadline SECONDS]
                       [--format table|json]
    python cli.py account show --account snapshot.json
    python cli.py account diff DESIGN --account snapshot.json [--region R] [--format table|json]
    python cli.py account import --account snapshot.json [-o design.yaml [--force]] [--pick NAME ...]
                                 [--observe [--days N] [--resolution hour|minute] [--observation FILE]]
    python cli.py account policy

Exit codes as in cli.py: 0 done (a partial snapshot names its gaps); 2 bad input (including an
output file that exists without --force, or a missing output folder: checked before the pull);
1 nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from aws import (
    ImportedDesign,
    ImportProblem,
    PullSettings,
    SnapshotError,
    account_diff,
    gaps,
    import_design,
    load_snapshot,
    pull,
    snapshot_facts,
)
from aws.errors import DEADLINE
from aws.guard import DEFAULT_DEADLINE_S
from aws.iam import policy_text
from aws.observe import ObserveError
from aws.readers import READERS
from aws.report import diff_rows, diff_text, snapshot_text
from aws.snapshot import check_output_path, dump_snapshot, write_new_file
from aws.snapshot_data import account_entry
from commands.observe import add_window_args, check_window_args, observation_for
from commands.support import InputError
from models.design.schema import Design, DesignError
from models.design.text import load_design_data
from service.observe import calibrate, calibrated_yaml, http_api_aliases
from templates import template_keys, template_text

#: the shape of any AWS Region code, commercial, GovCloud or China (us-east-1, us-gov-west-1, cn-north-1)
REGION_CODE = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-[1-9][0-9]?$")
#: the longest design name the schema accepts (Design.name's max_length)
MAX_DESIGN_NAME: int = next(m.max_length for m in Design.model_fields["name"].metadata if hasattr(m, "max_length"))

MAX_DESIGN_BYTES = 1_000_000
MAX_ATTEMPTS = 10
MAX_DEADLINE_S = 3600.0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `pull` and `account {show,diff,import,policy}` to the CLI."""
    p = subparsers.add_parser("pull",
                              help="read live settings (limits, functions, APIs, tables, ...) from AWS accounts")
    p.add_argument("--profile", action="append", default=[], metavar="P",
                   help="AWS profile (repeat for several accounts); default: AWS_PROFILE or the default chain")
    p.add_argument("--region", action="append", default=[], metavar="R",
                   help="region to read (repeat for several); default: AWS_REGION / the profile's region")
    p.add_argument("--service", action="append", default=[], choices=list(READERS), metavar="S",
                   help=f"only these snapshot sections ({', '.join(READERS)})")
    p.add_argument("-o", "--output", type=Path, help="write the snapshot (JSON) to this file (never replaced "
                   "without --force)")
    p.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    p.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_S, metavar="SECONDS",
                   help=f"stop reading after this many seconds; what is not read by then is a named gap "
                        f"(default {DEFAULT_DEADLINE_S:g}, at most {MAX_DEADLINE_S:g})")
    p.add_argument("--format", choices=("table", "json"), default="table", help="what to print (default: table)")
    p.add_argument("--include-account-id", action="store_true",
                   help="store each account's id in the snapshot (left out by default)")
    p.add_argument("--max-attempts", type=int, default=5,
                   help=f"attempts per call, standard retries, first try included (default 5, 1 to {MAX_ATTEMPTS})")
    p.set_defaults(run=cmd_pull)

    acc = subparsers.add_parser("account", help="use a snapshot: show it, diff a design against it, import a design")
    actions = acc.add_subparsers(dest="account_action", required=True)
    s = actions.add_parser("show", help="print a snapshot's limits, resources and gaps")
    _snapshot_args(s, which=False)
    s.set_defaults(run=cmd_show)
    d = actions.add_parser("diff", help="where a design's assumptions and the account differ")
    d.add_argument("design", help="a design file (YAML or JSON) or a template key")
    _snapshot_args(d)
    d.add_argument("--format", choices=("table", "json"), default="table")
    d.set_defaults(run=cmd_diff)
    i = actions.add_parser("import", help="a design from the account's APIs, functions, tables, buckets and queues")
    _snapshot_args(i)
    i.add_argument("-o", "--output", type=Path, help="write the design (YAML) here (never replaced without --force); "
                   "default: print it")
    i.add_argument("--force", action="store_true", help="replace the --output file if it exists")
    i.add_argument("--pick", action="append", metavar="NAME", help="only these resources (repeat)")
    i.add_argument("--name", help=f"the design's name (1 to {MAX_DESIGN_NAME} characters)")
    i.add_argument("--observe", action="store_true", help="calibrate the traffic from the account's CloudWatch "
                   "metrics (see `cli.py observe`)")
    i.add_argument("--observation", type=Path, metavar="OBSERVATION",
                   help="with --observe: use a saved observation (`observe -o`) instead of reading CloudWatch")
    add_window_args(i)
    i.set_defaults(run=cmd_import)
    pol = actions.add_parser("policy", help="print the read-only IAM policy that pull and prices refresh need")
    pol.set_defaults(run=cmd_policy)


def _snapshot_args(p: argparse.ArgumentParser, which: bool = True) -> None:
    p.add_argument("--account", dest="snapshot", type=Path, required=True, metavar="SNAPSHOT",
                   help="a snapshot file written by `cli.py pull -o`")
    if which:
        p.add_argument("--region", help="which region of the snapshot (diff: default the design's; import: the first)")
        p.add_argument("--label", help="which account of the snapshot (its profile label; default: the first)")


def cmd_pull(args: argparse.Namespace) -> int:
    """Pull, save and print a snapshot."""
    if not 1 <= args.max_attempts <= MAX_ATTEMPTS:
        return _fail(f"--max-attempts {args.max_attempts}: give a whole number from 1 to {MAX_ATTEMPTS}", 2)
    if not 1 <= args.deadline <= MAX_DEADLINE_S:  # also refuses nan
        return _fail(f"--deadline {args.deadline:g}: give seconds from 1 to {MAX_DEADLINE_S:g}", 2)
    for region in args.region:
        if not REGION_CODE.match(region):
            return _fail(f"--region {region!r}: not an AWS Region code (such as us-east-1 or ap-northeast-1)", 2)
    try:
        if args.output:
            check_output_path(args.output, args.force)  # before the pull, not after it
        snapshot = pull(args.profile or [None], args.region, sections=args.service or None,
                        include_account_id=args.include_account_id,
                        settings=PullSettings(max_attempts=args.max_attempts, deadline_s=args.deadline))
        if args.output:
            write_new_file(args.output, dump_snapshot(snapshot), force=args.force)
    except SnapshotError as err:
        return _fail(str(err), 2)
    sys.stdout.write(dump_snapshot(snapshot) if args.format == "json" else snapshot_text(snapshot))
    found = gaps(snapshot)
    late = sum(1 for g in found if g.get("kind") == DEADLINE)
    if late:
        print(f"note: the pull reached its {args.deadline:g} s deadline: {late} read(s) did not finish "
              "(named in the gaps; raise --deadline to wait longer)", file=sys.stderr)
    if args.output:
        print(f"snapshot written to {args.output} ({len(found)} gap(s))", file=sys.stderr)
    if not any(entry.get("regions") for entry in snapshot["accounts"]):
        reasons = "; ".join(f"{a['label']}: {a['error']['message']}" for a in snapshot["accounts"] if a.get("error"))
        return _fail(f"nothing could be read ({reasons})", 1)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print a saved snapshot."""
    try:
        snapshot = load_snapshot(args.snapshot)
    except SnapshotError as err:
        return _fail(str(err), 2)
    sys.stdout.write(snapshot_text(snapshot))
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Print the differences between a design and a snapshot."""
    try:
        snapshot = load_snapshot(args.snapshot)
        differences = account_diff(_design_data(args.design), snapshot, args.region, args.label)
    except (SnapshotError, DesignError) as err:
        return _fail(str(err), 2)
    if args.format == "json":
        print(json.dumps(diff_rows(differences), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(diff_text(differences))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Write or print a design made from a snapshot."""
    try:
        if args.name is not None and not 1 <= len(args.name.strip()) <= MAX_DESIGN_NAME:
            raise InputError(f"--name: {len(args.name.strip()):,} characters; a design's name has 1 to "
                             f"{MAX_DESIGN_NAME} (leave --name out for the default)")
        if args.output:
            check_output_path(args.output, args.force)
        snapshot = load_snapshot(args.snapshot)
        imported = import_design(snapshot, args.region, args.label, pick=args.pick, name=args.name)
        text = _observed_text(args, snapshot, imported) if args.observe else imported.yaml_text()
        if args.output:
            write_new_file(args.output, text, force=args.force)
    except (SnapshotError, ImportProblem, DesignError, ObserveError, InputError) as err:
        return _fail(_one_line(err), 2)
    if args.output:
        print(f"design written to {args.output}: {len(imported.data['components'])} components, "
              f"{len(imported.assumptions)} traffic assumption(s) to replace", file=sys.stderr)
    else:
        sys.stdout.write(text)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def _observed_text(args: argparse.Namespace, snapshot: dict, imported: ImportedDesign) -> str:
    """The imported design calibrated from the account's metrics (same region and profile as the snapshot)."""
    check_window_args(args)
    region = args.region or snapshot["regions"][0]
    entry = account_entry(snapshot, args.label)
    args.source = args.observation
    data = observation_for(args, entry.get("profile"), region)
    aliases = http_api_aliases(snapshot_facts(snapshot, region, args.label)["apis"])
    result = calibrate(imported.data, data, aliases)
    imported.data = result.data
    print(f"calibrated from CloudWatch ({len(result.provenance)} observed value(s), "
          f"{len(result.assumptions)} assumption(s) left)", file=sys.stderr)
    return calibrated_yaml(result)


def cmd_policy(args: argparse.Namespace) -> int:
    """Print the IAM policy (the same text as aws/iam_policy.json)."""
    sys.stdout.write(policy_text())
    return 0


def _design_data(arg: str) -> dict:
    """A design mapping from a file path or a template key (DesignError / SnapshotError with one line)."""
    path = Path(arg)
    if not path.exists() and arg in template_keys():
        return load_design_data(template_text(arg))
    if not path.is_file():
        raise SnapshotError(f"{arg}: no such design file (or template: {', '.join(template_keys())})")
    if path.stat().st_size > MAX_DESIGN_BYTES:
        raise SnapshotError(f"{arg}: too large for a design file")
    return load_design_data(path.read_text(encoding="utf-8", errors="replace"))


def _one_line(err: Exception) -> str:
    """The first line of an error (a DesignError may list several problems)."""
    lines = str(err).strip().splitlines() or [type(err).__name__]
    return lines[0] + (f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else "")


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
