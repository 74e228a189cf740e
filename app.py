"""Serverless Planner — the Streamlit app: a thin shell over planner.py and models/.

Run: streamlit run app.py
"""

from __future__ import annotations

import streamlit as st

from app_state import init_state, quote_sidebar, sync_query_params
from ui_account import tx as account_text
from ui_text import LANGUAGES, t

st.set_page_config(page_title="Serverless Planner", layout="wide")
init_state()
lg = st.sidebar.radio(t("language", "en") + " / " + t("language", "ja"), list(LANGUAGES),
                      format_func=LANGUAGES.get, horizontal=True, key="lang",
                      help="Labels, messages and exports in English or Japanese. / 表示・メッセージ・出力の言語。")
quote_sidebar(lg)
st.title(t("title", lg))
st.caption(t("tagline", lg))
pages = [
    st.Page("app_pages/design.py", title=t("page_design", lg), icon="🧮", default=True),
    st.Page("app_pages/cost.py", title=t("page_cost", lg), icon="💴"),
    st.Page("app_pages/limits.py", title=t("page_limits", lg), icon="🚦"),
    st.Page("app_pages/compare.py", title=t("page_compare", lg), icon="⚖️"),
    st.Page("app_pages/saved.py", title=t("page_saved", lg), icon="💾"),
    st.Page("app_pages/dynamodb.py", title=t("page_dynamodb", lg), icon="🗄️"),
    st.Page("app_pages/prices.py", title=t("page_prices", lg), icon="🏷️"),
    st.Page("app_pages/account.py", title=account_text("page", lg), icon="☁️"),
]
st.navigation(pages).run()
sync_query_params()  # the address bar always reopens the current design
