"""What every importer shares: the error, the report, and the template facts before they become a design.

An importer (CloudFormation/SAM or Terraform) reads a template into `Found`: the components it
recognised (with the design fields the template fixes, e.g. `memory_mb`), the triggers that wire
them (an SQS queue drives a function, ...), and which functions reference which resources.
`importers.build.build_design` turns `Found` into a design mapping.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from models.design.schema import DesignError
from models.messages import Message, msg
from models.safe_text import MAX_NESTING, MAX_TEMPLATE_BYTES  # noqa: F401 - the shared limits, re-exported

#: one file (a template, a .tf or .tfvars file, an upload): MAX_TEMPLATE_BYTES, and template data
#: nests at most MAX_NESTING deep (both in models/safe_text.py, with the design files' limits)

#: a directory of Terraform files: how many files are read, and their total size
MAX_DIRECTORY_FILES = 100
MAX_DIRECTORY_BYTES = 2_000_000
#: Terraform text, counted before python-hcl2 parses it (its parse costs ~0.1 ms a token): tokens per
#: import, and operators chained in one expression (each one a level of the parser's recursion)
MAX_HCL_TOKENS = 40_000
MAX_EXPRESSION_OPERATORS = 100
#: evaluating values (intrinsic functions, Terraform expressions and locals): steps per import,
#: characters of one computed text, characters computed in all, list/map entries of one computed value,
#: and how deeply evaluation may nest (locals or conditions referring to each other, nested expressions)
MAX_EVAL_STEPS = 200_000
MAX_VALUE_CHARS = 1_000_000
MAX_EVAL_CHARS = 10_000_000
MAX_VALUE_ITEMS = 100_000
MAX_EVAL_DEPTH = 32
ID_MAX_CHARS = 40


class TemplateError(DesignError):
    """A template that cannot be imported; `problems` has one line per reason."""


# The refusals are messages (`models.messages`): the English is the str, the app shows them in
# Japanese (i18n/engine_ja.py, the "import.*" ids). Where they are (a file, a line, a property) is
# a message around the reason, so the reason keeps its id.


def at(where: str, problem: str) -> Message:
    """`where: problem` (a file, a property path) as one message.

    >>> at("x.tf", "boom")
    'x.tf: boom'
    """
    return msg("import.at", "{where}: {problem}", where=where, problem=problem)


def at_line(filename: str, line: int, problem: str) -> Message:
    """`file line N: problem` as one message."""
    return msg("import.at_line", "{file} line {line}: {problem}", file=filename, line=line, problem=problem)


def too_large(name: str, size_bytes: int) -> TemplateError:
    """The one error for a file over MAX_TEMPLATE_BYTES (CLI, directory walk and upload alike)."""
    return TemplateError([at(name, msg("import.too_large", "{size:,} bytes is too large to import (limit "
                                       "{limit:,} bytes per file)", size=size_bytes, limit=MAX_TEMPLATE_BYTES))])


def not_utf8(name: str, data: bytes, err: UnicodeDecodeError) -> TemplateError:
    """The error for bytes that are not UTF-8 text (the first bad byte and its offset)."""
    return TemplateError([at(name, msg("import.not_utf8", "not a UTF-8 text file (byte 0x{byte:02x} at offset "
                                       "{offset:,})", byte=data[err.start], offset=err.start))])


def nested_to_read(name: str, levels: int = MAX_NESTING) -> TemplateError:
    """The error for a text nested too deeply for the parser (a RecursionError)."""
    return TemplateError([at(name, msg("import.nested_read", "nested more than {n} levels deep (nested too "
                                       "deeply to read)", n=levels))])


def unexpected(name: str, err: Exception, detail: bool = True) -> TemplateError:
    """The error for a shape no reader expected (never a traceback)."""
    if detail:
        return TemplateError([at(name, msg("import.unexpected_detail", "cannot be imported: unexpected {error} "
                                           "({detail}); please report this template",
                                           error=type(err).__name__, detail=str(err)))])
    return TemplateError([at(name, msg("import.unexpected", "cannot be imported: unexpected {error}; please "
                                       "report this template", error=type(err).__name__))])


class TooComplex(TemplateError):
    """A value whose evaluation would pass one of the evaluation limits (the import stops)."""


class Unresolved(Exception):
    """A value the template leaves to deploy time, or to a parameter that has no value."""


@dataclass
class EvalBudget:
    """The work one import may spend evaluating values; `TooComplex` once a limit is passed.

    >>> budget = EvalBudget(steps=3)
    >>> budget.step(); budget.step(2)
    >>> budget.step()
    Traceback (most recent call last):
    ...
    importers.common.TooComplex: too complex to evaluate: more than 3 evaluation steps
    """

    steps: int = MAX_EVAL_STEPS
    chars: int = MAX_EVAL_CHARS
    depth: int = 0
    used_steps: int = 0
    used_chars: int = 0

    def step(self, count: int = 1) -> None:
        """Spend evaluation steps."""
        self.used_steps += count
        if self.used_steps > self.steps:
            raise TooComplex([msg("import.eval_steps", "too complex to evaluate: more than {n:,} evaluation steps",
                                  n=self.steps)])

    def text(self, length: int, what: str) -> None:
        """Check a text about to be built (`length` characters) against the per-value and total limits."""
        if length > MAX_VALUE_CHARS:
            raise TooComplex([msg("import.eval_chars", "too complex to evaluate: {what} would be {length:,} "
                                  "characters long (limit {limit:,})", what=what, length=length,
                                  limit=MAX_VALUE_CHARS)])
        self.used_chars += length
        if self.used_chars > self.chars:
            raise TooComplex([msg("import.eval_total_chars", "too complex to evaluate: the values computed would "
                                  "hold more than {n:,} characters", n=self.chars)])

    def enter(self, what: str) -> None:
        """One level deeper (leave with `leave`); TooComplex past MAX_EVAL_DEPTH."""
        if self.depth >= MAX_EVAL_DEPTH:
            raise TooComplex([msg("import.eval_depth", "nested too deeply to evaluate: {what} is more than {n} "
                                  "levels deep (values referring to each other, or expressions inside "
                                  "expressions)", what=what, n=MAX_EVAL_DEPTH)])
        self.depth += 1

    def leave(self) -> None:
        """Back up one level."""
        self.depth = max(self.depth - 1, 0)


@dataclass
class ImportReport:
    """What an import recognised, ignored, could not resolve and assumed, one line per item."""

    source: str
    kind: str = ""
    recognised: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: the Region lines among the notes (importers/regions.py), also written at the head of the design's description
    region_notes: list[str] = field(default_factory=list)
    #: (property path, the value as the template gives it, as converted) of every scalar read, so a value the
    #: design refuses can be named by its template property (importers._finish); not a section
    values_read: list[tuple[str, Any, Any]] = field(default_factory=list)
    #: the template key (logical id, Terraform address) of each design component, in the design's order
    component_keys: list[str] = field(default_factory=list)
    # ---- tfmod: why resources may be missing (modules or stacks not followed, false conditions), for the
    # refusal when nothing is found; not a section of its own (each reason is also a line above)
    hidden: list[str] = field(default_factory=list)
    # ---- end tfmod

    SECTIONS = ("recognised", "ignored", "unresolved", "assumptions", "notes")
    LABELS = ("recognised", "ignored", "unresolved", "assumed", "note")

    def lines(self) -> list[str]:
        """The report for people: a heading, then one line per item prefixed by its section."""
        head = f"imported {self.source} ({self.kind}): {len(self.recognised)} recognised, " \
               f"{len(self.ignored)} ignored, {len(self.unresolved)} unresolved"
        body = [f"{'warning' if item in self.region_notes else label}: {item}"
                for section, label in zip(self.SECTIONS, self.LABELS, strict=True) for item in getattr(self, section)]
        return [head, *body]

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data (for JSON and the app)."""
        return {"source": self.source, "kind": self.kind,
                **{section: list(getattr(self, section)) for section in self.SECTIONS}}


