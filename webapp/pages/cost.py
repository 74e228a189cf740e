"""Cost page: the current design's estimate at full width — totals, line items with sources,
the cost chart, exports and the share link (the design itself is edited on the Design page)."""

from __future__ import annotations

import streamlit as st

from i18n.catalog import t
from webapp.state import init_state, lang
from webapp.views.results import estimate_panel

init_state()  # a deep link in a new session can run this page without app.py
estimate_panel(st.session_state.design, lang(), page_title=t("page_cost", lang()))  # one heading: "Cost — <name>"
