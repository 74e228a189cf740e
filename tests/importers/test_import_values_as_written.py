"""A template's values reach the report as the template wrote them: AWS::NoValue is an absent property (the
default, said so), never a Python object; a number the design refuses is quoted exactly and named by the
template resource and property it came from."""

from __future__ import annotations

import json

import pytest

import commands.main as cli
from importers import import_text
from models.design.schema import DesignError

FUNCTION = "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: 256\n{extra}"
BIG = "99999999999999999999999"


@pytest.mark.parametrize("timeout", ['!Sub "${AWS::NoValue}"', "!Ref AWS::NoValue", '!Sub " ${AWS::NoValue} "',
                                     "!If [Never, 10, !Ref AWS::NoValue]"])
def test_aws_novalue_is_an_absent_property_taken_at_its_default_and_reported(timeout):
    text = "Conditions:\n  Never: !Equals [a, b]\n" + FUNCTION.format(extra=f"      Timeout: {timeout}\n")
    result = import_text(text, "template.yaml")
    assert result.design["components"][0]["timeout_s"] == 3  # Lambda's default, as when Timeout is not written
    assert result.report.unresolved == []
    assert ("Resources.F.Properties.Timeout: AWS::NoValue removes the property; taken as not given (left at the "
            "design default)") in result.report.assumptions
    assert "object at 0x" not in "\n".join(result.report.lines())


def test_aws_novalue_inside_text_is_unresolved_in_words():
    result = import_text(FUNCTION.format(extra='      Timeout: !Sub "3${AWS::NoValue}"\n'), "template.yaml")
    assert result.report.unresolved == ["Resources.F.Properties.Timeout: AWS::NoValue removes a property and has no "
                                        "text to join or compare; left at the design default"]


@pytest.mark.parametrize(("name", "text"), [
    ("template.json", json.dumps({"Resources": {"F": {"Type": "AWS::Lambda::Function",
                                                      "Properties": {"MemorySize": int(BIG)}}}})),
    ("template.yaml", f"Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: {BIG}\n"),
    ("template.yaml", f"Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: '{BIG}'\n"),
])
def test_a_refused_number_is_quoted_as_written_and_named_by_its_property(name, text):
    with pytest.raises(DesignError) as err:
        import_text(text, name)
    assert err.value.problems == [f"{name}: Resources.F.Properties.MemorySize: {BIG} cannot be imported: "
                                  f"components[0] (f).memory_mb: {BIG} is out of range; must be ≤ 10,240"]


def test_a_refused_number_written_with_an_exponent_is_quoted_so():
    with pytest.raises(DesignError) as err:
        import_text(FUNCTION.replace("256", "1e30").format(extra=""), "template.yaml")
    assert err.value.problems[0].startswith("template.yaml: Resources.F.Properties.MemorySize: 1e30 cannot be "
                                            "imported: components[0] (f).memory_mb: 1" + "0" * 30 + " is out of range")


def test_a_terraform_value_is_named_by_its_attribute():
    text = f'resource "aws_lambda_function" "f" {{\n  function_name = "f"\n  memory_size = {BIG}\n}}\n'
    with pytest.raises(DesignError) as err:
        import_text(text, "main.tf")
    assert err.value.problems[0].startswith(f"main.tf: aws_lambda_function.f.memory_size: {BIG} cannot be imported: ")


def test_cli_a_huge_memory_size_in_json_is_one_line_and_exit_2(tmp_path, capsys):
    path = tmp_path / "big.json"
    path.write_text('{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": '
                    + BIG + "}}}}")
    assert cli.main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == (f"error: big.json: Resources.F.Properties.MemorySize: {BIG} cannot be imported: components[0] (f)"
                   f".memory_mb: {BIG} is out of range; must be ≤ 10,240\n")
