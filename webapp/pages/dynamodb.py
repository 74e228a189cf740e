"""DynamoDB page: capacity strategies side by side for a table of the current design."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from commands.dynamodb_plan import actions_document, live_decrease_state, month_start_utc, next_monday
from i18n.engine_ja import say
from models.design.schema import DesignError, parse_design
from models.dynamodb_planner.plan import PlannerSettings
from models.run.traffic import client_traffic
from render.dynamodb_plan import LOWER_BOUND, RECURRING, plan_dict
from service import dynamodb_plan_data
from webapp.charts import capacity_figure
from webapp.state import lang

TEXT = {
    "title": {"en": "DynamoDB capacity planner", "ja": "DynamoDB キャパシティプランナー"},
    "caption": {"en": "On-demand, fixed provisioned, auto scaling, a weekly recurring schedule (Application Auto "
                      "Scaling scheduled actions, at most 200 per scalable target) and reserved capacity, on this "
                      "table's traffic over the month; throughput cost only. Every plan obeys AWS's decrease rule, "
                      "read as a rolling 60-minute window: up to 4 decreases within 60 minutes of the UTC day's "
                      "first, then one at a time more than 60 minutes apart, 27 a day at most. The exact one-time "
                      "schedule for the month is shown as a lower bound only: it cannot be applied.",
                "ja": "オンデマンド、固定プロビジョンド、Auto Scaling、週単位の繰り返しスケジュール（Application Auto "
                      "Scaling のスケジュールされたアクション、スケーラブルターゲットごとに最大 200 個）、リザーブド"
                      "キャパシティを、このテーブルの 1 か月のトラフィックで比較します（スループット費用のみ）。どのプランも "
                      "AWS の引き下げ規則を 60 分のローリングウィンドウとして守ります：UTC の 1 日の最初の引き下げから "
                      "60 分以内に最大 4 回、その後は前回から 60 分を超えて 1 回ずつ、1 日最大 27 回。1 か月分の最適な"
                      "一回限りのスケジュールは適用できないため、下限としてのみ表示します。"},
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
    "step_help": {"en": "Steps of the one-time lower bound. The weekly schedule always uses hourly steps "
                          "(168 a week, within 200 actions per target).",
                  "ja": "一回限りのスケジュール（下限）の刻み。週単位のスケジュールは常に 1 時間刻みです"
                        "（週 168 個、ターゲットごとに 200 個以内）。"},
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
    "used_today_help": {"en": "The live table's (or GSI's) NumberOfDecreasesToday; 0–27. Counted on the UTC day "
                              "of the last decrease.",
                        "ja": "実テーブル（または GSI）の NumberOfDecreasesToday。0〜27。最後の引き下げの UTC 日に数えます。"},
    "last": {"en": "Last decrease (UTC, ISO 8601)", "ja": "最後の引き下げ（UTC、ISO 8601）"},
    "last_help": {"en": "The live table's (or GSI's) LastDecreaseDateTime, e.g. 2026-12-07T08:30:00Z. Empty: none "
                        "recently (with decreases used today, assumed at the plan's start).",
                  "ja": "実テーブル（または GSI）の LastDecreaseDateTime。例：2026-12-07T08:30:00Z。空欄：最近なし"
                        "（本日の使用回数があるときは、プランの開始時刻とみなします）。"},
    "last_bad": {"en": "Not an ISO 8601 time; ignored: {text}", "ja": "ISO 8601 の時刻ではないため無視します：{text}"},
    "from_account": {"en": "Filled from the account snapshot: {name}, {used} decreases today, last {last}.",
                     "ja": "アカウントのスナップショットから入力：{name}、本日の引き下げ {used} 回、最後 {last}。"},
    "none": {"en": "none", "ja": "なし"},
    "actions": {"en": "Download the weekly schedule as Application Auto Scaling scheduled actions (JSON)",
                "ja": "週単位のスケジュールを Application Auto Scaling のスケジュールされたアクションとしてダウンロード（JSON）"},
    "actions_note": {"en": "{n} cron actions (UTC), at most {most} per scalable target (limit 200). Apply: "
                           "register-scalable-target for reads and writes at the peak ({r} RCU, {w} WCU), then "
                           "put-scheduled-action for each entry. Reads and writes are separate updates: each "
                           "lowering counts as a decrease, and the plan counts them that way.",
                     "ja": "cron のアクション {n} 個（UTC）、スケーラブルターゲットごとに最大 {most} 個（上限 200）。適用："
                           "読み込みと書き込みをピーク（{r} RCU、{w} WCU）で register-scalable-target し、各項目を "
                           "put-scheduled-action します。読み込みと書き込みは別々の更新で、それぞれの引き下げが 1 回と"
                           "数えられます。プランもそのように数えています。"},
    "compare": {"en": "Weekly recurring schedule: USD {weekly} a month; the one-time lower bound: USD {bound} "
                      "({gap} above it). The bound is a one-time schedule for this month only ({changes} changes, "
                      "against 200 scheduled actions per scalable target), so it is never recommended.",
                "ja": "週単位の繰り返しスケジュール：月額 USD {weekly}。一回限りのスケジュール（下限）：月額 USD {bound}"
                      "（下限より {gap} 高い）。下限はこの 1 か月だけの一回限りのスケジュール（変更 {changes} 回、"
                      "スケーラブルターゲットごとの上限は 200 個）のため、推奨しません。"},
    "schedule": {"en": "Weekly schedule (UTC)", "ja": "週単位のスケジュール（UTC）"},
    "bound_schedule": {"en": "One-time schedule for the month (lower bound, cannot be applied)",
                       "ja": "1 か月分の一回限りのスケジュール（下限、適用不可）"},
    "reads": {"en": "Reads (RCU)", "ja": "読み込み（RCU）"}, "writes": {"en": "Writes (WCU)", "ja": "書き込み（WCU）"},
    "problems": {"en": "The design has problems; fix them on the Design page:", "ja": "設計に問題があります。設計ページで修正してください："},
}


#: column headings on a Japanese screen
JA_COLUMNS = {"strategy": "方式", "applicable": "適用可", "USD / month": "USD／月", "USD / 12 months": "USD／12 か月",
              "throttled / month": "スロットリング／月", "utilization": "使用率", "max decreases / day": "1 日の最大減少回数",
              "note": "注記"}


def heading(name: str, lg: str) -> str:
    """A column heading in the screen's language."""
    return JA_COLUMNS[name] if lg == "ja" else name


