"""The Account page's words: "account.*" in i18n/catalog.py (`tx` fills {pull_env} with the switch's name)."""

from __future__ import annotations

from i18n.catalog import section as catalog_section
from i18n.catalog import t

PULL_ENV = "SERVERLESS_PLANNER_ALLOW_PULL"

TEXT: dict[str, dict[str, str]] = catalog_section("account")  # the words live in i18n/catalog.py ("account.*")


def tx(key: str, lg: str, **values: str) -> str:
    """The text for `key` in language `lg` (English when missing), with {placeholders} filled."""
    return t(f"account.{key}", lg, **{"pull_env": PULL_ENV, **values})
