"""The app's import panel through Streamlit's AppTest, and its pure upload function."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from editor_support import open_import
from streamlit.testing.v1 import AppTest

from importers import import_path
from models.design.text import dump_design_text
from service import estimate_data
from webapp.views.import_box import TEXT, import_upload, parse_param_text

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLES = ROOT / "tests" / "import_samples"


@pytest.fixture
def app() -> AppTest:
    at = open_import(AppTest.from_file(APP, default_timeout=60).run())  # the panel opened, as a click does
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str = "application/x-yaml") -> AppTest:
    """Upload into the import panel (opened first, as a click does)."""
    return open_import(at).file_uploader(key="import_upload").upload(name, data, mime).run()


def test_uploading_a_sam_template_makes_it_the_design(app):
    before = app.metric[0].value
    region = app.session_state["design"]["region"]  # a template is priced where the current design is
    upload(app, "photo_app_sam.yaml", (SAMPLES / "photo_app_sam.yaml").read_bytes())
    assert not app.exception and not app.error
    expected = import_path(SAMPLES / "photo_app_sam.yaml", region=region).design
    assert app.session_state["design"] == expected
    assert app.metric[0].value != before
    # the same design opened as a design file shows the same total
    other = AppTest.from_file(APP, default_timeout=60).run()
    other.file_uploader(key="upload").upload("d.yaml", dump_design_text(expected).encode("utf-8"),
                                             "application/x-yaml").run()
    assert not other.exception and other.metric[0].value == app.metric[0].value
    assert estimate_data(expected).total_usd > 0
    assert app.session_state["design_label"] == "photo_app_sam.yaml"
    assert app.success[0].value == "Imported photo_app_sam.yaml — 15 components"  # + the Scheduler and the log group
    report = "\n".join(m.value for m in app.markdown)
    # 11: the Scheduler component's event_kb and the stand-alone log group's ingestion among them, and the two
    # functions' ReservedConcurrentExecutions, AWS::NoValue outside prod (taken as not given)
    assert "**Assumed usage — edit these** (11)" in report
    assert "ReservedConcurrentExecutions: AWS::NoValue removes the property" in report
    assert "AppLogGroup (AWS::Logs::LogGroup) → app_log_group (cloudwatch)" in report


def test_parameters_typed_in_the_panel_are_used(app):
    app.text_input(key="import_params").input("Stage=prod").run()
    upload(app, "photo_app_sam.yaml", (SAMPLES / "photo_app_sam.yaml").read_bytes())
    assert not app.exception
    table = next(c for c in app.session_state["design"]["components"] if c["id"] == "photos_table")
    assert (table["billing"], table["pitr"]) == ("on_demand", True)


def test_a_terraform_file_imports_in_its_provider_region(app):
    text = (SAMPLES / "terraform_events" / "main.tf").read_text(encoding="utf-8")
    text = text.replace("region = var.region", 'region = "ap-northeast-3"')
    upload(app, "main.tf", text.encode("utf-8"), "text/plain")
    assert not app.exception and not app.error
    assert app.session_state["design"]["region"] == "ap-northeast-3"
    assert any("**Unresolved (design defaults used)**" in m.value for m in app.markdown)


def test_a_broken_template_is_an_error_and_keeps_the_design(app):
    before = (app.metric[0].value, app.session_state["design"])
    upload(app, "bad.yaml", b"Resources: [\n")
    assert not app.exception
    assert app.error[0].value.startswith("This template was not imported: bad\\.yaml\n\n- bad\\.yaml line 2 column 1: "
                                         "not valid YAML")
    assert (app.metric[0].value, app.session_state["design"]) == before


def test_hostile_yaml_is_refused_in_the_app(app):
    upload(app, "x.yaml", b"Resources:\n  X:\n    Type: !!python/object/apply:os.system ['true']\n")
    assert not app.exception
    assert "would construct a Python object" in app.error[0].value


def test_the_panel_speaks_japanese(app):
    # AppTest does not carry the sidebar radio's value into later runs, so set the language for each run
    app.session_state["lang"] = "ja"
    app.run()
    app.session_state["lang"] = "ja"
    open_import(app)  # a new language's label: the panel opens again
    assert not app.exception
    assert app.file_uploader(key="import_upload").label == TEXT["upload"]["ja"]
    app.session_state["lang"] = "ja"
    upload(app, "bad.yaml", b"Resources: [\n")
    assert app.error[0].value.startswith(TEXT["failed"]["ja"] + " bad\\.yaml")


def test_every_panel_text_has_english_and_japanese():
    assert all(set(entry) == {"en", "ja"} and all(entry.values()) for entry in TEXT.values())


def test_import_upload_reports_problems_instead_of_raising():
    assert import_upload("x.yaml", b"\xff\xfe").problems == ("x.yaml: not a UTF-8 text file (byte 0xff at offset 0)",)
    assert import_upload("x.yaml", b"Resources: {Q: {Type: AWS::SQS::Queue}}", "oops").problems == \
        ("parameters: 'oops' is not Name=Value",)
    assert import_upload("x.yaml", b"x" * 1_000_001).problems == \
        ("x.yaml: 1,000,001 bytes is too large to import (limit 1,000,000 bytes per file)",)
    done = import_upload("x.yaml", b"Resources: {Q: {Type: AWS::SQS::Queue}}", region="ap-northeast-1")
    assert done.problems == () and done.design["region"] == "ap-northeast-1"


def test_param_text_splits_on_spaces_and_semicolons():
    assert parse_param_text("\nA=1;B=x,y  C= \n") == {"A": "1", "B": "x,y", "C": ""}


def doubling_locals(levels: int) -> bytes:
    body = "".join(f'  l{i} = "${{local.l{i - 1}}}${{local.l{i - 1}}}"\n' for i in range(1, levels + 1))
    return (f'locals {{\n  l0 = "xxxxxxxxxxxxxxxx"\n{body}}}\n'
            f'resource "aws_lambda_function" "f" {{\n  memory_size = local.l{levels}\n}}\n').encode()


def unescape(markdown: str) -> str:
    """The text a visitor reads: the panel escapes markdown characters (ui_safe.plain)."""
    return re.sub(r"\\(.)", r"\1", markdown)


HOSTILE_UPLOADS = [
    # (file name, bytes, the English reason, the Japanese reason)
    ("bomb.tf", doubling_locals(20), "too complex to evaluate: the text",
     "複雑すぎて評価できません：テキスト '${local.l15}${local.l15}' は 1,048,576 文字になります"),
    ("deep.tf", b"locals {\n  v = " + b" + ".join([b"1"] * 5000) + b"\n}\n",
     "an expression chains more than 100 operators", "1 つの式に 100 個を超える演算子が連なっています"),
    ("garbage.yaml", bytes(range(256)), "not a UTF-8 text file (byte 0x80 at offset 128)",
     "UTF-8 のテキストファイルではありません（128 バイト目が 0x80）"),
]


@pytest.mark.parametrize("name, data, english, japanese", HOSTILE_UPLOADS, ids=[c[0] for c in HOSTILE_UPLOADS])
def test_a_hostile_upload_is_a_message_and_keeps_the_design(app, name, data, english, japanese):
    before = (app.metric[0].value, app.session_state["design"])
    upload(app, name, data, "text/plain")
    assert not app.exception
    shown = unescape(app.error[0].value)
    assert shown.startswith(f"This template was not imported: {name}") and english in shown, shown
    assert (app.metric[0].value, app.session_state["design"]) == before
    # the same upload in Japanese: the reason is translated, the file name kept
    other = AppTest.from_file(APP, default_timeout=60)
    other.session_state["lang"] = "ja"
    other.run()
    other.session_state["lang"] = "ja"
    upload(other, name, data, "text/plain")
    assert not other.exception
    assert other.error[0].value.startswith(TEXT["failed"]["ja"])
    assert japanese in unescape(other.error[0].value), other.error[0].value


def _refusals() -> list:
    """The importers' refusals, raised by the importers themselves (one of each kind)."""
    from importers import import_text
    from importers.common import EvalBudget, TemplateError, at, unexpected
    from models.messages import msg

    def refused(call) -> object:
        try:
            call()
        except TemplateError as err:
            return err.problems[0]
        raise AssertionError("not refused")

    def budget(**limits):
        return lambda: EvalBudget(**limits).step(10)

    return [
        import_upload("x.yaml", b"x" * 1_000_001).problems[0],
        refused(lambda: import_text('locals {\n  v = ' + " + ".join(["1"] * 200) + "\n}\n", "x.tf")),
        refused(lambda: import_text('locals {\n  v = <<EOF\nnever closed\n}\n', "x.tf")),
        refused(lambda: import_text('{"a": ' + "[" * 70 + "]" * 70 + "}", "x.json")),
        at("x.json", at("R.P", refused(budget(steps=3)))),
        refused(lambda: import_text("a:\n  ? [1]\n  : 2\n", "x.yaml")),
        refused(lambda: import_text(f"x = {'9' * 40}\n", "x.tf")),
        unexpected("x.yaml", TypeError("boom")).problems[0],
        import_upload("x.yaml", b"\xff\xfe").problems[0],
        import_upload("x.yaml", b"Resources: {}", "oops").problems[0],
        msg("import.what_text", "the text {text}", text="'${a}'"),
    ]


