"""Every page in Japanese shows no English: each page is rendered through AppTest with the language
set to "ja", every visible text is collected (markdown, captions, headings, metrics, widget labels,
options, placeholders and help, alerts, table columns and string cells, expander and tab labels,
buttons, chart titles, axes and legends), and any Latin-script word not in the allow-list below
fails the test, named with the page and the element it appeared in.

The allow-list is data, kept short: AWS's product names, units, formats, the user's own ids and the
few words Streamlit draws itself. Fix a screen by translating it, not by adding an English word here.
`st.code` blocks (YAML, commands, policies) are code, not prose, and are not read.
"""

from __future__ import annotations

import base64
import copy
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from aws import load_snapshot, resource_names
from aws.facts import snapshot_facts
from models.design.text import load_design_data
from templates import template_text

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = sorted(f"webapp/pages/{p.name}" for p in (ROOT / "webapp" / "pages").glob("*.py") if p.name != "__init__.py")
SNAPSHOT = ROOT / "tests" / "fixtures" / "aws" / "snapshot_photos_tokyo.json"
TEMPLATES = ("photo_thumbnails", "save_app_data", "photo_thumbnails_sqs", "authenticated_api", "order_workflow")

ALLOWED = {
    # AWS services, products and their own feature names (AWS's Japanese pages keep them in English)
    "AWS", "Lambda", "API", "Gateway", "DynamoDB", "S3", "SQS", "SNS", "SES", "CloudFront", "Cognito", "CloudWatch",
    "X-Ray", "Route", "REST", "HTTP", "HTTPS", "WebSocket", "IAM", "EventBridge", "Scheduler", "Step", "Functions",
    "Fargate", "Glacier", "Standard", "IA", "Intelligent-Tiering", "Price", "List", "Service", "Quotas",
    "Streams", "Instant", "Flexible", "Retrieval", "Deep", "Archive",  # DynamoDB Streams, S3 Glacier classes
    "SnapStart", "Graviton", "Logs", "Logs Insights", "TTL", "GSI", "LSI", "ARN", "DNS", "CDN", "URL", "SLA",
    "Gateway Timeout", "PUT", "GET", "POST", "LIST", "Lite", "Essentials", "Plus", "Infrequent", "Access",
    "DAX", "KMS", "VPC", "NAT", "SDK", "SAM", "CloudFormation", "Terraform", "HCL", "x86_64", "arm64", "ARM", "x86",
    "Standard-IA", "FIFO", "DLQ", "Application", "Auto", "Scaling", "Invoke", "API Gateway", "Price List",
    "COPY", "SELECT", "INIT", "Arm",  # S3 request classes, the Lambda INIT phase and "Arm" as AWS Japan writes them
    "Express", "Pipes",  # Step Functions Express workflows and EventBridge Pipes, as AWS's Japanese pages write them
    # written in Latin letters in Japanese too: ID, Web, UTC (the time standard)
    "ID", "Web", "UTC", "ISO",
    # units and figures
    "GB", "MB", "KB", "TB", "ms", "GB-s", "RCU", "WCU", "RRU", "WRU", "MAU", "USD", "JPY", "rps", "p50", "p95", "p99",
    "vCPU", "req", "k", "M", "B",
    # file formats and the app's name
    "YAML", "JSON", "CSV", "Excel", "HTML", "PDF", "UTF-8", "Serverless", "Planner", "yml", "yaml", "json", "tf",
    "csv", "xlsx", "html",
    # Streamlit draws these itself; no parameter sets them (st.file_uploader's drop zone)
    "Browse", "files", "Drag", "and", "drop", "file", "here", "Limit", "per",
    # ---- s3x: AWS Secrets Manager (AWS's Japanese pages keep the name in English)
    "Secrets", "Manager",
    # ---- end s3x
    # ---- tfmod: the import box takes a .zip of a folder
    "zip",
    # ---- end tfmod
    # ---- kinesis: AWS's product and feature names as its Japanese pages keep them (Amazon Kinesis Data Streams,
    # Amazon Data Firehose, Direct PUT) and the columnar formats Firehose converts to
    "Kinesis", "Data", "Firehose", "Direct", "Parquet", "ORC",
    # ---- end kinesis
}
ALLOWED |= {"WAF", "ACL", "IP", "SSE-KMS"}  # ---- kms: AWS WAF, its web ACL (ウェブ ACL), client IPs, SSE-KMS

