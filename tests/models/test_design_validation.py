"""Every kind of invalid design is rejected with a message naming the field path, value and rule."""

from __future__ import annotations

import pytest

from models.design.schema import DesignError, parse_design
from models.design.text import load_design_data, parse_design_text


def base(**components_override):
    return {
        "name": "t", "region": "us-east-1", "workload": {"requests_per_month": 1000},
        "components": [{"id": "api", "type": "api_gateway"}, {"id": "fn", "type": "lambda", "from": "api"}],
    }


def problems(data) -> list[str]:
    with pytest.raises(DesignError) as err:
        parse_design(data)
    return err.value.problems


def with_component(**fields):
    data = base()
    data["components"][1].update(fields)
    return data


@pytest.mark.parametrize("data, expected", [
    (with_component(type="lamda"), "components[1] (fn): unknown component type 'lamda'; allowed: api_gateway, lambda"),
    (with_component(memroy_mb=512), "components[1] (fn).memroy_mb: unknown field"),
    (with_component(memory_mb="512MB"), "components[1] (fn).memory_mb: '512MB' is not a plain number (give the number in MB"),
    (with_component(memory_mb=20000), "components[1] (fn).memory_mb: 20000 is out of range; must be ≤ 10,240"),
    (with_component(memory_mb=64), "components[1] (fn).memory_mb: 64 is out of range; must be ≥ 128"),
    (with_component(memory_mb=True), "components[1] (fn).memory_mb: true is not a plain number (give the number in MB"),
    (with_component(label="y" * 5000), "components[1] (fn).label: '" + "y" * 60 + "'… (5,000 characters)"),
    (with_component(calls=-1), "components[1] (fn).calls: -1 is out of range; must be ≥ 0"),
    (with_component(timeout_s=901), "components[1] (fn).timeout_s: 901 is out of range; must be ≤ 900"),
    (with_component(architecture="arm"), "components[1] (fn).architecture: 'arm' is not allowed; allowed: 'x86_64' or 'arm64'"),
    (with_component(duration_ms={"p50": 300, "p95": 100}), "components[1] (fn).duration_ms"),
    (with_component(**{"from": "nowhere"}), "components[1] (fn).from: 'nowhere' names no component; components are: api, fn"),
    (with_component(**{"from": "fn"}), "components[1] (fn).from: a component cannot be driven by itself"),
    (with_component(id="api"), "components[1].id: 'api' is used twice"),
    (with_component(id="Bad Id"), "components[1] (Bad Id).id: 'Bad Id' is not allowed"),
    (with_component(invocations_per_month=5), "components[1] (fn): give either 'from' or 'invocations_per_month', not both"),
    (with_component(provisioned_concurrency=5, reserved_concurrency=2), "provisioned_concurrency 5 exceeds reserved_concurrency 2"),
])
def test_component_problems_name_path_value_and_rule(data, expected):
    assert any(expected in p for p in problems(data)), problems(data)


def test_absurd_monthly_volume_is_rejected():
    data = base()
    data["workload"]["requests_per_month"] = 1e15
    assert problems(data) == ["workload.requests_per_month: 1000000000000000 is out of range; must be ≤ 10,000,000,000,000"]


def test_negative_volume_is_rejected():
    data = base()
    data["workload"]["requests_per_month"] = -5
    assert problems(data) == ["workload.requests_per_month: -5 is out of range; must be ≥ 0"]


def test_a_cycle_is_rejected():
    data = base()
    data["components"][0]["from"] = "fn"
    assert problems(data) == ["components: 'from' links form a cycle: api → fn → api"]


def test_missing_workload_names_the_components_it_drives():
    data = base()
    del data["workload"]
    assert problems(data) == ["workload.requests_per_month: missing (or peak_rps, or users); it drives api (or give those components their own monthly figures)"]


def test_a_region_must_be_a_commercial_region_code():
    """Any commercial Region is a valid design (the service refuses one without a catalog, saying how to build
    it); GovCloud, China and made-up codes are not."""
    data = base()
    data["region"] = "eu-west-1"
    assert parse_design(data).region == "eu-west-1"
    for code in ("us-gov-west-1", "cn-north-1", "eu-west"):
        data["region"] = code
        assert problems(data) == [f"region: {code!r} is not an AWS commercial Region code (such as us-east-1 or "
                                  "eu-west-1)"]


def test_provisioned_table_needs_capacity():
    data = base()
    data["components"].append({"id": "t", "type": "dynamodb", "from": "fn", "billing": "provisioned", "rcu": 5})
    assert problems(data) == ["components[2] (t): billing: provisioned needs wcu (capacity units, at least 1)"]


def test_rest_cache_size_must_be_one_aws_offers():
    data = base()
    data["components"][0].update(api="rest", cache_gb=2)
    assert any("cache_gb 2 is not a cache size; allowed: 0.5, 1.6, 6.1" in p for p in problems(data))


