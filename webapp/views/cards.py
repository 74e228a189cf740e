"""The key grids on a phone: a stacked card list in place of a wide grid (issue 14, F4).

Streamlit has no media queries in Python and reports no viewport width to the script, so a page draws
both: the grid inside `wide(key)` and the cards inside `narrow(key)`, and one constant style sheet
shows one of the two by the browser's own width (`@media`). A card is one markdown block of the row's
key figures, which wraps at any width: nothing to scroll sideways. The style sheet is the app's own
constant text (no user text goes through `unsafe_allow_html`); user text in a card is escaped with `plain`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from webapp.views.safe import plain

#: at most this wide (CSS pixels), a screen gets the cards instead of the grids (a 390-px phone, a small tablet
#: held upright; Streamlit's own layout stacks its columns below 640 px)
NARROW_PX = 640

RESPONSIVE_CSS = f"""<style>
@media (max-width: {NARROW_PX}px) {{ [class*="st-key-wide_"] {{ display: none !important; }} }}
@media (min-width: {NARROW_PX + 1}px) {{ [class*="st-key-narrow_"] {{ display: none !important; }} }}
[class*="st-key-narrow_"] p {{ overflow-wrap: anywhere; }}
</style>"""


def responsive_style() -> None:
    """The style sheet that picks grid or cards by the screen's width (once per page run: it is constant)."""
    st.html(RESPONSIVE_CSS)


def wide(key: str) -> DeltaGenerator:
    """The container a grid goes in: shown on screens wider than NARROW_PX."""
    return st.container(key=f"wide_{key}")


def narrow(key: str) -> DeltaGenerator:
    """The container its cards go in: shown on screens up to NARROW_PX wide."""
    return st.container(key=f"narrow_{key}")


#: an SVG chart's size (width, height in SVG units) on a wide screen, drawn at that size in CSS pixels, and on a
#: phone, stretched to the screen: one drawing scaled to a phone would shrink its 11-unit text to ≈ 6 px
WIDE_CHART, NARROW_CHART = (900, 420), (380, 340)


def responsive_chart(key: str, draw: Callable[..., str]) -> None:
    """An SVG chart drawn twice, `draw(width=..., height=...)` at WIDE_CHART and at NARROW_CHART, each shown on
    its screens by `responsive_style`'s rule (call that on the page too)."""
    with wide(key):
        st.image(draw(width=WIDE_CHART[0], height=WIDE_CHART[1]), width="content")
    with narrow(key):
        st.image(draw(width=NARROW_CHART[0], height=NARROW_CHART[1]), width="stretch")


@dataclass(frozen=True)
class Link:
    """A card line "label: text" whose text opens `url`, as the grid's link column does (a source address)."""

    label: str
    text: str
    url: str


@dataclass(frozen=True)
class Card:
    """One row as a card: a bold title, the figure that matters on the right of it, and lines under it
    (each already the words people read; plain text, escaped when drawn, or a Link)."""

    title: str
    figure: str = ""
    lines: tuple[str | Link, ...] = ()


def short_address(url: str, most: int = 50) -> str:
    """An address short enough for a phone's line, without its scheme: whole when it fits, else its site and first
    folder.

    >>> short_address("https://aws.amazon.com/lambda/pricing/")
    'aws.amazon.com/lambda/pricing/'
    >>> short_address("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSLambda/current/us-east-1/index.json")
    'pricing.us-east-1.amazonaws.com/offers/…'
    """
    rest = url.partition("://")[2] or url
    if len(rest) <= most:
        return rest
    site, _, path = rest.partition("/")
    folder = path.split("/", 1)[0]
    return f"{site}/{folder + '/' if folder else ''}…"


def link_markdown(text: str, url: str) -> str:
    r"""A markdown link: `text` escaped (markdown escapes are read inside a link's text, unlike in a bare address,
    where a phone showed them as backslashes), `url` percent-encoded so no character of it can end the link or
    start markup. Anything but an http(s) address is the text alone.

    >>> link_markdown("aws.amazon.com/s3/", "https://aws.amazon.com/s3/")
    '[aws\\.amazon\\.com/s3/](https://aws.amazon.com/s3/)'
    >>> link_markdown("x", "https://h/a b)<i>$"), link_markdown("x", "javascript:alert(1)")
    ('[x](https://h/a%20b%29%3Ci%3E%24)', 'x')
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return plain(text)
    return f"[{plain(text)}]({quote(url, safe=':/?#@!&=+,;%~-._')})"


def _line(line: str | Link) -> str:
    return f"{plain(line.label)}: {link_markdown(line.text, line.url)}" if isinstance(line, Link) else plain(line)


def card_markdown(cards: Iterable[Card]) -> str:
    r"""The cards as one markdown text: a title line (title · **figure**), then its lines, cards apart.

    >>> card_markdown([Card("CloudFront (static files)", "$1.20", ("1,000,000 requests",))]).split("  \n")
    ['**CloudFront \\(static files\\)** · **\\$1\\.20**', '1,000,000 requests']
    """
    blocks = []
    for card in cards:
        head = f"**{plain(card.title)}**" + (f" · **{plain(card.figure)}**" if card.figure else "")
        blocks.append("  \n".join([head, *(_line(line) for line in card.lines if line)]))
    return "\n\n".join(blocks)


def card_list(cards: Sequence[Card], key: str) -> None:
    """The cards inside `narrow(key)` (nothing when there are none)."""
    if cards:
        narrow(key).markdown(card_markdown(cards))


def row_cards(rows: Iterable[dict], title: str, figure: str | None = None,
              fields: Sequence[str] = (), links: Collection[str] = ()) -> list[Card]:
    """Cards from table rows (column → value): `title` and `figure` name columns; each of `fields` becomes a line
    "column: value" (a missing or empty value is left out), a Link to its address, shortened, for the columns in
    `links`."""
    cards = []
    for row in rows:
        lines = tuple(Link(name, short_address(str(row[name])), str(row[name])) if name in links
                      else f"{name}: {row[name]}" for name in fields if _given(row.get(name)))
        cards.append(Card(str(row.get(title, "")), "" if figure is None else _text(row.get(figure)), lines))
    return cards


def _given(value) -> bool:
    return value is not None and value == value and str(value) not in ("", "—")  # NaN != NaN


def _text(value) -> str:
    return "" if not _given(value) else str(value)
