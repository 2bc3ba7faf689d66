"""Benchmarks of the built site: build time, calculator boot, recompute, bytes, Lighthouse.

Usage (from the repository root, after ``bash scripts/setup.sh``)::

    .venv/bin/python scripts/bench_site.py              # every part
    .venv/bin/python scripts/bench_site.py --quick      # a fast smoke run
    .venv/bin/python scripts/bench_site.py --boot --recompute --runs 7

Parts (all when none is chosen):

``--build``       time of ``mkdocs build --strict`` (median of 3; 1 with --quick).
``--boot``        navigation to the calculator's first live (Pyodide-computed)
                  result, cold (a new browser context each run) and warm (a
                  reload in the same context), next to a bare Pyodide boot
                  (``loadPyodide()`` and one ``runPython`` in a module worker)
                  served from the same server and the same versioned path.
                  The headline figure is the ratio ours / bare (goal <= 0.5:
                  the engine restores a memory snapshot instead of booting).
``--recompute``   an input change to the updated result on screen (median of 20).
``--bytes``       bytes transferred per page load, cold (the local server does
                  not compress, so gzip sizes are computed from the files too);
                  guidance pages must stay under 300 KB gzipped (as a host that
                  compresses sends them) and load no Pyodide bytes.
                  For the calculator, the engine's compressed bytes are also
                  measured with the memory snapshot blocked (a normal boot, as
                  before the snapshot existed): the snapshot may cost at most
                  1.5x those.
``--network``     cold shared-link and warm starts through a throttled host (5, 10 and
                  40 Mbit/s and localhost), each a ratio to a bare Pyodide boot on
                  the same host in the same run, and the bytes sent (see
                  scripts/bench_network.py); medians of --runs (default 3).
``--lighthouse``  Lighthouse scores (mobile) for the overview and calculator pages,
                  served gzipped; median of 3 runs (1 with --quick).

Times are read from the page's own clock (``performance`` marks, whose time
origin is the navigation start), so the harness adds nothing. The figures are
printed as a table and written to ``bench-results/site-<time>.json`` and
``bench-results/site-latest.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench_network import bench_network  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, SiteServer, serve  # noqa: E402

RESULTS_DIR = ROOT / "bench-results"
CALCULATOR = "calculator/"
GUIDANCE_LIMIT_BYTES = 300 * 1024
BOOT_GOAL = 0.5
ENGINE_BYTES_GOAL = 1.5
SNAPSHOT_URL = re.compile(r".*/calculator-snapshot-[0-9a-f]+\.bin\.gz$")
TIMEOUT_MS = 120_000
RECOMPUTE_VALUES = ("500", "2500", "12000", "40000", "900", "15000", "3000", "60000")

# The bare boot: a page that starts a module worker which boots Pyodide from
# the same versioned path as the calculator and runs one line of Python.
BARE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bare Pyodide boot</title>
<script type="module" src="bare.mjs"></script></head>
<body><p id="state" data-state="loading">loading</p></body></html>
"""
BARE_MAIN = """const worker = new Worker(
  new URL("worker.mjs", import.meta.url), { type: "module" });
worker.onmessage = (event) => {
  performance.mark("bare:ready");
  const state = document.getElementById("state");
  state.dataset.state = "ready";
  state.textContent = String(event.data);
};
"""
BARE_WORKER = """import { loadPyodide } from "../../{base}pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../../{base}", import.meta.url).href });
postMessage(pyodide.runPython("sum(range(10))"));
"""


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


@dataclass
class Report:
    """Every figure, printed as a table and saved as JSON."""

    rows: list[tuple[str, str, str]] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, section: str, name: str, value: str) -> None:
        self.rows.append((section, name, value))
        print(f"  {section:<12} {name:<46} {value}", flush=True)

    def print_table(self) -> None:
        width = max(len(name) for _, name, _ in self.rows) if self.rows else 10
        print("\n" + "=" * (width + 40))
        current = None
        for section, name, value in self.rows:
            if section != current:
                print(f"\n[{section}]")
                current = section
            print(f"  {name:<{width}}  {value}")
        if self.failures:
            print("\nTargets missed:")
            for failure in self.failures:
                print(f"  - {failure}")
        print()


# --- environment -------------------------------------------------------------


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if not Path(path).is_file():
        sys.exit(f"Chromium not found at {path}: run 'bash scripts/setup.sh' or set CHROMIUM_PATH")
    return path


