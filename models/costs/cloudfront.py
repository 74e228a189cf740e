"""Amazon CloudFront (pay-as-you-go): data out and requests, priced by the viewers' region group.

https://aws.amazon.com/cloudfront/pricing/ — transfer from AWS origins to CloudFront is free.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.costs.components import Component, Quantity, billed
from models.costs.usage import KB_PER_GB, ComponentUsage, dec, fmt
from models.design.schema import CloudFront
from models.messages import msg

if TYPE_CHECKING:
    from models.run.run import Run

COMPONENTS = (  # {viewers}: the price group, as given or defaulted by viewer_group
    Component("requests", "cloudfront.requests.{protocol}.{viewers}"),
    Component("data_out", "cloudfront.data_out.{viewers}"),
)


def viewer_group(cdn: CloudFront, region: str) -> str:
    """The price group of the viewers: as given, else Japan for Tokyo/Osaka designs, else US."""
    if cdn.viewers:
        return str(cdn.viewers)  # a CLOUDFRONT_GROUPS name (the Literal mypy cannot read types it as Any)
    return "japan" if region.startswith("ap-northeast-") else "us"


def usage(cdn: CloudFront, run: Run) -> ComponentUsage:
    """Monthly usage of one distribution receiving its viewer requests in `run`."""
    group = viewer_group(cdn, run.design.region)
    warnings = () if cdn.viewers else (msg("cloudfront.viewers_default.warning",
                                           "{id}: viewers not given; priced as '{group}'", id=cdn.id, group=group),)
    return ComponentUsage(billed(COMPONENTS, globals(), cdn, run), warnings)


def requests(cdn: CloudFront, run: Run) -> Quantity:
    """Viewer requests per month, by protocol and viewers' price group."""
    n, group = run.events[cdn.id], viewer_group(cdn, run.design.region)
    return Quantity(n, f"{fmt(n)} {cdn.protocol.upper()} requests ({group} viewers)",
                    values={"viewers": group})


def data_out(cdn: CloudFront, run: Run) -> Quantity | None:
    """GB per month out to viewers: as given, else responses × their size."""
    requests, group = run.events[cdn.id], viewer_group(cdn, run.design.region)
    if cdn.transfer_out_gb is not None:
        gb, how = dec(cdn.transfer_out_gb), f"{fmt(cdn.transfer_out_gb)} GB out ({group} viewers)"
    else:
        gb = requests * dec(cdn.response_kb) / KB_PER_GB
        how = f"{fmt(requests)} responses × {fmt(cdn.response_kb)} KB ({group} viewers)"
    return Quantity(gb, how, values={"viewers": group}) if gb else None
