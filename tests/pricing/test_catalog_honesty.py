"""The price catalog keeps itself honest: every price has a source and a date, a source that names
an AWS Price List file names a real one, an `assumed` price says what it is derived from (and does
not pretend to come from a file it was not read from), no note is pasted from another service,
the values the price audit (/work/shared/reviews/prices-audit.md, 2026-11-28) read for Tokyo and
Osaka stay fixed, and the README states how many prices are still assumed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pricing.catalog import CATALOG_DIR, assumed_prices, available_regions, load_catalog

ROOT = Path(__file__).resolve().parents[2]
REGIONS = available_regions()
#: The AWS Price List offer files: .../offers/v1.0/aws/<service code>/current/[<region code>/]index.json
OFFER_URL = re.compile(r"^https://pricing\.us-east-1\.amazonaws\.com/offers/v1\.0/aws/([A-Za-z0-9]+)/current/"
                       r"(?:([a-z]{2}(?:-gov)?-[a-z]+-\d)/)?index\.json$")


def own_prices(region: str):
    """The prices that region's file holds (the global ones are checked once, under 'global')."""
    return [p for p in load_catalog(region).prices.values() if p.region == region]


def every_price():
    seen = {}
    for region in REGIONS:
        for price in load_catalog(region).prices.values():
            seen.setdefault((price.region, price.id), price)
    return [seen[key] for key in sorted(seen)]


def first_tier_usd(region: str, price_id: str) -> Decimal:
    """USD per `per` units in the lowest tier, as the catalog file writes it."""
    price = load_catalog(region).prices[price_id]
    return (price.tiers[0].usd_per_unit * price.per).normalize()


@pytest.mark.parametrize("price", every_price(), ids=lambda p: f"{p.region}:{p.id}")
def test_every_price_has_a_source_url_and_a_date_not_after_its_catalog(price):
    assert price.source.startswith("https://"), f"{price.region} {price.id}: source {price.source!r} is not a URL"
    compiled = load_catalog(REGIONS[0] if price.region == "global" else price.region).compiled
    assert price.as_of <= compiled, f"{price.region} {price.id}: as_of {price.as_of} is after the catalog ({compiled})"


@pytest.mark.parametrize("price", every_price(), ids=lambda p: f"{p.region}:{p.id}")
def test_a_price_list_source_names_a_real_offer_file_of_its_own_region(price):
    if "pricing.us-east-1.amazonaws.com" not in price.source:
        return
    match = OFFER_URL.match(price.source)
    assert match, f"{price.region} {price.id}: {price.source} is not a Price List offer file URL"
    region_code = match.group(2)
    if region_code is not None and price.region != "global":
        assert region_code == price.region, f"{price.region} {price.id}: cites the {region_code} offer file"


def tiers_with_their_own_evidence():
    return [(price, index) for price in every_price() for index, tier in enumerate(price.tiers) if tier.source]


@pytest.mark.parametrize("price, index", tiers_with_their_own_evidence(), ids=lambda v: str(v))
def test_a_tier_with_its_own_evidence_is_dated_sourced_and_no_surer_than_its_note_says(price, index):
    """A tier's own source: a URL, dated no later than the catalog, a real offer file of the price's own region
    when it is the Price List, and the price's note names the tier as read ("Tier 1 … is Price List", "read")."""
    source, as_of = price.tier_source(index)
    assert source.startswith("https://"), f"{price.region} {price.id} tier {index + 1}: {source!r}"
    assert as_of <= load_catalog(price.region).compiled
    if "pricing.us-east-1.amazonaws.com" in source:
        match = OFFER_URL.match(source)
        assert match and match.group(2) == price.region, f"{price.region} {price.id}: {source}"
    assert price.confidence == "assumed" or price.tier_confidence(index) != "assumed"
    assert re.search(r"(Tier|Band) 1 \$[\d.]+(/M|/GB-s)? (\(\S+\) )?is (Price List|read)|First tier \$[\d.]+/M is "
                     r"Price List", price.note), f"{price.region} {price.id}: the note does not say tier {index + 1} was read"


def test_the_tiers_with_their_own_evidence_are_the_ones_read():
    assert {(p.region, p.id) for p, _ in tiers_with_their_own_evidence()} == {
        ("ap-northeast-1", "lambda.duration.arm64"), ("ap-northeast-1", "apigateway.rest.requests"),
        ("ap-northeast-1", "apigateway.http.requests"), ("ap-northeast-1", "sqs.standard.requests"),
        ("ap-northeast-3", "lambda.duration.x86_64"), ("ap-northeast-3", "lambda.duration.arm64"),
        ("ap-northeast-3", "s3.storage.standard")}


