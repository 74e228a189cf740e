"""The Compare page's tables and chart data, as pure functions of design summaries (no Streamlit).

A summary is `planner.design_summary(data)`: USD totals per case, client requests, MAU, the
12-month total and readiness statuses. Money is shown in the quote's currency: the monthly cost by
the quote's rounding rule (rounded lines summed), derived figures converted and rounded once.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

import numpy as np
import pandas as pd

from i18n.catalog import format_count, t, tf
from i18n.format import format_money
from models.costs.compare import STATUS_RANK, BreakEven, crossings, per_million, per_user
from models.costs.money import QuoteSettings, make_quote
from models.costs.sweep import log_volumes
from service import sweep_data

#: client volumes of the cost-vs-scale chart: 1 thousand to 100 million requests per month, 6 per decade
SWEEP_LOW, SWEEP_HIGH, SWEEP_POINTS = 1e3, 1e8, 31


def sweep_volumes() -> np.ndarray:
    """The chart's client volumes (requests per month), evenly spaced on a log axis."""
    return log_volumes(SWEEP_LOW, SWEEP_HIGH, SWEEP_POINTS)


def sweep_totals(data: dict, case: str = "expected") -> list[float]:
    """Monthly USD totals of one case of a design at the chart's volumes."""
    return [float(v) for v in sweep_data(data, sweep_volumes(), case)]


def monthly_amount(summary: dict, settings: QuoteSettings, case: str = "expected") -> Decimal:
    """The design's monthly cost by the quote rule (sum of rounded lines, before tax)."""
    return make_quote(summary["line_items"][case], settings).subtotal


def status_text(statuses: dict[str, str], lg: str) -> str:
    """The expected case's worst check, plus the worst other case when that one is worse."""
    text = t(f"status_{statuses['expected']}", lg)
    others = [s for case, s in statuses.items() if case != "expected"]
    if others:
        worst = max(others, key=lambda s: STATUS_RANK[s])
        if STATUS_RANK[worst] > STATUS_RANK[statuses["expected"]]:
            text += " (" + tf("status_high_case", lg, status=t(f"status_{worst}", lg)) + ")"
    return text


def compare_table(summaries: list[dict], labels: list[str], settings: QuoteSettings, lg: str) -> pd.DataFrame:
    """One row per design, the figures formatted for `lg` in the quote's currency."""
    cur = settings.currency
    cur_label = t(f"cur_{cur}", lg)
    ranged = any(len(s["totals_usd"]) > 1 for s in summaries)
    rows = []
    for summary, label in zip(summaries, labels, strict=True):
        monthly = monthly_amount(summary, settings)
        exact = settings.convert(summary["totals_usd"]["expected"])
        million = per_million(float(exact), summary["requests_per_month"])
        user = per_user(float(exact), summary["mau"])
        row = {
            t("col_design", lg): label,
            t("col_region", lg): summary["region"],
            t("col_requests", lg): format_count(round(summary["requests_per_month"]), lg),
            tf("col_monthly", lg, cur=cur_label): format_money(monthly, cur, lg),
        }
        if ranged:
            if len(summary["totals_usd"]) > 1:
                low, high = monthly_amount(summary, settings, "low"), monthly_amount(summary, settings, "high")
                row[t("col_range", lg)] = f"{format_money(low, cur, lg)} – {format_money(high, cur, lg)}"
            else:
                row[t("col_range", lg)] = "—"
        row.update({
            t("col_per_million", lg): format_money(million, cur, lg),
            t("col_per_mau", lg): format_money(user, cur, lg, places=4 if cur == "USD" else 2),
            tf("col_year", lg, cur=cur_label): format_money(settings.convert(summary["year_usd"]), cur, lg),
            t("col_growth", lg): f"{summary['growth_per_month']:.1%}",
            t("col_worst", lg): status_text(summary["status"], lg),
        })
        rows.append(row)
    return pd.DataFrame(rows)


def curves_frame(volumes, sweeps: list[dict[str, list[float]]], labels: list[str],
                 settings: QuoteSettings) -> pd.DataFrame:
    """Long table for the chart: design, requests, cost (and low / high when a design has ranges),
    in the quote's currency, unrounded."""
    rate = float(settings.rate)
    frames = []
    for sweep, label in zip(sweeps, labels, strict=True):
        frame = pd.DataFrame({"design": label, "requests": [float(v) for v in volumes],
                              "cost": [c * rate for c in sweep["expected"]]})
        if "low" in sweep:
            frame["low"] = [c * rate for c in sweep["low"]]
            frame["high"] = [c * rate for c in sweep["high"]]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def break_evens(volumes, sweeps: list[dict[str, list[float]]], labels: list[str]) -> list[tuple[int, int, BreakEven]]:
    """(design i, design j, point) for every pair of designs whose expected cost curves cross."""
    found = []
    for i, j in combinations(range(len(labels)), 2):
        for point in crossings(volumes, sweeps[i]["expected"], sweeps[j]["expected"]):
            found.append((i, j, point))
    return found


def break_even_frame(points: list[tuple[int, int, BreakEven]], labels: list[str], settings: QuoteSettings,
                     lg: str) -> pd.DataFrame:
    """Chart markers: requests, cost in the quote's currency, and a hover label."""
    rows = []
    for i, j, p in points:
        cost = float(settings.convert(Decimal(str(p.cost_usd))))
        rows.append({"requests": p.requests_per_month, "cost": cost,
                     "label": f"{labels[i]} = {labels[j]}: {format_count(round(p.requests_per_month), lg)} · "
                              f"{format_money(cost, settings.currency, lg)}"})
    return pd.DataFrame(rows, columns=["requests", "cost", "label"])


def break_even_sentences(points: list[tuple[int, int, BreakEven]], labels: list[str], settings: QuoteSettings,
                         lg: str) -> list[str]:
    """One sentence per break-even point, for people."""
    lines = []
    for i, j, p in points:
        pair = (labels[i], labels[j])
        lines.append(tf("break_even_line", lg, a=labels[i], b=labels[j],
                        req=format_count(round(p.requests_per_month), lg),
                        cost=format_money(settings.convert(Decimal(str(p.cost_usd))), settings.currency, lg),
                        below=pair[p.cheaper_below], above=pair[p.cheaper_above]))
    return lines