def test_japanese_covers_every_refusal_the_importers_raise():
    from i18n.engine_ja import JA, say
    from models.messages import Message

    for problem in _refusals():
        assert isinstance(problem, Message) and problem.id in JA, problem
        japanese = say(problem, "ja")
        assert japanese != problem and re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", japanese), problem
        if problem.id in ("import.at", "import.at_line"):  # the file name comes first in both languages
            assert japanese.startswith(str(problem).split(" ")[0].rstrip(":")), (problem, japanese)
        assert say(problem, "en") == problem  # the English, exactly as the CLI prints it
    assert "PROBLEMS_JA" not in (ROOT / "webapp" / "views" / "import_box.py").read_text(encoding="utf-8")


JAPANESE_UPLOADS = [
    # (file name, bytes, the English the CLI prints, the Japanese the panel shows)
    ("big.yaml", b"x" * 1_000_001, "big.yaml: 1,000,001 bytes is too large to import (limit 1,000,000 bytes per file)",
     "big.yaml：1,000,001 バイトは大きすぎて取り込めません（1 ファイルの上限は 1,000,000 バイト）"),
    ("sjis.yaml", "Resources:  # 日本語\n".encode("shift_jis"),
     "sjis.yaml: not a UTF-8 text file (byte 0x93 at offset 14)",
     "sjis.yaml：UTF-8 のテキストファイルではありません（14 バイト目が 0x93）"),
]


@pytest.mark.parametrize("name, data, english, japanese", JAPANESE_UPLOADS, ids=[c[0] for c in JAPANESE_UPLOADS])
def test_an_oversize_or_non_utf8_upload_is_refused_in_japanese(name, data, english, japanese):
    assert import_upload(name, data).problems == (english,)
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["lang"] = "ja"
    at.run()
    at.session_state["lang"] = "ja"
    upload(at, name, data, "text/plain")
    assert not at.exception
    shown = unescape(at.error[0].value)
    assert shown.startswith(TEXT["failed"]["ja"]) and japanese in shown, shown
    assert english not in shown and "bytes" not in shown and "not a UTF-8" not in shown
