"""Bounds on a pull: an overall deadline, a size cap per response, and answers that must be AWS's.

One `PullGuard` per pull, installed on every boto3 client the pull makes (`install`):

- **Deadline.** Every connect and socket read waits at most `min(timeout, time left)`, so a server that
  drips one byte every few seconds cannot keep a call alive past the deadline (botocore's read
  timeout alone restarts with every byte). No request starts after the deadline (`before-send`),
  and a retry whose back-off would end after it is not made: the last error stands.
- **Size cap.** Bytes are counted as they arrive (status line, headers and body of each HTTP
  response); the response is abandoned at `max_response_bytes`, never buffered whole.
- **Garbage.** A 2xx answer that is not in the service's protocol (an HTML page from a captive
  portal or proxy, random bytes, JSON that is not an object) is an error (`BadResponse`), not an
  empty result that would read as "no resources".

Each becomes a named gap (aws/errors.py): `DeadlineExceeded` (kind `deadline`),
`ResponseTooLarge` and `BadResponse` (kind `bad_response`).

The socket guard replaces the connection classes of the client's own urllib3 pool manager (an
instance attribute of its http session, nothing global). If a future botocore moves those
attributes, `install` still registers the hooks and the pull's thread-level deadline
(aws/snapshot.py) still returns on time.
"""

from __future__ import annotations

import http.client
import io
import json
import threading
import time
from typing import Any

from botocore.awsrequest import (
    AWSHTTPConnection,
    AWSHTTPConnectionPool,
    AWSHTTPSConnection,
    AWSHTTPSConnectionPool,
)

DEFAULT_DEADLINE_S = 60.0
DEFAULT_MAX_RESPONSE_BYTES = 10_000_000
_JSON_PROTOCOLS = {"json", "rest-json"}
_XML_PROTOCOLS = {"query", "rest-xml", "ec2"}


class PullStopped(Exception):
    """A call the guard stopped (a subclass says why); never retried."""

    code = "PullStopped"


class DeadlineExceeded(PullStopped):
    """The pull's deadline passed before this call finished."""

    code = "DeadlineExceeded"


class ResponseTooLarge(PullStopped):
    """An answer larger than the cap per response."""

    code = "ResponseTooLarge"


class BadResponse(PullStopped):
    """A 2xx answer that is not the service's protocol (an HTML page, garbage bytes)."""

    code = "BadResponse"


def stopped_by_guard(err: BaseException | None) -> PullStopped | None:
    """The guard's exception inside `err` (botocore wraps transport errors), if any."""
    seen = 0
    while err is not None and seen < 10:
        if isinstance(err, PullStopped):
            return err
        kwargs = getattr(err, "kwargs", None)
        inner = kwargs.get("error") if isinstance(kwargs, dict) else None
        err = inner if isinstance(inner, BaseException) else (err.__cause__ or err.__context__)
        seen += 1
    return None


class PullGuard:
    """The deadline and size cap of one pull, shared by all its clients and threads."""

    def __init__(self, deadline_s: float = DEFAULT_DEADLINE_S,
                 max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES, clock: Any = time.monotonic):
        self.deadline_s = deadline_s
        self.max_response_bytes = max_response_bytes
        self._clock = clock
        self._end = clock() + deadline_s
        self._stopped = threading.Event()
        self._pools = _guarded_pool_classes(self)

    def remaining(self) -> float:
        """Seconds left (≤ 0: the deadline has passed or the pull was stopped)."""
        return -1.0 if self._stopped.is_set() else self._end - self._clock()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def stop(self) -> None:
        """End the pull now: every call still running fails at its next read."""
        self._stopped.set()

    def check(self) -> None:
        """Raise DeadlineExceeded once the deadline has passed."""
        if self.expired():
            raise DeadlineExceeded(f"not finished within the pull's {self.deadline_s:g} s deadline")

    # ---- installation on a client ------------------------------------------------------------

    def install(self, client: Any, max_attempts: int) -> Any:
        """Hooks and guarded connections on `client` (returned for chaining)."""
        events = client.meta.events
        name = client.meta.service_model.service_id.hyphenize()
        events.register_first(f"before-send.{name}", self._before_send)
        events.register_first(f"before-parse.{name}.*", self._before_parse)
        if name == "s3":
            _after_ours(events, f"before-parse.{name}.*", "_handle_200_error")
        self._bound_retries(client, name, max_attempts)
        session = getattr(getattr(client, "_endpoint", None), "http_session", None)
        if session is not None and hasattr(session, "_pool_classes_by_scheme") and hasattr(session, "_manager"):
            session._pool_classes_by_scheme = self._pools
            session._manager.pool_classes_by_scheme = self._pools
        return client

    def _bound_retries(self, client: Any, name: str, max_attempts: int) -> None:
        """botocore's own retry decision (standard mode), with back-offs that end before the deadline."""
        from botocore.retries import standard

        events = client.meta.events
        unique_id = f"retry-config-{name}"
        events.unregister(f"needs-retry.{name}", unique_id=unique_id)
        handler = standard.register_retry_handler(client, max_attempts=max_attempts)
        events.unregister(f"needs-retry.{name}", unique_id=unique_id)

        def needs_retry(**kwargs: Any) -> float | None:
            stopped = stopped_by_guard(kwargs.get("caught_exception"))
            if stopped is not None:
                raise stopped
            delay = handler.needs_retry(**kwargs)
            if delay is None or delay is False:
                return delay
            if float(delay) >= self.remaining() - 0.05:
                return None  # no time left for the back-off and another try: the last error is the gap
            return delay

        events.register(f"needs-retry.{name}", needs_retry, unique_id=unique_id)

    def _before_send(self, request: Any = None, **_: Any) -> None:
        self.check()

    def _before_parse(self, operation_model: Any = None, response_dict: Any = None, **_: Any) -> None:
        """Refuse a 2xx answer that is not in the service's protocol."""
        if not isinstance(response_dict, dict) or operation_model is None:
            return
        status = response_dict.get("status_code") or 0
        if not 200 <= status < 300 or operation_model.has_streaming_output:
            return
        body = response_dict.get("body") or b""
        if not isinstance(body, (bytes, bytearray)):
            return
        headers = {str(k).lower(): str(v) for k, v in (response_dict.get("headers") or {}).items()}
        content_type = headers.get("content-type", "").lower()
        head = bytes(body[:512]).lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            raise BadResponse(f"HTTP {status} with an HTML page ({len(body):,} bytes), not an AWS answer "
                              "(a captive portal, proxy or wrong endpoint?)")
        protocol = getattr(operation_model.service_model, "resolved_protocol", None) or \
            operation_model.metadata.get("protocol")
        if protocol in _JSON_PROTOCOLS and head:
            try:
                parsed = json.loads(body)
            except (ValueError, RecursionError):
                raise BadResponse(f"HTTP {status} with {len(body):,} bytes that are not JSON "
                                  f"(starts {_preview(body)})") from None
            if not isinstance(parsed, dict):
                raise BadResponse(f"HTTP {status} with JSON that is not an object (a {type(parsed).__name__})")
        elif protocol in _XML_PROTOCOLS and head and not head.startswith(b"<"):
            raise BadResponse(f"HTTP {status} with {len(body):,} bytes that are not XML (starts {_preview(body)})")
        elif protocol == "smithy-rpc-v2-cbor" and head.startswith((b"<", b"{")) and "json" not in content_type:
            raise BadResponse(f"HTTP {status} with text, not CBOR (starts {_preview(body)})")


