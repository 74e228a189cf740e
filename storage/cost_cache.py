"""Cost Explorer answers kept on disk, so a second `cli.py reconcile` of the same month does not pay again.

One JSON file per account and month in the designs folder's `cache/cost-explorer/` (the designs folder:
$SERVERLESS_PLANNER_DESIGNS or ~/.serverless-planner/designs, storage/designs.py; its listing reads only
*.yaml, so the cache never shows as a design). The account is named by a hash of its id, never the id.
Writes are atomic (a temporary file, then a rename); an unreadable cache file is treated as absent.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from storage.designs import designs_folder

_SAFE = re.compile(r"^[0-9a-f]{1,64}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
MAX_CACHE_BYTES = 20_000_000


def cache_folder() -> Path:
    """Where Cost Explorer answers are kept."""
    return designs_folder() / "cache" / "cost-explorer"


def cache_path(account_key: str, month: str) -> Path:
    """The cache file of one account (its key from aws.cost_explorer.account_key) and month (YYYY-MM)."""
    if not _SAFE.match(account_key) or not _MONTH.match(month):
        raise ValueError(f"not a cache key: {account_key!r} {month!r}")
    return cache_folder() / f"{account_key}-{month}.json"


def read_cached(path: Path) -> dict[str, Any] | None:
    """The cached answer, or None when there is none (or it cannot be read as one)."""
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("rows"), list) else None


def write_cached(path: Path, answer: dict[str, Any]) -> Path:
    """Keep `answer` at `path` (folders made as needed; atomic). OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(answer, out, indent=1, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
