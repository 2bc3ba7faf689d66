"""Shared fixtures: the strictly built site, a local static server and Chromium.

Why these live here: the build, browser and quality tests all look at the same
built site, so it is built once per test run (strictly, never with ``-v``:
MkDocs 1.6 skips anchor validation at debug verbosity) and served by one small
threaded server on 127.0.0.1 that sends the MIME types a host must send. With
pytest-xdist (``scripts/test.sh`` runs ``-n auto``) the workers share that one
build: the first to need it builds under a file lock, the others wait and reuse
it. Each worker has one Chromium for all its tests.

Browser tests use Debian's Chromium through Playwright. When it is missing the
tests fail loudly with the set-up command to run; they are never skipped.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMIUM_ARGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


# Builds of copies of the project reuse the engine snapshot this checkout made
# (its name hashes all its inputs, so a changed calculator still gets its own).
os.environ.setdefault("TUNE_OR_PROMPT_SNAPSHOT_CACHE", str(ROOT / ".cache" / "snapshots"))


def build_site(site_dir: Path, config_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` into ``site_dir`` and return the finished process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config_file is not None:
        command += ["--config-file", str(config_file)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )


def run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder shared by every xdist worker of this run (this session's own without xdist)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (across processes) while inside."""
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as ``mkdocs build --strict`` makes it, built once per run (see above).

    With ``TUNE_OR_PROMPT_SITE`` set (CI), the tests use that already built
    directory instead, so that the site deployed is exactly the site tested.
    """
    prebuilt = os.environ.get("TUNE_OR_PROMPT_SITE")
    if prebuilt:
        site_dir = (ROOT / prebuilt).resolve()
        if not (site_dir / "index.html").is_file():
            pytest.fail(f"TUNE_OR_PROMPT_SITE={prebuilt}: no built site there")
        return site_dir
    shared = run_root(tmp_path_factory)
    site_dir = shared / "built-site"
    outcome = shared / "built-site.outcome"
    with exclusive(shared / "built-site.lock"):
        if not outcome.exists():
            shutil.rmtree(site_dir, ignore_errors=True)
            process = build_site(site_dir)
            outcome.write_text(
                "ok" if process.returncode == 0 else
                f"mkdocs build --strict failed:\n{process.stdout}\n{process.stderr}",
                encoding="utf-8",
            )
    report = outcome.read_text(encoding="utf-8")
    if report != "ok":
        pytest.fail(report)
    return site_dir


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the MIME types and headers a real host would send."""

    extensions_map: Mapping[str, str] = {  # type: ignore[misc]
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }
    extra_headers: Mapping[str, str] = {}
    compress = False
    compressible = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".wasm", ".xml", ".txt")
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        """Gzip text and WebAssembly when asked to, as production hosts do."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the directory redirect
                return
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file()
                and path.suffix in self.compressible):
            super().do_GET()
            return
        body = _gzipped(str(path), path.stat().st_mtime)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime: float) -> bytes:
    """Compressed bytes of a file, computed once per version of it."""
    return gzip.compress(Path(path).read_bytes(), compresslevel=6)


@dataclass
class SiteServer:
    """A running local server for a built site."""

    url: str
    directory: Path

    def page_url(self, path: str = "") -> str:
        """Absolute URL of a site-relative path such as ``calculator/``."""
        return self.url + path.lstrip("/")


class _QuietServer(http.server.ThreadingHTTPServer):
    """Says nothing when a browser drops a connection (a closed page, a cancelled download)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(
    directory: Path, headers: Mapping[str, str] | None = None, *, compress: bool = False
) -> Iterator[SiteServer]:
    """Serve ``directory`` on 127.0.0.1 at a free port, with optional extra headers.

    ``compress`` gzips text and WebAssembly responses, as a production host would.
    """
    handler = type(
        "Handler", (_SiteHandler,), {"extra_headers": dict(headers or {}), "compress": compress}
    )
    server = _QuietServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield SiteServer(url=f"http://{host!s}:{port}/", directory=directory)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[SiteServer]:
    """The strictly built site on a local server."""
    with serve(built_site) as server:
        yield server


def chromium_executable() -> str:
    """Path of Debian's Chromium; fails the test (never skips) when it is missing."""
    configured = os.environ.get("CHROMIUM_PATH")
    candidates = (configured,) if configured else CHROMIUM_CANDIDATES
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    pytest.fail(
        "Chromium is required for the browser tests but was not found. "
        "Run 'bash scripts/setup.sh' (installs Debian's chromium) or set CHROMIUM_PATH."
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser context (empty cache and storage) per test."""
    ctx = browser.new_context(service_workers="block")
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context: Any) -> Any:
    """A fresh page in a fresh context."""
    return context.new_page()
