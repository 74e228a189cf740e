"""A design from a snapshot: the account's APIs, functions, tables, buckets and queues as components.

Settings come from the account (memory, timeout, architecture, concurrency, billing mode,
capacity, table class, stored data). Traffic is not in an account's settings, so every traffic
figure is a placeholder, listed in `ImportedDesign.assumptions` and in the design's description:
the user replaces them. A function behind an API integration is wired `from` that API.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from aws.facts import limits_source, snapshot_facts, snapshot_limits
from aws.naming import MAX_LABEL, component_id
from aws.price_list import cached_catalog_path
from aws.snapshot_data import account_entry
from models.design.schema import REGIONS, Design, parse_design
from models.messages import msg

MAX_COMPONENTS = 50
PLACEHOLDER_REQUESTS = 1_000_000  # client requests per month: an assumption to replace
KINDS = ("apis", "functions", "tables", "buckets", "queues")


class ImportProblem(ValueError):
    """The snapshot cannot become a valid design as asked (too many resources, nothing picked)."""


@dataclass
class ImportedDesign:
    """The design mapping, the traffic placeholders it holds, and notes for the user."""

    data: dict[str, Any]
    assumptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def yaml_text(self) -> str:
        """The design as YAML, headed by comments that list every placeholder."""
        from models.design.text import dump_design_text

        head = ["# Imported from an AWS account snapshot by `cli.py account import`.",
                "# Settings are the account's; traffic figures are ASSUMPTIONS — replace them:"]
        head += [f"#   - {a}" for a in self.assumptions] + [f"# Note: {n}" for n in self.notes]
        return "\n".join(head) + "\n" + dump_design_text(self.data)


def resource_names(snapshot: dict, region: str | None = None, account: str | None = None) -> dict[str, list[str]]:
    """The importable resources by kind (for pickers)."""
    facts = snapshot_facts(snapshot, region, account)
    return {kind: sorted(facts[kind]) for kind in KINDS}


def import_design(snapshot: dict, region: str | None = None, account: str | None = None, *,
                  pick: Iterable[str] | None = None, name: str | None = None) -> ImportedDesign:
    """A valid design mapping for the account in `region` (`pick`: only these resource names)."""
    region = region or snapshot["regions"][0]
    facts = snapshot_facts(snapshot, region, account)
    chosen = _choose(facts, set(pick) if pick is not None else None)
    result = ImportedDesign(data={})
    comps = _components(chosen, result)
    if not comps:
        if pick is not None:
            raise ImportProblem(msg("account_import.nothing_picked", "nothing to import: the snapshot has no APIs, "
                                    "functions, tables, buckets or queues here matching --pick"))
        raise ImportProblem(msg("account_import.nothing", "nothing to import: the snapshot has no APIs, functions, "
                                "tables, buckets or queues here"))
    if len(comps) > MAX_COMPONENTS:
        raise ImportProblem(msg("account_import.too_many", "{n} resources; a design holds at most {most}: choose some "
                                "with --pick", n=len(comps), most=MAX_COMPONENTS))
    refreshed = cached_catalog_path(region) is not None  # a catalog `prices refresh --region R` built
    design_region = region if region in REGIONS or refreshed else "us-east-1"
    if design_region != region:
        result.notes.append(msg("account_import.region_priced", "prices exist for {regions} only: the design is priced "
                                "in us-east-1, the resources are in {region}", regions=", ".join(REGIONS),
                                region=region))
        result.notes.append(msg("account_import.region_refresh", "to price it in {region}, build that Region's "
                                "catalog with `python cli.py prices refresh --region {region}` and import again",
                                region=region))
    result.data = {"name": (name or f"Imported from {_label(snapshot, account)} ({region})")[:120],
                   "description": "", "region": design_region, "free_tier": "always",
                   "workload": {"requests_per_month": PLACEHOLDER_REQUESTS}, "components": comps}
    result.assumptions.insert(0, msg("account_import.requests", "workload.requests_per_month: {n:,} client "
                                     "requests per month", n=PLACEHOLDER_REQUESTS))
    result.data["description"] = _description(result)
    _add_limits(result, snapshot, region, account)
    parse_design(result.data)  # an import that does not validate is a bug here, not the user's problem
    return result


def _label(snapshot: dict, account: str | None) -> str:
    return account_entry(snapshot, account)["label"]


def _choose(facts: dict, pick: set[str] | None) -> dict[str, dict]:
    """The facts of the resources to import (all, or those named in `pick`)."""
    return {kind: {n: f for n, f in facts[kind].items() if pick is None or n in pick} for kind in KINDS}


def _components(chosen: dict[str, dict], result: ImportedDesign) -> list[dict]:
    """Components in flow order: APIs, then functions (wired to their API), tables, buckets, queues."""
    taken: set[str] = set()
    comps: list[dict] = []
    api_of: dict[str, str] = {}
    for name, api in chosen["apis"].items():
        comps.append(_api(name, api, taken))
        for fn in api["functions"]:
            api_of.setdefault(fn, comps[-1]["id"])
    builders = (("functions", lambda n, f: _function(n, f, taken, api_of.get(n), result)),
                ("tables", lambda n, f: _table(n, f, taken, result)),
                ("buckets", lambda n, f: _bucket(n, f, taken, result)),
                ("queues", lambda n, f: _queue(n, f, taken, result)))
    for kind, build in builders:
        comps += [build(n, f) for n, f in chosen[kind].items()]
    return comps


def _base(name: str, kind: str, taken: set[str]) -> dict[str, Any]:
    cid = component_id(name, taken)
    taken.add(cid)
    return {"id": cid, "type": kind, "label": name[:MAX_LABEL]}


def _api(name: str, api: dict, taken: set[str]) -> dict[str, Any]:
    """An API, driven by the client workload; its lowest stage throttle and longest timeout if the design has them."""
    comp = {**_base(name, "api_gateway", taken), "api": api["kind"]}
    rates = [s for s in api["stages"] if (s.get("throttle_rps") or 0) > 0]
    if rates and _has_field("ApiGateway", "stage_rps"):
        low = min(rates, key=lambda s: s["throttle_rps"])
        comp["stage_rps"] = low["throttle_rps"]
        if low.get("throttle_burst") is not None:
            comp["stage_burst"] = int(low["throttle_burst"])
    limit = 30_000 if api["kind"] == "http" else 300_000
    timeouts = [t for t in api["integration_timeouts_ms"] if 50 <= t <= limit]
    if timeouts and _has_field("ApiGateway", "integration_timeout_ms"):
        comp["integration_timeout_ms"] = max(timeouts)
    return comp


def _function(name: str, fn: dict, taken: set[str], api_id: str | None, result: ImportedDesign) -> dict[str, Any]:
    """A function with the account's settings; behind an API it is driven `from` it, else a placeholder volume."""
    comp = _base(name, "lambda", taken)
    comp.update({"memory_mb": _clamp(fn.get("memory_mb"), 128, 10_240, 128),
                 "architecture": fn.get("architecture") if fn.get("architecture") in ("x86_64", "arm64") else "x86_64",
                 "timeout_s": _clamp(fn.get("timeout_s"), 1, 900, 3),
                 "ephemeral_storage_mb": _clamp(fn.get("ephemeral_storage_mb"), 512, 10_240, 512),
                 "duration_ms": 100})
    result.assumptions.append(msg("account_import.duration", "{id}.duration_ms: 100 ms per invocation", id=comp["id"]))
    if fn.get("reserved_concurrency") is not None:
        comp["reserved_concurrency"] = int(fn["reserved_concurrency"])
    provisioned = int(fn.get("provisioned_concurrency") or 0)
    if provisioned:
        cap = comp.get("reserved_concurrency")
        if cap is not None and provisioned > cap:
            result.notes.append(msg("account_import.provisioned_capped", "{id}: provisioned concurrency "
                                    "{provisioned} capped at its reserved {cap}", id=comp["id"],
                                    provisioned=provisioned, cap=cap))
            provisioned = cap
        comp["provisioned_concurrency"] = provisioned
    if api_id:
        comp["from"] = api_id
    else:
        comp["invocations_per_month"] = 0
        result.assumptions.append(msg("account_import.invocations", "{id}.invocations_per_month: 0 (not behind an API; "
                                      "add its traffic)", id=comp["id"]))
    return comp


