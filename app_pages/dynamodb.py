"""DynamoDB page: capacity strategies side by side for a table of the current design."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
import streamlit as st

from app_state import lang
from charts import capacity_figure
from commands.dynamodb_plan import month_start_utc, next_monday
from models.design import DesignError, parse_design
from models.dynamodb_planner import PlannerSettings, scheduled_actions
from models.dynamodb_report import plan_dict
from models.traffic import client_traffic
from planner import dynamodb_plan_data
from ui_messages import localize

TEXT = {
    "title": {"en": "DynamoDB capacity planner", "ja": "DynamoDB キャパシティプランナー"},
    "caption": {"en": "On-demand, fixed provisioned, auto scaling, an exact schedule that obeys the decrease rules "
                      "(up to 4 decreases in the first hour of a UTC day, then 1 per hour: 27 a day) and reserved "
                      "capacity, on this table's traffic over the month. Throughput cost only.",
                "ja": "オンデマンド、固定プロビジョンド、Auto Scaling、減少回数の制限（UTC の 1 日で最初の 1 時間に 4 回、"
                      "その後は 1 時間に 1 回、計 27 回）を守る最適スケジュール、リザーブドキャパシティを、このテーブルの"
                      "1 か月のトラフィックで比較します（スループット費用のみ）。"},
    "table": {"en": "Table", "ja": "テーブル"},
    "owner": {"en": "Capacity of", "ja": "キャパシティの対象"},
    "owner_help": {"en": "The base table and each global secondary index have their own capacity and their own decrease budget.",
                   "ja": "ベーステーブルと各 GSI は、それぞれ独自のキャパシティと減少回数の枠を持ちます。"},
    "base_table": {"en": "the table itself", "ja": "テーブル本体"},
    "no_table": {"en": "The design has no DynamoDB table. Add one on the Design page (or pick the save-data template).",
                 "ja": "設計に DynamoDB テーブルがありません。設計ページで追加してください（保存テンプレートなど）。"},
    "target": {"en": "Auto scaling target utilization", "ja": "Auto Scaling の目標使用率"},
    "target_help": {"en": "AWS allows 20–90 %; the console suggests 70 %.", "ja": "AWS では 20〜90 %。コンソールの既定は 70 %。"},
    "headroom": {"en": "Headroom above the peak", "ja": "ピークに対する余裕"},
    "headroom_help": {"en": "Capacity above each step's peak for the fixed and scheduled plans. Default 10 %.",
                      "ja": "固定・スケジュールのプランで、各ステップのピークに上乗せする容量。既定値 10 %。"},
    "throttle": {"en": "Allowed throttled share", "ja": "許容するスロットリング率"},
    "throttle_help": {"en": "Share of requests the scheduled plan may let throttle (0 = none).",
                      "ja": "スケジュールのプランで許容するスロットリングの割合（0 = 許容しない）。"},
    "step": {"en": "Schedule step (minutes)", "ja": "スケジュールの刻み（分）"},
    "step_help": {"en": "At 60-minute steps the decrease rule cannot bind (24 < 27); at 15 it can.",
                  "ja": "60 分刻みでは減少回数の制限にかかりません（24 < 27）。15 分刻みではかかります。"},
    "table_class": {"en": "Table class", "ja": "テーブルクラス"},
    "table_class_help": {"en": "Standard-IA: cheaper storage, dearer throughput; no reserved capacity.",
                         "ja": "Standard-IA: ストレージは安く、スループットは高い。リザーブドキャパシティは不可。"},
    "recommended": {"en": "Recommended", "ja": "推奨"},
    "min_cap": {"en": "Minimum capacity (units)", "ja": "最小キャパシティ（ユニット）"},
    "min_cap_help": {"en": "Lowest RCU/WCU a provisioned plan may set (auto scaling minimum). Default 1.",
                     "ja": "プロビジョンドで設定できる最小の RCU/WCU（Auto Scaling の最小値）。既定値 1。"},
    "max_cap": {"en": "Maximum capacity (units)", "ja": "最大キャパシティ（ユニット）"},
    "max_cap_help": {"en": "Highest RCU/WCU (auto scaling maximum). Default 40,000, the per-table quota.",
                     "ja": "最大の RCU/WCU（Auto Scaling の最大値）。既定値 40,000（テーブルのクォータ）。"},
    "used_today": {"en": "Decreases already used today (UTC)", "ja": "本日（UTC）使用済みの減少回数"},
    "used_today_help": {"en": "From the live table's NumberOfDecreasesToday (Account page); 0–27.",
                        "ja": "実テーブルの NumberOfDecreasesToday（アカウントページ）から。0〜27。"},
    "actions": {"en": "Download the schedule as Application Auto Scaling actions (JSON)",
                "ja": "スケジュールを Application Auto Scaling のアクションとしてダウンロード（JSON）"},
    "actions_note": {"en": "These change reads and writes in separate updates (each lowering counts as a decrease); "
                           "to count once per change, apply each row with one UpdateTable call.",
                     "ja": "読み込みと書き込みは別々に更新されます（それぞれ 1 回の減少として数えられます）。"
                           "1 回として数えるには、各行を 1 回の UpdateTable で適用してください。"},
    "schedule": {"en": "Scheduled plan", "ja": "スケジュール"},
    "reads": {"en": "Reads (RCU)", "ja": "読み込み（RCU）"}, "writes": {"en": "Writes (WCU)", "ja": "書き込み（WCU）"},
    "problems": {"en": "The design has problems; fix them on the Design page:", "ja": "設計に問題があります。設計ページで修正してください："},
}


#: column headings on a Japanese screen
JA_COLUMNS = {"strategy": "方式", "USD / month": "USD／月", "USD / 12 months": "USD／12 か月",
              "throttled / month": "スロットリング／月", "utilization": "使用率", "max decreases / day": "1 日の最大減少回数",
              "note": "注記"}


def heading(name: str, lg: str) -> str:
    """A column heading in the screen's language."""
    return JA_COLUMNS[name] if lg == "ja" else name


