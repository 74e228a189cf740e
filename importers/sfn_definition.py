"""What an Amazon States Language definition tells the planner: how many states one execution runs through
(its state transitions) and which resources its Task states call.

A definition is read as a template gives it: a mapping (CloudFormation `Definition`, SAM), JSON text whose
`${...}` placeholders CloudFormation or Terraform fill in (`DefinitionString`, a heredoc), or Terraform's
`jsonencode({...})`. Each state counts once — a linear pass; Map iterations, loops and retries run more (the
report says so). https://states-language.net/spec.html
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

STATE_TYPES = ("Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map")
#: `Type = "Task"` (HCL) or `"Type": "Task"` (JSON)
_TYPE = re.compile(r'\bType"?\s*[:=]\s*"(' + "|".join(STATE_TYPES) + ')"')
_PLACEHOLDER = re.compile(r"\$\{([^{}]*)\}")
MARK = "@@"


def count_states_in_text(text: str) -> int:
    """States written in a definition's text (JSON or HCL).

    >>> count_states_in_text('States = { A = { Type = "Task" }, B = { Type = "Succeed" } }')
    2
    """
    return len(_TYPE.findall(text))


def parse_text(text: str) -> dict | None:
    """A JSON definition with each `${name}` placeholder kept as the string "@@name@@" (None if not JSON).

    >>> parse_text('{"States": {"A": {"Type": "Task", "Resource": "${Fn.Arn}"}}}')["States"]["A"]["Resource"]
    '@@Fn.Arn@@'
    """
    marked = _PLACEHOLDER.sub(lambda m: MARK + m.group(1).replace('"', "'") + MARK, text)
    try:
        found = json.loads(marked)
    except (ValueError, RecursionError):
        return None
    return found if isinstance(found, dict) and isinstance(found.get("States"), dict) else None


def states(definition: dict) -> Iterator[dict]:
    """Every state of a definition, nested Parallel branches and Map processors included."""
    stack = [definition]
    while stack:
        machine = stack.pop()
        for state in (machine.get("States") or {}).values():
            if not isinstance(state, dict):
                continue
            yield state
            stack += [b for b in state.get("Branches") or [] if isinstance(b, dict)]
            stack += [state[k] for k in ("Iterator", "ItemProcessor") if isinstance(state.get(k), dict)]


def task_targets(definition: dict, refs_of: Callable[[Any], set[str]]) -> Counter[str]:
    """How many Task states name each resource key: `refs_of(part)` gives the keys a part of a state mentions
    (intrinsic functions, `@@name@@` placeholders resolved by the caller)."""
    counts: Counter[str] = Counter()
    for state in states(definition):
        if state.get("Type") == "Task":
            parts = [state.get(k) for k in ("Resource", "Parameters", "Arguments") if k in state]
            for key in set().union(*(refs_of(p) for p in parts)) if parts else set():
                counts[key] += 1
    return counts


def placeholders(value: Any) -> set[str]:
    """The `@@name@@` placeholder names in a parsed definition part.

    >>> sorted(placeholders({"FunctionName": "@@ValidateArn@@", "x": ["@@Fn.Arn@@"]}))
    ['Fn.Arn', 'ValidateArn']
    """
    text = json.dumps(value)
    return set(re.findall(MARK + r"(.*?)" + MARK, text))
