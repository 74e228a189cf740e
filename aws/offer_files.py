"""The AWS Price List's public bulk offer files: a Region's prices without credentials.

    items = fetch_offer_items("AWSLambda", "ap-northeast-1")
    # GET https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSLambda/current/ap-northeast-1/index.json

AWS publishes every service's prices per Region as a JSON file anyone can download ("Getting price list
files manually", https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/using-the-aws-price-list-bulk-api-fetching-price-list-files-manually.html,
read 2026-12-05). Its layout ("Reading the price list files",
https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/bulk-api-reading-price-list-files.html) is
`{"products": {sku: {sku, productFamily, attributes}}, "terms": {"OnDemand": {sku: {term code: term}},
"Reserved": …}}`: the same product and term objects the Query API's GetProducts returns one item at a time.
`offer_items` re-shapes a file into those items, so one parser (`aws.price_list.parse_products`) reads both.

No credentials, no AWS SDK: a plain HTTPS GET with a timeout and a size cap. A mirror (or a test server)
can stand in for AWS's host through $SERVERLESS_PLANNER_OFFERS_URL.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

from models.messages import msg

OFFERS_ENV = "SERVERLESS_PLANNER_OFFERS_URL"
OFFERS_HOST = "https://pricing.us-east-1.amazonaws.com"
OFFER_PATH = "/offers/v1.0/aws/{code}/current/{region}/index.json"
TIMEOUT_S = 60.0                 # per file: no answer in this time is "unreachable"
MAX_OFFER_BYTES = 200_000_000    # a guard against a runaway answer, not a size any file is known to have
_CHUNK = 1 << 20


class OfferFileError(Exception):
    """One offer file could not be read. `code` is short ("HTTP 404", "Timeout"); `unreachable` is True when
    no file can be expected either (no network, DNS, timeout), so a refresh stops instead of trying the rest.
    A network failure's message is a Message (a shell says it in its language; the address and the error stay)."""

    def __init__(self, code: str, message: str, *, unreachable: bool = False):
        super().__init__(message)
        self.code, self.unreachable = code, unreachable


def offers_base() -> str:
    """The host serving offer files: $SERVERLESS_PLANNER_OFFERS_URL (a mirror, a test server), else AWS's."""
    return (os.environ.get(OFFERS_ENV) or OFFERS_HOST).rstrip("/")


def offer_url(code: str, region: str, base: str | None = None) -> str:
    """The address of one service's offer file for one Region.

    >>> offer_url("AWSLambda", "eu-west-1", "https://pricing.us-east-1.amazonaws.com")
    'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AWSLambda/current/eu-west-1/index.json'
    """
    return (base or offers_base()) + OFFER_PATH.format(code=code, region=region)


def download(url: str, *, timeout: float = TIMEOUT_S, max_bytes: int = MAX_OFFER_BYTES) -> bytes:
    """The body at `url` (read in chunks, refused past `max_bytes`); OfferFileError names what went wrong."""
    if not url.startswith(("https://", "http://")):
        raise OfferFileError("BadURL", f"{url!r} is not an http(s) address")
    headers = {"Accept": "application/json", "User-Agent": "serverless-planner"}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (scheme checked above)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (scheme checked above)
            body = bytearray()
            while chunk := answer.read(_CHUNK):
                body += chunk
                if len(body) > max_bytes:
                    raise OfferFileError("TooLarge", f"{url} is larger than {max_bytes:,} bytes: not an offer file")
            return bytes(body)
    except urllib.error.HTTPError as err:
        missing = {404: "AWS publishes no such file (the service is not offered in this Region, or its code "
                        "changed)", 403: "AWS publishes no such file (the host answers 403 for a missing file)"}
        raise OfferFileError(f"HTTP {err.code}", f"{url}: {missing.get(err.code, err.reason)}") from None
    except TimeoutError:
        raise OfferFileError("Timeout", msg("offers.timeout", "no answer from {url} within {seconds} s", url=url,
                                            seconds=f"{timeout:g}"), unreachable=True) from None
    except urllib.error.URLError as err:
        raise OfferFileError("Unreachable", msg("offers.unreachable", "could not reach {url} ({reason}): is this "
                                                "machine offline or behind a proxy?", url=url, reason=str(err.reason)),
                             unreachable=True) from None
    except (ConnectionError, OSError) as err:
        raise OfferFileError("Unreachable", msg("offers.connection_failed", "the connection to {url} failed ({error})",
                                                url=url, error=str(err)), unreachable=True) from None


def offer_items(offer: Any, code: str) -> list[dict]:
    """Every product of an offer file as a GetProducts item: `{product, serviceCode, terms: {OnDemand}}`.
    Reserved and other terms are left out (the catalog holds on-demand prices only).

    >>> offer = {"products": {"S1": {"sku": "S1", "attributes": {"usagetype": "APN1-Request"}}},
    ...          "terms": {"OnDemand": {"S1": {"S1.T": {"priceDimensions": {}}}}}}
    >>> offer_items(offer, "AWSLambda")[0]["terms"]
    {'OnDemand': {'S1.T': {'priceDimensions': {}}}}
    """
    if not isinstance(offer, dict) or not isinstance(offer.get("products"), dict):
        raise OfferFileError("NotAnOffer", f"the {code} answer has no `products` map: not a Price List offer file")
    on_demand = (offer.get("terms") or {}).get("OnDemand") or {}
    return [{"product": product, "serviceCode": code, "terms": {"OnDemand": on_demand.get(sku) or {}}}
            for sku, product in offer["products"].items() if isinstance(product, dict)]


def fetch_offer_items(code: str, region: str, base: str | None = None, *, timeout: float = TIMEOUT_S) -> list[dict]:
    """The products of one service in one Region, from its offer file, as GetProducts items."""
    url = offer_url(code, region, base)
    try:
        offer = json.loads(download(url, timeout=timeout))
    except (ValueError, UnicodeDecodeError) as err:
        raise OfferFileError("NotJSON", f"{url} is not JSON ({err})") from None
    return offer_items(offer, code)
