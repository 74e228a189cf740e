"""Broken and hostile input to `cli.py import`: exit 2, one clear line, no traceback, nothing constructed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import commands.main as cli
from importers import import_text
from importers.template_text import load_template_text
from models.design.schema import DesignError

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "photo_app_sam.yaml"

BILLION_LAUGHS = """\
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
Resources: {Q: {Type: AWS::SQS::Queue, Properties: {Tags: *d}}}
"""


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "cli.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


CASES = [
    ("bad.yaml", "Resources: [\n", "error: bad.yaml line 2 column 1: not valid YAML (expected the node content"),
    ("bad.json", '{"Resources": {', "error: bad.json line 1 column 16: not valid JSON"),
    ("empty.yaml", "", "error: empty.yaml: the file is empty"),
    ("list.yaml", "- a\n- b\n", "error: list.yaml: not a template (expected a mapping with Resources, got list)"),
    ("design.yaml", "name: x\ncomponents: []\n",
     "error: design.yaml: not a CloudFormation or SAM template: no Resources section"),
    ("tfjson.json", '{"resource": {"aws_s3_bucket": {"b": {}}}}',
     "error: tfjson.json: not a CloudFormation or SAM template: no Resources section (it looks like Terraform JSON"),
    ("untyped.yaml", "Resources:\n  X: {Properties: {}}\n", "error: untyped.yaml: Resources.X: a resource needs a Type"),
    ("tag.yaml", "Resources:\n  X:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Frob x}\n",
     "error: tag.yaml line 4: unknown intrinsic function tag !Frob"),
    ("fn.json", '{"Resources": {"X": {"Type": "AWS::S3::Bucket", "Properties": {"A": {"Fn::Frob": 1}}}}}',
     "error: fn.json: Resources.X.Properties.A: unknown intrinsic function Fn::Frob"),
    ("iam.yaml", "Resources:\n  R: {Type: AWS::IAM::Role}\n",
     "error: iam.yaml: no supported resources (Lambda, API Gateway, DynamoDB, S3, SQS, SNS, Step Functions, EventBridge, Kinesis, CloudFront, …) found"),
    ("arity.yaml", "Resources:\n  F:\n    Type: AWS::Lambda::Function\n    Properties: {MemorySize: !If [a, b]}\n",
     "error: arity.yaml: Fn::If takes a list of 3 arguments"),
    ("bad.tf", 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n', "error: bad.tf line 2 column 12: not valid HCL"),
    ("laughs.yaml", BILLION_LAUGHS,
     "error: laughs.yaml line 2: YAML aliases (*name) are not supported in templates; write the value out"),
    ("object.yaml", "Resources:\n  X:\n    Type: !!python/object/apply:os.system ['touch /tmp/pwned_by_import']\n",
     "error: object.yaml line 3: refused: 'tag:yaml.org,2002:python/object/apply:os.system' would construct a "
     "Python object"),
    ("name.yaml", "Resources: !!python/name:os.system\n",
     "error: name.yaml line 1: refused: 'tag:yaml.org,2002:python/name:os.system' would construct a Python object"),
    ("deep.yaml", "Resources: " + "[" * 5000 + "]" * 5000 + "\n", "error: deep.yaml line 1: nested more than 64 levels deep"),
    ("deep.json", '{"Resources": ' + "[" * 50000 + "]" * 50000 + "}", "error: deep.json: nested more than 64 levels deep"),
    ("deep.tf", "x = " + "[" * 200 + "]" * 200 + "\n", "error: deep.tf: nested more than 64 levels deep"),
]


@pytest.mark.parametrize("name, text, message", CASES, ids=[c[0] for c in CASES])
def test_a_broken_or_hostile_template_exits_2_with_one_line(tmp_path, capsys, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert cli.main(["import", str(path)]) == 2
    out, err = capsys.readouterr()
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 1 and out == ""
    assert not Path("/tmp/pwned_by_import").exists()


@pytest.mark.parametrize("name", ["laughs.yaml", "object.yaml", "deep.yaml"])
def test_hostile_yaml_is_refused_by_the_real_command_without_a_traceback(tmp_path, name):
    text, message = next((t, m) for n, t, m in CASES if n == name)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 2 and result.stderr.startswith(message)
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_huge_template_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("Resources: {X: {Type: AWS::S3::Bucket}}\n# " + "x" * 1_000_000 + "\n", encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 2
    assert result.stderr == f"error: {path}: 1,000,043 bytes is too large to import (limit 1,000,000 bytes per file)\n"


def test_a_binary_file_and_a_missing_path_exit_2(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_bytes(b"\xff\xfe\x00\x81")
    assert run_cli("import", str(path)).stderr == f"error: {path}: not a UTF-8 text file (byte 0xff at offset 0)\n"
    assert run_cli("import", str(tmp_path / "nope.yaml")).stderr == \
        f"error: {tmp_path / 'nope.yaml'}: no such file or directory\n"
    assert run_cli("import", str(tmp_path)).stderr == f"error: {tmp_path}: no .tf files in this directory\n"


def test_a_malformed_param_exits_2():
    result = run_cli("import", str(SAMPLE), "--param", "Stage")
    assert (result.returncode, result.stderr) == (2, "error: --param 'Stage': expected Name=Value\n")


def test_output_file_is_never_overwritten_without_force(tmp_path):
    out = tmp_path / "design.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    refused = run_cli("import", str(SAMPLE), "-o", str(out))
    assert refused.returncode == 2
    assert refused.stderr == f"error: {out}: already exists; add --force to overwrite it\n"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = run_cli("import", str(SAMPLE), "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert out.read_text(encoding="utf-8").startswith("name: 'photo-app: upload photos")
    assert forced.stderr.splitlines()[-1] == f"wrote {out}; price it with: python cli.py estimate {out}"


def test_the_loader_maps_short_form_tags_to_plain_long_form_data():
    text = """\
