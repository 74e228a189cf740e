"""DynamoDB page: capacity strategies side by side for a table of the current design."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial

import pandas as pd
import streamlit as st

from i18n.catalog import section, strategy_name, t
from i18n.engine_ja import say
from i18n.format import format_money
from models.costs.money import QuoteSettings, round_money
from models.design.schema import DesignError
from models.dynamodb_planner.month import month_start_utc, next_monday
from models.dynamodb_planner.month import utc_offset_minutes as workload_offset_minutes
from models.dynamodb_planner.plan import Plan, PlannerSettings, StrategyCache, lower_bound_known, with_lower_bound
from render.dynamodb_plan import LOWER_BOUND, RECURRING, actions_document, plan_dict, usd_text
from service import case_design, dynamodb_plan_data
from service.dynamodb_live import live_decrease_state
from webapp.charts import capacity_chart
from webapp.state import lang, quote_settings
from webapp.views.cards import Card, card_list, responsive_chart, responsive_style, wide
from webapp.views.dynamodb import named_best, schedule_frame
from webapp.views.lazy import opened

TEXT = section("page.dynamodb")  # the words live in i18n/catalog.py ("page.dynamodb.*")


#: the table classes as AWS names them in both languages
CLASS_NAMES = {"standard": "Standard", "standard_ia": "Standard-IA"}
JA_COLUMNS = {name: entry["ja"] for name, entry in section("page.dynamodb.column").items()}


#: the strategy table's English headings as people read them (its columns keep the short keys the JSON uses)
EN_HEADINGS = {"strategy": "Strategy", "applicable": "Can be applied",
               "throttled / month": "Throttled requests / month", "utilization": "Average utilisation",
               "max decreases / day": "Most decreases in a day", "note": "Note"}


def words_of(name: str, lg: str) -> str:
    """A strategy-table heading as the screen shows it: in words in English, in Japanese on a Japanese screen."""
    return JA_COLUMNS[name] if lg == "ja" else EN_HEADINGS.get(name, name)


def heading(name: str, lg: str) -> str:
    """A column heading in the screen's language."""
    return JA_COLUMNS[name] if lg == "ja" else name


def tx(key: str, lg: str, **values) -> str:
    return t(f"page.dynamodb.{key}", lg, **values)


@st.cache_resource(show_spinner=False)
def solved_strategies() -> StrategyCache:
    """The server's strategies already worked out, shared by every session: an edit re-solves only the
    strategies that read the edited setting (48 strategies kept, ≤ 0.7 MB each)."""
    return StrategyCache(size=48)


def capacity_curves(plan: Plan) -> dict[str, object]:
    """The chart's curves: consumed reads and writes, and each strategy's (read, write) capacity per minute."""
    curves: dict[str, object] = {"demand_read": plan.demand.read_units, "demand_write": plan.demand.write_units}
    for s in plan.strategies:
        if s.read_capacity is not None and s.name != "reserved":
            curves[s.name] = (s.read_capacity, s.write_capacity)
    return curves


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
                            format_func=CLASS_NAMES.get,
                            index=classes.index(component.get("table_class", "standard")),
                            help=tx("table_class_help", lg))
    counts_free = st.checkbox(tx("free_tier", lg), value=True, key="ddb.free", help=tx("free_tier_help", lg),
                              disabled=chosen_class != "standard" or design.get("free_tier") == "none")
    trial = json.loads(json.dumps(design))
    next(c for c in trial["components"] if c.get("id") == table)["table_class"] = chosen_class
    cols = st.columns(4)
    target = cols[0].slider(tx("target", lg), 20, 90, 70, 5, key="ddb.target", help=tx("target_help", lg),
                            format="%d%%")
    headroom = cols[1].slider(tx("headroom", lg), 0, 100, 10, 5, key="ddb.headroom", help=tx("headroom_help", lg),
                              format="%d%%")
    throttle = cols[2].select_slider(tx("throttle", lg), [0.0, 0.0001, 0.001, 0.01], value=0.0, key="ddb.throttle",
                                     help=tx("throttle_help", lg), format_func=lambda v: f"{v:.2%}")
    step = cols[3].select_slider(tx("step", lg), [5, 10, 15, 20, 30, 60], value=15, key="ddb.step",
                                 help=tx("step_help", lg))
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
                               max_capacity=int(max(low, high)), decreases_used_today=int(used), last_decrease=last,
                               free_tier=counts_free)
    return trial, table, index, settings


def money_headings(settings: QuoteSettings, lg: str) -> tuple[str, str]:
    """The month and 12-month cost columns: "USD / month" (its Japanese by `heading`), or the quote's
    currency ("JPY / month", "円／月")."""
    if settings.currency == "USD":
        return "USD / month", "USD / 12 months"
    cur = t(f"cur_{settings.currency}", lg)
    return t("page.dynamodb.money.month", lg, cur=cur), t("page.dynamodb.money.year", lg, cur=cur)


