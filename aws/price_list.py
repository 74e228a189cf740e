"""Live prices: refresh a region's catalog from the AWS Price List into a local cache.

    result = refresh_catalog("ap-northeast-1")           # GetProducts for Lambda, API Gateway, ... (credentials)
    result = refresh_catalog("ap-northeast-1", via=OFFERS)  # the public bulk offer files (no credentials)
    load_catalog("ap-northeast-1", catalog_dir())         # the refreshed catalog, same format as the bundled one
    result.changes                                        # what differs from the bundled catalog

The cached file (`<cache>/catalog/<region>.yaml`, cache = $SERVERLESS_PLANNER_CACHE or
~/.cache/serverless-planner) is the bundled catalog with every price the Price List has for the
region replaced (confidence `price_list`, as_of = the refresh date); prices it does not map (see
`price_list_map.yaml`) keep their bundled values and sources. The repository is never written.

A Region with no bundled catalog (`refresh_catalog("eu-west-1")`) gets a complete catalog of its own:
every price id of the template catalog (us-east-1's ids, units and free allowances), each with the
Region's Price List price, or `tiers: null` and a note where the map finds no product for it — never a
zero and never another Region's price. The Region's usage-type prefix ("EU-" for eu-west-1) and its
location name ("EU (Ireland)") are read from the answers, not from a table.

Two ways in, one parser: the Query API (`via=QUERY_API`, boto3 with the standard credential chain) or the
bulk offer files anyone can download (`via=OFFERS`, `aws.offer_files`); both give the same product and term
objects, so the catalog written is the same apart from the notes saying which was read.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from aws import offer_files
from aws.calls import Call
from aws.errors import NOT_AVAILABLE, THROTTLED, UNREACHABLE
from aws.errors import gap as gap_record
from models.costs.prices import Catalog
from models.design.schema import COMMERCIAL_REGION
from models.messages import Message, joined, msg
from pricing import price_list_map
from pricing.catalog import CATALOG_DIR, available_regions, load_catalog

CALLS = (Call("pricing", "GetProducts", "current prices for `cli.py prices refresh`"),)
PRICING_REGIONS = ("us-east-1", "ap-south-1", "eu-central-1")  # the Price List API's only endpoints
MAP_FILE = price_list_map.MAP_FILE  # pricing data: Price List usage type to price id
CACHE_ENV = "SERVERLESS_PLANNER_CACHE"
OFFER_URL = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{code}/current/{region}/index.json"
TEMPLATE_REGION = "us-east-1"  # a new Region's catalog has this bundled catalog's price ids, units and free tiers


class RefreshError(RuntimeError):
    """Nothing could be refreshed (the reason names the failed call)."""


QUERY_API, OFFERS = "api", "offers"   # where a refresh reads prices: `refresh_catalog(via=...)`
VIAS = (QUERY_API, OFFERS)


@dataclass(frozen=True)
class PriceSource:
    """How one refresh reads a service's products, and how its notes name what was read."""

    via: str
    fetch: Callable[[str, str], list]      # (service code, region) → GetProducts-shaped items (or JSON text)
    call: str                              # the call a note and an error name ("GetProducts", "offer file")
    catalog_source: str                    # the catalog header's `source`, without its closing parenthesis
    url: Callable[[str, str], str]         # a price's `source`: the offer file address of its service

    def read_from(self, code: str, region: str) -> str:
        """What a refreshed price's note says was read."""
        if self.via == OFFERS:
            return f"the AWS Price List bulk offer file {self.url(code, region)} (no credentials)"
        return f"the AWS Price List Query API (GetProducts, ServiceCode={code}, regionCode={region})"

    def failure(self, err: Exception, code: str, region: str) -> tuple[dict[str, Any], bool]:
        """The record of a failed service, and whether the refresh must stop (no other call can succeed)."""
        if isinstance(err, offer_files.OfferFileError):
            return ({"service": "pricing", "region": region, "operation": self.call, "item": code, "code": err.code,
                     "kind": UNREACHABLE if err.unreachable else NOT_AVAILABLE,
                     "message": err.args[0] if err.args else str(err)},  # a Message where it has one
                    err.unreachable)
        record = gap_record("pricing", region, self.call, err, item=code)
        if self.via == OFFERS:
            return record, False   # a broken file of one service says nothing about the others
        return record, record["kind"] != THROTTLED


