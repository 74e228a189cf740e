"""Where a design's assumptions and an account's settings differ ("the design assumes 1,000
concurrent executions, the account has 10").

Components are matched to resources by label (the resource name, as `account import` writes it),
else by id. Each difference has a severity: `risk` (the account gives less than the design
assumes), `differs` (a setting differs: cost or behaviour changes), `info`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from aws.facts import account_limits, snapshot_facts
from aws.naming import matches
from models.design.schema import Design, parse_design
from models.messages import msg

RISK, DIFFERS, INFO = "risk", "differs", "info"
#: AWS defaults the design assumes when it has no `limits:` entry — used only if pricing/limits.yaml
#: cannot be loaded; that file (with sources) is authoritative.
FALLBACK_LIMITS = {"lambda_concurrency": 1000, "lambda_unreserved_min": 100, "api_rps": 10000, "api_burst": 5000,
                   "dynamodb_table_read": 40000, "dynamodb_table_write": 40000,
                   "dynamodb_account_read": 80000, "dynamodb_account_write": 80000}
DECREASES_PER_DAY = 27  # DynamoDB: 4 in the first hour + 1 per hour after (Service Quotas L-F3CA5463 default)


@dataclass(frozen=True)
class Difference:
    """One place where the design and the account disagree."""

    component: str          # design component id, or "limits"
    resource: str | None    # the account resource it was matched to
    field: str
    design: Any
    account: Any
    severity: str
    note: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)


def account_diff(design_data: dict, snapshot: dict, region: str | None = None,
                 account: str | None = None) -> list[Difference]:
    """Every difference between the design mapping and the account in `region` (default: the design's)."""
    design = parse_design(design_data)
    region = region or design.region
    facts = snapshot_facts(snapshot, region, account)
    rows = limit_differences(design, snapshot, region, account)
    for comp in design.components:
        rows += _compare(comp, facts)
    return rows


AWS_DEFAULT = msg("diff.where_default", "AWS default")
DESIGN_BLOCK = msg("diff.where_design", "design limits block")


def assumed_limits(design: Design) -> dict[str, tuple[float, str]]:
    """Limit key → (value the design assumes, where that value comes from)."""
    try:
        from pricing.catalog import load_limit_defaults
        defaults = load_limit_defaults()
        assumed: dict[str, tuple[float, str]] = {k: (v.value, AWS_DEFAULT) for k, v in defaults.items()}
        assumed.update(_regional_defaults(defaults, getattr(design, "region", "")))  # ---- quotas
    except (ImportError, OSError):
        assumed = {k: (float(v), AWS_DEFAULT) for k, v in FALLBACK_LIMITS.items()}
    limits = getattr(design, "limits", None)
    if limits is not None:
        for key, value in limits.model_dump(exclude_none=True).items():
            if key not in ("source", "sources"):  # labels, not limits
                assumed[key] = (float(value), DESIGN_BLOCK)
    return assumed


# ---- quotas
def _regional_defaults(defaults: dict, region: str) -> dict[str, tuple[float, str]]:
    """The defaults as they apply in `region`: a limit's `by_region` value, or its `<key>.<region>` entry
    (pricing/limits.yaml keeps Region-dependent quotas both ways)."""
    found: dict[str, tuple[float, str]] = {k: (v.in_region(region).value, AWS_DEFAULT)
                                           for k, v in defaults.items() if "." not in k}
    found.update({k.rsplit(".", 1)[0]: (v.value, AWS_DEFAULT) for k, v in defaults.items()
                  if k.endswith(f".{region}")})
    return found
# ---- end quotas


def limit_differences(design: Design, snapshot: dict, region: str, account: str | None) -> list[Difference]:
    """Account limits lower (risk) or higher (info) than the design assumes."""
    assumed = assumed_limits(design)
    rows = []
    for key, fact in account_limits(snapshot, region, account).items():
        if key not in assumed or float(fact.value) == assumed[key][0]:
            continue
        value, where = assumed[key]
        lower = float(fact.value) < value
        rows.append(Difference("limits", None, key, _num(value), fact.value, RISK if lower else INFO,
                               msg("diff.limit_lower", "the account allows less than the design assumes ({where}); "
                                   "read from {source}", where=where, source=fact.source) if lower else
                               msg("diff.limit_higher", "the account allows more than the design assumes ({where}); "
                                   "read from {source}", where=where, source=fact.source)))
    return rows


def _match(comp: Any, found: dict[str, dict]) -> tuple[str | None, dict | None]:
    """The account resource a component stands for, if any."""
    for name, facts in found.items():
        if matches(comp.id, comp.label, name):
            return name, facts
    return None, None


def _compare(comp: Any, facts: dict) -> list[Difference]:
    """The differences of one component from the account resource it stands for, or that there is none."""
    if comp.type not in _COMPARE:  # SNS, SES, Cognito, CloudFront, Route 53: not in the account snapshot
        return []
    section, what, compare = _COMPARE[comp.type]
    name, found = _match(comp, facts[section])
    if found is None:
        return [Difference(comp.id, None, "exists", True, False, INFO,
                           msg("diff.missing", "no {what} named {name!r} in the account (matched by label, else id)",
                               what=what, name=comp.label or comp.id))]
    return [r for r in compare(comp, name, found) if r]


def _compare_lambda(comp: Any, name: str | None, fn: dict) -> list[Difference | None]:
    """Memory, timeout, architecture, /tmp, reserved and provisioned concurrency."""
    rows = [_differs(comp, name, field, getattr(comp, field), fn.get(field), note)
            for field, note in (("memory_mb", msg("diff.memory", "memory sets the price per GB-s")),
                                ("timeout_s", msg("diff.timeout", "longer timeouts hold concurrency longer when calls "
                                                  "hang")),
                                ("architecture", msg("diff.architecture", "arm64 is priced about 20% lower per GB-s")),
                                ("ephemeral_storage_mb", msg("diff.ephemeral", "above 512 MB is billed")))]
    reserved, mine = fn.get("reserved_concurrency"), comp.reserved_concurrency
    if reserved != mine and fn.get("read_complete", True):
        lower = reserved is not None and (mine is None or reserved < mine)
        rows.append(Difference(comp.id, name, "reserved_concurrency", mine, reserved, RISK if lower else DIFFERS,
                               msg("diff.reserved", "reserved concurrency caps the function (0 stops it) and takes "
                                   "from the account pool")))
    provisioned = fn.get("provisioned_concurrency") or 0
    rows.append(_differs(comp, name, "provisioned_concurrency", comp.provisioned_concurrency, provisioned,
                         msg("diff.provisioned", "provisioned environments are billed per GB-s while enabled"))
                if fn.get("read_complete", True) else None)
    return rows


def _compare_table(comp: Any, name: str | None, table: dict) -> list[Difference | None]:
    """Billing mode, capacity, table class; decreases used today; auto scaling."""
    rows = [_differs(comp, name, "billing", comp.billing, table.get("billing"),
                     msg("diff.billing", "capacity mode sets the pricing")),
            _differs(comp, name, "table_class", comp.table_class, table.get("table_class"),
                     msg("diff.table_class", "Standard-IA: cheaper storage, dearer requests"))]
    for field in ("rcu", "wcu"):
        mine, theirs = getattr(comp, field), table.get(field)
        if comp.billing == "provisioned" and table.get("billing") == "provisioned" and mine != theirs:
            lower = theirs is not None and mine is not None and theirs < mine
            rows.append(Difference(comp.id, name, field, mine, theirs, RISK if lower else DIFFERS,
                                   msg("diff.capacity", "capacity units per second; requests above them are "
                                       "throttled")))
    used = table.get("decreases_today") or 0
    if used:
        rows.append(Difference(comp.id, name, "decreases_today", None, used,
                               RISK if used >= DECREASES_PER_DAY - 4 else INFO,
                               msg("diff.decreases", "{used} of {most} capacity decreases used today (UTC); lowering "
                                   "capacity may be refused", used=used, most=DECREASES_PER_DAY)))
    if table.get("autoscaling"):
        spans = ", ".join(f"{t['dimension'].rsplit(':', 1)[-1]} {t['min']}–{t['max']}" for t in table["autoscaling"])
        rows.append(Difference(comp.id, name, "autoscaling", None, spans, INFO,
                               msg("diff.autoscaling", "auto scaling changes capacity within these bounds; the design "
                                   "prices fixed capacity")))
    return rows


def _compare_api(comp: Any, name: str | None, api: dict) -> list[Difference | None]:
    """API type, stage throttles and integration timeouts."""
    rows = [_differs(comp, name, "api", comp.api, api["kind"],
                     msg("diff.api", "REST, HTTP and WebSocket APIs are priced differently"))]
    throttled = [s for s in api["stages"] if s.get("throttle_rps") is not None]
    if throttled:
        lowest = min(throttled, key=lambda s: s["throttle_rps"])
        mine = getattr(comp, "stage_rps", None)
        if mine != lowest["throttle_rps"]:
            lower = mine is None or lowest["throttle_rps"] < mine
            rows.append(Difference(comp.id, name, "stage_rps", mine, lowest["throttle_rps"], RISK if lower else DIFFERS,
                                   msg("diff.stage_rps", "stage {stage!r} throttles at {rps:g} requests/s (burst "
                                       "{burst})", stage=lowest["name"], rps=lowest["throttle_rps"],
                                       burst=lowest.get("throttle_burst"))))
    timeouts = api["integration_timeouts_ms"]
    mine = getattr(comp, "integration_timeout_ms", None)
    if timeouts and mine is not None and max(timeouts) != mine:
        rows.append(Difference(comp.id, name, "integration_timeout_ms", mine, max(timeouts), DIFFERS,
                               msg("diff.integration_timeout", "the longest integration timeout of the "
                                   "API's methods")))
    return rows


def _compare_bucket(comp: Any, name: str | None, bucket: dict) -> list[Difference | None]:
    """Stored data (Standard storage, GB) against the design's storage_gb."""
    size = bucket.get("size_bytes")
    if size is None:
        return []
    gb = round(size / 1024**3, 3)
    if abs(gb - comp.storage_gb) <= max(0.01, 0.1 * comp.storage_gb):
        return []
    return [Difference(comp.id, name, "storage_gb", comp.storage_gb, gb, DIFFERS,
                       msg("diff.storage", "Standard storage on {day} (CloudWatch daily metric)",
                           day=str(bucket.get("as_of"))[:10]))]


def _compare_queue(comp: Any, name: str | None, queue: dict) -> list[Difference | None]:
    """Queue type and retention."""
    rows = [_differs(comp, name, "queue", comp.queue, "fifo" if queue.get("fifo") else "standard",
                     msg("diff.queue", "FIFO requests cost more and have throughput limits"))]
    if hasattr(comp, "retention_s"):
        rows.append(_differs(comp, name, "retention_s", comp.retention_s, queue.get("retention_s"),
                             msg("diff.retention", "messages older than this are deleted")))
    return rows



def _differs(comp: Any, name: str | None, field: str, mine: Any, theirs: Any, note: str) -> Difference | None:
    """A `differs` row when both are known and unequal."""
    if theirs is None or mine == theirs:
        return None
    return Difference(comp.id, name, field, mine, theirs, DIFFERS, note)


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


#: component type → (the snapshot's section, what its resource is called, the comparison)
_COMPARE: dict[str, tuple[str, str, Callable[[Any, str | None, dict], list[Difference | None]]]] = {
    "lambda": ("functions", msg("diff.what_function", "function"), _compare_lambda),
    "dynamodb": ("tables", msg("diff.what_table", "table"), _compare_table),
    "api_gateway": ("apis", msg("diff.what_api", "API"), _compare_api),
    "s3": ("buckets", msg("diff.what_bucket", "bucket"), _compare_bucket),
    "sqs": ("queues", msg("diff.what_queue", "queue"), _compare_queue)}
