"""Serverless Framework (`serverless.yml`, v3/v4) → `Found`, through the CloudFormation importer.

    found, name, region = read_serverless(config, params={"mem": "512"}, stage="prod", region=None,
                                          env={}, default_region="us-east-1", report=report)

1. Variables are evaluated (importers/sls_variables.py); each one left unresolved is reported.
2. `functions` and their `events` are compiled to the CloudFormation resources the framework makes
   (importers/sls_compile.py, importers/sls_events.py), and the file's `resources` are merged over
   them (the framework's rule: the file's own Resources win, key by key).
3. That template goes through the CloudFormation reader, so wiring, readers and the report are the
   same as for a CloudFormation/SAM template. Functions get their key in the file as design id.

`params` holds `--param` values (`${param:...}`); an entry `opt:stage=prod`, `opt:region=...` or
`env:NAME=value` sets that option or environment variable instead (the app's parameter box has no
`--stage`). Plugins are not run: the report names them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from importers.cloudformation import read_cloudformation
from importers.common import Found, ImportReport, TemplateError
from importers.regions import kept_region, named_region
from importers.sls_compile import Compiler
from importers.sls_variables import SlsVariables, Unknown
from models.messages import msg

KIND = "Serverless Framework"
#: template sections a serverless.yml `resources` block may hold (merged into the compiled stack)
SECTIONS = ("Resources", "Outputs", "Conditions", "Mappings", "Parameters")


def is_serverless(data: Any) -> bool:
    """Does loaded YAML look like a serverless.yml (top-level `service` and `provider`, no `Resources`)?

    >>> is_serverless({"service": "shop", "provider": {"name": "aws"}, "functions": {}})
    True
    >>> is_serverless({"Resources": {}, "service": "x", "provider": {}})
    False
    """
    return isinstance(data, dict) and "service" in data and "provider" in data and "Resources" not in data


def looks_like_serverless(text: str) -> bool:
    r"""A quick look at text (before parsing): top-level `service:` and `provider:` lines, no `Resources:`.

    >>> looks_like_serverless("service: shop\nprovider:\n  name: aws\n")
    True
    """
    keys = set(re.findall(r"^([A-Za-z]+):", text, re.M))
    return {"service", "provider"} <= keys and "Resources" not in keys


def split_options(params: dict[str, str]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(`${param:}` values, options such as stage/region, environment variables) from `--param` entries.

    >>> split_options({"mem": "512", "opt:stage": "prod", "env:TABLE": "t"})
    ({'mem': '512'}, {'stage': 'prod'}, {'TABLE': 't'})
    """
    plain, options, env = {}, {}, {}
    for name, value in params.items():
        if name.startswith("opt:"):
            options[name[4:]] = value
        elif name.startswith("env:"):
            env[name[4:]] = value
        else:
            plain[name] = value
    return plain, options, env


def read_serverless(config: dict, *, params: dict[str, str], stage: str | None, region: str | None,
                    env: dict[str, str], default_region: str, report: ImportReport) -> tuple[Found, str, str]:
    """The components and wiring of a serverless.yml, a design name, and the region to price in."""
    template, compiler, variables = serverless_template(config, params=params, stage=stage, region=region, env=env,
                                                        report=report)
    region = region or split_options(params)[1].get("region")
    chosen = _region(variables, region, default_region, report)
    found, _ = read_cloudformation(template, params={}, region=str(variables.resolved_region()), report=report,
                                   unknown=compiler.out.placeholders)
    report.kind = KIND
    out = compiler.out
    report.unresolved += out.unresolved
    report.notes += out.notes
    for lid, hint in out.hints.items():
        comp = found.components.get(lid)
        if comp is not None:
            comp.fields.update(out.settings.get(lid, {}))
            found.components[lid] = replace(comp, name_hint=hint)
    if out.functions:
        shown = ", ".join(f"{k} = {lid}" for lid, k in list(out.functions.items())[:5])
        shown += ", ..." if len(out.functions) > 5 else ""
        report.notes.append(msg("import.sls_ids", "functions are named by their key in the file; the report uses the "
                                "framework's logical ids ({ids})", ids=shown))
    return found, str(template["Description"]), chosen


