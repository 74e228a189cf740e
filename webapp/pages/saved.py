"""Saved designs page: save the current design to a folder on disk; list, open, duplicate, rename
and delete saved designs. Nothing is overwritten or deleted without a second, explicit click, and a
replacement only replaces the version the user was shown (storage.designs compare-and-swap): if
another tab or program saved in between, the user is told and asked again, and the current design
stays as it is. A saved file that does not open is listed with the reason and can still be deleted."""

from __future__ import annotations

import copy
from datetime import datetime

import pandas as pd
import streamlit as st

from i18n.catalog import format_date, t, template_name, tf
from i18n.engine_ja import say
from models.design.schema import DesignError
from service import estimate_data
from service.inputs import catalog_key
from storage.designs import DesignChanged, DesignExists, DesignStore, StorageError, check_name, name_key
from templates import template_keys
from webapp.state import design_template, design_text, init_state, lang, set_design, template_data
from webapp.views.cards import Card, card_list, responsive_style, wide
from webapp.views.safe import plain, problem_lines, storage_message


def store() -> DesignStore:
    return DesignStore()


def problem_text(err: DesignError, lg: str) -> str:
    """A design file's first problem, one line, in the UI's language."""
    return say(err.problems[0], lg) if err.problems else t("saved_broken", lg)


def flash(kind: str, text: str) -> None:
    """A message shown once, at the top of the next run."""
    st.session_state.saved_flash = (kind, text)


def remember_version(name: str, version: str | None) -> None:
    """The version of a saved design this session last opened or saved (to tell when it changed since)."""
    st.session_state.saved_seen = {"key": name_key(name), "version": version}


def ask_overwrite(typed: str, err: StorageError, *, changed: bool = False) -> None:
    """Ask before replacing `err.values["name"]`; the answer replaces exactly the version shown."""
    existing = err.values.get("name") or typed
    seen = st.session_state.get("saved_seen") or {}
    when = err.values.get("when")
    if (not changed and seen.get("key") == name_key(existing)
            and seen.get("version") not in (None, err.values.get("version"))):
        changed = True  # this session opened or saved it, and someone else has saved it since
    if changed and not when:
        try:
            path = store().path(existing)
            when = f"{datetime.fromtimestamp(path.stat().st_mtime):%Y-%m-%d %H:%M:%S}"
        except (OSError, StorageError):
            when = "?"
    st.session_state.pending_overwrite = {"name": existing, "typed": typed, "version": err.values.get("version"),
                                          "changed": changed, "when": when}


def on_save() -> None:
    lg = lang()
    name = st.session_state.get("save_name", "")
    try:
        saved = store().save(name, st.session_state.design, template=design_template())
        remember_version(saved.stem, store().version(saved.stem))
        flash("success", tf("saved_ok", lg, name=plain(saved.stem)))
    except DesignExists as err:
        ask_overwrite(check_name(name), err)
    except StorageError as err:
        flash("error", storage_message(err, lg))


def on_overwrite(confirmed: bool) -> None:
    lg = lang()
    pending = st.session_state.pop("pending_overwrite", None)
    if not (confirmed and pending):
        return
    name = pending["name"]
    try:
        saved = store().save(name, st.session_state.design, overwrite=True, expected_version=pending["version"],
                             template=design_template())
        remember_version(saved.stem, store().version(saved.stem))
        flash("success", tf("saved_ok", lg, name=plain(saved.stem)))
    except DesignChanged as err:  # saved elsewhere while the question was open: tell, and ask again
        flash("error", storage_message(err, lg))
        ask_overwrite(pending.get("typed", name), err, changed=True)
    except StorageError as err:
        flash("error", storage_message(err, lg))


def _picked() -> str:
    """The saved design the Open/Duplicate/Rename buttons act on (drawn only under the non-empty list's pick)."""
    name = st.session_state.get("saved_pick")
    if not isinstance(name, str):
        raise RuntimeError("no saved design is picked")
    return name