@dataclass
class Component:
    """A resource that becomes one design component.

    `key` is the template's name for it (logical id, or Terraform address `type.name`);
    `fields` holds the design fields the template fixes; `refs` the keys of other resources the
    resource's properties mention (a function's environment variables and policies).
    """

    key: str
    kind: str
    origin: str
    name_hint: str
    fields: dict[str, Any] = field(default_factory=dict)
    refs: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Trigger:
    """`source` drives `target` (both component keys); `source` is None for a schedule.

    `weight` counts routes (API → function) or origins, to split a fan-in evenly;
    `runs_per_month` is a schedule's count of invocations.
    """

    target: str
    source: str | None
    where: str
    weight: float = 1.0
    runs_per_month: float | None = None
    # ---- wiring: the target sees every event of the source, not a share of them (an API's authorizer)
    every_event: bool = False
    #: a CloudFront origin whose behaviours do not cache: it receives requests, not cache misses
    uncached: bool = False
    # ---- end wiring


@dataclass
class Found:
    """Everything an importer found in a template, before ids and usage defaults are chosen."""

    components: dict[str, Component] = field(default_factory=dict)
    triggers: list[Trigger] = field(default_factory=list)
    deliveries: dict[str, Counter] = field(default_factory=dict)
    dead_letter: set[str] = field(default_factory=set)
    # ---- wiring: functions some event source the planner does not model invokes (EventBridge patterns,
    # Kinesis, MQ, MSK, IoT, ...): with no modelled source they get invocations_per_month 0, not client traffic
    unmodelled: dict[str, list[str]] = field(default_factory=dict)
    #: buckets that hold a function's deployment package (Terraform s3_bucket): no traffic of their own
    code_buckets: set[str] = field(default_factory=set)
    # ---- end wiring

    def add(self, component: Component, before: str | None = None) -> None:
        """Record a component (keeping template order; `before` puts it ahead of another)."""
        if before is None or before not in self.components:
            self.components[component.key] = component
            return
        items = list(self.components.items())
        index = [key for key, _ in items].index(before)
        items.insert(index, (component.key, component))
        self.components = dict(items)

    def kind_of(self, key: str | None) -> str | None:
        """The design type of a recognised component, or None."""
        component = self.components.get(key) if key else None
        return component.kind if component else None

    def count_delivery(self, topic_key: str, kind: str) -> None:
        """One more subscription of `kind` (email, http, mobile_push, ...) on a topic."""
        self.deliveries.setdefault(topic_key, Counter())[kind] += 1


