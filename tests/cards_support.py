"""Test support for the phone's card lists (webapp/views/cards.py): a page's grid and its cards read back from
AppTest by the containers' keys (`wide_<key>`, `narrow_<key>`)."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

from i18n.catalog import format_count


def unescaped(markdown: str) -> str:
    """Markdown as people read it: `plain`'s escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def block(node, key: str):
    """The container keyed `key` under `node` (None when the page drew none)."""
    if getattr(node, "key", None) == key:
        return node
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else []:
        found = block(child, key)
        if found is not None:
            return found
    return None


def phone_cards(at: AppTest, key: str) -> list[list[str]]:
    """The cards in `narrow_<key>`: per card, its title line ("**title** · **figure**" or "**title**"), then its
    lines."""
    text = unescaped(block(at._tree, f"narrow_{key}").markdown[0].value)
    return [card.split("  \n") for card in text.split("\n\n")]


def grid(at: AppTest, key: str) -> pd.DataFrame:
    """The grid in `wide_<key>`."""
    return block(at._tree, f"wide_{key}").dataframe[0].value


def card_lines(card: list[str]) -> dict[str, str]:
    """A card's lines "heading: value" as heading → value."""
    return dict(line.split(": ", 1) for line in card[1:])


def cell_text(value) -> str:
    """A grid cell as a card writes it: numbers with thousands separators, the rest as text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_count(value)
    return str(value)


def expected_card(row: dict, title: str, figure: str | None = None) -> list[str]:
    """The card a grid row makes: its title and figure, then each other cell given ("heading: value")."""
    head = f"**{cell_text(row[title])}**" + ("" if figure is None else f" · **{cell_text(row[figure])}**")
    return [head] + [f"{name}: {cell_text(value)}" for name, value in row.items()
                     if name not in (title, figure) and value is not None and value == value
                     and cell_text(value) not in ("", "—")]
