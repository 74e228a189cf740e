"""Hostile templates and file system entries through `cli.py import`: every case ends in exit 0 or 2,
a refusal is exactly one stderr line naming the file and the limit, nothing hangs or blows up.

Each in-process case runs under `signal.alarm` (a regression fails instead of hanging the suite);
the memory bombs also run as the real command under a 1 GB address-space limit, so a regression
fails with MemoryError instead of taking the machine down. The inputs are built here, small.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import commands.main as cli
from importers.common import MAX_DIRECTORY_FILES, MAX_EVAL_DEPTH, MAX_TEMPLATE_BYTES

ROOT = Path(__file__).resolve().parents[2]
GUARD_S = 20
LAMBDA_TF = 'resource "aws_lambda_function" "f" {\n  memory_size = 256\n}\n'


@pytest.fixture
def guard():
    """Fail (not hang) when a case runs past GUARD_S seconds; also interrupts a blocking open()."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {GUARD_S} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(GUARD_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run_import(capsys, *args: str) -> tuple[int, str, str, float]:
    """cli.main(["import", ...]) in-process: (exit code, stdout, stderr, seconds)."""
    start = time.perf_counter()
    code = cli.main(["import", *args])
    seconds = time.perf_counter() - start
    out, err = capsys.readouterr()
    return code, out, err, seconds


def assert_one_line_refusal(code: int, out: str, err: str, fragment: str) -> None:
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("error: ") and "Traceback" not in err
    assert fragment in err, err


# ---- templates built to be hostile ---------------------------------------------------------------

def tf_doubling_strings(levels: int) -> str:
    """locals that double a text `levels` times (16 characters × 2**levels)."""
    body = "".join(f'  l{i} = "${{local.l{i - 1}}}${{local.l{i - 1}}}"\n' for i in range(1, levels + 1))
    return f'locals {{\n  l0 = "xxxxxxxxxxxxxxxx"\n{body}}}\n' \
           f'resource "aws_lambda_function" "f" {{\n  memory_size = local.l{levels}\n}}\n'


def tf_widening_lists(levels: int, width: int = 10) -> str:
    """locals whose lists hold `width` copies of the previous one (width**levels entries)."""
    body = "".join(f"  l{i} = [{', '.join([f'local.l{i - 1}'] * width)}]\n" for i in range(1, levels + 1))
    return f'locals {{\n  l0 = ["x"]\n{body}}}\n' \
           f'resource "aws_lambda_function" "f" {{\n  memory_size = local.l{levels}\n}}\n'


def tf_variable_repeated() -> str:
    """A 900 KB variable default written 20 times into one value (18 MB)."""
    return f'variable "big" {{\n  default = "{"x" * 900_000}"\n}}\n' \
           f'resource "aws_lambda_function" "f" {{\n  memory_size = "{"${var.big}" * 20}"\n}}\n'


def tf_expression(expr: str) -> str:
    return f'locals {{\n  v = {expr}\n}}\nresource "aws_lambda_function" "f" {{\n  memory_size = local.v\n}}\n'


def tf_local_chain(length: int) -> str:
    body = "".join(f"  l{i} = local.l{i - 1}\n" for i in range(1, length))
    return f'locals {{\n  l0 = 128\n{body}}}\nresource "aws_lambda_function" "f" {{\n' \
           f'  memory_size = local.l{length - 1}\n}}\n'


