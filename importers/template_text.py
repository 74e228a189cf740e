"""CloudFormation/SAM template text → plain data, safely.

YAML is read by a `yaml.SafeLoader` subclass that turns each short-form intrinsic tag into the
plain mapping of its long form (`!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A",
"B"]}`); nothing else is constructed. Aliases are refused (no "billion laughs"), and the text's
size and nesting depth are bounded. JSON templates are read by `json`.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from importers.common import MAX_NESTING, MAX_TEMPLATE_BYTES, TemplateError, nesting_depth

#: short-form tag → long-form key (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html)
INTRINSIC_TAGS = {
    "Ref": "Ref", "Condition": "Condition", "GetAtt": "Fn::GetAtt", "Sub": "Fn::Sub", "If": "Fn::If",
    "Join": "Fn::Join", "Select": "Fn::Select", "Split": "Fn::Split", "FindInMap": "Fn::FindInMap",
    "Equals": "Fn::Equals", "Not": "Fn::Not", "And": "Fn::And", "Or": "Fn::Or", "Base64": "Fn::Base64",
    "ImportValue": "Fn::ImportValue", "GetAZs": "Fn::GetAZs", "Cidr": "Fn::Cidr", "Length": "Fn::Length",
    "ToJsonString": "Fn::ToJsonString", "Transform": "Fn::Transform",
}
LONG_FORMS = frozenset(INTRINSIC_TAGS.values())


class _TemplateLoader(yaml.SafeLoader):
    """SafeLoader with CloudFormation's short-form tags, no aliases and a bounded depth."""

    depth = 0

    def compose_node(self, parent, index):  # PyYAML hook: every node passes here
        """Refuse aliases and nodes nested deeper than MAX_NESTING."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise TemplateError([f"line {mark.line + 1}: YAML aliases (*name) are not supported in templates; "
                                 "write the value out"])
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                mark = self.peek_event().start_mark
                raise TemplateError([f"line {mark.line + 1}: nested more than {MAX_NESTING} levels deep"])
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _construct_intrinsic(loader: _TemplateLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    """`!Name value` → `{long form: value}`; an unknown tag is an error naming its line."""
    if suffix not in INTRINSIC_TAGS:
        raise TemplateError([f"line {node.start_mark.line + 1}: unknown intrinsic function tag !{suffix}"])
    key = INTRINSIC_TAGS[suffix]
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
        if key == "Fn::GetAtt":
            value = value.split(".", 1)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {key: value}


_TemplateLoader.add_multi_constructor("!", _construct_intrinsic)


def load_template_text(text: str, filename: str = "template") -> dict[str, Any]:
    """The mapping in a CloudFormation/SAM template (YAML or JSON); TemplateError otherwise."""
    size_bytes = len(text.encode("utf-8"))
    if size_bytes > MAX_TEMPLATE_BYTES:
        raise TemplateError([f"{filename}: {size_bytes:,} bytes is too large for a template "
                             f"(limit {MAX_TEMPLATE_BYTES:,})"])
    text = text.removeprefix("\ufeff")
    data = _parse_json(text, filename) if text.lstrip().startswith("{") else _parse_yaml(text, filename)
    if data is None:
        raise TemplateError([f"{filename}: the file is empty"])
    if nesting_depth(data) > MAX_NESTING:
        raise TemplateError([f"{filename}: nested more than {MAX_NESTING} levels deep"])
    if not isinstance(data, dict):
        raise TemplateError([f"{filename}: not a template (expected a mapping with Resources, got "
                             f"{type(data).__name__})"])
    return data


def _parse_json(text: str, filename: str) -> Any:
    """JSON text → data; errors as one line with the position."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise TemplateError([f"{filename} line {err.lineno} column {err.colno}: not valid JSON ({err.msg})"]) from None
    except RecursionError:
        raise TemplateError([f"{filename}: nested more than {MAX_NESTING} levels deep"]) from None


def _parse_yaml(text: str, filename: str) -> Any:
    """YAML text → data with the template loader; errors (and refused tags) as one line."""
    try:
        loader = _TemplateLoader(text)  # a SafeLoader subclass (see above), driven as yaml.safe_load would
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except TemplateError as err:
        raise TemplateError([f"{filename} {p}" for p in err.problems]) from None
    except yaml.constructor.ConstructorError as err:
        raise TemplateError([_refusal(err, filename)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise TemplateError([f"{filename}{where}: not valid YAML ({problem})"]) from None


def _refusal(err: yaml.constructor.ConstructorError, filename: str) -> str:
    """One line for a tag the safe loader will not construct (e.g. !!python/object)."""
    mark = err.problem_mark
    where = f" line {mark.line + 1}" if mark else ""
    problem = err.problem or "a value the loader will not construct"
    if "python/" in problem:
        return f"{filename}{where}: refused: {problem.split(' for the tag ')[-1]} would construct a Python object"
    return f"{filename}{where}: not valid YAML ({problem})"
