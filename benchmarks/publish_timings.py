"""Benchmark: publish timings on this machine (not a test).

Copies the book (templates, config, landing pages) and data/ into a temporary folder and
times, with `pipeline.publish` on the real data:
  1. cold: nothing executed or built yet;
  2. no change: the same inputs again;
  3. one dataset changed: one observation's value altered (Shanghai's household waste
     recycling rate, shown by action 五, the scorecard and the sources page).
Targets (issue): cold under 90 s, no change under 5 s.

    python benchmarks/publish_timings.py
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import pipeline

REPO = Path(__file__).resolve().parents[1]


def timed(label: str, action) -> float:
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    executed = f", {len(result.executed)} pages executed" if hasattr(result, "executed") else ""
    print(f"{label:<28} {seconds:7.1f} s{executed}", flush=True)
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(shutil.copytree(REPO / "data", Path(folder) / "data"))
        project = pipeline.copy_book(Path(folder) / "book-copy", data)

        def publish_and_report_run():
            report = pipeline.run(project, show_progress=False)
            pipeline.publish(project, show_progress=False)  # its own run finds nothing left to do
            return report

        print(f"cores: {pipeline.os.cpu_count()}")
        timed("cold publish", publish_and_report_run)
        timed("no-change publish", publish_and_report_run)
        observations = pd.read_csv(data / "observations.csv", dtype=str, keep_default_na=False)
        row = observations["indicator_id"].eq("household_waste_recycling_rate")
        observations.loc[row, "value"] = "43.5"
        observations.to_csv(data / "observations.csv", index=False)
        timed("one-dataset-changed publish", publish_and_report_run)


if __name__ == "__main__":
    sys.exit(main())
