"""Pull a snapshot: every reader for every profile (account) and region, concurrently; save and load it.

A snapshot is plain JSON (docs/account.md describes it):

    {"schema": "serverless-planner/account-snapshot@1", "taken_at": "...Z", "custom_endpoint": false,
     "regions": [...], "sections": [...],
     "accounts": [{"label": "prod", "profile": "prod", "account_id": null, "error": null,
                   "regions": {"us-east-1": {"lambda": {"account_settings": {"value": {...}}, ...}, ...}}}]}

Every read is `{"value": ...}` or `{"error": {service, region, operation, code, kind, message}}`;
`gaps(snapshot)` lists every error. No credentials, ARNs or queue URLs are stored; the account id
only when the caller asks for it (`include_account_id`).

A pull has a deadline (`PullSettings.deadline_s`, 60 s by default) and a size cap per response
(aws/guard.py): whatever is not read by the deadline is a gap of kind `deadline`, an answer
over the cap or not in the service's protocol a gap of kind `bad_response`.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aws.errors import CREDENTIALS, gap
from aws.facts import limit_sources, limits_source, snapshot_limits
from aws.guard import DeadlineExceeded, PullGuard
from aws.readers import READERS
from aws.readers._common import ReadContext
from aws.session import ClientFactory, Clients, PullSettings, custom_endpoint, default_region, make_session
from aws.snapshot_data import SnapshotError, account_entry, region_data  # noqa: F401 - re-exported
from aws.validate import SnapshotFieldError, check_snapshot
from models.messages import msg

SCHEMA = "serverless-planner/account-snapshot@1"
MAX_SNAPSHOT_BYTES = 50_000_000
DEFAULT_LABEL = "default"
#: after the deadline, how long to wait for reads to notice it before leaving them behind
GRACE_S = 2.0

#: progress(done, total, what) — called on the caller's thread as each read finishes
Progress = Callable[[int, int, str], None]


def pull(profiles: Sequence[str | None] = (None,), regions: Sequence[str] = (), *,
         sections: Sequence[str] | None = None, include_account_id: bool = False,
         settings: PullSettings | None = None, client_factory: ClientFactory | None = None,
         progress: Progress | None = None) -> dict[str, Any]:
    """Read the accounts of `profiles` (None = the default chain) in `regions`; a partial snapshot, never a crash.

    Reads run concurrently per (account, region, service). With no region given, the default
    profile's region is used (AWS_REGION or the profile's `region`). The pull returns within
    `settings.deadline_s` (plus a moment): what did not finish by then is a gap of kind `deadline`.
    """
    settings = settings or PullSettings()
    guard = PullGuard(settings.deadline_s, settings.max_response_bytes)
    profiles = list(dict.fromkeys(profiles or [None]))
    regions = list(dict.fromkeys(regions)) or _default_regions(profiles[0])
    sections = list(sections or READERS)
    unknown = [s for s in sections if s not in READERS]
    if unknown:
        raise SnapshotError(msg("snapshot.unknown_sections", "unknown section(s) {unknown}; known: {known}",
                                unknown=", ".join(unknown), known=", ".join(READERS)))
    accounts = _open_accounts(profiles, regions[0], settings, client_factory, include_account_id, guard)
    jobs = [(entry, clients, region, name) for entry, clients in accounts if clients is not None
            for region in regions for name in sections]
    try:
        _run(jobs, settings, progress, guard)
    finally:
        guard.stop()  # a read left behind fails at its next socket read
    return {"schema": SCHEMA, "taken_at": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "custom_endpoint": custom_endpoint() is not None, "regions": regions, "sections": sections,
            "accounts": [entry for entry, _ in accounts]}


def _default_regions(profile: str | None) -> list[str]:
    """The configured region of the first profile, or a clear error."""
    region = default_region(profile)
    if not region:
        raise SnapshotError(msg("snapshot.no_region",
                                "no region: pass --region (or set AWS_REGION / AWS_DEFAULT_REGION / "
                                "the profile's region)"))
    return [region]


def _open_accounts(profiles: list[str | None], region: str, settings: PullSettings, factory: ClientFactory | None,
                   include_account_id: bool, guard: PullGuard) -> list[tuple[dict[str, Any], Clients | None]]:
    """Every profile's account entry and clients, checked concurrently and within the deadline: an
    identity check still running then (a hanging STS endpoint, a stuck credential process) is the
    account's gap, and its reads are skipped."""
    pool = ThreadPoolExecutor(max_workers=min(8, len(profiles)), thread_name_prefix="pull-identity")
    try:
        futures = [pool.submit(_open_account, p, region, settings, factory, include_account_id, guard)
                   for p in profiles]
        wait(futures, timeout=max(0.0, guard.remaining()) + GRACE_S)
        late = DeadlineExceeded(f"the credentials check did not finish within the pull's {guard.deadline_s:g} s "
                                "deadline")
        return [future.result() if future.done() else
                (_entry(profile) | {"error": gap("sts", region, "GetCallerIdentity", late)}, None)
                for profile, future in zip(profiles, futures, strict=True)]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _entry(profile: str | None) -> dict[str, Any]:
    return {"label": profile or DEFAULT_LABEL, "profile": profile, "account_id": None, "error": None, "regions": {}}


