"""Service Quotas: the applied value and AWS's default of each quota the limit checks use.

Applied values show increases granted to the account; for some quotas AWS keeps only the default
("the applied quota value is not available"), which is recorded as a gap of kind not_available.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, paginate

SECTION = "service_quotas"
QUOTAS_FILE = Path(__file__).resolve().parent.parent / "quotas.yaml"
CALLS = (
    Call("service-quotas", "GetServiceQuota", "applied quota values (including granted increases)"),
    Call("service-quotas", "ListAWSDefaultServiceQuotas", "AWS's default quota values"),
)


@lru_cache(maxsize=1)
def quota_codes() -> tuple[dict[str, str], ...]:
    """The quotas to read: service code, quota code, name and the design limit each backs."""
    return tuple(yaml.safe_load(QUOTAS_FILE.read_text(encoding="utf-8"))["quotas"])


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"quotas": read of a list of quota rows}."""
    return {"quotas": attempt(ctx, "service-quotas", "GetServiceQuota", lambda: quotas(ctx))}


def quotas(ctx: ReadContext) -> list[dict[str, Any]]:
    """One row per quota: applied value and default, each a read of its own."""
    services = sorted({q["service"] for q in quota_codes()})
    defaults = dict(zip(services, for_each(ctx, services, lambda s: attempt(
        ctx, "service-quotas", "ListAWSDefaultServiceQuotas", lambda: default_values(ctx, s), item=s)), strict=True))
    return for_each(ctx, list(quota_codes()), lambda q: quota_row(ctx, q, defaults[q["service"]]))


def quota_row(ctx: ReadContext, quota: dict[str, str], defaults: dict) -> dict[str, Any]:
    """The applied and default value of one quota."""
    service, code = quota["service"], quota["code"]
    if "value" in defaults:
        default = {"value": defaults["value"].get(code)}
    else:
        default = {"error": dict(defaults["error"], item=code)}
    return {"service_code": service, "quota_code": code, "name": quota["name"], "limit": quota.get("limit"),
            "applied": attempt(ctx, "service-quotas", "GetServiceQuota", lambda: applied_value(ctx, service, code),
                               item=code),
            "default": default}


def applied_value(ctx: ReadContext, service: str, code: str) -> float | None:
    """The quota's value for this account and region."""
    return ctx.client("service-quotas").get_service_quota(ServiceCode=service, QuotaCode=code)["Quota"].get("Value")


def default_values(ctx: ReadContext, service: str) -> dict[str, float]:
    """AWS's default value of every quota of one service, by quota code (all pages)."""
    rows = paginate(ctx.client("service-quotas"), "list_aws_default_service_quotas", "Quotas", ServiceCode=service)
    return {r["QuotaCode"]: r.get("Value") for r in rows}
