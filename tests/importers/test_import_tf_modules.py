"""Terraform modules and count/for_each: local module folders followed, values and resources across
module boundaries, Terraform addresses, what is not followed (one line each), path confinement,
cycles and depth, and real configurations from ../shared/import-corpus (skipped when absent).

Expectations are read by hand from the .tf files: which functions exist, with which memory, and
what drives them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import hcl2
import pytest

from importers import import_path, import_text
from importers.common import TemplateError
from importers.hcl_scan import scan_hcl
from importers.tf_modules import MAX_MODULE_DEPTH
from service import estimate_data

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "import_samples" / "terraform_modules"
CORPUS = ROOT.parent.parent / "shared" / "import-corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/import-corpus")
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/import-corpus is not present")


def by_id(design: dict) -> dict[str, dict]:
    return {c["id"]: c for c in design["components"]}


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def sample():
    return import_path(SAMPLE)


def test_for_each_modules_become_one_component_per_instance_wired_across_modules(sample):
    # main.tf: var.workers = {orders = 512, emails = 256}; module.queues and module.workers for_each over it;
    # each worker's event source mapping reads var.queue_arn = module.queues[each.key].arn (the queue
    # module's output `arn` = aws_sqs_queue.this.arn); the topic subscribes the emails queue;
    # aws_dynamodb_table.shard has count = 2.
    assert sample.design["region"] == "ap-northeast-1"
    assert [(c["id"], c["type"], c.get("from")) for c in sample.design["components"]] == [
        ("queues_orders", "sqs", None), ("queues_emails", "sqs", "alerts"),
        ("workers_orders", "lambda", "queues_orders"), ("workers_emails", "lambda", "queues_emails"),
        ("alerts", "sns", None), ("shard_0", "dynamodb", None), ("shard_1", "dynamodb", None),
    ]
    comps = by_id(sample.design)
    # memory from each.value through var.memory; timeout from the module variable's default (30);
    # architectures = ["arm64"] in the module
    assert (comps["workers_orders"]["memory_mb"], comps["workers_orders"]["timeout_s"]) == (512, 30)
    assert (comps["workers_emails"]["memory_mb"], comps["workers_emails"]["timeout_s"]) == (256, 30)
    assert comps["workers_orders"]["architecture"] == comps["workers_emails"]["architecture"] == "arm64"
    assert comps["shard_0"]["billing"] == comps["shard_1"]["billing"] == "on_demand"
    assert comps["alerts"]["deliveries"] == {"sqs": 1}
    assert estimate_data(sample.design).total_usd > 0


def test_addresses_are_terraforms(sample):
    recognised = sample.report.recognised
    assert 'module.workers["orders"].aws_lambda_function.this[0] (aws_lambda_function) → workers_orders (lambda)' \
        in recognised
    assert "aws_dynamodb_table.shard[1] (aws_dynamodb_table) → shard_1 (dynamodb)" in recognised
    assert 'module.workers["emails"].aws_lambda_event_source_mapping.this[0]: wires ' \
           'module.queues["emails"].aws_sqs_queue.this → module.workers["emails"].aws_lambda_function.this[0]' \
        in recognised
    assert 'module.queues["orders"]: module ./modules/queue followed (1 resources declared)' in recognised
    # var.create = false on this block: the module's count = var.create ? 1 : 0 resources are skipped
    assert "module.disabled_worker.aws_lambda_function.this: skipped, count = 0" in sample.report.notes


def test_registry_and_remote_modules_are_named_one_line_each(sample):
    not_followed = [line for line in sample.report.ignored if "not followed" in line]
    assert not_followed == [
        "module.lambda_from_registry: terraform-aws-modules/lambda/aws (a registry module): not followed; only "
        "local ./ and ../ module folders are read",
        "module.from_git: git::https://example.com/infra/modules.git//bucket?ref=v1.2.0 (a remote module): not "
        "followed; only local ./ and ../ module folders are read",
    ]
    assert "the design may lack resources held by what was not followed or skipped: module.lambda_from_registry " \
           "(terraform-aws-modules/lambda/aws): a registry or remote module, not followed; module.from_git " \
           "(git::https://example.com/infra/modules.git//bucket?ref=v1.2.0): a registry or remote module, not " \
           "followed" in sample.report.notes


def test_count_for_each_toset_length_and_count_index_pairs(tmp_path):
    write(tmp_path, {"main.tf": """
