"""CloudFormation intrinsic functions, evaluated where the template alone decides the value.

`Resolver.resolve(value)` evaluates `Ref` (to parameters and a few pseudo parameters), `Fn::If`
and conditions, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`, `Fn::FindInMap`,
`Fn::Base64` and `Fn::Length`. What only deployment knows (`Fn::GetAtt`, a resource's `Ref`,
`Fn::ImportValue`, `AWS::AccountId`, ...) raises `Unresolved` with the reason, never a guess.
`references(value)` lists the logical ids a value mentions, which is how wiring is found.

Evaluation is bounded (`EvalBudget`): mappings or conditions that refer to each other over and
over, `Fn::Sub`/`Fn::Join` that multiply a text past MAX_VALUE_CHARS, or functions nested past
MAX_EVAL_DEPTH stop the import with one `TooComplex` line instead of exhausting memory or time.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

from importers.common import EvalBudget, Lookups, TemplateError, Unresolved
from importers.template_text import LONG_FORMS
from models.messages import msg


class _NoValue:
    """AWS::NoValue: the property is removed (named so, should it ever be shown)."""

    def __repr__(self) -> str:
        return "AWS::NoValue"


NO_VALUE: Any = _NoValue()
SUB_VARIABLE = re.compile(r"\$\{(?!!)([^}]+)\}")
_KNOWN_PSEUDO = {"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
_DEPLOY_TIME = {
    "Fn::GetAtt": "is known only after deployment",
    "Fn::ImportValue": "reads another stack's export",
    "Fn::GetAZs": "depends on the account's Availability Zones",
    "Fn::Cidr": "is computed at deployment",
    "Fn::Transform": "is a macro expanded at deployment",
    "Fn::ToJsonString": "needs the AWS::LanguageExtensions transform",
}


def intrinsic_name(value: Any) -> str | None:
    """The intrinsic function a value calls (`{"Ref": "X"}` → "Ref"), or None."""
    if isinstance(value, dict) and len(value) == 1:
        key = next(iter(value))
        if key in LONG_FORMS:
            return key
    return None


def show(value: Any) -> str:
    """A short form of a template value for the report (`{"Ref": "Mem"}` → "!Ref Mem")."""
    name = intrinsic_name(value)
    if name == "Ref":
        return f"!Ref {value['Ref']}"
    if name == "Fn::GetAtt" and isinstance(value[name], list):
        return "!GetAtt " + ".".join(str(v) for v in value[name])
    if name:
        return f"!{name.removeprefix('Fn::')} ..."
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_intrinsics(value: Any, path: str = "") -> None:
    """TemplateError naming the first `Fn::Xxx` key that is no intrinsic function (JSON templates)."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if isinstance(key, str) and key.startswith("Fn::") and key not in LONG_FORMS:
                    raise TemplateError([msg("import.unknown_intrinsic", "{where}: unknown intrinsic function {key}",
                                             where=where or "template", key=key)])
                stack.append((child, f"{where}.{key}" if where else str(key)))
        elif isinstance(item, list):
            stack.extend((child, f"{where}[{i}]") for i, child in enumerate(item))


