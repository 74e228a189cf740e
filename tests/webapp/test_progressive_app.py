"""A new visitor's browser draws the figures first (webapp/views/progressive.py): the session's first run of the
Design page pauses after the total and the readiness, and again after the form, before the heavy part (the
grids, the diagram, the exports); an edit, a switch to another page and a run without a browser never pause. The page is
always whole after one run. AppTest has no browser, so the browser check (`in_browser`) is replaced here;
the browser test checks the order in which Chromium draws them
(test_an_opened_page_shows_its_total_before_its_grids_and_then_the_rest_without_a_click)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from webapp.views import progressive

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The pauses the runs make, as a browser session (the sleep itself skipped)."""
    made: list[float] = []
    monkeypatch.setattr(progressive, "in_browser", lambda: True)
    monkeypatch.setattr(progressive, "sleep", made.append)
    return made


def requests_box(at: AppTest):
    return next(box for box in at.number_input if str(box.key).endswith(".requests"))


def test_without_a_browser_no_run_pauses(monkeypatch):
    made: list[float] = []
    monkeypatch.setattr(progressive, "sleep", made.append)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception and len(at.dataframe) == 2 and made == []


def test_a_new_visitor_pauses_once_and_gets_the_whole_page_in_one_run(pauses):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert not at.exception, at.exception
    assert pauses == [progressive.NEW_VISIT_PAUSE_S] * 2
    assert at.metric[0].value.startswith("$") and requests_box(at).value > 0
    assert len(at.dataframe) == 2 and len(at.get("download_button")) >= 6  # the heavy part, same run


def test_an_edit_and_a_switch_never_pause(pauses):
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    requests_box(at).set_value(4_000_000).run()
    assert pauses == [progressive.NEW_VISIT_PAUSE_S] * 2  # the edit: none
    at.switch_page("webapp/pages/limits.py").run()
    assert not at.exception, at.exception
    assert at.metric and len(at.dataframe) >= 1
    at.switch_page("webapp/pages/compare.py").run()
    assert not at.exception, at.exception
    assert pauses == [progressive.NEW_VISIT_PAUSE_S] * 2


def test_the_pauses_come_after_the_total_and_after_the_form_and_before_the_grids(pauses, monkeypatch):
    """What has been drawn at each pause: first the total (not yet the form), then the form (not yet a grid)."""
    drawn_at_pause: list[tuple[bool, bool]] = []
    import streamlit as st

    real_dataframe = st.dataframe
    grids: list[int] = []

    def counting_dataframe(*args, **kwargs):
        grids.append(1)
        return real_dataframe(*args, **kwargs)

    real_number_input = st.number_input
    boxes: list[int] = []

    def counting_number_input(*args, **kwargs):
        if str(kwargs.get("key", "")).endswith(".requests"):  # the form's first box (the sidebar has others)
            boxes.append(1)
        return real_number_input(*args, **kwargs)

    monkeypatch.setattr(progressive, "sleep", lambda s: drawn_at_pause.append((bool(boxes), bool(grids))))
    monkeypatch.setattr(st, "dataframe", counting_dataframe)
    monkeypatch.setattr(st, "number_input", counting_number_input)
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    assert drawn_at_pause == [(False, False), (True, False)] and grids and at.metric
