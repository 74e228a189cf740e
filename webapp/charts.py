"""Figures for the app, built by pure functions (numbers in, SVG or Graphviz text out) so tests need no UI."""

from __future__ import annotations

import numpy as np
import pandas as pd

from i18n.catalog import strategy_name, t
from webapp.svg_chart import Marker, Series, line_chart, multi_line_chart, tick_text

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd")


def compare_chart(curves: pd.DataFrame, break_evens: pd.DataFrame, *, title: str, x_title: str, y_title: str,
                  currency: str = "USD", log_y: bool = True, marker_label: str | None = None,
                  lang: str = "en", width: int = 720, height: int = 360) -> str:
    """Monthly cost against client requests per month for several designs, on a log x axis, as SVG (for
    `st.image`). SVG, not plotly: the plotly chart cost a switch to Compare ≈ 100 ms of the browser's main thread,
    and its first one ≈ 1 s (loading plotly), measured with bench/bench_browser.py; the crossings are written out
    under the chart (the break-even sentences), which is what hovering told.

    `curves` has columns `design`, `requests`, `cost` and optionally `low` / `high` (the cost of the
    design's low and high cases, drawn as a shaded band); `break_evens` has `requests` and `cost` (drawn as ×)
    for the points where two curves cross.
    """
    marker_label = marker_label or t("page.chart.break_even", lang)
    series = []
    for index, (name, group) in enumerate(curves.groupby("design", sort=False)):
        band = {"low", "high"} <= set(group.columns) and group[["low", "high"]].notna().all().all() \
            and not (group["low"] == group["high"]).all()
        series.append(Series(str(name), group["requests"].to_numpy(float), group["cost"].to_numpy(float),
                             PALETTE[index % len(PALETTE)], width=2.0,
                             low=group["low"].to_numpy(float) if band else None,
                             high=group["high"].to_numpy(float) if band else None))
    markers = tuple(Marker(float(r), float(c)) for r, c in zip(break_evens.get("requests", []),
                                                               break_evens.get("cost", []), strict=True))
    requests = curves["requests"].to_numpy(float)
    x_ticks = [(10.0 ** p, si_text(10.0 ** p)) for p in range(int(np.floor(np.log10(requests.min()))),
                                                               int(np.ceil(np.log10(requests.max()))) + 1)]
    costs = [v for column in ("cost", "low", "high") if column in curves for v in curves[column] if v and v > 0]
    y_ticks = None
    if log_y and costs:  # ticks at 1-2-5 steps, labelled as money ("$2k"), not bare digits ("2", "3", "1000")
        y_ticks = [(v, money_tick_text(v, currency)) for v in money_ticks(min(costs), max(costs))]
    return multi_line_chart(series, title=title, x_title=x_title, y_title=y_title, x_ticks=x_ticks, x_log=True,
                            y_log=log_y, y_ticks=y_ticks, y_format=lambda v: money_tick_text(v, currency),
                            markers=markers, marker_name=marker_label if markers else "", width=width,
                            height=height)


def si_text(value: float) -> str:
    """A count as an axis label: "1k", "10M", "500".

    >>> si_text(1_000), si_text(10_000_000), si_text(500), si_text(2_500_000_000)
    ('1k', '10M', '500', '2.5B')
    """
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


#: the sign a chart puts before an amount
MONEY_SIGN = {"USD": "$", "JPY": "¥"}


def money_ticks(low: float, high: float) -> list[float]:
    """Log-axis ticks between `low` and `high`: 1, 2 and 5 times each power of ten, with every digit added
    when that gives fewer than three.

    >>> money_ticks(3.0, 40.0), money_ticks(1200.0, 4100.0)
    ([5.0, 10.0, 20.0], [2000.0, 3000.0, 4000.0])
    """
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    for steps in ((1, 2, 5), tuple(range(1, 10))):
        ticks = [float(m * 10.0 ** p) for p in range(first, last + 1) for m in steps if low <= m * 10.0 ** p <= high]
        if len(ticks) >= 3:
            return ticks
    return ticks


def money_tick_text(value: float, currency: str) -> str:
    """A tick label: "$2k", "$1.5M", "¥300", "¥20k".

    >>> money_tick_text(2000, "USD"), money_tick_text(0.5, "USD"), money_tick_text(1_500_000, "JPY")
    ('$2k', '$0.5', '¥1.5M')
    """
    return MONEY_SIGN[currency] + si_text(value)


