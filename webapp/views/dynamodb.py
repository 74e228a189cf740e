"""The DynamoDB planner's results as the page shows them: strategy names, schedules (pure: no streamlit)."""

from __future__ import annotations

import pandas as pd

from i18n.catalog import strategy_name, t
from models.dynamodb_planner.plan import DAYS
from models.messages import Message


def named_best(reason, lg: str):
    """The recommendation's reason with the strategy's name (not its id) in `lg`."""
    params = getattr(reason, "params", None)
    if not params or "best" not in params:
        return reason
    return Message(reason.id, reason.template, {**params, "best": strategy_name(params["best"], lg)})


def schedule_frame(rows: list[dict], lg: str) -> pd.DataFrame:
    """A schedule as people read it: start (weekday and UTC time, or the date and time), RCU, WCU."""
    days = dict(zip(DAYS, t("page.dynamodb.schedule.weekdays", lg).split(), strict=True))

    def start(text) -> str:
        if not text:
            return "—"
        day, _, rest = str(text).partition(" ")
        if day in days:
            return f"{days[day]} {rest.removesuffix(' UTC')}"
        return str(text).replace("T", " ").removesuffix(":00Z")  # 2026-12-07T03:00:00Z → 2026-12-07 03:00

    return pd.DataFrame({t("page.dynamodb.schedule.start", lg): [start(r.get("start")) for r in rows],
                         t("page.dynamodb.schedule.rcu", lg): [r["rcu"] for r in rows],
                         t("page.dynamodb.schedule.wcu", lg): [r["wcu"] for r in rows]})
