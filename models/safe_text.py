"""Untrusted YAML/JSON text → plain data, safely: the one loader and the one set of size limits that
design files (models/design/text.py) and imported templates (importers/template_text.py) share.

`StrictLoader` is a `yaml.SafeLoader` that refuses aliases (no "billion laughs"), may bound the
nesting depth while composing (before any value is built), and refuses an integer written with
more than MAX_NUMBER_DIGITS digits before Python converts it (no 4,300-digit crash). Each reader
subclasses it to word its own refusals (`refuse_alias`, `refuse_depth`, `refuse_digits`,
`refuse_duplicate`: a key written twice in one mapping) and adds its own tags. `nesting_depth`
measures parsed data without recursion, and `bracket_depth` the text before parsing.

No file I/O here: callers read the bytes and pass the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import yaml

# The size limits of every text the planner reads, in one place.
#: a design file read from disk or uploaded (CLI, the app's upload, a saved design): bytes
MAX_FILE_BYTES = 1_000_000
#: a design text: characters, checked before parsing
MAX_TEXT_CHARS = 1_000_000
#: a design's data: levels of mappings and lists (a value counts as a level)
MAX_DEPTH = 12
#: a design's brackets may nest deeper than its data (a name may hold "[" or "{"), but never this deep
MAX_BRACKET_DEPTH = 100
#: digits in one written number (a design's largest figure, 10 trillion, has 14; templates share it)
MAX_NUMBER_DIGITS = 30
#: one template file (a template, a .tf or .tfvars file, an upload): CloudFormation's own limit (1 MB)
MAX_TEMPLATE_BYTES = 1_000_000
#: brackets and data nest at most this deep in a template
MAX_NESTING = 64


def written_digits(written: str) -> int:
    """Digits in a number as written (hex/octal digits count too), counted before any conversion.

    >>> written_digits("-1_000_000"), written_digits("0xff")
    (7, 4)
    """
    return sum(ch.isalnum() for ch in written)


def bracket_depth(text: str) -> int:
    """The deepest nesting of `[`/`{` in the text, counted without parsing (brackets inside quoted
    strings count too, so this over-estimates; it is only a guard before the parser).

    >>> bracket_depth("[[[]]] {[]}")
    3
    """
    if not text:
        return 0
    raw = np.frombuffer(text.encode("utf-8", "replace"), dtype=np.uint8)
    step = ((raw == 0x5B) | (raw == 0x7B)).astype(np.int32) - ((raw == 0x5D) | (raw == 0x7D)).astype(np.int32)
    return int(np.cumsum(step).max(initial=0))


def nesting_depth(value: Any, limit: int = MAX_NESTING, *, leaves: bool = False) -> int:
    """How deep lists and mappings nest (iterative, stops counting past `limit`); with `leaves`, a
    value inside them counts as one level more (a design's depth).

    >>> nesting_depth({"a": [1, {"b": 2}]}), nesting_depth({"a": [1, {"b": 2}]}, leaves=True)
    (3, 4)
    >>> nesting_depth(5), nesting_depth(5, leaves=True), nesting_depth({}, leaves=True)
    (0, 1, 1)
    """
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if not isinstance(item, (dict, list)):
            if leaves:
                deepest = max(deepest, level)
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, level + 1) for child in children)
    return deepest


class StrictLoader(yaml.SafeLoader):
    """SafeLoader with no aliases, integers of at most MAX_NUMBER_DIGITS digits and, when `max_depth`
    is set, nodes nested at most that deep. Subclasses word the refusals."""

    max_depth: int | None = None
    depth = 0

    def refuse_alias(self, line: int) -> Exception:
        """The error for an alias (`*name`) on `line` (1-based)."""
        return yaml.YAMLError(f"line {line}: YAML aliases (*name) are not supported")

    def refuse_depth(self, line: int) -> Exception:
        """The error for a node on `line` nested deeper than `max_depth`."""
        return yaml.YAMLError(f"line {line}: nested more than {self.max_depth} levels deep")

    def refuse_digits(self, line: int, digits: int) -> Exception:
        """The error for an integer on `line` written with `digits` digits."""
        return yaml.YAMLError(f"line {line}: a number written with {digits:,} digits; at most {MAX_NUMBER_DIGITS}")

    def refuse_duplicate(self, line: int, key: str, first: int) -> Exception:
        """The error for `key` on `line`, already a key of the same mapping on line `first`."""
        return yaml.YAMLError(f"line {line}: {key!r} appears twice in one mapping (first on line {first})")

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # PyYAML hook: every mapping passes here
        """The mapping, unless a key is written twice in it: PyYAML would keep the last silently (a second
        `components:` would drop the first list)."""
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    written = (key_node.tag, key_node.value)
                    line = key_node.start_mark.line + 1
                    if written in first:
                        raise self.refuse_duplicate(line, key_node.value, first[written])
                    first[written] = line
        return super().construct_mapping(node, deep=deep)

    def compose_node(self, parent: Any, index: Any) -> Any:  # PyYAML hook: every node passes here
        """Refuse aliases and nodes nested deeper than `max_depth`."""
        if self.check_event(yaml.AliasEvent):
            raise self.refuse_alias(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
        if self.max_depth is None:
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.max_depth:
                raise self.refuse_depth(self.peek_event().start_mark.line + 1)  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node: Any) -> Any:  # PyYAML hook
        """An integer, unless written with more digits than any value needs."""
        digits = written_digits(str(node.value))
        if digits > MAX_NUMBER_DIGITS:
            raise self.refuse_digits(node.start_mark.line + 1, digits)
        return super().construct_yaml_int(node)


StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)


def refuse_duplicate_keys(pairs: list[tuple[str, Any]], refuse: Callable[[str], Exception]) -> dict[str, Any]:
    """`json.loads`'s object_pairs_hook: the object, unless a key appears twice in it (`refuse(key)`'s error)."""
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise refuse(key)
        mapping[key] = value
    return mapping


def load_yaml(text: str, loader: type[StrictLoader]) -> Any:
    """yaml.safe_load with `loader` (a StrictLoader), driven directly."""
    reader = loader(text)
    try:
        return reader.get_single_data()
    finally:
        reader.dispose()


class NoAliasDumper(yaml.SafeDumper):
    """SafeDumper that writes a value shared by two places twice instead of as an anchor and alias
    (which the loader refuses: a text we write must open again)."""

    def ignore_aliases(self, data: Any) -> bool:  # PyYAML hook
        return True
