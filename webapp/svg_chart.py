"""Line charts as SVG text, for `st.image`: one demand line and a dashed limit line (`line_chart`, the Limits
page), and several series with bands, steps, shaded areas, × markers and a legend (`multi_line_chart`: Compare's
cost curves, the DynamoDB planner's capacities).

The app's charts were plotly figures; in Chromium a switch to Limits spent 328 ms of main-thread time with them
and 251 ms with SVG images (a trace, median of 5, 2026-12-05; a trivial Streamlit page needs 160 ms), and the
first plotly chart in a browser ≈ 1 s (README › Performance). An SVG in an <img> costs the browser next to
nothing; it does not zoom or answer hovering, so the pages say in words what hovering told. Pure functions:
numbers in, SVG text out (tests parse it); every text escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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


def _opening(title: str, width: int, height: int) -> list[str]:
    """An SVG's opening tag, its title (for screen readers) and the title drawn at the top left."""
    return [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' "
            f"height='{height}' {FONT} font-size='11' fill='{INK}'>",
            f"<title>{escape(title)}</title>",
            f"<text x='{LEFT}' y='20' font-size='13' font-weight='600'>{escape(title)}</text>"]


def _y_grid(ticks: tuple[float, ...], py: Callable[[npt.ArrayLike], np.ndarray], label: Callable[[float], str],
            width: int) -> list[str]:
    """A grid line and a label (right-aligned, left of the plot) at each y tick."""
    parts = []
    for tick in ticks:
        y_px = float(py(tick))
        parts.append(f"<line x1='{LEFT}' x2='{width - RIGHT}' y1='{y_px:.1f}' y2='{y_px:.1f}' stroke='{GRID}'/>")
        parts.append(f"<text x='{LEFT - 6}' y='{y_px + 4:.1f}' text-anchor='end'>{escape(label(tick))}</text>")
    return parts


def _axis_titles(x_title: str, y_title: str, width: int, height: int) -> list[str]:
    """The x axis line, the x title under it, and the y title turned up the left side (the plot `height` high)."""
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM
    return [f"<line x1='{LEFT}' x2='{width - RIGHT}' y1='{TOP + plot_h}' y2='{TOP + plot_h}' stroke='{INK}'/>",
            f"<text x='{LEFT + plot_w / 2:.1f}' y='{height - 6}' text-anchor='middle'>{escape(x_title)}</text>",
            f"<text transform='translate(12 {TOP + plot_h / 2:.1f}) rotate(-90)' text-anchor='middle'>"
            f"{escape(y_title)}</text>"]


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

    parts = _opening(title, width, height) + _y_grid(axis.ticks, py, tick_text, width)
    for tick in (tick for tick in x_ticks if x_low <= tick <= x_high):
        x_px = float(px(tick))
        parts.append(f"<text x='{x_px:.1f}' y='{TOP + plot_h + 16}' text-anchor='middle'>{tick:g}</text>")
    parts += _axis_titles(x_title, y_title, width, height)
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


# ---- several series: the Compare page's cost curves and the DynamoDB planner's capacities

#: SVG dash patterns by the names the charts use
DASHES = {"solid": "", "dash": "7 4", "dot": "2 3"}
#: the legend's rows: this high (SVG units), a swatch this wide
LEGEND_ROW, SWATCH = 16, 18


@dataclass(frozen=True)
class Series:
    """One line of a chart: `y` over `x` (the same length) in `colour`.

    `dash`: a DASHES name; `step`: hold each value until the next x (a provisioned capacity); `area`: fill down to
    the axis, translucent; `low` / `high`: a translucent band between them (a design's low and high case)."""

    name: str
    x: np.ndarray
    y: np.ndarray
    colour: str
    dash: str = "solid"
    width: float = 1.5
    step: bool = False
    area: bool = False
    low: np.ndarray | None = None
    high: np.ndarray | None = None


#: data values → SVG coordinates along one axis
Scale = Callable[[npt.ArrayLike], np.ndarray]


@dataclass(frozen=True)
class Marker:
    """A point drawn as a black ×: where two cost curves cross."""

    x: float
    y: float


def x_axis(values: np.ndarray, log: bool, ticks: list[tuple[float, str]]) -> Axis:
    """The x axis from the first to the last value (log10 or linear), with the given ticks inside it."""
    low, high = float(values.min()), float(values.max())
    if high <= low:
        high = low + 1.0
    inside = tuple(v for v, _ in ticks if low <= v <= high)
    return Axis(low, high, log, inside)


