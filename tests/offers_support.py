"""A local stand-in for AWS's public Price List host: offer files served over real HTTP on 127.0.0.1.

    with OfferHost() as host:                      # host.base = "http://127.0.0.1:<port>"
        host.missing.add("AmazonKinesis")          # that service's file answers 403, as AWS's host does
        refresh_catalog("ap-northeast-1", via=OFFERS, offers_base=host.base)

A file is `tests/fixtures/aws/offer_<code>_<region>.json` when one is recorded (written in the real
layout), else it is laid out from the recorded GetProducts items of `pricing_get_products_<region>.json`:
the same product and term objects, keyed by SKU as the bulk files key them. A refresh from these files must
therefore give the catalog a GetProducts refresh gives — which the tests check.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from account_support import FIXTURES, fixture

_PATH = re.compile(r"^/offers/v1\.0/aws/(?P<code>[A-Za-z0-9]+)/current/(?P<region>[a-z0-9-]+)/index\.json$")


def offer_file(code: str, region: str) -> dict[str, Any] | None:
    """The offer file of one service in one Region (None when nothing is recorded for it)."""
    recorded = FIXTURES / f"offer_{code}_{region}.json"
    if recorded.exists():
        return fixture(recorded.name)
    pages = fixture(f"pricing_get_products_{region}.json").get(code) if (
        FIXTURES / f"pricing_get_products_{region}.json").exists() else None
    if pages is None:
        return None
    items = [item for page in pages for item in page["PriceList"]]
    terms: dict[str, dict[str, Any]] = {}
    for item in items:
        for kind, by_code in item.get("terms", {}).items():
            terms.setdefault(kind, {})[item["product"]["sku"]] = by_code
    first = items[0] if items else {}
    return {"formatVersion": "v1.0", "disclaimer": "test data", "offerCode": code,
            "version": first.get("version", ""), "publicationDate": first.get("publicationDate", ""),
            "products": {item["product"]["sku"]: item["product"] for item in items}, "terms": terms}


class OfferHost:
    """An HTTP server on 127.0.0.1 (a free port) answering offer-file GETs; `missing` codes answer 403 (AWS's
    host answers a missing file with 403 AccessDenied), `broken` codes answer an HTML page, `requests` lists
    the paths asked for."""

    def __init__(self) -> None:
        self.missing: set[str] = set()
        self.broken: set[str] = set()
        self.requests: list[str] = []
        host = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                host.requests.append(self.path)
                found = _PATH.match(self.path)
                offer = offer_file(found["code"], found["region"]) if found else None
                if found and found["code"] in host.broken:
                    self._answer(200, b"<html><body>Service Unavailable</body></html>", "text/html")
                elif offer is None or (found and found["code"] in host.missing):
                    self._answer(403, b"<?xml version='1.0'?><Error><Code>AccessDenied</Code></Error>", "text/xml")
                else:
                    self._answer(200, json.dumps(offer).encode(), "application/json")

            def _answer(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> OfferHost:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


def closed_port_base() -> str:
    """A base URL on 127.0.0.1 where nothing listens: what a refresh sees on a machine without network."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
