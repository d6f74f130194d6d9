"""Timing and reporting shared by the peer scripts: the same figures as the Swift harness's
`Stats` (nearest-rank percentiles, milliseconds), printed as a JSON array on the last stdout line.

Also puts the repository's scripts/ folder on the import path for the model helpers there.
"""

import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))


def measure(name, iterations, body, warmup=2):
    """Runs `body` `warmup` times unmeasured, then `iterations` times; returns the Stats dict."""
    for _ in range(warmup):
        body()
    samples = []
    for _ in range(iterations):
        start = time.perf_counter_ns()
        body()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    samples.sort()

    def percentile(p):  # rounding half up, like Swift's rounded(), not Python's round-half-even
        return samples[min(len(samples) - 1, math.floor(p * (len(samples) - 1) + 0.5))]

    stats = {"name": name, "iterations": len(samples), "p50": percentile(0.5),
             "p90": percentile(0.9), "p99": percentile(0.99), "mean": sum(samples) / len(samples)}
    print(f"{name}: p50 {stats['p50']:.2f} ms, p90 {stats['p90']:.2f} ms, mean {stats['mean']:.2f} ms"
          f" over {len(samples)} runs", flush=True)
    return stats


def report(stats):
    """Prints the figures as the harness reads them: a JSON array on the last line of stdout."""
    print(json.dumps(stats), flush=True)