def serverless_template(config: dict, *, params: dict[str, str], stage: str | None, region: str | None,
                        env: dict[str, str], report: ImportReport) -> tuple[dict, Compiler, SlsVariables]:
    """The CloudFormation template the framework would deploy (as far as the planner reads it), the compiler
    (its placeholders, settings and report lines) and the evaluated variables."""
    report.kind = KIND
    plain, options, given_env = split_options(params)
    _check_provider(config, report.source)
    variables = SlsVariables(config, stage=stage or options.get("stage"), region=region or options.get("region"),
                             params=plain, env={**env, **given_env})
    resolved = variables.tree()
    for path, text, why in variables.unknown:
        report.unresolved.append(msg("import.sls_variable", "{path}: variable {text} cannot be resolved ({why})",
                                     path=path, text=text, why=why))
    report.notes += [msg("import.sls_param", "--param {name} = {value}", name=k, value=v) for k, v in plain.items()]
    _note_plugins(resolved, report)
    template, compiler = _template(resolved, report)
    template["Description"] = _name(resolved, variables)
    return template, compiler, variables


def _check_provider(config: dict, source: str) -> None:
    """Only the AWS provider is imported."""
    provider = config.get("provider")
    name = provider.get("name", "aws") if isinstance(provider, dict) else provider if isinstance(provider, str) \
        else "aws"
    if name != "aws":
        raise TemplateError([msg("import.sls_provider", "{source}: provider {name!r} is not AWS; only provider.name "
                                 "aws can be imported", source=source, name=name)])


def _note_plugins(resolved: dict, report: ImportReport) -> None:
    """Plugins are not run: name them, since what they add to the stack is not in the design."""
    plugins = resolved.get("plugins")
    if isinstance(plugins, dict):  # {localPath, modules}
        plugins = plugins.get("modules")
    names = [str(p) for p in plugins] if isinstance(plugins, list) else []
    if names:
        report.notes.append(msg("import.sls_plugins", "plugins not run: {names}; resources or settings they add are "
                                "not in the design", names=", ".join(names)))


def _region(variables: SlsVariables, region: str | None, default_region: str, report: ImportReport) -> str:
    """`--region`, else provider.region if the planner prices it, else the default (reported)."""
    if region:
        return kept_region(region, report)
    chosen = variables.resolved_region()
    if isinstance(chosen, Unknown):
        report.notes.append(f"provider.region {chosen.text} is not known; priced in {default_region}")
        return default_region
    return named_region(chosen, "provider.region", default_region, report)


def _template(resolved: dict, report: ImportReport) -> tuple[dict, Compiler]:
    """The compiled functions and events with the file's `resources` merged over them."""
    sections = _resource_sections(resolved.get("resources"), report)
    compiler = Compiler(resolved, dict(sections.get("Resources", {})))
    out = compiler.compile()
    merged = dict(out.resources)
    for lid, resource in sections.get("Resources", {}).items():
        merged[lid] = _merge(merged.get(lid), resource)
    if not merged:
        raise TemplateError([msg("import.sls_empty", "{source}: a serverless.yml with no functions and no "
                                 "resources; nothing to import", source=report.source)])
    template: dict[str, Any] = {"Resources": compiler.cfn(merged, "resources")}
    for name in SECTIONS[1:]:
        if sections.get(name):
            template[name] = compiler.cfn(sections[name], f"resources.{name}")
    return template, compiler


def _resource_sections(block: Any, report: ImportReport) -> dict[str, dict]:
    """`resources` as template sections; a list of blocks (v3) is merged, an unreadable entry reported."""
    entries = block if isinstance(block, list) else [] if block is None else [block]
    sections: dict[str, dict] = {}
    for i, entry in enumerate(entries):
        where = f"resources[{i}]" if isinstance(block, list) else "resources"
        if isinstance(entry, Unknown):
            report.unresolved.append(f"{where}: {entry.text} cannot be read ({entry.why}); the resources it holds "
                                     "are not imported")
            continue
        if not isinstance(entry, dict):
            report.unresolved.append(f"{where}: not a mapping of Resources/Outputs; not imported")
            continue
        for name in SECTIONS:
            part = entry.get(name)
            if isinstance(part, dict):
                sections.setdefault(name, {}).update(part)
            elif isinstance(part, Unknown):
                report.unresolved.append(f"{where}.{name}: {part.text} cannot be read ({part.why}); not imported")
    return sections


def _merge(base: Any, over: Any) -> Any:
    """`over` merged into `base` key by key (mappings deep, everything else replaced), as the framework merges."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = _merge(base.get(key), value)
        return merged
    return over


def _name(resolved: dict, variables: SlsVariables) -> str:
    """`service (stage)`."""
    service = resolved.get("service")
    if isinstance(service, dict):  # v1: service: {name: ...}
        service = service.get("name")
    stage = variables.resolved_stage()
    label = service if isinstance(service, str) and service else "serverless service"
    shown_stage = stage if isinstance(stage, str) else "stage unknown"
    return f"{label} ({shown_stage})"[:120]