@dataclass
class TfModule:
    """The blocks of one Terraform module's `.tf` files that an import reads (importers.terraform fills it,
    importers.tf_resources reads it)."""

    variables: dict[str, dict] = field(default_factory=dict)
    locals: dict[str, Any] = field(default_factory=dict)
    resources: list[tuple[str, str, dict]] = field(default_factory=list)  # (type, name, body)
    providers: list[dict] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    # ---- tfmod
    module_blocks: dict[str, dict] = field(default_factory=dict)  # module name → its block's arguments
    outputs: dict[str, dict] = field(default_factory=dict)  # output name → {value, ...}
    prefix: str = ""  # the module instance's address prefix ('module.x["k"].'); "" for the root

    def address(self, rtype: str, name: str) -> str:
        """A resource's address in this module instance (`name` may carry an index: `q[0]`)."""
        return f"{self.prefix}{rtype}.{name}"
    # ---- end tfmod


def component_id(hint: str) -> str:
    """A design id from a logical id or resource name: snake_case, safe characters, ≤ 40.

    >>> component_id("ThumbnailFunction")
    'thumbnail_function'
    >>> component_id("HTTPApi2")
    'http_api2'
    >>> component_id("3rd-party.queue")
    'r_3rd-party_queue'
    """
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(hint))
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text).lower()
    text = re.sub(r"[^a-z0-9_-]+", "_", text).strip("_-") or "component"
    if not text[0].isalpha():
        text = "r_" + text
    return text[:ID_MAX_CHARS].rstrip("_-")


