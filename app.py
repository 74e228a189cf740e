"""Serverless Planner — the Streamlit app: a thin shell over planner.py and models/.

Run: streamlit run app.py
"""

from __future__ import annotations

import streamlit as st

from app_state import init_state
from ui_text import LANGUAGES, t

st.set_page_config(page_title="Serverless Planner", layout="wide")
init_state()
lg = st.sidebar.radio(t("language", "en") + " / " + t("language", "ja"), list(LANGUAGES),
                      format_func=LANGUAGES.get, horizontal=True, key="lang")
st.title(t("title", lg))
st.caption(t("tagline", lg))
pages = [
    st.Page("pages/design.py", title=t("page_design", lg), icon="🧮", default=True),
    st.Page("pages/limits.py", title=t("page_limits", lg), icon="🚦"),
    st.Page("pages/prices.py", title=t("page_prices", lg), icon="🏷️"),
]
st.navigation(pages).run()
