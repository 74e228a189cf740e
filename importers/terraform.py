"""Terraform configuration (`.tf` files of the root module) → `Found`, parsed with python-hcl2.

Variables take `--param` values, then `terraform.tfvars` / `*.auto.tfvars`, then their default;
locals are evaluated where they are literals, variables or simple conditions. `count` and
`for_each` over known values make one instance each (`count = 0` is skipped; an unknown count is
imported once, reported); local `module` folders are followed (importers.tf_modules).
Attribute meanings: https://registry.terraform.io/providers/hashicorp/aws/latest/docs
"""

from __future__ import annotations

from typing import Any

import hcl2
from hcl2.utils import SerializationOptions
from lark.exceptions import LarkError, UnexpectedInput, VisitError

from importers.common import (
    MAX_HCL_TOKENS,
    MAX_NESTING,
    MAX_TEMPLATE_BYTES,
    Found,
    ImportReport,
    TemplateError,
    TfModule,
    at,
    refuse_unknown_params,
)
from importers.context import ImportContext
from importers.dns_mail import tf_dns_mail
from importers.hcl_scan import scan_hcl
from importers.regions import kept_region, named_region
from importers.service_links import TF_NAME_ATTRIBUTES, link_named_resources, tf_variables
from importers.tf_expr import TfResolver, references
from importers.tf_modules import Expander, ModuleFiles, ModuleFolders, aliases, note_hidden_functions
from importers.tf_resources import NO_CHARGE, READERS, WIRING
from models.messages import msg

_OPTIONS = SerializationOptions(with_comments=False, explicit_blocks=False, strip_string_quotes=True,
                                preserve_heredocs=False)


class HclParser:
    """Parses the `.tf`/`.tfvars` texts of one import, at most MAX_HCL_TOKENS tokens in all."""

    def __init__(self) -> None:
        self.tokens_left = MAX_HCL_TOKENS

    def parse(self, text: str, filename: str) -> dict[str, Any]:
        """One text as data; TemplateError with the line for invalid HCL (see `parse_hcl`)."""
        data, used = parse_hcl(text, filename, self.tokens_left)
        self.tokens_left -= used
        return data


