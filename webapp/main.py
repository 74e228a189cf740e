"""The Streamlit app's frame: language, quote settings in the sidebar, and the page router.

`app.py` calls `main()`; each page is a script in `webapp/pages/`, a thin shell over `service`.
"""

from __future__ import annotations

import threading

import streamlit as st

from i18n.catalog import LANGUAGES, t
from service.inputs import use_prices
from webapp.state import init_state, prices_source, quote_sidebar, sync_query_params
from webapp.views.account import tx as account_text
from webapp.views.progressive import open_page


def main() -> None:
    """Set up the page, the sidebar and the navigation, then run the chosen page."""
    st.set_page_config(page_title="Serverless Planner", layout="wide")
    init_state()
    lg = st.sidebar.radio(t("language", "en") + " / " + t("language", "ja"), list(LANGUAGES),
                          format_func=LANGUAGES.get, horizontal=True, key="lang",
                          help="Labels, messages and exports in English or Japanese. / 表示・メッセージ・出力の言語。")
    quote_sidebar(lg)
    st.title(t("title", lg))
    st.caption(t("tagline", lg))
    pages = [
        st.Page("webapp/pages/design.py", title=t("page_design", lg), icon="🧮", default=True),
        st.Page("webapp/pages/cost.py", title=t("page_cost", lg), icon="💴"),
        st.Page("webapp/pages/limits.py", title=t("page_limits", lg), icon="🚦"),
        st.Page("webapp/pages/compare.py", title=t("page_compare", lg), icon="⚖️"),
        st.Page("webapp/pages/saved.py", title=t("page_saved", lg), icon="💾"),
        st.Page("webapp/pages/dynamodb.py", title=t("page_dynamodb", lg), icon="🗄️"),
        st.Page("webapp/pages/prices.py", title=t("page_prices", lg), icon="🏷️"),
        st.Page("webapp/pages/account.py", title=account_text("page", lg), icon="☁️"),
    ]
    chosen = st.navigation(pages)
    open_page()  # a new visitor sees the figures first (webapp/views/progressive.py)
    with use_prices(prices_source()):  # the catalog this session chose on the Prices page (no other session's)
        chosen.run()
    sync_query_params()  # the address bar always reopens the current design
    _load_planner_programme()


def _warm_up_planner() -> None:
    from models.dynamodb_planner.compiled import warm_up  # numba: imported here, in the background thread

    warm_up()


@st.cache_resource(show_spinner=False)
def _load_planner_programme() -> threading.Thread:
    """Once per server, after the first page is drawn: load the DynamoDB planner's compiled programme (numba,
    ≈ 0.35 s) in the background, so the planner page's first visit does not wait for it."""
    thread = threading.Thread(target=_warm_up_planner, name="planner-warm-up", daemon=True)
    thread.start()
    return thread