variable "names" {
  default = ["a", "b", "c"]
}
resource "aws_sqs_queue" "q" {
  count = length(var.names)
  name  = "q-${var.names[count.index]}"
}
resource "aws_lambda_function" "f" {
  count       = length(var.names)
  memory_size = 128 * (count.index + 1)
}
resource "aws_lambda_event_source_mapping" "m" {
  count            = length(var.names)
  event_source_arn = aws_sqs_queue.q[count.index].arn
  function_name    = aws_lambda_function.f[count.index].arn
}
resource "aws_s3_bucket" "b" {
  for_each = toset(["logs", "media"])
  bucket   = "x-${each.key}"
}
resource "aws_sns_topic" "none" {
  for_each = toset([])
}
"""})
    result = import_path(tmp_path)
    comps = by_id(result.design)
    # count.index 0, 1, 2 → 128, 256, 384 MB; each function driven by the queue of the same index
    assert [(comps[f"f_{i}"]["memory_mb"], comps[f"f_{i}"]["from"]) for i in range(3)] == [
        (128, "q_0"), (256, "q_1"), (384, "q_2")]
    assert {"b_logs", "b_media"} <= set(comps)
    assert "aws_sns_topic.none: skipped, for_each is empty" in result.report.notes
    assert 'aws_s3_bucket.b["media"] (aws_s3_bucket) → b_media (s3)' in result.report.recognised


def test_module_output_values_and_resources_cross_into_the_caller(tmp_path):
    write(tmp_path, {
        "main.tf": """
module "settings" {
  source = "./settings"
  stage  = "prod"
}
module "table" {
  source = "./table"
}
resource "aws_lambda_function" "api" {
  memory_size = module.settings.memory
  timeout     = module.settings.limits.timeout
  environment {
    variables = { TABLE = module.table.name }
  }
}
""",
        "settings/main.tf": """
variable "stage" {}
locals {
  memory = var.stage == "prod" ? 1024 : 256
}
output "memory" { value = local.memory }
output "limits" { value = { timeout = 20 } }
""",
        "table/main.tf": """
