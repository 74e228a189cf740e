"""Limits page: the readiness report of the current design, demand against each limit over the
month, and what-if controls that re-run it live without changing the design."""

from __future__ import annotations

import copy

import pandas as pd
import streamlit as st

from i18n.account_reads import read_text
from i18n.catalog import check_name, component_shown, format_count, limit_source_text, section, t
from i18n.engine_ja import say
from models.design.schema import DesignError
from render.labels import component_label, component_names, relabelled
from render.readiness import STATUS_ORDER
from render.scale import ordered
from service import check_data
from service.scale import ScaleReport, scale_report
from webapp.charts import limit_figures, peak_caption
from webapp.state import cached_plan, design_key, lang
from webapp.views.cards import Card, card_list, responsive_style, row_cards, wide
from webapp.views.lazy import opened
from webapp.views.progressive import pause_before_heavy
from webapp.views.safe import plain, problem_lines

TEXT = section("page.limits")  # the words live in i18n/catalog.py ("page.limits.*")


def tx(key: str, lg: str) -> str:
    return t(f"page.limits.{key}", lg)


#: the account limit the what-if panel can change (the rest are the components' own settings)
WHAT_IF_LIMITS = ("lambda_concurrency",)


def what_if(design: dict, lg: str) -> dict:
    """Controls for the limits and settings people change most; returns a modified copy of the design.
    A limit is written into the copy only when the user changed it, so an untouched panel keeps the
    limit's own source (AWS's default, the design file or the account)."""
    trial = copy.deepcopy(design)
    with st.expander(tx("whatif", lg), expanded=True):
        st.caption(tx("whatif_help", lg))
        current = int((design.get("limits") or {}).get("lambda_concurrency", 1000))
        chosen = st.number_input(
            tx("account_concurrency", lg), min_value=0, max_value=1_000_000, value=current, step=10,
            key="whatif.lambda_concurrency", help=tx("account_concurrency_help", lg))
        if chosen != current:
            trial.setdefault("limits", {})["lambda_concurrency"] = chosen
        names = component_names(design, lg)
        for index, comp in enumerate(trial.get("components") or []):
            # one input a line, under the component's name: labels on one line and the ± buttons kept (ux.md L4)
            if comp.get("type") == "lambda":
                st.markdown(f"**{plain(component_label(comp['id'], lg, names))}**")
                reserved = st.number_input(tx("reserved", lg), min_value=0, max_value=100_000,
                                           value=int(comp.get("reserved_concurrency") or 0), key=f"whatif.{index}.rc")
                comp["timeout_s"] = st.number_input(tx("timeout", lg), min_value=1, max_value=900,
                                                    value=int(comp.get("timeout_s", 3)), key=f"whatif.{index}.timeout")
                if reserved:
                    comp["reserved_concurrency"] = reserved
                else:
                    comp.pop("reserved_concurrency", None)
            elif comp.get("type") == "dynamodb" and comp.get("billing") == "provisioned":
                st.markdown(f"**{plain(component_label(comp['id'], lg, names))}**")
                comp["rcu"] = st.number_input(tx("rcu", lg), min_value=1, max_value=1_000_000,
                                              value=int(comp.get("rcu", 5)), key=f"whatif.{index}.rcu")
                comp["wcu"] = st.number_input(tx("wcu", lg), min_value=1, max_value=1_000_000,
                                              value=int(comp.get("wcu", 5)), key=f"whatif.{index}.wcu")
    return trial


def changed_limits(design: dict, trial: dict) -> frozenset[str]:
    """The limit keys whose value the what-if panel changed (those checks credit their limit to "what-if")."""
    before, after = design.get("limits") or {}, trial.get("limits") or {}
    return frozenset(key for key in WHAT_IF_LIMITS if key in after and after.get(key) != before.get(key))