def _open_account(profile: str | None, region: str, settings: PullSettings, factory: ClientFactory | None,
                  include_account_id: bool, guard: PullGuard) -> tuple[dict[str, Any], Clients | None]:
    """The account entry and its clients — or the entry alone, with the reason, when its credentials fail.

    One GetCallerIdentity call first (it needs no permission): expired or missing credentials give
    one clear gap instead of a failure for every read.
    """
    entry = _entry(profile)
    try:
        clients = Clients(make_session(profile), settings, factory, guard)
    except Exception as err:  # e.g. ProfileNotFound
        entry["error"] = gap("sts", region, "GetCallerIdentity", err)
        return entry, None
    try:
        identity = clients.get("sts", region).get_caller_identity()
    except Exception as err:
        entry["error"] = gap("sts", region, "GetCallerIdentity", err)
        # unreachable STS is not a reason to skip the reads; bad credentials are
        return entry, None if entry["error"]["kind"] == CREDENTIALS else clients
    if include_account_id:
        entry["account_id"] = identity.get("Account")
    return entry, clients


def _run(jobs: list[tuple[dict, Clients, str, str]], settings: PullSettings, progress: Progress | None,
         guard: PullGuard) -> None:
    """Run every (account, region, section) read on a thread pool; results land in the account entries.

    Waits until the deadline (and GRACE_S more for reads to notice it); a read still running then
    becomes a gap of kind `deadline` for its whole section, and its thread is left to fail on its own.
    """
    if not jobs:
        return
    pool = ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="pull")
    try:
        futures: dict[Future, tuple[dict, str, str]] = {}
        for entry, clients, region, name in jobs:
            ctx = ReadContext(region=region, clients=clients, settings=settings)
            futures[pool.submit(READERS[name].read, ctx)] = (entry, region, name)
        pending, done_count = set(futures), 0
        while pending:
            left = guard.remaining() + GRACE_S
            if left <= 0:
                break
            finished, pending = wait(pending, timeout=left, return_when=FIRST_COMPLETED)
            for future in finished:
                done_count += 1
                _record(futures[future], _section(future, futures[future]), progress, done_count, len(futures))
        late = DeadlineExceeded(f"the read did not finish within the pull's {guard.deadline_s:g} s deadline")
        for future in pending:
            future.cancel()
            done_count += 1
            entry, region, name = futures[future]
            _record(futures[future], {"read": {"error": gap(name, region, "read", late)}}, progress, done_count,
                    len(futures))
    finally:
        guard.stop()
        pool.shutdown(wait=False, cancel_futures=True)
    for entry in {id(job[0]): job[0] for job in jobs}.values():  # as requested, not as finished
        entry["regions"] = {r: {s: entry["regions"][r][s] for s in READERS if s in entry["regions"][r]}
                            for r in entry["regions"]}


def _section(future: Future, job: tuple[dict, str, str]) -> dict[str, Any]:
    """A finished read's section, or the gap of a reader bug outside its reads (the rest stands)."""
    try:
        return future.result()
    except Exception as err:
        return {"read": {"error": gap(job[2], job[1], "read", err)}}


def _record(job: tuple[dict, str, str], section: dict[str, Any], progress: Progress | None, done: int,
            total: int) -> None:
    entry, region, name = job
    entry["regions"].setdefault(region, {})[name] = section
    if progress:
        progress(done, total, f"{entry['label']} · {region} · {name}")


def gaps(snapshot: dict[str, Any]) -> list[dict[str, Any]]:
    """Every failed read in the snapshot, each with the account label it belongs to."""
    found = []
    for account in snapshot.get("accounts", []):
        if account.get("error"):
            found.append({"account": account["label"], **account["error"]})
        for record in _errors(account.get("regions", {})):
            found.append({"account": account["label"], **record})
    return found


