"""The Account page's Observe section: read CloudWatch metrics (when the owner allows pulls) or open a saved
observation, see what was observed, and calibrate the current design from it (service/observe.py)."""

from __future__ import annotations

import json

import streamlit as st

from aws.observe import MAX_DAYS, ObserveError
from i18n.engine_ja import say
from models.design.schema import REGIONS, DesignError
from service.observe import calibrate, load_observation_data, read_observation, summary_rows
from webapp.state import set_design
from webapp.views.account import grid, table, tx
from webapp.views.uploader import uploader_words

#: the largest observation file (bytes): server.maxUploadSize, 50 MB in Streamlit's MiB, which the uploader states
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def observe_panel(lg: str, allowed: bool) -> None:
    """Read or open an observation; its table and gaps; the calibrate button."""
    st.subheader(tx("observe.title", lg))
    st.caption(tx("observe.caption", lg))
    cols = st.columns(3)
    region = st.session_state.design.get("region", "us-east-1")
    region = cols[0].selectbox(tx("region", lg), list(REGIONS), index=list(REGIONS).index(region)
                               if region in REGIONS else 0, key="account.observe.region", disabled=not allowed)
    resolution = cols[2].radio(tx("observe.resolution", lg), ["hour", "minute"], key="account.observe.resolution",
                               format_func=lambda r: tx(f"observe.res_{r}", lg), horizontal=True,
                               disabled=not allowed)
    days = cols[1].number_input(tx("observe.days", lg), min_value=1, max_value=MAX_DAYS[str(resolution)], value=14,
                                step=1, key="account.observe.days", disabled=not allowed)
    if st.button(tx("observe.read", lg), key="account.observe.read", disabled=not allowed):
        try:
            st.session_state["account.observation"] = read_observation(None, str(region), int(days), str(resolution))
        except ObserveError as err:
            st.error(say(str(err), lg))
    _upload(lg)
    data = st.session_state.get("account.observation")
    if data:
        _show(data, lg)


def _upload(lg: str) -> None:
    upload = st.file_uploader(tx("observe.upload", lg), type=["json"], key="account.observe.upload")
    uploader_words("account.observe.upload", 50, ["json"], lg)  # 50: server.maxUploadSize
    if upload is None or upload.file_id == st.session_state.get("account.observe.upload_id"):
        return
    st.session_state["account.observe.upload_id"] = upload.file_id
    try:
        if upload.size > MAX_UPLOAD_BYTES:
            raise ObserveError(tx("observe.too_large", lg))
        st.session_state["account.observation"] = load_observation_data(json.loads(upload.getvalue()), upload.name)
    except (ObserveError, ValueError) as err:
        st.error(say(str(err), lg) if isinstance(err, ObserveError) else tx("observe.not_json", lg))


def _show(data: dict, lg: str) -> None:
    rows = summary_rows(data)
    st.caption(tx("observe.window", lg, start=str(data["start"]), hours=str(data["hours"]), region=str(data["region"])))
    if rows:
        grid(table(rows, lg), "observe.table", lg)
    else:
        st.info(tx("observe.nothing", lg))
    for record in data.get("gaps") or []:
        st.warning(f"{record['service']} {record['operation']} ({record.get('item', '')}): {record['code']} "
                   f"({record['kind']}) — {record['message']}")
    st.button(tx("observe.calibrate", lg), key="account.observe.calibrate", on_click=_calibrate, args=(data,),
              disabled=not rows)
    message = st.session_state.pop("account.observe.message", None)
    if message:
        kind, key, lines = message
        getattr(st, kind)(tx(key, lg) + ("\n\n" + "\n".join(f"- {say(line, lg)}" for line in lines) if lines else ""))


def _calibrate(data: dict) -> None:
    """Button callback: the current design calibrated from the observation."""
    try:
        result = calibrate(st.session_state.design, data)
    except DesignError as err:
        st.session_state["account.observe.message"] = ("error", "observe.not_calibrated", err.problems[:1])
        return
    set_design(result.data, st.session_state.get("design_label", "design"))
    st.session_state["account.observe.message"] = ("success", "observe.calibrated",
                                                   result.provenance + result.assumptions)
