"""The published notebooks against today's data: nbval must catch a data change that was not republished.

Each test runs nbval on one committed chapter in a subprocess, with the data directory
pointed (by $PCM_DATA_DIR) at a copy of data/ that the test may alter.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.inputs.dataset import load_dataset
from analysis.site.pipeline import STALE_PAGES

REPO = Path(__file__).resolve().parents[1]


def shown_figure(data_dir: Path) -> tuple[int, Path]:
    """The first observation (its row in observations.csv) that a chapter draws for one of its
    targets, and that chapter's published notebook (whatever the plan in data/)."""
    dataset = load_dataset(data_dir)
    actions = dataset.targets.drop_duplicates("indicator_id").set_index("indicator_id")["action"]
    observations = pd.read_csv(data_dir / "observations.csv", dtype=str, keep_default_na=False)
    row = observations.index[observations["indicator_id"].isin(actions.index)][0]
    action = actions[observations.at[row, "indicator_id"]]
    return row, REPO / "book" / "zh" / "actions" / f"action-{action}.ipynb"


def nbval(data_dir: Path) -> subprocess.CompletedProcess:
    _, chapter = shown_figure(REPO / "data")
    env = {**os.environ, "PCM_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", str(chapter)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "data", tmp_path / "data"))


def test_unchanged_data_reproduces_the_chapter(data_copy):
    result = nbval(data_copy)
    assert result.returncode == 0, result.stdout[-3000:]


def test_changed_data_without_republishing_fails(data_copy):
    path = data_copy / "observations.csv"
    observations = pd.read_csv(path, dtype=str, keep_default_na=False)
    row, _ = shown_figure(data_copy)
    value = float(observations.at[row, "value"])
    observations.at[row, "value"] = f"{value * 0.99 if value else 1.0:g}"  # a plausible revision of the figure
    observations.to_csv(path, index=False)
    load_dataset(data_copy)  # still valid data: only the published outputs are stale
    result = nbval(data_copy)
    assert result.returncode != 0
    assert "failed" in result.stdout
    # the first line says what to do, and no HTML diff follows
    assert result.stdout.splitlines()[0] == STALE_PAGES
    assert "<div" not in result.stdout