def _after_ours(events: Any, event: str, handler_name: str) -> None:
    """Move botocore's handler `handler_name` on `event` behind ours (S3's `_handle_200_error` turns an
    unparsable 200 into a 500 that is retried five times and then reads as a server error)."""
    from botocore import handlers

    handler = getattr(handlers, handler_name, None)
    if handler is not None:
        events.unregister(event, handler)
        events.register(event, handler)


def _preview(body: bytes | bytearray) -> str:
    return repr("".join(chr(b) if 32 <= b < 127 else "?" for b in bytes(body[:24])))


# ---- the socket guard ----------------------------------------------------------------------------

class _GuardedSocketIO(io.RawIOBase):
    """The socket reader http.client made, with each wait cut to the time left and the bytes counted."""

    def __init__(self, raw: Any, sock: Any, guard: PullGuard):
        super().__init__()
        self._raw = raw          # a socket.SocketIO: it holds the socket open until the response is closed
        self._sock = sock
        self._guard = guard
        self._read_timeout = sock.gettimeout()
        self.count = 0

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()

    def readinto(self, buffer: Any) -> int | None:
        left = self._guard.remaining()
        if left <= 0:
            raise self._late()
        wait = left if self._read_timeout is None else min(self._read_timeout, left)
        self._sock.settimeout(max(wait, 0.001))
        room = self._guard.max_response_bytes + 1 - self.count
        view = memoryview(buffer)[: max(1, min(len(buffer), room))]
        try:
            n = self._raw.readinto(view)
        except TimeoutError:
            if self._guard.expired():
                raise self._late() from None
            raise
        self.count += n or 0
        if self.count > self._guard.max_response_bytes:
            raise ResponseTooLarge(f"the answer exceeded {self._guard.max_response_bytes:,} bytes; "
                                   "reading stopped there")
        return n

    def _late(self) -> DeadlineExceeded:
        return DeadlineExceeded(f"the answer did not arrive within the pull's {self._guard.deadline_s:g} s deadline "
                                f"({self.count:,} bytes received)")


def _guarded_pool_classes(guard: PullGuard) -> dict[str, type]:
    """urllib3 pool classes whose connections read through `_GuardedSocketIO`."""

    class GuardedResponse(http.client.HTTPResponse):
        def __init__(self, sock: Any, *args: Any, **kwargs: Any):
            super().__init__(sock, *args, **kwargs)
            raw = self.fp.detach()  # the socket reader under http.client's buffer
            self.fp = io.BufferedReader(_GuardedSocketIO(raw, sock, guard), buffer_size=65536)

    class DeadlineConnect:
        """Connecting (DNS aside) waits at most the time left, too (a mixin of urllib3's connections)."""

        timeout: Any  # the connection's own attribute (annotation only: no class attribute)

        def _new_conn(self) -> Any:
            left = guard.remaining()
            if left <= 0:
                raise DeadlineExceeded(f"no time left to connect within the pull's {guard.deadline_s:g} s deadline")
            if not isinstance(self.timeout, (int, float)) or self.timeout > left:
                self.timeout = max(left, 0.001)
            return super()._new_conn()  # type: ignore[misc]  # the connection class mixed in after us

    class GuardedHTTPConnection(DeadlineConnect, AWSHTTPConnection):
        response_class = GuardedResponse

    class GuardedHTTPSConnection(DeadlineConnect, AWSHTTPSConnection):
        response_class = GuardedResponse

    class GuardedHTTPConnectionPool(AWSHTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSConnectionPool(AWSHTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return {"http": GuardedHTTPConnectionPool, "https": GuardedHTTPSConnectionPool}
