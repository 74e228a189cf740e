"""Nested CloudFormation stacks whose template is a local file, and what hides every function.

`AWS::CloudFormation::Stack` (`TemplateURL`) and SAM's `AWS::Serverless::Application`
(`Location`) may name a local file, as templates do before `sam package` / `aws cloudformation
package` upload them. Such a child template is imported into the same design: its parameters
bound from the stack's `Parameters` (then their Default), its resources named `Stack.LogicalId`,
and its outputs available to the parent through `!GetAtt Stack.Outputs.Name` — as resources: a
function whose environment names `!GetAtt Tables.Outputs.OrdersTable` is linked to that table.

Not followed, one report line each: an S3 or https URL, a Serverless Application Repository
application (`ApplicationId`), a file that is not there or is outside the imported folder.
Nesting deeper than MAX_STACK_DEPTH and a template that contains itself are refused.
Documentation: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cloudformation-stack.html
and https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-application.html
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from importers.common import ImportReport, TemplateError, Unresolved
from importers.intrinsics import intrinsic_name, references, show
from models.messages import Message, msg

MAX_STACK_DEPTH = 10
STACK_TYPES = {"AWS::CloudFormation::Stack": "TemplateURL", "AWS::Serverless::Application": "Location"}
FUNCTION_TYPES = ("AWS::Serverless::Function", "AWS::Lambda::Function")


@dataclass
class StackFiles:
    """Where child templates may be read: the import's folder (realpath; None for an upload, which has
    no folder), the parent template's folder, and a reader of one template file (the import's limits)."""

    root: str | None
    base: str | None
    read: Callable[[str], dict]
    template: str | None = None  # the root template's real path (a child naming it is a cycle)


@dataclass
class StackScope:
    """One template of the import: the root (prefix "") or a nested stack (prefix "Stack.")."""

    prefix: str
    lids: frozenset[str]
    outputs: dict[str, Any] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # parameter → its value in the parent's Parameters
    parent: StackScope | None = None
    children: dict[str, StackScope] = field(default_factory=dict)  # stack logical id → its template's scope
    folder: str | None = None
    chain: tuple[str, ...] = ()
    _busy: set[str] = field(default_factory=set)

    def map(self, name: str) -> set[str]:
        """The component keys a logical id or parameter name of this template stands for."""
        if name in self.children:
            child = self.children[name]
            return {key for output in child.outputs for key in child.output_refs(output)}
        if name in self.lids:
            return {self.prefix + name}
        if name in self.params and self.parent is not None:
            return self._guarded(f"param:{name}", lambda: self.parent.refs(self.params[name]))  # type: ignore[union-attr]
        return {name}

    def refs(self, value: Any) -> set[str]:
        """The component keys a value mentions (`!GetAtt Stack.Outputs.X` → what that output names)."""
        found: set[str] = set()
        stack = [value]
        while stack:
            item = stack.pop()
            name = intrinsic_name(item)
            if name == "Fn::GetAtt" and isinstance(item[name], list) and len(item[name]) == 2 \
                    and item[name][0] in self.children and str(item[name][1]).startswith("Outputs."):
                found |= self.children[item[name][0]].output_refs(str(item[name][1]).removeprefix("Outputs."))
            elif name is not None:
                found |= {key for ref in references(item) for key in self.map(ref)}
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
        return found

    def output_refs(self, output: str) -> set[str]:
        """The component keys an output's Value mentions."""
        spec = self.outputs.get(output)
        if not isinstance(spec, dict):
            return set()
        return self._guarded(f"output:{output}", lambda: self.refs(spec.get("Value")))

    def _guarded(self, what: str, compute: Callable[[], set[str]]) -> set[str]:
        if what in self._busy:  # values that refer to each other across stacks add nothing more
            return set()
        self._busy.add(what)
        try:
            return compute()
        finally:
            self._busy.discard(what)


@dataclass
class Nested:
    """A nested stack to read: its logical id, its template and scope, and its parameter values."""

    lid: str
    template: dict
    scope: StackScope
    values: dict[str, Any]
    missing: dict[str, str]


def prepare(ctx: Any, scope: StackScope, active: list[tuple[str, str, dict]], files: StackFiles,
            report: ImportReport) -> list[Nested]:
    """The nested stacks among `active` that are followed (their scopes added to `scope.children`);
    each one not followed is one ignored line (and a reason for a refusal when nothing is found)."""
    nested = []
    for lid, rtype, props in active:
        if rtype not in STACK_TYPES:
            continue
        where = f"{scope.prefix}{lid}"
        path = _local_path(ctx, lid, rtype, props, scope, files, report)
        if path is None:
            continue
        if path in scope.chain:
            raise TemplateError([msg("import.cfn_stack_cycle", "{where}: {path} is a template that contains this "
                                     "stack (a cycle)", where=where, path=path)])
        if len(scope.chain) > MAX_STACK_DEPTH:
            raise TemplateError([msg("import.cfn_stack_depth", "{where}: nested stacks more than {n} deep; too deep "
                                     "to import", where=where, n=MAX_STACK_DEPTH)])
        template = files.read(path)
        child = StackScope(f"{where}.", frozenset(_section(template, "Resources")), _section(template, "Outputs"),
                           parent=scope, folder=os.path.dirname(path), chain=(*scope.chain, path))
        values, missing = _parameters(ctx, template, props, child, where)
        scope.children[lid] = child
        report.recognised.append(f"{where} ({rtype}): nested stack {os.path.relpath(path, files.root or '/')} "
                                 f"followed ({len(child.lids)} resources)")
        nested.append(Nested(lid, template, child, values, missing))
    return nested


