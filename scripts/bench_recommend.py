"""Benchmark: time per call of ``recommend()`` (what-would-change search included) in CPython.

The browser recomputes on every keystroke through ``calculator.web.compute``,
which adds the HTML and Markdown rendering, so both are timed. Each scenario is
warmed up once, then timed call by call with ``time.perf_counter``.

Usage: .venv/bin/python scripts/bench_recommend.py [--runs N]
Prints a table and writes bench-results/recommend.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculator import decode_query, recommend  # noqa: E402
from calculator.web import compute  # noqa: E402

SCENARIOS = {
    "defaults": "",
    "prototype": "examples=50&examples_per_month=0&task=general&stage=exploring"
                 "&consistency=flexible&deadline_weeks=2",
    "mature": "examples=50000&stage=scaling&consistency=critical&latency=critical"
              "&ml_expertise=strong&evals=rigorous&deadline_weeks=26&upfront_budget=100000"
              "&monthly_requests=1000000",
    "private": "examples=3000&data_policy=must-stay-internal&tuned_hosting_monthly=1500",
}


def measure(call: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds per call, one sample per call."""
    call()  # warm up caches and lazy imports
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def p90(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=10)[-1] if len(samples) > 1 else samples[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="timed calls per scenario")
    args = parser.parse_args()
    runs = max(1, args.runs)
    rows = []
    for name, query in SCENARIOS.items():
        scenario = decode_query(query)
        rec = measure(lambda s=scenario: recommend(s), runs)  # type: ignore[misc]
        web = measure(lambda q=query: compute(q), runs)  # type: ignore[misc]
        rows.append({
            "scenario": name,
            "query": query,
            "verdict": recommend(scenario).verdict.value,
            "calls": runs,
            "recommend_median_ms": round(statistics.median(rec), 3),
            "recommend_p90_ms": round(p90(rec), 3),
            "compute_median_ms": round(statistics.median(web), 3),
            "compute_p90_ms": round(p90(web), 3),
        })
    print(f"recommend() and web.compute() in CPython {platform.python_version()}")
    header = (f"{'scenario':<10} {'verdict':<19} {'calls':>6} {'median ms':>10} {'p90 ms':>8} "
              f"{'compute median':>15} {'compute p90':>12}")
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row['scenario']:<10} {row['verdict']:<19} {row['calls']:>6} "
              f"{row['recommend_median_ms']:>10.2f} {row['recommend_p90_ms']:>8.2f} "
              f"{row['compute_median_ms']:>15.2f} {row['compute_p90_ms']:>12.2f}")
    out = ROOT / "bench-results" / "recommend.json"
    out.parent.mkdir(exist_ok=True)
    payload = {"python": platform.python_version(), "implementation":
               platform.python_implementation(), "machine": platform.machine(), "rows": rows}
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