def unique_ids(components: list[Component]) -> dict[str, str]:
    """Component key → unique design id; a clash gets the type, then a number, appended.

    >>> a = Component("aws_lambda_function.app", "lambda", "t", "app")
    >>> b = Component("aws_dynamodb_table.app", "dynamodb", "t", "app")
    >>> unique_ids([a, b])
    {'aws_lambda_function.app': 'app', 'aws_dynamodb_table.app': 'app_dynamodb'}
    """
    taken: set[str] = set()
    ids: dict[str, str] = {}
    for comp in components:
        base = component_id(comp.name_hint)
        candidates = [base, f"{base[:ID_MAX_CHARS - len(comp.kind) - 1]}_{comp.kind}"]
        chosen = next((c for c in candidates if c not in taken), None)
        number = 2
        while chosen is None:
            guess = f"{base[:ID_MAX_CHARS - 4]}_{number}"
            chosen = guess if guess not in taken else None
            number += 1
        taken.add(chosen)
        ids[comp.key] = chosen
    return ids


#: the written number ("512", "1e30", "512.0"): read as a decimal, so a large one keeps its digits
_NUMBER = re.compile(r"\s*[+-]?(?:\d{1,100}(?:\.\d{0,100})?|\.\d{1,100})(?:[eE][+-]?\d{1,2})?\s*")


def as_int(value: Any) -> int:
    """A resolved template value as a whole number ("512" and 512.0 are fine); Unresolved otherwise.
    Whole numbers are read exactly, never through a float (which would change large ones).

    >>> as_int("512"), as_int(99999999999999999999999), as_int("1e30") == 10 ** 30
    (512, 99999999999999999999999, True)
    """
    if isinstance(value, bool):
        raise Unresolved(f"{value!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        number = Decimal(value.strip()) if _NUMBER.fullmatch(value) else None
        if number is None or number != number.to_integral_value():
            raise Unresolved(f"{value!r} is not a whole number")
        return int(number)
    try:
        whole = float(value)
    except (TypeError, ValueError):
        raise Unresolved(f"{value!r} is not a whole number") from None
    if not whole.is_integer():
        raise Unresolved(f"{value!r} is not a whole number")
    return int(whole)


def as_float(value: Any) -> float:
    """A resolved template value as a number ("0.5" is fine); Unresolved otherwise."""
    if isinstance(value, bool):
        raise Unresolved(f"{value!r} is not a number")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise Unresolved(f"{value!r} is not a number") from None


def as_bool(value: Any) -> bool:
    """A resolved template value as a boolean (true/"true"/"True"); Unresolved otherwise."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise Unresolved(f"{value!r} is not true or false")


def architecture(value: Any) -> str:
    """"arm64" / "x86_64" from a function's architecture (CloudFormation's Architectures entry, Terraform's
    architectures); Unresolved otherwise."""
    text = str(value).lower()
    if text not in ("arm64", "x86_64"):
        raise Unresolved(f"architecture {value!r} is not arm64 or x86_64")
    return text


def refuse_unknown_params(params: dict[str, str], declared: dict[str, Any], source: str, kind: str) -> None:
    """TemplateError for a `--param` the `source` ("template", "configuration") declares no `kind` of."""
    unknown = sorted(set(params) - set(declared))
    if unknown:
        known = ", ".join(declared) or "none"
        raise TemplateError([msg("import.param_unknown", "--param {name}: the {source} has no such {kind} (its "
                                 "{kind}s: {known})", name=unknown[0], source=source, kind=kind, known=known)])


class Lookups:
    """`lookup_raw` and `lookup` for an evaluator (intrinsics.Resolver, tf_expr.TfResolver) that has
    `shallow` (evaluate the outer value only) and `resolve` (evaluate everything)."""

    def shallow(self, value: Any) -> Any:
        raise NotImplementedError

    def resolve(self, value: Any) -> Any:
        raise NotImplementedError

    def lookup_raw(self, node: Any, *keys: str | int) -> Any:
        """The value at `keys` under `node` (Terraform's blocks are lists: `("ephemeral_storage", 0, "size")`),
        what stands on the way evaluated, the value itself raw; None when a key is absent."""
        for key in keys:
            node = self.shallow(node)
            if isinstance(key, int):
                if not isinstance(node, list) or key >= len(node):
                    return None
            elif not isinstance(node, dict) or key not in node:
                return None
            node = node[key]
        return node
