"""Design files as text: safe YAML/JSON parsing with size and depth bounds, and dumping.

No file I/O here: callers read the bytes and pass the text.
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from models.design import Design, DesignError, parse_design

MAX_TEXT_CHARS = 1_000_000
MAX_DEPTH = 12


class _NoAliasLoader(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases (no "billion laughs"; designs never need them)."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise DesignError([f"design file line {event.start_mark.line + 1}: YAML aliases (*name) are not supported"])
        return super().compose_node(parent, index)


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
        raise DesignError([f"design file: {len(text):,} characters is too large; the limit is {MAX_TEXT_CHARS:,}"])
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        if text.lstrip().startswith("{"):
            data = json.loads(text)
        else:
            data = safe_load_without_aliases(text)
    except json.JSONDecodeError as err:
        raise DesignError([f"design file line {err.lineno} column {err.colno}: not valid JSON ({err.msg})"]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise DesignError([f"design file{where}: {problem}"]) from None
    if data is None:
        raise DesignError(["design file: it is empty; start from a template (python cli.py templates)"])
    if _depth(data) > MAX_DEPTH:
        raise DesignError([f"design file: nested more than {MAX_DEPTH} levels deep"])
    if not isinstance(data, dict):
        raise DesignError([f"design file: expected a mapping of fields (name, region, components, ...), "
                           f"got {type(data).__name__}"])
    return data


def parse_design_text(text: str) -> Design:
    """Load and validate a design text in one step."""
    return parse_design(load_design_data(text))


def dump_design_text(data: dict[str, Any], fmt: str = "yaml") -> str:
    """A design mapping as YAML (default) or JSON text, keys in their given order."""
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _depth(value: Any, level: int = 1) -> int:
    if level > MAX_DEPTH + 1:
        return level
    if isinstance(value, dict):
        return max([_depth(v, level + 1) for v in value.values()] or [level])
    if isinstance(value, list):
        return max([_depth(v, level + 1) for v in value] or [level])
    return level
