"""Template facts (`Found`) → a design mapping: ids, `from` wiring, and usage the template cannot know.

Wiring rules (docs/import.md):
- a component driven by several event sources keeps one as `from` — API first (client
  traffic), then SQS, S3, SNS, DynamoDB stream, schedule — and the report names the others,
  whose events are not counted;
- an API's requests (a queue's messages, a distribution's cache misses) are split evenly among
  its routes (consumers, origins): `calls` = this target's share;
- a function driven only by schedules gets `invocations_per_month` = the schedules' runs;
- a table, bucket, queue or topic that no event feeds is driven by the one function that
  references it (environment variables, policies), if there is exactly one;
- what is still unwired is driven by the client workload; a dead-letter queue gets no messages.
"""

from __future__ import annotations

from typing import Any

from importers import kms_waf  # ---- kms
from importers.common import Component, Found, ImportReport, TemplateError, Trigger, unique_ids
from importers.stream_settings import batch_fields
from models.messages import joined, msg

MAX_COMPONENTS = 50
MAX_DESCRIPTION_CHARS = 2000
DEFAULT_REQUESTS_PER_MONTH = 1_000_000
#: usage the template cannot know: (value, what it means), per design type
USAGE_DEFAULTS: dict[str, dict[str, tuple[Any, str]]] = {
    "lambda": {"duration_ms": (100, "ms per invocation")},
    "dynamodb": {"reads": (1, "item read per event"), "writes": (1, "item write per event"),
                 "item_kb": (1, "KB per item"), "storage_gb": (1, "GB stored")},
    "s3": {"puts": (1, "PUT per event"), "gets": (0, "GETs per event"), "storage_gb": (10, "GB stored")},
    "sqs": {"message_kb": (1, "KB per message")},
    "sns": {"message_kb": (1, "KB per message")},
    "cognito": {"mau": (1000, "monthly active users")},
    "cloudfront": {"response_kb": (10, "KB per response"), "cache_hit_ratio": (0.8, "of requests served from cache")},
    # ---- sfn
    "step_functions": {"duration_ms": (1000, "ms per execution (Express bills it)")},
    "eventbridge": {"event_kb": (1, "KB per event")},
    # ---- end sfn
}
#: the monthly figure a schedule gives each type (a function's invocations by default)  # ---- sfn
SCHEDULED_FIELD = {"step_functions": "executions_per_month"}
#: a bucket behind CloudFront is read, not written
ORIGIN_BUCKET_USAGE = {"puts": (0, "PUTs per cache miss"), "gets": (1, "GET per cache miss")}
#: event sources in the order they win `from` (None: a schedule)
SOURCE_PRIORITY = {"api_gateway": 0, "cloudfront": 0, "sqs": 1, "s3": 2, "sns": 3, "dynamodb": 4, None: 9}
#: sources whose events are shared among their targets rather than copied to each
SPLIT_SOURCES = ("api_gateway", "cloudfront", "sqs")
DATA_KINDS: tuple[str, ...] = ("dynamodb", "s3", "sqs", "sns")
DATA_KINDS += ("kinesis", "firehose")  # ---- kinesis: a stream written by the one function referencing it
STANDALONE_KINDS: tuple[str, ...] = ("cognito",)
# ---- wiring: SES is driven by the one function allowed to send; Route 53 is priced on its own figures
DATA_KINDS += ("ses",)
STANDALONE_KINDS += ("route53",)
# ---- end wiring
# ---- kms
STANDALONE_KINDS += ("kms", "waf")
# ---- end kms
# ---- s3x: a function referencing a secret reads it; Secrets Manager and CloudWatch are driven only by a `from`
DATA_KINDS += ("secrets_manager",)
STANDALONE_KINDS += ("secrets_manager", "cloudwatch")
# ---- end s3x


