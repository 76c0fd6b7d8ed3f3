"""Benchmark: assess 100,000 SYNTHETIC indicator series at once (not a test).

Each synthetic target gets its own indicator with 2-10 yearly observations; kinds,
directions and target years are mixed. Prints the wall time of `progress.assess`
(best of 3) and the status counts. Goal: under 2 seconds on the 2-core machine.

    python benchmarks/assess_synthetic.py [N]
"""

import sys
import time
from datetime import date

import numpy as np
import pandas as pd

from analysis.assess.progress import assess

AS_OF = date(2026, 11, 25)  # 2025 deadlines passed: every rule is exercised


def synthetic_targets_and_observations(n: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.char.add("T1-", np.arange(n).astype(str))
    kind = rng.choice(["level_by_year", "reduction_vs_baseline", "cumulative_addition", "share_threshold"], n)
    direction = np.where(kind == "reduction_vs_baseline", "decrease", rng.choice(["increase", "decrease"], n))
    targets = pd.DataFrame({
        "target_id": ids, "indicator_id": np.char.add("synthetic_", np.arange(n).astype(str)), "kind": kind,
        "direction": direction, "comparator": np.where(direction == "increase", ">=", "<="),
        "baseline_year": pd.array(np.where(kind == "reduction_vs_baseline", 2020, pd.NA), dtype="Int64"),
        "baseline_value": np.where(kind == "cumulative_addition", 0.0, np.nan),
        "period_start": pd.array(np.where(kind == "cumulative_addition", 2021, pd.NA), dtype="Int64"),
        "target_year": pd.array(rng.choice([2025, 2030, 2035], n), dtype="Int64"),
        "target_value": np.where(kind == "reduction_vs_baseline", -13.5, rng.uniform(10, 200, n)),
    })
    points = rng.integers(2, 11, n)
    rows = np.repeat(np.arange(n), points)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(points) - points, points)
    observations = pd.DataFrame({
        "indicator_id": targets["indicator_id"].to_numpy()[rows], "geography": "district",
        "year": 2020 + offset, "value": rng.uniform(1, 100, len(rows)),
    })
    return targets, observations


def main(n: int = 100_000) -> None:
    targets, observations = synthetic_targets_and_observations(n)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        result = assess(targets, observations, "district", AS_OF)
        timings.append(time.perf_counter() - start)
    print(f"synthetic series: {n:,}; observations: {len(observations):,}")
    print(f"assess(): best {min(timings):.2f} s, all runs {', '.join(f'{t:.2f}' for t in timings)} s")
    print(result["status"].value_counts().to_string())


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
