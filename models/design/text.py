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

import yaml

from models.design.schema import Design, DesignError, parse_design, value_problem
from models.messages import msg
from models.safe_text import (  # the limits and the loader design files and templates share
    MAX_BRACKET_DEPTH,
    MAX_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_CHARS,
    NoAliasDumper,
    StrictLoader,
    bracket_depth,
    load_yaml,
    nesting_depth,
    refuse_duplicate_keys,
    written_digits,
)

__all__ = ["MAX_BRACKET_DEPTH", "MAX_DEPTH", "MAX_NUMBER_DIGITS", "MAX_TEXT_CHARS", "bracket_depth",
           "dump_design_text", "load_design_data", "parse_design_text", "safe_load_without_aliases",
           "written_digits"]


class _DesignLoader(StrictLoader):
    """The shared strict loader, its refusals worded for design files."""

    def refuse_alias(self, line: int) -> Exception:
        return DesignError([msg("design_file.alias", "design file line {line}: YAML aliases (*name) are not "
                                   "supported", line=line)])

    def refuse_digits(self, line: int, digits: int) -> Exception:
        return _digits_error(f"line {line}", digits)

    def refuse_duplicate(self, line: int, key: str, first: int) -> Exception:
        return DesignError([msg("design_file.duplicate_key", "design file line {line}: {key!r} is written twice in "
                                "the same place (first on line {first}); a design keeps one of each — merge them",
                                line=line, key=key, first=first)])


def _json_duplicate(key: str) -> DesignError:
    return DesignError([msg("design_file.json_duplicate_key", "design file: {key!r} is written twice in the same "
                            "object; a design keeps one of each — merge them", key=key)])


def _digits_error(where: str, digits: int) -> DesignError:
    return DesignError([msg("design_file.digits", "design file{where}: a number written with {digits:,} digits; "
                            "numbers in a design have at most {most}", where=" " + where if where else "",
                            digits=digits, most=MAX_NUMBER_DIGITS)])


def _check_digits(written: str, where: str) -> None:
    digits = written_digits(written)
    if digits > MAX_NUMBER_DIGITS:
        raise _digits_error(where, digits)


def _json_int(written: str) -> int:
    _check_digits(written, "")
    return int(written)


def _json_float(written: str) -> float:
    _check_digits(written.split("e")[0].split("E")[0], "")
    return float(written)


def _json_constant(written: str) -> Any:
    raise DesignError([msg("design_file.not_finite", "design file: {written} is not a number a design can hold (use "
                           "a finite number)", written=written)])


def safe_load_without_aliases(text: str) -> Any:
    """yaml.safe_load with aliases refused: the shared strict loader, driven directly."""
    return load_yaml(text, _DesignLoader)


def _parse_text(text: str) -> Any:
    """The data in a JSON (starts with `{`) or YAML text; `DesignError` naming the line otherwise."""
    try:
        if text.lstrip().startswith("{"):
            return json.loads(text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant,
                              object_pairs_hook=lambda pairs: refuse_duplicate_keys(pairs, _json_duplicate))
        else:
            return safe_load_without_aliases(text)
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


def load_design_data(text: str) -> dict[str, Any]:
    """The mapping in a YAML or JSON design text; `DesignError` with a one-line reason otherwise."""
    if len(text) > MAX_TEXT_CHARS:
        raise DesignError([msg("design_file.too_large", "design file: {n:,} characters is too large; the limit is "
                               "{most:,}", n=len(text), most=MAX_TEXT_CHARS)])
    if text.startswith("\ufeff"):
        text = text[1:]
    if bracket_depth(text) > MAX_BRACKET_DEPTH:
        raise DesignError([msg("design_file.brackets", "design file: brackets ([ or {{) nested more than {most} deep; "
                               "a design is at most {depth} levels deep", most=MAX_BRACKET_DEPTH, depth=MAX_DEPTH)])
    data = _parse_text(text)
    if data is None:
        raise DesignError([msg("design_file.empty", "design file: it is empty; start from a template")])
    if nesting_depth(data, MAX_DEPTH, leaves=True) > MAX_DEPTH:
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
    return yaml.dump(data, Dumper=NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)

