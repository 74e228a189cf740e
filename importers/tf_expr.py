"""Terraform expressions, evaluated where the configuration alone decides the value.

python-hcl2 gives attribute values as literals or as text with `${...}` interpolations. This module
evaluates what needs no plan: literals, `var.x`, `local.x` (with `.attr` and `[0]`), arithmetic,
comparisons, `!`, `&&`, `||` and `cond ? a : b`. A resource attribute (`aws_sqs_queue.q.arn`) or
a function call raises `Unresolved` — only `terraform apply` knows it — and `references` finds
the resources a value mentions, which is how wiring is found.

Evaluation is bounded (`EvalBudget`): locals that double each other, a text that would grow past
MAX_VALUE_CHARS, a list/map past MAX_VALUE_ITEMS entries, or nesting past MAX_EVAL_DEPTH stop
the import with one `TooComplex` line instead of exhausting memory or the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from importers.common import MAX_VALUE_ITEMS, EvalBudget, Lookups, TooComplex, Unresolved
from models.messages import msg

_TOKEN = re.compile(r"""\s*(?:
    (?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[\d+\])*)
  | (?P<op>==|!=|<=|>=|&&|\|\||[-+*/%<>!?:(),\[\]{}=.])
)""", re.X)
_RESOURCE_REF = re.compile(r"(?<![\w.])(aws_[a-z0-9_]+)\.([A-Za-z_][A-Za-z0-9_-]*)")
_PATH_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]")
_BINARY = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]


def references(value: Any) -> set[str]:
    """The resource addresses (`type.name`) a value mentions, data sources excluded.

    >>> sorted(references({"a": "${aws_sqs_queue.jobs.arn}", "b": ["x-${aws_s3_bucket.p.id}"]}))
    ['aws_s3_bucket.p', 'aws_sqs_queue.jobs']
    >>> references("${data.aws_iam_policy_document.x.json}")
    set()
    """
    return dotted_matches(value, _RESOURCE_REF)


def dotted_matches(value: Any, pattern: re.Pattern[str]) -> set[str]:
    """`first.second` for every match of a two-group `pattern` in the strings anywhere inside `value`."""
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found |= {f"{first}.{second}" for first, second in pattern.findall(item)}
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def interpolations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each `${...}` in a text, nested braces and quoted strings respected.

    >>> interpolations('a-${var.x}-${f({k = "}"})}')
    [(2, 10), (11, 26)]
    """
    spans = []
    start = text.find("${")
    while start >= 0:
        if start > 0 and text[start - 1] == "$":  # "$${" is a literal "${"
            start = text.find("${", start + 2)
            continue
        end = _closing_brace(text, start + 2)
        if end < 0:
            raise Unresolved(f"{text!r}: unclosed ${{")
        spans.append((start, end + 1))
        start = text.find("${", end + 1)
    return spans


def _closing_brace(text: str, index: int) -> int:
    """Index of the `}` closing an interpolation that starts before `index` (-1 if none)."""
    depth, quoted = 0, False
    while index < len(text):
        char = text[index]
        if quoted:
            if char == "\\":
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return index
            depth -= 1
        index += 1
    return -1