@pytest.mark.parametrize("price", every_price(), ids=lambda p: f"{p.region}:{p.id}")
def test_an_assumed_price_says_what_it_is_derived_from_and_cites_no_file_it_was_not_read_from(price):
    if price.confidence != "assumed":
        return
    assert len(price.note) >= 40, f"{price.region} {price.id}: an assumed price needs a note saying its derivation"
    match = OFFER_URL.match(price.source)
    assert not (match and match.group(2) == price.region), (
        f"{price.region} {price.id}: assumed, yet its source is its own region's Price List file {price.source}")


@pytest.mark.parametrize("price", every_price(), ids=lambda p: f"{p.region}:{p.id}")
def test_a_price_read_from_a_price_list_copy_names_the_copy(price):
    if price.confidence != "price_list" or not OFFER_URL.match(price.source):
        return
    assert price.note, f"{price.region} {price.id}: a price_list value must say which copy of the offer file it was read in"


@pytest.mark.parametrize("region", REGIONS + ["global"])
def test_no_note_is_pasted_from_another_service(region):
    """The same note under two services in one file is a copy-paste slip (the audit found SnapStart and
    X-Ray rows carrying a CloudWatch sentence)."""
    prices = [p for p in every_price() if p.region == region]
    services_by_note: dict[str, set[str]] = {}
    for price in prices:
        for sentence in re.split(r"(?<=[.;])\s+", price.note):
            if len(sentence) >= 60:
                services_by_note.setdefault(sentence, set()).add(price.service)
    pasted = {s: sorted(v) for s, v in services_by_note.items() if len(v) > 1}
    assert not pasted, f"{region}: sentences shared by several services: {pasted}"


# Values the audit read in a named source (not derived ones): region, id, USD per `per` (lowest tier).
AUDITED = [
    # calculator.aws lambda.json as copied in remotion-dev/remotion (price-per-1-s.ts / price-per-1s.ts)
    ("ap-northeast-1", "lambda.ephemeral_storage", "0.000000037"),
    ("ap-northeast-1", "lambda.provisioned_concurrency.x86_64", "0.0000053835"),
    ("ap-northeast-1", "lambda.provisioned_duration.x86_64", "0.0000125615"),
    ("ap-northeast-3", "lambda.ephemeral_storage", "0.000000037"),
    ("ap-northeast-3", "lambda.provisioned_concurrency.x86_64", "0.0000053835"),
    ("ap-northeast-3", "lambda.provisioned_duration.x86_64", "0.0000125615"),
    # Tokyo S3 storage classes (Japanese article 2026 + a Tokyo Price List fixture for Deep Archive)
    ("ap-northeast-1", "s3.storage.standard_ia", "0.0138"),
    ("ap-northeast-1", "s3.storage.intelligent_tiering_infrequent", "0.0138"),
    ("ap-northeast-1", "s3.storage.glacier_instant", "0.005"),
    ("ap-northeast-1", "s3.storage.glacier_flexible", "0.0045"),
    ("ap-northeast-1", "s3.storage.glacier_deep_archive", "0.002"),
    # DynamoDB reserved capacity, awslabs/amazon-dynamodb-tools config (NRT, KIX)
    ("ap-northeast-1", "dynamodb.reserved_1y.rcu_upfront", "34.2"),
    ("ap-northeast-1", "dynamodb.reserved_1y.wcu_upfront", "171.4"),
    ("ap-northeast-1", "dynamodb.reserved_3y.rcu_upfront", "41"),
    ("ap-northeast-1", "dynamodb.reserved_3y.wcu_upfront", "205.6"),
    ("ap-northeast-3", "dynamodb.reserved_1y.rcu_upfront", "34.2"),
    ("ap-northeast-3", "dynamodb.reserved_1y.wcu_upfront", "171.4"),
    # us-east-1 Glacier Flexible Retrieval PUT: $0.03 per 1,000 since Nov 2021 (infracost golden file)
    ("us-east-1", "s3.requests.put.glacier_flexible", "0.03"),
]