def build_design(found: Found, *, name: str, region: str, report: ImportReport) -> dict[str, Any]:
    """The design mapping for what an importer found; the report gains wiring notes and assumptions."""
    kms_waf.finish(found, report)  # ---- kms
    components = list(found.components.values())
    if report.hidden:  # ---- tfmod: say what may hold resources the design lacks
        more = len(report.hidden) - 3
        parts = [msg("import.hidden_part", "{part}", part=part) for part in report.hidden[:3]]
        parts += [msg("import.hidden_more", "and {n} more", n=more)] if more > 0 else []
        shown = joined(parts, "; ")
        if components:
            report.notes.append(f"the design may lack resources held by what was not followed or skipped: {shown}")
    if not components and report.hidden:
        raise TemplateError([msg("import.no_supported_hidden", "{source}: no supported resources (Lambda, API "
                                 "Gateway, DynamoDB, S3, SQS, SNS, Step Functions, EventBridge, Kinesis, CloudFront, "
                                 "…) found; what may hold them: {hidden}", source=report.source, hidden=shown)])
    if not components:
        raise TemplateError([msg("import.no_supported", "{source}: no supported resources (Lambda, API Gateway, "
                                 "DynamoDB, S3, SQS, SNS, Step Functions, EventBridge, Kinesis, CloudFront, …) found",
                                 source=report.source)])
    if len(components) > MAX_COMPONENTS:
        raise TemplateError([msg("import.too_many", "{source}: {n} supported resources; a design holds at most {most} "
                                 "(split the template)", source=report.source, n=len(components), most=MAX_COMPONENTS)])
    ids = unique_ids(components)
    upstream = _event_sources(found, ids, report)
    _data_links(found, upstream, ids, report)
    for key in found.code_buckets - set(upstream):  # ---- wiring: a code bucket has no traffic of its own
        found.components[key].fields.update({"puts_per_month": 0, "gets_per_month": 0, "puts": 0, "gets": 0})
    entries = [_entry(comp, found, upstream, ids) for comp in components]
    entries = kms_waf.link_ids(entries, ids)  # ---- kms
    report.component_keys = [comp.key for comp in components]
    report.recognised[:0] = [f"{c.key} ({c.origin}) → {ids[c.key]} ({c.kind})" for c in components]
    design: dict[str, Any] = {"name": name[:120], "description": "", "region": region, "free_tier": "always"}
    driven = [e["id"] for e in entries if _needs_workload(e)]
    if driven:
        design["workload"] = {"requests_per_month": DEFAULT_REQUESTS_PER_MONTH}
        report.assumptions.append(f"workload.requests_per_month = {DEFAULT_REQUESTS_PER_MONTH:,} client requests "
                                  f"per month (traffic is not in a template); it drives {', '.join(driven)}")
    design["components"] = entries
    _report_usage(components, entries, report)
    _report_unmodelled(found, ids, entries, report)  # ---- wiring
    design["description"] = _description(entries, components, report)
    return design


def _event_sources(found: Found, ids: dict[str, str], report: ImportReport) -> dict[str, Trigger]:
    """Each component's chosen event source (a schedule-only function: a merged schedule trigger)."""
    chosen: dict[str, Trigger] = {}
    for comp in found.components.values():
        candidates = [t for t in found.triggers if t.target == comp.key
                      and (t.source is None or t.source in found.components)]
        if not candidates:
            continue
        ranked = sorted(candidates, key=lambda t: SOURCE_PRIORITY.get(found.kind_of(t.source), 5))
        best = ranked[0]
        if best.source is None:
            runs = sum(t.runs_per_month or 0 for t in candidates)
            chosen[comp.key] = Trigger(comp.key, None, best.where, runs_per_month=round(runs, 2))
        elif _creates_cycle(chosen, comp.key, best.source):
            report.notes.append(f"{ids[comp.key]}: not wired to {ids[best.source]} ({best.where}): "
                                "it would form a cycle")
            continue
        else:
            group = [t for t in candidates if t.source == best.source]
            chosen[comp.key] = Trigger(comp.key, best.source, best.where, weight=sum(t.weight for t in group),
                                       every_event=best.every_event, uncached=best.uncached)
        _note_others(comp, best, candidates, ids, found, report)
    return chosen


def _note_others(comp: Component, best: Trigger, candidates: list[Trigger], ids: dict[str, str],
                 found: Found, report: ImportReport) -> None:
    """Report the event sources that lost to `best` (the design has one `from`)."""
    if best.source is None:
        return
    others = []
    for trigger in candidates:
        if trigger.source == best.source:
            continue
        label = "a schedule" if trigger.source is None else f"{ids[trigger.source]} ({found.kind_of(trigger.source)})"
        if label not in others:
            others.append(label)
    if others:
        report.notes.append(f"{ids[comp.key]}: driven by {ids[best.source]}; also invoked by {', '.join(others)}, "
                            "which is not counted (a design component has one `from`)")


