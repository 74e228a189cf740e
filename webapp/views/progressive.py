"""A new visitor's browser shows the figures first.

A page's light part (the headings, the total and the readiness, the form) comes first in its script; its heavy
part (the data grids, the flow diagram, the charts, the exports and the share box) after. On a session's first
run in a browser the script pauses for a moment after the total and again after the form
(`pause_before_heavy`). Without the pauses the new browser receives every part at once and draws nothing until
it has loaded the scripts of them all (≈ 3.5 MB: the data grid and its Arrow reader, Graphviz, the code box's
highlighter, on top of the form's widgets); with them it draws the total first. Measured with
`bench/bench_browser.py` (README, Performance).

Later runs never pause: an edit (its elements are on the screen already), a switch between pages (the
browser has those scripts by then: a pause only delayed the page, measured), a run without a browser (no
User-Agent header, e.g. Streamlit's AppTest). The page is whole after one run either way: there is no second
run, so no widget value is ever replayed.
"""

from __future__ import annotations

from time import sleep

import streamlit as st

#: seconds each pause of a new visitor's first run lasts (its browser still loads the widgets' scripts)
NEW_VISIT_PAUSE_S = 0.5
#: at most this many pauses in that run (the Design page: after its total, and after its form)
MAX_PAUSES = 2


def in_browser() -> bool:
    """True when a browser is on the other end of this session (it sent a User-Agent header)."""
    try:
        return bool(st.context.headers.get("User-Agent"))
    except Exception:  # noqa: BLE001 - no session context (a bare script run): no browser
        return False


def open_page() -> float:
    """Call once per run before the page runs: the pause (s) this run makes before each heavier part —
    `NEW_VISIT_PAUSE_S` on a browser session's first run, else 0."""
    state = st.session_state
    first = not state.get("_has_run")
    state["_has_run"] = True
    pause = NEW_VISIT_PAUSE_S if first and in_browser() else 0.0
    state["_pause_s"], state["_pauses_made"] = pause, 0
    return pause


def pause_before_heavy() -> None:
    """Where a heavier part of the page begins: the pause `open_page` chose (the part above is sent by then),
    at most `MAX_PAUSES` times in a run."""
    state = st.session_state
    pause, made = state.get("_pause_s", 0.0), state.get("_pauses_made", 0)
    if pause and made < MAX_PAUSES:
        state["_pauses_made"] = made + 1
        sleep(pause)
