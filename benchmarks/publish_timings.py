"""Benchmark: the yearly cycle's timings on this machine (not a test).

Copies the book (templates, config, landing pages) and data/ into a temporary folder and
times, on the real data, each with the machine's load average (1, 5, 15 min) before it:
  1. preview: `python -m analysis preview`, a fresh interpreter, as an analyst types it;
  2. cold publish: nothing executed or built yet (`pipeline.publish`, the current edition);
  3. no-change publish: the same inputs again;
  4. one number changed: one observation's value altered (Shanghai's household waste
     recycling rate, shown by action 五, the scorecard and the sources page), republished
     up to the swapped site and the release.
Targets (issue, 2 cores, machine otherwise idle): preview under 3 s, one number changed
under 20 s, cold publish under 60 s.

    python benchmarks/publish_timings.py
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.site import pipeline
from analysis.site.project import copy_book

REPO = Path(__file__).resolve().parents[1]


def timed(label: str, action) -> float:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    executed = f", {len(result.executed)} pages executed" if hasattr(result, "executed") else ""
    print(f"{label:<28} {seconds:7.1f} s   (load before: {load}){executed}", flush=True)
    return seconds


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(shutil.copytree(REPO / "data", Path(folder) / "data"))
        project = copy_book(Path(folder) / "book-copy", data)

        def publish_and_report_run():
            report = pipeline.run(project, show_progress=False)
            pipeline.publish(project, show_progress=False)  # its own run finds nothing left to do
            return report

        def preview():
            subprocess.run([sys.executable, "-m", "analysis", "preview", "--data-dir", str(data)], check=True,
                           stdout=subprocess.DEVNULL)

        print(f"cores: {os.cpu_count()}")
        timed("preview", preview)
        timed("cold publish", publish_and_report_run)
        timed("no-change publish", publish_and_report_run)
        observations = pd.read_csv(data / "observations.csv", dtype=str, keep_default_na=False)
        row = observations["indicator_id"].eq("household_waste_recycling_rate")
        observations.loc[row, "value"] = "43.5"
        observations.to_csv(data / "observations.csv", index=False)
        timed("one number changed", publish_and_report_run)


if __name__ == "__main__":
    sys.exit(main())
