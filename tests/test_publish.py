"""Publishing: bad data never reaches a page, a failing page leaves everything as it was,
and a good run replaces the site (on a copy of the book with SYNTHETIC data)."""

from pathlib import Path

import nbformat
import pytest

from analysis.site import pipeline
from analysis.site.engine import PageError
from analysis.site.project import copy_book, Project
from analysis.inputs.validation import DataValidationError

from synthetic import FIRST_EDITION, write_synthetic_dataset
from test_validation import set_cell

def book_copy(tmp_path: Path, n_actions: int = 9) -> Project:
    return copy_book(tmp_path / "book-copy", write_synthetic_dataset(tmp_path / "data", n_actions))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project_with_site(tmp_path) -> Project:
    """A book copy whose previously published site and notebooks are stand-ins to compare."""
    project = book_copy(tmp_path)
    (project.site).mkdir(parents=True)
    (project.site / "index.html").write_text("<p>the previous edition</p>", encoding="utf-8")
    (project.book / "zh" / "actions").mkdir(parents=True)
    (project.book / "zh" / "actions" / "action-1.ipynb").write_text("previously published", encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "file, row, column, value",
    [
        ("observations.csv", 2, "indicator_id", "unknown_indicator"),  # unknown indicator
        ("observations.csv", 3, "unit", "MW"),                          # unit mismatch
        ("observations.csv", 4, "year", "2021"),                        # duplicate year
        ("observations.csv", 2, "value", "n/a"),                        # non-numeric value
        ("observations.csv", 2, "year", "1990"),                        # year outside 2000-2060
        ("observations.csv", 2, "source_id", ""),                       # missing source
        ("observations.csv", 2, "value", "<script>alert(1)</script>"),  # markup as a value
    ],
)
def test_bad_data_never_reaches_a_page(project_with_site, file, row, column, value):
    before = snapshot(project_with_site.root)
    set_cell(project_with_site.data_dir / file, row, column, value)
    with pytest.raises(DataValidationError):
        pipeline.publish(project_with_site, **FIRST_EDITION, show_progress=False)
    assert snapshot(project_with_site.root) == before


def add_to_action_template(project: Project, code: str) -> None:
    """A last cell in the chapters' template."""
    template = project.templates / "action.ipynb"
    notebook = nbformat.read(template, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(code))
    nbformat.write(notebook, template)


def test_a_failing_page_leaves_site_notebooks_and_record_untouched_and_names_the_page_and_cell(project_with_site):
    add_to_action_template(project_with_site, 'if action == 1:\n    raise RuntimeError("synthetic failure")')
    before, data_before = snapshot(project_with_site.root), snapshot(project_with_site.data_dir)
    with pytest.raises(PageError, match=r"book/(zh|en)/actions/action-1\.ipynb, cell \d+ \(if action == 1:\): "
                                        r"(?s:.*)synthetic failure"):
        pipeline.publish(project_with_site, **FIRST_EDITION, show_progress=False)
    assert snapshot(project_with_site.root) == before
    assert snapshot(project_with_site.data_dir) == data_before  # no edition recorded


def test_a_kernel_that_dies_mid_publish_changes_nothing_and_the_next_publish_starts_clean(tmp_path):
    project = book_copy(tmp_path, n_actions=1)
    template = (project.templates / "action.ipynb").read_bytes()
    add_to_action_template(project, "if action == 1:\n    import os\n    os._exit(1)  # the kernel dies")
    before, data_before = snapshot(project.root), snapshot(project.data_dir)
    with pytest.raises(PageError, match=r"book/(zh|en)/actions/action-1\.ipynb, cell \d+ \(if action == 1:\): "
                                        r"DeadKernelError"):
        pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    assert snapshot(project.root) == before and snapshot(project.data_dir) == data_before
    (project.templates / "action.ipynb").write_bytes(template)
    site = pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    assert "行动一" in (site / "zh" / "actions" / "action-1.html").read_text(encoding="utf-8")
    assert (project.data_dir / "editions" / f"{FIRST_EDITION['edition']}.json").exists()


HOSTILE = '<script>alert("pwned")</script><a href="javascript:alert(1)">x</a>'


def test_publish_replaces_the_site_and_reruns_only_what_changed(tmp_path):
    project = book_copy(tmp_path, n_actions=1)
    set_cell(project.data_dir / "targets.csv", 4, "note_zh", HOSTILE)  # T1-1, shown by action 一
    set_cell(project.data_dir / "sources.csv", 2, "title", HOSTILE)
    site = pipeline.publish(project, **FIRST_EDITION, show_progress=False)
    page = (site / "zh" / "actions" / "action-1.html").read_text(encoding="utf-8")
    assert "行动一" in page and "合成" in page
    # data strings went through the whole build as text: escaped on the page, never markup
    assert 'alert("pwned")' not in page and 'href="javascript:' not in page
    assert "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;" in page
    assert (project.data_dir / "editions" / f"{FIRST_EDITION['edition']}.json").exists()
    assert (project.build_dir / "release" / "manifest.json").exists()

    again = pipeline.run(project, show_progress=False)
    assert again.executed == []
    # published again from the same inputs: the site, the record and the release are left as they are
    written = {p: p.stat().st_mtime_ns for p in (site / "index.html", project.build_dir / "release" / "manifest.json",
                                               project.data_dir / "editions" / f"{FIRST_EDITION['edition']}.json")}
    assert pipeline.publish(project, **FIRST_EDITION, show_progress=False) == site
    assert {p: p.stat().st_mtime_ns for p in written} == written

    set_cell(project.data_dir / "observations.csv", 3, "value", "4500")  # pv_added 2022, an action 1 target
    changed = pipeline.run(project, show_progress=False)
    executed = sorted(str(p.relative_to(project.root)) for p in changed.executed)
    assert "book/zh/actions/action-1.ipynb" in executed and "book/en/actions/action-1.ipynb" in executed
    assert "book/zh/actions/action-0.ipynb" not in executed and "book/zh/methodology.ipynb" not in executed

    # a context figure (the city's green travel share, shown beside T0-1) moves no status: only the
    # chapter that draws it, in each language, is executed again; the scorecard, the landing page
    # and the sources page (which counts values, not reads them) are not
    set_cell(project.data_dir / "observations.csv", 8, "value", "71")
    context = pipeline.run(project, show_progress=False)
    assert sorted(str(p.relative_to(project.root)) for p in context.executed) == [
        "book/en/actions/action-0.ipynb", "book/zh/actions/action-0.ipynb"]
