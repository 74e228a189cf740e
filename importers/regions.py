"""The Region an imported design is priced in, and what the report and the design say about it.

A design's `region` must have a price catalog before `estimate` can price it: a bundled one (REGIONS), or
the one `cli.py prices refresh --region R` built from the AWS Price List. An import never changes a Region
without saying so, in the report and in the design's own description (which travels with the file):

- `--region R` is kept as given; without a catalog the report says how to build one (estimate refuses
  the design until then).
- a Region the configuration names (a Terraform provider's, a serverless.yml's provider.region) is used
  when it has a catalog; else the design is priced in the default Region, said in both places.
"""

from __future__ import annotations

from aws.price_list import cached_catalog_path
from importers.common import ImportReport
from models.design.schema import COMMERCIAL_REGION
from pricing.catalog import available_regions

REFRESH = "python cli.py prices refresh --region {region}"


def has_catalog(region: str) -> bool:
    """Whether `estimate` can price a design in `region` now (a bundled or a refreshed catalog)."""
    if region in available_regions():
        return True
    return bool(COMMERCIAL_REGION.match(region)) and cached_catalog_path(region) is not None


def kept_region(region: str, report: ImportReport) -> str:
    """`--region` as given; the report and the design say when it has no catalog yet."""
    if not has_catalog(region):
        _warn(report, f"region {region} has no price catalog yet: the design keeps region {region}, and "
                      f"`estimate` refuses it until the catalog is built with `{REFRESH.format(region=region)}` "
                      "(public price files, no credentials)")
    return region


def named_region(region: object, where: str, default_region: str, report: ImportReport) -> str:
    """The Region the configuration names at `where` when it can be priced; else `default_region`, said so."""
    text = str(region)
    if has_catalog(text):
        return text
    if COMMERCIAL_REGION.match(text):
        how = (f"to price it in {text}, build its catalog with `{REFRESH.format(region=text)}` and import again "
               f"(or import with --region {text})")
        why = "has no price catalog yet"
    else:
        how = "the planner prices AWS commercial Regions only (not China or GovCloud)"
        why = "is not a Region the planner can price"
    _warn(report, f"{where} {text} {why}: the design is priced in {default_region} instead (region: "
                  f"{default_region}); {how}")
    return default_region


def _warn(report: ImportReport, text: str) -> None:
    """A Region line: first among the report's notes, and at the head of the design's description."""
    report.notes.insert(0, text)
    report.region_notes.append(text)