def amount(usd, settings: QuoteSettings) -> float | None:
    """A USD figure of the plan in the quote's currency, rounded as a quote rounds (None stays None)."""
    if usd is None:
        return None
    if settings.currency == "USD":  # half up to the cent, as the CLI and the quotes round (8.575 → 8.58)
        return float(round_money(Decimal(str(usd)), "USD"))
    return float(round_money(settings.convert(Decimal(str(usd))), settings.currency))


def money_text(usd, settings: QuoteSettings, lg: str) -> str:
    return format_money(None if usd is None else Decimal(str(amount(usd, settings))), settings.currency, lg)


def reason_text(reason, settings: QuoteSettings, lg: str) -> str:
    """Why the plan is recommended, its amount in the quote's currency (the engine words it in USD)."""
    params = getattr(reason, "params", None)
    if settings.currency == "USD" or not params or "usd" not in params:
        return say(reason, lg)
    saving = t("page.dynamodb.money.saving", lg, saving=f"{params['saving']:.0%}") if "saving" in params else ""
    return t("page.dynamodb.money.reason", lg, best=params["best"], allowed=f"{params['allowed']:.2%}",
             amount=money_text(params.get("usd_exact", params["usd"]), settings, lg), saving=saving,
             even=f"{params['even']:.0%}")


def utilization_text(share: float | None) -> str:
    """A strategy's average utilisation as a percentage, "—" for on-demand (no capacity to use)."""
    return "—" if share is None else f"{share:.0%}"


def strategy_cards(doc: dict, money: QuoteSettings, lg: str) -> list[Card]:
    """A card per strategy: its name and monthly cost, then throttling, utilisation and its note."""
    cards = []
    for s in doc["strategies"]:
        lines = (f"{words_of('throttled / month', lg)}: {round(s['throttled_requests']):,}",
                 f"{words_of('utilization', lg)}: {utilization_text(s['avg_utilization'])}", say(s["note"], lg))
        cards.append(Card(strategy_name(s["name"], lg), money_text(s["monthly_cost_usd"], money, lg), lines))
    return cards


def utc_offset_minutes(design: dict) -> int:
    """The workload timezone's offset, to place the planned month (starting next Monday) in UTC."""
    return workload_offset_minutes(case_design(design).workload)


def strategy_frame(doc: dict, money: QuoteSettings, lg: str) -> pd.DataFrame:
    """The strategies as the grid shows them: one row each, costs in the quote's currency, headings in `lg`."""
    month, year = money_headings(money, lg)
    rows = [{"strategy": strategy_name(s["name"], lg), "applicable": s["applicable"],
             month: amount(s["monthly_cost_usd"], money),
             year: amount(s["cost_12_months_usd"], money),
             "throttled / month": f"{round(s['throttled_requests']):,}",
             "utilization": utilization_text(s["avg_utilization"]),
             "max decreases / day": s["max_decreases_in_a_day"], "note": say(s["note"], lg)} for s in doc["strategies"]]
    frame = pd.DataFrame(rows)
    return frame.rename(columns=JA_COLUMNS) if lg == "ja" else frame


def draw_strategies(doc: dict, money: QuoteSettings, lg: str) -> None:
    """The strategy grid (a card per strategy on a phone)."""
    month, year = money_headings(money, lg)
    money_format = "%,.0f" if money.currency == "JPY" else "%.2f"
    words = EN_HEADINGS if lg == "en" else {}  # English headings in words; the data keeps its keys
    with wide("ddb_strategies"):
        money_columns = [heading(c, lg) if money.currency == "USD" else c for c in (month, year)]
        st.dataframe(strategy_frame(doc, money, lg), key="ddb.strategies", hide_index=True,
                     column_config={**{key: st.column_config.Column(label) for key, label in words.items()},
                                    **{c: st.column_config.NumberColumn(format=money_format) for c in money_columns}})
    card_list(strategy_cards(doc, money, lg), "ddb_strategies")


def draw_charts(doc: dict, curves: dict, lg: str) -> None:
    """Consumed reads and writes over the month with each strategy's capacity."""
    for part, unit, side in (("demand_read", tx("reads", lg), 0), ("demand_write", tx("writes", lg), 1)):
        capacities = {name: pair[side] for name, pair in curves.items() if isinstance(pair, tuple)}
        responsive_chart(f"ddb_chart_{part}", partial(capacity_chart, curves[part], capacities,
                                                      title=f"{doc['table']}: {unit}", unit=unit, lang=lg))


