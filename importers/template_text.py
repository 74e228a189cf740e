"""CloudFormation/SAM template text → plain data, safely.

YAML is read by a `yaml.SafeLoader` subclass that turns each short-form intrinsic tag into the
plain mapping of its long form (`!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A",
"B"]}`); nothing else is constructed. Aliases are refused (no "billion laughs"), and the text's
size and nesting depth are bounded. Mapping keys are kept as the text written (`0:` is the logical
id "0", not the number 0); a list or mapping used as a key is refused. Integers written with more
than MAX_NUMBER_DIGITS digits are refused before Python converts them (no 4,300-digit crash).
JSON templates are read by `json`, with the same digit limit.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from importers.common import TemplateError, at, nested_to_read, too_large
from models.messages import msg
from models.safe_text import (  # the limits and the loader design files and templates share
    MAX_NESTING,
    MAX_NUMBER_DIGITS,
    MAX_TEMPLATE_BYTES,
    StrictLoader,
    load_yaml,
    nesting_depth,
    written_digits,
)

#: short-form tag → long-form key (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html)
INTRINSIC_TAGS = {
    "Ref": "Ref", "Condition": "Condition", "GetAtt": "Fn::GetAtt", "Sub": "Fn::Sub", "If": "Fn::If",
    "Join": "Fn::Join", "Select": "Fn::Select", "Split": "Fn::Split", "FindInMap": "Fn::FindInMap",
    "Equals": "Fn::Equals", "Not": "Fn::Not", "And": "Fn::And", "Or": "Fn::Or", "Base64": "Fn::Base64",
    "ImportValue": "Fn::ImportValue", "GetAZs": "Fn::GetAZs", "Cidr": "Fn::Cidr", "Length": "Fn::Length",
    "ToJsonString": "Fn::ToJsonString", "Transform": "Fn::Transform",
}
LONG_FORMS = frozenset(INTRINSIC_TAGS.values())


class _TemplateLoader(StrictLoader):
    """The shared strict loader (no aliases, bounded depth and digits) with CloudFormation's short-form
    tags and text keys, its refusals worded for templates."""

    max_depth = MAX_NESTING

    def refuse_alias(self, line: int) -> Exception:
        return TemplateError([msg("import.yaml_aliases", "line {line}: YAML aliases (*name) are not supported in "
                                  "templates; write the value out", line=line)])

    def refuse_depth(self, line: int) -> Exception:
        return TemplateError([_line(line, _nested())])

    def refuse_digits(self, line: int, digits: int) -> Exception:
        return _digits_error(digits, line)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # PyYAML hook: every mapping passes here
        """A mapping whose keys are the text written (`0:` → "0"); a list or mapping as a key is refused."""
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)  # PyYAML raises its own error
        self.flatten_mapping(node)
        mapping = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problem = (msg("import.key_is_list", "a key must be text, not a list")
                           if isinstance(key_node, yaml.SequenceNode)
                           else msg("import.key_is_mapping", "a key must be text, not a mapping"))
                raise TemplateError([_line(key_node.start_mark.line + 1, problem)])
            mapping[key_node.value] = self.construct_object(value_node, deep=deep)
        return mapping


def _line(line: int, problem: str) -> str:
    """`line N: problem` (the file name is put before it when the refusal leaves the loader)."""
    return msg("import.line", "line {line}: {problem}", line=line, problem=problem)


def _nested() -> str:
    return msg("import.nested", "nested more than {n} levels deep", n=MAX_NESTING)


def _digits_error(digits: int, line: int | None = None) -> TemplateError:
    """TemplateError for a number written with more than MAX_NUMBER_DIGITS digits (at `line` when known)."""
    problem = msg("import.digits_template", "a number written with {digits:,} digits; numbers in a template have "
                  "at most {most}", digits=digits, most=MAX_NUMBER_DIGITS)
    return TemplateError([problem if line is None else _line(line, problem)])


def _json_int(written: str) -> int:
    """json's parse_int with the digit limit."""
    digits = written_digits(written)
    if digits > MAX_NUMBER_DIGITS:
        raise _digits_error(digits)
    return int(written)