def y_axis(values: np.ndarray, log: bool, ticks: list[tuple[float, str]] | None) -> Axis:
    """The y axis that shows every value: `value_axis`'s, or (log, given ticks) from a little below the smallest
    positive value to a little above the largest."""
    if ticks is None or not log:
        return value_axis(values, None, log)
    positive = values[values > 0]
    low = float(positive.min()) / 1.15 if positive.size else 1.0
    high = float(values.max(initial=low)) * 1.15
    return Axis(low, max(high, low * 10), True, tuple(v for v, _ in ticks if low <= v <= high))


def legend_rows(names: list[str], width: int) -> list[list[tuple[int, str, float]]]:
    """The legend's entries in rows that fit `width`: (index in `names`, the text, x of its swatch). A name wider
    than a row goes on rows of its own, broken at spaces (anywhere in a long word); its later rows have the
    index -1 (no swatch)."""
    rows: list[list[tuple[int, str, float]]] = [[]]
    x = float(LEFT)
    room = width - LEFT - RIGHT - SWATCH - 6
    for index, name in enumerate(names):
        if text_width(name) > room:
            if rows[-1]:
                rows.append([])
            for number, line in enumerate(wrapped(name, room)):
                if number:
                    rows.append([])
                rows[-1].append((index if number == 0 else -1, line, float(LEFT)))
            rows.append([])
            x = float(LEFT)
            continue
        size = SWATCH + 6 + text_width(name) + 14
        if rows[-1] and x + size > width - RIGHT:
            rows.append([])
            x = float(LEFT)
        rows[-1].append((index, name, x))
        x += size
    return [row for row in rows if row]


def wrapped(text: str, room: float) -> list[str]:
    """`text` in lines at most `room` wide (`text_width`): broken after spaces, a word wider than a line anywhere.

    >>> wrapped("Template: Photo upload", 70)
    ['Template: ', 'Photo ', 'upload']
    """
    lines, line = [], ""
    for word in re.findall(r"\S+\s*|\s+", text):
        for char in word if text_width(word) > room else [word]:
            if line and text_width(line + char) > room:
                lines.append(line)
                line = ""
            line += char
    return lines + [line] if line else lines


def text_width(text: str, font_size: float = 11.0) -> float:
    """About how wide `text` is drawn (SVG units): wide CJK glyphs count a full em, others about 0.6.

    >>> text_width("ab"), text_width("設計")
    (13.2, 22.0)
    """
    return sum(font_size if ord(c) >= 0x2E80 else font_size * 0.6 for c in text)


def _step_points(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A step line's corners (each value held until the next x), without the points of a value held on."""
    keep = np.ones(len(y), dtype=bool)
    keep[1:-1] = (y[1:-1] != y[:-2])
    xs, ys = x[keep], y[keep]
    corner_x = np.repeat(xs, 2)[1:]
    corner_y = np.repeat(ys, 2)[:-1]
    return corner_x, corner_y


def _points(xs: np.ndarray, ys: np.ndarray) -> str:
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in np.column_stack((xs, ys)).tolist())