@dataclass
class TfResolver(Lookups):
    """Evaluates Terraform values against variables and locals (same interface as intrinsics.Resolver)."""

    variables: dict[str, Any]
    missing: dict[str, str]
    locals_raw: dict[str, Any]
    budget: EvalBudget = field(default_factory=EvalBudget)
    _locals: dict[str, Any] = field(default_factory=dict)
    _evaluating: set[str] = field(default_factory=set)
    _items: dict[int, int] = field(default_factory=dict)  # id of a local's list/map value → its entries

    def resolve(self, value: Any) -> Any:
        """The value with every interpolation evaluated (Unresolved if one cannot be)."""
        self.budget.step()
        if isinstance(value, str):
            return self._text(value)
        if isinstance(value, (dict, list)):
            self.budget.enter("a list or map")
            try:
                if isinstance(value, dict):
                    return {k: self.resolve(v) for k, v in value.items()}
                return [self.resolve(v) for v in value]
            finally:
                self.budget.leave()
        return value

    def shallow(self, value: Any) -> Any:
        """A text that is one whole expression is evaluated (it may be a list or map); else as is."""
        if isinstance(value, str) and interpolations(value) == [(0, len(value))]:
            return self.expression(value[2:-1])
        return value

    def lookup(self, node: Any, *keys: str | int) -> Any:
        """The resolved value at `keys`, or None when absent (Terraform's null too)."""
        return self.resolve(self.lookup_raw(node, *keys))

    def _text(self, text: str) -> Any:
        """A string literal with its interpolations evaluated; a lone `${...}` keeps its type."""
        if "%{" in text:
            raise Unresolved(f"{text!r}: template directives (%{{ }}) are not evaluated")
        spans = interpolations(text)
        if spans == [(0, len(text))]:
            return self.expression(text[2:-1])
        parts, last = [], 0
        for start, end in spans:
            parts += [text[last:start], _as_text(self.expression(text[start + 2:end - 1]))]
            last = end
        parts.append(text[last:])
        self.budget.text(sum(len(part) for part in parts), msg("import.what_text", "the text {text}",
                                                               text=_short(text)))
        return "".join(parts).replace("$${", "${")

    def expression(self, source: str) -> Any:
        """Evaluate one expression (the inside of `${...}`)."""
        tokens = _tokens(source)
        self.budget.step(len(tokens))
        parser = _Parser(tokens, self._name, source, self.budget)
        value = parser.outer()
        if parser.position != len(tokens):
            raise Unresolved(f"${{{source.strip()}}} is not a literal, variable or simple condition")
        return value

    def _name(self, name: str, source: str) -> Any:
        """The value of a name: true/false/null, var.x, local.x (with a path); Unresolved otherwise."""
        if name in ("true", "false"):
            return name == "true"
        if name == "null":
            return None
        head, _, rest = name.partition(".")
        if head == "var":
            base, path = _split_path(rest)
            if base in self.missing:
                raise Unresolved(self.missing[base])
            if base not in self.variables:
                raise Unresolved(f"var.{base} is not declared in the imported files")
            return _walk(self.variables[base], path, name)
        if head == "local":
            base, path = _split_path(rest)
            return _walk(self._local(base), path, name)
        raise Unresolved(f"${{{source.strip()}}}: {name.split('[')[0]} is known only after terraform apply")

    def _local(self, name: str) -> Any:
        """A local value, evaluated once (a local that depends on itself is unresolved)."""
        if name in self._locals:
            return self._locals[name]
        if name not in self.locals_raw:
            raise Unresolved(f"local.{name} is not defined")
        if name in self._evaluating:
            raise Unresolved(f"local.{name} depends on itself")
        self.budget.enter(f"local.{name}")
        self._evaluating.add(name)
        try:
            value = self.resolve(self.locals_raw[name])
        finally:
            self._evaluating.discard(name)
            self.budget.leave()
        if isinstance(value, (dict, list)):
            entries = self._count_items(value)
            if entries > MAX_VALUE_ITEMS:
                raise TooComplex([msg("import.eval_entries", "too complex to evaluate: {what} would hold {n:,} list "
                                      "or map entries (limit {limit:,})", what=f"local.{name}", n=entries,
                                      limit=MAX_VALUE_ITEMS)])
            self._items[id(value)] = entries
        self._locals[name] = value
        return value

    def _count_items(self, value: Any) -> int:
        """Entries in a list/map, nested ones included; another local's value is counted once, not walked
        again (locals that repeat each other share values, so a walk could take exponential time)."""
        total, stack = 0, [value]
        while stack:
            item = stack.pop()
            known = self._items.get(id(item)) if item is not value else None
            if known is not None:
                total += known
            elif isinstance(item, (dict, list)):
                children = list(item.values() if isinstance(item, dict) else item)
                total += len(children)
                self.budget.step(len(children))
                stack.extend(child for child in children if isinstance(child, (dict, list)))
            if total > MAX_VALUE_ITEMS:
                return total
        return total