def checks_table(report, lg: str = "en", names: dict[str, str] | None = None,
                 what_if_limits: frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per check, the worst first: the check in words ("Account Lambda concurrency"), its id
    (kept in the data, not shown), the component by its label (`names`: id → label), and the figures as the
    engine computed them. A check whose limit is in `what_if_limits` names the what-if panel as its source."""
    names = names or {}
    rows = [{"status": t(f"status_{c.status}", lg), "check": check_name(c.id, lg), "id": c.id,
             "component": component_label(c.component, lg, names),
             "peak": c.peak_demand, "limit": c.limit_value, "unit": say(c.unit, lg), "headroom %": c.headroom_pct,
             "affected / month": c.affected_requests_per_month,
             "consequence": say(relabelled(c.consequence, names), lg), "action": say(relabelled(c.action, names), lg),
             "limit source": tx("source_what_if", lg) if c.limit_key in what_if_limits
             else limit_source_text(c.limit_source, lg) + _from_account(c, lg)}
            for c in sorted(report.checks, key=lambda c: STATUS_ORDER[c.status])]
    return pd.DataFrame(rows)


def _from_account(check, lg: str) -> str:
    """" (from your account)", naming the read when it is known ("Service Quotas L-6E3AF000 (applied)")."""
    if not check.from_account:
        return ""
    if check.limit_read:  # ---- quotas
        return t("page.limits.from_account_read", lg, read=read_text(check.limit_read, lg))
    return tx("from_account", lg)


def _figure(value) -> str:
    """A check's figure as text: "—" when there is none (a check without a numeric limit)."""
    if value is None or value != value:
        return "—"
    return format_count(round(float(value), 1))


def details_table(table: pd.DataFrame) -> pd.DataFrame:
    """The figures behind each check, as text ("—" for none; requests a month as whole requests)."""
    details = table[["check", "component", "peak", "limit", "unit", "headroom %", "affected / month",
                     "limit source"]].copy()
    for column in ("peak", "limit", "headroom %"):
        details[column] = [_figure(v) for v in details[column]]
    details["affected / month"] = [f"{round(v):,}" for v in details["affected / month"]]
    return details.fillna("—").replace("", "—")


#: what the grid shows without scrolling; the figures are in the details below it
KEY_COLUMNS = ("status", "check", "component", "consequence", "action")


JA_COLUMNS = {name: entry["ja"] for name, entry in section("page.limits.column").items()}
EN_COLUMNS = {name: entry["en"] for name, entry in section("page.limits.column").items()}


def _headed(table: pd.DataFrame, lg: str) -> pd.DataFrame:
    """The table with the screen's column headings ("Status", "判定"; the data keeps its short keys)."""
    return table.rename(columns=JA_COLUMNS if lg == "ja" else EN_COLUMNS)


#: the multipliers the slider offers (× today's traffic)
SCALE_STEPS = (0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0)


def fails_at_shown(found, report: ScaleReport, lg: str) -> str:
    """The first failing multiplier as the table shows it: "×90.5", "> ×1000" or "≤ ×0.01 (…)"."""
    if found.fails_at is None:
        return t("page.limits.scale.above", lg, high=f"{report.max_factor:g}")
    if found.below_min:
        return t("page.limits.scale.below", lg, low=f"{report.min_factor:g}")
    shown = f"×{found.fails_at:,.3g}" if found.fails_at < 100 else f"×{found.fails_at:,.0f}"
    return shown + ("" if found.monotone else t("page.limits.scale.not_monotone", lg))


def first_fails_table(report: ScaleReport, lg: str = "en", names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per check, the first to fail at the top: its status now and at ×N, the multiplier at which it
    first fails, and the headroom that leaves (percent more traffic than today; negative: fails today)."""
    at_factor = {(c.id, c.component): c.status for c in report.readiness.checks}
    rows = [{"check": check_name(f.key[0], lg), "component": component_label(f.key[1], lg, names or {}),
             "now": t(f"status_{f.status_now}", lg), "at ×N": t(f"status_{at_factor.get(f.key, 'pass')}", lg),
             "first fails at": fails_at_shown(f, report, lg),
             "headroom %": "—" if f.headroom_pct is None or f.below_min else f"{f.headroom_pct:+,.0f}"}
            for f in ordered(report)]
    table = pd.DataFrame(rows)
    return table.rename(columns={k: v[lg] for k, v in section("page.limits.scale.column").items()})


@st.cache_resource(show_spinner=False, max_entries=16)
def _scale_by_key(key: str, factor: float, _data: dict) -> ScaleReport:
    """`scale_report(_data, factor)`, cached by the design's content key and the factor."""
    return scale_report(_data, factor)


def scale_section(trial: dict, lg: str) -> None:
    """The slider and the "first fails at ×N" table of the design as this page shows it (what-ifs included)."""
    st.markdown(f"#### {tx('scale.title', lg)}")
    factor = float(st.select_slider(tx("scale.factor", lg), options=SCALE_STEPS, value=1.0, key="scale.factor",
                                    format_func=lambda v: f"×{v:g}", help=tx("scale.factor_help", lg)))
    key = design_key(trial)
    report = scale_report(trial, factor) if key is None else _scale_by_key(key, factor, trial)
    wall = report.first_wall
    cols = st.columns(2)
    cols[0].metric(t("page.limits.scale.status_at", lg, factor=f"{factor:g}"),
                   t(f"status_{report.readiness.worst_status}", lg))
    cols[1].metric(tx("scale.first_wall", lg), fails_at_shown(wall, report, lg) if wall else
                   t("page.limits.scale.no_wall", lg, high=f"{report.max_factor:g}"),
                   help=f"{check_name(wall.key[0], lg)} · {component_shown(wall.key[1], lg)}" if wall else None)
    traffic = report.first_traffic_wall
    if wall is not None and wall.below_min and traffic is not None:  # the first wall fails at any traffic
        cols = st.columns(2)
        cols[1].metric(tx("scale.traffic_wall", lg), fails_at_shown(traffic, report, lg),
                       help=f"{check_name(traffic.key[0], lg)} · {component_shown(traffic.key[1], lg)}")
    st.caption(t("page.limits.scale.caption", lg, tolerance=f"{report.tolerance:.0%}", runs=report.evaluations,
                 low=f"{report.min_factor:g}", high=f"{report.max_factor:g}"))
    table = first_fails_table(report, lg, component_names(trial, lg))
    with wide("scale"):  # the page's style sheet (drawn above the readiness grid) shows a phone the cards instead
        st.dataframe(table, key="scale_table", hide_index=True)
    card_list(scale_cards(table), "scale")


def scale_cards(table: pd.DataFrame) -> list[Card]:
    """A card per row of `first_fails_table` (in either language): the check, the multiplier at which it first
    fails, then the component, the status now and at ×N, and the headroom."""
    if table.empty:  # a design with no checks: a frame without columns
        return []
    check, component, now, at_factor, fails_at, headroom = table.columns
    return row_cards(table.to_dict("records"), check, fails_at, [component, now, at_factor, headroom])


def check_cards(report, names: dict[str, str], lg: str) -> None:
    """A card per failing or warning check, the worst first: what happens and the fix, in full (every screen)."""
    for check in sorted((c for c in report.checks if c.status != "pass"), key=lambda c: STATUS_ORDER[c.status]):
        st.markdown(f"{t(f'status_{check.status}', lg)} **{plain(check_name(check.id, lg))}** ("
                    f"{plain(component_label(check.component, lg, names))}): "
                    f"{plain(say(relabelled(check.consequence, names), lg))}  \n"
                    f"→ {plain(say(relabelled(check.action, names), lg))}")


def page() -> None:
    lg = lang()
    st.subheader(tx("title", lg))
    st.caption(tx("caption", lg))
    left, right = st.columns([3, 7], gap="medium")  # a what-if panel wide enough for its labels on one line
    with left:
        trial = what_if(st.session_state.design, lg)
    with right:
        try:
            with st.spinner("…"):
                # the design as it is: its cached Plan (shared with the Design page); a what-if: its own check
                report = cached_plan(trial).readiness["expected"] if trial == st.session_state.design \
                    else check_data(trial)[0]
        except DesignError as err:
            st.error(tx("problems", lg) + "\n\n" + problem_lines(err.problems, lg))
            return
        cols = st.columns(3)
        cols[0].metric(tx("overall", lg), t(f"status_{report.worst_status}", lg))
        design_facts = report.components.get("(design)", {})
        if "composite_availability_pct" in design_facts:
            cols[1].metric(tx("availability", lg), f"{design_facts['composite_availability_pct']:.3f} %",
                           help=tx("availability_help", lg))
            cols[2].metric(tx("degraded", lg), f"{design_facts['degraded_minutes_per_month']:,.0f}")
        names = component_names(st.session_state.design, lg)
        check_cards(report, names, lg)
        pause_before_heavy()  # a new visitor (a link to this page): the status and cards before the grid
        table = checks_table(report, lg, names, changed_limits(st.session_state.design, trial))
        heads = [(JA_COLUMNS if lg == "ja" else EN_COLUMNS).get(c, c) for c in KEY_COLUMNS]
        responsive_style()  # on a phone the grid gives way to the cards above and a short list of passes
        with wide("readiness"):
            st.dataframe(_headed(table, lg), key="readiness_table", hide_index=True, column_order=heads,
                         column_config={heads[0]: st.column_config.TextColumn(width="small"),
                                        heads[1]: st.column_config.TextColumn(width="medium"),
                                        heads[2]: st.column_config.TextColumn(width="small"),
                                        heads[3]: st.column_config.TextColumn(width="medium"),
                                        heads[4]: st.column_config.TextColumn(width="medium")})
        card_list([Card(f"{row['status']} {row['check']}", "", (str(row["component"]),))
                   for row in table.to_dict("records") if row["status"] == t("status_pass", lg)], "readiness")
        details = opened(t("page.design.check_details", lg), key="check_details")
        if details is not None:
            details.table(_headed(details_table(table), lg))
        choices = [key for key in report.curves]
        if choices:
            chosen = st.selectbox(tx("chart_for", lg), choices,
                                  format_func=lambda k: f"{check_name(k[0], lg)} · {component_label(k[1], lg, names)}",
                                  key="limits_chart")
            found = next(c for c in report.checks if (c.id, c.component) == chosen)
            month, peak = limit_figures(report.curves[chosen], found.limit_value, unit=say(found.unit, lg),
                                        lang=lg)
            st.markdown(f"**{plain(check_name(found.id, lg))} · "
                        f"{plain(component_label(found.component, lg, names))}**")
            charts = st.columns([3, 2])  # side by side on a wide screen, stacked on a phone
            charts[0].image(month, width="stretch")
            charts[1].image(peak, width="stretch")
            st.caption(peak_caption(report.curves[chosen], found.limit_value, say(found.unit, lg), lg))
        scale_section(trial, lg)


page()