def multi_line_chart(series: list[Series], *, title: str, x_title: str, y_title: str,
                     x_ticks: list[tuple[float, str]], x_log: bool = False, y_log: bool = False,
                     y_ticks: list[tuple[float, str]] | None = None, y_format: Callable[[float], str] = tick_text,
                     markers: tuple[Marker, ...] = (), marker_name: str = "", width: int = 720,
                     height: int = 360) -> str:
    """An SVG chart of several series with a legend under it (the names, and the markers' name when there are
    markers). `x_ticks` / `y_ticks`: (value, label) in data units; without `y_ticks` (or on a linear y axis)
    `value_axis` picks the y ticks and `y_format` labels them."""
    every_x = np.concatenate([s.x for s in series])
    every_y = np.concatenate([s.y for s in series] + [b for s in series for b in (s.low, s.high) if b is not None])
    xa, ya = x_axis(every_x, x_log, x_ticks), y_axis(every_y, y_log, y_ticks)
    y_labels = dict(y_ticks) if y_ticks is not None and y_log else {v: y_format(v) for v in ya.ticks}
    names = [s.name for s in series] + ([marker_name] if markers and marker_name else [])
    rows = legend_rows(names, width)
    full_height = height + LEGEND_ROW * len(rows)
    plot_w, plot_h = width - LEFT - RIGHT, height - TOP - BOTTOM

    def px(values: npt.ArrayLike) -> np.ndarray:
        return LEFT + xa.fraction(np.asarray(values, dtype=float)) * plot_w

    def py(values: npt.ArrayLike) -> np.ndarray:
        return TOP + (1.0 - ya.fraction(np.asarray(values, dtype=float))) * plot_h

    parts = _opening(title, width, full_height) + _y_grid(ya.ticks, py, lambda v: y_labels.get(v, tick_text(v)),
                                                           width)
    x_labels = dict(x_ticks)
    for tick in xa.ticks:
        x_px = float(px(tick))
        parts.append(f"<line x1='{x_px:.1f}' x2='{x_px:.1f}' y1='{TOP}' y2='{TOP + plot_h}' stroke='{GRID}'/>")
        parts.append(f"<text x='{x_px:.1f}' y='{TOP + plot_h + 16}' text-anchor='middle'>"
                     f"{escape(x_labels[tick])}</text>")
    parts += _axis_titles(x_title, y_title, width, height)
    for s in series:
        shown = _positive(s) if y_log else s
        if shown is not None:
            parts.extend(_series_parts(shown, px, py, TOP + plot_h))
    for m in markers:
        x_px, y_px = float(px(m.x)), float(py(m.y))
        parts.append(f"<path class='marker' d='M{x_px - 5:.1f},{y_px - 5:.1f}L{x_px + 5:.1f},{y_px + 5:.1f}"
                     f"M{x_px - 5:.1f},{y_px + 5:.1f}L{x_px + 5:.1f},{y_px - 5:.1f}' stroke='#111' stroke-width='2'/>")
    for r, row in enumerate(rows):
        y_px = height + 4 + r * LEGEND_ROW
        for index, name, x_px in row:
            if index == -1:  # a long name's next line
                pass
            elif index == len(series):  # the markers' entry
                mid = x_px + SWATCH / 2
                parts.append(f"<path d='M{mid - 4:.1f},{y_px - 4}L{mid + 4:.1f},{y_px + 4}M{mid - 4:.1f},{y_px + 4}"
                             f"L{mid + 4:.1f},{y_px - 4}' stroke='#111' stroke-width='2'/>")
            else:
                line = series[index]
                dash = f" stroke-dasharray='{DASHES[line.dash]}'" if DASHES[line.dash] else ""
                parts.append(f"<line x1='{x_px:.1f}' x2='{x_px + SWATCH:.1f}' y1='{y_px}' y2='{y_px}' "
                             f"stroke='{line.colour}' stroke-width='2.5'{dash}/>")
            parts.append(f"<text class='legend' x='{x_px + SWATCH + 6:.1f}' y='{y_px + 4}'>{escape(name)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def _positive(s: Series) -> Series | None:
    """The series without its points at or below zero, which a log axis cannot show (they are not drawn); None
    when no point is left."""
    keep = s.y > 0
    if s.low is not None and s.high is not None:
        keep &= (s.low > 0) & (s.high > 0)
    if not keep.any():
        return None
    return replace(s, x=s.x[keep], y=s.y[keep], low=None if s.low is None else s.low[keep],
                   high=None if s.high is None else s.high[keep])


def _series_parts(s: Series, px: Scale, py: Scale, base: float) -> list[str]:
    """The band, the area and the line of one series."""
    found = []
    if s.low is not None and s.high is not None:
        xs = np.concatenate([px(s.x), px(s.x)[::-1]])
        ys = np.concatenate([py(s.high), py(s.low)[::-1]])
        found.append(f"<polygon class='band' points='{_points(xs, ys)}' fill='{s.colour}' fill-opacity='0.15' "
                     "stroke='none'/>")
    xs, ys = _step_points(s.x, s.y) if s.step else (s.x, s.y)
    line_x, line_y = px(xs), py(ys)
    if s.area:
        area_x = np.concatenate([[line_x[0]], line_x, [line_x[-1]]])
        area_y = np.concatenate([[base], line_y, [base]])
        found.append(f"<polygon class='area' points='{_points(area_x, area_y)}' fill='{s.colour}' "
                     "fill-opacity='0.25' stroke='none'/>")
    dash = f" stroke-dasharray='{DASHES[s.dash]}'" if DASHES[s.dash] else ""
    found.append(f"<polyline class='series' fill='none' stroke='{s.colour}' stroke-width='{s.width}'{dash} "
                 f"points='{_points(line_x, line_y)}'><title>{escape(s.name)}</title></polyline>")
    return found
