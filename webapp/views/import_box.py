"""The Design page's import panel: a design from a SAM/CloudFormation template, a serverless.yml or a Terraform
file.

`import_upload(...)` is the pure part (bytes in, an outcome out) and is tested without Streamlit;
`import_panel(lg)` draws the uploader, imports a new upload once, makes the result the current
design and shows the report. Its words live in i18n/catalog.py ("import.*"); the importers' refusals
are messages (`models.messages`, ids "import.*"), shown in Japanese by `i18n.engine_ja.say`.
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
from importers.common import MAX_TEMPLATE_BYTES, nested_to_read, not_utf8, too_large, unexpected
from importers.sls_import import looks_like_serverless
from importers.zip_import import import_zip, is_zip
from models.design.schema import COMMERCIAL_REGION, DesignError
from models.messages import msg
from webapp.state import set_design
from webapp.views.lazy import opened
from webapp.views.safe import plain
from webapp.views.uploader import uploader_words

#: the session-state key of the import panel's open state (tests open it as a click would)
IMPORT_OPEN = "import_open"

TEXT: dict[str, dict[str, str]] = catalog_section("import")  # the words live in i18n/catalog.py ("import.*")


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
            raise DesignError([msg("import.param_not_name_value", "parameters: {entry!r} is not Name=Value",
                                   entry=entry)])
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
            raise not_utf8(name, data, err) from None
        # a Terraform file (provider "aws") and a serverless.yml (provider.region) name their own region;
        # a template is priced where the design is (any commercial Region)
        own_region = name.endswith(".tf") or looks_like_serverless(text)
        chosen = None if own_region or not COMMERCIAL_REGION.match(str(region)) else region
        result = import_text(text, name, params=parse_param_text(params_text), region=chosen)
    except DesignError as err:
        return ImportOutcome(name, problems=tuple(err.problems))
    except RecursionError:
        return ImportOutcome(name, problems=tuple(nested_to_read(name).problems))
    except Exception as err:  # noqa: BLE001 - a visitor's file must never show a traceback; the design is kept
        return ImportOutcome(name, problems=tuple(unexpected(name, err, detail=False).problems))
    return ImportOutcome(name, result.design, result.report.as_dict())


def import_zip_upload(name: str, data: bytes, params_text: str = "", region: str | None = None) -> ImportOutcome:
    """Import an uploaded .zip of a folder (Terraform modules, nested stacks); never raises for bad input.
    A zip holding Terraform is priced in its provider's region, a template where the design is."""
    try:
        result = import_zip(data, name, params=parse_param_text(params_text),
                            template_region=region if COMMERCIAL_REGION.match(str(region)) else None)
    except DesignError as err:
        return ImportOutcome(name, problems=tuple(err.problems))
    except RecursionError:
        return ImportOutcome(name, problems=tuple(nested_to_read(name).problems))
    except Exception as err:  # noqa: BLE001 - a visitor's file must never show a traceback; the design is kept
        return ImportOutcome(name, problems=tuple(unexpected(name, err, detail=False).problems))
    return ImportOutcome(name, result.design, result.report.as_dict())


def import_panel(lg: str) -> None:
    """Uploader and report; a new upload (or new parameters) is imported once and becomes the design. Drawn only
    while the panel is open (webapp/views/lazy.py): a closed panel's uploader cost every run of the Design page
    ≈ 40 ms in the browser (bench/bench_browser.py); it stays open across the import's rerun, with the report."""
    box = opened(tr("panel", lg), key=IMPORT_OPEN)
    if box is None:
        return
    with box:
        params_text = st.text_input(tr("params", lg), key="import_params", help=tr("params_help", lg))
        upload = st.file_uploader(tr("upload", lg), type=["yaml", "yml", "json", "tf", "zip"], key="import_upload",
                                  help=tr("upload_help", lg))
        uploader_words("import_upload", 50, ["yaml", "yml", "json", "tf", "zip"], lg)  # 50: server.maxUploadSize
        if upload is not None and (upload.file_id, params_text) != st.session_state.get("import_marker"):
            st.session_state.import_marker = (upload.file_id, params_text)
            region = (st.session_state.get("design") or {}).get("region")
            read = import_zip_upload if is_zip(upload.name) else import_upload
            outcome = read(upload.name, upload.getvalue(), params_text, region)
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
        st.error(f"{tr('failed', lg)} {plain(outcome.name)}\n\n" + "\n".join(f"- {plain(say(p, lg))}"
                                                                           for p in outcome.problems))
        return
    count = len(outcome.design["components"])
    st.success(f"{tr('imported', lg)} {outcome.name} — {count} {tr('components', lg)}")
    for section in ("unresolved", "assumptions", "notes", "recognised", "ignored"):
        items = outcome.report.get(section) or []
        if items:
            # a report line may be a message (the serverless importer's): shown in the page's language
            st.markdown(f"**{tr(section, lg)}** ({len(items)})\n\n" + "\n".join(f"- {say(item, lg)}" for item in items))
