"""Start the Streamlit app on a free localhost port and drive it with Debian's Chromium.

Shared by the browser tests (tests/webapp/test_browser.py) and the browser benchmark
(bench/bench_browser.py). Never downloads a browser: /usr/bin/chromium comes from
scripts/install_browser.sh.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


class AppDidNotStart(RuntimeError):
    """The app exited or did not answer its health check in time; the message holds the server log's tail."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_healthy(url: str, proc: subprocess.Popen[bytes], log_path: Path, timeout_s: float) -> None:
    """Poll Streamlit's health endpoint until it answers "ok" (`AppDidNotStart` if it dies or times out)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AppDidNotStart(f"streamlit exited with code {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise AppDidNotStart(f"streamlit did not answer {url}/_stcore/health within {timeout_s} s:\n"
                         f"{log_path.read_text()[-3000:]}")


@contextmanager
def running_app(log_path: Path, timeout_s: float = 60, env: dict[str, str] | None = None,
                script: str = "app.py") -> Iterator[str]:
    """The app's URL while it runs (started with this Python, headless, on a free port, with the project's
    .streamlit/config.toml); always stopped after. `script`: another Streamlit script (the benchmark's baseline)."""
    port = free_port()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, proc, log_path, timeout_s)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
