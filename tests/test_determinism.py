"""Determinism: executing a page again from the same inputs writes the same bytes as the
published notebook (not only the same outputs, which nbval checks: the whole file)."""

from pathlib import Path

import pytest

from analysis.site import pipeline
from analysis.site.project import Project
from analysis.inputs.dataset import load_dataset

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.published_pages
@pytest.mark.parametrize("output", ["book/zh/actions/action-1.ipynb", "book/en/scorecard.ipynb"])
def test_a_fresh_execution_matches_the_published_notebook_byte_for_byte(tmp_path, output):
    project = Project()
    stamps = (REPO / "book" / pipeline.STAMPS).read_text()
    job = next(j for j in pipeline.plan_jobs(load_dataset(), project, pipeline.current_edition(project)) if str(j.output) == output)
    assert f'"{output}"' in stamps, "the page is published"
    fresh = pipeline.execute(job, tmp_path)
    assert fresh.read_bytes() == (REPO / output).read_bytes()
