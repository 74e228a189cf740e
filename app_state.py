"""Session state shared by the app's pages: the current design and how it changes.

`st.session_state.design` is the design mapping being edited — the single source of truth.
Widgets write into it through callbacks, so edits survive switching pages; loading a template,
a file or YAML replaces it and bumps `rev`, which gives every widget a fresh key.
"""

from __future__ import annotations

import streamlit as st

from models.design import DesignError
from models.design_text import load_design_data
from models.estimate import Estimate
from planner import estimate_data
from templates import template_keys, template_text
from ui_fields import apply_edits


@st.cache_data(show_spinner=False)
def template_data(key: str) -> dict:
    """A bundled template as a design mapping (cached; callers get a copy)."""
    return load_design_data(template_text(key))


def init_state() -> None:
    """First run of a session: start from the first template, in English."""
    if "design" not in st.session_state:
        first = template_keys()[0]
        st.session_state.template = first
        set_design(template_data(first), first)
    st.session_state.setdefault("lang", "en")


def set_design(data: dict, label: str) -> None:
    """Make `data` the current design; widgets restart from its values."""
    st.session_state.design = data
    st.session_state.design_label = label
    st.session_state.rev = st.session_state.get("rev", 0) + 1


def edit_top(field: str, widget_key: str) -> None:
    """Widget callback: a top-level field (region, free_tier, requests_per_month) changed."""
    st.session_state.design = apply_edits(st.session_state.design, {}, {field: st.session_state[widget_key]})


def edit_component(index: int, field: str, widget_key: str) -> None:
    """Widget callback: one component field changed (None removes it)."""
    value = st.session_state[widget_key]
    st.session_state.design = apply_edits(st.session_state.design, {(index, field): value}, {})


def current_estimate() -> tuple[Estimate | None, list[str]]:
    """The estimate of the current design, or (None, problems) when it is invalid."""
    try:
        return estimate_data(st.session_state.design), []
    except DesignError as err:
        return None, err.problems


def lang() -> str:
    """The UI language: "en" or "ja"."""
    return st.session_state.get("lang", "en")
