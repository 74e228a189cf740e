"""The Design page's import box with a serverless.yml (AppTest), and its pure upload function."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import open_import
from streamlit.testing.v1 import AppTest

from importers import import_path
from service import estimate_data
from webapp.views.import_box import import_upload

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
SAMPLE = ROOT / "tests" / "import_samples" / "serverless_orders.yml"


@pytest.fixture
def app() -> AppTest:
    at = open_import(AppTest.from_file(APP, default_timeout=60).run())  # the panel opened, as a click does
    assert not at.exception
    return at


def test_uploading_a_serverless_yml_makes_it_the_design(app):
    before = app.metric[0].value
    app.file_uploader(key="import_upload").upload(SAMPLE.name, SAMPLE.read_bytes(), "application/x-yaml").run()
    assert not app.exception and not app.error
    # a serverless.yml names its own region (provider.region), like a Terraform provider
    expected = import_path(SAMPLE).design
    assert app.session_state["design"] == expected and expected["region"] == "ap-northeast-1"
    assert app.metric[0].value != before
    assert estimate_data(expected).total_usd > 0
    assert app.success[0].value == "Imported serverless_orders.yml — 9 components"
    report = "\n".join(m.value for m in app.markdown)
    assert "plugins not run: serverless-offline, serverless-iam-roles-per-function" in report
    assert "WorkerLambdaFunctionEventSourceMappingSQS0 (AWS::Lambda::EventSourceMapping): wires WorkQueue" in report


def test_the_stage_is_given_in_the_parameter_box(app):
    app.text_input(key="import_params").input("opt:stage=prod workerBatch=7").run()
    app.file_uploader(key="import_upload").upload(SAMPLE.name, SAMPLE.read_bytes(), "application/x-yaml").run()
    assert not app.exception and not app.error
    worker = next(c for c in app.session_state["design"]["components"] if c["id"] == "worker")
    assert worker["memory_mb"] == 1024  # custom.memory.prod
    assert app.session_state["design"]["name"] == "orders (prod)"


def test_an_unresolved_variable_is_listed_in_the_panel():
    text = SAMPLE.read_text().replace("runtime: nodejs20.x", "runtime: ${ssm:/orders/runtime}")
    outcome = import_upload("serverless.yml", text.encode("utf-8"))
    assert outcome.problems == ()
    assert any(line.startswith("provider.runtime: variable ${ssm:/orders/runtime} cannot be resolved")
               for line in outcome.report["unresolved"])
    assert any("runtime left at the design default (python)" in line for line in outcome.report["unresolved"])


def test_a_serverless_refusal_is_shown_in_japanese(app):
    app.session_state["lang"] = "ja"
    app.run()
    app.session_state["lang"] = "ja"
    open_import(app)  # a new language's label: the panel opens again
    app.session_state["lang"] = "ja"
    app.file_uploader(key="import_upload").upload("serverless.yml", b"service: s\nprovider: {name: azure}\n",
                                                  "application/x-yaml").run()
    assert not app.exception
    assert "プロバイダー 'azure' は AWS ではありません" in app.error[0].value


def test_the_serverless_report_lines_are_shown_in_japanese(app):
    app.session_state["lang"] = "ja"
    app.run()
    app.session_state["lang"] = "ja"
    open_import(app)  # a new language's label: the panel opens again
    app.session_state["lang"] = "ja"
    app.file_uploader(key="import_upload").upload(SAMPLE.name, SAMPLE.read_bytes(), "application/x-yaml").run()
    assert not app.exception and not app.error
    report = "\n".join(m.value for m in app.markdown)
    assert "プラグインは実行していません：serverless-offline, serverless-iam-roles-per-function" in report