def parse_hcl(text: str, filename: str, tokens_left: int = MAX_HCL_TOKENS) -> tuple[dict[str, Any], int]:
    """(one `.tf`/`.tfvars` text as data, tokens it held); TemplateError with the line for invalid HCL.

    Size first, then a linear scan (importers.hcl_scan: tokens, nesting, operator chains, digits,
    unclosed heredocs), and only then python-hcl2, whose recursion is caught as "nested too deeply".
    """
    size_bytes = len(text.encode("utf-8"))
    if size_bytes > MAX_TEMPLATE_BYTES:
        raise TemplateError([at(filename, msg("import.too_large_text", "{size:,} bytes is too large to import "
                                              "(limit {limit:,} bytes)", size=size_bytes, limit=MAX_TEMPLATE_BYTES))])
    text, used = scan_hcl(text, filename, tokens_left)
    try:
        return hcl2.loads(text, serialization_options=_OPTIONS), used
    except UnexpectedInput as err:
        raise TemplateError([msg("import.bad_hcl_at", "{file} line {line} column {column}: not valid HCL",
                                 file=filename, line=err.line, column=err.column)]) from None
    except RecursionError:
        raise _too_deep_to_parse(filename) from None
    except VisitError as err:
        if isinstance(err.orig_exc, RecursionError):
            raise _too_deep_to_parse(filename) from None
        raise TemplateError([msg("import.bad_hcl", "{file}: not valid HCL ({error})",
                                 file=filename, error=type(err.orig_exc).__name__)]) from None
    except (LarkError, ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        raise TemplateError([msg("import.bad_hcl", "{file}: not valid HCL ({error})",
                                 file=filename, error=type(err).__name__)]) from None


def _too_deep_to_parse(filename: str) -> TemplateError:
    return TemplateError([at(filename, msg("import.parse_depth", "nested too deeply to parse (more than {n} levels)",
                                           n=MAX_NESTING))])


def parse_module(files: dict[str, str], parser: HclParser | None = None) -> TfModule:
    """Merge the blocks of a module's files (in the order given)."""
    module = TfModule()
    parser = parser or HclParser()
    for filename, text in files.items():
        data = parser.parse(text, filename)
        for block in data.get("variable", []):
            module.variables.update({name: spec or {} for name, spec in block.items()})
        for block in data.get("locals", []):
            module.locals.update(block)
        for block in data.get("resource", []):
            for rtype, named in block.items():
                module.resources += [(rtype, name, body or {}) for name, body in named.items()]
        module.providers += [spec for block in data.get("provider", []) for name, spec in block.items()
                             if name == "aws"]
        module.modules += [name for block in data.get("module", []) for name in block]
        module.module_blocks.update({name: body or {} for block in data.get("module", [])
                                     for name, body in block.items()})
        module.outputs.update({name: spec or {} for block in data.get("output", []) for name, spec in block.items()})
    return module


def read_terraform(files: dict[str, str], *, params: dict[str, str], tfvars: dict[str, str], region: str | None,
                   default_region: str, report: ImportReport,
                   folders: ModuleFolders | None = None) -> tuple[Found, str, str]:
    """The components and wiring of a Terraform configuration (its local modules followed when
    `folders` says where they are), a design name and the region to price in."""
    parser = HclParser()
    module = parse_module(files, parser)
    values, missing = variable_values(module.variables, params, _tfvars(tfvars, parser), report)
    ctx = ImportContext(TfResolver(values, missing, module.locals), report, find_refs=references)
    chosen_region = kept_region(region, report) if region else _provider_region(ctx, module, default_region)
    folders = folders or ModuleFolders(None, None, lambda folder: ({}, []))
    expander = Expander(ctx, ModuleFiles(folders.root, folders.base, folders.read,
                                         lambda texts: parse_module(texts, parser)))
    active = expander.root(module, ctx.resolver)
    for placed in active:
        if placed.rtype in READERS and (comp := READERS[placed.rtype](placed.ctx, placed.key, placed.name,
                                                                      placed.body)) is not None:
            ctx.found.add(comp)  # None: added to another component (the configuration's alarms)
    ctx.aliases.update(aliases(active))
    # ---- wiring: resources named through a variable the function also uses (the root module's; a module's
    # variables link through their arguments, importers.tf_modules)
    root = [p for p in active if not p.module.prefix]
    link_named_resources(ctx, [(p.key, p.body) for p in root], TF_NAME_ATTRIBUTES, tf_variables)
    tf_dns_mail(ctx, [(p.rtype, p.key.removeprefix(f"{p.rtype}."), p.body) for p in root])
    # ---- end wiring
    for placed in active:
        rtype, key = placed.rtype, placed.key
        if rtype in WIRING:
            line = WIRING[rtype](placed.ctx, key, placed.body, placed.module)
            if line:
                report.recognised.append(f"{key}: {line}")
        elif rtype not in READERS:
            report.ignored.append(f"{key}: no charge of its own" if rtype in NO_CHARGE
                                  else f"{key}: not priced by the planner; its cost is not in the estimate")
    note_hidden_functions(report, active, expander.skipped_functions)
    return ctx.found, f"Imported from {report.source}", chosen_region


def _tfvars(texts: dict[str, str], parser: HclParser) -> dict[str, Any]:
    """Variable values from `.tfvars` texts (later files win, as in Terraform)."""
    values: dict[str, Any] = {}
    for filename, text in texts.items():
        values.update(parser.parse(text, filename))
    return values


def variable_values(variables: dict[str, dict], params: dict[str, str], tfvars: dict[str, Any],
                    report: ImportReport) -> tuple[dict[str, Any], dict[str, str]]:
    """(variable → value, variable → why it has none): `--param`, then tfvars, then the default."""
    refuse_unknown_params(params, variables, "configuration", "variable")
    values: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for name, spec in variables.items():
        if name in params:
            values[name] = _typed(params[name], spec)
            report.notes.append(f"variable {name} = {params[name]} (from --param)")
        elif name in tfvars:
            values[name] = tfvars[name]
        elif "default" in spec:
            values[name] = spec["default"]
        else:
            missing[name] = f"variable {name} has no default; give --param {name}=VALUE"
    report.notes += [f"{why} (values that use it are listed as unresolved)" for why in missing.values()]
    return values, missing


def _typed(text: str, spec: dict) -> Any:
    """A `--param` text as the variable's type (number, bool, list), else text."""
    declared = str(spec.get("type", "")).removeprefix("${").removesuffix("}")
    default = spec.get("default")
    if declared == "number" or (not declared and isinstance(default, (int, float)) and not isinstance(default, bool)):
        try:
            number = float(text)
        except ValueError:
            raise TemplateError([msg("import.param_tf_number", "--param {text!r}: the variable is a number",
                                     text=text)]) from None
        return int(number) if number.is_integer() else number
    if declared == "bool" or isinstance(default, bool):
        return text.lower() == "true"
    if declared.startswith(("list", "set")) or isinstance(default, list):
        return [item.strip() for item in text.split(",")]
    return text


def _provider_region(ctx: ImportContext, module: TfModule, default_region: str) -> str:
    """The aws provider's region if the planner can price it; else the default (reported, importers/regions.py)."""
    for spec in module.providers:
        if "alias" in spec:
            continue
        region = ctx.value(spec, "region", where="provider.aws", default_note=f"priced in {default_region}")
        if region is not None:
            return named_region(region, "provider.aws.region", default_region, ctx.report)
    return default_region
