"""User text shown as typed: Streamlit renders st.error/st.caption/st.markdown as markdown, so a
design name, a description or a problem line quoting a user's value could otherwise become a link,
an image or formatting (a share link is anyone's text)."""

from __future__ import annotations

from i18n.catalog import TEXT, tf
from i18n.engine_ja import say
from storage.designs import StorageError

_MARKDOWN = "\\`*_{}[]()<>#+-.!|~$"  # "$" too: Streamlit renders $...$ as math


def plain(value) -> str:
    """`value` as text with every markdown character escaped.

    >>> plain("![x](http://h/i.png) *hi*")
    '\\\\!\\\\[x\\\\]\\\\(http://h/i\\\\.png\\\\) \\\\*hi\\\\*'
    """
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in str(value).replace("\n", " "))


#: engine messages the web UI words its own way (the CLI's text names a command a web user has no use for)
WEB_WORDING = {"design.region_no_catalog": "page.region.no_catalog_design"}


def problem_lines(problems: list[str], lang: str) -> str:
    """A markdown bullet list of problems, each in the UI's language and escaped."""
    return "\n".join(f"- {plain(web_words(p, lang))}" for p in problems)


def web_words(problem: str, lang: str) -> str:
    """A problem as the web UI says it: `WEB_WORDING`'s text for its message id, else the engine's (translated)."""
    key = WEB_WORDING.get(getattr(problem, "id", ""))
    if key is not None:
        return tf(key, lang, **dict(problem.params))  # type: ignore[attr-defined]
    return say(problem, lang)


def storage_message(err: StorageError, lg: str) -> str:
    """A storage error in the UI's language (the English message when there is no translation)."""
    key = f"storage_{err.code}"
    if key not in TEXT:
        key = "storage_failed"
    values = {k: plain(v) for k, v in err.values.items()}
    try:
        return tf(key, lg, **values)
    except (KeyError, IndexError):
        return tf("storage_failed", lg, message=values.get("message", plain(err)))
