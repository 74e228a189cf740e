"""The Account page's words: "account.*" in i18n/catalog.py (`tx` fills {pull_env} with the switch's name),
and its tables in the page's language (`table`)."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from i18n.account_reads import read_text
from i18n.catalog import FIELD_LABELS, UI, shown, t
from i18n.catalog import section as catalog_section
from i18n.engine_ja import say

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


def _cell(column: str, value: Any, lg: str) -> Any:
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
    return pd.DataFrame([{t(f"account.column.{rename.get(c, c)}", lg): _cell(c, v, lg) for c, v in row.items()}
                         for row in rows])
