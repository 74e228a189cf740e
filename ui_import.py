"""The Design page's import panel: a design from a SAM/CloudFormation template or a Terraform file.

`import_upload(...)` is the pure part (bytes in, an outcome out) and is tested without Streamlit;
`import_panel(lg)` draws the uploader, imports a new upload once, makes the result the current
design and shows the report. Its words, in English and Japanese, live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from app_state import set_design
from importers import import_text
from importers.common import MAX_TEMPLATE_BYTES
from models.design import REGIONS, DesignError

TEXT: dict[str, dict[str, str]] = {
    "panel": {"en": "Import from infrastructure code (SAM, CloudFormation, Terraform)",
              "ja": "インフラのコードから取り込む（SAM・CloudFormation・Terraform）"},
    "upload": {"en": "Template or .tf file", "ja": "テンプレートまたは .tf ファイル"},
    "upload_help": {"en": "A CloudFormation/SAM template (YAML or JSON) or one Terraform .tf file. The import "
                          "replaces the current design; usage the template cannot know is assumed and listed.",
                    "ja": "CloudFormation/SAM テンプレート（YAML または JSON）または Terraform の .tf ファイル 1 つ。"
                          "取り込むと現在の設計は置き換わります。テンプレートに書かれていない利用量は仮定値で補い、一覧にします。"},
    "params": {"en": "Parameters / variables (Name=Value, separated by spaces)",
               "ja": "パラメーター／変数（Name=Value をスペース区切りで）"},
    "params_help": {"en": "Values for template parameters or Terraform variables; the others take their defaults.",
                    "ja": "テンプレートのパラメーターや Terraform 変数の値。指定しないものは既定値を使います。"},
    "imported": {"en": "Imported", "ja": "取り込みました："},
    "components": {"en": "components", "ja": "コンポーネント"},
    "failed": {"en": "This template was not imported:", "ja": "このテンプレートは取り込めませんでした："},
    "recognised": {"en": "Recognised", "ja": "認識したリソース"},
    "ignored": {"en": "Ignored (not priced)", "ja": "対象外（料金計算なし）"},
    "unresolved": {"en": "Unresolved (design defaults used)", "ja": "解決できなかった値（設計の既定値を使用）"},
    "assumptions": {"en": "Assumed usage — edit these", "ja": "仮定した利用量（編集してください）"},
    "notes": {"en": "Notes", "ja": "注記"},
}


def tr(key: str, lg: str) -> str:
    """The panel's text for `key` in language `lg` (English if missing)."""
    entry = TEXT[key]
    return entry.get(lg) or entry["en"]


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
            raise DesignError([f"{name}: {len(data):,} bytes is too large (limit {MAX_TEMPLATE_BYTES:,})"])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise DesignError([f"{name}: not a UTF-8 text file"]) from None
        # a Terraform file names its own region (provider "aws"); a template is priced where the design is
        chosen = None if name.endswith(".tf") or region not in REGIONS else region
        result = import_text(text, name, params=parse_param_text(params_text), region=chosen)
    except DesignError as err:
        return ImportOutcome(name, problems=tuple(err.problems))
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
        outcome = st.session_state.get("import_outcome")
        if outcome is not None:
            show_outcome(outcome, lg)


def show_outcome(outcome: ImportOutcome, lg: str) -> None:
    """A success line and the report by section, or the problems as an error."""
    if outcome.design is None:
        st.error(f"{tr('failed', lg)} {outcome.name}\n\n" + "\n".join(f"- {p}" for p in outcome.problems))
        return
    count = len(outcome.design["components"])
    st.success(f"{tr('imported', lg)} {outcome.name} — {count} {tr('components', lg)}")
    for section in ("unresolved", "assumptions", "notes", "recognised", "ignored"):
        items = outcome.report.get(section) or []
        if items:
            st.markdown(f"**{tr(section, lg)}** ({len(items)})\n\n" + "\n".join(f"- {item}" for item in items))