def _errors(node: Any) -> Iterator[dict[str, Any]]:
    """Gap records anywhere under `node`, in document order (iteratively: no depth limit)."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("error"), dict) and "operation" in node["error"]:
                yield node["error"]
            stack += reversed([value for key, value in node.items() if key != "error"])
        elif isinstance(node, list):
            stack += reversed(node)


def save_snapshot(snapshot: dict[str, Any], path: Path, *, force: bool = True) -> None:
    """Write the snapshot as JSON (UTF-8); without `force`, an existing file is never replaced."""
    write_new_file(Path(path), dump_snapshot(snapshot), force=force)


def check_output_path(path: Path, force: bool) -> None:
    """SnapshotError (one line) when `path` cannot take a new file: its folder is missing, it is a
    folder, or it exists and `force` is not given. Called before the work that fills it."""
    path = Path(path)
    if path.is_dir():
        raise SnapshotError(msg("snapshot.path_is_folder", "{path}: is a folder; give a file name", path=str(path)))
    if not path.parent.is_dir():
        raise SnapshotError(msg("snapshot.no_folder", "{path}: the folder {folder} does not exist", path=str(path),
                                folder=str(path.parent)))
    if path.exists() and not force:
        raise SnapshotError(msg("snapshot.exists", "{path}: the file exists; pass --force to replace it",
                                path=str(path)))
    if not os.access(path.parent, os.W_OK):
        raise SnapshotError(msg("snapshot.not_writable", "{path}: the folder {folder} is not writable", path=str(path),
                                folder=str(path.parent)))


def write_new_file(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` whole or not at all (a temporary file in the same folder, then a rename).

    Without `force` an existing file is kept: SnapshotError, even when it appeared meanwhile.
    """
    check_output_path(path, force)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if force:
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # fails if the name exists: no window to overwrite a file made meanwhile
            except FileExistsError:
                raise SnapshotError(msg("snapshot.exists", "{path}: the file exists; pass --force to replace it",
                                        path=str(path))) from None
            except OSError:  # a filesystem without hard links
                with open(path, "x", encoding="utf-8") as handle:
                    handle.write(text)
    except OSError as err:
        raise SnapshotError(msg("snapshot.not_written", "{path}: could not be written ({error})", path=str(path),
                                error=str(err.strerror or err))) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def dump_snapshot(snapshot: dict[str, Any]) -> str:
    """The snapshot as JSON text."""
    return json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"


def load_snapshot(path: Path) -> dict[str, Any]:
    """A snapshot file written by `cli.py pull` (SnapshotError with a one-line reason otherwise)."""
    if not path.is_file():
        raise SnapshotError(msg("snapshot.no_file",
                                "{path}: no such snapshot file (make one with: python cli.py pull -o {file})",
                                path=str(path), file=path.name))
    if path.stat().st_size > MAX_SNAPSHOT_BYTES:
        raise SnapshotError(msg("snapshot.too_large", "{path}: {size:,} bytes is too large for a snapshot",
                                path=str(path), size=path.stat().st_size))
    return parse_snapshot(path.read_bytes(), str(path))


def parse_snapshot(data: bytes | str, name: str = "snapshot") -> dict[str, Any]:
    """Check and return a snapshot from its JSON text."""
    try:
        snapshot = json.loads(data)
    except (ValueError, UnicodeDecodeError) as err:
        raise SnapshotError(msg("snapshot.not_json", "{name}: not a JSON snapshot ({error})", name=name,
                                error=_short(str(err)))) from None
    except RecursionError:
        raise SnapshotError(msg("snapshot.too_deep", "{name}: not a JSON snapshot (nested too deeply)",
                                name=name)) from None
    if not isinstance(snapshot, dict) or snapshot.get("schema") != SCHEMA:
        raise SnapshotError(msg("snapshot.wrong_schema", "{name}: not an account snapshot (expected schema {schema!r})",
                                name=name, schema=SCHEMA))
    if not isinstance(snapshot.get("accounts"), list):
        raise SnapshotError(msg("snapshot.no_accounts_list", "{name}: the snapshot has no 'accounts' list", name=name))
    check(snapshot, name)
    return snapshot


def check(snapshot: Any, name: str = "snapshot") -> dict[str, Any]:
    """`snapshot` if it has the shape of one, else SnapshotFieldProblem naming the file and the field."""
    try:
        check_snapshot(snapshot)
    except SnapshotFieldError as err:
        raise SnapshotFieldProblem(name, err) from None
    return snapshot


class SnapshotFieldProblem(SnapshotError):
    """A snapshot with a field that is not what a snapshot holds there (the file, field and value named)."""

    def __init__(self, name: str, err: SnapshotFieldError):
        self.name, self.field, self.allowed, self.found = name, err.field, err.allowed, err.found
        super().__init__(f"{name}: malformed snapshot: {err}")


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def limits_from_snapshot_file(path: str | Path, region: str | None = None,
                              account: str | None = None) -> dict[str, Any]:
    """The design `limits:` block a snapshot file gives: the limits read in `region` (default: the
    snapshot's first region) plus `source` naming the account, so reports mark them "from your account".

    Raises SnapshotError (a ValueError) with a one-line reason for a missing or malformed file.
    """
    snapshot = load_snapshot(Path(path))
    limits = snapshot_limits(snapshot, region, account)
    if not limits:
        return {}
    return {**limits, "source": limits_source(snapshot, region, account),
            "sources": limit_sources(snapshot, region, account)}  # ---- quotas: which read each came from
