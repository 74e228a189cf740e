"""CloudFront cache behaviours: an origin whose behaviours do not cache (the managed CachingDisabled policy
4135ea2d-6df8-44a3-9df3-4b5a84be39ad, or legacy TTLs DefaultTTL = MaxTTL = 0) receives every request routed
to it, not only the cache misses (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html).

The design's distribution passes on its cache misses (requests × (1 − cache_hit_ratio)) split evenly
among its origins; an uncached origin's share is of the requests, so its `calls` is its share ÷
(1 − cache_hit_ratio) (importers/build.py). When no origin caches, the distribution's cache_hit_ratio is 0.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from importers.context import ImportContext

CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"


def _uncached(ctx: ImportContext, behaviour: Any, keys: dict[str, str], where: str) -> bool:
    policy = ctx.value(behaviour, keys["policy"], where=where)
    if policy is not None:
        return str(policy) == CACHING_DISABLED
    default_ttl = ctx.value(behaviour, keys["default_ttl"], where=where)
    max_ttl = ctx.value(behaviour, keys["max_ttl"], where=where)
    return default_ttl is not None and max_ttl is not None and float(default_ttl) == 0 and float(max_ttl) == 0


def mark_uncached_origins(ctx: ImportContext, distribution: str, behaviours: list[tuple[Any, str]],
                          origins: dict[str, Any], keys: dict[str, str]) -> None:
    """Flag the triggers distribution → origin whose every behaviour does not cache. `behaviours`: (behaviour,
    where); `origins`: origin id → its domain value; `keys`: the property names (policy, ttl, target)."""
    by_origin: dict[str, list[bool]] = {}
    for behaviour, where in behaviours:
        origin = ctx.value(behaviour, keys["target"], where=where)
        if origin is not None:
            by_origin.setdefault(str(origin), []).append(_uncached(ctx, behaviour, keys, where))
    uncached = set()
    for origin_id, flags in by_origin.items():
        target = ctx.any_target(origins.get(origin_id), ("s3", "api_gateway"), distribution)
        if target and all(flags):
            uncached.add(target)
    if not uncached:
        return
    ctx.found.triggers = [dataclasses.replace(t, uncached=True) if t.source == distribution and t.target in uncached
                          else t for t in ctx.found.triggers]
    ctx.report.notes.append(f"{distribution}: {', '.join(sorted(uncached))} not cached (CachingDisabled or TTL 0): "
                            "every request routed to it reaches it, not only the cache misses")


def cfn_behaviours(ctx: ImportContext, lid: str, props: dict) -> None:
    """AWS::CloudFront::Distribution: DefaultCacheBehavior and CacheBehaviors."""
    where = f"Resources.{lid}.Properties.DistributionConfig"
    config = ctx.mapping(props, "DistributionConfig", where=f"Resources.{lid}.Properties")
    behaviours = [(ctx.mapping(config, "DefaultCacheBehavior", where=where), f"{where}.DefaultCacheBehavior")]
    behaviours += [(b, f"{where}.CacheBehaviors[{i}]") for i, b in enumerate(ctx.items(config, "CacheBehaviors",
                                                                                      where=where))]
    origins = {str(ctx.value(o, "Id", where=f"{where}.Origins[{i}]")): ctx.raw(o, "DomainName", where=where)
               for i, o in enumerate(ctx.items(config, "Origins", where=where))}
    mark_uncached_origins(ctx, lid, behaviours, origins, {"policy": "CachePolicyId", "default_ttl": "DefaultTTL",
                                                          "max_ttl": "MaxTTL", "target": "TargetOriginId"})


def tf_behaviours(ctx: ImportContext, key: str, body: dict) -> None:
    """aws_cloudfront_distribution: default_cache_behavior and ordered_cache_behavior."""
    behaviours = [(b, f"{key}.default_cache_behavior[{i}]")
                  for i, b in enumerate(ctx.items(body, "default_cache_behavior", where=key))]
    behaviours += [(b, f"{key}.ordered_cache_behavior[{i}]")
                   for i, b in enumerate(ctx.items(body, "ordered_cache_behavior", where=key))]
    origins = {str(ctx.value(o, "origin_id", where=f"{key}.origin[{i}]")): ctx.raw(o, "domain_name", where=key)
               for i, o in enumerate(ctx.items(body, "origin", where=key))}
    mark_uncached_origins(ctx, key, behaviours, origins, {"policy": "cache_policy_id", "default_ttl": "default_ttl",
                                                          "max_ttl": "max_ttl", "target": "target_origin_id"})
