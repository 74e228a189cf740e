"""Figures for the app, built by pure functions (DataFrame in, plotly figure out) so tests need no UI."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


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
