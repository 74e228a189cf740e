"""Test support for the Design page's editors, drawn only while their expander is open (webapp/views/lazy.py):
open them as a click would, so a test can reach their widgets."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def open_editors(at: AppTest) -> AppTest:
    """Every component's editor and the YAML editor opened on the Design page (the page `at` shows), then run."""
    for index in range(len(at.session_state["design"].get("components") or [])):
        at.session_state[f"component_open.{index}"] = True
    at.session_state["yaml_open"] = True
    return at.run()


def open_import(at: AppTest) -> AppTest:
    """The Design page's import panel opened (webapp/views/import_box.py), then run."""
    at.session_state["import_open"] = True
    return at.run()
