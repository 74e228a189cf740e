"""The component editor for Step Functions and EventBridge (AppTest): the order workflow template's fields
follow the workflow type and the EventBridge feature, and changing them reprices the design."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_support import open_editors
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    open_editors(at.selectbox(key="template").set_value("order_workflow").run())
    assert not at.exception and not at.error
    return at


def total(at: AppTest) -> str:
    return at.metric[0].value


def keys(at: AppTest) -> set[str]:
    return {w.key.split(".", 2)[-1] for w in [*at.number_input, *at.selectbox] if w.key and w.key.startswith("r")}


def test_an_express_workflow_shows_its_duration_and_memory_and_standard_its_transitions(app):
    assert {"workflow", "duration_ms", "memory_mb", "kind", "event_kb", "event_source", "entries_per_put"} <= keys(app)
    assert "transitions_per_execution" not in keys(app)  # the template's workflow is Express
    workflow = next(s.key for s in app.selectbox if s.key and s.key.endswith(".workflow"))
    before = total(app)
    app.selectbox(key=workflow).set_value("standard").run()
    assert not app.exception and not app.error  # sync: true is dropped with Express
    assert "transitions_per_execution" in keys(app)
    assert total(app) != before


def test_a_pipe_offers_its_filter_and_drops_the_bus_only_fields(app):
    kind = next(s.key for s in app.selectbox if s.key and s.key.endswith(".kind"))
    app.selectbox(key=kind).set_value("pipe").run()
    assert not app.exception and not app.error
    assert "filter_pass_ratio" in keys(app) and "entries_per_put" not in keys(app)
    ratio = next(n.key for n in app.number_input if n.key.endswith(".filter_pass_ratio"))
    before = total(app)
    app.number_input(key=ratio).set_value(0.5).run()
    assert total(app) != before