@dataclass
class Resolver(Lookups):
    """Evaluates intrinsic functions against a template's parameters, conditions and mappings."""

    parameters: dict[str, Any]
    conditions: dict[str, Any]
    mappings: dict[str, Any]
    resources: frozenset[str]
    region: str
    missing: dict[str, str] = field(default_factory=dict)  # parameter → why it has no value
    budget: EvalBudget = field(default_factory=EvalBudget)
    _condition_values: dict[str, bool] = field(default_factory=dict)
    _evaluating: set[str] = field(default_factory=set)

    def resolve(self, value: Any) -> Any:
        """The value with every intrinsic function evaluated (Unresolved if one cannot be)."""
        self.budget.step()
        if not isinstance(value, (dict, list)):
            return value
        name = intrinsic_name(value)
        self.budget.enter(show(value) if name else msg("import.what_list_or_mapping", "a list or mapping"))
        try:
            if name and isinstance(value, dict):
                return self._call(name, value[name])
            if isinstance(value, dict):
                pairs = ((k, self.resolve(v)) for k, v in value.items())
                return {k: v for k, v in pairs if v is not NO_VALUE}
            return [v for v in (self.resolve(x) for x in value) if v is not NO_VALUE]
        finally:
            self.budget.leave()

    def shallow(self, value: Any) -> Any:
        """Evaluate only the outer intrinsic (and `Fn::If` branches), leaving nested values raw."""
        while intrinsic_name(value) == "Fn::If":
            args = self._args(value["Fn::If"], 3, "Fn::If")
            value = args[1] if self.condition(args[0]) else args[2]
        if intrinsic_name(value):
            return self.resolve(value)
        return value

    def lookup(self, node: Any, *keys: str | int) -> Any:
        """The resolved value at `keys` under `node`, or None when a key is absent."""
        value = self.resolve(self.lookup_raw(node, *keys))
        return None if value is NO_VALUE else value

    def removed(self, node: Any, *keys: str | int) -> bool:
        """Whether the value at `keys` is written but resolves to AWS::NoValue (the property is absent)."""
        raw = self.lookup_raw(node, *keys)
        return raw is not None and self.resolve(raw) is NO_VALUE

    def condition(self, spec: Any) -> bool:
        """A condition's truth: a condition name, or an `Fn::Equals/Not/And/Or` expression."""
        if isinstance(spec, str):
            return self._named_condition(spec)
        name = intrinsic_name(spec)
        if name == "Condition":
            return self._named_condition(spec["Condition"])
        value = self.resolve(spec)
        if not isinstance(value, bool):
            raise Unresolved(f"condition {show(spec)} is not true or false")
        return value

    def _named_condition(self, name: str) -> bool:
        """A condition of the Conditions section, evaluated once (cycles are an error)."""
        if not isinstance(name, str):
            raise TemplateError([msg("import.condition_name", "Condition takes a condition name, got {got}",
                                     got=show(name))])
        if name in self._condition_values:
            return self._condition_values[name]
        if name not in self.conditions:
            raise TemplateError([msg("import.condition_undefined", "Conditions: condition {name!r} is not defined",
                                     name=name)])
        if name in self._evaluating:
            raise TemplateError([msg("import.condition_cycle", "Conditions: condition {name!r} depends on itself",
                                     name=name)])
        self.budget.enter(msg("import.what_condition", "condition {name}", name=name))
        self._evaluating.add(name)
        try:
            value = self.condition(self.conditions[name])
        finally:
            self._evaluating.discard(name)
            self.budget.leave()
        self._condition_values[name] = value
        return value

    def _call(self, name: str, args: Any) -> Any:
        """Evaluate one intrinsic function."""
        if name in _DEPLOY_TIME:
            raise Unresolved(f"{show({name: args})} {_DEPLOY_TIME[name]}")
        handler = {
            "Ref": self._ref, "Condition": self._named_condition, "Fn::If": self._if,
            "Fn::Equals": self._equals, "Fn::Not": self._not, "Fn::And": self._and, "Fn::Or": self._or,
            "Fn::Sub": self._sub, "Fn::Join": self._join, "Fn::Select": self._select, "Fn::Split": self._split,
            "Fn::FindInMap": self._find_in_map, "Fn::Base64": self._base64, "Fn::Length": self._length,
        }[name]
        return handler(args)

    def _ref(self, name: Any) -> Any:
        """A parameter's value, a pseudo parameter, or Unresolved for a resource."""
        if not isinstance(name, str):
            raise TemplateError([msg("import.ref_name", "Ref takes a name, got {got}", got=show(name))])
        if name in self.parameters:
            return self.parameters[name]
        if name in self.missing:
            raise Unresolved(self.missing[name])
        if name == "AWS::NoValue":
            return NO_VALUE
        if name == "AWS::Region":
            return self.region
        if name in _KNOWN_PSEUDO:
            return _KNOWN_PSEUDO[name]
        if isinstance(name, str) and name.startswith("AWS::"):
            raise Unresolved(f"!Ref {name} is known only at deployment")
        if name in self.resources:
            raise Unresolved(f"!Ref {name} is the resource's id, known only after deployment")
        raise Unresolved(f"!Ref {name} names no parameter or resource")

    def _args(self, args: Any, count: int, name: str) -> list:
        """The argument list of a function that takes exactly `count` arguments."""
        if not isinstance(args, list) or len(args) != count:
            raise TemplateError([msg("import.takes_n_args", "{name} takes a list of {count} arguments, got {got}",
                                     name=name, count=count, got=show(args))])
        return args

    def _if(self, args: Any) -> Any:
        """`Fn::If [condition, value if true, value if false]`."""
        cond, if_true, if_false = self._args(args, 3, "Fn::If")
        return self.resolve(if_true if self.condition(cond) else if_false)

    def _equals(self, args: Any) -> bool:
        """`Fn::Equals [a, b]`, compared as text (CloudFormation's rule)."""
        left, right = (self.resolve(a) for a in self._args(args, 2, "Fn::Equals"))
        return _text(left) == _text(right)

    def _not(self, args: Any) -> bool:
        """`Fn::Not [condition]`."""
        return not self.condition(self._args(args, 1, "Fn::Not")[0])

    def _and(self, args: Any) -> bool:
        """`Fn::And [conditions...]`."""
        return all(self.condition(a) for a in _list(args, "Fn::And"))

    def _or(self, args: Any) -> bool:
        """`Fn::Or [conditions...]`."""
        return any(self.condition(a) for a in _list(args, "Fn::Or"))

    def _sub(self, args: Any) -> Any:
        """`${Name}` from the variable map, parameters or pseudo parameters; `${!x}` is literal."""
        text, variables = (args, {}) if isinstance(args, str) else self._args(args, 2, "Fn::Sub")
        if not isinstance(text, str) or not isinstance(variables, dict):
            raise TemplateError([msg("import.sub_args", "Fn::Sub takes a string (and a map of variables), got {got}",
                                     got=show(args))])

        def replace(match: re.Match) -> str:
            """One `${Name}` of the text."""
            name = match.group(1).strip()
            if name in variables:
                return _text(self.resolve(variables[name]))
            if "." in name:
                raise Unresolved(f"!Sub ${{{name}}} is known only after deployment")
            return _text(self._ref(name))

        whole = SUB_VARIABLE.fullmatch(text.strip())
        if whole and whole.group(1).strip() == "AWS::NoValue" and "AWS::NoValue" not in variables:
            return NO_VALUE  # `!Sub "${AWS::NoValue}"` is `!Ref AWS::NoValue`: the property is removed
        parts, last = [], 0
        for match in SUB_VARIABLE.finditer(text):
            parts += [text[last:match.start()], replace(match)]
            last = match.end()
        parts.append(text[last:])
        self.budget.text(sum(len(part) for part in parts), f"!Sub {_short(text)}")
        return "".join(parts).replace("${!", "${")

    def _join(self, args: Any) -> str:
        """`Fn::Join [delimiter, list]`."""
        delimiter, items = self._args(args, 2, "Fn::Join")
        parts = [_text(v) for v in _list(self.resolve(items), "Fn::Join")]
        delimiter = str(delimiter)
        self.budget.text(sum(len(part) for part in parts) + len(delimiter) * max(len(parts) - 1, 0), "!Join ...")
        return delimiter.join(parts)

    def _select(self, args: Any) -> Any:
        """`Fn::Select [index, list]`."""
        index, items = self._args(args, 2, "Fn::Select")
        values = _list(self.resolve(items), "Fn::Select")
        written = _text(self.resolve(index))
        if not re.fullmatch(r"\s*-?\d{1,9}\s*", written):
            raise TemplateError([msg("import.select_index", "Fn::Select: index {index} is not a whole number",
                                     index=_short(written))])
        position = int(written)
        if not 0 <= position < len(values):
            raise TemplateError([msg("import.select_outside", "Fn::Select: index {index} is outside the list of {n}",
                                     index=position, n=len(values))])
        return values[position]

    def _split(self, args: Any) -> list[str]:
        """`Fn::Split [delimiter, text]`."""
        delimiter, text = self._args(args, 2, "Fn::Split")
        return _text(self.resolve(text)).split(str(delimiter))

    def _find_in_map(self, args: Any) -> Any:
        """`Fn::FindInMap [map, top key, second key]` (with an optional DefaultValue)."""
        if not isinstance(args, list) or len(args) not in (3, 4):
            raise TemplateError([msg("import.findinmap_args", "Fn::FindInMap takes a list of 3 arguments, got {got}",
                                     got=show(args))])
        names = [_text(self.resolve(a)) for a in args[:3]]
        try:
            entry = self.mappings[names[0]][names[1]][names[2]]
        except (KeyError, TypeError):
            if len(args) == 4 and isinstance(args[3], dict) and "DefaultValue" in args[3]:
                return self.resolve(args[3]["DefaultValue"])
            raise Unresolved(f"!FindInMap {' '.join(names)}: no such entry in Mappings") from None
        self.budget.enter(f"!FindInMap {' '.join(names)}")
        try:
            return self.resolve(entry)
        finally:
            self.budget.leave()

    def _base64(self, args: Any) -> str:
        """`Fn::Base64 text`."""
        text = _text(self.resolve(args))
        self.budget.text(len(text) * 4 // 3 + 4, "!Base64 ...")
        return base64.b64encode(text.encode("utf-8")).decode("ascii")

    def _length(self, args: Any) -> int:
        """`Fn::Length list`."""
        return len(_list(self.resolve(args), "Fn::Length"))


def references(value: Any) -> set[str]:
    """The logical ids a value mentions through `Ref`, `Fn::GetAtt` and `${...}` in `Fn::Sub`.

    >>> sorted(references([{"Fn::Sub": "arn:${AWS::Partition}:s3:::${Photos}/*"}, {"Ref": "Q"}]))
    ['Photos', 'Q']
    >>> sorted(references({"Fn::GetAtt": ["Table", "StreamArn"]}))
    ['Table']
    """
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        name = intrinsic_name(item)
        if name == "Ref" and isinstance(item["Ref"], str):
            found.add(item["Ref"])
        elif name == "Fn::GetAtt":
            target = item[name]
            if isinstance(target, list) and target and isinstance(target[0], str):
                found.add(target[0])
        elif name == "Fn::Sub":
            args = item[name]
            text, variables = (args, {}) if isinstance(args, str) else (list(args) + [None, None])[:2] \
                if isinstance(args, list) else (None, None)
            if isinstance(text, str):
                own = variables if isinstance(variables, dict) else {}
                found |= {m.split(".")[0].strip() for m in SUB_VARIABLE.findall(text) if m.strip() not in own}
            stack.append(variables)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return {name for name in found if not name.startswith("AWS::")}


def _text(value: Any) -> str:
    """A resolved scalar as CloudFormation compares and joins it (true → "true", 5.0 → "5")."""
    if value is NO_VALUE:
        raise Unresolved("AWS::NoValue removes a property and has no text to join or compare")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dict, list)):
        raise Unresolved(f"{show(value)} is not a single value")
    return str(value)


def _list(value: Any, name: str) -> list:
    """A value that must be a list."""
    if not isinstance(value, list):
        raise TemplateError([msg("import.takes_list", "{name} takes a list, got {got}", name=name, got=show(value))])
    return value


def _short(text: str) -> str:
    """A text for a message: at most 60 characters, its length given when cut."""
    return repr(text) if len(text) <= 60 else f"{text[:50]!r}... ({len(text):,} characters)"
