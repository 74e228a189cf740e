"""Figures for the app, built by pure functions (DataFrame in, plotly figure out) so tests need no UI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots


def cost_breakdown_figure(by_component: pd.DataFrame, *, title: str, currency: str = "USD") -> go.Figure:
    """Horizontal bars of monthly cost per component.

    `by_component` has columns `component` and `cost` (per month, in `currency`); free-tier credits
    appear as a negative bar so the bars add up to the total.
    """
    data = by_component.sort_values("cost")
    colors = ["#2e7d32" if c < 0 else "#1f77b4" for c in data["cost"]]
    fig = go.Figure(go.Bar(x=data["cost"], y=data["component"], orientation="h", marker_color=colors,
                           text=[f"{c:,.2f}" for c in data["cost"]], textposition="auto",
                           hovertemplate="%{y}: %{x:,.2f} " + currency + "<extra></extra>"))
    fig.update_layout(title=title, xaxis_title=f"{currency} per month", yaxis_title=None,
                      height=120 + 36 * len(data), margin=dict(l=10, r=10, t=50, b=40))
    return fig


def limit_figure(demand: np.ndarray, limit: float | None, *, title: str, unit: str,
                 month_label: str = "Month (hourly peak)", day_label: str = "Peak day (per minute)") -> go.Figure:
    """Demand against its limit: the month as hourly peaks, and the peak day minute by minute.

    `demand` has one value per minute of the 730-hour month (43,800 values), in `unit`.
    """
    hourly = demand[: len(demand) // 60 * 60].reshape(-1, 60).max(axis=1)
    peak_day = int(np.argmax(demand)) // 1440
    day = demand[peak_day * 1440:(peak_day + 1) * 1440]
    fig = make_subplots(rows=1, cols=2, column_widths=[0.6, 0.4],
                        subplot_titles=(month_label, f"{day_label}: day {peak_day + 1}"))
    fig.add_trace(go.Scatter(x=np.arange(len(hourly)) / 24, y=hourly, name=unit, line=dict(color="#1f77b4")), 1, 1)
    fig.add_trace(go.Scatter(x=np.arange(len(day)) / 60, y=day, name=unit, line=dict(color="#1f77b4"),
                             showlegend=False), 1, 2)
    if limit is not None:
        for col in (1, 2):
            fig.add_hline(y=limit, line=dict(color="#d62728", dash="dash"), row=1, col=col,
                          annotation_text="limit" if col == 2 else None)
    fig.update_xaxes(title_text="day", row=1, col=1)
    fig.update_xaxes(title_text="hour (local)", row=1, col=2)
    fig.update_yaxes(title_text=unit, row=1, col=1)
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=70, b=40), showlegend=False)
    return fig