@pytest.mark.parametrize(("region", "price_id", "usd"), AUDITED, ids=lambda v: str(v))
def test_prices_the_audit_read_in_a_source_keep_that_value(region, price_id, usd):
    assert first_tier_usd(region, price_id) == Decimal(usd).normalize()


# Where the audit found Tokyo/Osaka dearer than us-east-1, a copied us-east-1 value is a defect.
DIFFERENT_FROM_US_EAST_1 = [
    (region, price_id)
    for region in ("ap-northeast-1", "ap-northeast-3")
    for price_id in ("lambda.ephemeral_storage", "lambda.provisioned_concurrency.x86_64",
                     "lambda.provisioned_concurrency.arm64", "lambda.provisioned_duration.x86_64",
                     "lambda.provisioned_duration.arm64", "dynamodb.reserved_1y.rcu_upfront",
                     "dynamodb.reserved_1y.wcu_upfront", "s3.storage.standard_ia", "s3.storage.glacier_deep_archive")
]


@pytest.mark.parametrize(("region", "price_id"), DIFFERENT_FROM_US_EAST_1, ids=lambda v: str(v))
def test_no_region_copies_a_us_east_1_value_the_audit_found_different(region, price_id):
    assert first_tier_usd(region, price_id) != first_tier_usd("us-east-1", price_id)


@pytest.mark.parametrize("region", REGIONS)
def test_intelligent_tiering_requests_cost_what_standard_requests_cost_in_the_same_region(region):
    """AWS bills S3 Intelligent-Tiering PUT/GET at the region's S3 Standard request rates."""
    for kind in ("put", "get"):
        assert first_tier_usd(region, f"s3.requests.{kind}.intelligent_tiering") == \
            first_tier_usd(region, f"s3.requests.{kind}.standard")


@pytest.mark.parametrize("region", REGIONS)
def test_dynamodb_free_capacity_is_the_price_lists_monthly_band(region):
    """The Price List bills the always-free 25 RCU/WCU as a $0 band of 18,600 unit-hours (25 x 744 h)."""
    for price_id in ("dynamodb.provisioned.rcu_hours", "dynamodb.provisioned.wcu_hours"):
        assert load_catalog(region).prices[price_id].free_tier.amount == Decimal(18600)


def test_cli_lists_every_assumed_price_and_the_readme_states_the_count():
    out = subprocess.run([sys.executable, "cli.py", "prices", "--assumed"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    assumed = assumed_prices()
    for price in assumed:
        assert re.search(rf"^{re.escape(price.region)}\s+{re.escape(price.id)}\s", out, re.M), price.id
    assert out.strip().splitlines()[-1].startswith(f"{len(assumed)} assumed prices")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"\*\*(\d+) of (\d+)\*\* prices are `assumed`", readme)
    assert stated, "README must state the count of assumed prices"
    assert int(stated.group(1)) == len(assumed)
    assert int(stated.group(2)) == len(every_price())


def test_catalog_files_are_all_checked():
    assert {p.stem for p in CATALOG_DIR.glob("*.yaml")} == set(REGIONS) | {"global"}


def test_the_readme_states_how_many_assumed_tokyo_prices_a_refresh_can_reach():
    """README › Current prices without credentials: "of the N Tokyo price ids with an `assumed` tier, M have a
    Price List mapping" — counted here from the catalog and pricing/price_list_map.yaml."""
    from aws.price_list import usage_map

    mapped = {pid for by_usage in usage_map().values() for ids in by_usage.values() for pid in ids}
    catalog = load_catalog("ap-northeast-1")
    assumed = {p.id for p in catalog.prices.values()
               if any(p.tier_confidence(i) == "assumed" for i in range(len(p.tiers)))}
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r"of the (\d+) Tokyo price ids with an `assumed` tier, (\d+) have a Price List mapping", readme)
    assert stated, "README must state how many assumed Tokyo prices a refresh can reach"
    assert (int(stated.group(1)), int(stated.group(2))) == (len(assumed), len(assumed & mapped))


@pytest.mark.parametrize("region", REGIONS)
def test_a_catalogs_price_dates_are_the_oldest_and_newest_as_of_of_its_prices_and_tiers(region):
    catalog = load_catalog(region)
    dates = [p.tier_source(i)[1] for p in catalog.prices.values() for i in range(len(p.tiers))]
    assert catalog.price_dates() == (min(dates), max(dates))
    assert catalog.price_dates()[1] <= catalog.compiled  # type: ignore[index]
