"""A small threaded HTTP proxy on 127.0.0.1 that misbehaves on purpose, in front of the moto server.

    with FaultProxy(moto_url, "hang", services={"sqs"}) as proxy:
        os.environ["AWS_ENDPOINT_URL"] = proxy.url      # every boto3 client now goes through it

Requests for the `services` named (the SigV4 signing name in the Authorization header: `sqs`,
`lambda`, `apigateway`, `dynamodb`, `monitoring`, `servicequotas`, `sts`, ...; None = all) get
the fault; the others are passed to moto unchanged. Faults:

| fault | what the client gets |
|---|---|
| `pass` | moto's answer |
| `hang` | the connection is accepted, the request read, and nothing ever comes back |
| `drip` | moto's answer, one byte every `drip_s` seconds (each read succeeds, slowly) |
| `garbage` | `200 OK` with random bytes as the body |
| `raw_garbage` | random bytes instead of an HTTP answer |
| `html` | `200 OK` with an HTML page (a captive portal) |
| `http500` | `500 Internal Server Error` with an HTML page (a broken gateway) |
| `huge` | `200 OK` announcing and streaming `huge_bytes` (300 MB) of JSON-ish filler |
| `reset` | the connection is reset (RST) after the request is read |

Bounded in time: every connection ends within `max_life_s`, and `stop()` closes all of them.
Only 127.0.0.1 is ever bound or contacted.
"""

from __future__ import annotations

import random
import re
import socket
import struct
import threading
import time
from urllib.parse import urlsplit

FAULTS = ("pass", "hang", "drip", "garbage", "raw_garbage", "html", "http500", "huge", "reset")
_SERVICE = re.compile(rb"Credential=[^/\s]+/\d{8}/[^/\s]+/([^/\s]+)/aws4_request")
_HTML = (b"<!DOCTYPE html><html><head><title>Wi-Fi login</title></head><body><h1>Welcome to Airport Wi-Fi</h1>"
         b"<p>Please accept the terms to continue.</p><form method='post'><button>Accept</button></form></body></html>")


class FaultProxy:
    """See the module docstring."""

    def __init__(self, upstream: str, fault: str = "pass", services: set[str] | None = None, *, drip_s: float = 1.0,
                 huge_bytes: int = 300_000_000, max_life_s: float = 30.0):
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        parts = urlsplit(upstream)
        if parts.hostname != "127.0.0.1":
            raise ValueError("the fault proxy only talks to 127.0.0.1")
        self.upstream = (parts.hostname, parts.port)
        self.fault, self.services = fault, services
        self.drip_s, self.huge_bytes, self.max_life_s = drip_s, huge_bytes, max_life_s
        self.seen: list[tuple[str, bool]] = []   # (service, faulted) per request
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._conns: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self._listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> FaultProxy:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self._spawn(self._accept_loop)

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            for conn in list(self._conns):
                _close(conn)
        self._listener.close()
        for thread in list(self._threads):
            thread.join(timeout=5)

    def faulted(self) -> list[str]:
        with self._lock:
            return [service for service, hit in self.seen if hit]

    # ---- internals ---------------------------------------------------------------------------

    def _spawn(self, target, *args) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="fault-proxy")
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                self._conns.add(conn)
            self._spawn(self._serve, conn)

    def _serve(self, conn: socket.socket) -> None:
        born = time.monotonic()
        try:
            conn.settimeout(self.max_life_s)
            request = _read_request(conn)
            if request is None:
                return
            found = _SERVICE.search(request)
            service = found.group(1).decode() if found else "?"
            hit = self.fault != "pass" and (self.services is None or service in self.services)
            with self._lock:
                self.seen.append((service, hit))
            getattr(self, f"_{self.fault if hit else 'pass'}")(conn, request, born)
        except OSError:
            pass
        finally:
            with self._lock:
                self._conns.discard(conn)
            _close(conn)

    def _alive(self, born: float) -> bool:
        return not self._stop.is_set() and time.monotonic() - born < self.max_life_s

    def _forward(self, request: bytes) -> bytes:
        head, _, body = request.partition(b"\r\n\r\n")
        lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection:")]
        with socket.create_connection(self.upstream, timeout=20) as up:
            up.sendall(b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n" + body)
            chunks = []
            while chunk := up.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def _pass(self, conn, request, born) -> None:
        conn.sendall(self._forward(request))

    def _hang(self, conn, request, born) -> None:
        while self._alive(born):
            time.sleep(0.1)

    def _drip(self, conn, request, born) -> None:
        answer = self._forward(request)
        for i in range(len(answer)):
            if not self._alive(born):
                return
            conn.sendall(answer[i:i + 1])
            self._stop.wait(self.drip_s)

    def _garbage(self, conn, request, born) -> None:
        body = random.Random(len(request)).randbytes(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)

    def _raw_garbage(self, conn, request, born) -> None:
        conn.sendall(random.Random(7).randbytes(2048))

    def _html(self, conn, request, born) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                     + str(len(_HTML)).encode() + b"\r\nConnection: close\r\n\r\n" + _HTML)

    def _http500(self, conn, request, born) -> None:
        body = b"<html><body><h1>500 Internal Server Error</h1><p>upstream failed</p></body></html>"
        conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: "
                     + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)

    def _huge(self, conn, request, born) -> None:
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: "
                     + str(self.huge_bytes).encode() + b"\r\nConnection: close\r\n\r\n" + b'{"QueueUrls": ["')
        filler, sent = b"a" * 65536, 16
        while sent < self.huge_bytes and self._alive(born):
            conn.sendall(filler)
            sent += len(filler)

    def _reset(self, conn, request, born) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def _read_request(conn: socket.socket) -> bytes | None:
    """One HTTP request (head and Content-Length body), or None if the client went away."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1_000_000:
            return None
    head, _, body = data.partition(b"\r\n\r\n")
    found = re.search(rb"(?im)^content-length:\s*(\d+)", head)
    length = int(found.group(1)) if found else 0
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def _close(conn: socket.socket) -> None:
    try:
        conn.close()
    except OSError:
        pass
