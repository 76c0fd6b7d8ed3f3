"""What a chapter shows, on SYNTHETIC data: task statuses, and data strings shown as text, never markup."""

import pytest

from analysis import editions, progress as pg, publication
from analysis.dataset import default_data_dir
from analysis.labels import status_text
from analysis.publication import Chapter

from synthetic import PAGE_EDITION
from test_validation import set_cell


def current() -> tuple[int, str]:
    """The edition arguments of a page of the repository's data: its latest edition record."""
    edition = editions.latest(default_data_dir())
    return edition.year, edition.data_as_of.isoformat()

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def shown(monkeypatch):
    """Call a display method; return the HTML it displayed."""
    def run(method) -> str:
        outputs = []
        monkeypatch.setattr(publication, "display", outputs.append)
        method()
        return "".join(o.data for o in outputs)
    return run


def test_tasks_are_reported_or_not(synthetic_dir, shown):
    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    assert chapter.task_status(1) == f"{status_text(pg.REPORTED, 'en')} (2024)"
    other = Chapter.load(2, "zh", str(synthetic_dir), *PAGE_EDITION)
    assert other.task_status(1) == status_text(pg.NOT_REPORTED, "zh")
    assert "Synthetic progress" in shown(chapter.show_tasks)


def test_data_strings_are_text_on_the_page(synthetic_dir, shown):
    set_cell(synthetic_dir / "targets.csv", 4, "note_en", HOSTILE)
    set_cell(synthetic_dir / "sources.csv", 2, "title", HOSTILE)
    chapter = Chapter.load(1, "en", str(synthetic_dir), *PAGE_EDITION)
    html = shown(chapter.show_all_targets)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html  # the note, escaped
    chart_json = html.split('<script type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in chart_json and "\\u003cscript\\u003e" in chart_json  # the tooltip's source title


def test_the_plan_page_links_every_target_to_its_clause():
    """On the real plan text: each of the catalogue's targets is marked and linked, also
    where two targets' words overlap in one sentence."""
    import re

    from analysis.dataset import load_dataset
    from analysis.pages import Page

    page = Page.load("plan", "zh", "", *current()).plan()
    linked = set(re.findall(r'href="actions/action-\d\.html#(t\d-\d+)"', page))
    assert linked == {t.lower() for t in load_dataset().targets["target_id"]}
    assert page.count("<mark>") == page.count("</mark>")
