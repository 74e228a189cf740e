"""Share links: the whole design inside the URL, so a link reopens the same design.

A design mapping → compact JSON → zlib → URL-safe base64 (no padding), prefixed with a format
version ("1."). Decoding never trusts the link: sizes are bounded before and after decompression,
and a broken link raises `DesignError` with a message for people, never a traceback.

>>> token = encode_design({"name": "Tiny", "components": [{"id": "fn", "type": "lambda"}]})
>>> token.startswith("1.") and decode_design(token)["name"]
'Tiny'
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from urllib.parse import urlencode

from models.design.schema import DesignError
from models.design.text import load_design_data
from models.messages import msg

#: the query parameter that carries the design
SHARE_PARAM = "d"
VERSION = "1."
MAX_TOKEN_CHARS = 60_000  # browsers and proxies handle URLs of this length; a design is ~1 KB encoded
#: the most a link may inflate to: a 50-component design is ~20 KB of JSON; the cap is checked while
#: inflating, so a small link cannot expand without limit (a zlib bomb) nor cost seconds to parse
MAX_LINK_DESIGN_CHARS = 200_000


def encode_design(data: dict) -> str:
    """A design mapping as a short URL-safe token."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    packed = zlib.compress(text.encode("utf-8"), level=9)
    return VERSION + base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")


def decode_design(token: str) -> dict:
    """The design mapping inside a token (`DesignError` naming what is wrong with the link)."""
    token = (token or "").strip()
    if not token:
        raise DesignError([msg("share.empty", "share link: it carries no design (the 'd' value is empty)")])
    if len(token) > MAX_TOKEN_CHARS:
        raise DesignError([msg("share.too_long", "share link: {n:,} characters is too long (limit {limit:,})",
                               n=len(token), limit=MAX_TOKEN_CHARS)])
    if not token.startswith(VERSION):
        raise DesignError([msg("share.unknown_format",
                               "share link: not a design link from this app (unknown format); ask for a new link")])
    body = token[len(VERSION):]
    try:
        packed = base64.b64decode(body + "=" * (-len(body) % 4), altchars=b"-_", validate=True)
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, MAX_LINK_DESIGN_CHARS)  # bounded while inflating
        if inflater.unconsumed_tail:
            raise DesignError([msg("share.too_large", "share link: the design inside is too large (over {limit:,} "
                                   "characters); share it as a file instead", limit=MAX_LINK_DESIGN_CHARS)])
        if not inflater.eof:
            raise ValueError("truncated")
        text = raw.decode("utf-8")
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError) as err:
        if isinstance(err, DesignError):
            raise
        raise DesignError([msg("share.damaged",
                                "share link: it is damaged or incomplete (was it cut off when copied?)")]) from None
    if not text.lstrip().startswith(("{", "[")):
        raise DesignError([msg("share.no_json", "share link: not a design link from this app (it holds no JSON "
                                "design); ask for a new link")])
    return load_design_data(text)


def share_query(token: str, extra: dict[str, str] | None = None) -> str:
    """The query string of a share link: the design, then any settings (language, currency)."""
    params = {SHARE_PARAM: token}
    params.update({k: v for k, v in (extra or {}).items() if v not in (None, "")})
    return urlencode(params)


def share_url(base_url: str | None, token: str, extra: dict[str, str] | None = None,
              page_paths: tuple[str, ...] = ()) -> str:
    """The link to copy: the app's address (without any old query, and without the current page's
    path when it is one of `page_paths`, so the link opens the app's first page) plus the share query.

    >>> share_url("http://host:8501/app/compare?d=old", "1.x", page_paths=("compare", "limits"))
    'http://host:8501/app/?d=1.x'
    """
    return f"{app_address(base_url, page_paths)}?{share_query(token, extra)}"


def app_address(base_url: str | None, page_paths: tuple[str, ...] = ()) -> str:
    """The app's first page: `base_url` without its query, fragment, and page path (one of `page_paths`).

    >>> app_address("http://host:8501/app/limits?d=1.x#top", ("limits",))
    'http://host:8501/app/'
    """
    base = (base_url or "").split("?", 1)[0].split("#", 1)[0]
    head, _, last = base.rstrip("/").rpartition("/")
    if last in page_paths and "://" in head + "/":
        base = head + "/"
    return base
