"""Serverless Planner in the terminal: price a design, list templates and prices.

    python cli.py estimate DESIGN [--format table|json|csv]
    python cli.py validate DESIGN
    python cli.py check DESIGN [--format table|json] [--account SNAPSHOT]
    python cli.py templates
    python cli.py prices [--region REGION] [--service SERVICE] [--assumed]
    python cli.py quote DESIGN [--currency USD|JPY] [--rate 150] [--tax 10] [--lang en|ja]
                           [--format table|csv|xlsx|html] [--output FILE]

Exit codes: 0 done; 2 bad input (a one-line message on stderr names the problem); 1 other failure,
or (check) a failing check.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from pathlib import Path

from commands import account as account_commands
from commands import dynamodb_plan, import_design, prices_refresh, quote
from commands.support import InputError, one_line, read_design
from models.design.schema import DesignError
from models.design.text import load_design_data
from pricing.catalog import CatalogError, assumed_prices, available_regions
from render.estimate import contract_dict, csv_text, table_text, usd_cents, usd_number
from render.readiness import component_summaries, readiness_dict, readiness_table
from service import catalog_for, check_data, expected_data, plan, projection_data, validate
from service.inputs import PRICES_CHOICES, use_prices
from templates import template_keys, template_path, template_text


def read_account_limits(path: str | None, region: str) -> dict | None:
    """The limits a snapshot file written by `cli.py pull` holds for `region` (None without --account)."""
    if not path:
        return None
    from aws.snapshot import limits_from_snapshot_file

    return limits_from_snapshot_file(path, region)


def cmd_estimate(args: argparse.Namespace) -> int:
    data = load_design_data(read_design(args.design))
    if args.format == "csv":  # the CSV holds the expected case's line items only
        sys.stdout.write(csv_text(plan(data, readiness=False, case="expected").expected.estimate))
        return 0
    # every case priced (a ranged design's low and high totals are shown); the checks only for the JSON
    planned = plan(data, readiness=args.format == "json")
    est = planned.expected.estimate
    estimates = {name: case.estimate for name, case in planned.cases.items()}
    year = projection_data(data)
    if args.format == "json":
        doc = contract_dict(est, estimates)
        doc["components"] = component_summaries(planned.readiness["expected"])
        doc["projection_12_months"] = [{**row, "total_usd": usd_number(row["total_usd"])} for row in year]
        print(json.dumps(doc, indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(table_text(est, estimates))
        growth = parse_growth(data)
        year_usd = sum((r["total_usd"] for r in year), Decimal(0))
        print(f"12-month projection (growth {growth:.1%}/month): USD {usd_cents(year_usd)} "
              f"(month 12: USD {usd_cents(year[-1]['total_usd'])})")
    return 0


def parse_growth(data: dict) -> float:
    """The design's growth_per_month at its expected value (0 when not given)."""
    return float((expected_data(data).get("workload") or {}).get("growth_per_month", 0) or 0)