def test_a_component_that_passes_nothing_on_cannot_drive_another():
    data = base()
    data["components"].append({"id": "mail", "type": "ses", "from": "fn"})
    data["components"].append({"id": "fn2", "type": "lambda", "from": "mail"})
    assert problems(data) == ["components[3] (fn2).from: 'mail' (ses) passes no events on"]


def test_every_problem_is_reported_and_the_message_is_one_line():
    data = with_component(memory_mb=1, timeout_s=0)
    with pytest.raises(DesignError) as err:
        parse_design(data)
    assert len(err.value.problems) == 2
    assert "\n" not in str(err.value) and str(err.value).endswith("(and 1 more problem(s))")


def test_design_must_be_a_mapping():
    assert problems([1, 2]) == ["design: expected a mapping of fields (name, region, components, ...), got a list"]


class TestDesignText:
    def test_yaml_and_json_give_the_same_design(self):
        yaml_text = "name: t\nworkload: {requests_per_month: 10}\ncomponents:\n  - {id: a, type: lambda}\n"
        json_text = '{"name": "t", "workload": {"requests_per_month": 10}, "components": [{"id": "a", "type": "lambda"}]}'
        assert parse_design_text(yaml_text) == parse_design_text(json_text)

    @pytest.mark.parametrize("text, expected", [
        ("name: [unclosed", "design file line 1 column 16"),
        ('{"name": ', "design file line 1 column 10: not valid JSON"),
        ("", "design file: it is empty"),
        ("- a\n- b\n", "expected a mapping of fields"),
        ("a: &x [1]\nb: *x\n", "YAML aliases (*name) are not supported"),
        ("name: !!python/object/apply:os.system ['echo hi']\n", "could not determine a constructor"),
        ("x: " + "[" * 30 + "]" * 30 + "\n", "nested more than 12 levels deep"),
        # a key written twice: PyYAML and json would keep the last silently (a second `components:` drops the first)
        ("name: a\ncomponents: [{id: f, type: lambda}]\ncomponents: []\n",
         "design file line 3: 'components' is written twice in the same place (first on line 2)"),
        ("components:\n  - {id: f, type: lambda, memory_mb: 128, memory_mb: 1024}\n",
         "design file line 2: 'memory_mb' is written twice"),
        ('{"name": "a", "components": [], "components": [{"id": "f", "type": "lambda"}]}',
         "design file: 'components' is written twice in the same object"),
    ])
    def test_broken_or_hostile_text_gets_a_one_line_reason(self, text, expected):
        with pytest.raises(DesignError) as err:
            load_design_data(text)
        assert expected in str(err.value)
        assert "\n" not in str(err.value)

    def test_the_same_key_in_different_mappings_is_not_a_duplicate(self):
        data = load_design_data("components:\n  - {id: a, type: lambda}\n  - {id: b, type: lambda}\n")
        assert [c["id"] for c in data["components"]] == ["a", "b"]

    def test_oversized_text_is_refused_before_parsing(self):
        with pytest.raises(DesignError, match="too large"):
            load_design_data("#" * 1_000_001)


@pytest.mark.parametrize("value, expected", [
    # of no allowed kind: one line naming the field, the value and both kinds
    ("fast", ["components[1] (fn).duration_ms must be a number (milliseconds) or {p50, p95, p99}; 'fast' is neither"]),
    ([1, 2], ["components[1] (fn).duration_ms must be a number (milliseconds) or {p50, p95, p99}; [1, 2] is neither"]),
    (None, ["components[1] (fn).duration_ms must be a number (milliseconds) or {p50, p95, p99}; None is neither"]),
    # a number: only the number's problem (not "should be a valid dictionary")
    (-5, ["components[1] (fn).duration_ms: -5 is out of range; must be > 0"]),
    # a mapping: only the mapping's problem (not "a mapping is not a plain number")
    ({"p50": "x"}, ["components[1] (fn).duration_ms.p50: 'x' is not a plain number"]),
    ({"p50": 10, "p9": 3}, ["components[1] (fn).duration_ms.p9: unknown field (value 3); see docs/design-file.md "
                            "for the fields of this type"]),
    ({"p50": 100, "p95": 50}, ["components[1] (fn).duration_ms: percentiles must not decrease: p50 ≤ p95 ≤ p99"]),
])
def test_a_number_or_mapping_field_gets_one_plain_line(value, expected):
    found = problems(with_component(duration_ms=value))
    assert found == expected
    for line in found:  # no pydantic internals
        assert "Input should be" not in line and "function-after" not in line and "DurationPercentiles" not in line


def test_the_union_line_reads_in_japanese():
    from i18n.engine_ja import say
    (line,) = problems(with_component(duration_ms="fast"))
    assert say(line, "ja") == ("components[1] (fn).duration_ms は 数値（ミリ秒） または {p50, p95, p99} で指定してください"
                               "（'fast' はどちらでもありません）")


def test_a_text_or_list_field_of_neither_kind_names_both():
    data = base()
    data["workload"]["daily_profile"] = 5
    (line,) = problems(data)
    assert line.startswith("workload.daily_profile") and "Input should be" not in line
