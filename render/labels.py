"""Components and design fields as people name them, for every place a person reads (the app's pages, the
quote, the CLI's prose): a component by its own label (the design's `label:`, else its id), a field by its
words ("Timeout (s)", not `timeout_s`).

The engine's messages carry a component's id as a param (`{id}: … run past the timeout`); `relabelled`
rebuilds such a message with the label in the id's place, so the English and the Japanese (`say`) both read
the label, and the message keeps its id for the catalog. Identifiers stay ids where they are identifiers:
the JSON contract, the design file, an "id" column of a detail view.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from i18n.catalog import component_shown
from i18n.design_fields import FIELD_NAMES_JA
from models.messages import Message

#: the bundled templates' component labels in Japanese: a design still carrying one of these English labels
#: (an untouched template) reads it in Japanese, as its name and description do (i18n/templates_ja.py)
TEMPLATE_LABELS_JA = {
    "CloudFront (static files)": "CloudFront（静的ファイル）",
    "CloudFront (/api/*)": "CloudFront（/api/*）",
    "AWS WAF (web ACL on CloudFront)": "AWS WAF（CloudFront のウェブ ACL）",
    "KMS key (table and uploads)": "KMS キー（テーブルとアップロード）",
}


def component_names(design: Mapping[str, Any] | None, lang: str = "en") -> dict[str, str]:
    """id → the name people read: the component's `label`, else its id (in Japanese, a bundled template's
    label in Japanese).

    >>> component_names({"components": [{"id": "cdn_static", "label": "CloudFront (static files)"}, {"id": "fn"}]})
    {'cdn_static': 'CloudFront (static files)', 'fn': 'fn'}
    >>> component_names({"components": [{"id": "cdn_static", "label": "CloudFront (static files)"}]}, "ja")
    {'cdn_static': 'CloudFront（静的ファイル）'}
    """
    names: dict[str, str] = {}
    for comp in (design or {}).get("components") or []:
        if not isinstance(comp, Mapping) or comp.get("id") is None:
            continue
        label = str(comp.get("label") or "").strip() or str(comp["id"])
        names[str(comp["id"])] = TEMPLATE_LABELS_JA.get(label, label) if lang == "ja" else label
    return names


def named(component: str, names: Mapping[str, str]) -> str:
    """A component id as people read it (the id itself when the design does not name it)."""
    return names.get(component, component)


def relabelled(message: Any, names: Mapping[str, str]) -> Any:
    """`message` with every param that is a component id replaced by the component's label (nested messages
    too); text that is not a Message, and a message naming no labelled component, come back unchanged.

    >>> from models.messages import msg
    >>> m = msg("lambda.over_timeout.warning", "{id}: {pct:.2g}% run past the timeout", id="cdn", pct=2.0)
    >>> out = relabelled(m, {"cdn": "CloudFront (static files)"})
    >>> out, out.id
    ('CloudFront (static files): 2% run past the timeout', 'lambda.over_timeout.warning')
    """
    if not isinstance(message, Message) or not names:
        return message
    params: dict[str, Any] = {}
    changed = False
    for key, value in message.params.items():
        if isinstance(value, Message):
            new = relabelled(value, names)
        elif isinstance(value, str) and value in names:
            new = names[value]
        else:
            new = value
        changed = changed or new is not value
        params[key] = new
    return Message(message.id, message.template, params) if changed else message


def relabelled_all(messages: Iterable[Any], names: Mapping[str, str]) -> list[Any]:
    """`relabelled` over a list (warnings, problems)."""
    return [relabelled(m, names) for m in messages]


#: unit suffixes of design field keys, and how an English field name writes them
_UNITS = {"ms": "ms", "s": "s", "kb": "KB", "mb": "MB", "gb": "GB", "pct": "%", "rps": "requests/s"}

#: English field names where the key read aloud is not the word (the rest: `field_word`'s rule)
FIELD_NAMES_EN = {
    "rcu": "RCU", "wcu": "WCU", "gsis": "GSIs", "pitr": "Point-in-time recovery", "dlq": "DLQ / on-failure destination",
    "mau": "Monthly active users (MAU)", "dau_ratio": "Daily active share", "api": "API type",
    "from": "Upstream component", "calls": "Calls per upstream event", "id": "ID", "type": "Type", "label": "Label",
    "tracing": "X-Ray tracing", "timeout_s": "Timeout (s)", "init_ms": "INIT time (ms)",
    "reads": "Item reads per call", "writes": "Item writes per call", "puts": "PUT requests per call",
    "gets": "GET requests per call", "transfer_out_gb": "Data out to the internet (GB)",
    "reserved_concurrency": "Reserved concurrency", "provisioned_concurrency": "Provisioned concurrency",
    "peak_rps": "Peak requests per second", "cache_ttl_s": "Cache TTL (s)", "idempotent": "Idempotent handler",
    "billing": "Capacity mode", "free_tier": "Free tier", "kms_key": "KMS key (SSE-KMS)", "bucket_key": "S3 Bucket Key",
    "workload": "Workload", "components": "Components", "limits": "Limits", "quote": "Quote",
    "p50": "p50", "p95": "p95", "p99": "p99", "efo_consumers": "Enhanced fan-out consumers",
    "lambda_concurrency": "Lambda concurrency (account)", "api_rps": "API throttle (requests/s)",
}


def field_word(key: str, lang: str) -> str:
    """A design field's name in `lang`: "Timeout (s)" / 「タイムアウト（秒）」 for `timeout_s`.

    >>> field_word("memory_mb", "en"), field_word("requests_per_month", "en"), field_word("timeout_s", "ja")
    ('Memory (MB)', 'Requests per month', 'タイムアウト（秒）')
    """
    if lang == "ja":
        return FIELD_NAMES_JA.get(key, key)
    if key in FIELD_NAMES_EN:
        return FIELD_NAMES_EN[key]
    words = key.split("_")
    unit = _UNITS.get(words[-1]) if len(words) > 1 else None
    if unit:
        words = words[:-1]
    text = " ".join(words)
    text = text[:1].upper() + text[1:]
    return f"{text} ({unit})" if unit else text


_PART = re.compile(r"(?P<key>[A-Za-z_0-9]+)(?:\[(?P<index>\d+)\])?(?: \((?P<id>[^)]*)\))?")


def field_path_words(path: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """A design file path ("components[1] (upload).duration_ms.p50") as people read it: the component by its
    label, then the field's words.

    >>> field_path_words("components[1] (upload).duration_ms.p50", "en", {"upload": "Upload function"})
    'Upload function: Duration (ms) · p50'
    >>> field_path_words("workload.spikes[0].day", "en"), field_path_words("components[1] (upload).memory_mb", "ja")
    ('Workload: Spikes 1 · Day', 'upload：メモリ（MB）')
    """
    words: list[str] = []
    owner = ""
    for part in re.split(r"\.(?![^(]*\))", path):
        match = _PART.fullmatch(part)
        if match is None:
            words.append(part)
            continue
        if match["key"] == "components" and match["id"]:
            owner = named(match["id"], names or {})
            continue
        word = field_word(match["key"], lang)
        if match["index"] is not None:
            word += f" {int(match['index']) + 1}"
        words.append(word)
    colon, dot = ("：", "・") if lang == "ja" else (": ", " · ")
    if owner:
        return owner + colon + dot.join(words)
    if len(words) > 1:
        return words[0] + colon + dot.join(words[1:])
    return "".join(words)


def component_label(component: str, lang: str, names: Mapping[str, str]) -> str:
    """A check's or a line's component as people read it: its label, or "(account)" / "(design)" in `lang`.

    >>> component_label("fn", "en", {"fn": "Upload function"}), component_label("(account)", "ja", {})
    ('Upload function', '（アカウント全体）')
    """
    return names[component] if component in names else component_shown(component, lang)
