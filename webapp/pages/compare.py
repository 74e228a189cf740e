"""Compare page: two to four designs side by side, and their cost against scale with break-even points."""

from __future__ import annotations

from functools import partial

import streamlit as st

from i18n.catalog import t, template_name, tf
from i18n.engine_ja import say
from models.design.schema import DesignError
from render.quote.report import design_words
from service import design_summary
from storage.designs import DesignStore, StorageError
from templates import template_keys
from webapp.charts import compare_chart
from webapp.state import cached_plan, design_key, init_state, lang, quote_settings, template_data
from webapp.views.cards import card_list, responsive_chart, responsive_style, row_cards, wide
from webapp.views.compare import (
    break_even_frame,
    break_even_sentences,
    break_evens,
    compare_table,
    curves_frame,
    sweep_totals,
    sweep_volumes,
)
from webapp.views.lazy import opened
from webapp.views.progressive import pause_before_heavy
from webapp.views.safe import plain

MAX_DESIGNS = 4
#: the design a template is most often compared with (the talk's before/after pairs)
VARIANTS = {"photo_thumbnails": "photo_thumbnails_sqs", "photo_thumbnails_sqs": "photo_thumbnails",
            "save_app_data": "authenticated_api", "authenticated_api": "save_app_data"}


def summary_of(data: dict) -> dict:
    """service.design_summary of a design, from its cached Plan (the summary cached by the same key)."""
    key = design_key(data)
    return design_summary(data, cached_plan(data)) if key is None else _summary_by_key(key, data)


@st.cache_data(show_spinner=False, max_entries=128)
def _summary_by_key(key: str, _data: dict) -> dict:
    return design_summary(_data, cached_plan(_data))


def sweep_of(data: dict, case: str) -> list[float]:
    """Monthly USD totals of one case of a design at the chart's volumes (cached by the design's key)."""
    key = design_key(data)
    return sweep_totals(data, case) if key is None else _sweep_by_key(key, data, case)


@st.cache_data(show_spinner=False, max_entries=256)
def _sweep_by_key(key: str, _data: dict, case: str) -> list[float]:
    return sweep_totals(_data, case)


def options(store: DesignStore) -> list[str]:
    """What can be compared: the current design, every template, every saved design."""
    saved = []
    try:
        saved = [f"saved:{name}" for name in store.names()]
    except OSError:
        pass  # an unreadable folder just offers no saved designs
    return ["current"] + [f"template:{k}" for k in template_keys()] + saved


def label_of(option: str, lg: str) -> str:
    kind, _, name = option.partition(":")
    if kind == "current":
        # an untouched template's name in the screen's language, as on the Design page
        return tf("src_current", lg, name=design_words(st.session_state.design, lg)[0])
    if kind == "template":
        return tf("src_template", lg, name=template_name(name, template_data(name)["name"], lg))
    return tf("src_saved", lg, name=name)


def design_of(option: str, store: DesignStore) -> dict:
    kind, _, name = option.partition(":")
    if kind == "current":
        return st.session_state.design
    if kind == "template":
        return template_data(name)
    return store.load(name)


def default_pick(available: list[str]) -> list[str]:
    """The current design and its usual variant (or the first other template)."""
    current = st.session_state.get("design_label", "")
    variant = VARIANTS.get(current)
    second = f"template:{variant}" if variant else next(
        (o for o in available if o.startswith("template:") and o != f"template:{current}"), None)
    return ["current"] + ([second] if second in available else [])


def page() -> None:
    lg = lang()
    settings = quote_settings()
    st.subheader(t("compare_title", lg))
    st.caption(t("compare_caption", lg))
    store = DesignStore()
    available = options(store)
    if "compare_pick" in st.session_state:  # a saved design deleted since: drop it from the pick
        st.session_state.compare_pick = [o for o in st.session_state.compare_pick if o in available]
    picked = st.multiselect(t("compare_pick", lg), available, default=None if "compare_pick" in st.session_state
                            else default_pick(available), max_selections=MAX_DESIGNS, key="compare_pick",
                            format_func=lambda o: label_of(o, lg), help=t("compare_pick_help", lg),
                            placeholder=t("compare_pick_placeholder", lg))  # not Streamlit's English "Choose options"
    if len(picked) < 2:
        st.info(t("compare_need_two", lg))
        return
    summaries, sweeps, labels, skipped = [], [], [], []
    with st.spinner(t("computing", lg)):
        for option in picked:
            label = label_of(option, lg)
            try:
                data = design_of(option, store)
                summary = summary_of(data)
                cases = list(summary["totals_usd"])
                sweeps.append({case: sweep_of(data, case) for case in cases})
            except (DesignError, StorageError) as err:
                problems = getattr(err, "problems", None) or [str(err)]
                skipped.append(f"**{plain(label)}**: " + "; ".join(plain(say(p, lg)) for p in problems))
                continue
            summaries.append(summary)
            labels.append(label)
    if skipped:
        st.warning(t("compare_skipped", lg) + "\n\n" + "\n".join(f"- {s}" for s in skipped))
    if len(summaries) < 2:
        st.info(t("compare_need_two", lg))
        return
    pause_before_heavy()  # a new visitor (a link to this page): the pick before the table and the chart
    table = compare_table(summaries, labels, settings, lg)
    cur = t(f"cur_{settings.currency}", lg)
    key_columns = [t("col_design", lg), tf("col_monthly", lg, cur=cur), t("col_range", lg), tf("col_year", lg, cur=cur),
                   t("col_worst", lg)]
    shown = [c for c in key_columns if c in table.columns]
    responsive_style()  # a phone gets the designs as cards (webapp/views/cards.py), not a grid cut after one column
    with wide("compare"):
        st.dataframe(table, key="compare_table", hide_index=True, column_order=shown,
                     column_config={shown[0]: st.column_config.TextColumn(width="medium")})
    card_list(row_cards(table.to_dict("records"), shown[0], shown[1] if len(shown) > 1 else None,
                        shown[2:]), "compare")
    details = opened(t("page.design.compare_details", lg), key="compare_details")
    if details is not None:
        details.table(table[[shown[0]] + [c for c in table.columns if c not in shown]])
    volumes = sweep_volumes()
    points = break_evens(volumes, sweeps, labels)
    log_y = st.checkbox(t("compare_log_y", lg), value=True, key="compare_log_y", help=t("compare_log_y_help", lg))
    cur = t(f"cur_{settings.currency}", lg)
    curves, markers = curves_frame(volumes, sweeps, labels, settings), break_even_frame(points, labels, settings, lg)
    responsive_chart("compare_chart", partial(compare_chart, curves, markers, title=t("compare_chart", lg),
                                              x_title=t("axis_requests", lg), y_title=tf("axis_cost", lg, cur=cur),
                                              currency=settings.currency, log_y=log_y,
                                              marker_label=t("break_even_marker", lg)))
    st.markdown(f"**{t('break_even', lg)}**")
    sentences = break_even_sentences(points, labels, settings, lg)
    st.markdown("\n".join(f"- {s}" for s in sentences) if sentences else t("no_break_even", lg))
    st.caption(t("compare_notes", lg))


init_state()  # a deep link in a new session can run this page without app.py
page()
