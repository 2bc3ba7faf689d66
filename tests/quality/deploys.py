"""A host that can be redeployed and switched off, for the offline-across-deploys tests.

Why not ``tests.conftest.serve``: these tests need three things it does not
do. The same origin must serve one build and then another (a service worker
and its caches belong to an origin), the server must really stop (Playwright's
``set_offline`` does not block a service worker's own requests), and missing
addresses must get the site's ``404.html`` with status 404, as GitHub Pages
answers them. Every request path is recorded so that a test can tell what a
deploy downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path
from typing import Any

from tests.conftest import SiteServer, _SiteHandler, build_site
from tests.test_build import _copy_project as copy_project

from .support import site_path_prefix


class _DeployHandler(_SiteHandler):
    """Static files under the site's path prefix, the site's 404 page, a request log."""

    requests: list[str]
    site_root: Path
    connections: set[socket.socket]

    def setup(self) -> None:
        super().setup()
        self.connections.add(self.connection)

    def finish(self) -> None:
        self.connections.discard(self.connection)
        super().finish()

    def do_GET(self) -> None:
        self.requests.append(self.path.split("?", 1)[0])
        super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.site_root / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class DeployServer:
    """Serves one built site at a time under ``site_url``'s path, on one fixed origin."""

    def __init__(self, workdir: Path) -> None:
        self.requests: list[str] = []
        self._connections: set[socket.socket] = set()
        prefix = site_path_prefix().strip("/")
        self._root = workdir / "host"
        self._mount = self._root / prefix if prefix else self._root
        self._mount.parent.mkdir(parents=True, exist_ok=True)
        handler = type(
            "Handler",
            (_DeployHandler,),
            {"requests": self.requests, "site_root": self._mount,
             "connections": self._connections},
        )
        self._server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(handler, directory=str(self._root))
        )
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.site = SiteServer(
            url=f"http://{host!s}:{port}/" + (prefix + "/" if prefix else ""),
            directory=self._mount,
        )
        self._thread: threading.Thread | None = None

    def deploy(self, site_dir: Path) -> None:
        """Publish ``site_dir``: from the next request on, the host serves it."""
        if self._mount.is_symlink():
            self._mount.unlink()
        self._mount.symlink_to(site_dir, target_is_directory=True)
        self.requests.clear()

    def start(self) -> DeployServer:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Shut the server down and close every socket, kept-alive connections included.

        Closing only the listening socket is not enough: the browser keeps
        HTTP/1.1 connections open and would go on being answered on them.
        """
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
        for connection in list(self._connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> DeployServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def build_changed_site(workdir: Path, marker: str) -> Path:
    """Build a copy of the project whose Fundamentals page ends with ``marker``.

    The engine (Pyodide and the calculator archive) is unchanged, as in a
    deploy that only edits guidance.
    """
    project = copy_project(workdir)
    page = project / "docs" / "fundamentals.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
    site = workdir / "site-changed"
    process = build_site(site, config_file=project / "mkdocs.yml")
    assert process.returncode == 0, process.stdout + process.stderr
    return site
