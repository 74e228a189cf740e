"""A small line chart as SVG text: one demand line and a dashed limit line, for `st.image`.

The Limits page drew its two demand charts with plotly; in Chromium a switch to the page spent 328 ms of
main-thread time with them and 251 ms with these SVG images (a trace, median of 5, 2026-12-05; a trivial
Streamlit page needs 160 ms). An SVG in an <img> costs the browser next to nothing. Pure functions: numbers
in, SVG text out (tests parse it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

import numpy as np
import numpy.typing as npt

#: the line colours (the plotly defaults the charts had): demand blue, the limit red
DEMAND_COLOUR, LIMIT_COLOUR, INK, GRID = "#1f77b4", "#d62728", "#31333f", "#e6e6e6"
#: the plot area's margins in SVG units: left (y tick labels), right, top (title), bottom (x ticks and title)
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 34, 44
FONT = "font-family='sans-serif'"
#: at most this many labelled powers of ten on a log axis (the plot is ≈ 200 px high)
MAX_LOG_TICKS = 7


@dataclass(frozen=True)
class Axis:
    """A value axis: `low`..`high` in data units, linear or log10, with its tick values."""

    low: float
    high: float
    log: bool
    ticks: tuple[float, ...]

    def fraction(self, values: np.ndarray) -> np.ndarray:
        """Where each value sits between low (0.0) and high (1.0); values outside are clamped."""
        if self.log:
            low, high = math.log10(self.low), math.log10(self.high)
            share = (np.log10(np.maximum(values, self.low)) - low) / (high - low)
        else:
            share = (values - self.low) / (self.high - self.low)
        return np.clip(share, 0.0, 1.0)


def nice_step(span: float, count: int = 5) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving about `count` steps over `span`.

    >>> nice_step(1000), nice_step(7), nice_step(0.3)
    (200.0, 2.0, 0.1)
    """
    raw = span / count
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw * 0.999)


def value_axis(values: np.ndarray, limit: float | None, log: bool) -> Axis:
    """The y axis that shows every value and the limit: from 0 (linear) or the power of ten below the smallest
    positive value (log) to a little above the larger of the peak and the limit."""
    top = max(float(values.max(initial=0.0)), limit or 0.0)
    if log:
        positive = values[values > 0]
        smallest = float(positive.min()) if positive.size else top / 1000
        low, high = 10.0 ** math.floor(math.log10(smallest)), 10.0 ** math.ceil(math.log10(top * 1.05))
        first, last = round(math.log10(low)), round(math.log10(high))
        every = math.ceil((last - first + 1) / MAX_LOG_TICKS)  # a tiny demand under a big limit: fewer labels
        return Axis(low, high, True, tuple(10.0 ** p for p in range(last, first - 1, -every))[::-1])
    if top <= 0:
        top = 1.0
    step = nice_step(top * 1.08)
    high = math.ceil(top * 1.08 / step) * step
    return Axis(0.0, high, False, tuple(i * step for i in range(round(high / step) + 1)))


def tick_text(value: float) -> str:
    """A y tick label: "0", "250", "1,500", "0.5", "1e-05".

    >>> tick_text(1500.0), tick_text(0.5), tick_text(0.00001)
    ('1,500', '0.5', '1e-05')
    """
    if value == 0 or abs(value) >= 1:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{value:g}"


def line_chart(x: np.ndarray, y: np.ndarray, *, limit: float | None, title: str, x_title: str, y_title: str,
               x_ticks: list[float], log: bool, limit_label: str, width: int = 420, height: int = 280) -> str:
    """An SVG line chart of `y` over `x` with the limit as a dashed line. `x_ticks` are in `x`'s units."""
    axis = value_axis(y, limit, log)
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    x_low, x_high = float(x[0]), float(x[-1]) if x[-1] > x[0] else float(x[0]) + 1.0

    def px(values: npt.ArrayLike) -> np.ndarray:
        return LEFT + (np.asarray(values, dtype=float) - x_low) / (x_high - x_low) * plot_w

    def py(values: npt.ArrayLike) -> np.ndarray:
        return TOP + (1.0 - axis.fraction(np.asarray(values, dtype=float))) * plot_h

    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' "
             f"height='{height}' {FONT} font-size='11' fill='{INK}'>",
             f"<title>{escape(title)}</title>",
             f"<text x='{LEFT}' y='20' font-size='13' font-weight='600'>{escape(title)}</text>"]
    for tick in axis.ticks:
        y_px = float(py(tick))
        parts.append(f"<line x1='{LEFT}' x2='{width - RIGHT}' y1='{y_px:.1f}' y2='{y_px:.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{LEFT - 6}' y='{y_px + 4:.1f}' text-anchor='end'>{escape(tick_text(tick))}</text>")
    for tick in (tick for tick in x_ticks if x_low <= tick <= x_high):
        x_px = float(px(tick))
        parts.append(f"<text x='{x_px:.1f}' y='{TOP + plot_h + 16}' text-anchor='middle'>{tick:g}</text>")
    parts.append(f"<line x1='{LEFT}' x2='{width - RIGHT}' y1='{TOP + plot_h}' y2='{TOP + plot_h}' stroke='{INK}'/>")
    parts.append(f"<text x='{LEFT + plot_w / 2:.1f}' y='{height - 6}' text-anchor='middle'>{escape(x_title)}</text>")
    parts.append(f"<text transform='translate(12 {TOP + plot_h / 2:.1f}) rotate(-90)' text-anchor='middle'>"
                 f"{escape(y_title)}</text>")
    points = " ".join(f"{a:.1f},{b:.1f}" for a, b in np.column_stack((px(x), py(y))).tolist())
    parts.append(f"<polyline fill='none' stroke='{DEMAND_COLOUR}' stroke-width='1.5' points='{points}'/>")
    if limit is not None:
        y_px = float(py(limit))
        parts.append(f"<line class='limit' x1='{LEFT}' x2='{width - RIGHT}' y1='{y_px:.1f}' y2='{y_px:.1f}' "
                     f"stroke='{LIMIT_COLOUR}' stroke-width='1.5' stroke-dasharray='6 4'/>")
        parts.append(f"<text x='{width - RIGHT - 4}' y='{y_px - 5:.1f}' text-anchor='end' fill='{LIMIT_COLOUR}'>"
                     f"{escape(limit_label)}</text>")
    parts.append("</svg>")
    return "".join(parts)
