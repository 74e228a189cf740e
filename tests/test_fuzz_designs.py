"""A fuzzer that keeps the input boundary honest: designs generated from the templates and mutated
(deep nesting, extreme numbers, wrong types, unicode, unknown, duplicate and non-text keys, YAML or
JSON) go through every CLI command and the app's loader. Every run ends in exit 0, 1 (a failing
check) or 2 with exactly one `error:` line — never a traceback — and within a guard of 60 s.

The test command runs 30 designs; `pytest tests/test_fuzz_designs.py --fuzz-examples 500` runs more.
"""

from __future__ import annotations

import json
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commands.main as cli
from models.design.schema import DesignError
from models.design.text import dump_design_text, load_design_data
from service import estimate_data
from templates import template_keys, template_text

SEEDS = {key: load_design_data(template_text(key)) for key in template_keys()}
HOSTILE_VALUES = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.sampled_from([0, -1, 1e-324, 5e-324, 1e308, 10**29, "", "１２３", "1e999", "NaN", "∞", True, None, [], {},
                     "\u202e\u0000\ufeff", "x" * 5000, "' OR 1=1 --", "=HYPERLINK(\"http://h\")", "{{7*7}}"]),
    st.text(max_size=40),
    st.lists(st.integers(), max_size=3),
    st.recursive(st.none(), lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner,
                                                                                          max_size=2), max_leaves=30),
)


def paths(value, prefix=()):
    """Every (path) to a value inside a design mapping."""
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from paths(item, (*prefix, i))


def set_at(data, path, value):
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def delete_at(data, path):
    target = data
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


@st.composite
def mutated_designs(draw) -> tuple[str, str]:
    """(file suffix, text) of a template changed by 1-4 mutations, written as YAML or JSON."""
    data = json.loads(json.dumps(SEEDS[draw(st.sampled_from(sorted(SEEDS)))]))
    for _ in range(draw(st.integers(1, 4))):
        all_paths = [p for p in paths(data) if p]
        path = draw(st.sampled_from(all_paths))
        action = draw(st.sampled_from(["replace", "replace", "delete", "unknown_key", "non_text_key", "nest"]))
        if action == "replace":
            set_at(data, path, draw(HOSTILE_VALUES))
        elif action == "delete":
            delete_at(data, path)
        elif action == "unknown_key":
            data[draw(st.text(min_size=1, max_size=8))] = draw(HOSTILE_VALUES)
        elif action == "non_text_key":
            data[draw(st.integers(-5, 5))] = 1
        else:
            value = draw(HOSTILE_VALUES)
            for _ in range(draw(st.integers(5, 40))):
                value = [value]
            set_at(data, path, value)
    kind = draw(st.sampled_from(["yaml", "json", "yaml_duplicate_key", "deep_text"]))
    if kind == "json":
        try:
            return ".json", json.dumps(data, ensure_ascii=draw(st.booleans()))
        except (TypeError, ValueError):
            return ".json", "{" + "[" * 300
    text = dump_design_text({str(k) if not isinstance(k, str) else k: v for k, v in data.items()}) \
        if kind != "yaml" else _yaml_or_repr(data)
    if kind == "yaml_duplicate_key":
        text += "name: second name for the same key\n"
    elif kind == "deep_text":
        text += "extra: " + "[" * draw(st.integers(50, 5000)) + "\n"
    return ".yaml", text


def _yaml_or_repr(data) -> str:
    try:
        return dump_design_text(data)
    except Exception:  # a value the dumper cannot write: the mapping as JSON text instead
        return json.dumps(data, default=str)


@pytest.fixture(scope="module")
def examples(request) -> int:
    return request.config.getoption("--fuzz-examples")


def guard():
    def stop(*_):
        raise TimeoutError("a command ran past 60 s")
    signal.signal(signal.SIGALRM, stop)
    signal.alarm(60)


def run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as stop:
        code = stop.code
    return code, capsys.readouterr().err


def test_fuzzed_designs_end_cleanly_on_every_command_and_in_the_app_loader(examples, tmp_path_factory, capsys):
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(mutated_designs())
    def one(design):
        suffix, text = design
        path = tmp_path_factory.mktemp("fuzz") / f"design{suffix}"
        path.write_text(text, encoding="utf-8")
        try:
            for command in (["estimate"], ["validate"], ["check"], ["quote", "--format", "csv", "--output",
                                                                       str(path.with_suffix(".csv"))],
                            ["dynamodb-plan", "--table", "table"]):
                guard()
                code, err = run([command[0], str(path), *command[1:]], capsys)
                assert code in (0, 1, 2), (command, code, text[:300])
                assert "Traceback" not in err, (command, err[-800:])
                if code == 2:
                    lines = err.strip().splitlines()
                    assert len(lines) == 1 and lines[0].startswith("error: "), (command, err[-800:], text[:300])
            guard()
            try:  # the app's upload path: the same boundary, then the estimate
                estimate_data(load_design_data(text))
            except DesignError:
                pass
        finally:
            signal.alarm(0)

    one()
