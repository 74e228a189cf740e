"""Serverless Framework variables (`${source:address, fallback}`) resolved where the file alone decides.

    resolver = SlsVariables(config, stage="prod", region=None, params={"mem": "512"}, env={})
    resolved = resolver.tree()     # the whole file, every variable evaluated or marked `Unknown`
    resolver.unknown               # [(path, variable text, why)], one per value left unresolved

Sources (https://www.serverless.com/framework/docs/guides/variables): `self:` (this file, `custom`
included), `opt:stage` / `opt:region` (the CLI's `--stage` / `--region`), `sls:stage` (`--stage`,
else `provider.stage`, else "dev": the framework's default), `aws:region` (`--region`, else
`provider.region`, else "us-east-1"), `param:` (`--param`, else the file's `params.<stage>`, else
`params.default`), `env:` (the environment the caller passes). A fallback after a comma —
`${opt:stage, 'dev'}`, `${env:A, self:custom.a, 42}` — is used only when the sources before it
have no value, as the framework does (`self:provider.stage` and `self:provider.region` have the
framework's defaults "dev" and "us-east-1" when the file sets none). Sources only a deployment
knows (`ssm:`, `cf:`, `s3:`, `file(...)`, `aws:accountId`, `sls:instanceId`, ...) are `Unknown`,
their fallbacks NOT used: the framework would use the deployed value, which may differ.
`${Name}` and `${AWS::Region}` (no source) are CloudFormation `Fn::Sub` text and are left as written.

A value that is exactly one variable keeps the type of what it names (a number, a mapping); a
variable inside longer text is formatted into it. Evaluation is bounded (MAX_EVAL_DEPTH nested
references, MAX_VARIABLES evaluations, MAX_VALUE_CHARS per text): past a limit the import stops
with one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from importers.common import MAX_EVAL_DEPTH, MAX_VALUE_CHARS, TooComplex
from models.messages import msg

MAX_VARIABLES = 20_000
MAX_NODES = 1_000_000
DEFAULT_STAGE = "dev"
DEFAULT_REGION = "us-east-1"
#: values the framework sets when the file does not (`${self:provider.stage}` is "dev" then)
FRAMEWORK_DEFAULTS = {"provider.stage": DEFAULT_STAGE, "provider.region": DEFAULT_REGION}
#: sources a deployment resolves (SSM, other stacks, S3 objects, files, the account): never guessed here
DEPLOY_SOURCES = {
    "ssm": "is read from SSM Parameter Store at deployment",
    "cf": "reads another stack's output at deployment",
    "s3": "reads an S3 object at deployment",
    "sls": "is known only at deployment",
    "aws": "is known only at deployment",
    "git": "reads the git repository",
    "strToBool": "is a function this importer does not evaluate",
}
#: `source:address`, or a function source such as `file(./x.yml)` with an optional `:address`
_SOURCE = re.compile(r"^\s*([A-Za-z][\w-]*\([^)]*\)|[A-Za-z][\w-]*):(.*)$|^\s*([A-Za-z][\w-]*\([^)]*\))\s*$", re.S)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Unknown:
    """A value left to deployment or to an option not given: the variable text and why."""

    text: str
    why: str
    missing: bool = False  # no source had a value (an outer variable's fallback is then tried)


class _NoValue(Exception):
    """A source that has no value here (`${env:X}` unset): the next fallback is tried."""


@dataclass
class SlsVariables:
    """Evaluates the variables of one serverless.yml (the raw mapping as loaded)."""

    config: dict[str, Any]
    stage: str | None = None
    region: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    unknown: list[tuple[str, str, str]] = field(default_factory=list)
    _evaluations: int = 0
    _nodes: int = 0
    _active: list[str] = field(default_factory=list)

    def tree(self) -> Any:
        """The whole file with every variable evaluated (an `Unknown` where it cannot be)."""
        return self._node(self.config, "", 0, record=True)

    def value(self, path: str) -> Any:
        """The evaluated value at a dotted path of the file (None if absent), not recorded as unknown."""
        try:
            return self._self(path, 0)
        except _NoValue:
            return None

    # ---- the stage, region and params the framework derives
    def resolved_stage(self) -> Any:
        """`--stage`, else `provider.stage` (evaluated), else "dev"."""
        return self.stage or self.value("provider.stage") or DEFAULT_STAGE

    def resolved_region(self) -> Any:
        """`--region`, else `provider.region` (evaluated), else "us-east-1"."""
        return self.region or self.value("provider.region") or DEFAULT_REGION

    # ---- walking
    def _node(self, node: Any, path: str, depth: int, record: bool) -> Any:
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise TooComplex([msg("import.sls_too_many_nodes", "variables copy more than {n:,} values (a value "
                                  "referred to over and over)", n=MAX_NODES)])
        if isinstance(node, dict):
            return {k: self._node(v, f"{path}.{k}" if path else str(k), depth, record) for k, v in node.items()}
        if isinstance(node, list):
            return [self._node(v, f"{path}[{i}]", depth, record) for i, v in enumerate(node)]
        if isinstance(node, str) and "${" in node:
            value = self._text(node, depth)
            if record and isinstance(value, Unknown):
                self.unknown.append((path, value.text, value.why))
            return value
        return node

    def _text(self, text: str, depth: int) -> Any:
        """A string with variables: the value of a lone variable, or the text with each one formatted in."""
        spans = _variables(text)
        if not spans:
            return text
        if len(spans) == 1 and spans[0] == (0, len(text)):
            return self._variable(text[2:-1], depth)
        parts: list[str] = []
        last = 0
        for start, end in spans:
            value = self._variable(text[start + 2:end - 1], depth)
            if isinstance(value, Unknown):
                return Unknown(text, value.why, value.missing)
            if isinstance(value, (dict, list)):
                return Unknown(text, f"{text[start:end]} is a list or mapping inside text")
            parts += [text[last:start], _as_text(value)]
            last = end
        out = "".join(parts) + text[last:]
        if len(out) > MAX_VALUE_CHARS:
            raise TooComplex([msg("import.sls_text_too_long", "a variable makes a text of more than {n:,} "
                                  "characters", n=MAX_VALUE_CHARS)])
        return out

    def _variable(self, inner: str, depth: int) -> Any:
        """`source:address, fallback, ...` (nested variables evaluated first)."""
        self._count(depth)
        whole = "${" + inner + "}"
        if not _SOURCE.match(inner) or inner.strip().startswith("AWS::"):
            return whole  # CloudFormation Fn::Sub text such as ${AWS::Region} or ${MyBucket}
        failures = []
        for part in _split_fallbacks(inner):
            try:
                value = self._part(part, depth)
            except _NoValue as why:
                failures.append(str(why))
                continue
            return Unknown(whole, value.why) if isinstance(value, Unknown) else value
        return Unknown(whole, "; ".join(failures) or "no value", missing=True)

    def _part(self, part: str, depth: int) -> Any:
        """One fallback: a variable of its own (`${self:x}`), or a source whose address may hold variables."""
        spans = _variables(part)
        if spans == [(0, len(part))]:
            value = self._variable(part[2:-1], depth + 1)
            if isinstance(value, Unknown) and value.missing:
                raise _NoValue(value.why)
            return value
        resolved = self._text(part, depth + 1) if spans else part
        if isinstance(resolved, Unknown):
            if resolved.missing:
                raise _NoValue(resolved.why)
            return resolved
        return self._one(str(resolved).strip(), depth)

    def _one(self, part: str, depth: int) -> Any:
        """One source or literal of a variable; _NoValue when the source has nothing."""
        literal = _literal(part)
        if literal is not None:
            return literal[0]
        match = _SOURCE.match(part)
        if not match:
            raise _NoValue(f"{part!r} is not a variable source or quoted text")
        source, address = match.group(1) or match.group(3), (match.group(2) or "").strip()
        handler = {"self": self._self, "opt": self._opt, "env": self._env, "param": self._param,
                   "sls": self._sls, "aws": self._aws}.get(source)
        if handler is not None:
            return handler(address, depth)
        if source.startswith("file("):
            return Unknown(part, f"{source} is another file, which is not read; write its value in this file")
        why = DEPLOY_SOURCES.get(source, "is not a variable source the framework knows")
        return Unknown(part, f"${{{source}:}} {why}")

    def _self(self, address: str, depth: int) -> Any:
        """`self:a.b.c`: the value in this file, itself evaluated."""
        if address in self._active:
            return Unknown(f"${{self:{address}}}", f"self:{address} refers to itself")
        node: Any = self.config
        for key in [k for k in address.split(".") if k] if address else []:
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
            elif isinstance(node, dict) and key in node:
                node = node[key]
            elif address in FRAMEWORK_DEFAULTS:
                return FRAMEWORK_DEFAULTS[address]
            else:
                raise _NoValue(f"self:{address} is not in the file")
        self._active.append(address)
        try:
            return self._node(node, address, depth + 1, record=False)
        finally:
            self._active.pop()

    def _opt(self, address: str, depth: int) -> Any:
        given = {"stage": self.stage, "region": self.region}
        if address not in given:
            return Unknown(f"${{opt:{address}}}", f"the command-line option --{address} is not known here")
        if given[address] is None:
            raise _NoValue(f"opt:{address} is not given (add --{address})")
        return given[address]

    def _env(self, address: str, depth: int) -> Any:
        if address not in self.env:
            raise _NoValue(f"environment variable {address} is not set")
        return self.env[address]

    def _param(self, address: str, depth: int) -> Any:
        if address in self.params:
            return self.params[address]
        params = self.value("params")
        stage = self.resolved_stage()
        for section in (stage, "default"):
            block = params.get(section) if isinstance(params, dict) and isinstance(section, str) else None
            if isinstance(block, dict) and address in block:
                return block[address]
        raise _NoValue(f"param {address} has no value (add --param {address}=VALUE)")

    def _sls(self, address: str, depth: int) -> Any:
        if address == "stage":
            return self.resolved_stage()
        return Unknown(f"${{sls:{address}}}", f"sls:{address} is known only at deployment")

    def _aws(self, address: str, depth: int) -> Any:
        if address == "region":
            return self.resolved_region()
        return Unknown(f"${{aws:{address}}}", f"aws:{address} is known only at deployment")

    def _count(self, depth: int) -> None:
        self._evaluations += 1
        if self._evaluations > MAX_VARIABLES:
            raise TooComplex([msg("import.sls_too_many", "more than {n:,} variable evaluations (variables that "
                                  "refer to each other over and over)", n=MAX_VARIABLES)])
        if depth > MAX_EVAL_DEPTH:
            raise TooComplex([msg("import.sls_too_deep", "variables nested more than {n} levels deep",
                                  n=MAX_EVAL_DEPTH)])


def _variables(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost `${...}` in a text (nested ones inside it).

    >>> _variables("a-${opt:stage, ${self:x}}-b${c:d}")
    [(2, 25), (27, 33)]
    """
    spans: list[tuple[int, int]] = []
    i, depth, start = 0, 0, 0
    while i < len(text):
        if text.startswith("${", i):
            if depth == 0:
                start = i
            depth += 1
            i += 2
            continue
        if text[i] == "}" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
        i += 1
    return spans


def _split_fallbacks(inner: str) -> list[str]:
    """`opt:stage, ${self:x, 'a,b'}, 'dev'` → its parts at top-level commas (quotes and nesting kept).

    >>> _split_fallbacks("opt:stage, ${self:a, 'x'}, 'a,b'")
    ['opt:stage', "${self:a, 'x'}", "'a,b'"]
    """
    parts: list[str] = []
    current: list[str] = []
    depth, quote = 0, ""
    for i, char in enumerate(inner):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif inner.startswith("${", i):
            depth += 1
        elif char == "}" and depth:
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    parts.append("".join(current).strip())
    return parts


def _literal(part: str) -> tuple[Any] | None:
    """A quoted text, number or boolean fallback as a 1-tuple; None for anything else.

    >>> _literal("'dev'"), _literal("512"), _literal("true"), _literal("opt:stage")
    (('dev',), (512,), (True,), None)
    """
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "'\"":
        return (part[1:-1],)
    if _NUMBER.match(part):
        return (float(part) if "." in part else int(part),)
    if part in ("true", "false"):
        return (part == "true",)
    return None


def _as_text(value: Any) -> str:
    """A value formatted into text as JavaScript would (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)