def query_api_source(client: Any) -> PriceSource:
    """GetProducts through `client` (credentials needed; any Price List endpoint)."""
    return PriceSource(QUERY_API, lambda code, region: fetch_products(client, code, region), "GetProducts",
                       "AWS Price List Query API (GetProducts",
                       lambda code, region: OFFER_URL.format(code=code, region=region))


def offers_source(base: str | None = None) -> PriceSource:
    """The bulk offer files at `base` (default $SERVERLESS_PLANNER_OFFERS_URL, else AWS's host): no credentials."""
    host = base or offer_files.offers_base()
    return PriceSource(OFFERS, lambda code, region: offer_files.fetch_offer_items(code, region, host), "offer file",
                       "AWS Price List bulk offer files (no credentials",
                       lambda code, region: offer_files.offer_url(code, region, host))


def failed_read(error: dict[str, Any]) -> Message:
    """One failed read as a refresh's reason says it: "offer file AWSLambda: Unreachable could not reach …" (the
    call and a network failure's code in words a shell can translate; an HTTP status and AWS's codes as they are).
    """
    operation = error["operation"]
    code = error["code"]
    return msg("refresh.failed_read", "{operation} {item}: {code} {message}", item=error.get("item", ""),
               operation=msg("refresh.call.offer_file", "offer file") if operation == "offer file" else operation,
               code={"Unreachable": msg("refresh.code.unreachable", "Unreachable"),
                     "Timeout": msg("refresh.code.timeout", "Timeout")}.get(code, code),
               message=error["message"])


@dataclass(frozen=True)
class ListedPrice:
    """One product's on-demand price from the Price List, matched to a catalog price id."""

    price_id: str
    service_code: str
    usagetype: str
    sku: str
    unit: str
    bands: tuple[tuple[Decimal, Decimal | None, Decimal], ...]  # (begin, end or None = Inf, USD per unit)
    effective: str
    scaled: str = ""  # how a Price List unit became the catalog's (price_list_map.yaml `scale`), for the note


@dataclass(frozen=True)
class PriceChange:
    """A price whose refreshed tiers differ from the bundled ones."""

    price_id: str
    dimension: str
    bundled: str
    refreshed: str
    change_pct: float | None   # first tier, relative to the bundled price
    bundled_as_of: str


@dataclass
class RefreshResult:
    """What a refresh did: the file written, ids refreshed and kept, failed calls, changes vs bundled."""

    region: str
    path: Path | None = None
    refreshed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    changes: list[PriceChange] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)   # ids written `tiers: null` (a Region without a bundled catalog)
    prefix: str | None = None                          # the usage-type prefix read from the answers ("EU")
    location: str | None = None                        # the Price List's location name ("EU (Ireland)")
    refused: dict[str, str] = field(default_factory=dict)  # id → why its product was not used (another unit)


def cache_dir() -> Path:
    """The cache root: $SERVERLESS_PLANNER_CACHE, else $XDG_CACHE_HOME or ~/.cache, + serverless-planner."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "serverless-planner"


def catalog_dir() -> Path:
    """Where refreshed catalog files live (pass it to `load_catalog(region, catalog_dir())`)."""
    return cache_dir() / "catalog"


def cached_catalog_path(region: str) -> Path | None:
    """The refreshed catalog of `region`, if there is one."""
    path = catalog_dir() / f"{region}.yaml"
    return path if path.is_file() else None


def cached_catalog_info(region: str) -> dict[str, Any] | None:
    """The header of the refreshed catalog (refreshed_at, services, counts), or None."""
    path = cached_catalog_path(region)
    if path is None:
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {k: data.get(k) for k in ("region", "compiled", "refreshed_at", "source", "pricing_endpoint",
                                     "bundled_compiled", "services")} | {"path": str(path)}


def usage_map() -> dict[str, dict[str, tuple[str, ...]]]:
    """Service code → {usagetype without region prefix (maybe "@operation") → price ids}."""
    return price_list_map.services()


def pricing_client(profile: str | None = None, pricing_region: str = "us-east-1") -> Any:
    """A Price List client from the standard configuration (adaptive retries, timeouts)."""
    from aws.session import PullSettings, make_session

    if pricing_region not in PRICING_REGIONS:
        raise RefreshError(msg("refresh.pricing_region", "the Price List API answers only in {regions}, not {region}",
                               regions=", ".join(PRICING_REGIONS), region=pricing_region))
    return make_session(profile).client("pricing", region_name=pricing_region,
                                        config=PullSettings().botocore_config())


def fetch_products(client: Any, service_code: str, region: str) -> list[str]:
    """Every product of `service_code` in `region` as the Price List's JSON strings (all pages)."""
    pages = client.get_paginator("get_products").paginate(
        ServiceCode=service_code, FormatVersion="aws_v1",
        Filters=[{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region}])
    return [item for page in pages for item in page.get("PriceList") or []]


