"""Lambda: the account's concurrency limit and every function's memory, timeout and concurrency."""

from __future__ import annotations

from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, paginate

SECTION = "lambda"
CALLS = (
    Call("lambda", "GetAccountSettings", "account concurrency limit and unreserved concurrency"),
    Call("lambda", "ListFunctions", "functions with memory, timeout, architecture and runtime"),
    Call("lambda", "GetFunctionConcurrency", "each function's reserved concurrency"),
    Call("lambda", "ListProvisionedConcurrencyConfigs", "each function's provisioned concurrency"),
)


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"account_settings": read, "functions": read of a list of function records}."""
    return {
        "account_settings": attempt(ctx, "lambda", "GetAccountSettings", lambda: account_settings(ctx)),
        "functions": attempt(ctx, "lambda", "ListFunctions", lambda: functions(ctx)),
    }


def account_settings(ctx: ReadContext) -> dict[str, Any]:
    """Concurrent executions (the account's per-region limit) and how many are unreserved."""
    limit = ctx.client("lambda").get_account_settings().get("AccountLimit", {})
    return {"concurrent_executions": limit.get("ConcurrentExecutions"),
            "unreserved_concurrent_executions": limit.get("UnreservedConcurrentExecutions")}


def functions(ctx: ReadContext) -> list[dict[str, Any]]:
    """Every function of the region (all pages), each with its concurrency settings."""
    listed = paginate(ctx.client("lambda"), "list_functions", "Functions")
    return for_each(ctx, listed, lambda f: function_record(ctx, f))


def function_record(ctx: ReadContext, fn: dict) -> dict[str, Any]:
    """One function's settings; names only, never ARNs (they carry the account id)."""
    name = fn["FunctionName"]
    return {
        "name": name,
        "runtime": fn.get("Runtime"),
        "package_type": fn.get("PackageType"),
        "memory_mb": fn.get("MemorySize"),
        "timeout_s": fn.get("Timeout"),
        "architecture": (fn.get("Architectures") or ["x86_64"])[0],
        "ephemeral_storage_mb": (fn.get("EphemeralStorage") or {}).get("Size", 512),
        "reserved_concurrency": attempt(ctx, "lambda", "GetFunctionConcurrency",
                                        lambda: reserved_concurrency(ctx, name), item=name),
        "provisioned_concurrency": attempt(ctx, "lambda", "ListProvisionedConcurrencyConfigs",
                                           lambda: provisioned_concurrency(ctx, name), item=name),
    }


def reserved_concurrency(ctx: ReadContext, name: str) -> int | None:
    """Reserved concurrent executions (None: not set, the function shares the unreserved pool)."""
    return ctx.client("lambda").get_function_concurrency(FunctionName=name).get("ReservedConcurrentExecutions")


def provisioned_concurrency(ctx: ReadContext, name: str) -> dict[str, Any]:
    """Provisioned concurrency per alias or version, and the totals (environments)."""
    configs = paginate(ctx.client("lambda"), "list_provisioned_concurrency_configs", "ProvisionedConcurrencyConfigs",
                       FunctionName=name)
    rows = [{"qualifier": c.get("FunctionArn", "").rsplit(":", 1)[-1],
             "requested": c.get("RequestedProvisionedConcurrentExecutions", 0),
             "allocated": c.get("AllocatedProvisionedConcurrentExecutions", 0),
             "status": c.get("Status")} for c in configs]
    return {"requested": sum(r["requested"] for r in rows), "allocated": sum(r["allocated"] for r in rows),
            "configs": rows}