def on_open() -> None:
    lg = lang()
    name = _picked()
    try:
        data, version = store().load_versioned(name)
        template = store().template(name)
        from service import validate

        validate(data)  # before replacing the current design
    except StorageError as err:
        flash("error", storage_message(err, lg))
        return
    except DesignError as err:
        flash("error", t("design_error", lg) + "\n\n" + problem_lines(err.problems, lg))
        return
    except Exception as err:  # noqa: BLE001 - a file the validator did not foresee: a message, never a traceback
        flash("error", tf("saved_open_failed", lg, name=plain(name),
                          reason=plain(tf("unexpected_error", lg, error=type(err).__name__, detail=str(err)))[:300]))
        return
    set_design(data, f"saved:{name}", template)  # saved again, it keeps the template it started from
    st.session_state.opened_saved = {"name": name, "data": copy.deepcopy(data)}  # the Design page names it
    remember_version(name, version)
    flash("success", tf("opened", lg, name=plain(name)))


def free_copy_name(names: list[str], name: str, lg: str) -> str:
    """"name (copy)", then "name (copy) 2", ... — the first one not taken."""
    base = tf("copy_suffix", lg, name=name)
    candidate, number = base, 2
    taken = {name_key(n) for n in names}  # the store's idea of "the same name"
    while name_key(candidate) in taken:
        candidate, number = f"{base} {number}", number + 1
    return candidate


def on_duplicate() -> None:
    lg = lang()
    name = _picked()
    try:
        target = free_copy_name(store().names(), name, lg)
        store().duplicate(name, target)
        st.session_state.saved_pick = target
        flash("success", tf("duplicated", lg, name=plain(target)))
    except StorageError as err:
        flash("error", storage_message(err, lg))


def on_rename() -> None:
    lg = lang()
    name = _picked()
    new_name = st.session_state.get(f"saved_new_name.{name}", "")
    try:
        target = store().rename(name, new_name)
        st.session_state.saved_pick = target.stem
        seen = st.session_state.get("saved_seen") or {}
        if seen.get("key") == name_key(name):  # the version this session knows moved with the name
            remember_version(target.stem, seen.get("version"))
        opened = st.session_state.get("opened_saved")
        if opened and opened["name"] == name and st.session_state.get("design_label") == f"saved:{name}":
            opened["name"] = target.stem  # the Design page names the open design by its new name
            st.session_state.design_label = f"saved:{target.stem}"
        flash("success", tf("renamed", lg, name=plain(target.stem)))
    except StorageError as err:
        flash("error", storage_message(err, lg))


def on_delete(confirmed: bool | None) -> None:
    """First click (None) asks; then True deletes and False cancels."""
    lg = lang()
    if confirmed is None:
        st.session_state.pending_delete = st.session_state.get("saved_pick")
        return
    name = st.session_state.pop("pending_delete", None)
    if not (confirmed and name):
        return
    try:
        store().delete(name)
        st.session_state.pop("saved_pick", None)
        flash("success", tf("deleted", lg, name=plain(name)))
    except StorageError as err:
        flash("error", storage_message(err, lg))


def template_title(key: str | None, lg: str) -> str:
    """A bundled template's name as the template picker shows it in `lg`; "—" for none, the id itself for a template
    this version no longer ships."""
    if key is None:
        return "—"
    return template_name(key, template_data(key)["name"], lg) if key in template_keys() else key


def saved_table(saved, lg: str) -> pd.DataFrame:
    """One row per saved file; one that does not open says why (it can still be picked and deleted)."""
    rows = []
    for item in saved:
        problem, region, total = "", "", None
        try:
            data, version = store().load_versioned(item.name)
            title, region = design_text(data, "name", lg), str(data.get("region", "us-east-1"))
            total = saved_total_usd(item.name, version, catalog_key(region), data)
        except StorageError as err:
            title, problem = t("saved_broken", lg), storage_message(err, lg)
        except DesignError as err:
            title, problem = t("saved_broken", lg), problem_text(err, lg)
        rows.append({t("col_saved_name", lg): item.name, t("col_design_name", lg): title,
                     t("template", lg): template_title(item.template, lg),
                     t("region", lg): region, t("col_saved_total", lg): total,
                     t("col_modified", lg): f"{format_date(item.modified.date(), lg)} {item.modified:%H:%M}",
                     t("col_saved_problem", lg): problem})
    return pd.DataFrame(rows)


