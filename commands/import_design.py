"""`cli.py import`: a design from a CloudFormation/SAM template or Terraform configuration.

    python cli.py import template.yaml [-o design.yaml] [--param Name=Value ...] [--format yaml|json]
    python cli.py import serverless.yml [--stage prod] [--region ap-northeast-1] [--param key=value ...]
    python cli.py import infra/ [--module-root DIR]     # Terraform: local modules are followed inside DIR

The design goes to stdout (or `-o FILE`, never overwriting without `--force`); the report —
recognised, ignored, unresolved, assumptions, notes — goes to stderr, one item a line. Every
refusal (size, file kind, nesting, evaluation limits: see importers/common.py) is one line on
stderr and exit 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from commands.prices_refresh import region_code
from importers import import_path
from importers.regions import REFRESH, has_catalog
from models.design.schema import REGIONS, DesignError
from models.design.text import dump_design_text


def parse_params(pairs: list[str] | None) -> dict[str, str]:
    """`["Stage=prod", "Memory=512"]` → {"Stage": "prod", "Memory": "512"} (DesignError if malformed).

    >>> parse_params(["Stage=prod", "Url=a=b"])
    {'Stage': 'prod', 'Url': 'a=b'}
    """
    params: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise DesignError([f"--param {pair!r}: expected Name=Value"])
        params[name.strip()] = value
    return params


def cmd_import(args: argparse.Namespace) -> int:
    """Import, write the design, report to stderr; exit 0 (errors raise DesignError → exit 2)."""
    output = Path(args.output) if args.output else None
    if output and output.exists() and not args.force:
        raise DesignError([f"{output}: already exists; add --force to overwrite it"])
    try:
        # a serverless.yml's ${env:NAME} reads this shell's environment, as `serverless deploy` would
        result = import_path(Path(args.template), params=parse_params(args.param), region=args.region,
                             stage=args.stage, env=dict(os.environ), source_format=args.source_format,
                             module_root=Path(args.module_root) if args.module_root else None)
    except RecursionError:  # the importers catch their own; this is the last line of defence
        raise DesignError([f"{args.template}: nested more than 64 levels deep (nested too deeply to read)"]) from None
    text = dump_design_text(result.design, args.format)
    for line in result.report.lines():
        print(line, file=sys.stderr)
    if output:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as err:
            raise DesignError([f"{output}: cannot be written ({err.strerror or type(err).__name__})"]) from None
        region = str(result.design.get("region"))
        first = "" if has_catalog(region) else \
            f"build {region}'s catalog first ({REFRESH.format(region=region)}), then "
        print(f"wrote {output}; {first}price it with: python cli.py estimate {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `import` subcommand."""
    p = subparsers.add_parser("import", help="make a design from a CloudFormation/SAM template, a serverless.yml or "
                       "Terraform .tf files")
    p.add_argument("template",
                   help="a CloudFormation/SAM template (YAML or JSON), a .tf file or a directory of .tf files")
    p.add_argument("-o", "--output", help="write the design to this file instead of stdout")
    p.add_argument("--force", action="store_true", help="overwrite the --output file if it exists")
    p.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a template parameter, Terraform variable or serverless.yml ${param:NAME} value (repeatable)")
    p.add_argument("--format", choices=("yaml", "json"), default="yaml", help="design file format (default yaml)")
    p.add_argument("--region", type=region_code, default=None, metavar="R",
                   help=f"price in this region: {', '.join(REGIONS)}, or any commercial Region once `prices refresh "
                        "--region R` has built its catalog (default: the Terraform provider's or serverless.yml "
                        "provider.region if priced, else us-east-1); a serverless.yml's ${opt:region}")
    # ---- sls
    p.add_argument("--stage", default=None,
                   help="serverless.yml: the stage (${opt:stage}, ${sls:stage}; default provider.stage, else dev)")
    p.add_argument("--from", dest="source_format", choices=("auto", "cloudformation", "serverless"), default="auto",
                   help="what the file is (default auto: a YAML with top-level service and provider is a "
                        "serverless.yml)")
    # ---- end sls
    # ---- tfmod
    p.add_argument("--module-root", metavar="DIR", default=None,
                   help="Terraform modules and nested stacks' templates may be read anywhere inside DIR "
                        "(default: the imported folder, or the template's folder)")
    # ---- end tfmod
    p.set_defaults(run=cmd_import)
