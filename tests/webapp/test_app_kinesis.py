"""A design with a Kinesis stream, a consumer, Firehose and its bucket through the app (AppTest): the
Design page edits the stream's fields, and the Limits page shows its checks in English and Japanese."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
DESIGN = {
    "name": "clickstream", "region": "ap-northeast-1", "free_tier": "none",
    "workload": {"requests_per_month": 1500 * 2_628_000},
    "components": [
        {"id": "clicks", "type": "kinesis", "mode": "provisioned", "shards": 1},
        {"id": "consumer", "type": "lambda", "from": "clicks", "batch_size": 200},
        {"id": "archive", "type": "firehose", "from": "clicks"},
        {"id": "lake", "type": "s3", "from": "archive"},
    ],
}


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["design"] = DESIGN
    open_editors(at.run())
    assert not at.exception
    return at


def test_the_limits_page_fails_the_one_shard_stream_in_both_languages(app):
    app.switch_page("webapp/pages/limits.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    rows = {(r["id"], r["Component"]): r for _, r in table.iterrows()}
    assert rows[("kinesis.write", "clicks")]["Status"] == "🔴 fail"
    assert rows[("kinesis.write", "clicks")]["Affected requests / month"] == 500 * 2_628_000
    app.session_state["lang"] = "ja"
    app.run()
    assert not app.exception
    shown = " ".join(str(v) for v in app.dataframe[0].value.astype(str).values.ravel())
    assert "Kinesis の書き込みスループット" in shown


def test_the_design_page_shows_the_streams_fields(app):
    app.switch_page("webapp/pages/design.py").run()
    assert not app.exception
    labels = {w.label for w in app.number_input} | {w.label for w in app.selectbox}
    assert {"Shards", "Record size (KB)", "Retention (hours)", "Capacity mode", "Buffer size (MB)"} <= labels
