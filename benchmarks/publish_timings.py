"""Benchmark: the yearly cycle's timings on this machine (not a test).

Copies the book (templates, config, landing pages) and data/ into a temporary folder and
times, on the real data, each step three times, printing every run with the machine's load
average (1, 5, 15 min) just before it, then the best of the three:
  1. preview: `python -m analysis preview`, a fresh interpreter, as an analyst types it;
  2. cold publish: nothing executed or built yet (`pipeline.publish`, the current edition,
     both languages), each run in a fresh copy;
  3. no-change publish: the same inputs again;
  4. one number changed: one observation's value altered (Shanghai's household waste
     recycling rate, a context figure drawn by one chapter in each language), republished
     up to the swapped site and the release; a different value each run.
Goals (issue 22, 2 cores, machine otherwise idle): preview 1.5 s, cold publish 30 s,
one number changed 10 s re-executing only the pages that show it, no-change publish 1.5 s.

    python benchmarks/publish_timings.py
"""

import os
import re
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
RUNS = 3
CHANGED = ("household_waste_recycling_rate", ["43.5", "43.6", "43.7"])  # indicator, a value for each run


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def best_of(label: str, runs) -> float:
    """Run each of `runs` (callables) once, printing its time with the load before it; then the best."""
    times = []
    for number, action in enumerate(runs, start=1):
        before = load()
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
        executed = f", {len(result.executed)} pages executed" if hasattr(result, "executed") else ""
        print(f"  {label} run {number}: {times[-1]:6.1f} s   (load before: {before}){executed}", flush=True)
    print(f"{label:<22} best of {len(times)}: {min(times):6.1f} s", flush=True)
    return min(times)


BENCHMARK_CHANNEL = "https://example.org/benchmark-copy-only"  # publish needs a channel; this copy is never published


def copy(folder: Path):
    """data/ and the book in `folder`; plan.yaml's channel, if empty, set to BENCHMARK_CHANNEL."""
    data = Path(shutil.copytree(REPO / "data", folder / "data"))
    plan = data / "plan.yaml"
    plan.write_text(re.sub(r'^(\s*report_error:\s*)""', rf'\1"{BENCHMARK_CHANNEL}"', plan.read_text(encoding="utf-8"),
                           flags=re.M), encoding="utf-8")
    return data, copy_book(folder / "book-copy", data)


def publish_and_report_run(project):
    report = pipeline.run(project, show_progress=False)
    pipeline.publish(project, show_progress=False)  # its own run finds nothing left to do
    return report


def change_one_number(data: Path, value: str) -> None:
    observations = pd.read_csv(data / "observations.csv", dtype=str, keep_default_na=False)
    observations.loc[observations["indicator_id"].eq(CHANGED[0]), "value"] = value
    observations.to_csv(data / "observations.csv", index=False)


def main() -> None:
    print(f"cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory() as folder:
        copies = [copy(Path(folder) / f"copy-{n}") for n in range(RUNS)]
        data, project = copies[-1]

        def preview():
            subprocess.run([sys.executable, "-m", "analysis", "preview", "--data-dir", str(data)], check=True,
                           stdout=subprocess.DEVNULL)

        def changed(value):
            def run():
                change_one_number(data, value)
                return publish_and_report_run(project)
            return run

        best_of("preview", [preview] * RUNS)
        best_of("cold publish", [lambda p=p: publish_and_report_run(p) for _, p in copies])
        best_of("no-change publish", [lambda: publish_and_report_run(project)] * RUNS)
        best_of("one number changed", [changed(value) for value in CHANGED[1]])


if __name__ == "__main__":
    sys.exit(main())