def _construct_intrinsic(loader: _TemplateLoader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    """`!Name value` → `{long form: value}`; an unknown tag is an error naming its line."""
    if suffix not in INTRINSIC_TAGS:
        raise TemplateError([msg("import.unknown_tag", "line {line}: unknown intrinsic function tag !{tag}",
                                 line=node.start_mark.line + 1, tag=suffix)])
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
        raise too_large(filename, size_bytes)
    text = text.removeprefix("\ufeff")
    data = _parse_json(text, filename) if text.lstrip().startswith("{") else _parse_yaml(text, filename)
    if data is None:
        raise TemplateError([msg("import.empty", "{file}: the file is empty", file=filename)])
    if nesting_depth(data) > MAX_NESTING:
        raise TemplateError([at(filename, _nested())])
    if not isinstance(data, dict):
        raise TemplateError([msg("import.not_template", "{file}: not a template (expected a mapping with Resources, "
                                 "got {got})", file=filename, got=type(data).__name__)])
    return data


def _parse_json(text: str, filename: str) -> Any:
    """JSON text → data; errors as one line with the position."""
    try:
        return json.loads(text, parse_int=_json_int)
    except TemplateError as err:
        raise TemplateError([at(filename, p) for p in err.problems]) from None
    except json.JSONDecodeError as err:
        raise TemplateError([msg("import.bad_json", "{file} line {line} column {column}: not valid JSON ({error})",
                                 file=filename, line=err.lineno, column=err.colno, error=err.msg)]) from None
    except RecursionError:
        raise nested_to_read(filename) from None


def _parse_yaml(text: str, filename: str) -> Any:
    """YAML text → data with the template loader; errors (and refused tags) as one line."""
    try:
        return load_yaml(text, _TemplateLoader)  # a SafeLoader subclass (see above), driven as yaml.safe_load would
    except TemplateError as err:
        raise TemplateError([msg("import.in_file", "{file} {problem}", file=filename, problem=p)
                             for p in err.problems]) from None
    except RecursionError:
        raise nested_to_read(filename) from None
    except yaml.constructor.ConstructorError as err:
        raise TemplateError([_refusal(err, filename)]) from None
    except yaml.reader.ReaderError as err:  # a control character (NUL, ...) in the text
        char = f"0x{err.character:02x}" if isinstance(err.character, int) else repr(err.character)
        raise TemplateError([msg("import.bad_yaml_char", "{file}: not valid YAML (character {char} at offset "
                                 "{offset:,} is not allowed in YAML)",
                                 file=filename, char=char, offset=err.position)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = msg("import.where_line_column", " line {line} column {column}", line=mark.line + 1,
                    column=mark.column + 1) if mark else ""
        problem = getattr(err, "problem", None) or msg("import.not_yaml", "not valid YAML")
        raise TemplateError([msg("import.bad_yaml", "{file}{where}: not valid YAML ({problem})",
                                 file=filename, where=where, problem=problem)]) from None


def _refusal(err: yaml.constructor.ConstructorError, filename: str) -> str:
    """One line for a tag the safe loader will not construct (e.g. !!python/object)."""
    mark = err.problem_mark
    where = msg("import.where_line", " line {line}", line=mark.line + 1) if mark else ""
    problem = err.problem or msg("import.not_constructed", "a value the loader will not construct")
    if "python/" in problem:
        return msg("import.python_object", "{file}{where}: refused: {tag} would construct a Python object",
                   file=filename, where=where, tag=problem.split(" for the tag ")[-1])
    return msg("import.bad_yaml", "{file}{where}: not valid YAML ({problem})", file=filename, where=where,
               problem=problem)
