"""`python cli.py prices refresh [--region R ...] [--from offers|api]`: live prices from the AWS Price List into
the local cache — from the public bulk offer files (`--from offers`, the default: no credentials) or the Query
API (`--from api`, GetProducts with the standard credential chain).

Added as an action of the existing `prices` command, so `cli.py prices --region R --service S`
still lists the catalog.
"""

from __future__ import annotations

import argparse
import sys

from aws.offer_files import OFFERS_ENV, OFFERS_HOST
from aws.price_list import (
    OFFERS,
    PRICING_REGIONS,
    QUERY_API,
    VIAS,
    RefreshError,
    RefreshResult,
    refresh_catalog,
    usage_map,
)
from models.design.schema import COMMERCIAL_REGION
from pricing.catalog import available_regions
from service.inputs import region_catalogs

MAX_CHANGES_SHOWN = 40


def register(subparsers: argparse._SubParsersAction) -> None:
    """Give the `prices` command a `refresh` action."""
    prices = subparsers.choices["prices"]
    actions = prices.add_subparsers(dest="prices_action", metavar="{refresh,regions}", required=False)
    r = actions.add_parser("refresh", help="refresh the catalog from the AWS Price List into the local cache")
    r.add_argument("--region", dest="refresh_regions", action="append", type=region_code, metavar="R",
                   help=f"region to refresh (repeat): a bundled one ({', '.join(available_regions())}) or any "
                        "commercial Region, e.g. eu-west-1, whose catalog is then built from the Price List "
                        "(default: every Region that has a catalog)")
    r.add_argument("--from", dest="via", choices=VIAS, default=OFFERS,
                   help=f"{OFFERS}: AWS's public bulk offer files, no credentials needed (from {OFFERS_HOST}, or "
                        f"${OFFERS_ENV} for a mirror); {QUERY_API}: the Price List Query API (GetProducts), with "
                        "your AWS credentials (default: %(default)s)")
    r.add_argument("--profile", help="AWS profile for --from api (default: the standard chain)")
    r.add_argument("--pricing-endpoint", choices=PRICING_REGIONS, default="us-east-1",
                   help="the Price List Query API region for --from api (it answers only in these)")
    r.add_argument("--service", dest="service_codes", action="append", choices=list(usage_map()), metavar="CODE",
                   help=f"only these Price List service codes ({', '.join(usage_map())})")
    r.set_defaults(run=cmd_prices_refresh)
    g = actions.add_parser("regions", help="list every Region that has a catalog (bundled or refreshed) with its date")
    g.set_defaults(run=cmd_prices_regions)


def region_code(value: str) -> str:
    """An AWS commercial Region code, for argparse (its error names the value and the form)."""
    if not COMMERCIAL_REGION.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not an AWS commercial Region code (such as eu-west-1)")
    return value


def cmd_prices_regions(args: argparse.Namespace) -> int:
    """One line per Region with a catalog: code, name, its prices' as-of dates (as an estimate says them), bundled or
    refreshed, and the catalog's own date."""
    for rc in region_catalogs():
        oldest, newest = (d.isoformat() for d in rc.price_dates) if rc.price_dates else ("", "")
        dates = "" if not oldest else oldest if oldest == newest else f"{oldest} to {newest}"
        when = f"prices as of {dates}" if dates else "no prices"
        print(f"{rc.region:16} {rc.name:32} {when}  ({rc.source}, catalog of {rc.as_of.isoformat()})")
    return 0


def cmd_prices_refresh(args: argparse.Namespace) -> int:
    """Refresh each region; print what changed against the bundled catalog."""
    failures = 0
    for region in args.refresh_regions or [rc.region for rc in region_catalogs()]:
        try:
            result = refresh_catalog(region, profile=args.profile, pricing_region=args.pricing_endpoint,
                                     service_codes=args.service_codes, via=args.via)
        except RefreshError as err:
            print(f"error: {err}", file=sys.stderr)
            failures += 1
            continue
        sys.stdout.write(result_text(result))
    return 1 if failures else 0


def result_text(result: RefreshResult) -> str:
    """One region's refresh for people: file, counts, changed prices (or missing ones), failed calls."""
    if result.region not in available_regions():
        return new_region_text(result)
    lines = [f"{result.region}: {len(result.refreshed)} prices refreshed, {len(result.kept)} kept from the bundled "
             f"catalog → {result.path}"]
    if result.changes:
        lines.append(f"  changed against the bundled catalog ({len(result.changes)}):")
        for c in result.changes[:MAX_CHANGES_SHOWN]:
            pct = "" if c.change_pct is None else f" ({c.change_pct:+.2f}%)"
            lines.append(f"    {c.price_id}: {c.bundled} → {c.refreshed}{pct}  [bundled as of {c.bundled_as_of}]")
        if len(result.changes) > MAX_CHANGES_SHOWN:
            lines.append(f"    … and {len(result.changes) - MAX_CHANGES_SHOWN} more")
    else:
        lines.append("  no price differs from the bundled catalog")
    for e in result.errors:
        lines.append(f"  not refreshed: {e.get('item')} — {e['code']}: {e['message']}")
    return "\n".join(lines) + "\n"


def new_region_text(result: RefreshResult) -> str:
    """A Region built from the Price List alone: what was priced, and a warning for each id left null."""
    where = f" ({result.location}, usage types {result.prefix}-…)" if result.location and result.prefix else ""
    lines = [f"{result.region}{where}: catalog built from the AWS Price List: {len(result.refreshed)} prices, "
             f"{len(result.missing)} without a price → {result.path}"]
    if result.missing:
        lines.append(f"  warning: no Price List product for {len(result.missing)} price id(s); they are null in the "
                     "catalog (not zero, not another Region's price) and an estimate that needs one says so:")
        lines.append("    " + ", ".join(result.missing))
    for e in result.errors:
        lines.append(f"  not refreshed: {e.get('item')} — {e['code']}: {e['message']}")
    return "\n".join(lines) + "\n"