def tx(key: str, lg: str) -> str:
    return TEXT[key].get(lg, TEXT[key]["en"])


@st.cache_data(show_spinner=False, max_entries=16)
def cached_plan(design_json: str, table: str, settings: PlannerSettings, start_utc: datetime,
                index: str | None = None) -> tuple[dict, dict]:
    """The plan's JSON document and the per-minute curves for the chart (cached per design and settings)."""
    plan = dynamodb_plan_data(json.loads(design_json), table, settings, start_utc, index=index)
    curves = {"demand_read": plan.demand.read_units, "demand_write": plan.demand.write_units}
    for s in plan.strategies:
        if s.read_capacity is not None and s.name != "reserved":
            curves[s.name] = (s.read_capacity, s.write_capacity)
    return plan_dict(plan), curves


def controls(design: dict, lg: str) -> tuple[dict, str, str | None, PlannerSettings] | None:
    tables = [c["id"] for c in design.get("components") or [] if c.get("type") == "dynamodb"]
    if not tables:
        st.info(tx("no_table", lg))
        return None
    table = st.selectbox(tx("table", lg), tables, key="ddb.table")
    component = next(c for c in design["components"] if c.get("id") == table)
    index_names = [g.get("name") for g in component.get("gsis") or [] if isinstance(g, dict)]
    index = None
    if index_names:
        choice = st.selectbox(tx("owner", lg), [""] + index_names, key="ddb.index", help=tx("owner_help", lg),
                              format_func=lambda n: tx("base_table", lg) if not n else f"GSI {n}")
        index = choice or None
    classes = ["standard", "standard_ia"]
    chosen_class = st.radio(tx("table_class", lg), classes, horizontal=True, key="ddb.class",
                            index=classes.index(component.get("table_class", "standard")), help=tx("table_class_help", lg))
    trial = json.loads(json.dumps(design))
    next(c for c in trial["components"] if c.get("id") == table)["table_class"] = chosen_class
    cols = st.columns(4)
    target = cols[0].slider(tx("target", lg), 20, 90, 70, 5, key="ddb.target", help=tx("target_help", lg), format="%d%%")
    headroom = cols[1].slider(tx("headroom", lg), 0, 100, 10, 5, key="ddb.headroom", help=tx("headroom_help", lg),
                              format="%d%%")
    throttle = cols[2].select_slider(tx("throttle", lg), [0.0, 0.0001, 0.001, 0.01], value=0.0, key="ddb.throttle",
                                     help=tx("throttle_help", lg), format_func=lambda v: f"{v:.2%}")
    step = cols[3].select_slider(tx("step", lg), [5, 10, 15, 20, 30, 60], value=15, key="ddb.step", help=tx("step_help", lg))
    cols = st.columns(3)
    low = cols[0].number_input(tx("min_cap", lg), 1, 1_000_000, 1, key="ddb.min", help=tx("min_cap_help", lg))
    high = cols[1].number_input(tx("max_cap", lg), 1, 1_000_000, 40_000, key="ddb.max", help=tx("max_cap_help", lg))
    used = cols[2].number_input(tx("used_today", lg), 0, 27, 0, key="ddb.used", help=tx("used_today_help", lg))
    settings = PlannerSettings(step_minutes=step, headroom=headroom / 100, target_utilization=target / 100,
                               allowed_throttle_fraction=throttle, min_capacity=int(min(low, high)),
                               max_capacity=int(max(low, high)), decreases_used_today=int(used))
    return trial, table, index, settings