#: KMS writes the whole Region code as its prefix ("eu-west-1-KMS-Keys", "us-east-1-KMS-Requests")
_REGION_CODE_HEAD = re.compile(r"^[a-z]{2}(?:-[a-z]+)+-\d+-(?=.)")


def strip_region_prefix(usagetype: str, prefix: str | None = None) -> str:
    """The usage type without its region prefix: a Region code head (KMS), else `prefix` when it is known
    (read from the answers by `usage_prefix`), else any upper-case head of 2–5 letters and digits but IA.

    >>> (strip_region_prefix("APN1-Lambda-GB-Second"), strip_region_prefix("Request"),
    ...  strip_region_prefix("USE1-ApiGatewayRequest"), strip_region_prefix("EU-IA-ReadRequestUnits", "EU"),
    ...  strip_region_prefix("eu-west-1-KMS-Keys", "EU"))
    ('Lambda-GB-Second', 'Request', 'ApiGatewayRequest', 'IA-ReadRequestUnits', 'KMS-Keys')
    """
    if _REGION_CODE_HEAD.match(usagetype):
        return _REGION_CODE_HEAD.sub("", usagetype, count=1)
    if prefix is not None:
        return usagetype.removeprefix(prefix + "-")
    head, sep, rest = usagetype.partition("-")
    if _prefix_like(head) and sep and rest and head not in ("IA",):
        return rest
    return usagetype


def _prefix_like(head: str) -> bool:
    return head.isupper() and head.isalnum() and 2 <= len(head) <= 5


def usage_prefix(items: Sequence[dict]) -> str | None:
    """The Region's usage-type prefix, read from its products: the upper-case head most usage types
    share ("EU" in eu-west-1, "APN1" in Tokyo; None when no head is shared by most of them).

    >>> usage_prefix([{"product": {"attributes": {"usagetype": u}}} for u in
    ...               ("EU-Request", "EU-Lambda-GB-Second", "EU-IA-ReadRequestUnits", "Global-Request")])
    'EU'
    """
    heads = Counter(head for head in (_usagetype(i).partition("-")[0] for i in items) if _prefix_like(head))
    if not heads:
        return None
    head, count = heads.most_common(1)[0]
    return head if count * 2 > len(items) else None


def _usagetype(item: dict) -> str:
    return str(((item.get("product") or {}).get("attributes") or {}).get("usagetype", ""))


def _location(items: Sequence[dict]) -> str | None:
    """The location name the Region's products carry ("EU (Ireland)"), the most common one."""
    names = Counter(((i.get("product") or {}).get("attributes") or {}).get("location") for i in items)
    names.pop(None, None)
    return names.most_common(1)[0][0] if names else None


def decoded(items: Sequence[str | dict]) -> list[dict]:
    """The PriceList items as mappings (boto3 leaves them as JSON text)."""
    return [json.loads(raw) if isinstance(raw, str) else raw for raw in items]


def parse_products(items: Sequence[str | dict], service_code: str, prefix: str | None = None,
                   refused: dict[str, str] | None = None) -> tuple[dict[str, ListedPrice], list[str]]:
    """Matched prices by id, and the usage types seen but not mapped. Per id, a product matched by usage type
    and operation beats one matched by usage type alone; between equal matches the first wins unless a later
    one is dearer (one id priced by two usage types, e.g. Kinesis long-term retention of either mode: the
    reading AWS cannot undercharge). A product in a unit the map does not expect goes to `refused`."""
    found: dict[str, tuple[int, ListedPrice]] = {}
    unmatched: list[str] = []
    for item in decoded(items):
        usagetype = _usagetype(item)
        operation = str(((item.get("product") or {}).get("attributes") or {}).get("operation") or "")
        price_ids, rank = price_list_map.ids_for(service_code, strip_region_prefix(usagetype, prefix), operation)
        if not price_ids:
            unmatched.append(usagetype)
            continue
        for price_id in price_ids:
            listed = _in_catalog_units(_listed(item, price_id, service_code, usagetype), refused)
            if listed is not None and _better(rank, listed, found.get(price_id)):
                found[price_id] = (rank, listed)
    return {pid: listed for pid, (_, listed) in found.items()}, sorted(set(unmatched))


