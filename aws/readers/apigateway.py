"""API Gateway REST APIs: the account throttle, stages and their throttles, integration timeouts, usage plans."""

from __future__ import annotations

import re
from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, paginate

SECTION = "apigateway"
_REST = ("arn:aws:apigateway:*::/account", "arn:aws:apigateway:*::/restapis", "arn:aws:apigateway:*::/restapis/*",
         "arn:aws:apigateway:*::/usageplans", "arn:aws:apigateway:*::/apis", "arn:aws:apigateway:*::/apis/*")
CALLS = (
    Call("apigateway", "GetAccount", "the account throttle (rate and burst)", _REST),
    Call("apigateway", "GetRestApis", "REST APIs and their endpoint types", _REST),
    Call("apigateway", "GetStages", "stages and their method throttles", _REST),
    Call("apigateway", "GetResources", "methods and their integration timeouts", _REST),
    Call("apigateway", "GetUsagePlans", "usage plans: throttles and quotas per client", _REST),
)
_FUNCTION = re.compile(r":function:([A-Za-z0-9_-]+)")


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"account": read, "rest_apis": read, "usage_plans": read}."""
    return {
        "account": attempt(ctx, "apigateway", "GetAccount", lambda: account_throttle(ctx)),
        "rest_apis": attempt(ctx, "apigateway", "GetRestApis", lambda: rest_apis(ctx)),
        "usage_plans": attempt(ctx, "apigateway", "GetUsagePlans", lambda: usage_plans(ctx)),
    }


def account_throttle(ctx: ReadContext) -> dict[str, Any]:
    """The account-level throttle shared by all APIs of the region: requests per second and burst."""
    throttle = ctx.client("apigateway").get_account().get("throttleSettings") or {}
    return {"rate_limit_rps": throttle.get("rateLimit"), "burst_limit": throttle.get("burstLimit")}


def rest_apis(ctx: ReadContext) -> list[dict[str, Any]]:
    """Every REST API with its stages and integrations."""
    apis = paginate(ctx.client("apigateway"), "get_rest_apis", "items")
    return for_each(ctx, apis, lambda api: rest_api_record(ctx, api))


def rest_api_record(ctx: ReadContext, api: dict) -> dict[str, Any]:
    """One REST API."""
    api_id, name = api["id"], api.get("name", api["id"])
    return {
        "id": api_id, "name": name, "kind": "rest",
        "endpoint_types": (api.get("endpointConfiguration") or {}).get("types", []),
        "stages": attempt(ctx, "apigateway", "GetStages", lambda: stages(ctx, api_id), item=name),
        "integrations": attempt(ctx, "apigateway", "GetResources", lambda: integrations(ctx, api_id), item=name),
    }


def stages(ctx: ReadContext, api_id: str) -> list[dict[str, Any]]:
    """Stages (not paginated by AWS) with the stage-wide throttle (`*/*`) and per-method throttles."""
    result = []
    for stage in ctx.client("apigateway").get_stages(restApiId=api_id).get("item") or []:
        settings = stage.get("methodSettings") or {}
        default = settings.get("*/*") or {}
        result.append({
            "name": stage["stageName"],
            "throttle_rps": default.get("throttlingRateLimit"),
            "throttle_burst": default.get("throttlingBurstLimit"),
            "method_throttles": {key: {"rps": s.get("throttlingRateLimit"), "burst": s.get("throttlingBurstLimit")}
                                 for key, s in settings.items() if key != "*/*"},
            "cache_enabled": bool(stage.get("cacheClusterEnabled")),
            "cache_gb": float(stage["cacheClusterSize"]) if stage.get("cacheClusterSize") else None,
        })
    return result


def integrations(ctx: ReadContext, api_id: str) -> list[dict[str, Any]]:
    """Every method's integration with its timeout in ms (one paginated call with embedded methods)."""
    rows = []
    for resource in paginate(ctx.client("apigateway"), "get_resources", "items", restApiId=api_id, embed=["methods"]):
        for verb, method in (resource.get("resourceMethods") or {}).items():
            integration = method.get("methodIntegration")
            if integration:
                rows.append({"path": resource.get("path"), "method": verb, "type": integration.get("type"),
                             "timeout_ms": integration.get("timeoutInMillis"),
                             "function": function_name(integration.get("uri"))})
    return rows


def usage_plans(ctx: ReadContext) -> list[dict[str, Any]]:
    """Usage plans: per-client throttle and quota, and the API stages they cover."""
    plans = paginate(ctx.client("apigateway"), "get_usage_plans", "items")
    return [{
        "id": p["id"], "name": p.get("name"),
        "throttle_rps": (p.get("throttle") or {}).get("rateLimit"),
        "throttle_burst": (p.get("throttle") or {}).get("burstLimit"),
        "quota_limit": (p.get("quota") or {}).get("limit"), "quota_period": (p.get("quota") or {}).get("period"),
        "api_stages": [{"api_id": s.get("apiId"), "stage": s.get("stage")} for s in p.get("apiStages") or []],
    } for p in plans]


def function_name(uri: str | None) -> str | None:
    """The Lambda function an integration URI invokes, if any.

    >>> function_name("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
    ...               "arn:aws:lambda:us-east-1:1:function:f1/invocations")
    'f1'
    """
    found = _FUNCTION.search(uri or "")
    return found.group(1) if found else None
