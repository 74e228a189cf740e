"""The Design page's import panel: a design from a SAM/CloudFormation template or a Terraform file.

`import_upload(...)` is the pure part (bytes in, an outcome out) and is tested without Streamlit;
`import_panel(lg)` draws the uploader, imports a new upload once, makes the result the current
design and shows the report. Its words, in English and Japanese, live here, and so does the
Japanese for the importers' refusals (`PROBLEMS_JA`: size, encoding, nesting and evaluation limits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from i18n.catalog import section as catalog_section
from i18n.catalog import t
from i18n.engine_ja import say
from importers import import_text
from importers.common import MAX_TEMPLATE_BYTES, too_large
from models.design.schema import REGIONS, DesignError
from webapp.state import set_design
from webapp.views.safe import plain

TEXT: dict[str, dict[str, str]] = catalog_section("import")  # the words live in i18n/catalog.py ("import.*")


#: the importers' refusals (the part after "file: " or "file line N: ") → Japanese; groups are kept verbatim
PROBLEMS_JA: list[tuple[re.Pattern, str]] = [(re.compile(pattern), template) for pattern, template in [
    (r"(?P<s>[\d,]+) bytes is too large to import \(limit (?P<l>[\d,]+) bytes per file\)",
     "{s} バイトは大きすぎて取り込めません（1 ファイルの上限は {l} バイト）"),
    (r"not a UTF-8 text file \(byte (?P<b>0x[0-9a-f]{2}) at offset (?P<o>[\d,]+)\)",
     "UTF-8 のテキストファイルではありません（{o} バイト目が {b}）"),
    (r"not a UTF-8 text file", "UTF-8 のテキストファイルではありません"),
    (r"an expression chains more than (?P<n>[\d,]+) operators; nested too deeply to parse \(split it into locals\)",
     "1 つの式に {n} 個を超える演算子が連なっています。入れ子が深すぎて解析できません（locals に分けてください）"),
    (r"a number written with (?P<d>[\d,]+) digits; numbers (?:in a template )?have at most (?P<m>\d+)",
     "{d} 桁で書かれた数値があります。数値は {m} 桁までです"),
    (r"the heredoc <<(?P<m>\S+) is never closed \(no line holding just \S+\)",
     "ヒアドキュメント <<{m} が閉じられていません（{m} だけの行がありません）"),
    (r"too complex to parse: more than (?P<n>[\d,]+) tokens in the Terraform files of one import "
     r"\(split the configuration\)",
     "複雑すぎて解析できません：1 回の取り込みの Terraform ファイルが {n} トークンを超えています（構成を分割してください）"),
    (r"nested too deeply to parse \(more than (?P<n>\d+) levels\)", "入れ子が深すぎて解析できません（上限 {n} 階層）"),
    (r"nested more than (?P<n>\d+) levels deep(?: \(.*\))?", "入れ子が {n} 階層を超えています"),
    (r"too complex to evaluate: more than (?P<n>[\d,]+) evaluation steps",
     "複雑すぎて評価できません：評価の手順が {n} を超えます"),
    (r"too complex to evaluate: (?P<w>.+) would be (?P<n>[\d,]+) characters long \(limit (?P<l>[\d,]+)\)",
     "複雑すぎて評価できません：{w} は {n} 文字になります（上限 {l} 文字）"),
    (r"too complex to evaluate: the values computed would hold more than (?P<n>[\d,]+) characters",
     "複雑すぎて評価できません：計算される値が合計 {n} 文字を超えます"),
    (r"too complex to evaluate: (?P<w>\S+) would hold (?P<n>[\d,]+) list or map entries \(limit (?P<l>[\d,]+)\)",
     "複雑すぎて評価できません：{w} のリストやマップの要素が {n} 個になります（上限 {l} 個）"),
    (r"too complex to evaluate: it needs more memory than this import may use",
     "複雑すぎて評価できません：この取り込みに使えるメモリーを超えます"),
    (r"nested too deeply to evaluate: (?P<w>.+) is more than (?P<n>\d+) levels deep \(values referring to each "
     r"other, or expressions inside expressions\)",
     "入れ子が深すぎて評価できません：{w} が {n} 階層を超えています（互いを参照する値、または式の中の式）"),
    (r"nested too deeply to evaluate \(values that refer to each other, or expressions inside expressions, more "
     r"than (?P<n>\d+) levels deep\)",
     "入れ子が深すぎて評価できません（互いを参照する値、または式の中の式が {n} 階層を超えています）"),
    (r"a key must be text, not a list", "キーはテキストでなければなりません（リストは使えません）"),
    (r"a key must be text, not a mapping", "キーはテキストでなければなりません（マッピングは使えません）"),
    (r"cannot be imported: unexpected (?P<e>.+?); please report this template",
     "取り込めません：想定外のエラー {e}。このテンプレートを報告してください"),
]]


def problem_text(problem: str, lg: str) -> str:
    """One refusal in the panel's language: the file/line/property prefix kept, the reason in Japanese.

    >>> problem_text("a.tf line 3: a number written with 5,000 digits; numbers have at most 30", "ja")
    'a.tf line 3: 5,000 桁で書かれた数値があります。数値は 30 桁までです'
    """
    if lg != "ja":
        return problem
    for pattern, template in PROBLEMS_JA:
        for match in pattern.finditer(problem):
            if match.end() == len(problem) and (match.start() == 0 or problem[:match.start()].endswith(": ")):
                groups = {k: _what_ja(v) if k == "w" else v for k, v in match.groupdict().items()}
                return problem[:match.start()] + template.format(**groups)
    return say(problem, lg)


def _what_ja(what: str) -> str:
    """The subject of an evaluation refusal ("the text '...'", "the expression '...'") in Japanese."""
    for english, japanese in (("the text ", "テキスト "), ("the expression ", "式 "), ("condition ", "条件 ")):
        if what.startswith(english):
            return japanese + what[len(english):]
    return what


def tr(key: str, lg: str) -> str:
    """The panel's text for `key` in language `lg` (English if missing)."""
    return t(f"import.{key}", lg)


