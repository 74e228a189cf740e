"""Expanders whose content is drawn only while they are open (issue 14: page switches and edits).

A plain `st.expander` sends its content on every run, open or closed, and the browser builds all of it: a closed
"details" table (every line item with its formula and source, every check with its consequence) cost a page
switch more than its grid did (measured with bench/bench_browser.py, README › Performance). Streamlit's
`on_change="rerun"` expander tracks whether it is open, so the page draws such a table only when asked; opening it
is one more run of the page.
"""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator


def opened(label: str, key: str, expanded: bool = False) -> DeltaGenerator | None:
    """An expander that reruns the page when it is opened or closed: the container to draw into while it is open,
    None while it is closed (draw nothing then). `key` keeps its state in `st.session_state` for the session's
    runs on this page."""
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    return box if box.open else None