resource "aws_dynamodb_table" "this" {
  billing_mode = "PAY_PER_REQUEST"
}
output "name" { value = aws_dynamodb_table.this.name }
""",
    })
    result = import_path(tmp_path)
    comps = by_id(result.design)
    assert (comps["api"]["memory_mb"], comps["api"]["timeout_s"]) == (1024, 20)  # prod → 1024; limits.timeout
    assert comps["table"]["from"] == "api"  # the function names the table through module.table.name


def test_an_unknown_argument_and_a_missing_variable_are_reported(tmp_path):
    write(tmp_path, {"main.tf": 'module "m" {\n  source = "./m"\n  colour = "blue"\n}\n',
                     "m/main.tf": 'variable "size" {}\nresource "aws_lambda_function" "f" {\n'
                                  '  memory_size = var.size\n}\n'})
    result = import_path(tmp_path)
    assert "module.m: argument colour is not a variable of the module; ignored" in result.report.notes
    assert "module.m.aws_lambda_function.f.memory_size: var.size of module.m has no value (not set in the module " \
           "block, no default); left at the design default" in result.report.unresolved
    assert by_id(result.design)["m_f"]["memory_mb"] == 128


def test_a_module_outside_the_folder_is_not_followed_unless_the_root_allows_it(tmp_path):
    write(tmp_path, {"shared/fn/main.tf": 'resource "aws_lambda_function" "this" {\n  memory_size = 640\n}\n',
                     "app/main.tf": 'module "fn" {\n  source = "../shared/fn"\n}\n'
                                    'resource "aws_sqs_queue" "q" {}\n'})
    result = import_path(tmp_path / "app")
    outside = os.path.realpath(tmp_path / "shared" / "fn")
    assert result.report.ignored == [f"module.fn: ../shared/fn leads outside the imported folder ({outside}); not "
                                     "followed (import a folder that holds both, or give --module-root)"]
    widened = import_path(tmp_path / "app", module_root=tmp_path)
    assert by_id(widened.design)["fn"]["memory_mb"] == 640
    with pytest.raises(TemplateError, match="--module-root"):
        import_path(tmp_path / "app", module_root=tmp_path / "shared")


def test_a_symlink_or_an_absolute_path_cannot_lead_outside(tmp_path):
    outside = write(tmp_path / "elsewhere", {"main.tf": 'resource "aws_sqs_queue" "secret" {}\n'})
    app = write(tmp_path / "app", {"main.tf": 'module "link" {\n  source = "./modules/link"\n}\n'
                                              f'module "abs" {{\n  source = "{outside}"\n}}\n'
                                              'resource "aws_sqs_queue" "q" {}\n'})
    (app / "modules").mkdir()
    (app / "modules" / "link").symlink_to(outside, target_is_directory=True)
    result = import_path(app)
    assert [c["id"] for c in result.design["components"]] == ["q"]
    assert f"module.link: ./modules/link leads outside the imported folder ({os.path.realpath(outside)}); not " \
           "followed (import a folder that holds both, or give --module-root)" in result.report.ignored
    assert f"module.abs: {outside} (an absolute path): not followed; only local ./ and ../ module folders are " \
           "read" in result.report.ignored


def test_a_cycle_and_too_deep_nesting_are_refused(tmp_path):
    cycle = write(tmp_path / "cycle", {"main.tf": 'module "again" {\n  source = "./"\n}\n'})
    with pytest.raises(TemplateError, match=r"module.again: source '\./' is a module that contains this block"):
        import_path(cycle)
    deep = tmp_path / "deep"
    folder = deep
    for level in range(MAX_MODULE_DEPTH + 1):
        write(folder, {"main.tf": f'module "m{level}" {{\n  source = "./m"\n}}\n'})
        folder = folder / "m"
    write(folder, {"main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    with pytest.raises(TemplateError, match=f"modules nested more than {MAX_MODULE_DEPTH} deep"):
        import_path(deep)
    shallow = tmp_path / "deep" / "m"  # ten levels of modules from here: allowed
    assert [c["id"] for c in import_path(shallow).design["components"]] == ["m1_m2_m3_m4_m5_m6_m7_m8_m9_m10_q"]


def test_nothing_found_names_the_modules_and_an_upload_says_it_has_no_folder(tmp_path):
    text = 'module "fn" {\n  source = "terraform-aws-modules/lambda/aws"\n}\nmodule "q" {\n  source = "./q"\n}\n'
    with pytest.raises(TemplateError) as err:
        import_text(text, "main.tf")
    assert err.value.problems == [
        "main.tf: no supported resources (Lambda, API Gateway, DynamoDB, S3, SQS, SNS, Step Functions, EventBridge, Kinesis, CloudFront, …) found; "
        "what may hold them: module.fn (terraform-aws-modules/lambda/aws): a registry or remote module, not "
        "followed; module.q (./q): not followed, an uploaded file has no folder"]


def test_every_function_skipped_by_count_is_named(tmp_path):
    write(tmp_path, {"main.tf": 'variable "enabled" {\n  default = false\n}\n'
                                'resource "aws_lambda_function" "f" {\n  count = var.enabled ? 1 : 0\n}\n'
                                'resource "aws_sqs_queue" "q" {}\n'})
    result = import_path(tmp_path)
    assert "every Lambda function is skipped by count = 0 or an empty for_each with these variable values: " \
           "aws_lambda_function.f; give --param to import them" in result.report.notes
    assert [c["id"] for c in import_path(tmp_path, params={"enabled": "true"}).design["components"]] == ["f", "q"]


# ---- real configurations (aws-samples/serverless-patterns, MIT-0), rebuilt in their original layout

def rebuild(tmp_path: Path, pattern: str) -> Path:
    """The corpus flattens `<pattern>/modules/x` into `<pattern>__modules__x`: put the folders back."""
    source = CORPUS / "serverless-patterns-tf"
    for folder in sorted(source.glob(f"{pattern}*")):
        name = folder.name
        if name != pattern and not name.startswith(pattern + "__"):
            continue
        target = tmp_path.joinpath(pattern, *name.split("__")[1:])
        shutil.copytree(folder, target, dirs_exist_ok=True)
        for path in [target, *target.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    return tmp_path / pattern


@needs_corpus
def test_real_s3_lambda_dynamodb_modules(tmp_path):
    # main.tf: module s3_event (bucket json_bucket → notification → test_lambda, env
    # DYNAMODB_TABLE_NAME = var.table_name) gets table_name = module.dynamodb.table_name, the
    # dynamodb module's output aws_dynamodb_table.basic-dynamodb-table.name (PAY_PER_REQUEST).
    result = import_path(rebuild(tmp_path, "s3-lambda-dynamodb-terraform"))
    assert [(c["id"], c["type"], c.get("from")) for c in result.design["components"]] == [
        ("basic-dynamodb-table", "dynamodb", "s3_event_test_lambda"),
        ("s3_event_test_lambda", "lambda", "s3_event_json_bucket"),
        ("s3_event_json_bucket", "s3", None),
    ]
    comps = by_id(result.design)
    assert comps["basic-dynamodb-table"]["billing"] == "on_demand"
    assert (comps["s3_event_test_lambda"]["memory_mb"], comps["s3_event_test_lambda"]["timeout_s"]) == (128, 3)


@needs_corpus
def test_real_kinesis_poison_pill_modules(tmp_path):
    # modules/sqs: sqs_queue with redrive_policy = jsonencode({deadLetterTargetArn = sqs_deadletter.arn});
    # modules/lambda: timeout = 10, batch_size = 10, driven by modules/kinesis-stream's stream (shard_count's
    # default 1), through module.kinesis-stream.kinesis_stream_arn
    result = import_path(rebuild(tmp_path, "terraform-kinesis-poison-pill"))
    comps = by_id(result.design)
    assert set(comps) == {"kinesis-stream", "sqs_queue", "sqs_queue_sqs_deadletter", "kinesis_stream_lambda"}
    assert comps["kinesis-stream"]["type"] == "kinesis" and comps["kinesis-stream"]["shards"] == 1
    assert comps["sqs_queue_sqs_deadletter"]["messages_per_month"] == 0
    assert comps["kinesis_stream_lambda"]["timeout_s"] == 10
    assert comps["kinesis_stream_lambda"]["from"] == "kinesis-stream" and comps["kinesis_stream_lambda"]["batch_size"] == 10
    assert result.report.unresolved == []


@needs_corpus
def test_real_registry_modules_are_named_in_the_refusal():
    with pytest.raises(TemplateError) as err:
        import_path(CORPUS / "serverless-patterns-tf" / "terraform-sqs-lambda")
    problem = err.value.problems[0]
    assert "found; what may hold them: " in problem and len(err.value.problems) == 1
    # module.sqs comes first: lambda_function's arguments use its outputs, so it is read after it
    assert problem.endswith("module.sqs (terraform-aws-modules/sqs/aws): a registry or remote module, not followed; "
                            "module.lambda_function (terraform-aws-modules/lambda/aws): a registry or remote "
                            "module, not followed")


@needs_corpus
def test_real_examples_whose_module_is_outside_the_folder_say_so():
    # terraform-aws-modules examples use source = "../../" (the repository root, not in the corpus)
    with pytest.raises(TemplateError, match=r"module.lambda_function \(\.\./\.\./\): outside the imported folder"):
        import_path(CORPUS / "tfmod" / "lambda__simple")


HEREDOC_FILES = ["apigw-dynamodb-terraform", "apigw-sqs-terraform", "eventbridge-sns-lambda-terraform",
                 "eventbridge-sns-terraform"]


@needs_corpus
@pytest.mark.parametrize("pattern", HEREDOC_FILES)
def test_real_heredocs_with_blanks_after_the_closing_marker_import(pattern):
    folder = CORPUS / "serverless-patterns-tf" / pattern
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.tf"))}
    refused = [name for name, text in texts.items() if _hcl2_refuses(text)]
    assert refused, "python-hcl2 accepts these files now; the workaround may be retired"
    for name in refused:
        fixed, _ = scan_hcl(texts[name], name)
        # only blanks after closing markers are removed: same lines, same text once lines are right-stripped
        assert fixed.splitlines() != texts[name].splitlines()
        assert [line.rstrip() for line in fixed.splitlines()] == [line.rstrip() for line in texts[name].splitlines()]
        assert len(fixed) < len(texts[name])
        hcl2.loads(fixed)
    result = import_path(folder)
    assert result.design["components"]


def _hcl2_refuses(text: str) -> bool:
    try:
        hcl2.loads(text)
    except Exception:  # noqa: BLE001 - any parser error is a refusal here
        return True
    return False


def test_modules_that_multiply_are_refused_past_the_instance_limit(tmp_path):
    # each level instantiates the next twice: 2 + 4 + ... + 2**10 = 2,046 module instances > MAX_INSTANCES (1,000)
    folder = tmp_path
    for level in range(10):
        write(folder, {"main.tf": f'module "m{level}" {{\n  source = "./n"\n  count  = 2\n}}\n'})
        folder = folder / "n"
    write(folder, {"main.tf": 'resource "aws_sqs_queue" "q" {}\n'})
    with pytest.raises(TemplateError, match="expands to more than 1,000 resource and module instances"):
        import_path(tmp_path)
    with pytest.raises(TemplateError, match="expands to more than 1,000"):
        import_path(write(tmp_path / "big", {"main.tf": 'resource "aws_sqs_queue" "q" {\n  count = 100000\n}\n'}))


def test_a_module_folders_symlinked_file_outside_is_not_read(tmp_path):
    secret = write(tmp_path / "elsewhere", {"secret.tf": 'resource "aws_sqs_queue" "secret" {}\n'})
    app = write(tmp_path / "app", {"main.tf": 'module "m" {\n  source = "./m"\n}\n',
                                   "m/main.tf": 'resource "aws_sns_topic" "t" {}\n'})
    (app / "m" / "secret.tf").symlink_to(secret / "secret.tf")
    result = import_path(app)
    assert [c["id"] for c in result.design["components"]] == ["m_t"]
    assert "module.m: secret.tf: a symlink to outside the directory; not read" in result.report.ignored


@pytest.mark.parametrize("count", ["length(5)", 'length(["a", ]]', "1e30", "-1", "var.nope", "length(var.nope)"])
def test_counts_that_cannot_be_used_are_one_line_never_a_crash(tmp_path, count):
    write(tmp_path, {"main.tf": f'resource "aws_sqs_queue" "q" {{\n  count = {count}\n}}\n'
                                'resource "aws_sns_topic" "t" {}\n'})
    try:
        result = import_path(tmp_path)
    except TemplateError as err:  # invalid HCL or too many instances: one line naming the file
        assert len(err.problems) == 1 and "unexpected" not in err.problems[0], err.problems
    else:
        assert {c["id"] for c in result.design["components"]} <= {"q", "t"}
        assert any("aws_sqs_queue.q" in line for line in result.report.unresolved + result.report.notes)


def test_the_cli_takes_module_root(tmp_path):
    import subprocess
    import sys

    write(tmp_path, {"shared/fn/main.tf": 'resource "aws_lambda_function" "this" {\n  memory_size = 640\n}\n',
                     "app/main.tf": 'module "fn" {\n  source = "../shared/fn"\n}\n'})
    command = [sys.executable, str(ROOT / "cli.py"), "import", str(tmp_path / "app"), "--format", "json"]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert "module.fn (../shared/fn): outside the imported folder, not followed" in refused.stderr
    widened = subprocess.run([*command, "--module-root", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert widened.returncode == 0, widened.stderr
    assert '"memory_mb": 640' in widened.stdout


@needs_corpus
def test_a_real_partial_import_says_what_it_lacks():
    # terraform-aws-modules/lambda examples/complete: one SQS queue and one log group of its own (the log group of
    # a function in a module not followed: a stand-alone log group here), 15 modules from ../../
    result = import_path(CORPUS / "tfmod" / "lambda__complete")
    assert [c["type"] for c in result.design["components"]] == ["sqs", "cloudwatch"]
    assert any(line.startswith("the design may lack resources held by what was not followed or skipped: module.")
               and line.endswith("and 12 more") for line in result.report.notes)
