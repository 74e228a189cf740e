"""Sessions and clients from the standard AWS configuration chain — never from keys given to us.

`boto3.Session(profile_name=...)` reads AWS_PROFILE / AWS_REGION / AWS_ENDPOINT_URL, the config
and credentials files, SSO, and instance or container roles the usual way; this module only adds
the retry and timeout settings every read uses, and a thread-safe cache of clients.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config

from aws.guard import DEFAULT_DEADLINE_S, DEFAULT_MAX_RESPONSE_BYTES, PullGuard


@dataclass(frozen=True)
class PullSettings:
    """How hard, how wide and how long to read: retries (standard mode), timeouts and the pull's
    deadline in seconds, the size cap per response, thread counts."""

    max_attempts: int = 5     # in all, the first try included (botocore's total_max_attempts)
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0   # longest wait for the next bytes (never past the deadline)
    workers: int = 8          # service × region reads at once
    item_workers: int = 8     # per-resource detail calls at once within one read
    deadline_s: float = DEFAULT_DEADLINE_S                  # the whole pull; what is not read by then is a gap
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES    # per HTTP response, counted while it arrives

    def botocore_config(self) -> Config:
        """The botocore Config every client gets: standard retries, timeouts, enough pooled connections.

        Standard mode, not adaptive: adaptive's client-side rate limiter can sleep before a request
        for as long as it likes, which a deadline cannot bound.
        """
        # botocore's "max_attempts" counts retries only; "total_max_attempts" counts the first try too
        return Config(retries={"mode": "standard", "total_max_attempts": self.max_attempts},
                      connect_timeout=self.connect_timeout_s, read_timeout=self.read_timeout_s,
                      max_pool_connections=max(10, self.item_workers * 2), user_agent_extra="serverless-planner")


#: makes one client: (session, service, region, config) → boto3 client; tests pass their own
ClientFactory = Callable[[boto3.Session, str, str, Config], Any]


def default_client_factory(session: boto3.Session, service: str, region: str, config: Config) -> Any:
    """A client from the session; AWS_ENDPOINT_URL(_<SERVICE>) and profile settings apply as usual."""
    return session.client(service, region_name=region, config=config)


def make_session(profile: str | None) -> boto3.Session:
    """A session for `profile` (None: the default chain, i.e. AWS_PROFILE or the default profile)."""
    return boto3.Session(profile_name=profile) if profile else boto3.Session()


def available_profiles() -> list[str]:
    """Profile names in the user's AWS config and credentials files (names only, nothing secret)."""
    return sorted(boto3.Session().available_profiles)


def default_region(profile: str | None = None) -> str | None:
    """The region the standard configuration names: AWS_DEFAULT_REGION or the profile's `region`, else
    AWS_REGION (the name other AWS SDKs and the AWS CLI v2 use; botocore itself does not read it)."""
    try:
        region = make_session(profile).region_name
    except Exception:  # a broken profile just has no default region
        region = None
    return region or os.environ.get("AWS_REGION") or None


def custom_endpoint() -> str | None:
    """AWS_ENDPOINT_URL when set (moto, LocalStack): snapshots say they did not come from AWS."""
    return os.environ.get("AWS_ENDPOINT_URL") or None


class Clients:
    """boto3 clients of one session, made once per (service, region); safe to share between threads.

    A boto3 Session is not thread-safe, clients are: creation is serialised by a lock. With a
    `guard`, every client gets the pull's deadline, size cap and garbage check (aws/guard.py).
    """

    def __init__(self, session: boto3.Session, settings: PullSettings, factory: ClientFactory | None = None,
                 guard: PullGuard | None = None):
        self._session = session
        self._settings = settings
        self._guard = guard
        self._config = settings.botocore_config()
        self._factory = factory or default_client_factory
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str], Any] = {}

    def get(self, service: str, region: str) -> Any:
        """The client for `service` in `region`."""
        with self._lock:
            key = (service, region)
            if key not in self._cache:
                made = self._factory(self._session, service, region, self._config)
                if self._guard is not None:
                    self._guard.install(made, self._settings.max_attempts)
                self._cache[key] = made
            return self._cache[key]