def _table(name: str, table: dict, taken: set[str], result: ImportedDesign) -> dict[str, Any]:
    """A table with its billing mode, capacity, class and size; its reads and writes are placeholders."""
    comp = {**_base(name, "dynamodb", taken), "reads_per_month": 0, "writes_per_month": 0,
            "billing": table.get("billing", "on_demand"), "table_class": table.get("table_class", "standard"),
            "storage_gb": round((table.get("size_bytes") or 0) / 1024**3, 3)}
    result.assumptions.append(msg("account_import.table_traffic", "{id}.reads_per_month / writes_per_month: 0",
                                  id=comp["id"]))
    if comp["billing"] == "provisioned":
        comp["rcu"], comp["wcu"] = max(1, table.get("rcu") or 1), max(1, table.get("wcu") or 1)
    gsis = [{"name": g["name"][:255], **({"rcu": max(1, g.get("rcu") or 1), "wcu": max(1, g.get("wcu") or 1)}
                                         if comp["billing"] == "provisioned" else {})}
            for g in table.get("gsis") or []][:20]
    if gsis:
        comp["gsis"] = gsis
    return comp


def _bucket(name: str, bucket: dict, taken: set[str], result: ImportedDesign) -> dict[str, Any]:
    """A bucket with its stored data (Standard storage); its requests are placeholders."""
    comp = {**_base(name, "s3", taken), "puts_per_month": 0, "gets_per_month": 0,
            "storage_gb": round((bucket.get("size_bytes") or 0) / 1024**3, 3),
            "object_count": bucket.get("object_count") or 0}
    result.assumptions.append(msg("account_import.bucket_traffic", "{id}.puts_per_month / gets_per_month: 0",
                                  id=comp["id"]))
    if bucket.get("size_bytes") is None:
        result.notes.append(msg("account_import.no_storage_metric", "{id}: no CloudWatch storage metric for {name!r}; "
                                "storage_gb set to 0", id=comp["id"], name=name))
    return comp