def _local_path(ctx: Any, lid: str, rtype: str, props: dict, scope: StackScope, files: StackFiles,
                report: ImportReport) -> str | None:
    """The real path of a stack's local template inside the imported folder; None (reported) otherwise."""
    where = f"{scope.prefix}{lid}"
    prop = STACK_TYPES[rtype]
    raw = props.get(prop)
    if isinstance(raw, dict) and intrinsic_name(raw) is None:  # SAM: {ApplicationId, SemanticVersion}
        return _not_followed(report, where, rtype, msg("import.stack_why_sar", "a Serverless Application Repository "
                                                       "application"), show(raw))
    try:
        location = ctx.resolver.resolve(raw)
    except Unresolved as why:
        return _not_followed(report, where, rtype, msg("import.stack_why_unknown", "its {prop} is not known "
                                                       "({why})", prop=prop, why=str(why)), show(raw))
    if not isinstance(location, str) or not location:
        return _not_followed(report, where, rtype, msg("import.stack_why_none", "it has no {prop}", prop=prop), "")
    if location.startswith(("https://", "http://", "s3://")):
        return _not_followed(report, where, rtype, msg("import.stack_why_url", "an uploaded template (S3 or https "
                                                       "URL)"), location)
    path, not_read = local_file(location, scope.folder, files)
    return path if path is not None else _not_followed(report, where, rtype, not_read or "", location)


def local_file(location: str, folder: str | None, files: StackFiles) -> tuple[str | None, Message | None]:
    """The real path of a local file a template names (`file://` or relative to the template's `folder`, never
    outside the imported folder), or None and why not (an upload has no folder; absolute; outside; missing)."""
    if files.root is None or folder is None:
        return None, msg("import.stack_why_upload", "an uploaded file has no folder")
    if os.path.isabs(location.removeprefix("file://")):
        return None, msg("import.stack_why_absolute", "an absolute path")
    path = os.path.realpath(os.path.join(folder, location.removeprefix("file://")))
    if os.path.commonpath([files.root, path]) != files.root:
        return None, msg("import.stack_why_outside", "outside the imported folder")
    if not os.path.isfile(path):
        return None, msg("import.stack_why_missing", "no such file")
    return path, None


def _not_followed(report: ImportReport, where: str, rtype: str, why: str, location: str) -> str | None:
    """Report a stack not followed; None (for `return _not_followed(...)`)."""
    shown = f" {location}" if location else ""
    report.ignored.append(f"{where} ({rtype}): nested stack{shown} not followed: {why}")
    report.hidden.append(msg("import.hidden_stack", "{where} ({location}): nested stack not followed ({why})",
                             where=where, location=location or rtype, why=why))
    return None


def _parameters(ctx: Any, template: dict, props: dict, child: StackScope,
                where: str) -> tuple[dict[str, Any], dict[str, str]]:
    """A child template's parameter values: the stack's Parameters (resolved in the parent), else Default."""
    given = props.get("Parameters")
    given = given if isinstance(given, dict) else {}
    child.params = dict(given)
    values: dict[str, Any] = {}
    missing: dict[str, str] = {}
    for name, spec in _section(template, "Parameters").items():
        spec = spec if isinstance(spec, dict) else {}
        if name in given:
            try:
                values[name] = ctx.resolver.resolve(given[name])
            except Unresolved as why:
                missing[name] = f"parameter {name} of nested stack {where}: {why}"
        elif "Default" in spec:
            values[name] = spec["Default"]
        else:
            missing[name] = f"parameter {name} of nested stack {where} is not given and has no Default"
    for name in given:
        if name not in _section(template, "Parameters"):
            ctx.report.notes.append(f"{where}.Parameters.{name}: the nested template has no such parameter; ignored")
    return values, missing


def note_hidden_functions(report: ImportReport, resources: dict[str, dict], skipped: dict[str, str],
                          prefix: str = "") -> None:
    """When every function of a template is skipped by a false Condition, name the conditions."""
    functions = [lid for lid, r in resources.items() if isinstance(r, dict) and r.get("Type") in FUNCTION_TYPES]
    if not functions or any(lid not in skipped for lid in functions):
        return
    conditions = sorted({skipped[lid] for lid in functions})
    report.notes.append(f"every function of {prefix.rstrip('.') or 'the template'} ({len(functions)}) is skipped "
                        f"because its Condition is false with the parameters given or their defaults: "
                        f"{', '.join(conditions)}; give --param values that make it true to import them")
    report.hidden.append(msg("import.hidden_conditions", "{n} function(s) skipped by a false Condition "
                             "({conditions})", n=len(functions), conditions=", ".join(conditions)))


def _section(template: dict, name: str) -> dict:
    value = template.get(name)
    return value if isinstance(value, dict) else {}


def file_reader(folder: str | None, files: StackFiles) -> Callable[[str], tuple[dict | None, Any]]:
    """A reader of the local files a template in `folder` names (a state machine's definition), each read as an
    imported template is (the size limit, JSON or YAML through the safe loader): (its data, None), or (None, why
    it was not read)."""
    def read(location: str) -> tuple[dict | None, Any]:
        path, why = local_file(location, folder, files)
        if path is None:
            return None, why
        try:
            return files.read(path), None
        except TemplateError as err:
            return None, "; ".join(err.problems)
    return read
