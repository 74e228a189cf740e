"""The words of every export (CSV, XLSX, HTML report) in English and Japanese: `w(key)` reads
"export.<key>" from i18n/catalog.py."""

from __future__ import annotations

from i18n.catalog import section, t

WORDS: dict[str, dict[str, str]] = section("export")  # the words live in i18n/catalog.py ("export.*")


def w(key: str, lang: str, **values) -> str:
    """The export word for `key` in `lang` (English when missing), with `{placeholders}` filled."""
    return t(f"export.{key}", lang, **values)


def currency_word(currency: str, lang: str) -> str:
    """How a column header names the currency: the ISO code, except "円" in Japanese."""
    return "円" if (currency, lang) == ("JPY", "ja") else currency


def status_word(status: str, lang: str) -> str:
    """pass / warn / fail in the export's language."""
    return w(f"status_{status}", lang)