def _tokens(source: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of an expression; Unresolved for anything this evaluator does not read."""
    tokens, position = [], 0
    source = source.rstrip()
    while position < len(source):
        match = _TOKEN.match(source, position)
        if not match or match.end() == position:
            raise Unresolved(f"${{{source.strip()}}} is not a literal, variable or simple condition")
        kind = match.lastgroup or "op"
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens: conditional → binary operators by precedence → unary → primary."""

    def __init__(self, tokens: list[tuple[str, str]], name_value, source: str, budget: EvalBudget):
        self.tokens, self.name_value, self.source, self.position = tokens, name_value, source, 0
        self.budget = budget
        self.label = msg("import.what_expression", "the expression {expression}",
                         expression=_short("${" + source.strip() + "}"))

    def _peek(self) -> str | None:
        """The next token's text, or None at the end."""
        return self.tokens[self.position][1] if self.position < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> tuple[str, str]:
        """Consume the next token (which must be `expected` when given)."""
        if self.position >= len(self.tokens) or (expected and self.tokens[self.position][1] != expected):
            raise Unresolved(f"${{{self.source.strip()}}} is not a literal, variable or simple condition")
        self.position += 1
        return self.tokens[self.position - 1]

    def outer(self) -> Any:
        """The whole expression (a level deeper only inside parentheses and branches)."""
        return self._conditional()

    def conditional(self) -> Any:
        """`test ? a : b`, or a binary expression (one level deeper: parentheses and branches nest)."""
        self.budget.enter(self.label)
        try:
            return self._conditional()
        finally:
            self.budget.leave()

    def _conditional(self) -> Any:
        test = self.binary(0)
        if self._peek() != "?":
            return test
        self._take("?")
        if_true = self.conditional()
        self._take(":")
        if_false = self.conditional()
        if not isinstance(test, bool):
            raise Unresolved(f"${{{self.source.strip()}}}: the condition is not true or false")
        return if_true if test else if_false

    def binary(self, level: int) -> Any:
        """Left-associative operators of precedence `level` and above."""
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while self._peek() in _BINARY[level]:
            operator = self._take()[1]
            left = _apply(operator, left, self.binary(level + 1), self.source)
        return left

    def unary(self) -> Any:
        """`!x`, `-x`, or a primary value."""
        if self._peek() == "!":
            self._take()
            self.budget.enter(self.label)
            try:
                value = self.unary()
            finally:
                self.budget.leave()
            if not isinstance(value, bool):
                raise Unresolved(f"${{{self.source.strip()}}}: ! needs true or false")
            return not value
        if self._peek() == "-":
            self._take()
            self.budget.enter(self.label)
            try:
                return _apply("-", 0, self.unary(), self.source)
            finally:
                self.budget.leave()
        return self.primary()

    def primary(self) -> Any:
        """A parenthesised expression, number, string or name."""
        self.budget.step()
        kind, text = self._take()
        if text == "(":
            value = self.conditional()
            self._take(")")
            return value
        if kind == "number":
            number = float(text)
            return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
        if kind == "string":
            return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        if kind == "name":
            if self._peek() == "(":
                raise Unresolved(f"${{{self.source.strip()}}}: function {text}() is not evaluated")
            return self.name_value(text, self.source)
        raise Unresolved(f"${{{self.source.strip()}}} is not a literal, variable or simple condition")


def _apply(operator: str, left: Any, right: Any, source: str) -> Any:
    """A binary operator on evaluated operands."""
    if operator in ("==", "!="):
        return (_as_text(left) == _as_text(right)) == (operator == "==")
    if operator in ("&&", "||"):
        if not isinstance(left, bool) or not isinstance(right, bool):
            raise Unresolved(f"${{{source.strip()}}}: {operator} needs true or false")
        return (left and right) if operator == "&&" else (left or right)
    try:
        a, b = float(left), float(right)
    except (TypeError, ValueError):
        raise Unresolved(f"${{{source.strip()}}}: {operator} needs numbers") from None
    if operator in ("<", ">", "<=", ">="):
        return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[operator]
    if operator in ("/", "%") and b == 0:
        raise Unresolved(f"${{{source.strip()}}}: division by zero")
    result = {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else 0, "%": a % b if b else 0}[operator]
    return int(result) if float(result).is_integer() else result


def _split_path(text: str) -> tuple[str, list[str | int]]:
    """`name.attr[0]` → ("name", ["attr", 0])."""
    match = re.match(r"[A-Za-z_][A-Za-z0-9_-]*", text)
    if not match:
        raise Unresolved(f"{text!r} is not a name")
    path: list[str | int] = [int(i) if i else a for a, i in _PATH_PART.findall(text[match.end():])]
    return match.group(0), path


def _walk(value: Any, path: list[str | int], name: str) -> Any:
    """Follow attribute and index steps into a variable's value."""
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            raise Unresolved(f"{name}: no such element") from None
    return value


def _as_text(value: Any) -> str:
    """A value as Terraform writes it into a string (true → "true", 5.0 → "5")."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)) or value is None:
        raise Unresolved(f"{value!r} cannot be written into a string")
    return str(value)


def _short(text: str) -> str:
    """A text for a message: at most 60 characters, its length given when cut."""
    return repr(text) if len(text) <= 60 else f"{text[:50]!r}... ({len(text):,} characters)"
