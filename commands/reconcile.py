"""`cli.py reconcile DESIGN --month 2026-10`: the month AWS billed (Cost Explorer) against the design's estimate.

    python cli.py reconcile DESIGN --month YYYY-MM [--profile P] [--yes] [--refresh] [--format table|json]
                            [--deadline SECONDS]

Cost Explorer charges USD 0.01 per request: the command says so and asks before calling (or takes --yes),
and keeps the answer in the designs folder's cache, so a second run of the same account and month reads the
file and calls nothing (--refresh reads again). Only a past month is read: the month in progress (UTC, as
Cost Explorer counts) has a partial bill, which would be compared with a whole month's estimate and, cached,
would stay the answer; a future month has none. Both are refused before anything is called.
Exit codes: 0 done; 2 bad input or the charge not accepted; 1 Cost Explorer could not be read (the reason
names the call).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime

from aws.cost_explorer import (
    PRICE_PER_REQUEST_USD,
    PRICING_URL,
    CostExplorerError,
    account_key,
    fetch_month,
)
from aws.guard import DEFAULT_DEADLINE_S
from aws.session import PullSettings
from commands.support import InputError, one_line, read_design
from models.costs.reconcile import MonthError, month_period
from models.design.text import load_design_data
from render.reconcile import reconcile_dict, reconcile_table
from service import validate
from service.reconcile import reconcile_data
from storage.cost_cache import cache_path, read_cached, write_cached


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `reconcile` to the CLI."""
    p = subparsers.add_parser("reconcile", help="compare a month's bill (Cost Explorer, USD 0.01 a request) with "
                              "the design's estimate, per service, with the reasons")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--month", required=True, help="the calendar month billed, YYYY-MM (e.g. 2026-10)")
    p.add_argument("--profile", default=None, help="AWS profile (default: AWS_PROFILE or the default chain)")
    p.add_argument("--yes", action="store_true", help="accept Cost Explorer's charge (USD 0.01 a request) without "
                   "asking")
    p.add_argument("--refresh", action="store_true", help="read Cost Explorer again even if the month is cached")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--deadline", type=float, default=DEFAULT_DEADLINE_S, metavar="SECONDS",
                   help=f"give up after this long (default {DEFAULT_DEADLINE_S:g} s)")
    p.set_defaults(run=cmd_reconcile)


def _today() -> date:
    """Today in UTC, the calendar Cost Explorer's months follow (a function, so tests can set the day)."""
    return datetime.now(UTC).date()


def _past_month(month: str, today: date) -> None:
    """InputError unless `month` (YYYY-MM, already checked) has ended by `today`.

    >>> _past_month("2026-11", date(2026, 12, 1))   # November has ended: allowed
    """
    current = f"{today.year:04d}-{today.month:02d}"
    if month == current:
        raise InputError(f"--month: {month} is the month in progress; its bill is partial until the month ends. "
                         f"Give a past month, YYYY-MM (e.g. {_previous(today)})")
    if month > current:
        raise InputError(f"--month: {month} has not started yet (today is {today.isoformat()} UTC). "
                         f"Give a past month, YYYY-MM (e.g. {_previous(today)})")


def _previous(today: date) -> str:
    """The month before today's, YYYY-MM."""
    return f"{today.year - 1:04d}-12" if today.month == 1 else f"{today.year:04d}-{today.month - 1:02d}"


def _fetched_after_month(answer: dict, month: str) -> bool:
    """Whether a cached answer was read after `month` ended (an answer read during the month is partial)."""
    _, end = month_period(month)
    fetched = str(answer.get("fetched_at", ""))
    # fetched_at is ISO 8601 UTC ("2026-11-02T08:00:00Z") and End is a date: text order is time order
    return fetched[:10] >= end


def _accepted(args: argparse.Namespace) -> bool:
    """--yes, or a "y" typed at the terminal; never a silent charge when no one can answer."""
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return False
    return input("Call Cost Explorer now? [y/N] ").strip().lower() in ("y", "yes")


def _answer(args: argparse.Namespace, settings: PullSettings) -> dict:
    """The cached answer of this account and month, or Cost Explorer's (after the charge is accepted), cached."""
    path = cache_path(account_key(args.profile, settings=settings), args.month)
    cached = None if args.refresh else read_cached(path)
    if cached is not None and cached.get("month") == args.month and not _fetched_after_month(cached, args.month):
        print(f"The answer cached on {cached.get('fetched_at', '?')} was read before {args.month} ended (a partial "
              "bill); it is not used.", file=sys.stderr)
        cached = None
    if cached is not None and cached.get("month") == args.month:
        print(f"Using the answer cached on {cached.get('fetched_at', '?')} ({path}); no Cost Explorer call "
              "(--refresh reads again).", file=sys.stderr)
        return cached
    print(f"Cost Explorer charges USD {PRICE_PER_REQUEST_USD} per request ({PRICING_URL}): reading {args.month} "
          "takes 1 request (one more for each further page of a large account).", file=sys.stderr)
    if not _accepted(args):
        raise InputError("Cost Explorer not called: pass --yes to accept its charge (USD 0.01 a request)")
    answer = fetch_month(args.month, profile=args.profile, settings=settings)
    try:
        write_cached(path, answer)
        print(f"{answer['requests']} request(s) made; the answer is cached in {path}.", file=sys.stderr)
    except OSError as err:
        print(f"warning: the answer could not be cached ({one_line(err)}); the next run calls again.",
              file=sys.stderr)
    return answer


def cmd_reconcile(args: argparse.Namespace) -> int:
    """The per-service table of billed, estimated, difference and reasons."""
    try:
        month_period(args.month)
    except MonthError as err:
        raise InputError(str(err)) from None
    _past_month(args.month, _today())
    if not 0 < args.deadline <= 3600:
        raise InputError(f"--deadline: {args.deadline:g} is not allowed; give seconds from 1 to 3600")
    data = load_design_data(read_design(args.design))
    validate(data)  # a bad design fails before anything is called (or charged)
    try:
        answer = _answer(args, PullSettings(deadline_s=args.deadline))
    except CostExplorerError as err:
        print(f"error: {one_line(err)}", file=sys.stderr)
        return 1
    result = reconcile_data(data, answer)
    if args.format == "json":
        print(json.dumps(reconcile_dict(result), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(reconcile_table(result))
    return 0