def utc_offset_minutes(design: dict) -> int:
    """The workload timezone's offset, to place the planned month (starting next Monday) in UTC."""
    return client_traffic(parse_design(design).workload).utc_offset_minutes


def page() -> None:
    lg = lang()
    st.subheader(tx("title", lg))
    st.caption(tx("caption", lg))
    chosen = controls(st.session_state.design, lg)
    if chosen is None:
        return
    trial, table, index, settings = chosen
    try:
        with st.spinner("…"):  # the exact schedule takes about a second
            start = month_start_utc(next_monday(date.today()), utc_offset_minutes(trial))
            doc, curves = cached_plan(json.dumps(trial, sort_keys=True), table, settings, start, index)
    except DesignError as err:
        st.error(tx("problems", lg) + "\n\n" + "\n".join(f"- {localize(p, lg)}" for p in err.problems))
        return
    st.success(f"**{tx('recommended', lg)}: {doc['recommended']}** — {localize(doc['reason'], lg)}")
    rows = [{"strategy": s["name"], "USD / month": s["monthly_cost_usd"], "USD / 12 months": s["cost_12_months_usd"],
             "throttled / month": s["throttled_requests"], "utilization": s["avg_utilization"],
             "max decreases / day": s["max_decreases_in_a_day"], "note": localize(s["note"], lg)} for s in doc["strategies"]]
    table = pd.DataFrame(rows)
    if lg == "ja":
        table = table.rename(columns=JA_COLUMNS)
    st.dataframe(table, key="ddb.strategies", hide_index=True, column_config={
        heading("utilization", lg): st.column_config.NumberColumn(format="percent"),
        heading("USD / month", lg): st.column_config.NumberColumn(format="%.2f"),
        heading("USD / 12 months", lg): st.column_config.NumberColumn(format="%.2f")})
    for part, unit, index in (("demand_read", tx("reads", lg), 0), ("demand_write", tx("writes", lg), 1)):
        capacities = {name: pair[index] for name, pair in curves.items() if isinstance(pair, tuple)}
        st.plotly_chart(capacity_figure(curves[part], capacities, title=f"{doc['table']}: {unit}", unit=unit),
                        key=f"ddb.chart.{part}")
    scheduled = next(s for s in doc["strategies"] if s["name"] == "scheduled")
    with st.expander(f"{tx('schedule', lg)} ({len(scheduled['schedule'])})"):
        st.dataframe(pd.DataFrame(scheduled["schedule"]), key="ddb.schedule", hide_index=True)
        st.download_button(tx("actions", lg), json.dumps(scheduled_actions(doc["table"], scheduled["schedule"]), indent=2),
                           file_name=f"{table}_scheduled_actions.json", mime="application/json", key="ddb.actions")
        st.caption(tx("actions_note", lg))


page()