def _dot_text(text: object) -> str:
    """Text inside a double-quoted DOT string."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


#: simple fractions a `calls` multiplier is shown as (×⅓ reads better than × 0.333333)
_FRACTIONS = {1 / 2: "½", 1 / 3: "⅓", 2 / 3: "⅔", 1 / 4: "¼", 3 / 4: "¾", 1 / 5: "⅕", 1 / 6: "⅙", 1 / 8: "⅛",
              1 / 10: "⅒"}


def multiplier_text(calls: object) -> str:
    """An edge's multiplier, rounded for reading: ×⅓, ×2, ×2.5, 45 % (a share below 1 that is no simple fraction).

    >>> [multiplier_text(v) for v in (1 / 3, 0.333333, 2, 2.5, 0.45, 12.3456, "x")]
    ['×⅓', '×⅓', '×2', '×2.5', '45 %', '×12.3', '× x']
    """
    try:
        value = float(calls)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"× {_dot_text(calls)}"
    for fraction, glyph in _FRACTIONS.items():
        if abs(value - fraction) <= 1e-3 * fraction + 1e-6:
            return f"×{glyph}"
    if 0 < value < 1:
        return f"{value:.0%}".replace("%", " %")
    return f"×{value:.3g}"


#: unconnected components are laid out in rows of this many, inside one group
ALONE_PER_ROW = 4


def flow_dot(design: dict, alone_label: str = "priced on their own figures") -> str:
    """The design's components and `from` links as Graphviz DOT, left to right (client → entry
    points → ...). Multipliers are rounded (×⅓, 45 %); components with no link at all (Cognito,
    Route 53, a resource with its own monthly figures) are grouped in one box, in rows, instead of a
    tall column.

    >>> print(flow_dot({"components": [{"id": "api", "type": "api_gateway"},
    ...                                {"id": "fn", "type": "lambda", "from": "api"}]}))
    digraph design {
      rankdir=LR; nodesep=0.3; ranksep=0.45;
      node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontname="Helvetica", fontsize=13];
      edge [fontname="Helvetica", fontsize=12];
      "client" [label="clients", shape=ellipse, fillcolor="#ffffff"];
      "c:api" [label="api\\napi_gateway"];
      "c:fn" [label="fn\\nlambda"];
      "client" -> "c:api";
      "c:api" -> "c:fn";
    }
    """
    lines = ["digraph design {",
             "  rankdir=LR; nodesep=0.3; ranksep=0.45;",
             '  node [shape=box, style="rounded,filled", fillcolor="#eef3f8", fontname="Helvetica", fontsize=13];',
             '  edge [fontname="Helvetica", fontsize=12];',
             '  "client" [label="clients", shape=ellipse, fillcolor="#ffffff"];']
    components = [c for c in design.get("components") or [] if isinstance(c, dict)]
    ids = {str(c.get("id")) for c in components}
    sources = {str(c.get("from")) for c in components if c.get("from")}
    edges, alone = [], []
    for comp in components:
        target = f'"c:{_dot_text(comp.get("id"))}"'
        source = comp.get("from")
        calls = comp.get("calls", 1)
        label = "" if calls in (1, 1.0, None) or isinstance(calls, dict) else f' [label="{multiplier_text(calls)}"]'
        if source and str(source) in ids:
            edges.append(f'  "c:{_dot_text(source)}" -> {target}{label};')
        elif not source and comp.get("type") not in ("cognito", "route53", *GUARDS, *_FROM_ONLY) \
                and not _has_direct_volume(comp):
            edges.append(f'  "client" -> {target}{label};')
        elif not source and str(comp.get("id")) not in sources and comp.get("type") not in GUARDS:
            alone.append(comp)
    for comp in components:
        if comp not in alone:
            lines.append(_node(comp))
    lines += edges + guard_edges(components, ids)
    if alone:
        lines += ["  subgraph cluster_alone {",
                  f'    label="{_dot_text(alone_label)}"; style="rounded,dashed"; color="#9aa5b1";'
                  ' fontname="Helvetica";',
                  *("  " + _node(comp) for comp in alone)]
        for row in range(0, len(alone), ALONE_PER_ROW):  # invisible links lay each row out left to right
            names = [f'"c:{_dot_text(c.get("id"))}"' for c in alone[row:row + ALONE_PER_ROW]]
            if len(names) > 1:
                lines.append(f"    {' -> '.join(names)} [style=invis];")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines)


# ---- kms
#: types drawn beside the flow: a web ACL in front of what it protects, a KMS key beside what it encrypts
GUARDS = ("kms", "waf")


def guard_edges(components: list[dict], ids: set[str]) -> list[str]:
    """Dashed edges from a web ACL to what it protects, dotted lines from a key to what it encrypts.

    >>> guard_edges([{"id": "w", "type": "waf", "protects": ["cdn"]}, {"id": "b", "kms_key": "k"}],
    ...             {"w", "cdn", "b", "k"})
    ['  "c:w" -> "c:cdn" [style=dashed];', '  "c:k" -> "c:b" [style=dotted, arrowhead=none];']
    """
    edges = []
    for comp in components:
        protects = comp.get("protects") if comp.get("type") == "waf" else None
        for name in protects if isinstance(protects, list) else []:
            if str(name) in ids:
                edges.append(f'  "c:{_dot_text(comp.get("id"))}" -> "c:{_dot_text(name)}" [style=dashed];')
        key = comp.get("kms_key")
        if key is not None and str(key) in ids:
            edges.append(f'  "c:{_dot_text(key)}" -> "c:{_dot_text(comp.get("id"))}" [style=dotted, arrowhead=none];')
    return edges
# ---- end kms


def _node(comp: dict) -> str:
    label = _dot_text(comp.get("label") or comp.get("id"))
    return f'  "c:{_dot_text(comp.get("id"))}" [label="{label}\\n{_dot_text(comp.get("type"))}"];'


# ---- s3x
#: types client traffic never reaches without a `from` (models/run/flow.py)
_FROM_ONLY = ("secrets_manager", "cloudwatch")
# ---- end s3x


def _has_direct_volume(comp: dict) -> bool:
    return any(key.endswith("_per_month") for key in comp)


def limit_figures(demand: np.ndarray, limit: float | None, *, unit: str, month_label: str | None = None,
                  day_label: str | None = None, lang: str = "en") -> tuple[str, str]:
    """Demand against its limit as two SVG charts (for `st.image`): the month as hourly peaks, and the peak
    day minute by minute. Two charts, not one, so a phone stacks them (Streamlit's columns) instead of
    squeezing two titles into one line (ux.md F3). SVG, not plotly: the two plotly figures cost a switch to
    Limits ≈ 80 ms of the browser's main-thread time (traced 328 → 251 ms, webapp/svg_chart.py).

    `demand` has one value per minute of the 730-hour month (43,800 values), in `unit`.
    """
    month_label = month_label or t("page.chart.month_hourly", lang)
    day_label = day_label or t("page.chart.peak_day", lang)
    hourly = demand[: len(demand) // 60 * 60].reshape(-1, 60).max(axis=1)
    peak_day = int(np.argmax(demand)) // 1440
    day = demand[peak_day * 1440:(peak_day + 1) * 1440]
    log = bool(limit and limit > 0 and float(demand.max()) < LOG_BELOW * limit)  # a flat line at 0 says nothing
    limit_label = t("page.chart.limit", lang)
    month = line_chart(np.arange(len(hourly)) / 24, hourly, limit=limit, title=month_label,
                       x_title=t("page.chart.day", lang), y_title=unit, x_ticks=list(range(0, 31, 5)), log=log,
                       limit_label=limit_label, width=420)
    peak = line_chart(np.arange(len(day)) / 60, day, limit=limit,
                      title=t("page.chart.day_n", lang, label=day_label, n=peak_day + 1),
                      x_title=t("page.chart.hour_local", lang), y_title=unit, x_ticks=list(range(0, 25, 3)),
                      log=log, limit_label=limit_label, width=300)
    return month, peak


def peak_caption(demand: np.ndarray, limit: float | None, unit: str, lang: str = "en") -> str:
    """The charts' figures in words (what hovering over the plotly charts told): the peak, when, and the limit.

    `demand` has one value per minute of the month, in `unit`.
    """
    at = int(np.argmax(demand))
    peak = float(demand[at])
    shown = tick_text(round(peak, 2)) if peak >= 1 else f"{peak:.2g}"  # 0.0042, not 0
    words = t("page.chart.peak_caption", lang, peak=shown, unit=unit, day=at // 1440 + 1,
              time=f"{at % 1440 // 60:02d}:{at % 60:02d}")
    if limit is not None and limit > 0:
        return words + t("page.chart.limit_caption", lang, limit=tick_text(limit), share=f"{peak / limit * 100:,.1f}")
    return words + t("page.chart.caption_end", lang)


#: a limit chart switches to a log axis when the peak demand is below this share of the limit
LOG_BELOW = 0.1




#: each capacity strategy's line: a colour of the Okabe–Ito palette (told apart with colour-blindness too) and a
#: dash; the one-time schedule, a lower bound nobody can apply, is dotted
STRATEGY_LINES = {"provisioned_fixed": ("#0072B2", "solid"), "autoscaling": ("#E69F00", "solid"),
                  "scheduled_weekly": ("#009E73", "solid"), "scheduled_one_time": ("#CC79A7", "dot"),
                  "reserved": ("#56B4E9", "dash")}


def capacity_chart(demand: np.ndarray, capacities: dict[str, np.ndarray], *, title: str, unit: str,
                   lang: str = "en", width: int = 720, height: int = 340) -> str:
    """Consumed capacity (a shaded area) with each strategy's provisioned capacity (a step line) over the month,
    hourly maxima, as SVG (for `st.image`; plotly cost the planner's page ≈ 250 ms a run in the browser).

    `demand` and each capacity have one value per minute of the month (43,800 values), in `unit`.
    """
    def hourly(values: np.ndarray) -> np.ndarray:
        return values[: len(values) // 60 * 60].reshape(-1, 60).max(axis=1)

    days = np.arange(len(demand) // 60) / 24
    series = [Series(t("page.chart.consumed", lang), days, hourly(demand), "#444", width=1.0, area=True)]
    for name, capacity in capacities.items():
        colour, dash = STRATEGY_LINES.get(name, ("#333", "solid"))
        series.append(Series(strategy_name(name, lang), days, hourly(capacity), colour, dash=dash, step=True))
    return multi_line_chart(series, title=title, x_title=t("page.chart.day", lang), y_title=unit,
                            x_ticks=[(float(d), str(d)) for d in range(0, 31, 5)], width=width, height=height)