def tx(key: str, lg: str, **values) -> str:
    text = TEXT[key].get(lg, TEXT[key]["en"])
    return text.format(**values) if values else text


@st.cache_data(show_spinner=False, max_entries=16)
def cached_plan(design_json: str, table: str, settings: PlannerSettings, start_utc: datetime,
                index: str | None = None) -> tuple[dict, dict, dict]:
    """The plan's JSON document, the per-minute curves for the chart and the weekly schedule's
    scheduled actions (cached per design and settings)."""
    plan = dynamodb_plan_data(json.loads(design_json), table, settings, start_utc, index=index)
    curves = {"demand_read": plan.demand.read_units, "demand_write": plan.demand.write_units}
    for s in plan.strategies:
        if s.read_capacity is not None and s.name != "reserved":
            curves[s.name] = (s.read_capacity, s.write_capacity)
    return plan_dict(plan), curves, actions_document(plan)


def parse_utc(text: str) -> datetime | None:
    """An ISO 8601 time as naive UTC (no offset = UTC); None when empty or not a time."""
    try:
        when = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def live_state(design: dict, table: str, index: str | None) -> tuple[int, datetime | None, str] | None:
    """The live table's decrease counters from the account snapshot loaded on the Account page, if any."""
    snapshot = st.session_state.get("account_snapshot")
    if not snapshot:
        return None
    try:
        return live_decrease_state(snapshot, design, table, index)
    except Exception:  # a snapshot without this region or table: nothing to fill
        return None


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
    live = live_state(design, table, index)
    live_key = f"{table}/{index or ''}"
    if live and st.session_state.get("ddb.live_for") != live_key:  # fill once per table from the snapshot
        st.session_state["ddb.used"] = min(27, live[0])
        st.session_state["ddb.last"] = live[1].strftime("%Y-%m-%dT%H:%M:%SZ") if live[1] else ""
        st.session_state["ddb.live_for"] = live_key
    cols = st.columns(4)
    low = cols[0].number_input(tx("min_cap", lg), 1, 1_000_000, 1, key="ddb.min", help=tx("min_cap_help", lg))
    high = cols[1].number_input(tx("max_cap", lg), 1, 1_000_000, 40_000, key="ddb.max", help=tx("max_cap_help", lg))
    used = cols[2].number_input(tx("used_today", lg), 0, 27, key="ddb.used", help=tx("used_today_help", lg))
    last_text = cols[3].text_input(tx("last", lg), key="ddb.last", help=tx("last_help", lg))
    last = parse_utc(last_text) if last_text.strip() else None
    if last_text.strip() and last is None:
        st.warning(tx("last_bad", lg, text=last_text))
    if live:
        st.caption(tx("from_account", lg, name=live[2], used=live[0],
                      last=live[1].strftime("%Y-%m-%dT%H:%M:%SZ") if live[1] else tx("none", lg)))
    settings = PlannerSettings(step_minutes=step, headroom=headroom / 100, target_utilization=target / 100,
                               allowed_throttle_fraction=throttle, min_capacity=int(min(low, high)),
                               max_capacity=int(max(low, high)), decreases_used_today=int(used), last_decrease=last)
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
            doc, curves, actions = cached_plan(json.dumps(trial, sort_keys=True), table, settings, start, index)
    except DesignError as err:
        st.error(tx("problems", lg) + "\n\n" + "\n".join(f"- {say(p, lg)}" for p in err.problems))
        return
    st.success(f"**{tx('recommended', lg)}: {doc['recommended']}** — {say(doc['reason'], lg)}")
    rows = [{"strategy": s["name"], "applicable": s["applicable"], "USD / month": s["monthly_cost_usd"],
             "USD / 12 months": s["cost_12_months_usd"],
             "throttled / month": s["throttled_requests"], "utilization": s["avg_utilization"],
             "max decreases / day": s["max_decreases_in_a_day"], "note": say(s["note"], lg)} for s in doc["strategies"]]
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
    weekly = next(s for s in doc["strategies"] if s["name"] == RECURRING)
    bound = next(s for s in doc["strategies"] if s["name"] == LOWER_BOUND)
    gap = doc["recurring_vs_lower_bound"]["gap_fraction"]
    st.info(tx("compare", lg, weekly=f"{weekly['monthly_cost_usd']:,.2f}", bound=f"{bound['monthly_cost_usd']:,.2f}",
               gap="—" if gap is None else f"{gap:.1%}", changes=len(bound["schedule"])))
    with st.expander(f"{tx('schedule', lg)} ({len(weekly['schedule'])})"):
        st.dataframe(pd.DataFrame(weekly["schedule"]), key="ddb.schedule", hide_index=True)
        st.download_button(tx("actions", lg), json.dumps(actions, indent=2),
                           file_name=f"{doc['table'].replace('/', '_')}_scheduled_actions.json",
                           mime="application/json", key="ddb.actions")
        peak = {dim: max(a["ScalableTargetAction"]["MaxCapacity"] for a in actions["scheduled_actions"]
                         if a["ScalableDimension"].endswith(dim)) for dim in ("ReadCapacityUnits", "WriteCapacityUnits")}
        st.caption(tx("actions_note", lg, n=len(actions["scheduled_actions"]),
                      most=max(actions["actions_per_scalable_target"].values()),
                      r=f"{peak['ReadCapacityUnits']:,}", w=f"{peak['WriteCapacityUnits']:,}"))
    with st.expander(f"{tx('bound_schedule', lg)} ({len(bound['schedule'])})"):
        st.dataframe(pd.DataFrame(bound["schedule"]), key="ddb.bound_schedule", hide_index=True)


page()