def _better(rank: int, listed: ListedPrice, held: tuple[int, ListedPrice] | None) -> bool:
    """Does `listed` (matched at `rank`) replace the product held for its id?"""
    if held is None or rank < held[0]:
        return True
    return rank == held[0] and listed.bands[0][2] > held[1].bands[0][2]


def _in_catalog_units(listed: ListedPrice | None, refused: dict[str, str] | None) -> ListedPrice | None:
    """The listed price in the catalog's unit (`scale` in price_list_map.yaml), or None when its unit is not
    the one the map converts from (recorded in `refused`: a wrong unit is no price, not a wrong price)."""
    conversion = price_list_map.scale(listed.price_id) if listed is not None else None
    if listed is None or conversion is None:
        return listed
    if not price_list_map.same_unit(listed.unit, conversion.price_list_unit):
        if refused is not None:
            refused[listed.price_id] = (f"its {listed.service_code} product {listed.usagetype} is priced per "
                                        f"{listed.unit!r}, not per {conversion.price_list_unit!r} as "
                                        f"price_list_map.yaml converts from")
        return None
    factor = conversion.factor
    bands = tuple((begin / factor, None if end is None else end / factor, usd * factor)
                  for begin, end, usd in listed.bands)
    return replace(listed, bands=bands,
                   scaled=f" Converted: {factor:,} {listed.unit} = 1 catalog unit (prices × {factor:,}, "
                          f"band bounds ÷ {factor:,}).")


def _listed(item: dict, price_id: str, service_code: str, usagetype: str) -> ListedPrice | None:
    """The on-demand price bands of one product (None when it has no on-demand USD price)."""
    for term in ((item.get("terms") or {}).get("OnDemand") or {}).values():
        bands = []
        unit = ""
        for dim in (term.get("priceDimensions") or {}).values():
            usd = (dim.get("pricePerUnit") or {}).get("USD")
            if usd is None:
                continue
            end = dim.get("endRange", "Inf")
            bands.append((Decimal(dim.get("beginRange", "0")), None if end == "Inf" else Decimal(end), Decimal(usd)))
            unit = dim.get("unit", unit)
        if bands:
            return ListedPrice(price_id, service_code, usagetype, item["product"].get("sku", ""), unit,
                               tuple(sorted(bands, key=lambda b: b[0])), str(term.get("effectiveDate", ""))[:10])
    return None


def refreshed_entry(bundled: dict[str, Any], listed: ListedPrice, region: str, today: date,
                    source: PriceSource | None = None) -> dict[str, Any]:
    """The bundled catalog entry with the listed price, source and date (units and free tier kept); the note
    names what was read (`source`, default the Query API)."""
    source = source or query_api_source(None)
    per = Decimal(str(bundled.get("per", 1)))
    bands = list(listed.bands)
    dropped = ""
    # a leading $0 band is the free allowance, which the catalog keeps in `free_tier`
    while bundled.get("free_tier") and len(bands) > 1 and bands[0][2] == 0:
        dropped += f" The Price List's free band 0–{bands[0][1]:,} {listed.unit} is the catalog's free_tier."
        bands.pop(0)
    tiers = [{"up_to": None if i == len(bands) - 1 or end is None else _number(end), "usd": _usd(usd * per)}
             for i, (_, end, usd) in enumerate(bands)]
    fresh = {
        "tiers": tiers, "source": source.url(listed.service_code, region), "as_of": today,
        "confidence": "price_list",
        "note": (f"Refreshed {today.isoformat()} from {source.read_from(listed.service_code, region)}: "
                 f"usagetype {listed.usagetype}, "
                 f"SKU {listed.sku}, unit {listed.unit}, effective {listed.effective}.{listed.scaled}{dropped}"),
    }
    entry = {key: fresh.get(key, value) for key, value in bundled.items()}  # the bundled key order
    entry.update(fresh)
    return entry


