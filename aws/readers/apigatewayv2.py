"""API Gateway HTTP and WebSocket APIs: stages with their route throttles, integration timeouts."""

from __future__ import annotations

from typing import Any

from aws.calls import Call
from aws.readers._common import ReadContext, attempt, for_each, paginate
from aws.readers.apigateway import _REST, function_name

SECTION = "apigatewayv2"
CALLS = (
    Call("apigatewayv2", "GetApis", "HTTP and WebSocket APIs", _REST),
    Call("apigatewayv2", "GetStages", "stages and their default route throttles", _REST),
    Call("apigatewayv2", "GetIntegrations", "integrations and their timeouts", _REST),
)


def read(ctx: ReadContext) -> dict[str, dict]:
    """{"apis": read of a list of HTTP/WebSocket API records}."""
    return {"apis": attempt(ctx, "apigatewayv2", "GetApis", lambda: apis(ctx))}


def apis(ctx: ReadContext) -> list[dict[str, Any]]:
    """Every HTTP and WebSocket API with its stages and integrations."""
    listed = paginate(ctx.client("apigatewayv2"), "get_apis", "Items")
    return for_each(ctx, listed, lambda api: api_record(ctx, api))


def api_record(ctx: ReadContext, api: dict) -> dict[str, Any]:
    """One HTTP or WebSocket API."""
    api_id, name = api["ApiId"], api.get("Name", api["ApiId"])
    return {
        "id": api_id, "name": name, "kind": (api.get("ProtocolType") or "HTTP").lower(),
        "stages": attempt(ctx, "apigatewayv2", "GetStages", lambda: stages(ctx, api_id), item=name),
        "integrations": attempt(ctx, "apigatewayv2", "GetIntegrations", lambda: integrations(ctx, api_id), item=name),
    }


def stages(ctx: ReadContext, api_id: str) -> list[dict[str, Any]]:
    """Stages with their default route throttle (rps, burst) and per-route throttles."""
    result = []
    for stage in paginate(ctx.client("apigatewayv2"), "get_stages", "Items", ApiId=api_id):
        default = stage.get("DefaultRouteSettings") or {}
        result.append({
            "name": stage["StageName"],
            "throttle_rps": default.get("ThrottlingRateLimit"),
            "throttle_burst": default.get("ThrottlingBurstLimit"),
            "route_throttles": {key: {"rps": s.get("ThrottlingRateLimit"), "burst": s.get("ThrottlingBurstLimit")}
                                for key, s in (stage.get("RouteSettings") or {}).items()},
        })
    return result


def integrations(ctx: ReadContext, api_id: str) -> list[dict[str, Any]]:
    """Integrations with their timeout in ms and the Lambda function they call, if any."""
    return [{"id": i.get("IntegrationId"), "type": i.get("IntegrationType"), "timeout_ms": i.get("TimeoutInMillis"),
             "function": function_name(i.get("IntegrationUri"))}
            for i in paginate(ctx.client("apigatewayv2"), "get_integrations", "Items", ApiId=api_id)]