@dataclass(frozen=True)
class ImportOutcome:
    """What one upload gave: the design and report, or the problems (one line each)."""

    name: str
    design: dict[str, Any] | None = None
    report: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def parse_param_text(text: str) -> dict[str, str]:
    """`"Stage=prod; Memory=512"` → {"Stage": "prod", "Memory": "512"}; DesignError for a bad entry.

    Entries are separated by spaces or semicolons (a value cannot hold either; the CLI's --param can).

    >>> parse_param_text("Stage=prod;  Sizes=128,256 ")
    {'Stage': 'prod', 'Sizes': '128,256'}
    """
    params: dict[str, str] = {}
    for entry in re.split(r"[;\s]+", text.strip()):
        if not entry:
            continue
        name, sep, value = entry.partition("=")
        if not sep or not name:
            raise DesignError([f"parameters: {entry!r} is not Name=Value"])
        params[name] = value
    return params


def import_upload(name: str, data: bytes, params_text: str = "", region: str | None = None) -> ImportOutcome:
    """Import an uploaded template; never raises for bad input (the problems are in the outcome)."""
    try:
        if len(data) > MAX_TEMPLATE_BYTES:
            raise too_large(name, len(data))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise DesignError([f"{name}: not a UTF-8 text file (byte 0x{data[err.start]:02x} at offset "
                               f"{err.start:,})"]) from None
        # a Terraform file names its own region (provider "aws"); a template is priced where the design is
        chosen = None if name.endswith(".tf") or region not in REGIONS else region
        result = import_text(text, name, params=parse_param_text(params_text), region=chosen)
    except DesignError as err:
        return ImportOutcome(name, problems=tuple(err.problems))
    except RecursionError:
        return ImportOutcome(name, problems=(f"{name}: nested more than 64 levels deep (nested too deeply to read)",))
    except Exception as err:  # noqa: BLE001 - a visitor's file must never show a traceback; the design is kept
        return ImportOutcome(name, problems=(f"{name}: cannot be imported: unexpected {type(err).__name__}; "
                                             "please report this template",))
    return ImportOutcome(name, result.design, result.report.as_dict())


def import_panel(lg: str) -> None:
    """Uploader and report; a new upload (or new parameters) is imported once and becomes the design."""
    with st.expander(tr("panel", lg)):
        params_text = st.text_input(tr("params", lg), key="import_params", help=tr("params_help", lg))
        upload = st.file_uploader(tr("upload", lg), type=["yaml", "yml", "json", "tf"], key="import_upload",
                                  help=tr("upload_help", lg))
        if upload is not None and (upload.file_id, params_text) != st.session_state.get("import_marker"):
            st.session_state.import_marker = (upload.file_id, params_text)
            region = (st.session_state.get("design") or {}).get("region")
            outcome = import_upload(upload.name, upload.getvalue(), params_text, region)
            st.session_state.import_outcome = outcome
            if outcome.design is not None:
                set_design(outcome.design, outcome.name)
                st.rerun()  # draw the whole page from the imported design
        shown = st.session_state.get("import_outcome")
        if shown is not None:
            show_outcome(shown, lg)


def show_outcome(outcome: ImportOutcome, lg: str) -> None:
    """A success line and the report by section, or the problems as an error."""
    if outcome.design is None:
        # escaped: a problem quotes the template ("${...}" would otherwise render as math, [x](y) as a link)
        st.error(f"{tr('failed', lg)} {plain(outcome.name)}\n\n" + "\n".join(f"- {plain(problem_text(p, lg))}"
                                                                           for p in outcome.problems))
        return
    count = len(outcome.design["components"])
    st.success(f"{tr('imported', lg)} {outcome.name} — {count} {tr('components', lg)}")
    for section in ("unresolved", "assumptions", "notes", "recognised", "ignored"):
        items = outcome.report.get(section) or []
        if items:
            st.markdown(f"**{tr(section, lg)}** ({len(items)})\n\n" + "\n".join(f"- {item}" for item in items))