def _usd(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if "." in text else text + ".0"


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def refresh_catalog(region: str, *, client: Any = None, profile: str | None = None, pricing_region: str = "us-east-1",
                    service_codes: list[str] | None = None, today: date | None = None, via: str = QUERY_API,
                    offers_base: str | None = None) -> RefreshResult:
    """Fetch the region's prices, write the cached catalog, and compare it with the bundled one (a
    Region without a bundled catalog gets a complete one of its own: see the module's docstring).
    `via=OFFERS` reads the public offer files (at `offers_base`, default AWS's host) instead of GetProducts."""
    if via not in VIAS:
        raise RefreshError(msg("refresh.via", "prices come from {vias}, not {via!r}", vias=" or ".join(VIAS), via=via))
    bundled_region = region in available_regions()
    if not bundled_region and not COMMERCIAL_REGION.match(region):
        raise RefreshError(msg("refresh.not_a_region", "{region!r} is not an AWS commercial Region code (such as "
                               "eu-west-1); bundled catalogs: {regions}", region=region,
                               regions=", ".join(available_regions())))
    today = today or datetime.now(UTC).date()
    source = (offers_source(offers_base) if via == OFFERS else
              query_api_source(client or pricing_client(profile, pricing_region)))
    result = RefreshResult(region=region)
    listed, services = _fetch_all(source, region, service_codes or list(usage_map()), result)
    if not listed:
        reason = joined([failed_read(e) for e in result.errors], "; ") if result.errors else None
        kept = (msg("refresh.bundled_stays", "the bundled catalog stays in use") if bundled_region else
                msg("refresh.no_catalog_written", "no catalog was written"))
        raise RefreshError(msg("refresh.nothing_for", "no price could be refreshed for {region} ({reason}); {kept}",
                               region=region, reason=reason or msg("refresh.no_products", "no matching products"),
                               kept=kept))
    where = ({"offers_host": offers_base or offer_files.offers_base()} if via == OFFERS else
             {"pricing_endpoint": pricing_region})
    header = where | {"services": services, "location": result.location, "usage_type_prefix": result.prefix}
    if bundled_region:
        result.path = _write(region, listed, header, today, result, source)
        refreshed = load_catalog.__wrapped__(region, catalog_dir())  # bypass the cache: the file just changed
        result.changes = catalog_changes(load_catalog(region), refreshed)
    else:
        result.path = _write_new(region, listed, header, today, result, source)
        load_catalog.__wrapped__(region, catalog_dir())  # the file reads back (CatalogError otherwise)
    return result


def _fetch_all(source: PriceSource, region: str, codes: list[str], result: RefreshResult) -> tuple[dict, dict]:
    """Listed prices of every service; stops at the first failure that says the others fail too (GetProducts:
    any but throttling; offer files: no network). The Region's usage-type prefix and location name are read
    from all the answers together."""
    fetched: dict[str, list[dict]] = {}
    services: dict[str, dict[str, Any]] = {}
    for code in codes:
        try:
            fetched[code] = decoded(source.fetch(code, region))
        except Exception as err:  # a failed service keeps its bundled prices; the reason is reported
            record, stop = source.failure(err, code, region)
            result.errors.append(record)
            services[code] = {"error": f"{record['code']}: {record['message']}"}
            if stop:
                break
    every = [item for items in fetched.values() for item in items]
    result.prefix, result.location = usage_prefix(every), _location(every)
    listed: dict[str, ListedPrice] = {}
    for code, items in fetched.items():
        # a service may carry its own prefix in a Region (Firehose bills eu-west-1 as EUW1-, the others as EU-)
        found, unmatched = parse_products(items, code, usage_prefix(items) or result.prefix, result.refused)
        listed.update(found)
        result.unmatched += [f"{code}:{u}" for u in unmatched]
        services[code] = {"refreshed": len(found), "unmatched_usage_types": len(unmatched)}
    return listed, services


def _write(region: str, listed: dict[str, ListedPrice], header: dict, today: date, result: RefreshResult,
           source: PriceSource) -> Path:
    """Write `<cache>/catalog/<region>.yaml` over a bundled catalog (and the bundled global.yaml beside it)."""
    bundled = yaml.safe_load((CATALOG_DIR / f"{region}.yaml").read_text(encoding="utf-8"))
    prices = []
    for entry in bundled["prices"]:
        if entry["id"] in listed:
            prices.append(refreshed_entry(entry, listed[entry["id"]], region, today, source))
            result.refreshed.append(entry["id"])
        else:
            prices.append(entry)
            result.kept.append(entry["id"])
    data = {"region": region, "compiled": today,
            "source": f"{source.catalog_source}) over the bundled catalog",
            "refreshed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "bundled_compiled": bundled.get("compiled")} | header | {"prices": prices}
    return _dump(region, data, "refreshed from the AWS Price List")


def _write_new(region: str, listed: dict[str, ListedPrice], header: dict, today: date, result: RefreshResult,
               source: PriceSource) -> Path:
    """Write the complete catalog of a Region with no bundled one: the template's ids, each priced from
    the Price List or `tiers: null` with a note (no zero, no copied price)."""
    template = yaml.safe_load((CATALOG_DIR / f"{TEMPLATE_REGION}.yaml").read_text(encoding="utf-8"))
    prices = []
    for entry in template["prices"]:
        if entry["id"] in listed:
            prices.append(refreshed_entry(entry, listed[entry["id"]], region, today, source))
            result.refreshed.append(entry["id"])
        else:
            prices.append(unpriced_entry(entry, region, today, header["services"], result.refused, source))
            result.missing.append(entry["id"])
    data = {"region": region, "compiled": today,
            "source": f"{source.catalog_source}, regionCode={region}); price ids, units and free "
                      f"tiers from the bundled {TEMPLATE_REGION} catalog; no bundled catalog for this Region",
            "refreshed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "template_region": TEMPLATE_REGION} | header | {"prices": prices}
    return _dump(region, data, "built from the AWS Price List (no bundled catalog)")


def unpriced_entry(template: dict[str, Any], region: str, today: date, services: dict,
                   refused: dict[str, str] | None = None, source: PriceSource | None = None) -> dict[str, Any]:
    """A price the Price List answers did not give: `tiers: null`, and why (estimates say "no price")."""
    source = source or query_api_source(None)
    code = price_list_map.service_of(template["id"])
    why = _why_unpriced(template["id"], code, services, refused or {}, source.call)
    entry = {key: value for key, value in template.items() if key not in ("tiers", "note", "free_tier")}
    entry.update({"tiers": None, "source": source.url(code or "<none>", region), "as_of": today,
                  "confidence": "price_list",
                  "note": f"No price: {why} (refresh {today.isoformat()}, regionCode={region}). Left null, not zero "
                          f"and not another Region's price; an estimate that needs it says it has no price."})
    return entry


def _why_unpriced(price_id: str, code: str | None, services: dict, refused: dict[str, str],
                  call: str = "GetProducts") -> str:
    if code is None:
        reason = price_list_map.unmapped().get(price_id)
        return (f"price_list_map.yaml leaves this price id unmapped, {reason}" if reason else
                "price_list_map.yaml maps no Price List usage type to this price id")
    if "error" in services.get(code, {}):
        return f"{call} for {code} failed ({services[code]['error']})"
    if price_id in refused:
        return refused[price_id]
    types = ", ".join(key.replace(price_list_map.QUALIFIER, " with operation ")
                      for key in price_list_map.keys_of(code, price_id))
    return f"no {code} product with usage type {types} (after the Region's prefix) in the answers"


def _dump(region: str, data: dict, what: str) -> Path:
    target = catalog_dir()
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{region}.yaml"
    header = (f"# Serverless Planner price catalog for {region}, {what}.\n"
              "# Written by `cli.py prices refresh` or the Prices page; format: pricing/README.md. Safe to delete.\n")
    text = yaml.dump(data, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=120)
    _replace(path, header + text)  # a reader (another app session) sees the old file or the new, never half
    _replace(target / "global.yaml", (CATALOG_DIR / "global.yaml").read_text(encoding="utf-8"))  # not refreshed
    load_catalog.cache_clear()  # a catalog read before this refresh is stale now
    return path


def _replace(path: Path, text: str) -> None:
    """Write `text` to `path` whole: into a temporary file beside it, then renamed over it (atomic on POSIX)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


class _NoAliasDumper(yaml.SafeDumper):
    """A safe dumper that writes repeated values (the refresh date) out instead of as &anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def catalog_changes(bundled: Catalog, refreshed: Catalog) -> list[PriceChange]:
    """Prices whose tiers (bounds or USD per unit) differ between two catalogs of one region."""
    changes = []
    for price_id, new in sorted(refreshed.prices.items()):
        old = bundled.prices.get(price_id)
        if old is None or _bands(old) == _bands(new):  # the prices, not where each tier's price was read
            continue
        before, after = old.first_unit_price, new.first_unit_price
        pct = float((after - before) / before * 100) if before else None
        changes.append(PriceChange(price_id, new.dimension, _display(old), _display(new),
                                   None if pct is None else round(pct, 2), old.as_of.isoformat()))
    return changes


def _bands(price: Any) -> list[tuple[Any, Any]]:
    """A price's tiers as (up to, USD per unit): what a refresh compares."""
    return [(tier.up_to, tier.usd_per_unit) for tier in price.tiers]


def _display(price: Any) -> str:
    return "; ".join(price.display_price(i) for i in range(len(price.tiers)))