Resources:
  X:
    Type: AWS::Lambda::Function
    Properties:
      A: !Ref P
      B: !GetAtt T.StreamArn
      C: !GetAtt [T, Arn]
      D: !Sub ["${x}", {x: !Ref AWS::Region}]
      E: !If [Cond, !Base64 "hi", !Ref AWS::NoValue]
      F: !Join [",", [!Select [0, !GetAZs ""], !ImportValue shared]]
      G: !Cidr [!Ref V, 4, 8]
      H: !Condition C
"""
    props = load_template_text(text)["Resources"]["X"]["Properties"]
    assert props == {
        "A": {"Ref": "P"}, "B": {"Fn::GetAtt": ["T", "StreamArn"]}, "C": {"Fn::GetAtt": ["T", "Arn"]},
        "D": {"Fn::Sub": ["${x}", {"x": {"Ref": "AWS::Region"}}]},
        "E": {"Fn::If": ["Cond", {"Fn::Base64": "hi"}, {"Ref": "AWS::NoValue"}]},
        "F": {"Fn::Join": [",", [{"Fn::Select": [0, {"Fn::GetAZs": ""}]}, {"Fn::ImportValue": "shared"}]]},
        "G": {"Fn::Cidr": [{"Ref": "V"}, 4, 8]}, "H": {"Condition": "C"},
    }
    assert all(type(v) is dict for v in props.values())


def test_a_region_must_be_a_commercial_region_code():
    """Any commercial Region may be chosen (its estimates need the catalog `prices refresh` builds, and say so);
    GovCloud, China and made-up codes are refused."""
    assert import_text("Resources: {Q: {Type: AWS::SQS::Queue}}", "t.yaml", region="eu-west-1").design["region"] == \
        "eu-west-1"
    with pytest.raises(DesignError) as err:
        import_text("Resources: {Q: {Type: AWS::SQS::Queue}}", "t.yaml", region="cn-north-1")
    assert err.value.problems == ["region 'cn-north-1' is not an AWS commercial Region code; bundled catalogs: "
                                  "us-east-1, ap-northeast-1, ap-northeast-3; any other commercial Region (e.g. "
                                  "eu-west-1) after `python cli.py prices refresh --region R`"]


def test_values_chained_too_deeply_are_one_line_not_a_recursion_error():
    chain = "\n".join(f"  l{i} = local.l{i - 1}" for i in range(1, 3000))
    tf = f'locals {{\n  l0 = 128\n{chain}\n}}\nresource "aws_lambda_function" "f" {{\n  memory_size = local.l2999\n}}\n'
    with pytest.raises(DesignError) as err:
        import_text(tf, "chain.tf")
    assert err.value.problems == ["chain.tf: aws_lambda_function.f.memory_size: nested too deeply to evaluate: "
                                  "local.l2967 is more than 32 levels deep (values referring to each other, or "
                                  "expressions inside expressions)"]
    conditions = "".join(f"  C{i}: !Not [!Not [!Condition C{i - 1}]]\n" for i in range(1, 3000))
    cfn = f"Conditions:\n  C0: !Equals [a, a]\n{conditions}Resources:\n  Q: {{Type: AWS::SQS::Queue, Condition: C2999}}\n"
    with pytest.raises(DesignError) as err:
        import_text(cfn, "chain.yaml")
    assert err.value.problems[0].startswith("chain.yaml: nested too deeply to evaluate: ")
    assert err.value.problems[0].endswith(" is more than 32 levels deep (values referring to each other, or "
                                          "expressions inside expressions)")


ODD_SHAPES = [
    # (template, an unresolved line expected in the report)
    ("Transform: AWS::Serverless-2016-10-31\nGlobals: {Function: [1, 2]}\nResources:\n"
     "  F: {Type: AWS::Serverless::Function, Properties: {Events: {E: {Type: [Api]}}}}\n",
     "Resources.F.Properties.Events.E.Type: ['Api'] is not an event type; not wired"),
    ("Resources:\n  A: {Type: AWS::Serverless::Api, Properties: {CacheClusterEnabled: true, CacheClusterSize: big}}\n",
     "Resources.A.Properties.CacheClusterSize: 'big' is not a number; left at the design default"),
    ("Resources:\n  F: {Type: AWS::Lambda::Function, Properties: {MemorySize: 1.5}}\n",
     "Resources.F.Properties.MemorySize: 1.5 is not a whole number; left at the design default"),
    ("Resources:\n  F: {Type: AWS::Lambda::Function, Properties: {Architectures: [sparc]}}\n",
     "Resources.F.Properties.Architectures.0: architecture 'sparc' is not arm64 or x86_64; left at the design "
     "default"),
]


@pytest.mark.parametrize("text, line", ODD_SHAPES)
def test_odd_property_shapes_are_reported_not_crashed_on(text, line):
    assert line in import_text(text, "odd.yaml").report.unresolved


def test_a_ref_to_a_mapping_is_a_clear_error():
    with pytest.raises(DesignError) as err:
        import_text("Resources:\n  F: {Type: AWS::Lambda::Function, Properties: {MemorySize: {Ref: {a: 1}}}}\n", "o.yaml")
    assert err.value.problems == ["o.yaml: Ref takes a name, got {'a': 1}"]
