"""Terminal commands for live account settings.

    python cli.py pull [--profile P ...] [--region R ...] [-o snapshot.json] [--format table|json]
    python cli.py account show --account snapshot.json
    python cli.py account diff DESIGN --account snapshot.json [--region R] [--format table|json]
    python cli.py account import --account snapshot.json [-o design.yaml] [--pick NAME ...]
    python cli.py account policy

Exit codes as in cli.py: 0 done (a partial snapshot names its gaps); 2 bad input; 1 nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from account import (
    ImportProblem,
    PullSettings,
    SnapshotError,
    account_diff,
    gaps,
    import_design,
    load_snapshot,
    pull,
    save_snapshot,
)
from account.iam import policy_text
from account.readers import READERS
from account.report import diff_rows, diff_text, snapshot_text
from account.snapshot import dump_snapshot
from models.design import DesignError
from models.design_text import load_design_data
from templates import template_keys, template_text

MAX_DESIGN_BYTES = 1_000_000


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `pull` and `account {show,diff,import,policy}` to the CLI."""
    p = subparsers.add_parser("pull", help="read live settings (limits, functions, APIs, tables, ...) from AWS accounts")
    p.add_argument("--profile", action="append", default=[], metavar="P",
                   help="AWS profile (repeat for several accounts); default: AWS_PROFILE or the default chain")
    p.add_argument("--region", action="append", default=[], metavar="R",
                   help="region to read (repeat for several); default: AWS_REGION / the profile's region")
    p.add_argument("--service", action="append", default=[], choices=list(READERS), metavar="S",
                   help=f"only these snapshot sections ({', '.join(READERS)})")
    p.add_argument("-o", "--output", type=Path, help="write the snapshot (JSON) to this file")
    p.add_argument("--format", choices=("table", "json"), default="table", help="what to print (default: table)")
    p.add_argument("--include-account-id", action="store_true",
                   help="store each account's id in the snapshot (left out by default)")
    p.add_argument("--max-attempts", type=int, default=5, help="attempts per call, adaptive retries (default 5)")
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
    i.add_argument("-o", "--output", type=Path, help="write the design (YAML) here; default: print it")
    i.add_argument("--pick", action="append", metavar="NAME", help="only these resources (repeat)")
    i.add_argument("--name", help="the design's name")
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
    try:
        snapshot = pull(args.profile or [None], args.region, sections=args.service or None,
                        include_account_id=args.include_account_id,
                        settings=PullSettings(max_attempts=max(1, args.max_attempts)))
    except SnapshotError as err:
        return _fail(str(err), 2)
    if args.output:
        save_snapshot(snapshot, args.output)
    sys.stdout.write(dump_snapshot(snapshot) if args.format == "json" else snapshot_text(snapshot))
    found = gaps(snapshot)
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
        imported = import_design(load_snapshot(args.snapshot), args.region, args.label, pick=args.pick, name=args.name)
    except (SnapshotError, ImportProblem) as err:
        return _fail(str(err), 2)
    text = imported.yaml_text()
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        print(f"design written to {args.output}: {len(imported.data['components'])} components, "
              f"{len(imported.assumptions)} traffic assumption(s) to replace", file=sys.stderr)
    else:
        sys.stdout.write(text)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    return 0


def cmd_policy(args: argparse.Namespace) -> int:
    """Print the IAM policy (the same text as account/iam_policy.json)."""
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


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
