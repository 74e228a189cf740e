"""The Account page's words: "account.*" in i18n/catalog.py (`tx` fills {pull_env} with the switch's name),
and its tables in the page's language (`table`), a grid on a wide screen and a card per row on a phone (`grid`)."""

from __future__ import annotations

import re
from numbers import Real
from typing import Any

import pandas as pd
import streamlit as st

from i18n.account_reads import read_text
from i18n.catalog import FIELD_LABELS, UI, format_count, shown, t
from i18n.catalog import section as catalog_section
from i18n.engine_ja import say
from webapp.views.cards import Card, card_list, row_cards, wide

PULL_ENV = "SERVERLESS_PLANNER_ALLOW_PULL"

TEXT: dict[str, dict[str, str]] = catalog_section("account")  # the words live in i18n/catalog.py ("account.*")

#: columns whose cells are words of the app (kinds, modes, severities): shown through "account.value.*"
VALUE_COLUMNS = {"severity", "billing", "kind", "type", "table_class", "design", "account", "component"}
#: columns whose cells name a design field or limit: shown with its label
FIELD_COLUMNS = {"field", "limit"}


def tx(key: str, lg: str, **values: str) -> str:
    """The text for `key` in language `lg` (English when missing), with {placeholders} filled."""
    return t(f"account.{key}", lg, **{"pull_env": PULL_ENV, **values})


def field_label(name: str, lg: str) -> str:
    """A design field or limit key as people read it (the key itself in English)."""
    if lg == "en":
        return name
    if f"account.field.{name}" in UI:
        return t(f"account.field.{name}", lg)
    return FIELD_LABELS[name][lg] if name in FIELD_LABELS else name


#: columns holding bytes or seconds, shown in the unit people read them in ("1 MB", "4 days")
BYTE_COLUMNS = {"size_bytes", "max_message_bytes"}
DURATION_COLUMNS = {"retention_s"}
#: (seconds, English unit, Japanese unit), the largest first: a duration is shown in the largest unit it fills
_DURATION_UNITS = ((86_400, "day", "日"), (3_600, "hour", "時間"), (60, "minute", "分"), (1, "second", "秒"))


def bytes_text(value: float) -> str:
    """A size in bytes as AWS's pages write it (binary units: 1 KB = 1,024 bytes).

    >>> bytes_text(192), bytes_text(262_144), bytes_text(1_048_576), bytes_text(5_368_709_120)
    ('192 B', '256 KB', '1 MB', '5 GB')
    """
    for factor, unit in ((1024 ** 3, "GB"), (1024 ** 2, "MB"), (1024, "KB")):
        if value >= factor:
            return f"{value / factor:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{value:,.0f} B"


def duration_text(seconds: float, lg: str) -> str:
    """A duration in seconds in the largest unit it fills.

    >>> duration_text(345_600, "en"), duration_text(345_600, "ja"), duration_text(90, "en"), duration_text(1, "en")
    ('4 days', '4 日', '1.5 minutes', '1 second')
    """
    factor, en, ja = next(u for u in _DURATION_UNITS if seconds >= u[0] or u[0] == 1)
    amount = f"{seconds / factor:,.1f}".removesuffix(".0")
    return f"{amount} {ja}" if lg == "ja" else f"{amount} {en}{'' if amount == '1' else 's'}"


def _cell(column: str, value: Any, lg: str) -> Any:
    if value is None:
        return "—"
    if column in BYTE_COLUMNS and isinstance(value, int | float):
        return bytes_text(value)
    if column in DURATION_COLUMNS and isinstance(value, int | float):
        return duration_text(value, lg)
    if column == "source" and isinstance(value, str) and read_text(value, lg) != value:  # ---- quotas
        return read_text(value, lg)  # "Service Quotas L-… (applied)" / "(AWS default)"
    if column in FIELD_COLUMNS and isinstance(value, str):
        return field_label(value, lg)
    if column == "service" and isinstance(value, str):
        return shown("service", value, lg)
    if column in VALUE_COLUMNS and f"account.value.{value}" in UI:
        return t(f"account.value.{value}", lg)
    if column == "stages" and isinstance(value, str) and lg == "ja":
        return re.sub(r"\((\S+) rps, burst ([^)]*)\)", r"（\1 rps、バースト \2）", value)
    return say(value, lg)


def table(rows: list[dict[str, Any]], lg: str, rename: dict[str, str] | None = None) -> pd.DataFrame:
    """Rows as a table in `lg`: headings from "account.column.*" in either language (`rename` picks another
    heading key for a column; "Memory (MB)", not `memory_mb`), words and field names translated, engine notes
    rendered."""
    rename = rename or {}
    # translated before the DataFrame is built: pandas keeps a message's text but not its id
    frame = pd.DataFrame([{t(f"account.column.{rename.get(c, c)}", lg): _cell(c, v, lg) for c, v in row.items()}
                          for row in rows])
    for column in frame.columns:  # numbers beside "—": all as text (a grid column holds one type)
        values = list(frame[column])
        if "—" in values and any(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            frame[column] = [format_count(v) if isinstance(v, int | float) and not isinstance(v, bool) else str(v)
                             for v in values]
    return frame


#: a card's title and figure per table (its key after "account."), by the column key; the other columns are the
#: card's lines. Quotas are titled by service: their names are AWS's English, a line like AWS's messages in gaps
CARD_COLUMNS: dict[str, tuple[str, str | None]] = {
    "limits": ("limit", "value"), "quotas": ("service", "applied"), "gaps": ("operation", "count"),
    "diff": ("field", "severity"), "price_changes": ("dimension", "refreshed")}


def table_cards(frame: pd.DataFrame, title: str, figure: str | None = None) -> list[Card]:
    """The rows of a `table` as cards: `title` and `figure` name headings, every other column is a line
    "heading: value"; numbers with thousands separators as `format_count` writes them, a missing value left out.

    >>> table_cards(pd.DataFrame([{"Limit": "api_rps", "Value": 10000.0, "Read from": "API Gateway GetAccount"}]),
    ...             "Limit", "Value")
    [Card(title='api_rps', figure='10,000', lines=('Read from: API Gateway GetAccount',))]
    """
    rows = [{column: _card_text(value) for column, value in row.items()} for row in frame.to_dict("records")]
    return row_cards(rows, title, figure, [c for c in frame.columns if c not in (title, figure)])


def _card_text(value: Any) -> Any:
    if isinstance(value, Real) and not isinstance(value, bool):
        return "—" if value != value else format_count(float(value))  # NaN != NaN: no figure
    return value


def grid(frame: pd.DataFrame, key: str, lg: str, rename: dict[str, str] | None = None) -> None:
    """`frame` (a `table`) as the grid `account.<key>` on a wide screen and a card per row on a phone (ux.md F4;
    the page draws the style sheet that picks one, `responsive_style`)."""
    title, figure = CARD_COLUMNS.get(key, ("name", None))  # resources and observations: by their name

    def heading(column: str) -> str:
        return t(f"account.column.{(rename or {}).get(column, column)}", lg)

    box = f"account_{key.replace('.', '_')}"
    with wide(box):
        st.dataframe(frame, key=f"account.{key}", hide_index=True)
    card_list(table_cards(frame, heading(title), None if figure is None else heading(figure)), box)