def cfn_function(memory: object) -> str:
    return json.dumps({"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"MemorySize": memory}}}})


def cfn_nested_join(depth: int) -> str:
    """`Fn::Join` inside `Fn::Join`, `depth` deep (written as text: json.dumps itself would recurse)."""
    value = '{"Fn::Join": ["", ["a", ' * depth + '"x"' + "]]}" * depth
    return cfn_function("MEMORY").replace('"MEMORY"', value)


def cfn_sub_bomb(levels: int = 14, width: int = 20) -> str:
    value: object = "x"
    for _ in range(levels):
        value = {"Fn::Sub": ["${a}" * width, {"a": value}]}
    return cfn_function(value)


def cfn_mapping_bomb(levels: int = 40) -> str:
    maps = {f"M{i}": {"k": {"v": {"Fn::Join": ["", [{"Fn::FindInMap": [f"M{i + 1}", "k", "v"]}] * 2]}}}
            for i in range(levels)}
    maps[f"M{levels}"] = {"k": {"v": "x"}}
    template = json.loads(cfn_function({"Fn::FindInMap": ["M0", "k", "v"]}))
    return json.dumps({"Mappings": maps, **template})


def cfn_parameter_repeated() -> str:
    refs = ", ".join(["!Ref P"] * 100)
    return f"Parameters:\n  P: {{Type: String, Default: {'x' * 500_000}}}\nResources:\n  F:\n" \
           f"    Type: AWS::Lambda::Function\n    Properties:\n      MemorySize: !Join ['', [{refs}]]\n"


def cfn_condition_chain(length: int = 3000) -> str:
    conditions = "".join(f"  C{i}: !And [!Condition C{i - 1}, !Condition C{i - 1}]\n" for i in range(1, length))
    return f"Conditions:\n  C0: !Equals [a, a]\n{conditions}Resources:\n" \
           f"  Q: {{Type: AWS::SQS::Queue, Condition: C{length - 1}}}\n"


#: (file name, bytes, a fragment of the one stderr line); each must be refused (exit 2)
REFUSED = [
    ("bomb40.tf", tf_doubling_strings(40), "nested too deeply to evaluate: local."),
    ("bomb20.tf", tf_doubling_strings(20), "too complex to evaluate: the text '${local.l15}${local.l15}' would be "
                                           "1,048,576 characters long (limit 1,000,000)"),
    ("lists.tf", tf_widening_lists(12), "too complex to evaluate: local.l5 would hold 105,560 list or map entries "
                                        "(limit 100,000)"),
    ("variable.tf", tf_variable_repeated(), "would be 18,000,000 characters long (limit 1,000,000)"),
    ("plus.tf", tf_expression(" + ".join(["1"] * 100_000)),
     "plus.tf line 2: an expression chains more than 100 operators; nested too deeply to parse"),
    ("cond.tf", tf_expression("true ? " * 5000 + "1" + " : 2" * 5000), "an expression chains more than 100 operators"),
    ("and.tf", tf_expression(" && ".join(["true"] * 50_000)), "an expression chains more than 100 operators"),
    ("parens.tf", tf_expression("(" * 60 + "1" + ")" * 60),
     "aws_lambda_function.f.memory_size: nested too deeply to evaluate: the expression '${((((((("),
    ("brackets.tf", tf_expression("[" * 200 + "]" * 200), "brackets.tf: nested more than 64 levels deep"),
    ("interpolations.tf", tf_expression('"' + "${local.a}" * 20_000 + '"'),
     "interpolations.tf: too complex to parse: more than 40,000 tokens"),
    ("heredoc.tf", 'x = <<EOF\n' + " \n" * 40_000, "heredoc.tf line 1: the heredoc <<EOF is never closed"),
    ("chain.tf", tf_local_chain(3000), f"is more than {MAX_EVAL_DEPTH} levels deep"),
    ("digits.tf", 'resource "aws_lambda_function" "f" {\n  memory_size = ' + "9" * 5000 + "\n}\n",
     "digits.tf line 2: a number written with 5,000 digits; numbers have at most 30"),
    ("join.json", cfn_nested_join(20), "join.json: Resources.F.Properties.MemorySize: nested too deeply to evaluate"),
    ("join_deep.json", cfn_nested_join(5000), "join_deep.json: nested more than 64 levels deep"),
    ("join_deep.yaml", "Resources: {F: {Type: AWS::Lambda::Function, Properties: {MemorySize: "
                       + "!Join ['', [a, " * 2000 + "b" + "]]" * 2000 + "}}}\n",
     "join_deep.yaml line 1: nested more than 64 levels deep"),
    ("sub.json", cfn_sub_bomb(), "too complex to evaluate: more than 200,000 evaluation steps"),
    ("maps.json", cfn_mapping_bomb(), "maps.json: Resources.F.Properties.MemorySize: nested too deeply to evaluate"),
    ("ref.yaml", cfn_parameter_repeated(), "too complex to evaluate: !Join ... would be 50,000,000 characters long"),
    ("conditions.yaml", cfn_condition_chain(), "conditions.yaml: nested too deeply to evaluate: condition C"),
    ("digits.json", cfn_function("DIGITS").replace('"DIGITS"', "1" * 5000), "digits.json: a number written with 5,000 digits"),
    ("digits.yaml", "Resources:\n  F: {Type: AWS::Lambda::Function, Properties: {MemorySize: " + "7" * 5000 + "}}\n",
     "digits.yaml line 2: a number written with 5,000 digits"),
    ("listkey.yaml", "Resources:\n  ? [a, b]\n  : {Type: AWS::SQS::Queue}\n", "listkey.yaml line 2: a key must be text, not a list"),
    ("huge.yaml", "Resources: {Q: {Type: AWS::SQS::Queue}}\n#" + "x" * MAX_TEMPLATE_BYTES,
     f"bytes is too large to import (limit {MAX_TEMPLATE_BYTES:,} bytes per file)"),
    ("huge.tf", LAMBDA_TF + "#" + "x" * MAX_TEMPLATE_BYTES, "bytes is too large to import (limit 1,000,000 bytes"),
    ("garbage.yaml", bytes(range(256)) * 64, "garbage.yaml: not a UTF-8 text file (byte 0x80 at offset 128)"),
    ("garbage.tf", os.urandom(4096).replace(b"\x00", b"\xff") + b"\xff", "garbage.tf: not a UTF-8 text file"),
    ("latin1.yaml", "Resources: {Q: {Type: AWS::SQS::Queue, Properties: {QueueName: café}}}\n".encode("latin-1"),
     "latin1.yaml: not a UTF-8 text file (byte 0xe9 at offset 66)"),
    ("nul.yaml", b"Resources:\x00\x01\x02 {}\n", "nul.yaml: not valid YAML (character 0x00 at offset 10 is not "
                                                 "allowed in YAML)"),
    ("nul.tf", b'resource "aws_sqs_queue" "q" {\x00}\n', "nul.tf line 1 column 31: not valid HCL"),
]


@pytest.mark.parametrize("name, content, fragment", REFUSED, ids=[case[0] for case in REFUSED])
def test_a_hostile_template_is_one_line_and_exit_2(tmp_path, capsys, guard, name, content, fragment):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    code, out, err, seconds = run_import(capsys, str(path))
    assert_one_line_refusal(code, out, err, fragment)
    assert seconds < 5, f"{name} took {seconds:.1f} s"


def test_the_long_expression_that_took_17_s_is_refused_before_parsing(tmp_path, capsys, guard):
    """The review's case: a deep expression python-hcl2 parsed for 17 s, then failed with RecursionError."""
    path = tmp_path / "long.tf"
    path.write_text(tf_expression(" + ".join(["1"] * 240_000)), encoding="utf-8")  # just under the file limit
    assert path.stat().st_size < MAX_TEMPLATE_BYTES
    code, out, err, seconds = run_import(capsys, str(path))
    assert_one_line_refusal(code, out, err, "an expression chains more than 100 operators")
    assert seconds < 0.5, f"took {seconds:.2f} s"


ACCEPTED = [
    # (file name, text, a line the report holds): odd but valid input is imported
    ("ids.yaml", "Resources:\n  0: {Type: AWS::SQS::Queue}\n  1.5: {Type: AWS::SNS::Topic}\n  true: {Type: AWS::S3::Bucket}\n",
     "recognised: 0 (AWS::SQS::Queue) → r_0 (sqs)"),
    ("refs.yaml", "Resources:\n  0: {Type: AWS::SQS::Queue}\n  F:\n    Type: AWS::Serverless::Function\n"
                  "    Properties:\n      Events:\n        Q: {Type: SQS, Properties: {Queue: !GetAtt 0.Arn}}\n",
     "recognised: F (AWS::Serverless::Function) → f (lambda)"),
    ("keys.tf", 'resource "aws_sqs_queue" "1" {\n  tags = { 1 = "a", true = "b" }\n}\n',
     "recognised: aws_sqs_queue.1 (aws_sqs_queue) → r_1 (sqs)"),
    ("heredoc_blanks.tf", 'resource "aws_sqs_queue" "q" {\n  policy = <<EOF\n{}\nEOF  \n}\n',
     "recognised: aws_sqs_queue.q (aws_sqs_queue) → q (sqs)"),
    ("deep_ok.tf", tf_local_chain(20), "recognised: aws_lambda_function.f (aws_lambda_function) → f (lambda)"),
    ("join_ok.json", cfn_nested_join(5), "unresolved: Resources.F.Properties.MemorySize: 'aaaaax' is not a whole number"),
]


@pytest.mark.parametrize("name, text, line", ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_odd_but_valid_input_is_imported(tmp_path, capsys, guard, name, text, line):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err, _ = run_import(capsys, str(path))
    assert code == 0, err
    assert any(line in report_line for report_line in err.splitlines()), err
    assert out.startswith("name: ") and "Traceback" not in err


def test_integer_logical_ids_are_wired_as_text(capsys, tmp_path, guard):
    path = tmp_path / "refs.yaml"
    path.write_text(ACCEPTED[1][1], encoding="utf-8")
    code, out, err, _ = run_import(capsys, str(path), "--format", "json")
    design = json.loads(out)
    assert code == 0 and [c["id"] for c in design["components"]] == ["r_0", "f"]
    assert design["components"][1]["from"] == "r_0"


# ---- the file system: only regular files are opened -------------------------------------------------

def tf_directory(tmp_path: Path) -> Path:
    folder = tmp_path / "stack"
    folder.mkdir()
    (folder / "main.tf").write_text(LAMBDA_TF, encoding="utf-8")
    return folder


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_dev_zero_in_a_directory_is_skipped_unopened(tmp_path, capsys, guard):
    folder = tf_directory(tmp_path)
    (folder / "zero.tf").symlink_to("/dev/zero")
    code, out, err, seconds = run_import(capsys, str(folder))
    assert code == 0, err
    assert "ignored: zero.tf: a symlink to outside the directory; not read" in err.splitlines()
    assert seconds < 5


def test_a_fifo_in_a_directory_is_skipped_without_waiting(tmp_path, capsys, guard):
    folder = tf_directory(tmp_path)
    os.mkfifo(folder / "pipe.tf")
    code, out, err, seconds = run_import(capsys, str(folder))
    assert code == 0, err
    assert "ignored: pipe.tf: not a regular file (a FIFO (named pipe)); not read" in err.splitlines()
    assert seconds < 5


def test_a_symlink_out_of_the_directory_is_not_read_but_one_inside_is(tmp_path, capsys, guard):
    folder = tf_directory(tmp_path)
    outside = tmp_path / "secret.tf"
    outside.write_text('resource "aws_sqs_queue" "outside" {}\n', encoding="utf-8")
    (folder / "secret.tf").symlink_to(outside)
    (folder / "shared").mkdir()
    (folder / "shared" / "queue.tf").write_text('resource "aws_sqs_queue" "inside" {}\n', encoding="utf-8")
    (folder / "queue.tf").symlink_to(folder / "shared" / "queue.tf")
    (folder / "dir.tf").mkdir()
    code, out, err, _ = run_import(capsys, str(folder))
    assert code == 0, err
    lines = err.splitlines()
    assert "ignored: secret.tf: a symlink to outside the directory; not read" in lines
    assert "ignored: dir.tf: not a regular file (directory); not read" in lines
    assert "aws_sqs_queue.inside" in err and "aws_sqs_queue.outside" not in err


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "symlink to /dev/zero", "directory of nothing readable"])
def test_a_named_path_that_is_not_a_regular_file_is_one_line(tmp_path, capsys, guard, target):
    if target != "fifo" and not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    if target == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
        fragment = f"{path}: not a regular file (a FIFO (named pipe)); give a template file"
    elif target == "/dev/zero":
        path = Path("/dev/zero")
        fragment = "/dev/zero: not a regular file (a character device)"
    elif target == "symlink to /dev/zero":
        path = tmp_path / "zero.yaml"
        path.symlink_to("/dev/zero")
        fragment = f"{path}: not a regular file (a character device)"
    else:
        path = tmp_path / "empty"
        path.mkdir()
        (path / "zero.tf").symlink_to("/dev/zero")
        os.mkfifo(path / "pipe.tf")
        fragment = (f"{path}: no .tf files in this directory (skipped: pipe.tf: not a regular file (a FIFO (named "
                    "pipe)); not read; zero.tf: a symlink to outside the directory; not read)")
    code, out, err, seconds = run_import(capsys, str(path))
    assert_one_line_refusal(code, out, err, fragment)
    assert seconds < 5


def test_a_directory_has_a_file_count_and_a_total_size_limit(tmp_path, capsys, guard):
    many = tmp_path / "many"
    many.mkdir()
    for i in range(MAX_DIRECTORY_FILES + 1):
        (many / f"f{i:03}.tf").write_text(f'resource "aws_sqs_queue" "q{i}" {{}}\n', encoding="utf-8")
    code, out, err, _ = run_import(capsys, str(many))
    assert_one_line_refusal(code, out, err, f"{many}: {MAX_DIRECTORY_FILES + 1} Terraform files is too many to "
                                            f"import (limit {MAX_DIRECTORY_FILES} per directory)")
    big = tmp_path / "big"
    big.mkdir()
    for i in range(3):
        (big / f"f{i}.tf").write_text(LAMBDA_TF.replace('"f"', f'"f{i}"') + "#" + "x" * 900_000 + "\n",
                                      encoding="utf-8")
    code, out, err, _ = run_import(capsys, str(big))
    assert_one_line_refusal(code, out, err, f"{big}: the Terraform files hold more than 2,000,000 bytes; too large "
                                           "to import (limit 2,000,000 bytes per directory)")


def test_a_file_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    """The reader asks for at most limit + 1 bytes, whatever the file's size."""
    import importers

    path = tmp_path / "grows.yaml"
    path.write_text("Resources: {Q: {Type: AWS::SQS::Queue}}\n", encoding="utf-8")
    asked: list[int] = []
    real_read = os.read

    def spy(fd, count):
        asked.append(count)
        return real_read(fd, count)

    monkeypatch.setattr(importers.os, "read", spy)
    importers.import_path(path)
    assert asked and max(asked) <= MAX_TEMPLATE_BYTES + 1


# ---- the real command, bounded in memory ------------------------------------------------------------

def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.parametrize("name", ["bomb40.tf", "bomb20.tf", "lists.tf", "variable.tf", "ref.yaml", "sub.json"])
def test_memory_bombs_end_cleanly_in_the_real_command_under_1_gb(tmp_path, name):
    content = next(c for n, c, _ in REFUSED if n == name)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = subprocess.run([sys.executable, "cli.py", "import", str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, preexec_fn=_limit_memory)
    assert result.returncode == 2, result.stderr[-500:]
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr and result.stdout == ""
