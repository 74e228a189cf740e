"""Amazon CloudFront (pay-as-you-go): data out and requests, priced by the viewers' region group.

https://aws.amazon.com/cloudfront/pricing/ — transfer from AWS origins to CloudFront is free.
"""

from __future__ import annotations

from decimal import Decimal

from models.costs.usage import KB_PER_GB, ComponentUsage, Usage, dec, fmt
from models.design.schema import CloudFront
from models.messages import msg


def viewer_group(cdn: CloudFront, region: str) -> str:
    """The price group of the viewers: as given, else Japan for Tokyo/Osaka designs, else US."""
    if cdn.viewers:
        return cdn.viewers
    return "japan" if region.startswith("ap-northeast-") else "us"


def usage(cdn: CloudFront, requests: Decimal, region: str) -> ComponentUsage:
    """Monthly usage of one distribution receiving `requests` viewer requests."""
    group = viewer_group(cdn, region)
    usages = [Usage(cdn.id, f"cloudfront.requests.{cdn.protocol}.{group}", requests,
                    f"{fmt(requests)} {cdn.protocol.upper()} requests ({group} viewers)")]
    if cdn.transfer_out_gb is not None:
        gb, how = dec(cdn.transfer_out_gb), f"{fmt(cdn.transfer_out_gb)} GB out ({group} viewers)"
    else:
        gb = requests * dec(cdn.response_kb) / KB_PER_GB
        how = f"{fmt(requests)} responses × {fmt(cdn.response_kb)} KB ({group} viewers)"
    if gb:
        usages.append(Usage(cdn.id, f"cloudfront.data_out.{group}", gb, how))
    warnings = () if cdn.viewers else (msg("cloudfront.viewers_default.warning", "{id}: viewers not given; priced as '{group}'", id=cdn.id,
                                           group=group),)
    return ComponentUsage(tuple(usages), warnings)


def outgoing_events(cdn: CloudFront, requests: Decimal) -> Decimal:
    """A distribution passes cache misses on to its origin."""
    return requests * (1 - dec(cdn.cache_hit_ratio))
