"""Streamlit's file uploader in Japanese. Streamlit draws the uploader's button ("Upload") and its line under it
("1MB per file • YAML, YML, JSON") in English and has no setting for their language, so on a Japanese screen a
style sheet hides those two texts and draws the app's own words in their place (`::after`). The words are the
app's, never a user's (no user text reaches the style sheet); the limit and file kinds are the uploader's own.
"""

from __future__ import annotations

import streamlit as st

from i18n.catalog import t


def upload_line(max_mb: int, kinds: list[str], lg: str) -> str:
    """The line under the button: the size limit and the file kinds.

    >>> upload_line(1, ["yaml", "yml", "json"], "ja")
    '1 ファイル 1 MB まで・YAML、YML、JSON'
    """
    return t("upload_line", lg, mb=f"{max_mb:,}", kinds="、".join(kind.upper() for kind in kinds))


def _css_text(text: str) -> str:
    """`text` as a CSS string literal (the app's own words: quotes and backslashes escaped all the same)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def uploader_words(key: str, max_mb: int, kinds: list[str], lg: str) -> None:
    """Japanese words for the uploader with widget key `key` (English screens keep Streamlit's own)."""
    if lg != "ja":
        return
    scope = ".st-key-" + key.replace(".", "\\.")
    button = f'{scope} [data-testid="stFileUploaderDropzone"] [data-testid="stBaseButton-secondary"] p'
    line = f'{scope} [data-testid="stFileUploaderDropzoneInstructions"] span'
    st.html(f"<style>{button}, {line} {{font-size: 0}} "
            f"{button}::after {{content: {_css_text(t('upload_button', lg))}; font-size: 0.875rem}} "
            f"{line}::after {{content: {_css_text(upload_line(max_mb, kinds, lg))}; font-size: 0.875rem}}</style>")
