"""A local host with a real network's speed: one shared bandwidth budget and a delay per request.

Why on the server: Chromium's network emulation (CDP) does not slow the
downloads of a page's worker, and the calculator's engine is fetched by one.
So the host itself sends every response through one budget shared by all
connections (as one access line would carry them), after a fixed delay per
request (the round trips a real request costs), and gzips text and WebAssembly
as production hosts do. Used by the browser tests that watch a page while it
loads and by ``scripts/bench_site.py``.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from tests.conftest import SiteServer, _QuietServer, _SiteHandler

CHUNK = 16 * 1024


@dataclass(frozen=True)
class Line:
    """A network line: ``mbit`` megabits per second shared by all requests (``0``: no
    limit) and ``delay_ms`` before each response starts."""

    mbit: float
    delay_ms: float

    @property
    def name(self) -> str:
        if not self.mbit:
            return "localhost"
        return f"{self.mbit:g} Mbit/s + {self.delay_ms:g} ms"


class _Budget:
    """One line's capacity: hands out send slots in order, across threads."""

    def __init__(self, bytes_per_second: float) -> None:
        self.rate = bytes_per_second
        self.lock = threading.Lock()
        self.free_at = 0.0

    def wait_for(self, size: int) -> None:
        with self.lock:
            now = time.monotonic()
            start = max(now, self.free_at)
            self.free_at = start + size / self.rate
            done = self.free_at
        time.sleep(max(0.0, done - time.monotonic()))


class Meter:
    """Bytes the host has sent (headers included), across threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent = 0

    def add(self, size: int) -> None:
        with self.lock:
            self.sent += size


class _ThrottledWriter:
    """The response stream, each chunk sent only once the budget (if any) allows it."""

    def __init__(self, raw: BinaryIO, budget: _Budget | None, meter: Meter) -> None:
        self.raw = raw
        self.budget = budget
        self.meter = meter

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            piece = view[start:start + CHUNK]
            if self.budget is not None:
                self.budget.wait_for(len(piece))
            self.raw.write(piece)
            self.meter.add(len(piece))
        return len(data)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _ThrottledHandler(_SiteHandler):
    budget: _Budget | None = None
    meter = Meter()
    delay_s = 0.0

    def setup(self) -> None:
        super().setup()
        self.wfile = _ThrottledWriter(  # type: ignore[assignment]
            self.wfile, self.budget, self.meter)

    def do_GET(self) -> None:
        if self.delay_s:
            time.sleep(self.delay_s)
        super().do_GET()


@dataclass
class LineServer(SiteServer):
    """A running throttled host and the bytes it has sent so far."""

    meter: Meter | None = None

    def sent(self) -> int:
        return self.meter.sent if self.meter else 0


@contextlib.contextmanager
def serve_line(
    directory: Path, line: Line, headers: Mapping[str, str] | None = None
) -> Iterator[LineServer]:
    """Serve ``directory`` gzipped on 127.0.0.1 through ``line`` (a fresh budget)."""
    budget = _Budget(line.mbit * 1e6 / 8) if line.mbit else None
    meter = Meter()
    handler = type("Handler", (_ThrottledHandler,), {
        "extra_headers": dict(headers or {}), "compress": True,
        "budget": budget, "meter": meter, "delay_s": line.delay_ms / 1000,
    })
    server = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield LineServer(url=f"http://{host!s}:{port}/", directory=directory, meter=meter)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
