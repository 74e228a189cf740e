"""A loaded snapshot's parts: the account entry and the sections of one region, and the error for a
snapshot that cannot be read. Plain data only (aws/snapshot.py pulls, saves and loads; aws/facts.py
interprets), so both can use these without importing each other."""

from __future__ import annotations

from typing import Any

from models.design.schema import DesignError
from models.messages import msg


class SnapshotError(DesignError):
    """A snapshot that cannot be pulled (no region) or read (not a snapshot file).

    A DesignError, so every front end that reports bad input (exit code 2, a message in the app)
    reports it the same way, e.g. `cli.py check DESIGN --account missing.json`.
    """

    def __init__(self, message: str):
        super().__init__([message])


def account_entry(snapshot: dict[str, Any], account: str | None = None) -> dict[str, Any]:
    """The entry of the account labelled `account` (None: the first one)."""
    accounts = snapshot.get("accounts") or []
    if not accounts:
        raise SnapshotError(msg("snapshot.no_account", "the snapshot holds no account"))
    if account is None:
        return accounts[0]
    for entry in accounts:
        if account in (entry.get("label"), entry.get("profile"), entry.get("account_id")):
            return entry
    raise SnapshotError(msg("snapshot.unknown_account", "no account {account!r} in the snapshot; it has: {labels}",
                             account=account, labels=", ".join(a["label"] for a in accounts)))


def region_data(snapshot: dict[str, Any], region: str | None = None, account: str | None = None) -> dict[str, Any]:
    """The sections read for one account in one region (None: the snapshot's first region)."""
    entry = account_entry(snapshot, account)
    region = region or (snapshot.get("regions") or [None])[0]
    if region not in entry.get("regions", {}):
        read = ", ".join(entry.get("regions", {})) or "none"
        raise SnapshotError(msg("snapshot.region_not_read",
                                "region {region!r} was not read for account {label!r}; read: {read}",
                                region=region, label=entry["label"], read=read))
    return entry["regions"][region]