#: words that are names, not English: AWS API and field names (GetAccountSettings, ReadCapacityUnits),
#: environment variables (SERVERLESS_PLANNER_DESIGNS), region codes (ap-northeast-1), Lambda runtimes (python3.12), Service Quotas codes (L-F3CA5463)
NAME_PATTERNS = re.compile(r"(?:[A-Z][a-z]+){2,}|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[a-z]{2}-[a-z]+-\d|(?:python|nodejs|java|dotnet|ruby)[\d.x]+|"
                           r"L-[0-9A-F]{8}")
#: table columns whose cells are data in their own words: Service Quotas' names and AWS's error messages (the
#: APIs answer in English), the Prices page's price ids (what `cli.py prices` takes) and its research notes (the
#: evidence as recorded in the catalog — Price List usage types, SKUs, the documents read — named on screen as
#: the English original, beside a Japanese note that says where the price comes from)
DATA_COLUMNS = {"クォータ名", "AWS のメッセージ", "価格 ID", "調査メモ（英語の原文）"}
#: a phone's card line of such a column ("クォータ名: Concurrent executions", webapp/views/cards.py): data, as its cell
DATA_LINE = re.compile(r"^(?:" + "|".join(re.escape(c) for c in sorted(DATA_COLUMNS)) + r"): .*$", re.MULTILINE)
#: the language picker names each language in itself and is labelled in both ("Language / 言語")
BILINGUAL_KEYS = {"lang"}

WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]*[A-Za-z0-9]")
#: addresses (with their scheme, or a link's shortened text: a site and a path) and folders (the server's own paths)
URL = re.compile(r"https?://\S+|\b(?:[\w-]+\.)+[a-z]{2,}/[^\s\]]*|(?:/[\w.\\-]+){2,}")
CODE_SPAN = re.compile(r"`[^`]*`")


def latin_words(text: str) -> Iterator[str]:
    """Latin-script words of two letters or more (digits, ids like ap-northeast-1 and x86_64 inside a word);
    markdown escapes undone, inline code, URLs and the names above left out."""
    text = CODE_SPAN.sub(" ", URL.sub(" ", re.sub(r"\\(.)", r"\1", text)))
    for match in WORD.finditer(text):
        word = match.group().strip("-._")
        if len(re.sub(r"[^A-Za-z]", "", word)) >= 2 and not NAME_PATTERNS.fullmatch(word):
            yield word


def _image_texts(proto) -> Iterator[tuple[str, str]]:
    """The words inside SVG images (the charts: webapp/svg_chart.py) and their captions."""
    for img in proto.imgs:
        if img.url.startswith("data:image/svg+xml;base64,"):
            svg = ET.fromstring(base64.b64decode(img.url.split(",", 1)[1]))
            for node in svg.iter():
                if node.text and node.text.strip():
                    yield "svg chart", node.text
        if img.caption:
            yield "image caption", img.caption


def _widget_texts(kind: str, proto) -> Iterator[tuple[str, str]]:
    for field in ("label", "help", "placeholder"):
        value = getattr(proto, field, "")
        if isinstance(value, str) and value:
            yield f"{kind} {field}", value
    for option in getattr(proto, "options", []) or []:
        yield f"{kind} option", str(option)


def _dataframe_texts(node) -> Iterator[tuple[str, str]]:
    frame = node.value
    shown = list(getattr(node.proto, "column_order", []) or [])  # a page may keep data columns off screen
    columns = [c for c in frame.columns if not shown or str(c) in shown]
    for column in columns:
        yield "table column", str(column)
    for column in columns:
        if str(column) in DATA_COLUMNS:
            continue
        for cell in frame[column]:
            if isinstance(cell, str):
                yield f"table cell ({column})", cell


ALERTS = {"info", "warning", "error", "success", "exception"}
TEXTS = {"markdown", "caption", "header", "subheader", "title", "latex"}
WIDGETS = {"button", "download_button", "selectbox", "multiselect", "radio", "checkbox", "toggle", "text_input",
           "number_input", "text_area", "slider", "select_slider", "file_uploader", "date_input", "time_input",
           "color_picker", "chat_input", "button_group", "link_button", "page_link"}


#: the words inside charts: SVG images (webapp/svg_chart.py: Limits, Compare, the DynamoDB planner)
CHART_TEXTS = {"image": lambda proto: _image_texts(proto)}


