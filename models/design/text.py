"""Design files as text: the one input boundary every design passes (file, upload, editor, share
link, import, account import), and dumping.

`load_design_data` refuses, each with a one-line `DesignError`, before or while parsing:
- a text over `MAX_TEXT_CHARS` characters (checked before parsing);
- brackets (`[`/`{`) nested over `MAX_BRACKET_DEPTH` deep (a linear scan before parsing, so a
  100,000-deep file cannot exhaust the parser's recursion), and a parse that recurses too deep;
- a number written with over `MAX_NUMBER_DIGITS` digits (before Python converts it: no 4,300-digit
  crash), NaN or infinity;
- a key that is not text (YAML `1: 1`), and a value of a type a design never holds;
- YAML aliases; data nested over `MAX_DEPTH` levels; a top level that is not a mapping.
The field-by-field ranges are the design model's (models/design/schema.py).

No file I/O here: callers read the bytes and pass the text.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import yaml

from models.design.schema import Design, DesignError, parse_design, value_problem
from models.messages import msg

MAX_TEXT_CHARS = 1_000_000
MAX_DEPTH = 12
#: brackets may nest deeper than the data (a name may hold "[" or "{"), but never this deep
MAX_BRACKET_DEPTH = 100
#: digits in one written number (a design's largest figure, 10 trillion, has 14)
MAX_NUMBER_DIGITS = 30


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases (no "billion laughs"; designs never need them)."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise DesignError([msg("design_file.alias", "design file line {line}: YAML aliases (*name) are not "
                                   "supported", line=event.start_mark.line + 1)])
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node):  # noqa: D401 - PyYAML hook
        _check_digits(str(node.value), f"line {node.start_mark.line + 1}")
        return super().construct_yaml_int(node)


_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_yaml_int)


def written_digits(written: str) -> int:
    """Digits in a number as written (hex/octal digits count too), counted before any conversion.

    >>> written_digits("-1_000_000"), written_digits("0xff")
    (7, 4)
    """
    return sum(ch.isalnum() for ch in written)


def _check_digits(written: str, where: str) -> None:
    digits = written_digits(written)
    if digits > MAX_NUMBER_DIGITS:
        raise DesignError([msg("design_file.digits", "design file{where}: a number written with {digits:,} digits; "
                               "numbers in a design have at most {most}", where=" " + where if where else "",
                               digits=digits, most=MAX_NUMBER_DIGITS)])


def _json_int(written: str) -> int:
    _check_digits(written, "")
    return int(written)


def _json_float(written: str) -> float:
    _check_digits(written.split("e")[0].split("E")[0], "")
    return float(written)


def _json_constant(written: str):
    raise DesignError([msg("design_file.not_finite", "design file: {written} is not a number a design can hold (use "
                           "a finite number)", written=written)])


def bracket_depth(text: str) -> int:
    """The deepest nesting of `[`/`{` in the text, counted without parsing (brackets inside quoted
    strings count too, so this over-estimates; it is only a guard before the parser)."""
    if not text:
        return 0
    raw = np.frombuffer(text.encode("utf-8", "replace"), dtype=np.uint8)
    step = ((raw == 0x5B) | (raw == 0x7B)).astype(np.int32) - ((raw == 0x5D) | (raw == 0x7D)).astype(np.int32)
    return int(np.cumsum(step).max(initial=0))


class _NoAliasDumper(yaml.SafeDumper):
    """SafeDumper that writes a value shared by two places twice instead of as an anchor and alias
    (which the loader above refuses: a design we write must open again)."""

    def ignore_aliases(self, data):  # noqa: D401 - PyYAML hook
        return True


def safe_load_without_aliases(text: str):
    """yaml.safe_load with aliases refused: the SafeLoader subclass above, driven directly."""
    loader = _NoAliasLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_design_data(text: str) -> dict:
    """The mapping in a YAML or JSON design text; `DesignError` with a one-line reason otherwise."""
    if len(text) > MAX_TEXT_CHARS:
        raise DesignError([msg("design_file.too_large", "design file: {n:,} characters is too large; the limit is "
                               "{most:,}", n=len(text), most=MAX_TEXT_CHARS)])
    if text.startswith("\ufeff"):
        text = text[1:]
    if bracket_depth(text) > MAX_BRACKET_DEPTH:
        raise DesignError([msg("design_file.brackets", "design file: brackets ([ or {{) nested more than {most} deep; "
                               "a design is at most {depth} levels deep", most=MAX_BRACKET_DEPTH, depth=MAX_DEPTH)])
    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant)
        else:
            data = safe_load_without_aliases(text)
    except json.JSONDecodeError as err:
        raise DesignError([msg("design_file.json", "design file line {line} column {column}: not valid JSON ({detail})",
                               line=err.lineno, column=err.colno, detail=err.msg)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem = getattr(err, "problem", None) or msg("design_file.not_yaml", "not valid YAML")
        if mark:
            raise DesignError([msg("design_file.yaml_at", "design file line {line} column {column}: {problem}",
                                   line=mark.line + 1, column=mark.column + 1, problem=problem)]) from None
        raise DesignError([msg("design_file.problem", "design file: {problem}", problem=problem)]) from None
    except RecursionError:
        raise DesignError([msg("design_file.recursion", "design file: nested too deeply to read; a design is at most "
                               "{depth} levels deep", depth=MAX_DEPTH)]) from None
    if data is None:
        raise DesignError([msg("design_file.empty", "design file: it is empty; start from a template (the template "
                               "picker, or python cli.py templates)")])
    if _depth(data) > MAX_DEPTH:
        raise DesignError([msg("design_file.too_deep", "design file: nested more than {depth} levels deep",
                               depth=MAX_DEPTH)])
    if not isinstance(data, dict):
        raise DesignError([msg("design.not_a_mapping", "{where}: expected a mapping of fields (name, region, "
                               "components, ...), got {kind}", where="design file", kind=type(data).__name__)])
    problem = value_problem(data, "")
    if problem:
        raise DesignError([msg("design_file.problem", "design file: {problem}", problem=problem)])
    return data


def parse_design_text(text: str) -> Design:
    """Load and validate a design text in one step."""
    return parse_design(load_design_data(text))


def dump_design_text(data: dict[str, Any], fmt: str = "yaml") -> str:
    """A design mapping as YAML (default) or JSON text, keys in their given order."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH + 1:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level])
    return level
