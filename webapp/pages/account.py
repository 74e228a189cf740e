"""Account page: pull live settings (when the server's owner allows it) or open a snapshot file;
see limits, resources and gaps; compare with the design; use the limits or import a design;
see which price catalog is in use and what a refresh changed."""

from __future__ import annotations

import copy
import os

import streamlit as st

from aws import (
    ImportProblem,
    SnapshotError,
    account_diff,
    available_profiles,
    import_design,
    limit_sources,
    limits_source,
    parse_snapshot,
    pull,
    resource_names,
    snapshot_limits,
)
from aws.errors import BAD_RESPONSE, DEADLINE
from aws.guard import DEFAULT_DEADLINE_S, DEFAULT_MAX_RESPONSE_BYTES
from aws.price_list import RefreshError, cached_catalog_info, catalog_changes, catalog_dir, refresh_catalog
from aws.report import diff_rows, gap_rows, limit_rows, quota_rows, resource_rows
from aws.snapshot import SnapshotFieldProblem, check, gaps
from i18n.catalog import t
from i18n.engine_ja import say
from models.design.schema import COMMERCIAL_REGION, REGIONS, Design, DesignError
from models.messages import msg
from pricing.catalog import load_catalog, unpriced_ids
from webapp.state import lang, set_design
from webapp.views.account import PULL_ENV, grid, table, tx
from webapp.views.cards import responsive_style
from webapp.views.observe_panel import observe_panel
from webapp.views.uploader import uploader_words

MAX_UPLOAD_BYTES = 50_000_000
KINDS = ("functions", "apis", "tables", "buckets", "queues")


def pull_allowed() -> bool:
    """Pulling reads the server's own account: only when its owner switched it on."""
    return os.environ.get(PULL_ENV) == "1"


def limits_supported() -> bool:
    """Does the design format accept a `limits:` block yet?"""
    return "limits" in Design.model_fields


def pull_panel(lg: str) -> None:
    """Profile and region pickers and the pull button (disabled unless allowed)."""
    allowed = pull_allowed()
    st.warning(tx("server_account", lg))
    if not allowed:
        st.info(tx("disabled", lg))
    default = tx("default_chain", lg)
    profiles = [default] + (available_profiles() if allowed else [])
    cols = st.columns(2)
    chosen = cols[0].multiselect(tx("profiles", lg), profiles, default=[default], key="account.profiles",
                                 disabled=not allowed, help=tx("profiles_help", lg),
                                 placeholder=tx("profiles_placeholder", lg))
    region = st.session_state.design.get("region", "us-east-1")
    regions = cols[1].multiselect(tx("regions", lg), list(REGIONS), default=[region] if region in REGIONS else [],
                                  key="account.regions", disabled=not allowed,
                                  placeholder=tx("regions_placeholder", lg))
    if st.button(tx("pull", lg), key="account.pull", disabled=not allowed or not regions, type="primary"):
        bar = st.progress(0.0, text=tx("pulling", lg))

        def progress(done: int, total: int, what: str) -> None:
            bar.progress(done / total, text=f"{tx('pulling', lg)} {what}")

        with st.spinner(tx("pulling", lg)):
            names = [None if p == default else p for p in chosen] or [None]
            st.session_state.account_snapshot = pull(names, regions, progress=progress)
        bar.empty()


def upload_panel(lg: str) -> None:
    """Open a snapshot file written by `cli.py pull -o`."""
    upload = st.file_uploader(tx("upload", lg), type=["json"], key="account.upload", help=tx("upload_help", lg),
                              max_upload_size=50)  # MB: aws.snapshot.MAX_SNAPSHOT_BYTES
    uploader_words("account.upload", 50, ["json"], lg)
    if upload is None or upload.file_id == st.session_state.get("account.upload_id"):
        return
    st.session_state["account.upload_id"] = upload.file_id
    try:
        if upload.size > MAX_UPLOAD_BYTES:
            raise SnapshotError(msg("snapshot.upload_too_large", "{name}: {size:,} bytes is too large",
                                    name=upload.name, size=upload.size))
        st.session_state.account_snapshot = parse_snapshot(upload.getvalue(), upload.name)
    except SnapshotError as err:
        st.error(snapshot_problem(err, upload.name, lg))


def snapshot_problem(err: SnapshotError, name: str, lg: str) -> str:
    """A malformed or unreadable snapshot in the page's language: the file, the field, what is wrong."""
    if isinstance(err, SnapshotFieldProblem):
        return tx("malformed", lg, name=name, field=err.field or "-", allowed=err.allowed, found=err.found)
    problem = err.problems[0] if err.problems else str(err)
    key = HEADINGS.get(getattr(problem, "id", ""), "upload_error")
    return f"{tx(key, lg, name=name)} {say(problem, lg)}"