def draw_schedules(doc: dict, actions: dict, money: QuoteSettings, lg: str) -> None:
    """The weekly plan against the lower bound, and both schedules (the weekly one with its scheduled actions)."""
    weekly = next(s for s in doc["strategies"] if s["name"] == RECURRING)
    bound = next(s for s in doc["strategies"] if s["name"] == LOWER_BOUND)
    gap = doc["recurring_vs_lower_bound"]["gap_fraction"]
    gap_text = "—" if gap is None else f"{gap:.1%}"
    if money.currency == "USD":
        st.info(tx("compare", lg, weekly=usd_text(weekly["monthly_cost_usd"]),
                   bound=usd_text(bound["monthly_cost_usd"]), gap=gap_text, changes=len(bound["schedule"])))
    else:
        st.info(t("page.dynamodb.money.compare", lg, weekly=money_text(weekly["monthly_cost_usd"], money, lg),
                  bound=money_text(bound["monthly_cost_usd"], money, lg), gap=gap_text,
                  changes=len(bound["schedule"])))
    schedule = opened(f"{tx('schedule', lg)} ({len(weekly['schedule'])})", key="ddb.schedule_open")
    if schedule is not None:  # drawn only while open: its grid and the bound's cost every edit otherwise
        with schedule:
            st.dataframe(schedule_frame(weekly["schedule"], lg), key="ddb.schedule", hide_index=True)
            st.download_button(tx("actions", lg), json.dumps(actions, indent=2),
                               file_name=f"{doc['table'].replace('/', '_')}_scheduled_actions.json",
                               mime="application/json", key="ddb.actions")
            peak = {dim: max(a["ScalableTargetAction"]["MaxCapacity"] for a in actions["scheduled_actions"]
                             if a["ScalableDimension"].endswith(dim))
                    for dim in ("ReadCapacityUnits", "WriteCapacityUnits")}
            st.caption(tx("actions_note", lg, n=len(actions["scheduled_actions"]),
                          most=max(actions["actions_per_scalable_target"].values()),
                          r=f"{peak['ReadCapacityUnits']:,}", w=f"{peak['WriteCapacityUnits']:,}"))
    bound_schedule = opened(f"{tx('bound_schedule', lg)} ({len(bound['schedule'])})", key="ddb.bound_schedule_open")
    if bound_schedule is not None:
        with bound_schedule:
            st.dataframe(schedule_frame(bound["schedule"], lg), key="ddb.bound_schedule", hide_index=True)


def page() -> None:
    """The planner. The recommendation comes first: it never depends on the exact one-time lower bound, the
    slowest strategy (≈ 0.1–0.2 s at 15-minute steps, seconds with throttling allowed). When an edit changed
    a setting the bound reads, the page says it is being worked out while the browser draws the
    recommendation, then draws the strategies, the charts and the schedules with it."""
    lg = lang()
    st.subheader(tx("title", lg))
    st.caption(tx("caption", lg))
    chosen = controls(st.session_state.design, lg)
    if chosen is None:
        return
    trial, table, index, settings = chosen
    solved = solved_strategies()
    try:
        start = month_start_utc(next_monday(date.today()), utc_offset_minutes(trial))
        plan = dynamodb_plan_data(trial, table, settings, start, index=index, lower_bound=False, cache=solved)
    except DesignError as err:
        st.error(tx("problems", lg) + "\n\n" + "\n".join(f"- {say(p, lg)}" for p in err.problems))
        return
    money = quote_settings()
    first = plan_dict(plan)
    st.success(f"**{tx('recommended', lg)}: {strategy_name(first['recommended'], lg)}** — "
               f"{reason_text(named_best(first['reason'], lg), money, lg)}")
    free_r, free_w = first["free_tier_counted"]["rcu_hours"], first["free_tier_counted"]["wcu_hours"]
    st.caption(tx("free_counted", lg, rcu=f"{free_r:,.0f}", wcu=f"{free_w:,.0f}") if free_r or free_w
               else tx("free_not_counted", lg))  # ux.md P4: the $0.00 of a small table is the free tier's
    responsive_style()  # a phone gets a card per strategy instead of the grid (ux.md F4)
    note = st.empty()
    if not lower_bound_known(plan, solved):  # sent now: the browser draws the recommendation meanwhile, and keeps
        note.caption(tx("bound_computing", lg))  # the grid and charts below as they were until they are redrawn
    whole = with_lower_bound(plan, solved)
    note.empty()
    doc = plan_dict(whole)
    draw_strategies(doc, money, lg)
    draw_charts(doc, capacity_curves(whole), lg)
    draw_schedules(doc, actions_document(whole), money, lg)

page()