def _queue(name: str, queue: dict, taken: set[str], result: ImportedDesign) -> dict[str, Any]:
    """A queue with its type (and retention when the design has it); its messages are a placeholder."""
    comp = {**_base(name, "sqs", taken), "queue": "fifo" if queue.get("fifo") else "standard",
            "messages_per_month": 0}
    if queue.get("retention_s") and _has_field("Sqs", "retention_s"):
        comp["retention_s"] = int(queue["retention_s"])
    result.assumptions.append(msg("account_import.queue_traffic", "{id}.messages_per_month: 0", id=comp["id"]))
    return comp


def _add_limits(result: ImportedDesign, snapshot: dict, region: str, account: str | None) -> None:
    """The account's limits as the design's `limits:` block, when the design format has one."""
    limits = snapshot_limits(snapshot, region, account)
    if limits and "limits" in Design.model_fields:
        result.data["limits"] = {**limits, "source": limits_source(snapshot, region, account)}


def _description(result: ImportedDesign) -> str:
    text = "Imported from an AWS account snapshot. Traffic figures are assumptions to replace: "
    return (text + "; ".join(result.assumptions))[:2000]


def _has_field(model: str, name: str) -> bool:
    """Does the design format (models/design/schema.py) know this component field yet?"""
    import models.design.schema as design_module

    return name in getattr(design_module, model).model_fields


def _clamp(value: Any, low: int, high: int, default: int) -> int:
    return default if value is None else max(low, min(high, int(value)))