#: the heading above a snapshot that was not opened, by the message id of what is wrong
HEADINGS = {"snapshot.not_json": "not_json", "snapshot.too_deep": "not_json", "snapshot.wrong_schema": "not_snapshot",
            "snapshot.no_accounts_list": "not_snapshot", "snapshot.too_large": "too_large",
            "snapshot.upload_too_large": "too_large"}


def gap_notes(snapshot: dict, lg: str) -> None:
    """What a user should know when the pull ran out of time or answers were not AWS's."""
    kinds = [g.get("kind") for g in gaps(snapshot)]
    if kinds.count(DEADLINE):
        st.warning(tx("deadline_gaps", lg, count=str(kinds.count(DEADLINE)), seconds=f"{DEFAULT_DEADLINE_S:g}"))
    if kinds.count(BAD_RESPONSE):
        st.warning(tx("bad_response_gaps", lg, count=str(kinds.count(BAD_RESPONSE)),
                      cap=f"{DEFAULT_MAX_RESPONSE_BYTES / 1e6:g}"))


def which(snapshot: dict, lg: str) -> tuple[str, str]:
    """Account label and region pickers for a snapshot with several."""
    labels = [a["label"] for a in snapshot["accounts"]]
    cols = st.columns(2)
    label = cols[0].selectbox(tx("account", lg), labels, key="account.label")
    entry = next(a for a in snapshot["accounts"] if a["label"] == label)
    regions = [r for r in snapshot.get("regions", []) if r in entry.get("regions", {})] or snapshot.get("regions", [])
    region = cols[1].selectbox(tx("region", lg), regions, key="account.region")
    return label, region


def results(snapshot: dict, label: str, region: str, lg: str) -> None:
    """Limits, resources, quotas and gaps as tables."""
    endpoint = f" — {tx('custom_endpoint', lg)}" if snapshot.get("custom_endpoint") else ""
    st.caption(f"{tx('snapshot', lg)}: {snapshot.get('taken_at')}{endpoint}")
    entry = next(a for a in snapshot["accounts"] if a["label"] == label)
    if region in entry.get("regions", {}):
        st.markdown(f"**{tx('limits', lg)}**")
        limits = limit_rows(snapshot, region, label)
        if limits:
            grid(table(limits, lg), "limits", lg)
        else:
            st.info(tx("no_limits", lg))
        for kind, rows in resource_rows(snapshot, region, label).items():
            st.markdown(f"**{tx(kind, lg)}** ({len(rows)})")
            if rows:
                grid(table(rows, lg), kind, lg)
        quotas = quota_rows(snapshot, region, label)
        if quotas:
            st.markdown(f"**{tx('quotas', lg)}**")
            rename = {"name": "quota_name"}
            grid(table(quotas, lg, rename=rename), "quotas", lg, rename=rename)
    st.markdown(f"**{tx('gaps', lg)}**")
    rows = gap_rows(snapshot)
    if rows:
        gap_notes(snapshot, lg)
        grid(table(rows, lg), "gaps", lg)
    else:
        st.success(tx("no_gaps", lg))


def differences(snapshot: dict, label: str, region: str, lg: str) -> None:
    """The current design against the account."""
    st.markdown(f"**{tx('diff', lg)}**")
    try:
        rows = diff_rows(account_diff(st.session_state.design, snapshot, region, label))
    except (DesignError, SnapshotError) as err:
        st.info(str(err) if lg == "en" else tx("diff_error", lg) + "\n\n" + "\n".join(f"- {say(p, lg)}"
                                                                                  for p in err.problems))
        return
    if rows:
        grid(table(rows, lg).astype(str), "diff", lg)
    else:
        st.success(tx("no_diff", lg))


def use_limits(snapshot: dict, label: str, region: str) -> None:
    """Button callback: put the account's limits into the design's `limits:` block."""
    design = copy.deepcopy(st.session_state.design)
    design["limits"] = {**(design.get("limits") or {}), **snapshot_limits(snapshot, region, label),
                        "source": limits_source(snapshot, region, label),
                        "sources": limit_sources(snapshot, region, label)}  # ---- quotas: the read of each
    set_design(design, st.session_state.get("design_label", "design"))
    st.session_state["account.message"] = ("success", "limits_used", [])