def cmd_validate(args: argparse.Namespace) -> int:
    """Parse the design (every case of a ranged one), nothing priced; exit 2 with the problem if invalid."""
    design = validate(load_design_data(read_design(args.design)))["expected"]
    print(f"ok: {design.name} ({design.region}), {len(design.components)} components")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Readiness report; exit 1 when any check fails (a launch gate for CI)."""
    data = load_design_data(read_design(args.design))
    report, _ = check_data(data, read_account_limits(args.account, str(data.get("region", "us-east-1"))))
    if args.format == "json":
        print(json.dumps(readiness_dict(report), indent=2, ensure_ascii=False, default=str))
    else:
        sys.stdout.write(readiness_table(report))
    return 1 if report.worst_status == "fail" else 0


def cmd_templates(args: argparse.Namespace) -> int:
    width = max(len(key) for key in template_keys())
    for key in template_keys():
        first = template_text(key).splitlines()[0].removeprefix("name:").strip()
        print(f"{key:{width}}  {first}  ({template_path(key).relative_to(Path(__file__).resolve().parents[1])})")
    return 0


def cmd_prices(args: argparse.Namespace) -> int:
    region = args.region or "us-east-1"
    try:
        catalog = catalog_for(region)
    except DesignError as err:
        print(f"error: {err.problems[0]}", file=sys.stderr)
        return 2
    services = sorted({price.service for price in catalog.prices.values()})
    service = args.service.lower() if args.service else None
    if service and service not in services:
        print(f"error: --service {args.service!r} has no prices in {region}'s catalog; services: "
              f"{', '.join(services)}", file=sys.stderr)
        return 2
    if args.assumed:
        return print_assumed_prices([args.region] if args.region else None, service)
    print(f"Prices for {region} (catalog compiled {catalog.compiled.isoformat()})")
    for price in sorted(catalog.prices.values(), key=lambda p: p.id):
        if service and price.service != service:
            continue
        tiers = "; ".join(price.display_price(i) for i in range(len(price.tiers)))
        print(f"{price.id:45} {tiers}  [{price.confidence}, as of {price.as_of.isoformat()}] {price.source}")
    return 0


def print_assumed_prices(regions: list[str] | None, service: str | None = None) -> int:
    """Every `assumed` price (no source states it for its region; of `service` if given) with the note that says
    what it is derived from; a count per region at the end."""
    prices = [price for price in assumed_prices(regions) if service is None or price.service == service]
    counts: dict[str, int] = {}
    for price in prices:
        counts[price.region] = counts.get(price.region, 0) + 1
        tiers = "; ".join(price.display_price(i) for i in range(len(price.tiers)))
        print(f"{price.region:15} {price.id:45} {tiers}")
        print(f"{'':15} derived: {price.note or '(no note)'}")
    per_region = ", ".join(f"{region} {n}" for region, n in sorted(counts.items()))
    print(f"{len(prices)} assumed prices ({per_region or 'none'}): no source states these for their region; "
          "estimates that use them say so.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cli.py", description="Plan the cost of a serverless back end on AWS.")
    parser.add_argument("--prices", choices=PRICES_CHOICES, default=None,
                        help="the catalog a Region with a bundled one is priced from: bundled, or refreshed (the "
                             "one `prices refresh` wrote, where there is one); default: $SERVERLESS_PLANNER_PRICES, "
                             "else bundled. Goes before the command: cli.py --prices refreshed estimate d.yaml")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("estimate", help="price a design file: monthly line items in USD")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    p.set_defaults(run=cmd_estimate)
    p = sub.add_parser("validate", help="check a design file without printing the estimate")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.set_defaults(run=cmd_validate)
    p = sub.add_parser("check", help="readiness report: limits against the month's traffic; exit 1 if a check fails")
    p.add_argument("design", help="a design file (YAML or JSON) or a template key")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--account", help="a snapshot from `cli.py pull`: use its limits")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("templates", help="list the bundled design templates")
    p.set_defaults(run=cmd_templates)
    p = sub.add_parser("prices", help="list the price catalog with sources and dates")
    p.add_argument("--region", default=None, metavar="R", type=prices_refresh.region_code,
                   help=f"the region to list: {', '.join(available_regions())} or one refreshed with `prices refresh` "
                        "(`prices regions` lists them; default us-east-1; with --assumed: every region)")
    p.add_argument("--service", help="only this service (e.g. lambda, dynamodb)")
    p.add_argument("--assumed", action="store_true",
                   help="list only the prices marked assumed (no source states them), with what each is derived from")
    p.set_defaults(run=cmd_prices)
    # more commands register here (each module in commands/ has register(subparsers))
    dynamodb_plan.register(sub)
    account_commands.register(sub)
    prices_refresh.register(sub)
    import_design.register(sub)
    quote.register(sub)
    # ---- observe: entries of this feature go here (one block per feature keeps merges clean)
    from commands import observe as observe_commands
    observe_commands.register(sub)
    # ---- end observe
    # ---- scale: entries of this feature go here (one block per feature keeps merges clean)
    from commands import reconcile as reconcile_commands
    from commands import scale as scale_commands

    scale_commands.register(sub)
    reconcile_commands.register(sub)
    # ---- end scale
    # ---- region: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end region
    # ---- services: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end services
    # ---- modules: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end modules
    # ---- sls: entries of this feature go here (one block per feature keeps merges clean)
    # ---- end sls
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        with use_prices(args.prices):  # the same choice the app's Prices page makes for a session
            return args.run(args)
    except (DesignError, InputError) as err:
        empty = any(getattr(p, "id", None) == "design_file.empty" for p in getattr(err, "problems", []))
        hint = " (python cli.py templates lists them)" if empty else ""  # the CLI's own hint; the app has a picker
        print(f"error: {one_line(err)}{hint}", file=sys.stderr)
        return 2
    except CatalogError as err:
        print(f"error: price catalog: {one_line(err)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