def machine() -> dict[str, Any]:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    version = subprocess.run(
        [chromium_path(), "--version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu or platform.processor(),
        "chromium": version,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def build(site_dir: Path) -> float:
    """Build the site strictly into ``site_dir``; seconds taken."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{process.stdout}\n{process.stderr}")
    return elapsed


@contextlib.contextmanager
def bench_root(site_dir: Path) -> Iterator[Path]:
    """The built site plus the bare Pyodide page under ``_bench/bare/``, in a temp dir."""
    base = next(
        p.relative_to(site_dir).as_posix() + "/"
        for p in (site_dir / "assets" / "pyodide").iterdir()
        if p.is_dir()
    )
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temp:
        root = Path(temp)
        for entry in site_dir.iterdir():
            (root / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
        bare = root / "_bench" / "bare"
        bare.mkdir(parents=True)
        (bare / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        (bare / "bare.mjs").write_text(BARE_MAIN, encoding="utf-8")
        (bare / "worker.mjs").write_text(BARE_WORKER.replace("{base}", base), encoding="utf-8")
        yield root


# --- browser measurements ------------------------------------------------------


def mark_time(page: Any, names: tuple[str, ...], ready: str) -> float:
    """Wait for ``ready`` (a JS expression), then the first of ``names``' mark time in ms."""
    page.wait_for_function(ready, timeout=TIMEOUT_MS)
    value = page.evaluate(
        """(names) => {
            for (const name of names) {
                const [entry] = performance.getEntriesByName(name);
                if (entry) return entry.startTime;
            }
            return null;
        }""",
        list(names),
    )
    if value is None:
        raise RuntimeError(f"none of the marks {names} was set")
    return float(value)


OURS_READY = (
    "() => performance.getEntriesByName('calculator:first-live-result').length > 0"
    " || document.querySelector('#calculator-result[data-source=live]') !== null"
)
OURS_MARKS = ("calculator:first-live-result", "calculator:result")
BARE_READY = "() => performance.getEntriesByName('bare:ready').length > 0"


def first_live_ms(page: Any, url: str) -> float:
    page.goto(url)
    try:
        return mark_time(page, OURS_MARKS, OURS_READY)
    except RuntimeError:
        # No mark: fall back to the page clock when the live result is seen.
        return float(page.evaluate("() => performance.now()"))


def bare_ms(page: Any, url: str) -> float:
    page.goto(url)
    return mark_time(page, ("bare:ready",), BARE_READY)


def boot_runs(browser: Any, url: str, measure: Callable[[Any, str], float], runs: int,
              service_workers: str = "block") -> dict[str, list[float]]:
    """Cold: a new context per run. Warm: one context, warmed once, then reloads."""
    cold = []
    for _ in range(runs):
        context = browser.new_context(service_workers=service_workers)
        try:
            cold.append(measure(context.new_page(), url))
        finally:
            context.close()
    warm = []
    context = browser.new_context(service_workers=service_workers)
    try:
        page = context.new_page()
        measure(page, url)
        if service_workers == "allow":
            page.wait_for_function(
                "() => performance.getEntriesByName('offline:engine-kept').length > 0",
                timeout=TIMEOUT_MS,
            )
        for _ in range(runs):
            warm.append(measure(page, url))
    finally:
        context.close()
    return {"cold": cold, "warm": warm}


def bench_boot(browser: Any, server: SiteServer, runs: int, report: Report) -> None:
    ours: dict[str, list[float]] = {"cold": [], "warm": []}
    bare: dict[str, list[float]] = {"cold": [], "warm": []}
    # Interleave ours and bare so that load on the shared machine hits both alike.
    for _ in range(runs):
        for target, url, measure in (
            (ours, server.page_url(CALCULATOR), first_live_ms),
            (bare, server.page_url("_bench/bare/"), bare_ms),
        ):
            result = boot_runs(browser, url, measure, 1)
            target["cold"] += result["cold"]
            target["warm"] += result["warm"]
    sw = boot_runs(browser, server.page_url(CALCULATOR), first_live_ms, max(1, runs // 2),
                   service_workers="allow")
    figures: dict[str, Any] = {"runs": runs, "ours": ours, "bare": bare,
                               "ours_service_worker_warm": sw["warm"]}
    for kind in ("cold", "warm"):
        ours_ms, bare_ms_ = median(ours[kind]), median(bare[kind])
        ratio = ours_ms / bare_ms_
        figures[f"{kind}_median_ms"] = {"ours": ours_ms, "bare": bare_ms_, "ratio": ratio}
        report.add("boot", f"first live result, {kind} (median of {runs})", f"{ours_ms:8.0f} ms")
        report.add("boot", f"bare Pyodide boot, {kind} (median of {runs})", f"{bare_ms_:8.0f} ms")
        report.add("boot", f"ratio ours/bare, {kind} (goal <= {BOOT_GOAL})", f"{ratio:8.2f}")
        if ratio > BOOT_GOAL:
            report.failures.append(f"boot ratio {kind} {ratio:.2f} >= {BOOT_GOAL}")
    report.add("boot", f"first live result, warm via service worker (median of "
               f"{len(sw['warm'])})", f"{median(sw['warm']):8.0f} ms")
    report.data["boot"] = figures


RECOMPUTE_SCRIPT = """async ([name, value]) => {
    const control = document.querySelector(`#calculator [name="${name}"]`);
    const before = performance.getEntriesByName("calculator:result").length;
    const done = new Promise((resolve) => {
        const observer = new PerformanceObserver(() => {
            const marks = performance.getEntriesByName("calculator:result");
            if (marks.length > before) {
                observer.disconnect();
                resolve(marks[marks.length - 1].startTime);
            }
        });
        observer.observe({ type: "mark" });
    });
    const started = performance.now();
    control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
    const marked = await done;
    // On screen: the frame after the result was written.
    const painted = await new Promise((resolve) =>
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
    return [marked - started, painted - started];
}"""


def bench_recompute(browser: Any, server: SiteServer, runs: int, report: Report) -> None:
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        first_live_ms(page, server.page_url(CALCULATOR))
        result_ms, screen_ms = [], []
        for index in range(runs):
            value = RECOMPUTE_VALUES[index % len(RECOMPUTE_VALUES)]
            marked, painted = page.evaluate(RECOMPUTE_SCRIPT, ["examples", value])
            result_ms.append(float(marked))
            screen_ms.append(float(painted))
    finally:
        context.close()
    report.add("recompute", f"input change -> result in DOM (median of {runs})",
               f"{median(result_ms):8.1f} ms")
    report.add("recompute", f"input change -> next frame (median of {runs})",
               f"{median(screen_ms):8.1f} ms")
    report.data["recompute"] = {"runs": runs, "result_ms": result_ms, "screen_ms": screen_ms,
                                "median_result_ms": median(result_ms),
                                "median_screen_ms": median(screen_ms)}


def gzip_size(path: Path, cache: dict[Path, int]) -> int:
    if path not in cache:
        cache[path] = len(gzip.compress(path.read_bytes(), compresslevel=6))
    return cache[path]


def local_file(site_dir: Path, server: SiteServer, url: str) -> Path | None:
    if not url.startswith(server.url):
        return None
    relative = unquote(urlsplit(url).path).lstrip("/")
    path = site_dir / relative
    if path.is_dir() or relative == "" or relative.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def page_bytes(browser: Any, server: SiteServer, site_dir: Path, path: str,
               gz_cache: dict[Path, int], *, block_snapshot: bool = False) -> dict[str, Any]:
    """Bytes of one cold page load (the calculator: until its first live result)."""
    context = browser.new_context(service_workers="block")
    if block_snapshot:
        context.route(SNAPSHOT_URL, lambda route: route.abort())
    finished: list[Any] = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = context.new_page()
        if path == CALCULATOR:
            first_live_ms(page, server.page_url(path))
        else:
            page.goto(server.page_url(path))
        page.wait_for_load_state("networkidle")
        total = gz = 0
        pyodide = pyodide_gz = 0
        outside = []
        for request in finished:
            size = request.sizes()
            body = int(size["responseBodySize"])
            total += body + int(size["responseHeadersSize"])
            file = local_file(site_dir, server, request.url)
            gz += gzip_size(file, gz_cache) if file else body
            if "/assets/pyodide/" in request.url or "/assets/calculator/" in request.url:
                pyodide += body
                pyodide_gz += gzip_size(file, gz_cache) if file else body
            # A blob: URL (the engine's worker is made from one) carries the
            # origin of the page that made it.
            if not request.url.removeprefix("blob:").startswith(server.url):
                outside.append(request.url)
    finally:
        context.close()
    return {"requests": len(finished), "bytes": total, "gzip_bytes": gz,
            "pyodide_bytes": pyodide, "engine_gzip_bytes": pyodide_gz, "outside": outside}


def bench_bytes(browser: Any, server: SiteServer, site_dir: Path, pages: list[str],
                report: Report) -> None:
    gz_cache: dict[Path, int] = {}
    figures = {}
    for path in pages:
        result = page_bytes(browser, server, site_dir, path, gz_cache)
        figures[path or "/"] = result
        report.add(
            "bytes", f"{path or '/ (overview)'} ({result['requests']} requests)",
            f"{result['bytes'] / 1024:9.1f} KB  (gzip {result['gzip_bytes'] / 1024:8.1f} KB)",
        )
        if path != CALCULATOR:
            # What a visitor receives from a host that compresses, as GitHub
            # Pages does; the largest file is the theme's search index.
            if result["gzip_bytes"] >= GUIDANCE_LIMIT_BYTES:
                report.failures.append(
                    f"{path or '/'} transfers {result['gzip_bytes']} bytes (gzip)")
            if result["pyodide_bytes"]:
                report.failures.append(
                    f"{path or '/'} loads {result['pyodide_bytes']} Pyodide bytes")
        if result["outside"]:
            report.failures.append(f"{path or '/'} requests other origins: {result['outside']}")
    if CALCULATOR in figures:
        bench_engine_bytes(browser, server, site_dir, figures, gz_cache, report)
    report.data["bytes"] = figures


def bench_engine_bytes(browser: Any, server: SiteServer, site_dir: Path,
                       figures: dict[str, Any], gz_cache: dict[Path, int],
                       report: Report) -> None:
    """Compressed engine bytes of a cold calculator visit, with and without the snapshot."""
    after = figures[CALCULATOR]["engine_gzip_bytes"]
    before = page_bytes(browser, server, site_dir, CALCULATOR, gz_cache,
                        block_snapshot=True)["engine_gzip_bytes"]
    ratio = after / before
    figures["engine_gzip_bytes"] = {"snapshot": after, "normal_boot": before, "ratio": ratio}
    report.add("bytes", "engine, cold, gzip: snapshot start", f"{after / 1e6:8.2f} MB")
    report.add("bytes", "engine, cold, gzip: normal boot (before)", f"{before / 1e6:8.2f} MB")
    report.add("bytes", f"engine bytes ratio (goal <= {ENGINE_BYTES_GOAL})", f"{ratio:8.2f}")
    if ratio > ENGINE_BYTES_GOAL:
        report.failures.append(f"engine bytes ratio {ratio:.2f} > {ENGINE_BYTES_GOAL}")


def lighthouse_once(server: SiteServer, path: str, report: Report) -> dict[str, Any] | None:
    """One Lighthouse report (mobile) of one page, or None after noting the failure."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temp:
        output = Path(temp) / "report.json"
        process = subprocess.run(
            [str(ROOT / "scripts" / "lighthouse"), server.page_url(path),
             "--output=json", f"--output-path={output}", "--quiet"],
            cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
        )
        if process.returncode != 0 or not output.is_file():
            report.failures.append(
                f"lighthouse failed on {path or '/'}: {process.stderr[-500:]}")
            return None
        lhr: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
        return lhr


def bench_lighthouse(server: SiteServer, pages: list[str], runs: int, report: Report) -> None:
    """Each page ``runs`` times; the run with the median performance score is reported."""
    if not shutil.which("node"):
        sys.exit("node is required for Lighthouse: run 'bash scripts/setup.sh'")
    figures = {}
    for path in pages:
        reports = [lhr for lhr in (lighthouse_once(server, path, report) for _ in range(runs))
                   if lhr is not None]
        if not reports:
            continue
        reports.sort(key=lambda lhr: lhr["categories"]["performance"]["score"] or 0)
        lhr = reports[len(reports) // 2]
        all_performance = [round(100 * (r["categories"]["performance"]["score"] or 0))
                           for r in reports]
        scores = {key: round(100 * (cat["score"] or 0)) for key, cat in lhr["categories"].items()}
        failing = sorted(
            f"{key}:{audit_id}"
            for key, category in lhr["categories"].items()
            for ref in category["auditRefs"]
            if ref["weight"] > 0
            for audit_id in [ref["id"]]
            if (lhr["audits"][audit_id].get("score") is not None
                and lhr["audits"][audit_id]["score"] < 1)
        )
        metrics = {
            name: lhr["audits"][name]["numericValue"]
            for name in ("first-contentful-paint", "largest-contentful-paint",
                         "total-blocking-time", "cumulative-layout-shift", "speed-index")
            if name in lhr["audits"]
        }
        figures[path or "/"] = {"scores": scores, "below_full_marks": failing, "metrics": metrics,
                                "performance_all_runs": all_performance}
        report.add(
            "lighthouse", f"{path or '/ (overview)'} perf/a11y/best/seo (median of {len(reports)})",
            "{performance:4d} {accessibility:4d} {best-practices:4d} {seo:4d}".format(**scores),
        )
        report.add("lighthouse", f"{path or '/ (overview)'} performance, every run",
                   " ".join(str(score) for score in all_performance))
        report.add("lighthouse", f"{path or '/ (overview)'} FCP / LCP / TBT",
                   f"{metrics.get('first-contentful-paint', 0):.0f} ms / "
                   f"{metrics.get('largest-contentful-paint', 0):.0f} ms / "
                   f"{metrics.get('total-blocking-time', 0):.0f} ms")
        if failing:
            report.add("lighthouse", f"{path or '/ (overview)'} audits below 1", ", ".join(failing))
        if scores["performance"] < 95:
            report.failures.append(
                f"lighthouse performance {scores['performance']} on {path or '/'}")
        for key in ("accessibility", "best-practices", "seo"):
            if scores[key] < 100:
                report.failures.append(f"lighthouse {key} {scores[key]} on {path or '/'}")
    report.data["lighthouse"] = figures


# --- main ----------------------------------------------------------------------


def site_pages(site_dir: Path) -> list[str]:
    pages = []
    for path in sorted(site_dir.rglob("index.html")):
        relative = path.relative_to(site_dir).as_posix()
        if not relative.startswith(("assets/", "_bench/")):
            pages.append(relative.removesuffix("index.html"))
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for part in ("build", "boot", "recompute", "bytes", "network", "lighthouse"):
        parser.add_argument(f"--{part}", action="store_true", help=f"run the {part} part")
    parser.add_argument("--quick", action="store_true", help="few runs: a smoke test")
    parser.add_argument("--runs", type=int, default=None, help="boot runs (default 5)")
    parser.add_argument("--lines", default="",
                        help="--network only on these lines, e.g. '10,localhost' (default: all)")
    parser.add_argument("--site", type=Path, default=None,
                        help="an already built site to measure (skips the build)")
    args = parser.parse_args(argv)
    every = ("build", "boot", "recompute", "bytes", "network", "lighthouse")
    parts = {p for p in every if getattr(args, p)} or set(every)
    boot_runs_n = args.runs or (1 if args.quick else 5)
    recompute_n = 3 if args.quick else 20

    report = Report()
    report.data["machine"] = machine()
    report.data["when"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    report.data["quick"] = args.quick
    print(f"machine: {report.data['machine']}", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-build-") as temp:
        site_dir = args.site.resolve() if args.site else Path(temp) / "site"
        if "build" in parts or not args.site:
            times = [build(Path(temp) / "site") for _ in range(1 if args.quick else 3)]
            if "build" in parts:
                report.add("build", f"mkdocs build --strict (median of {len(times)})",
                           f"{median(times):8.2f} s")
                report.data["build"] = {"seconds": times, "median_s": median(times)}
        pages = site_pages(site_dir)
        with bench_root(site_dir) as root, serve(root) as server:
            print(f"serving {site_dir} at {server.url}", flush=True)
            if parts & {"boot", "recompute", "bytes", "network"}:
                from playwright.sync_api import sync_playwright

                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=chromium_path(), args=list(CHROMIUM_ARGS)
                    )
                    try:
                        if "boot" in parts:
                            bench_boot(browser, server, boot_runs_n, report)
                        if "recompute" in parts:
                            bench_recompute(browser, server, recompute_n, report)
                        if "bytes" in parts:
                            chosen = pages if not args.quick else ["", CALCULATOR]
                            bench_bytes(browser, server, site_dir, chosen, report)
                        if "network" in parts:
                            bench_network(browser, root, args.runs or (1 if args.quick else 3),
                                          report, first_live_ms, bare_ms, args.lines)
                    finally:
                        browser.close()
            if "lighthouse" in parts:
                # Lighthouse scores what a visitor of a real host gets, so this
                # server gzips like one (the figures above stay uncompressed).
                chosen = [""] if args.quick else ["", CALCULATOR]
                with serve(root, compress=True) as gzip_server:
                    bench_lighthouse(gzip_server, chosen, 1 if args.quick else 3, report)

    report.print_table()
    report.data["rows"] = report.rows
    report.data["targets_missed"] = report.failures
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    text = json.dumps(report.data, indent=2, default=str)
    (RESULTS_DIR / f"site-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS_DIR / "site-latest.json").write_text(text, encoding="utf-8")
    print(f"written: {RESULTS_DIR / f'site-{stamp}.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
