"""One input boundary: every hostile design the red team found (../shared/reviews/robustness.md, kept in
tests/fixtures/hostile/) and generated deep ones end cleanly on every CLI command — exit 0, 1 (a
failing check) or 2 with one `error:` line, never a traceback or a hang — and the same text through a
share link, the app's upload and the importers' path (parse_design) is refused with a message."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

import commands.main as cli
from models.design.schema import DesignError, parse_design
from models.design.text import MAX_BRACKET_DEPTH, MAX_NUMBER_DIGITS, bracket_depth, load_design_data
from storage.share import decode_design, encode_design

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
COMMANDS = (["estimate"], ["validate"], ["check"], ["quote"], ["dynamodb-plan", "--table", "tbl"])


def generated() -> dict[str, str]:
    """The red team's generated inputs: nesting far past any design, numbers past Python's limits."""
    block = "root:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1300)) + " " * 1300 + "1\n"
    return {
        "json_deep_1000.json": "[" * 1000 + "]" * 1000,
        "json_deep_100k.json": "[" * 100_000 + "]" * 100_000,
        "json_deep_obj_100k.json": '{"a":' * 100_000 + "1" + "}" * 100_000,
        "json_huge_int_4301.json": '{"name": "T", "workload": {"requests_per_month": ' + "9" * 4301 + "}}",
        "yaml_deep_flow_1000.yaml": "name: T\ncomponents: " + "[" * 1000 + "]" * 1000 + "\n",
        "yaml_deep_flow_100k.yaml": "name: T\ncomponents: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "yaml_deep_mapping_flow_50k.yaml": "name: T\ncomponents: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "yaml_deep_block_1300.yaml": block,
        "json_nan.json": '{"name": "T", "workload": {"requests_per_month": NaN}}',
        "json_inf.json": '{"name": "T", "workload": {"requests_per_month": 1e999}}',
        "yaml_inf.yaml": "name: T\nworkload: {requests_per_month: .inf}\n",
        "yaml_binary.yaml": "name: !!binary aGVsbG8=\n",
    }


def hostile_inputs() -> list[tuple[str, str]]:
    files = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.iterdir())]
    return files + sorted(generated().items())


@pytest.fixture
def no_hang():
    """Fail (instead of hanging the suite) if one command runs past 60 s: a guard, not a speed test."""
    def stop(*_):
        raise TimeoutError("a command ran past 60 s")
    previous = signal.signal(signal.SIGALRM, stop)
    yield lambda: signal.alarm(60)
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(("name", "text"), hostile_inputs(), ids=[n for n, _ in hostile_inputs()])
def test_every_command_ends_cleanly_on_a_hostile_design(name, text, tmp_path, capsys, no_hang):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in COMMANDS:
        no_hang()
        try:
            code = cli.main([command[0], str(path), *command[1:]])
        except SystemExit as stop:  # argparse
            code = stop.code
        out = capsys.readouterr()
        assert code in (0, 1, 2), (command, code)
        assert "Traceback" not in out.err
        if code == 2:
            lines = out.err.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), (command, out.err[-500:])


@pytest.mark.parametrize(("text", "says"), [
    ("[" * 1000 + "]" * 1000, f"nested more than {MAX_BRACKET_DEPTH} deep"),
    ('{"name": "T", "workload": {"requests_per_month": ' + "9" * 4301 + "}}", "4,301 digits"),
    ("name: T\nworkload: {requests_per_month: " + "9" * 5000 + "}\n", "line 2: a number written with 5,000 digits"),
    ('{"a": NaN}', "NaN is not a number"),
    ('{"name": "T", "workload": {"requests_per_month": 1e999}}', "workload.requests_per_month: inf is not a finite number"),
    ("1: 1\nname: T\n", "the key '1' is a number; keys must be text"),
    ("name: T\ncomponents:\n  - {id: fn, type: lambda, 2: x}\n", "components[0]: the key '2' is a number"),
    ("name: !!binary aGVsbG8=\n", "name: a bytes value is not allowed"),
])
def test_the_boundary_names_what_is_wrong(text, says):
    with pytest.raises(DesignError) as err:
        load_design_data(text)
    assert says in str(err.value)


def test_bracket_depth_is_counted_without_parsing_and_names_with_brackets_still_load():
    assert bracket_depth("[[[]]] {[]}") == 3
    data = load_design_data("name: 'Tokyo [beta] {v2}'\ncomponents: [{id: fn, type: lambda}]\n")
    assert data["name"] == "Tokyo [beta] {v2}"
    assert MAX_NUMBER_DIGITS >= len(str(int(1e13)))  # the largest figure a design holds fits


def test_the_importers_path_refuses_non_text_keys_and_non_finite_numbers():
    """Importers and the account import build mappings in code and call parse_design directly."""
    with pytest.raises(DesignError, match="keys must be text"):
        parse_design({1: 1, "name": "T", "components": [{"id": "fn", "type": "lambda"}]})
    with pytest.raises(DesignError, match="is not a finite number"):
        parse_design({"name": "T", "workload": {"requests_per_month": float("nan")},
                      "components": [{"id": "fn", "type": "lambda"}]})


def test_a_share_link_with_a_deep_or_huge_design_is_a_message():
    deep = encode_design({"name": "T"}).split(".")[0] + "."  # version prefix
    import base64
    import zlib
    body = base64.urlsafe_b64encode(zlib.compress(("[" * 100_000 + "]" * 100_000).encode())).decode().rstrip("=")
    with pytest.raises(DesignError, match="nested more than"):
        decode_design(deep + body)
    huge = base64.urlsafe_b64encode(zlib.compress(b" " * 20_000_000, 9)).decode().rstrip("=")
    with pytest.raises(DesignError, match="too (large|long)"):
        decode_design(deep + huge)


def test_a_valid_design_with_a_growth_range_prints_its_estimate(capsys):
    path = FIXTURES / "range_growth.json"
    assert cli.main(["estimate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "12-month projection (growth 5.0%/month)" in out


def test_overlapping_spikes_that_multiply_past_any_estimate_are_refused_by_name():
    data = json.loads((FIXTURES / "spike_overlap_50.json").read_text(encoding="utf-8"))
    from service import check_data
    with pytest.raises(DesignError, match="overlapping spikes multiply"):
        check_data(data)


def test_a_chain_of_calls_multipliers_is_refused_before_it_overflows():
    data = json.loads((FIXTURES / "num_chain_overflow.json").read_text(encoding="utf-8"))
    from service import check_data
    with pytest.raises(DesignError, match="'calls' multipliers along its 'from' chain"):
        check_data(data)


def test_a_duration_spread_no_lognormal_can_hold_is_refused():
    data = json.loads((FIXTURES / "lambda_pct_denormal.json").read_text(encoding="utf-8"))
    with pytest.raises(DesignError, match=r"duration_ms: the highest percentile .* more than 100,000 times p50"):
        parse_design(data)


def test_four_overlapping_spikes_a_trillion_fold_finish(no_hang):
    """Overlapping spikes multiply (10,000 x 10,000 x 10 x 10 = 10^10 here): the scaling check looped once
    per 1,000 extra environments (the red team's 4-spike design never finished); it now sums the
    shortfall in closed form."""
    from service import check_data
    spike = {"day": 2, "at": "12:00", "minutes": 30, "multiplier": 10_000}
    small = {**spike, "multiplier": 10}
    data = {"name": "T", "workload": {"requests_per_month": 1_000_000, "spikes": [spike, spike, small, small]},
            "components": [{"id": "api", "type": "api_gateway", "api": "http"},
                           {"id": "fn", "type": "lambda", "from": "api"}]}
    no_hang()
    report, _ = check_data(data)
    scaling = next(c for c in report.checks if c.id == "lambda.scaling_rate")
    assert scaling.status == "fail" and scaling.affected_requests_per_month > 0


def _app_with_link(token: str):
    from streamlit.testing.v1 import AppTest
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.query_params["d"] = token
    return at.run()


def test_a_link_with_markdown_in_its_name_shows_the_text_not_an_image_or_a_link():
    from templates import template_text
    data = load_design_data(template_text("save_app_data"))
    data["name"] = "![x](http://203.0.113.9/i.png) [Your AWS session expired](http://203.0.113.9/login)"
    data["description"] = "**bold** <img src=x onerror=alert(1)>"
    at = _app_with_link(encode_design(data))
    assert not at.exception
    at.switch_page("webapp/pages/cost.py").run()  # the Cost page titles the estimate with the design's name
    assert not at.exception
    shown = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    import re
    for live in (r"(?<!\\)!(?<!\\)\[", r"(?<!\\)\]\(http", r"(?<!\\)<img"):  # unescaped image, link, tag
        assert not re.search(live, shown), live
    assert r"\!\[x\]\(http://203\.0\.113\.9/i\.png\)" in shown  # escaped: the reader sees the text as typed


def test_a_link_holding_a_deeply_nested_design_is_a_message_and_the_app_starts():
    import base64
    import zlib
    body = base64.urlsafe_b64encode(zlib.compress(b"[" * 90_000 + b"]" * 90_000, 9)).decode().rstrip("=")
    at = _app_with_link("1." + body)
    assert not at.exception
    assert any("nested more than" in e.value for e in at.error)


def test_a_design_with_a_value_shared_by_two_fields_is_written_without_aliases_and_opens_again():
    """yaml.safe_dump writes a shared object as an anchor and alias, which the loader refuses."""
    from models.design.text import dump_design_text
    shared = {"low": 512, "expected": 1024, "high": 2048}
    data = {"name": "T", "components": [{"id": "a", "type": "lambda", "memory_mb": shared},
                                        {"id": "b", "type": "lambda", "memory_mb": shared}]}
    text = dump_design_text(data)
    assert "&" not in text and "*" not in text
    assert load_design_data(text) == data


def test_a_link_holding_yaml_instead_of_the_apps_json_is_refused_without_parsing_it():
    """A link is always JSON; a 1.4 KB link holding 1 MB of YAML cost 13 s of CPU to parse."""
    import base64
    import zlib
    body = base64.urlsafe_b64encode(zlib.compress(b"name: x\n" + b"k: v\n" * 30_000, 9)).decode().rstrip("=")
    with pytest.raises(DesignError, match="not a design link from this app"):
        decode_design("1." + body)


def test_the_worst_designs_the_benchmark_times_are_valid_in_every_case():
    """bench/bench_worst.py times these; each of their low/expected/high cases must price."""
    from worst_designs import worst_designs

    from service import scenario_estimates
    for name, design in worst_designs().items():
        cases = scenario_estimates(design)
        assert set(cases) <= {"low", "expected", "high"} and cases["expected"].line_items, name
        assert len(design["components"]) == 50 and len(design["workload"]["spikes"]) == 50
