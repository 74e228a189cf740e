"""Short share links: `?s=<id>` opens a design kept on this server, beside the in-URL link (`?d=…`).

The design is stored in the saved-designs store (a hidden `.links` folder inside the designs
folder, so it never shows among the saved designs), under an id made from the design itself:
the first 10 characters of the base32 SHA-256 of its canonical JSON. The same design always gets
the same id, and a stored link is never overwritten or deleted by the app (if two designs ever
shared the 10 characters, the second gets a longer id). A link opens only on a server that holds
the store — the in-URL link keeps working everywhere.

>>> link_id({"name": "Tiny", "components": [{"id": "fn", "type": "lambda"}]})
'4ojqm2clyl'
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from models.design.schema import DesignError
from models.messages import msg
from storage.designs import DesignExists, DesignNotFound, DesignStore, StorageError, designs_folder
from storage.share import app_address

#: the query parameter that carries a short link's id
LINK_PARAM = "s"
LINKS_FOLDER = ".links"
ID_LENGTHS = (10, 16, 26, 52)  # 52 base32 characters = the whole SHA-256
_ID = re.compile(r"[a-z2-7]{10,52}")


def canonical_json(data: dict[str, Any]) -> str:
    """The design as JSON with sorted keys and no spaces (what the id is made from)."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_id(data: dict[str, Any], length: int = ID_LENGTHS[0]) -> str:
    """The design's link id: `length` lower-case base32 characters of the SHA-256 of its canonical JSON."""
    digest = hashlib.sha256(canonical_json(data).encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower().rstrip("=")[:length]


class ShortLinks:
    """The short links stored on this server (`folder`, default: `.links` in the designs folder)."""

    def __init__(self, folder: Path | str | None = None):
        self.store = DesignStore(Path(folder) if folder is not None else designs_folder() / LINKS_FOLDER)

    def save(self, data: dict[str, Any]) -> str:
        """Store the design (once) and return its id; `StorageError` when the folder cannot be written."""
        wanted = canonical_json(data)
        for length in ID_LENGTHS:
            key = link_id(data, length)
            try:
                self.store.save(key, data)
                return key
            except DesignExists:
                if length == ID_LENGTHS[-1] or canonical_json(self.store.load(key)) == wanted:
                    return key  # stored before (the whole hash matching is the same design)
        raise StorageError("no free link id", "failed")  # pragma: no cover - the loop returns at 52

    def load(self, key: str) -> dict[str, Any]:
        """The design stored under `key` (`DesignError` with a sentence for people when there is none)."""
        key = (key or "").strip()
        if not _ID.fullmatch(key):
            raise DesignError([msg("share.short.bad_id", "short link: {key!r} is not a link id from this app "
                                   "(10 or more letters a–z and digits 2–7); ask for a new link", key=key[:60])])
        try:
            return self.store.load(key)
        except DesignNotFound:
            raise DesignError([msg("share.short.not_found", "short link: no design is stored under {key!r} on "
                                   "this server (a short link opens only where it was made); ask for the "
                                   "full link", key=key)]) from None
        except StorageError as err:
            raise DesignError([msg("share.short.unreadable", "short link: the stored design cannot be read "
                                   "({reason})", reason=str(err))]) from None


def short_url(base_url: str | None, key: str, extra: dict[str, str] | None = None,
              page_paths: tuple[str, ...] = ()) -> str:
    """The short link to copy: the app's first page, `?s=<key>`, then any settings (language, currency).

    >>> short_url("http://host:8501/compare?d=1.x", "4ojqm2clyl", {"lang": "ja"}, ("compare",))
    'http://host:8501/?s=4ojqm2clyl&lang=ja'
    """
    params = {LINK_PARAM: key, **{k: v for k, v in (extra or {}).items() if v not in (None, "")}}
    return f"{app_address(base_url, page_paths)}?{urlencode(params)}"
