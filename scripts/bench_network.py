"""Cold and warm calculator starts through a throttled host, as ratios to a bare Pyodide boot.

Part ``--network`` of ``scripts/bench_site.py``. Chromium's network emulation
does not slow a worker's downloads, so the host itself is throttled
(``tests/throttled_host.py``: one bandwidth budget shared by all requests, a
delay per request, gzip, ``Cache-Control: max-age=600`` as GitHub Pages sends).

For each line, a shared link (the issue's fine-tuning scenario) is opened cold
(a new browser context per run) until its first live result, and a bare
Pyodide boot (``loadPyodide()`` and one line of Python in a module worker, from
the same host and path) until it answers; runs alternate, so a busy machine
slows both alike. Warm: the same page reloaded in its context, the calculator
with its service worker's offline copy (a returning reader), the bare boot from
the browser's HTTP cache (Playwright's contexts keep it in memory, where the
6.9 MB snapshot does not always stay). Bytes: what the
host sent for one cold run. Every figure is reported next to the bare boot's
from the same run, as a ratio.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.throttled_host import Line, LineServer, serve_line

LINES = (Line(5, 60), Line(10, 60), Line(40, 20), Line(0, 0))
WARM_LINES = (Line(10, 60), Line(0, 0))
HOST_HEADERS = {"Cache-Control": "max-age=600"}
LINK = (
    "calculator/?examples=60000&examples_per_month=2000&stage=scaling&consistency=critical"
    "&data_policy=must-stay-internal&deadline_weeks=16&upfront_budget=150000"
    "&ml_expertise=strong&evals=rigorous&monthly_requests=400000&input_tokens=600"
    "&output_tokens=20&prompt_tokens=2500&tuned_prompt_tokens=100"
    "&prompt_hosting_monthly=4000&tuned_hosting_monthly=4000"
)
BARE = "_bench/bare/"
GOALS = {"10 Mbit/s + 60 ms": 0.8, "localhost": 0.5}
NEVER_ABOVE = 1.0
WARM_GOAL = 0.3

Measure = Callable[[Any, str], float]


def median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else float("nan")


def cold(browser: Any, server: LineServer, path: str, measure: Measure) -> tuple[float, int]:
    """One cold run: milliseconds to the answer and bytes the host sent."""
    context = browser.new_context(service_workers="block")
    try:
        before = server.sent()
        ms = measure(context.new_page(), server.page_url(path))
        return ms, server.sent() - before
    finally:
        context.close()


def warm(browser: Any, server: LineServer, path: str, measure: Measure, runs: int,
         offline_copy: bool = False) -> list[float]:
    """Reloads after one visit. ``offline_copy``: with the site's service worker, once it
    has kept the engine (a returning reader); else the browser's HTTP cache alone."""
    context = browser.new_context(service_workers="allow" if offline_copy else "block")
    try:
        page = context.new_page()
        measure(page, server.page_url(path))
        if offline_copy:
            page.wait_for_function(
                "() => performance.getEntriesByName('offline:engine-kept').length > 0",
                timeout=120_000)
        return [measure(page, server.page_url(path)) for _ in range(runs)]
    finally:
        context.close()


def chosen_lines(names: str) -> tuple[Line, ...]:
    """The lines named in ``names`` (``"10,localhost"``: by Mbit/s or ``localhost``), or all."""
    wanted = {name.strip() for name in names.split(",") if name.strip()}
    if not wanted:
        return LINES
    lines = tuple(line for line in LINES
                  if (line.name if not line.mbit else f"{line.mbit:g}") in wanted)
    if not lines:
        raise SystemExit(f"--lines {names!r}: choose from 5, 10, 40 and localhost")
    return lines


def bench_network(browser: Any, root: Path, runs: int, report: Any,
                  ours: Measure, bare: Measure, lines: str = "") -> None:
    """Every line's figures into ``report`` (rows, data and missed targets)."""
    figures: dict[str, Any] = {"runs": runs, "link": LINK, "lines": {}}
    for line in chosen_lines(lines):
        with serve_line(root, line, HOST_HEADERS) as server:
            times: dict[str, list[float]] = {"ours": [], "bare": []}
            sent: dict[str, list[int]] = {"ours": [], "bare": []}
            for _ in range(runs):
                for name, path, measure in (("ours", LINK, ours), ("bare", BARE, bare)):
                    ms, size = cold(browser, server, path, measure)
                    times[name].append(ms)
                    sent[name].append(size)
            entry: dict[str, Any] = {"cold_ms": times, "bytes": sent}
            ratio = median(times["ours"]) / median(times["bare"])
            byte_ratio = median([float(b) for b in sent["ours"]]) / median(
                [float(b) for b in sent["bare"]])
            entry["cold_ratio"] = ratio
            entry["bytes_ratio"] = byte_ratio
            report.add("network", f"{line.name}: cold link / bare (median of {runs})",
                       f"{median(times['ours']):7.0f} / {median(times['bare']):7.0f} ms"
                       f" = {ratio:5.2f}")
            report.add("network", f"{line.name}: bytes link / bare",
                       f"{median([float(b) for b in sent['ours']]) / 1e6:5.2f} / "
                       f"{median([float(b) for b in sent['bare']]) / 1e6:5.2f} MB"
                       f" = {byte_ratio:5.2f}")
            goal = GOALS.get(line.name, NEVER_ABOVE)
            if ratio > goal:
                report.failures.append(f"{line.name}: cold ratio {ratio:.2f} > {goal}")
            if line in WARM_LINES:
                ours_warm = warm(browser, server, LINK, ours, runs, offline_copy=True)
                bare_warm = warm(browser, server, BARE, bare, runs)
                warm_ratio = median(ours_warm) / median(bare_warm)
                entry["warm_ms"] = {"ours": ours_warm, "bare": bare_warm}
                entry["warm_ratio"] = warm_ratio
                report.add("network", f"{line.name}: warm link / bare (median of {runs})",
                           f"{median(ours_warm):7.0f} / {median(bare_warm):7.0f} ms"
                           f" = {warm_ratio:5.2f}")
                if warm_ratio > WARM_GOAL:
                    report.failures.append(f"{line.name}: warm ratio {warm_ratio:.2f} > "
                                           f"{WARM_GOAL}")
            figures["lines"][line.name] = entry
    report.data["network"] = figures