def texts(node) -> Iterator[tuple[str, str]]:
    """(element, text) for every visible text under `node`."""
    kind = getattr(node, "type", "")
    if kind == "markdown":
        yield kind, DATA_LINE.sub(" ", re.sub(r"\\(.)", r"\1", str(node.value or "")))  # escapes undone
    elif kind in TEXTS or kind in ALERTS:
        yield kind, str(getattr(node, "value", "") or "")
    elif kind == "metric":
        for field in ("label", "value", "delta", "help"):
            yield f"metric {field}", str(getattr(node.proto, field, "") or "")
    elif kind in ("dataframe", "arrow_data_frame"):
        yield from _dataframe_texts(node)
    elif kind == "expandable":
        yield "expander label", str(node.proto.label)
    elif kind == "tab":
        yield "tab label", str(node.label)
    elif kind in CHART_TEXTS:
        yield from CHART_TEXTS[kind](node.proto)
    elif kind in WIDGETS or hasattr(node, "proto") and hasattr(node.proto, "label"):
        if kind != "code" and getattr(node, "key", None) not in BILINGUAL_KEYS:
            yield from _widget_texts(kind, node.proto)
    for child in getattr(node, "children", {}).values() if isinstance(getattr(node, "children", None), dict) else []:
        yield from texts(child)


def english(at: AppTest, where: str) -> list[str]:
    """'word — page / element: text' for every word not in the allow-list."""
    found = []
    for element, text in texts(at._tree):
        for word in latin_words(text):
            if word not in ALLOWED and word not in USER_WORDS:
                found.append(f"{word!r} — {where} / {element}: {text[:160]!r}")
    return found


def _user_words() -> set[str]:
    """Names the user typed: component ids and labels, design names (here: the templates' own)."""
    words: set[str] = set()
    for key in TEMPLATES:
        data = load_design_data(template_text(key))
        for text in [data.get("name", "")] + [str(c.get(f, "")) for c in data["components"] for f in ("id", "label")]:
            words.update(latin_words(str(text)))
    snapshot = load_snapshot(SNAPSHOT)
    for account in snapshot["accounts"]:
        words.update(latin_words(account["label"]))
        for region in account["regions"]:
            for names in resource_names(snapshot, region, account["label"]).values():
                for name in names:
                    words.update(latin_words(name))
            for api in snapshot_facts(snapshot, region, account["label"])["apis"].values():
                for stage in api["stages"]:
                    words.update(latin_words(stage["name"]))
    return words


USER_WORDS = _user_words()
#: the pages' detail tables, drawn only while their expander is open (webapp/views/lazy.py): opened here, so
#: their words are read too
OPEN_DETAILS = {"line_item_details": True, "check_details": True, "compare_details": True, "yaml_open": True,
                "import_open": True,  # the Design page's import panel (its uploader's words)
                "ddb.schedule_open": True, "ddb.bound_schedule_open": True,  # the DynamoDB planner's schedules
                **{f"component_open.{index}": True for index in range(40)}}  # the Design page's editors too


def open_app(template: str, **state) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "ja"
    at.run()
    assert not at.exception, at.exception
    at.selectbox(key="template").set_value(template).run()
    for key, value in state.items():
        at.session_state[key] = value
    return at


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_in_japanese_shows_no_english(page, template):
    at = open_app(template, **OPEN_DETAILS)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    problems = english(at, f"{page} ({template})")
    assert not problems, f"{len(problems)} English words on a Japanese screen:\n" + "\n".join(problems)


def test_the_account_page_with_a_snapshot_open_shows_no_english():
    at = open_app("photo_thumbnails", account_snapshot=copy.deepcopy(load_snapshot(SNAPSHOT)))
    at.switch_page("webapp/pages/account.py").run()
    assert not at.exception, at.exception
    at.multiselect(key="account.pick").set_value(["photos-http", "api-handler", "Photos"])
    at.button(key="account.import").click().run()
    assert not at.exception, at.exception
    problems = english(at, "webapp/pages/account.py (snapshot)")
    assert not problems, f"{len(problems)} English words on a Japanese screen:\n" + "\n".join(problems)


def test_the_collector_sees_english_when_english_is_chosen():
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert any("Monthly" in text for _, text in texts(at._tree))
    assert english(at, "design (en)")
