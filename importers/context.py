"""The state one import shares: resolver, report, what was found, and value helpers.

Every value read from a template goes through `ImportContext.value(...)`, so an unresolvable one
is reported with its property path (and left to the design default) in exactly one place. The
resolver and the reference finder are CloudFormation's or Terraform's; the rest is shared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from importers.common import Found, ImportReport, TooComplex, Trigger, Unresolved, as_bool, as_int, at
from importers.intrinsics import references, show
from importers.schedule import monthly_runs

KIND_NAMES = {"lambda": "a Lambda function", "api_gateway": "an API", "dynamodb": "a DynamoDB table",
              "s3": "an S3 bucket", "sqs": "an SQS queue", "sns": "an SNS topic",
              "cloudfront": "a CloudFront distribution"}
KIND_NAMES.update({"kinesis": "a Kinesis data stream", "firehose": "a Firehose stream"})  # ---- kinesis


@dataclass
class ImportContext:
    """One import in progress."""

    resolver: Any  # intrinsics.Resolver or tf_expr.TfResolver: lookup, lookup_raw, shallow, resolve
    report: ImportReport
    find_refs: Callable[[Any], set[str]] = references
    found: Found = field(default_factory=Found)
    globals: dict[str, dict] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # Lambda alias/version logical id → function
    #: a local file the template names (a state machine's DefinitionUri), read relative to the template's folder:
    #: (its data, None) or (None, why it was not read, e.g. an upload has no folder); None outside CloudFormation
    read_file: Callable[[str], tuple[dict | None, Any]] | None = None
    definitions: dict[str, Any] = field(default_factory=dict)  # state machine key → its definition, read once

    def value(self, node: Any, *keys: str | int, where: str, convert: Callable[[Any], Any] | None = None,
              default_note: str = "left at the design default") -> Any:
        """The resolved value at `keys` (None if absent); an unresolvable one is reported, None returned."""
        path = ".".join([where, *[str(k) for k in keys]])
        try:
            with _at(path):
                raw = self.resolver.lookup(node, *keys)
                removed = getattr(self.resolver, "removed", None)  # CloudFormation's AWS::NoValue
                if raw is None and removed is not None and removed(node, *keys):
                    self.report.assumptions.append(f"{path}: AWS::NoValue removes the property; taken as not given "
                                                   f"({default_note})")
            value = convert(raw) if convert is not None and raw is not None else raw
            if raw is not None and not isinstance(raw, (dict, list)):
                self.report.values_read.append((path, raw, value))
            return value
        except Unresolved as why:
            self.report.unresolved.append(f"{path}: {why}; {default_note}")
            return None

    def raw(self, node: Any, *keys: str | int, where: str) -> Any:
        """The unresolved value at `keys` (for finding references); None if absent or unresolvable."""
        try:
            with _at(f"{where}.{'.'.join(str(k) for k in keys)}"):
                return self.resolver.lookup_raw(node, *keys)
        except Unresolved as why:
            self.report.unresolved.append(f"{where}.{'.'.join(str(k) for k in keys)}: {why}; not read")
            return None

    def number(self, node: Any, *keys: str | int, where: str) -> int | None:
        """A whole number at `keys` (None if absent or unresolved)."""
        return self.value(node, *keys, where=where, convert=as_int)

    def items(self, node: Any, *keys: str, where: str) -> list:
        """The list at `keys`, each element left raw for further lookups ([] if absent or unresolved)."""
        value = self._shallow(node, keys, where)
        return value if isinstance(value, list) else []

    def mapping(self, node: Any, *keys: str, where: str) -> dict:
        """The mapping at `keys`, its values left raw ({} if absent or unresolved)."""
        value = self._shallow(node, keys, where)
        return value if isinstance(value, dict) else {}

    def _shallow(self, node: Any, keys: tuple[str, ...], where: str) -> Any:
        """The value at `keys` resolved one level, its parts left raw (None if unresolved, which is reported)."""
        try:
            with _at(f"{where}.{'.'.join(keys)}"):
                return self.resolver.shallow(self.resolver.lookup_raw(node, *keys))
        except Unresolved as why:
            self.report.unresolved.append(f"{where}.{'.'.join(keys)}: {why}; not read")
            return None

    def target(self, value: Any, kind: str, where: str) -> str | None:
        """The key of the one component of `kind` a value refers to; reported as unresolved otherwise."""
        keys = self.find_refs(value)
        keys = {self.aliases.get(k, k) for k in keys} if kind == "lambda" else keys
        matches = sorted(k for k in keys if self.found.kind_of(k) == kind)
        if len(matches) == 1:
            return matches[0]
        self.report.unresolved.append(f"{where}: {show(value)} is not {KIND_NAMES[kind]} of this template; "
                                      "this link is not wired")
        return None

    def any_target(self, value: Any, kinds: tuple[str, ...], where: str) -> str | None:
        """The key of the one component of any of `kinds` a value refers to (None, silently, if none)."""
        keys = {self.aliases.get(k, k) for k in self.find_refs(value)}
        matches = sorted(k for k in keys if self.found.kind_of(k) in kinds)
        return matches[0] if len(matches) == 1 else None

    def wire(self, target: str | None, source: str | None, where: str, **extra: Any) -> None:
        """Record that `source` drives `target` (nothing if either is unknown)."""
        if target and source:
            self.found.triggers.append(Trigger(target, source, where, **extra))


@contextmanager
def _at(path: str) -> Iterator[None]:
    """Name the property whose value passed an evaluation limit."""
    try:
        yield
    except TooComplex as err:
        raise TooComplex([p if p.startswith(path) else at(path, p) for p in err.problems]) from None


#: SNS subscription protocol → the design's delivery kind
DELIVERY_KINDS = {"http": "http", "https": "http", "email": "email", "email-json": "email",
                  "application": "mobile_push"}


def add_schedule(ctx: ImportContext, function: str | None, node: Any, key: str, enabled: bool, where: str) -> None:
    """A schedule invoking a function: its runs per month, or a report line saying why not."""
    if function is None:
        return
    if not enabled:
        ctx.report.notes.append(f"{where}: schedule disabled; not counted")
        return
    expression = ctx.value(node, key, where=where, default_note="its runs are not counted")
    if expression is None:
        return
    try:
        runs = monthly_runs(str(expression))
    except Unresolved as why:
        ctx.report.unresolved.append(f"{where}.{key}: {why}; its runs are not counted")
        return
    ctx.found.triggers.append(Trigger(function, None, where, runs_per_month=runs))


def subscribe(ctx: ImportContext, topic: str | None, protocol: Any, endpoint: Any, where: str) -> str:
    """One subscription: a function or queue is wired to the topic; other kinds count as deliveries."""
    kind = str(protocol).lower()
    if topic is None:
        return "topic outside the template; not wired"
    if kind in ("lambda", "sqs"):
        target = ctx.target(endpoint, kind, f"{where}.Endpoint")
        ctx.wire(target, topic, where)
        return f"wires {topic} → {target}"
    if kind in DELIVERY_KINDS:
        ctx.found.count_delivery(topic, DELIVERY_KINDS[kind])
        return f"one {DELIVERY_KINDS[kind]} delivery per publish of {topic}"
    ctx.report.notes.append(f"{where}: {kind} deliveries are not priced by the planner")
    return f"{kind} subscription (not priced)"


def wire_event_source(ctx: ImportContext, props: dict, where: str, names: tuple[str, str, str], disabled: str,
                      shown: str, source_kind: str) -> str:
    """An event source mapping (CloudFormation's or Terraform's): an SQS queue or DynamoDB stream drives
    a function. `names`: its enabled flag, function and source ARN as the template spells them;
    `disabled`: how "not enabled" is written; `shown`: the source ARN as the report shows it;
    `source_kind`: "template" or "configuration"."""
    enabled, function_name, source_arn = names
    if ctx.value(props, enabled, where=where, convert=as_bool) is False:
        return f"disabled ({disabled}); not wired"
    function = ctx.target(props.get(function_name), "lambda", f"{where}.{function_name}")
    source = ctx.any_target(props.get(source_arn), ("sqs", "dynamodb", "kinesis"), where)
    if source is None:
        ctx.report.unresolved.append(f"{where}.{source_arn}: {shown} is not an SQS queue, DynamoDB table or Kinesis "
                                     f"stream of this {source_kind} (Kafka, MQ are not modelled); not wired")
        if function:  # ---- wiring
            ctx.found.unmodelled.setdefault(function, []).append(f"the event source mapping {where}")
        return f"source not in the {source_kind}; not wired"
    ctx.wire(function, source, where)
    return f"wires {source} → {function}"


def wire_integration(ctx: ImportContext, uri: Any, api_ref: Any, api_where: str, where: str,
                     source_kind: str) -> str:
    """An API integration (CloudFormation's or Terraform's, REST or HTTP/WebSocket): the function its
    `uri` invokes is driven by the API `api_ref` names (read at `api_where`); `source_kind`: "template"
    or "configuration"."""
    function = ctx.any_target(uri, ("lambda",), where)
    if function is None:
        return f"not a Lambda integration of this {source_kind}"
    api = ctx.target(api_ref, "api_gateway", api_where)
    ctx.wire(function, api, where)
    return f"wires {api} → {function}"


def wire_origin(ctx: ImportContext, distribution: str, domain: Any, where: str, unmatched: str) -> None:
    """One origin of a distribution: a bucket or API of the import receives its cache misses; any other
    origin is noted as `unmatched` (what the report says of it)."""
    target = ctx.any_target(domain, ("s3", "api_gateway"), where)
    if target:
        ctx.wire(target, distribution, where)
    else:
        ctx.report.notes.append(f"{where}: {unmatched}; its traffic is not modelled")


def add_provisioned_concurrency(ctx: ImportContext, function: str | None, count: int | None) -> str:
    """Environments kept warm for a function (added to any it already has); the line for the report."""
    if function and count:
        fields = ctx.found.components[function].fields
        fields["provisioned_concurrency"] = fields.get("provisioned_concurrency", 0) + count
    return f"provisioned concurrency {count} on {function}"
