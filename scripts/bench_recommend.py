"""Benchmark: median time of ``recommend()`` (with its what-would-change search) in CPython.

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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calculator import decode_query, recommend  # noqa: E402
from calculator.web import compute  # noqa: E402

SCENARIOS = {
    "defaults": "",
    "prototype": "examples=50&task=general&stage=exploring&consistency=flexible&deadline_weeks=2",
    "mature": "examples=50000&stage=scaling&consistency=critical&latency=critical"
              "&ml_expertise=strong&evals=rigorous&deadline_weeks=26&upfront_budget=100000",
    "private": "examples=3000&data_policy=must-stay-internal&tuned_hosting_monthly=1500",
}


def measure(fn: object, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    rows = []
    for name, query in SCENARIOS.items():
        scenario = decode_query(query)
        recommend(scenario)  # warm up
        rec = measure(lambda s=scenario: recommend(s), args.runs)
        web = measure(lambda q=query: compute(q), args.runs)
        rows.append({
            "scenario": name,
            "recommend_median_ms": round(statistics.median(rec), 3),
            "recommend_p90_ms": round(statistics.quantiles(rec, n=10)[-1], 3),
            "compute_median_ms": round(statistics.median(web), 3),
            "runs": args.runs,
        })
    print(f"recommend() in CPython {platform.python_version()}, {args.runs} runs each")
    print(f"{'scenario':<10} {'median ms':>10} {'p90 ms':>8} {'web.compute ms':>15}")
    for row in rows:
        print(f"{row['scenario']:<10} {row['recommend_median_ms']:>10.2f} "
              f"{row['recommend_p90_ms']:>8.2f} {row['compute_median_ms']:>15.2f}")
    out = ROOT / "bench-results" / "recommend.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"python": platform.python_version(), "rows": rows}, indent=2))
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
