"""Starts a real article-server for the tests.

The binary is $ARTICLE_SERVER_BIN, else target/debug/article-server under the repository root,
built with cargo when missing. Each server listens on 127.0.0.1:0 with JSON logs; the bound
address is read from the "addr" field of its startup log line.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
DATA = REPO_ROOT / "services" / "server" / "tests" / "data"
ARTICLE_URL = "https://gazette.example.com/news/2024/03/14/solar-ferry"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 30.0


def server_binary() -> Path:
    env = os.environ.get("ARTICLE_SERVER_BIN")
    if env:
        path = Path(env)
        if not path.is_file():
            pytest.exit(f"ARTICLE_SERVER_BIN={env} is not a file", returncode=2)
        return path
    path = REPO_ROOT / "target" / "debug" / "article-server"
    if not path.is_file():
        # -p: the workspace's default member is the proto crate, so --bin alone is not found.
        cmd = ["cargo", "build", "-p", "article-server", "--bin", "article-server"]
        print(f"building the server: {' '.join(cmd)}")
        subprocess.run(cmd, cwd=REPO_ROOT, check=True)
    return path


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    addr: str
    logs: list[dict[str, Any]] = field(default_factory=list)

    def stop(self) -> int:
        """SIGTERM, then wait for the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"server did not stop within {STOP_TIMEOUT_S}s of SIGTERM")


def start_server(*extra_args: str) -> Server:
    binary = server_binary()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARTICLE_", "OTEL_"))}
    proc = subprocess.Popen(
        [str(binary), "--listen", "127.0.0.1:0", "--log-format", "json", *extra_args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    lines: queue.Queue[bytes | None] = queue.Queue()
    logs: list[dict[str, Any]] = []

    def pump() -> None:
        # Keep draining the pipe for the server's whole life, so that it never blocks on a
        # full pipe; JSON lines are kept for the tests.
        assert proc.stdout is not None
        for raw in proc.stdout:
            lines.put(raw)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()

    addr = None
    seen: list[str] = []
    while addr is None:
        try:
            raw = lines.get(timeout=START_TIMEOUT_S)
        except queue.Empty:
            proc.kill()
            raise AssertionError(f"no listening line within {START_TIMEOUT_S}s: {seen}") from None
        if raw is None:
            raise AssertionError(f"server exited ({proc.wait()}) before listening: {seen}")
        text = raw.decode("utf-8", "replace").strip()
        seen.append(text)
        try:
            event = json.loads(text)
        except ValueError:
            continue
        logs.append(event)
        addr = event.get("addr") or event.get("fields", {}).get("addr")

    server = Server(proc=proc, addr=addr, logs=logs)

    def collect() -> None:
        while (raw := lines.get()) is not None:
            try:
                logs.append(json.loads(raw))
            except ValueError:
                pass

    threading.Thread(target=collect, daemon=True).start()

    # Serving starts just after the "listening" line, and with it the SIGTERM handler: wait for
    # a health answer, so that a SIGTERM from a test is always a graceful stop.
    from article_client import ArticleClient, ArticleServiceError

    with ArticleClient(server.addr, timeout=1) as c:
        for _ in range(50):
            try:
                if c.health() == "SERVING":
                    break
            except ArticleServiceError:
                time.sleep(0.1)
        else:
            server.proc.kill()
            raise AssertionError("server never answered health checks")
    return server


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    srv = start_server()
    yield srv
    code = srv.stop()
    assert code == 0, f"article-server exited {code} after SIGTERM"


@pytest.fixture(scope="session")
def article_html() -> bytes:
    return (DATA / "article.html").read_bytes()
