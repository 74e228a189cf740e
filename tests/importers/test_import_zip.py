"""A .zip of a folder imports as the folder does (modules and nested stacks followed); unsafe or
oversized zips are refused in one line; the Design page's import box takes a .zip."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path

import pytest

from importers import import_path
from importers.common import MAX_TEMPLATE_BYTES, TemplateError
from importers.zip_import import MAX_ZIP_ENTRIES, import_zip
from webapp.views.import_box import import_zip_upload

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "import_samples"


def zip_of(files: dict[str, bytes | str], *, links: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in links:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def folder_zip(folder: Path, prefix: str = "") -> bytes:
    return zip_of({prefix + p.relative_to(folder).as_posix(): p.read_bytes()
                   for p in sorted(folder.rglob("*")) if p.is_file()})


def test_a_zipped_terraform_folder_follows_its_modules_like_the_folder():
    data = folder_zip(SAMPLES / "terraform_modules", prefix="terraform_modules/")
    result = import_zip(data, "terraform_modules.zip")
    assert result.design == import_path(SAMPLES / "terraform_modules").design
    assert result.report.source == "terraform_modules"


def test_a_zipped_template_with_nested_stacks_is_priced_in_the_given_region():
    data = folder_zip(SAMPLES / "cfn_nested") + b""
    outcome = import_zip_upload("orders.zip", data, "", "ap-northeast-1")
    assert outcome.problems == ()
    expected = import_path(SAMPLES / "cfn_nested" / "template.yaml", region="ap-northeast-1").design
    assert outcome.design == expected
    assert outcome.design["region"] == "ap-northeast-1"


def test_terraform_in_a_zip_keeps_its_provider_region():
    outcome = import_zip_upload("t.zip", folder_zip(SAMPLES / "terraform_modules"), "", "us-east-1")
    assert outcome.design["region"] == "ap-northeast-1"  # provider "aws" { region = "ap-northeast-1" }


@pytest.mark.parametrize(("entry", "why"), [
    ("../evil.tf", "a path outside the folder"),
    ("/etc/evil.tf", "a path outside the folder"),
    ("C:/evil.tf", "a path outside the folder"),
    ("a/../../evil.tf", "a path outside the folder"),
])
def test_entries_that_escape_are_refused(entry, why):
    with pytest.raises(TemplateError) as err:
        import_zip(zip_of({"main.tf": 'resource "aws_sqs_queue" "q" {}\n', entry: "x"}), "up.zip")
    assert err.value.problems == [f"up.zip: entry {entry!r} is {why}; not extracted"]


def test_a_symlink_entry_is_refused():
    with pytest.raises(TemplateError, match="is a symbolic link; not extracted"):
        import_zip(zip_of({"main.tf": "/etc/passwd"}, links=("main.tf",)), "up.zip")


def test_limits_and_bad_zips_are_one_line():
    with pytest.raises(TemplateError, match="up.zip: not a valid .zip file"):
        import_zip(b"PK not really", "up.zip")
    many = {f"f{i}.txt": "" for i in range(MAX_ZIP_ENTRIES + 1)}
    with pytest.raises(TemplateError, match=f"entries is too many for a .zip upload \\(limit {MAX_ZIP_ENTRIES}\\)"):
        import_zip(zip_of(many), "up.zip")
    bomb = zip_of({"main.tf": "#" * (MAX_TEMPLATE_BYTES + 1)})  # deflates to a few KB
    assert len(bomb) < 10_000
    with pytest.raises(TemplateError, match=f"main.tf is larger than {MAX_TEMPLATE_BYTES:,} bytes"):
        import_zip(bomb, "up.zip")
    with pytest.raises(TemplateError, match="no .tf files and no YAML or JSON template"):
        import_zip(zip_of({"app.py": "print(1)"}), "up.zip")
    with pytest.raises(TemplateError, match=r"several candidates at the same level \(a.yaml, b.yaml\)"):
        import_zip(zip_of({"a.yaml": "Resources: {}", "b.yaml": "Resources: {}"}), "up.zip")


def test_function_code_is_not_extracted_and_the_upload_never_raises():
    data = zip_of({"main.tf": 'resource "aws_lambda_function" "f" {\n  memory_size = 512\n}\n',
                   "src/handler.py": "def handler(e, c): pass\n", "src/big.bin": b"\0" * 100})
    outcome = import_zip_upload("fn.zip", data)
    assert [(c["id"], c["memory_mb"]) for c in outcome.design["components"]] == [("f", 512)]
    assert import_zip_upload("x.zip", b"junk").problems == ("x.zip: not a valid .zip file",)


def test_a_zipped_serverless_yml_keeps_its_own_region():
    text = (SAMPLES / "serverless_orders.yml").read_text(encoding="utf-8")
    outcome = import_zip_upload("orders.zip", zip_of({"orders/serverless.yml": text, "orders/handler.js": "x"}),
                                "", "us-east-1")
    assert outcome.problems == ()
    expected = import_path(SAMPLES / "serverless_orders.yml").design
    assert outcome.design["region"] == expected["region"] == "ap-northeast-1"  # ${opt:region, 'ap-northeast-1'}
    assert outcome.design["components"] == expected["components"]


def test_a_zipped_sam_project_reads_its_state_machine_definition_file():
    folder = SAMPLES / "sam_sfn_definition_file"
    outcome = import_zip_upload("orders.zip", folder_zip(folder, prefix="orders/"), "", "us-east-1")
    assert outcome.problems == ()
    assert outcome.design == import_path(folder / "template.yaml").design
    machine = next(c for c in outcome.design["components"] if c["id"] == "machine")
    assert machine["transitions_per_execution"] == 5  # read from statemachine/order.asl.json inside the zip