def _data_links(found: Found, upstream: dict[str, Trigger], ids: dict[str, str], report: ImportReport) -> None:
    """Wire tables, buckets, queues and topics that no event feeds to the one function referencing them."""
    functions = [c for c in found.components.values() if c.kind == "lambda"]
    for comp in found.components.values():
        if comp.kind not in DATA_KINDS or comp.key in upstream or comp.key in found.dead_letter:
            continue
        consumers = {t.target for t in found.triggers if t.source == comp.key}
        writers = [f for f in functions if comp.key in f.refs and f.key not in consumers]
        if len(writers) > 1:
            names = ", ".join(ids[f.key] for f in writers)
            report.notes.append(f"{ids[comp.key]}: referenced by functions {names}; a component has one `from`, "
                                "so it is driven by the client requests")
        elif writers and _creates_cycle(upstream, comp.key, writers[0].key):
            report.notes.append(f"{ids[comp.key]}: referenced by {ids[writers[0].key]}, not wired (it would form "
                                "a cycle)")
        elif writers:
            where = f"{writers[0].key} references {comp.key}"
            upstream[comp.key] = Trigger(comp.key, writers[0].key, where)
            report.notes.append(f"{ids[comp.key]}: driven by function {ids[writers[0].key]}, the only function "
                                "that references it (environment or policies)")


def _creates_cycle(upstream: dict[str, Trigger], target: str, source: str) -> bool:
    """Would `target.from = source` close a loop of `from` links?"""
    node: str | None = source
    seen: set[str] = set()
    while node is not None and node not in seen:
        if node == target:
            return True
        seen.add(node)
        trigger = upstream.get(node)
        node = trigger.source if trigger else None
    return False


def _entry(comp: Component, found: Found, upstream: dict[str, Trigger], ids: dict[str, str]) -> dict[str, Any]:
    """One design component: id, type, wiring, the template's fields, then assumed usage."""
    entry: dict[str, Any] = {"id": ids[comp.key], "type": comp.kind}
    trigger = upstream.get(comp.key)
    source_kind = found.kind_of(trigger.source) if trigger else None
    if trigger and trigger.source is None:
        entry[SCHEDULED_FIELD.get(comp.kind, "invocations_per_month")] = trigger.runs_per_month
    elif trigger and trigger.source is not None:
        entry["from"] = ids[trigger.source]
        calls = _calls(trigger, found) if source_kind in SPLIT_SOURCES else 1.0
        if trigger.uncached and trigger.source:  # ---- wiring: requests, not cache misses
            calls = _uncached_calls(calls, trigger.source, found)
        if source_kind == "step_functions":  # ---- sfn: calls = the Task states that call it
            calls = trigger.weight
        if calls != 1:
            entry["calls"] = calls
    entry.update({k: v for k, v in comp.fields.items() if not k.startswith("_")})  # "_x": import-time facts
    entry.update(batch_fields(comp.fields, trigger))  # ---- wiring: the batch settings of the kept source
    if comp.kind == "sns":
        deliveries = _deliveries(comp.key, found)
        if deliveries:
            entry["deliveries"] = deliveries
    if comp.kind == "sqs" and comp.key in found.dead_letter and not trigger:
        entry["messages_per_month"] = 0
    if comp.kind == "lambda" and comp.key in found.unmodelled and not trigger:  # ---- wiring
        entry["invocations_per_month"] = 0
    for field, (value, _meaning) in _usage_for(comp.kind, source_kind).items():
        entry.setdefault(field, value)
    return entry


def _uncached_calls(share: float, distribution: str, found: Found) -> float:  # ---- wiring
    """An uncached origin's calls: its share of the requests = share ÷ (1 − the distribution's hit ratio);
    when no origin of the distribution caches, the distribution's cache_hit_ratio is set to 0 instead."""
    origins = [t for t in found.triggers if t.source == distribution]
    if all(t.uncached for t in origins):
        found.components[distribution].fields["cache_hit_ratio"] = 0
        return share
    hit = float(found.components[distribution].fields.get("cache_hit_ratio", USAGE_DEFAULTS["cloudfront"]
                                                            ["cache_hit_ratio"][0]))
    return round(share / (1 - hit), 6) if hit < 1 else share


def _calls(trigger: Trigger, found: Found) -> float:
    """This target's share of a split source: its routes (consumers, origins) over all of them."""
    if trigger.every_event:  # ---- wiring: an authorizer runs for every request of its API
        return 1.0
    total = sum(t.weight for t in found.triggers if t.source == trigger.source and not t.every_event)
    return round(trigger.weight / total, 6) if total else 1.0


def _deliveries(topic_key: str, found: Found) -> dict[str, int]:
    """Deliveries per publish by subscription kind: Lambda and SQS subscribers plus the others listed."""
    counts = dict(found.deliveries.get(topic_key, {}))
    for trigger in found.triggers:
        kind = found.kind_of(trigger.target)
        if trigger.source == topic_key and kind in ("lambda", "sqs"):
            counts[kind] = counts.get(kind, 0) + 1
    return {k: counts[k] for k in ("mobile_push", "http", "email", "sqs", "lambda") if counts.get(k)}