def saved_cards(table: pd.DataFrame, lg: str) -> list[Card]:
    """A card per saved design: the name it was saved under and its monthly total, then the design's own name,
    the template it started from, its region, when it was saved and, for a file that does not open, why."""
    total = t("col_saved_total", lg)
    return [Card(str(row[t("col_saved_name", lg)]),
                 "" if row[total] is None or row[total] != row[total] else f"${row[total]:,.2f}",
                 (str(row[t("col_design_name", lg)]), tf("saved_template_line", lg, name=row[t("template", lg)]),
                  *(str(row[t(column, lg)]) for column in ("region", "col_modified", "col_saved_problem"))))
            for row in table.to_dict("records")]


@st.cache_data(show_spinner=False, max_entries=256)
def saved_total_usd(name: str, version: str | None, prices: str, _data: dict) -> float | None:
    """A saved design's expected monthly total in USD (cached per file version and the prices, `catalog_key`;
    None when it does not price)."""
    try:
        return float(estimate_data(_data).total_usd)
    except DesignError:
        return None


def save_section(lg: str) -> None:
    st.markdown(f"**{t('save_current', lg)}**")
    st.text_input(t("save_name", lg), value=str(st.session_state.design.get("name", ""))[:80], key="save_name",
                  max_chars=80, help=t("save_name_help", lg))
    st.button(t("save", lg), key="save_btn", on_click=on_save, type="primary")
    pending = st.session_state.get("pending_overwrite")
    if isinstance(pending, dict):
        name = plain(pending["name"])
        if pending.get("changed"):
            st.warning(tf("overwrite_ask_changed", lg, name=name, when=plain(pending.get("when") or "?")))
        elif pending.get("typed") and pending["typed"] != pending["name"]:
            st.warning(tf("overwrite_ask_similar", lg, name=name))
        else:
            st.warning(tf("overwrite_ask", lg, name=name))
        cols = st.columns(2)
        cols[0].button(t("overwrite_yes", lg), key="overwrite_yes", on_click=on_overwrite, args=(True,))
        cols[1].button(t("cancel", lg), key="overwrite_cancel", on_click=on_overwrite, args=(False,))


def list_section(lg: str) -> None:
    st.markdown(f"**{t('saved_list', lg)}**")
    try:
        saved = store().list()
    except StorageError as err:
        st.error(storage_message(err, lg))
        return
    except OSError as err:
        st.error(tf("storage_failed", lg, message=plain(err.strerror or err)))
        return
    if not saved:
        st.info(t("saved_empty", lg))
        return
    table = saved_table(saved, lg)
    responsive_style()  # a phone gets a card per saved design instead of the grid (ux.md F4)
    with wide("saved"):
        st.dataframe(table, key="saved_table", hide_index=True, column_config={
            t("col_saved_total", lg): st.column_config.NumberColumn(format="$%.2f")})
    card_list(saved_cards(table, lg), "saved")
    names = [item.name for item in saved]
    if st.session_state.get("saved_pick") not in names:
        st.session_state.pop("saved_pick", None)
    pick = st.selectbox(t("saved_pick", lg), names, key="saved_pick", help=t("saved_pick_help", lg))
    cols = st.columns(3)
    cols[0].button(t("open", lg), key="saved_open", on_click=on_open, type="primary")
    cols[1].button(t("duplicate", lg), key="saved_duplicate", on_click=on_duplicate)
    cols[2].button(t("delete", lg), key="saved_delete", on_click=on_delete, args=(None,))
    if st.session_state.get("pending_delete") == pick:
        st.warning(tf("delete_ask", lg, name=plain(pick)))
        answer = st.columns(2)
        answer[0].button(t("delete_yes", lg), key="saved_delete_yes", on_click=on_delete, args=(True,))
        answer[1].button(t("cancel", lg), key="saved_delete_cancel", on_click=on_delete, args=(False,))
    rename_row = st.columns([3, 1], vertical_alignment="bottom")
    rename_row[0].text_input(t("new_name", lg), value=pick or "", key=f"saved_new_name.{pick}", max_chars=80,
                             help=t("new_name_help", lg))
    rename_row[1].button(t("rename", lg), key="saved_rename", on_click=on_rename)


def page() -> None:
    lg = lang()
    st.subheader(t("page_saved", lg))
    st.caption(tf("saved_caption", lg, folder=plain(store().folder)))  # "_" in a path is not italics
    message = st.session_state.pop("saved_flash", None)
    if message:
        getattr(st, message[0])(message[1])
    save_section(lg)
    st.divider()
    list_section(lg)


init_state()  # a deep link in a new session can run this page without app.py
page()
