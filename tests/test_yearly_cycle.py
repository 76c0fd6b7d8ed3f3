"""The yearly cycle, end to end, on a copy of the book with SYNTHETIC data (one action):
publish the first edition, change one observation, check a draft of the next year's
edition, publish it; the earlier record stays as it was, "what changed" compares with the
earlier edition, nbval passes on the new notebooks, and nonsense is refused with the
command to type."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from analysis.assess import editions
from analysis.site import pipeline
from analysis.site.project import Project
from analysis.__main__ import cli
from analysis.inputs.dataset import load_dataset
from analysis.site.postprocess import DRAFT_BANNER
from analysis.assess import progress as pg

from synthetic import FIRST_EDITION
from test_publish import book_copy
from test_validation import set_cell

REPO = Path(__file__).resolve().parents[1]


def pages(html: Path) -> dict[str, str]:
    """Every page of a built site (not the theme's templates, nor the root's redirect, which has no body)."""
    found = {p.relative_to(html).as_posix(): p.read_text(encoding="utf-8") for p in sorted(html.rglob("*.html"))
             if not p.relative_to(html).parts[0].startswith("_")}
    return {name: text for name, text in found.items() if "<body" in text}


@pytest.fixture(scope="module")
def first_published(tmp_path_factory) -> Project:
    project = book_copy(tmp_path_factory.mktemp("cycle"), n_actions=1)
    pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    return project


def test_a_draft_build_is_marked_on_every_page_and_a_normal_build_on_none(first_published):
    project = first_published
    draft = pages(pipeline.build(project, draft=True))
    assert len(draft) > 10 and all(DRAFT_BANNER in text for text in draft.values())
    assert not any(DRAFT_BANNER in text for text in pages(project.site).values())  # the published site
    assert not any(DRAFT_BANNER in text for text in pages(pipeline.build(project)).values())


def test_the_next_edition(first_published, caplog):
    project = first_published
    first = editions.latest(project.data_dir)
    first_record = editions.record_path(project.data_dir, first.year).read_bytes()
    nxt = editions.Edition(first.year + 1, first.data_as_of + datetime.timedelta(days=90))
    set_cell(project.data_dir / "observations.csv", 3, "value", "9000")  # pv_added 2022, target T1-1
    assert pipeline.stale_pages(project)  # the data changed: the published pages are stale

    caplog.set_level("INFO", logger="analysis")
    html = pipeline.publish(project, nxt.year, nxt.data_as_of, show_progress=False, draft=True)
    assert all(DRAFT_BANNER in text for text in pages(html).values())
    assert editions.latest(project.data_dir) == first and not any(DRAFT_BANNER in t for t in pages(project.site).values())

    pipeline.publish(project, nxt.year, nxt.data_as_of, show_progress=False)
    assert editions.record_path(project.data_dir, first.year).read_bytes() == first_record
    assert editions.latest(project.data_dir) == nxt
    assert f"published statuses this data moves against the {first.year} edition" in caplog.text
    assert f"status changes against the {first.year} edition" in caplog.text
    changes = (project.site / "en" / "changes.html").read_text(encoding="utf-8")
    assert f"The {nxt.year} edition" in changes and f"compared with the {first.year} edition" in changes
    assert "first edition" not in changes
    assert not any(DRAFT_BANNER in text for text in pages(project.site).values())
    assert pipeline.stale_pages(project) == []  # the README's test command finds nothing to republish

    new_notebooks = [str(p) for p in sorted((project.book / "zh").rglob("*.ipynb"))] + [
        str(project.book / "en" / "changes.ipynb")]
    nbval = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", *new_notebooks],
                           cwd=project.root, capture_output=True, text=True, timeout=600)
    assert nbval.returncode == 0, nbval.stdout[-3000:]

    recorded = {p.name: p.read_bytes() for p in (project.data_dir / editions.EDITIONS_DIR).iterdir()}
    with pytest.raises(editions.EditionError, match=f"publish --edition {nxt.year + 1} --data-as-of"):
        pipeline.publish(project, nxt.year + 5, show_progress=False)
    with pytest.raises(editions.EditionError, match=f"publish --edition {first.year} --replace"):
        pipeline.publish(project, first.year, show_progress=False)
    assert {p.name: p.read_bytes() for p in (project.data_dir / editions.EDITIONS_DIR).iterdir()} == recorded


def test_the_command_line_refuses_and_says_what_to_type(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(REPO / "data" / editions.EDITIONS_DIR, data / editions.EDITIONS_DIR)
    latest = editions.latest(data)
    records = sorted(p.name for p in (data / editions.EDITIONS_DIR).iterdir())
    result = CliRunner().invoke(cli, ["publish", "--data-dir", str(data), "--edition", str(latest.year + 5)])
    assert result.exit_code == 1
    assert f"python -m analysis publish --edition {latest.year + 1} --data-as-of YYYY-MM-DD" in result.output
    assert sorted(p.name for p in (data / editions.EDITIONS_DIR).iterdir()) == records  # nothing written


def test_the_preview_prints_every_target_without_touching_the_book(synthetic_dir):
    book = {p: p.stat().st_mtime_ns for p in (REPO / "book").rglob("*")}
    first = editions.Edition(FIRST_EDITION["edition"], FIRST_EDITION["data_as_of"])
    editions.write_edition(synthetic_dir, first, pg.assess_district(load_dataset(synthetic_dir), first.data_as_of))
    observations = pd.read_csv(synthetic_dir / "observations.csv", dtype=str, keep_default_na=False)
    added = observations[observations["indicator_id"].eq("pv_added")].tail(1).assign(year="2024", value="6000")
    pd.concat([observations, added]).to_csv(synthetic_dir / "observations.csv", index=False)

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-m", "analysis", "preview", "--data-dir", str(synthetic_dir), "--lang", "en"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == f"{first}; change against the {first.year} record; nothing under book/ was touched"
    rows = {line.split()[0]: line for line in lines[3:]}
    assert list(rows) == ["T0-1", "T0-2", "T1-1", "T4-1"]
    # 3,000 + 4,000 + 5,000 + 6,000 added in 2021-2024
    assert "18,000 kW (2024; summed from the yearly additions)" in rows["T1-1"]
    assert not rows["T1-1"].endswith("Unchanged")
    assert rows["T4-1"].endswith("Unchanged")
    assert {p: p.stat().st_mtime_ns for p in (REPO / "book").rglob("*")} == book