def _usage_for(kind: str, source_kind: str | None) -> dict[str, tuple[Any, str]]:
    """The assumed usage fields of a component of this type (a CloudFront origin bucket is read)."""
    usage = dict(USAGE_DEFAULTS.get(kind, {}))
    if kind == "s3" and source_kind == "cloudfront":
        usage.update(ORIGIN_BUCKET_USAGE)
    return usage


def _needs_workload(entry: dict[str, Any]) -> bool:
    """Is this component driven by the client workload (no `from`, no monthly figure)?"""
    direct = ("invocations_per_month", "messages_per_month", "puts_per_month", "executions_per_month",
              "events_per_month")  # ---- sfn
    return "from" not in entry and entry["type"] not in STANDALONE_KINDS and not any(f in entry for f in direct)


def _report_unmodelled(found: Found, ids: dict[str, str], entries: list[dict[str, Any]],
                       report: ImportReport) -> None:
    """A function only unmodelled sources invoke is priced at 0 invocations, and the report says so (the note
    "their invocations are not counted" and the number agree)."""
    code = [ids[k] for k in found.code_buckets if ids.get(k) and any(
        e["id"] == ids[k] and e.get("puts_per_month") == 0 for e in entries)]
    if code:
        report.assumptions.append(f"s3 {', '.join(sorted(code))}: puts_per_month = 0, gets_per_month = 0 (holds a "
                                  "function's deployment package, read by Lambda at deployment, not per request)")
    zero = {e["id"] for e in entries if e["type"] == "lambda" and e.get("invocations_per_month") == 0}
    for key, sources in found.unmodelled.items():
        if ids.get(key) in zero:
            report.assumptions.append(f"lambda {ids[key]}: invocations_per_month = 0: invoked only by "
                                      f"{', '.join(dict.fromkeys(sources))}, which the planner does not model "
                                      "(give its invocations_per_month)")


def _report_usage(components: list[Component], entries: list[dict[str, Any]], report: ImportReport) -> None:
    """One assumption line per type and set of assumed values, naming the components that got them."""
    types = {e["id"]: e["type"] for e in entries}
    groups: dict[tuple[str, tuple], list[str]] = {}
    for comp, entry in zip(components, entries, strict=True):
        usage = _usage_for(comp.kind, types.get(entry.get("from")))
        assumed = tuple((f, v, meaning) for f, (v, meaning) in usage.items() if f not in comp.fields)
        if assumed:
            groups.setdefault((comp.kind, assumed), []).append(entry["id"])
    for (kind, assumed), names in groups.items():
        values = ", ".join(f"{f} = {v:g} ({meaning})" for f, v, meaning in assumed)
        report.assumptions.append(f"{kind} {', '.join(names)}: {values}")
    dead = [e["id"] for e in entries if e.get("messages_per_month") == 0]
    if dead:
        report.assumptions.append(f"sqs {', '.join(dead)}: messages_per_month = 0 (a dead-letter queue; no failures)")


def _description(entries: list[dict[str, Any]], components: list[Component], report: ImportReport) -> str:
    """The design's description: its source and, per type, the usage values assumed (within 2,000 characters)."""
    assumed: dict[str, dict[str, list]] = {}
    types = {e["id"]: e["type"] for e in entries}
    for comp, entry in zip(components, entries, strict=True):
        for field in _usage_for(comp.kind, types.get(entry.get("from"))):
            if field not in comp.fields:
                values = assumed.setdefault(comp.kind, {}).setdefault(field, [])
                if entry[field] not in values:
                    values.append(entry[field])
    parts = [f"{kind}: " + ", ".join(f"{f} {'/'.join(f'{v:g}' for v in vs)}" for f, vs in fields.items())
             for kind, fields in assumed.items()]
    workload = [f"{DEFAULT_REQUESTS_PER_MONTH:,} client requests/month"] if any(map(_needs_workload, entries)) else []
    region = "".join(f"REGION: {note}. " for note in report.region_notes)
    text = (f"Imported from {report.source} ({report.kind}). {region}ASSUMED usage, not in the template - edit it: "
            + "; ".join(workload + parts) + ".")
    if report.unresolved:
        text += f" {len(report.unresolved)} value(s) could not be resolved (see the import report)."
    return text if len(text) <= MAX_DESCRIPTION_CHARS else text[:MAX_DESCRIPTION_CHARS - 1] + "…"