def do_import(snapshot: dict, label: str, region: str) -> None:
    """Button callback: replace the design with one imported from the account."""
    picked = st.session_state.get("account.pick") or None
    try:
        imported = import_design(snapshot, region, label, pick=picked)
    except DesignError as err:
        st.session_state["account.message"] = ("error", "import_error", err.problems[:1] or [str(err)])
        return
    except ImportProblem as err:
        st.session_state["account.message"] = ("error", "import_error", [err.args[0] if err.args else str(err)])
        return
    set_design(imported.data, f"{label} ({region})")
    st.session_state["account.message"] = ("warning", "imported", imported.assumptions + imported.notes)


def actions(snapshot: dict, label: str, region: str, lg: str) -> None:
    """Use the limits; import a design."""
    limits = snapshot_limits(snapshot, region, label)
    if limits_supported():
        st.button(tx("use_limits", lg), key="account.use_limits", disabled=not limits, on_click=use_limits,
                  args=(snapshot, label, region))
    else:
        st.caption(tx("limits_unsupported", lg))
    names = resource_names(snapshot, region, label)
    options = [n for kind in KINDS for n in names[kind]]
    st.multiselect(tx("pick", lg), options, key="account.pick", placeholder=tx("pick_placeholder", lg))
    st.button(tx("import", lg), key="account.import", disabled=not options, on_click=do_import,
              args=(snapshot, label, region))
    message = st.session_state.pop("account.message", None)
    if message:
        kind, key, lines = message
        getattr(st, kind)(tx(key, lg) + ("\n\n" + "\n".join(f"- {say(line, lg)}" for line in lines) if lines else ""))


def prices_panel(lg: str) -> None:
    """Which catalog is in use for the design's region, and what a refresh changed."""
    st.subheader(tx("prices", lg))
    region = st.session_state.design.get("region", "us-east-1")
    region = region if isinstance(region, str) and COMMERCIAL_REGION.match(region) else "us-east-1"
    if st.button(tx("refresh", lg), key="account.refresh_prices", disabled=not pull_allowed()):
        try:
            refresh_catalog(region)
        except RefreshError as err:
            st.error(f"{tx('refresh_error', lg)} {say(err.args[0], lg) if err.args else err}")
    info = cached_catalog_info(region)
    if region not in REGIONS:  # no bundled catalog: the refreshed one is the only one
        built_panel(region, info, lg)
        return
    bundled = load_catalog(region)
    if info is None:
        st.caption(tx("prices_bundled", lg, compiled=bundled.compiled.isoformat(), region=region))
        return
    changes = catalog_changes(bundled, load_catalog.__wrapped__(region, catalog_dir()))
    st.caption(tx("prices_cached", lg, region=region, refreshed_at=str(info.get("refreshed_at")), path=info["path"],
                  changed=str(len(changes))))
    if changes:
        grid(table([c.__dict__ for c in changes], lg), "price_changes", lg)


def built_panel(region: str, info: dict | None, lg: str) -> None:
    """A Region with no bundled catalog: the catalog built from the Price List, or how to build one."""
    if info is None:
        st.info(tx("prices_none", lg, region=region))
        return
    missing = len(unpriced_ids(region, catalog_dir()))
    st.caption(tx("prices_built", lg, region=region, refreshed_at=str(info.get("refreshed_at")), path=info["path"],
                  missing=str(missing)))


def page() -> None:
    lg = lang()
    st.subheader(tx("title", lg))
    st.caption(tx("caption", lg))
    pull_panel(lg)
    upload_panel(lg)
    responsive_style()  # a phone gets a card per row instead of each grid below (ux.md F4)
    snapshot = st.session_state.get("account_snapshot")
    if snapshot:
        show_snapshot(snapshot, lg)
    observe_panel(lg, pull_allowed())
    prices_panel(lg)


def show_snapshot(snapshot: dict, lg: str) -> None:
    """The snapshot's tables and actions — or one readable message, never a traceback."""
    try:
        check(snapshot, tx("this_snapshot", lg))
    except SnapshotError as err:
        st.session_state.pop("account_snapshot", None)
        st.error(snapshot_problem(err, tx("this_snapshot", lg), lg))
        return
    try:
        label, region = which(snapshot, lg)
        results(snapshot, label, region, lg)
        entry = next(a for a in snapshot["accounts"] if a["label"] == label)
        if region in entry.get("regions", {}):
            differences(snapshot, label, region, lg)
            actions(snapshot, label, region, lg)
    except Exception as err:  # a snapshot that passed the checks and still trips a page bug: say so, keep the page
        error = t("unexpected_error", lg, error=type(err).__name__, detail=str(err)[:200])
        st.error(tx("render_error", lg, error=error))


page()
